//! asyncio.wait: wait for some or all of several futures, cancelling none of them.

use super::awaitable::distinct;
use super::plain_future::PlainFuture;
use super::{Awaitable, Awaiting, Exception, Outcome, TaskContext};
use crate::runtime::SoonCallback;
use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// When [`wait`] returns: asyncio's `return_when`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    /// `FIRST_COMPLETED`: as soon as any one is done, however it ended.
    FirstCompleted,
    /// `FIRST_EXCEPTION`: as soon as one raises (a cancelled one does not count), or when
    /// all are done.
    FirstException,
    /// `ALL_COMPLETED`: when all are done.
    AllCompleted,
}

/// What [`wait`] gives: the futures done when it returned and those still pending, each in
/// argument order (CPython gives two sets).
pub type DoneAndPending<T> = (Vec<Awaitable<T>>, Vec<Awaitable<T>>);

/// Waits for `children` as `return_when` says: a port of
/// `await asyncio.wait(children, return_when=...)` (CPython 3.11 to 3.13 agree), to be
/// awaited in the task whose context `cx` is.
///
/// **Ordering.** Each child's done callback counts it; the wait ends on the turn after the
/// callback that satisfies `return_when`, and sorts the children into done and pending
/// then, so a child that ended meanwhile is done. The same child passed twice counts once.
///
/// **Errors.** None of the children's: `wait` returns normally whatever they did; their
/// results and exceptions are read from the done ones. With no children it raises
/// `ValueError` at once.
///
/// **Cancellation.** `wait` cancels nothing: the pending children run on. Cancelling the
/// waiting task ends the wait with `CancelledError`, and the children still run.
///
/// # Examples
///
/// ```
/// use gather_playground::{wait, Exception, ReturnWhen, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let child = |delay, result: Result<i32, Exception>| runtime.spawn(move |cx| async move {
///     cx.sleep(delay).await?;
///     result
/// });
/// let children = vec![child(300, Ok(1)), child(100, Err(Exception::new("ValueError", "bad"))), child(200, Ok(3))];
/// let waiter = runtime.spawn({
///     let children = children.clone();
///     move |cx| async move {
///         let (done, pending) = wait(&cx, children, ReturnWhen::FirstException).await?;
///         Ok((done.len(), pending.len(), cx.runtime().now_ms()))
///     }
/// });
/// clock.run_until_stalled();
/// assert_eq!(waiter.result(), Ok((1, 2, 100.0)));
/// // Nothing was cancelled: the others ran to their ends.
/// assert_eq!(children[0].result(), Ok(1));
/// ```
pub fn wait<T: Clone + 'static, A: Into<Awaitable<T>>>(
    cx: &TaskContext,
    children: impl IntoIterator<Item = A>,
    return_when: ReturnWhen,
) -> Wait<T> {
    let unique = distinct(children);
    Wait {
        cx: TaskContext::new(cx.runtime().clone(), Rc::clone(cx.task())),
        children: unique,
        return_when,
        waiting: None,
    }
}

/// The future of a [`wait`]: awaiting it gives the done and the pending children.
#[must_use = "wait does nothing unless awaited"]
pub struct Wait<T> {
    cx: TaskContext,
    children: Vec<Awaitable<T>>,
    return_when: ReturnWhen,
    waiting: Option<Awaiting<()>>,
}

impl<T> fmt::Debug for Wait<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("children", &self.children.len())
            .field("return_when", &self.return_when)
            .finish()
    }
}

impl<T: Clone + 'static> Wait<T> {
    /// CPython's `_wait`: a waiter set by the children's done callbacks.
    fn start(&self) -> Awaiting<()> {
        let waiter = PlainFuture::new(self.cx.runtime());
        let counter = Rc::new(Cell::new(self.children.len()));
        for child in &self.children {
            let (waiter, counter, watched) =
                (Rc::clone(&waiter), Rc::clone(&counter), child.clone());
            let return_when = self.return_when;
            child.add_done_callback(SoonCallback::new(move || {
                counter.set(counter.get() - 1);
                let raised = matches!(watched.outcome(), Some(Outcome::Raised(_)));
                if counter.get() == 0
                    || return_when == ReturnWhen::FirstCompleted
                    || (return_when == ReturnWhen::FirstException && raised)
                {
                    waiter.set(Outcome::Value(()));
                }
            }));
        }
        self.cx.wait(waiter.awaitable())
    }
}

impl<T: Clone + 'static> Future for Wait<T> {
    type Output = Result<DoneAndPending<T>, Exception>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.children.is_empty() {
            return Poll::Ready(Err(Exception::new(
                "ValueError",
                "Set of Tasks/Futures is empty.",
            )));
        }
        if self.waiting.is_none() {
            let waiting = self.start();
            self.waiting = Some(waiting);
        }
        let Some(waiting) = self.waiting.as_mut() else {
            return Poll::Pending;
        };
        match Pin::new(waiting).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(cancelled)) => Poll::Ready(Err(cancelled)),
            Poll::Ready(Ok(())) => {
                let (done, pending) = self.children.iter().cloned().partition(Awaitable::done);
                Poll::Ready(Ok((done, pending)))
            }
        }
    }
}
