//! asyncio.gather: run children concurrently, collect their results in argument order.

use super::awaitable::FutureLike;
use super::future_cell::{FutureCell, Slot};
use super::{Awaitable, Exception, Outcome};
use crate::runtime::{IndexedCallback, Runtime, SoonCallback};
use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// What a gather's outer future holds when it succeeds: every child's result in argument
/// order. Without `return_exceptions` every element is `Ok`.
pub type GatherResults<T> = Vec<Result<T, Exception>>;

/// Runs `children` concurrently and returns the outer future that collects their results:
/// a port of Python's `asyncio.gather(*children, return_exceptions=...)` with CPython 3.12's
/// exact semantics.
///
/// **Start.** Returns at once; the children are already scheduled (tasks start on a later
/// turn of the loop, in argument order) and run whether or not the outer is awaited. The
/// same awaitable passed twice is waited for once and its result appears at both places.
/// With no children, the outer is already done with an empty list. Children already done
/// are processed at once.
///
/// **Results.** In argument order, never completion order. The outer completes when the
/// last child does.
///
/// **Errors, `return_exceptions = false`.** The first child to raise (first in time)
/// completes the outer at once with that exception; a child that ends cancelled completes
/// it with `CancelledError`. The other children are *not* cancelled: they run to their own
/// end, and their later exceptions are dropped silently.
///
/// **Errors, `return_exceptions = true`.** Nothing short-circuits: the outer waits for
/// every child; a child's exception takes its place in the list, a cancelled child a fresh
/// `CancelledError` (its message lost).
///
/// **Cancellation.** [`Gather::cancel`] on a done outer does nothing and returns false
/// (even if children still run). Otherwise it cancels every child (nested gathers cancel
/// theirs, recursively) and returns whether any child accepted. The outer then completes
/// when the children react, and raises `CancelledError` even if every child caught the
/// cancellation and returned a value.
///
/// # Examples
///
/// ```
/// use gather_playground::{gather, Exception, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let child = |delay, value: Result<i32, Exception>| {
///     runtime.spawn(move |cx| async move {
///         cx.sleep(delay).await?;
///         value
///     })
/// };
/// let siblings = [
///     child(100, Ok(1)),
///     child(200, Err(Exception::new("ZeroDivisionError", "division by zero"))),
///     child(300, Ok(3)),
/// ];
/// let outer = gather(&runtime, siblings.clone(), false);
/// let raised = clock.block_on(outer.clone()).unwrap();
/// assert_eq!(raised.unwrap_err().type_name(), "ZeroDivisionError");
/// // The outer failed at 200, but the last sibling was not cancelled: it ran on to 300.
/// assert_eq!(siblings[2].result(), Ok(3));
/// assert_eq!(clock.now_ms(), 300);
/// assert!(!outer.cancel());
/// ```
pub fn gather<T, I>(runtime: &Runtime, children: I, return_exceptions: bool) -> Gather<T>
where
    T: Clone + 'static,
    I: IntoIterator,
    I::Item: Into<Awaitable<T>>,
{
    let children: Vec<Awaitable<T>> = children.into_iter().map(Into::into).collect();
    let first_seen = first_occurrences(&children);
    let unique_count = first_seen.as_ref().map_or(children.len(), |first| {
        first.iter().filter(|&&is| is).count()
    });
    let inner = Rc::new(GatherInner {
        cell: FutureCell::new(runtime.clone()),
        unique_count,
        children,
        return_exceptions,
        finished: Cell::new(0),
        cancel_requested: Cell::new(false),
        completed_by: Cell::new(None),
    });
    if unique_count == 0 {
        inner.cell.finish(Outcome::Value(Vec::new()));
    }
    // One shared callback for every child, told the child's position: no allocation per child.
    let callback: Rc<dyn IndexedCallback> = inner.clone();
    let mut already_done = Vec::new();
    for (index, child) in inner.children.iter().enumerate() {
        if first_seen.as_ref().is_some_and(|first| !first[index]) {
            continue;
        }
        let on_done = SoonCallback::indexed(Rc::clone(&callback), index);
        if child.add_done_callback_if_pending(on_done).is_err() {
            already_done.push(index);
        }
    }
    for index in already_done {
        inner.on_child_done(index);
    }
    Gather { inner }
}

