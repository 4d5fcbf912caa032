//! What a task's body uses to wait: cancellation points.

use super::cancel_signal::SignalOwner;
use super::{Awaitable, Exception};
use crate::runtime::{LocalBoxFuture, Runtime};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// Handed to a task's body: its cancellation points, where a [`Task::cancel`] request
/// arrives as `Err(CancelledError)`.
///
/// [`Task::cancel`]: crate::Task::cancel
pub struct TaskContext {
    runtime: Runtime,
    task: Rc<dyn SignalOwner>,
}

impl fmt::Debug for TaskContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskContext").finish_non_exhaustive()
    }
}

impl TaskContext {
    pub(crate) fn new(runtime: Runtime, task: Rc<dyn SignalOwner>) -> Self {
        TaskContext { runtime, task }
    }

    /// The task this context belongs to, as its cancel signal's owner.
    pub(crate) fn task(&self) -> &Rc<dyn SignalOwner> {
        &self.task
    }

    /// The runtime the task runs on.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// Sleeps `duration_ms` milliseconds (asyncio's `await asyncio.sleep()`), or returns
    /// `Err(CancelledError)` as soon as the task is cancelled. `sleep(0)` yields to the loop
    /// once, as in asyncio.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::VirtualClock;
    ///
    /// let clock = VirtualClock::new();
    /// let task = clock.runtime().spawn(|cx| async move {
    ///     cx.sleep(500).await?; // `?` lets a cancellation end the task, cancelled.
    ///     Ok(())
    /// });
    /// clock.runtime().spawn_detached({
    ///     let task = task.clone();
    ///     async move { task.cancel(); }
    /// });
    /// clock.run_until_stalled();
    /// assert!(task.cancelled());
    /// assert_eq!(clock.now_ms(), 0);
    /// ```
    pub fn sleep(&self, duration_ms: u64) -> Sleep {
        Sleep {
            task: Rc::clone(&self.task),
            runtime: self.runtime.clone(),
            // asyncio.sleep(0) sets no timer: it yields once.
            wait: if duration_ms == 0 {
                SleepWait::Yield { yielded: false }
            } else {
                SleepWait::Until {
                    deadline_ms: self.runtime.now_ms() + duration_ms as f64,
                    timer: None,
                }
            },
        }
    }

    /// Sleeps until the runtime's clock reads `deadline_ms`; cancellable like
    /// [`TaskContext::sleep`]. A deadline that has passed still waits for its timer's turn.
    #[cfg(all(test, target_arch = "wasm32"))]
    pub(crate) fn sleep_until(&self, deadline_ms: f64) -> Sleep {
        Sleep {
            task: Rc::clone(&self.task),
            runtime: self.runtime.clone(),
            wait: SleepWait::Until {
                deadline_ms,
                timer: None,
            },
        }
    }

    /// Awaits a task or gather (asyncio's `await fut` inside a task). Cancelling this task
    /// meanwhile cancels the awaited one, and this task learns of it from the awaited
    /// outcome; if the awaited one refuses (it is already done), `Err(CancelledError)`
    /// comes at once.
    pub fn wait<U: Clone + 'static>(&self, awaited: impl Into<Awaitable<U>>) -> Awaiting<U> {
        Awaiting {
            task: Rc::clone(&self.task),
            awaited: awaited.into(),
            registered: false,
        }
    }
}

/// A cancellable sleep, from [`TaskContext::sleep`].
#[must_use = "a sleep does nothing unless awaited"]
pub struct Sleep {
    task: Rc<dyn SignalOwner>,
    runtime: Runtime,
    wait: SleepWait,
}

enum SleepWait {
    /// `sleep(0)`: one bare yield to the loop.
    Yield { yielded: bool },
    /// A timer, set on the first poll.
    Until {
        deadline_ms: f64,
        timer: Option<LocalBoxFuture>,
    },
}

impl fmt::Debug for Sleep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.wait {
            SleepWait::Yield { .. } => f.write_str("Sleep(0)"),
            SleepWait::Until { deadline_ms, .. } => f
                .debug_struct("Sleep")
                .field("deadline_ms", deadline_ms)
                .finish(),
        }
    }
}

impl Future for Sleep {
    type Output = Result<(), Exception>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.task.signal().take_pending() {
            // Dropping the timer clears it: nothing fires after a cancellation.
            if let SleepWait::Until { timer, .. } = &mut self.wait {
                *timer = None;
            }
            return Poll::Ready(Err(Exception::cancelled_error()));
        }
        self.task.signal().register(cx.waker());
        let runtime = self.runtime.clone();
        match &mut self.wait {
            SleepWait::Yield { yielded: true } => Poll::Ready(Ok(())),
            SleepWait::Yield { yielded } => {
                *yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            SleepWait::Until { deadline_ms, timer } => {
                let deadline_ms = *deadline_ms;
                let sleeping = timer.get_or_insert_with(|| runtime.sleep_until(deadline_ms));
                match sleeping.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        *timer = None;
                        Poll::Ready(Ok(()))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }
}

/// A cancellable wait for a task or gather, from [`TaskContext::wait`].
#[must_use = "a wait does nothing unless awaited"]
pub struct Awaiting<U> {
    task: Rc<dyn SignalOwner>,
    awaited: Awaitable<U>,
    registered: bool,
}

impl<U> fmt::Debug for Awaiting<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Awaiting").finish_non_exhaustive()
    }
}

impl<U: Clone + 'static> Future for Awaiting<U> {
    type Output = Result<U, Exception>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.task.signal().take_pending() {
            self.task.signal().set_awaited(None);
            return Poll::Ready(Err(Exception::cancelled_error()));
        }
        if !self.registered {
            self.registered = true;
            let awaited = self.awaited.clone();
            self.task
                .signal()
                .set_awaited(Some(Rc::new(move || awaited.cancel())));
        }
        self.task.signal().register(cx.waker());
        match Pin::new(&mut self.awaited).poll(cx) {
            Poll::Ready(result) => {
                self.task.signal().set_awaited(None);
                Poll::Ready(result)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<U> Drop for Awaiting<U> {
    fn drop(&mut self) {
        if self.registered {
            self.task.signal().set_awaited(None);
        }
    }
}
