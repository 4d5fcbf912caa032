//! asyncio.timeout and asyncio.wait_for, as CPython 3.12 and later have them.

use super::cancel_signal::SignalOwner;
use super::plain_future::PlainFuture;
use super::{Awaitable, Exception, Outcome, TaskContext};
use crate::runtime::{Runtime, SoonCallback, TimerHandle};
use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// A deadline around the rest of a task's work: `async with asyncio.timeout(delay):`, made
/// by [`TaskContext::timeout`].
///
/// **When it fires** (`delay_ms` after the block was entered, the first time it is polled):
/// it calls `cancel()` on the task running the block, as CPython's `Timeout._on_timeout`
/// does. The cancellation arrives at the block's current await like any other: the work
/// may catch it, clean up, and go on. A timeout does not end the work; it asks it to end,
/// and waits for it.
///
/// **When the block ends**: if the timeout fired, the block ended with `CancelledError`,
/// and no other `cancel()` request came meanwhile (the task's [`Task::cancelling`] count is
/// back to what it was on entry once the timeout answers its own request), the block raises
/// `TimeoutError` instead. Otherwise its own outcome passes through: a value if the work
/// swallowed the cancellation, `CancelledError` if someone else cancelled the task too.
///
/// # Examples
///
/// ```
/// use gather_playground::VirtualClock;
///
/// let clock = VirtualClock::new();
/// let task = clock.runtime().spawn(|cx| async move {
///     cx.timeout(100, async { cx.sleep(500).await?; Ok("slept") }).await
/// });
/// clock.run_until_stalled();
/// assert_eq!(task.result().unwrap_err().type_name(), "TimeoutError");
/// assert_eq!(clock.now_ms(), 100);
/// ```
///
/// [`Task::cancelling`]: crate::Task::cancelling
#[must_use = "a timeout does nothing unless awaited"]
pub struct Timeout<'a, T> {
    cx: &'a TaskContext,
    delay_ms: u64,
    work: Pin<Box<dyn Future<Output = Result<T, Exception>> + 'a>>,
    entered: Option<Entered>,
    on_fire: Option<SoonCallback>,
}

struct Entered {
    /// The task's cancel requests on entry, not counting the timeout's.
    cancelling: usize,
    state: Rc<Cell<State>>,
    /// The timer, when the delay was not 0 (a delay of 0 fires on the next turn).
    handle: Option<TimerHandle>,
}

/// CPython's `Timeout._state`, from entry on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Entered,
    /// The timeout fired and cancelled the task.
    Expiring,
    /// The block ended first: a timeout still due must do nothing.
    Exited,
}

impl<T> fmt::Debug for Timeout<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeout")
            .field("delay_ms", &self.delay_ms)
            .field(
                "expired",
                &self
                    .entered
                    .as_ref()
                    .is_some_and(|e| e.state.get() == State::Expiring),
            )
            .finish()
    }
}

