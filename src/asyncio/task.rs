//! A spawned child with a handle: asyncio's Task.

use super::awaitable::FutureLike;
use super::cancel_signal::{CancelSignal, SignalOwner};
use super::future_cell::{FutureCell, Slot};
use super::{Awaitable, Exception, Outcome, TaskContext};
use crate::runtime::{Runtime, SoonCallback};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// A handle to a spawned task: asyncio's `Task`, made by [`Runtime::spawn`].
///
/// The task starts on a later turn of the loop, whether or not anyone awaits it. Its body
/// returns `Ok(value)` or `Err(exception)`; returning `Err(CancelledError)` (usually by
/// `?` on a cancelled sleep) ends it *cancelled*.
///
/// Cancellation is a request, not a kill: [`Task::cancel`] makes the task's current (or
/// next) [`TaskContext::sleep`] or [`TaskContext::wait`] return `Err(CancelledError)`. The
/// body may propagate it, or catch it, keep running (clean up, sleep again) and then return
/// a value or raise. A task cancelled before its first step never runs its body.
///
/// Clones are handles to the same task. Awaiting a handle gives its result.
///
/// # Examples
///
/// ```
/// use gather_playground::{Exception, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let careful = runtime.spawn(|cx| async move {
///     if cx.sleep(1_000).await.is_err() {
///         // Caught the cancellation: clean up for 100 ms, then return anyway.
///         cx.sleep(100).await?;
///         return Ok("cleaned up");
///     }
///     Ok("finished")
/// });
/// let canceller = careful.clone();
/// runtime.spawn_detached({
///     let runtime = runtime.clone();
///     async move {
///         runtime.sleep(50).await;
///         assert!(canceller.cancel());
///     }
/// });
/// assert_eq!(clock.block_on(careful.clone()), Some(Ok("cleaned up")));
/// assert_eq!(clock.now_ms(), 150);
/// assert!(!careful.cancelled());
/// ```
pub struct Task<T> {
    core: Rc<TaskInner<T>>,
}

struct TaskInner<T> {
    cell: FutureCell<T>,
    signal: CancelSignal,
}

impl<T: Clone + 'static> SignalOwner for TaskInner<T> {
    fn signal(&self) -> &CancelSignal {
        &self.signal
    }

    fn cancel(&self) -> bool {
        FutureLike::cancel(self)
    }
}

impl<T: Clone + 'static> fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Task")
            .field("done", &self.done())
            .field("cancelled", &self.cancelled())
            .finish_non_exhaustive()
    }
}

impl<T> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task {
            core: Rc::clone(&self.core),
        }
    }
}

impl Runtime {
    /// Spawns a task running `body` and returns its handle (asyncio's `create_task`).
    ///
    /// The body gets a [`TaskContext`] for cancellable sleeps and waits. It starts on a
    /// later turn of the loop, tasks in the order they were spawned.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::VirtualClock;
    ///
    /// let clock = VirtualClock::new();
    /// let task = clock.runtime().spawn(|cx| async move {
    ///     cx.sleep(10).await?;
    ///     Ok(42)
    /// });
    /// assert!(!task.done());
    /// clock.run_until_stalled();
    /// assert_eq!(task.result(), Ok(42));
    /// ```
    pub fn spawn<T, F, Fut>(&self, body: F) -> Task<T>
    where
        T: Clone + 'static,
        F: FnOnce(TaskContext) -> Fut + 'static,
        Fut: Future<Output = Result<T, Exception>> + 'static,
    {
        let core = Rc::new(TaskInner {
            cell: FutureCell::new(self.clone()),
            signal: CancelSignal::default(),
        });
        let context = TaskContext::new(self.clone(), Rc::clone(&core) as Rc<dyn SignalOwner>);
        let driver_core = Rc::clone(&core);
        self.spawn_detached(async move {
            let signal = &driver_core.signal;
            // Cancelled before its first step: the body never runs.
            if signal.take_pending() {
                driver_core.cell.finish(Outcome::Cancelled);
                return;
            }
            let outcome = match body(context).await {
                // A request that arrived after the body's last await still cancels it.
                Ok(_) if signal.take_pending() => Outcome::Cancelled,
                Ok(value) => Outcome::Value(value),
                Err(exception) if exception.is_cancelled_error() => Outcome::Cancelled,
                Err(exception) => Outcome::Raised(exception),
            };
            driver_core.cell.finish(outcome);
        });
        Task { core }
    }
}