/// Which children are the first occurrence of their awaitable (asyncio wraps a repeated
/// one once); `None` when all are distinct.
fn first_occurrences<T: Clone + 'static>(children: &[Awaitable<T>]) -> Option<Vec<bool>> {
    // Children spawned in argument order, the usual case, have increasing ids: no sort needed.
    let mut ids = children.iter().map(Awaitable::id);
    let increasing = ids.next().is_none_or(|first| {
        ids.try_fold(first, |previous, id| (previous < id).then_some(id))
            .is_some()
    });
    if increasing {
        return None;
    }
    // Sorted (id, position) pairs: the first of each id's run is its first occurrence. Plain
    // `(u64, usize)` pairs, the one element type the crate and the page sort.
    let mut by_id: Vec<(u64, usize)> = children
        .iter()
        .map(|child| child.id().get())
        .zip(0..)
        .collect();
    by_id.sort();
    let mut first = vec![false; children.len()];
    let mut previous = None;
    for (id, position) in by_id {
        if previous != Some(id) {
            first[position] = true;
            previous = Some(id);
        }
    }
    Some(first)
}

/// The outer future of a [`gather`]: awaitable, and with asyncio's Future API.
///
/// Clones are handles to the same outer future. Awaiting gives the results in argument
/// order, or the exception that completed the outer.
pub struct Gather<T> {
    inner: Rc<GatherInner<T>>,
}

impl<T: Clone + 'static> fmt::Debug for Gather<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gather")
            .field("children", &self.inner.children.len())
            .field("return_exceptions", &self.inner.return_exceptions)
            .field("done", &self.done())
            .finish_non_exhaustive()
    }
}

impl<T> Clone for Gather<T> {
    fn clone(&self) -> Self {
        Gather {
            inner: Rc::clone(&self.inner),
        }
    }
}

struct GatherInner<T> {
    cell: FutureCell<GatherResults<T>>,
    /// In argument order, duplicates included.
    children: Vec<Awaitable<T>>,
    unique_count: usize,
    return_exceptions: bool,
    finished: Cell<usize>,
    cancel_requested: Cell<bool>,
    /// The position of the child whose done callback completed the outer.
    completed_by: Cell<Option<usize>>,
}

impl<T: Clone + 'static> GatherInner<T> {
    fn complete(&self, index: usize, outcome: Outcome<GatherResults<T>>) {
        self.completed_by.set(Some(index));
        self.cell.finish(outcome);
    }

    /// CPython's `_done_callback`, for the child at `index` in argument order.
    fn on_child_done(&self, index: usize) {
        let child = &self.children[index];
        self.finished.set(self.finished.get() + 1);
        if self.cell.done() {
            return;
        }
        if !self.return_exceptions {
            // Its status, not its outcome: the value is read once, into the results.
            match child.status() {
                Some(Outcome::Cancelled) => {
                    self.complete(index, Outcome::Raised(Exception::cancelled_error()));
                    return;
                }
                Some(Outcome::Raised(exception)) => {
                    self.complete(index, Outcome::Raised(exception));
                    return;
                }
                Some(Outcome::Value(())) | None => {}
            }
        }
        if self.finished.get() < self.unique_count {
            return;
        }
        if self.cancel_requested.get() {
            self.complete(index, Outcome::Raised(Exception::cancelled_error()));
            return;
        }
        let results = self
            .children
            .iter()
            .map(|child| match child.outcome() {
                Some(outcome) => outcome.into_result(),
                // Unreachable: every child has reported done.
                None => Err(Exception::invalid_state_error("Result is not set.")),
            })
            .collect();
        self.complete(index, Outcome::Value(results));
    }
}

impl<T: Clone + 'static> IndexedCallback for GatherInner<T> {
    fn call(&self, index: usize) {
        self.on_child_done(index);
    }
}

