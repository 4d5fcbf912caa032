//! How a cancellation request reaches a task's current await point.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::Waker;

/// What holds a task's [`CancelSignal`]: the task itself, so that the signal, shared with
/// the task's context and its awaits, costs no allocation of its own.
pub(crate) trait SignalOwner {
    fn signal(&self) -> &CancelSignal;
    /// The task's `cancel()`: false once it is done.
    fn cancel(&self) -> bool;
}

/// A task's pending cancellation: asyncio's `_must_cancel`, plus what the task awaits.
#[derive(Default)]
pub(crate) struct CancelSignal {
    // Plain cells, outside the RefCell: every step of every task checks them.
    pending: Cell<bool>,
    /// A sticky request: every later cancellation point fails too, so that even a body
    /// that catches its cancellation ends at its next await.
    aborted: Cell<bool>,
    /// asyncio's `_num_cancels_requested`: how many `cancel()` calls no `uncancel()` has
    /// answered, which is how a timeout tells its own cancellation from anyone else's.
    requests: Cell<usize>,
    state: RefCell<SignalState>,
}

#[derive(Default)]
struct SignalState {
    waker: Option<Waker>,
    /// Cancels the future the task is awaiting, as asyncio cancels `_fut_waiter`.
    awaited: Option<Rc<dyn Fn() -> bool>>,
}

impl CancelSignal {
    /// Requests cancellation. If the task awaits a future that accepts the cancellation,
    /// the task learns of it through that future's outcome; otherwise the request is
    /// delivered at the task's next cancellation point.
    pub(crate) fn request(&self) {
        self.requests.set(self.requests.get() + 1);
        let awaited = self.state.borrow().awaited.clone();
        if let Some(cancel_awaited) = awaited {
            if cancel_awaited() {
                return;
            }
        }
        self.pending.set(true);
        let waker = self.state.borrow_mut().waker.take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// asyncio's `Task.cancelling()`: the requests not yet answered by an `uncancel()`.
    pub(crate) fn cancelling(&self) -> usize {
        self.requests.get()
    }

    /// asyncio's `Task.uncancel()` (3.12): one request fewer; returns how many are left. A
    /// request not yet delivered stays pending (3.13 drops it once none is left; no
    /// scenario can tell the two apart, see docs/semantics.md).
    pub(crate) fn uncancel(&self) -> usize {
        let left = self.requests.get().saturating_sub(1);
        self.requests.set(left);
        left
    }

    /// Takes a pending request, if any: each request is delivered once, an abort always.
    pub(crate) fn take_pending(&self) -> bool {
        self.pending.replace(false) || self.aborted.get()
    }

    /// Cancels at every cancellation point from now on, cleanups included.
    pub(crate) fn abort(&self) {
        self.aborted.set(true);
        self.request();
    }

    /// Remembers the waker of the task's latest poll, to wake it on a request.
    pub(crate) fn register(&self, waker: &Waker) {
        let mut state = self.state.borrow_mut();
        match &state.waker {
            Some(known) if known.will_wake(waker) => {}
            _ => state.waker = Some(waker.clone()),
        }
    }

    pub(crate) fn set_awaited(&self, cancel: Option<Rc<dyn Fn() -> bool>>) {
        self.state.borrow_mut().awaited = cancel;
    }
}