impl TaskContext {
    /// Runs `work` under a deadline (asyncio's `async with asyncio.timeout(delay_ms)`): see
    /// [`Timeout`]. `work` uses this context's cancellation points, so the timeout's
    /// `cancel()` reaches it.
    pub fn timeout<'a, T>(
        &'a self,
        delay_ms: u64,
        work: impl Future<Output = Result<T, Exception>> + 'a,
    ) -> Timeout<'a, T> {
        Timeout {
            cx: self,
            delay_ms,
            work: Box::pin(work),
            entered: None,
            on_fire: None,
        }
    }

    /// `await asyncio.wait_for(awaited, timeout)` for a task or gather: waits for it, and
    /// cancels it if it is not done within `timeout_ms`, then waits for it to end and
    /// raises `TimeoutError` (unless it swallowed the cancellation and returned a value,
    /// which is then the result). With a timeout of 0, `awaited` is cancelled at once
    /// unless already done, as CPython special-cases it. Cancelling the waiting task
    /// cancels `awaited` too.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::{gather, VirtualClock};
    ///
    /// let clock = VirtualClock::new();
    /// let runtime = clock.runtime();
    /// // A child that catches its cancellation and cleans up for 50 ms before re-raising.
    /// let careful = |runtime: &gather_playground::Runtime| runtime.spawn(|cx| async move {
    ///     if let Err(cancelled) = cx.sleep(1_000).await {
    ///         cx.sleep(50).await?;
    ///         return Err::<(), _>(cancelled);
    ///     }
    ///     Ok(())
    /// });
    /// let children = gather(&runtime, [careful(&runtime), careful(&runtime)], false);
    /// let waiter = runtime.spawn(move |cx| async move { cx.wait_for(children, 100).await });
    /// clock.run_until_stalled();
    /// // The children were cancelled at 100; the timeout waited for their cleanups.
    /// assert_eq!(waiter.result().unwrap_err().type_name(), "TimeoutError");
    /// assert_eq!(clock.now_ms(), 150);
    /// ```
    pub async fn wait_for<U: Clone + 'static>(
        &self,
        awaited: impl Into<Awaitable<U>>,
        timeout_ms: u64,
    ) -> Result<U, Exception> {
        let awaited = awaited.into();
        if timeout_ms > 0 {
            return self.timeout(timeout_ms, self.wait(awaited)).await;
        }
        if awaited.done() {
            return awaited.outcome().map_or_else(
                || Err(Exception::invalid_state_error("Result is not set.")),
                Outcome::into_result,
            );
        }
        self.cancel_and_wait(&awaited).await?;
        match awaited.outcome() {
            Some(Outcome::Cancelled) => Err(Exception::timeout_error()),
            Some(outcome) => match outcome.into_result() {
                Err(error) if error.is_cancelled_error() => Err(Exception::timeout_error()),
                result => result,
            },
            None => Err(Exception::invalid_state_error("Result is not set.")),
        }
    }

    /// CPython's `_cancel_and_wait`: cancels `awaited` and waits, on a future of its own,
    /// for it to end. Cancelling this task meanwhile stops the wait, not `awaited`.
    async fn cancel_and_wait<U: Clone + 'static>(
        &self,
        awaited: &Awaitable<U>,
    ) -> Result<(), Exception> {
        let waiter = PlainFuture::new(self.runtime());
        let release = Rc::clone(&waiter);
        awaited.add_done_callback(SoonCallback::new(move || {
            release.set(Outcome::Value(()));
        }));
        awaited.cancel();
        self.wait(waiter.awaitable()).await
    }
}

impl<'a, T> Timeout<'a, T> {
    /// Calls `on_fire` when the timeout fires, just before it cancels the task: to watch it
    /// (the playground logs the moment).
    pub fn on_fire(mut self, on_fire: impl FnOnce() + 'static) -> Self {
        self.on_fire = Some(SoonCallback::new(on_fire));
        self
    }
}

impl<T> Future for Timeout<'_, T> {
    type Output = Result<T, Exception>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.entered.is_none() {
            let on_fire = this.on_fire.take();
            this.entered = Some(enter(
                this.cx.task(),
                this.cx.runtime(),
                this.delay_ms,
                on_fire,
            ));
        }
        let result = match this.work.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        let Some(mut entered) = this.entered.take() else {
            return Poll::Ready(result);
        };
        if let Some(handle) = entered.handle.take() {
            handle.cancel();
        }
        if entered.state.replace(State::Exited) != State::Expiring {
            return Poll::Ready(result);
        }
        let left = this.cx.task().signal().uncancel();
        Poll::Ready(match result {
            Err(error) if error.is_cancelled_error() && left <= entered.cancelling => {
                Err(Exception::timeout_error())
            }
            result => result,
        })
    }
}

/// `Timeout.__aenter__`: notes the task's cancel requests and sets the timer (at once on
/// the next turn if the delay is 0, as `reschedule` does for a deadline already past).
fn enter(
    task: &Rc<dyn SignalOwner>,
    runtime: &Runtime,
    delay_ms: u64,
    on_fire: Option<SoonCallback>,
) -> Entered {
    let state = Rc::new(Cell::new(State::Entered));
    let on_timeout = {
        let (task, state) = (Rc::clone(task), Rc::clone(&state));
        SoonCallback::new(move || {
            if state.get() == State::Entered {
                if let Some(on_fire) = on_fire {
                    on_fire.run();
                }
                task.cancel();
                state.set(State::Expiring);
            }
        })
    };
    let handle = if delay_ms == 0 {
        runtime.call_soon(on_timeout);
        None
    } else {
        Some(runtime.call_at(runtime.now_ms() + delay_ms as f64, on_timeout))
    };
    Entered {
        cancelling: task.signal().cancelling(),
        state,
        handle,
    }
}
