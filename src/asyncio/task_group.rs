//! asyncio.TaskGroup: the first error cancels the rest; every error is reported together.

use super::awaitable::FutureLike;
use super::future_cell::{FutureCell, Slot};
use super::{Awaitable, Exception, Outcome};
use crate::runtime::{Runtime, SoonCallback};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// Waits for `children` with the semantics of `async with asyncio.TaskGroup() as tg:`
/// (Python 3.11+), for comparison with [`gather`](crate::gather).
///
/// Unlike gather, the group always waits for every child, cleanups included, before it
/// finishes:
/// - **Errors**: the first child that raises cancels every other child still running
///   (which may catch it and clean up); every exception raised by any child, in
///   completion order, ends up in [`TaskGroupError::Errors`] (Python's `ExceptionGroup`).
///   A child that ends cancelled is not an error.
/// - **Cancellation**: [`TaskGroup::cancel`] (the task running the `async with` being
///   cancelled) cancels every child; the group then ends with
///   [`TaskGroupError::Cancelled`], unless some child raised, in which case the errors win.
/// - **Success**: every child's outcome, in argument order (a child cancelled on its own
///   shows as [`Outcome::Cancelled`]).
///
/// As an [`Awaitable`] (to watch it, or to nest it), its outcome is that list, an
/// `ExceptionGroup` exception, or cancelled.
///
/// # Examples
///
/// ```
/// use gather_playground::{task_group, TaskGroupError, VirtualClock, Exception};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let failing = runtime.spawn(|cx| async move {
///     cx.sleep(100).await?;
///     Err::<i32, _>(Exception::new("ValueError", "boom"))
/// });
/// let slow = runtime.spawn(|cx| async move {
///     cx.sleep(1_000).await?;
///     Ok(2)
/// });
/// let group = task_group(&runtime, [failing, slow.clone()]);
/// let errors = clock.block_on(group).unwrap().unwrap_err();
/// assert_eq!(errors, TaskGroupError::Errors(vec![Exception::new("ValueError", "boom")]));
/// assert!(slow.cancelled(), "the first error cancelled the slow child");
/// assert_eq!(clock.now_ms(), 100);
/// ```
pub fn task_group<T, A>(runtime: &Runtime, children: impl IntoIterator<Item = A>) -> TaskGroup<T>
where
    T: Clone + 'static,
    A: Into<Awaitable<T>>,
{
    let children: Vec<Awaitable<T>> = children.into_iter().map(Into::into).collect();
    let inner = Rc::new(TaskGroupInner {
        cell: FutureCell::new(runtime.clone()),
        remaining: Cell::new(children.len()),
        children,
        errors: RefCell::new(Vec::new()),
        aborting: Cell::new(false),
        cancel_requested: Cell::new(false),
    });
    if inner.children.is_empty() {
        inner.finish();
    }
    for child in &inner.children {
        let (state, finished) = (Rc::downgrade(&inner), child.clone());
        child.add_done_callback(SoonCallback::new(move || {
            if let Some(state) = state.upgrade() {
                state.on_child_done(&finished);
            }
        }));
    }
    TaskGroup { inner }
}

/// The group's wait, from [`task_group`]. Its output is every child's outcome, or why the
/// `async with` block raised.
#[must_use = "a task group's outcome is known only by awaiting it"]
pub struct TaskGroup<T> {
    inner: Rc<TaskGroupInner<T>>,
}

/// Why a [`TaskGroup`] raised.
#[derive(Clone, Debug, PartialEq)]
pub enum TaskGroupError {
    /// Python's `ExceptionGroup("unhandled errors in a TaskGroup", errors)`, in the order
    /// the children raised them.
    Errors(Vec<Exception>),
    /// The group was cancelled from outside and no child raised: `CancelledError`.
    Cancelled,
}

impl<T: Clone + 'static> fmt::Debug for TaskGroup<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskGroup")
            .field("done", &self.inner.done())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for TaskGroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskGroupError::Errors(_) => write!(f, "{}", self.exception()),
            TaskGroupError::Cancelled => f.write_str("CancelledError"),
        }
    }
}

impl std::error::Error for TaskGroupError {}

impl TaskGroupError {
    /// As one exception: `ExceptionGroup` with Python's message, or `CancelledError`.
    pub fn exception(&self) -> Exception {
        match self {
            TaskGroupError::Errors(errors) => {
                let plural = if errors.len() == 1 { "" } else { "s" };
                Exception::new(
                    "ExceptionGroup",
                    format!(
                        "unhandled errors in a TaskGroup ({} sub-exception{plural})",
                        errors.len()
                    ),
                )
            }
            TaskGroupError::Cancelled => Exception::cancelled_error(),
        }
    }
}

struct TaskGroupInner<T> {
    cell: FutureCell<Vec<Outcome<T>>>,
    children: Vec<Awaitable<T>>,
    remaining: Cell<usize>,
    errors: RefCell<Vec<Exception>>,
    aborting: Cell<bool>,
    cancel_requested: Cell<bool>,
}