impl<T: Clone + 'static> FutureLike<GatherResults<T>> for GatherInner<T> {
    fn slot(&self) -> &dyn Slot {
        &self.cell
    }

    /// CPython's `_GatheringFuture.cancel`.
    fn cancel(&self) -> bool {
        if self.cell.done() {
            return false;
        }
        let mut accepted = false;
        for child in &self.children {
            if child.cancel() {
                accepted = true;
            }
        }
        if accepted {
            self.cancel_requested.set(true);
        }
        accepted
    }

    fn outcome(&self) -> Option<Outcome<GatherResults<T>>> {
        self.cell.outcome()
    }

    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<GatherResults<T>>> {
        self.cell.poll_outcome(cx)
    }
}

impl<T: Clone + 'static> Gather<T> {
    /// Cancels the gather: on a done outer, does nothing and returns false. Otherwise calls
    /// `cancel()` on every child and returns true if at least one accepted; only then is the
    /// outer marked so that it raises `CancelledError` when it completes. If every child is
    /// already done, returns false and the outer completes normally.
    ///
    /// Does not complete the outer: without `return_exceptions` it completes at the first
    /// child that ends cancelled (or raises); with it, once every child has finished.
    pub fn cancel(&self) -> bool {
        self.inner.cancel()
    }

    /// Whether the outer has completed.
    pub fn done(&self) -> bool {
        self.inner.cell.done()
    }

    /// The position (in argument order) of the child whose end completed the outer: the
    /// first to fail without `return_exceptions`, otherwise the last to finish. `None`
    /// while the outer waits, and for a gather of no children (done from the start).
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::{gather, Exception, VirtualClock};
    ///
    /// let clock = VirtualClock::new();
    /// let runtime = clock.runtime();
    /// let child = |delay, result: Result<i32, Exception>| runtime.spawn(move |cx| async move {
    ///     cx.sleep(delay).await?;
    ///     result
    /// });
    /// let outer = gather(&runtime, [child(300, Ok(1)), child(100, Err(Exception::new("KeyError", "")))], false);
    /// clock.run_until_stalled();
    /// assert_eq!(outer.completed_by(), Some(1), "the first failure, in time");
    /// ```
    pub fn completed_by(&self) -> Option<usize> {
        self.inner.completed_by.get()
    }

    /// Always false, as in CPython: a cancelled gather completes holding a
    /// `CancelledError` rather than entering the cancelled state.
    pub fn cancelled(&self) -> bool {
        self.inner.cell.cancelled()
    }

    /// How the outer completed, or `None` while it waits.
    pub fn outcome(&self) -> Option<Outcome<GatherResults<T>>> {
        self.inner.cell.outcome()
    }

    /// The results; `Err` with the exception the outer raises, or `InvalidStateError`
    /// while it waits.
    pub fn result(&self) -> Result<GatherResults<T>, Exception> {
        self.inner.cell.result()
    }

    /// The exception the outer raises (`CancelledError` included), `Ok(None)` if it
    /// succeeded, or `Err(InvalidStateError)` while it waits.
    pub fn exception(&self) -> Result<Option<Exception>, Exception> {
        self.inner.cell.exception()
    }

    /// Calls `callback` with the outer once it completes, on the loop turn after (at once
    /// on the next turn if it already has). Each callback runs exactly once.
    pub fn add_done_callback(&self, callback: impl FnOnce(&Gather<T>) + 'static) {
        let outer = self.clone();
        self.inner
            .cell
            .add_done_callback(SoonCallback::new(move || callback(&outer)));
    }
}

impl<T: Clone + 'static> From<Gather<T>> for Awaitable<GatherResults<T>> {
    fn from(outer: Gather<T>) -> Self {
        Awaitable::new(outer.inner)
    }
}

impl<T: Clone + 'static> Future for Gather<T> {
    type Output = Result<GatherResults<T>, Exception>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.cell.poll_outcome(cx).map(Outcome::into_result)
    }
}