impl<T: Clone + 'static> Task<T> {
    /// Requests cancellation; returns false if the task is already done, true otherwise
    /// (also when a request is already pending).
    ///
    /// The task is not done when this returns: it ends when its body reacts, cancelled if
    /// it lets the `CancelledError` propagate, otherwise as its body decides.
    pub fn cancel(&self) -> bool {
        FutureLike::cancel(&*self.core)
    }

    /// asyncio's `Task.cancelling()`: how many `cancel()` requests no `uncancel()` has
    /// answered yet.
    pub fn cancelling(&self) -> usize {
        self.core.signal.cancelling()
    }

    /// asyncio's `Task.uncancel()`: answers one `cancel()` request (as a timeout does for
    /// its own), and returns how many are left.
    pub fn uncancel(&self) -> usize {
        self.core.signal.uncancel()
    }

    /// Stops the task at its current await and at every later one: unlike
    /// [`Task::cancel`], a body that catches the cancellation cannot keep running past its
    /// next cancellation point. Not part of asyncio; for tearing down a whole run.
    pub fn abort(&self) {
        if !self.core.cell.done() {
            self.core.signal.abort();
        }
    }

    /// Whether the task has finished.
    pub fn done(&self) -> bool {
        self.core.cell.done()
    }

    /// Whether the task ended cancelled.
    pub fn cancelled(&self) -> bool {
        self.core.cell.cancelled()
    }

    /// How the task ended, or `None` while it runs.
    pub fn outcome(&self) -> Option<Outcome<T>> {
        self.core.cell.outcome()
    }

    /// The task's value; `Err` with the exception it raised, `CancelledError` if cancelled,
    /// or `InvalidStateError` while it runs (asyncio's `Task.result()`).
    pub fn result(&self) -> Result<T, Exception> {
        self.core.cell.result()
    }

    /// The exception the task raised, `Ok(None)` if it returned a value; `Err` with
    /// `CancelledError` if cancelled or `InvalidStateError` while it runs (asyncio's
    /// `Task.exception()`).
    pub fn exception(&self) -> Result<Option<Exception>, Exception> {
        self.core.cell.exception()
    }

    /// Calls `callback` with this task once it is done, on the loop turn after it finishes
    /// (at once on the next turn if it already has). Each callback runs exactly once.
    pub fn add_done_callback(&self, callback: impl FnOnce(&Task<T>) + 'static) {
        let task = self.clone();
        self.core
            .cell
            .add_done_callback(SoonCallback::new(move || callback(&task)));
    }
}

impl<T: Clone + 'static> FutureLike<T> for TaskInner<T> {
    fn slot(&self) -> &dyn Slot {
        &self.cell
    }

    fn cancel(&self) -> bool {
        if self.cell.done() {
            return false;
        }
        self.signal.request();
        true
    }

    fn outcome(&self) -> Option<Outcome<T>> {
        self.cell.outcome()
    }

    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<T>> {
        self.cell.poll_outcome(cx)
    }
}

impl<T: Clone + 'static> From<Task<T>> for Awaitable<T> {
    fn from(task: Task<T>) -> Self {
        Awaitable::new(task.core)
    }
}

impl<T: Clone + 'static> Future for Task<T> {
    type Output = Result<T, Exception>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.core.cell.poll_outcome(cx).map(Outcome::into_result)
    }
}
