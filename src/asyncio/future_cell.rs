//! The state every task and gather shares: asyncio.Future, minus the public face.

use super::{Exception, Outcome};
use crate::runtime::Runtime;
use std::cell::{Cell, RefCell};
use std::task::{Context, Poll, Waker};

/// Identity of a future, for gather's "same awaitable passed twice is wrapped once".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FutureId(u64);

impl FutureId {
    /// The id as a number, ordered as the ids are.
    pub(crate) fn get(self) -> u64 {
        self.0
    }

    fn next() -> Self {
        thread_local! {
            static NEXT_ID: Cell<u64> = const { Cell::new(0) };
        }
        NEXT_ID.with(|next| {
            let id = next.get();
            next.set(id + 1);
            FutureId(id)
        })
    }
}

pub(crate) type DoneCallback = crate::runtime::SoonCallback;

/// What a result slot is without its value type: its identity, its state, its listeners.
/// Every awaitable is one of these underneath (a mapped one, its source's).
pub(crate) trait Slot {
    fn id(&self) -> FutureId;
    fn done(&self) -> bool;
    fn cancelled(&self) -> bool;
    fn status(&self) -> Option<Outcome<()>>;
    fn add_done_callback(&self, callback: DoneCallback);
    fn add_done_callback_if_pending(&self, callback: DoneCallback) -> Result<(), DoneCallback>;
}

impl<T: Clone> Slot for FutureCell<T> {
    fn id(&self) -> FutureId {
        self.id
    }

    fn done(&self) -> bool {
        FutureCell::done(self)
    }

    fn cancelled(&self) -> bool {
        FutureCell::cancelled(self)
    }

    fn status(&self) -> Option<Outcome<()>> {
        FutureCell::status(self)
    }

    fn add_done_callback(&self, callback: DoneCallback) {
        FutureCell::add_done_callback(self, callback);
    }

    fn add_done_callback_if_pending(&self, callback: DoneCallback) -> Result<(), DoneCallback> {
        FutureCell::add_done_callback_if_pending(self, callback)
    }
}

/// A result slot with done callbacks and wakers, finished once.
pub(crate) struct FutureCell<T> {
    id: FutureId,
    runtime: Runtime,
    state: RefCell<CellState<T>>,
}

struct CellState<T> {
    outcome: Option<Outcome<T>>,
    listeners: Listeners,
}

/// Who hears of the future's end, in the order they started listening: asyncio keeps a
/// task awaiting the future (its wake-up) and `add_done_callback`'s callbacks in one list,
/// and schedules them in that order.
enum Listener {
    Callback(DoneCallback),
    Awaiting(Waker),
}

/// Most futures get exactly one listener (their gather's callback), kept without
/// allocating a list for it.
#[derive(Default)]
enum Listeners {
    #[default]
    None,
    One(Listener),
    Many(Vec<Listener>),
}

impl Listeners {
    fn push(&mut self, listener: Listener) {
        *self = match std::mem::take(self) {
            Listeners::None => Listeners::One(listener),
            Listeners::One(first) => Listeners::Many(vec![first, listener]),
            Listeners::Many(mut all) => {
                all.push(listener);
                Listeners::Many(all)
            }
        };
    }

    fn is_awaited_by(&self, waker: &Waker) -> bool {
        let awaits = |listener: &Listener| match listener {
            Listener::Awaiting(known) => known.will_wake(waker),
            Listener::Callback(_) => false,
        };
        match self {
            Listeners::None => false,
            Listeners::One(listener) => awaits(listener),
            Listeners::Many(all) => all.iter().any(awaits),
        }
    }

    /// Schedules every listener for the next turn, in order: a callback through
    /// `call_soon`, an awaiting task by waking it (which queues its step).
    #[inline]
    fn schedule(self, runtime: &Runtime) {
        let notify = |listener| match listener {
            Listener::Callback(callback) => runtime.call_soon(callback),
            Listener::Awaiting(waker) => waker.wake(),
        };
        match self {
            Listeners::None => {}
            Listeners::One(listener) => notify(listener),
            Listeners::Many(all) => all.into_iter().for_each(notify),
        }
    }
}