impl<T: Clone + 'static> TaskGroupInner<T> {
    fn on_child_done(&self, child: &Awaitable<T>) {
        self.remaining.set(self.remaining.get() - 1);
        match child.outcome() {
            // A gather holding CancelledError ends its wrapping task cancelled: no error.
            Some(Outcome::Raised(error)) if !error.is_cancelled_error() => {
                self.errors.borrow_mut().push(error);
                self.abort();
            }
            _ => {}
        }
        if self.remaining.get() == 0 {
            self.finish();
        }
    }

    fn result(&self) -> Result<Vec<Outcome<T>>, TaskGroupError> {
        let errors = self.errors.borrow().clone();
        if !errors.is_empty() {
            Err(TaskGroupError::Errors(errors))
        } else if self.cancel_requested.get() {
            Err(TaskGroupError::Cancelled)
        } else {
            Ok(self
                .children
                .iter()
                .map(|child| child.outcome().unwrap_or(Outcome::Cancelled))
                .collect())
        }
    }

    fn finish(&self) {
        let outcome = match self.result() {
            Ok(outcomes) => Outcome::Value(outcomes),
            Err(TaskGroupError::Cancelled) => Outcome::Cancelled,
            Err(group) => Outcome::Raised(group.exception()),
        };
        self.cell.finish(outcome);
    }

    fn abort(&self) {
        if self.aborting.replace(true) {
            return;
        }
        for child in &self.children {
            if !child.done() {
                child.cancel();
            }
        }
    }
}

impl<T: Clone + 'static> TaskGroup<T> {
    /// Cancels the task running the `async with` block: every child still running is
    /// cancelled, and the group still waits for them all. False once the group has
    /// finished.
    pub fn cancel(&self) -> bool {
        self.inner.cancel()
    }
}

impl<T: Clone + 'static> Future for TaskGroup<T> {
    type Output = Result<Vec<Outcome<T>>, TaskGroupError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.inner.cell.poll_outcome(cx) {
            Poll::Ready(_) => Poll::Ready(self.inner.result()),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: Clone + 'static> From<TaskGroup<T>> for Awaitable<Vec<Outcome<T>>> {
    fn from(group: TaskGroup<T>) -> Self {
        Awaitable::new(group.inner)
    }
}

impl<T: Clone + 'static> FutureLike<Vec<Outcome<T>>> for TaskGroupInner<T> {
    fn slot(&self) -> &dyn Slot {
        &self.cell
    }

    fn cancel(&self) -> bool {
        if self.remaining.get() == 0 {
            return false;
        }
        self.cancel_requested.set(true);
        self.abort();
        true
    }

    fn outcome(&self) -> Option<Outcome<Vec<Outcome<T>>>> {
        self.cell.outcome()
    }

    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<Vec<Outcome<T>>>> {
        self.cell.poll_outcome(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::{task_group, TaskGroupError};
    use crate::{Exception, Outcome, VirtualClock};

    #[test]
    fn it_waits_for_cleanups_and_collects_every_error() {
        let clock = VirtualClock::new();
        let runtime = clock.runtime();
        let failing = runtime.spawn(|cx| async move {
            cx.sleep(100).await?;
            Err::<i32, _>(Exception::new("ValueError", "first"))
        });
        let careful = runtime.spawn(|cx| async move {
            if cx.sleep(1_000).await.is_err() {
                cx.sleep(50).await?;
                return Err(Exception::new("KeyError", "cleanup failed"));
            }
            Ok(2)
        });
        let errors = clock
            .block_on(task_group(&runtime, [failing, careful]))
            .unwrap()
            .unwrap_err();
        assert_eq!(
            errors,
            TaskGroupError::Errors(vec![
                Exception::new("ValueError", "first"),
                Exception::new("KeyError", "cleanup failed")
            ])
        );
        assert_eq!(clock.now_ms(), 150, "the group waited for the cleanup");
    }

    #[test]
    fn a_cancelled_child_is_not_an_error_and_outside_cancel_wins_without_errors() {
        let clock = VirtualClock::new();
        let runtime = clock.runtime();
        let child = |delay| {
            runtime.spawn(move |cx| async move {
                cx.sleep(delay).await?;
                Ok(delay)
            })
        };
        let (early, cancelled) = (child(10), child(500));
        cancelled.cancel();
        let outcomes = clock
            .block_on(task_group(&runtime, [early, cancelled]))
            .unwrap()
            .unwrap();
        assert_eq!(outcomes, [Outcome::Value(10), Outcome::Cancelled]);

        let group = task_group(&runtime, [child(500)]);
        assert!(group.cancel());
        assert_eq!(
            clock.block_on(group).unwrap(),
            Err(TaskGroupError::Cancelled)
        );
        assert_eq!(
            clock
                .block_on(task_group(&runtime, Vec::<crate::Task<u64>>::new()))
                .unwrap(),
            Ok(vec![])
        );
    }
}
