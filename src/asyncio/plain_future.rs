//! asyncio's plain `Future` (`loop.create_future()`): set by whoever holds it, cancelled at
//! once.

use super::awaitable::FutureLike;
use super::future_cell::{FutureCell, Slot};
use super::{Awaitable, Outcome};
use crate::runtime::Runtime;
use std::rc::Rc;
use std::task::{Context, Poll};

/// A future no task drives: something else sets its outcome. Unlike a task, `cancel()`
/// ends it at once, cancelled. What a semaphore's waiters, a shield's outer future and
/// `wait_for`'s own waiter are.
pub(crate) struct PlainFuture<T> {
    cell: FutureCell<T>,
}

impl<T: Clone + 'static> PlainFuture<T> {
    pub(crate) fn new(runtime: &Runtime) -> Rc<Self> {
        Rc::new(PlainFuture {
            cell: FutureCell::new(runtime.clone()),
        })
    }

    /// Sets the outcome; false if it was already done (cancelled, say).
    pub(crate) fn set(&self, outcome: Outcome<T>) -> bool {
        self.cell.finish(outcome)
    }

    /// `cancel()`: ends it cancelled unless it is done.
    pub(crate) fn cancel_plain(&self) -> bool {
        self.cell.finish(Outcome::Cancelled)
    }

    pub(crate) fn cell(&self) -> &FutureCell<T> {
        &self.cell
    }

    /// The same future, to await or to pass to a combinator.
    pub(crate) fn awaitable(self: &Rc<Self>) -> Awaitable<T> {
        Awaitable::new(Rc::clone(self) as Rc<dyn FutureLike<T>>)
    }
}

impl<T: Clone + 'static> FutureLike<T> for PlainFuture<T> {
    fn slot(&self) -> &dyn Slot {
        &self.cell
    }

    fn cancel(&self) -> bool {
        self.cancel_plain()
    }

    fn outcome(&self) -> Option<Outcome<T>> {
        self.cell.outcome()
    }

    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<T>> {
        self.cell.poll_outcome(cx)
    }
}