impl<T: Clone> FutureCell<T> {
    pub(crate) fn new(runtime: Runtime) -> Self {
        FutureCell {
            id: FutureId::next(),
            runtime,
            state: RefCell::new(CellState {
                outcome: None,
                listeners: Listeners::None,
            }),
        }
    }

    #[inline]
    pub(crate) fn done(&self) -> bool {
        self.state.borrow().outcome.is_some()
    }

    pub(crate) fn cancelled(&self) -> bool {
        matches!(self.state.borrow().outcome, Some(Outcome::Cancelled))
    }

    #[inline]
    pub(crate) fn outcome(&self) -> Option<Outcome<T>> {
        self.state.borrow().outcome.clone()
    }

    /// How the future ended, without cloning its value: `None` while pending.
    #[inline]
    pub(crate) fn status(&self) -> Option<Outcome<()>> {
        match &self.state.borrow().outcome {
            None => None,
            Some(Outcome::Value(_)) => Some(Outcome::Value(())),
            Some(Outcome::Raised(exception)) => Some(Outcome::Raised(exception.clone())),
            Some(Outcome::Cancelled) => Some(Outcome::Cancelled),
        }
    }

    /// asyncio's `Future.result()`: the value, the exception raised (`CancelledError` if
    /// cancelled), or `InvalidStateError` while pending.
    pub(crate) fn result(&self) -> Result<T, Exception> {
        match self.outcome() {
            Some(outcome) => outcome.into_result(),
            None => Err(Exception::invalid_state_error("Result is not set.")),
        }
    }

    /// asyncio's `Future.exception()`: the exception raised or `None`; `Err` with
    /// `CancelledError` if cancelled, `InvalidStateError` while pending.
    pub(crate) fn exception(&self) -> Result<Option<Exception>, Exception> {
        match self.outcome() {
            Some(Outcome::Value(_)) => Ok(None),
            Some(Outcome::Raised(exception)) => Ok(Some(exception)),
            Some(Outcome::Cancelled) => Err(Exception::cancelled_error()),
            None => Err(Exception::invalid_state_error("Exception is not set.")),
        }
    }

    /// Finishes the future; false if it was already finished. Done callbacks and the tasks
    /// awaiting it run on the next turn of the loop, in the order they started listening.
    #[inline]
    pub(crate) fn finish(&self, outcome: Outcome<T>) -> bool {
        let listeners = {
            let mut state = self.state.borrow_mut();
            if state.outcome.is_some() {
                return false;
            }
            state.outcome = Some(outcome);
            std::mem::take(&mut state.listeners)
        };
        listeners.schedule(&self.runtime);
        true
    }

    /// Adds a callback for when the future finishes; on a finished future it is scheduled
    /// for the next turn at once, as in asyncio.
    pub(crate) fn add_done_callback(&self, callback: DoneCallback) {
        let mut state = self.state.borrow_mut();
        if state.outcome.is_some() {
            drop(state);
            self.runtime.call_soon(callback);
        } else {
            state.listeners.push(Listener::Callback(callback));
        }
    }

    /// Adds a callback for when the future finishes, unless it has: then the callback is
    /// handed back. One look at the state, where `done` then `add_done_callback` take two.
    #[inline]
    pub(crate) fn add_done_callback_if_pending(
        &self,
        callback: DoneCallback,
    ) -> Result<(), DoneCallback> {
        let mut state = self.state.borrow_mut();
        if state.outcome.is_some() {
            return Err(callback);
        }
        state.listeners.push(Listener::Callback(callback));
        Ok(())
    }

    pub(crate) fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<T>> {
        let mut state = self.state.borrow_mut();
        match &state.outcome {
            Some(outcome) => Poll::Ready(outcome.clone()),
            None => {
                // A task's waker is the same on every poll: one listener per awaiting task.
                if !state.listeners.is_awaited_by(cx.waker()) {
                    state.listeners.push(Listener::Awaiting(cx.waker().clone()));
                }
                Poll::Pending
            }
        }
    }
}
