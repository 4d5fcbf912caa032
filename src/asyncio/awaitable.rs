//! Anything gather can take as a child.

use super::future_cell::{DoneCallback, FutureId, Slot};
use super::{Exception, Outcome};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// The future-like behaviour gather needs of a child: asyncio's Future protocol.
///
/// A task, a gather, a group or a semaphore's waiter supplies its result slot (a
/// [`FutureCell`]: identity, state, done callbacks) and what `cancel()` does to it (a task
/// passes the request to its body, a gather to its children); the rest comes with the
/// trait. [`Awaitable::map`]'s mapping supplies its source's slot and maps the values.
pub(crate) trait FutureLike<T> {
    /// The result slot's untyped part.
    fn slot(&self) -> &dyn Slot;
    /// asyncio's `cancel()`: whether the request was accepted.
    fn cancel(&self) -> bool;
    fn outcome(&self) -> Option<Outcome<T>>;
    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<T>>;

    fn id(&self) -> FutureId {
        self.slot().id()
    }
    fn done(&self) -> bool {
        self.slot().done()
    }
    fn cancelled(&self) -> bool {
        self.slot().cancelled()
    }
    /// How it ended, without its value (which may be costly to clone): `None` while pending.
    fn status(&self) -> Option<Outcome<()>> {
        self.slot().status()
    }
    fn add_done_callback(&self, callback: DoneCallback) {
        self.slot().add_done_callback(callback);
    }
    /// Adds `callback` unless already done, in which case it is handed back.
    fn add_done_callback_if_pending(&self, callback: DoneCallback) -> Result<(), DoneCallback> {
        self.slot().add_done_callback_if_pending(callback)
    }
}

/// A child for [`gather`](crate::gather): a [`Task`](crate::Task), a
/// [`Gather`](crate::Gather), or either with its value mapped.
///
/// Clones are the same awaitable: passed to one gather twice, it is waited for once and its
/// result appears at both positions (asyncio's rule A4). Cancelling an awaitable cancels
/// the task or gather behind it, mapped or not.
///
/// Awaiting it gives the value, or the exception it raised (`CancelledError` if cancelled).
///
/// # Examples
///
/// ```
/// use gather_playground::{gather, Awaitable, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let inner = gather(&runtime, [runtime.spawn(|_| async { Ok(2) })], false);
/// // A nested gather's value is a list; map it into the outer gather's value type.
/// let total = Awaitable::from(inner).map(|values| values.into_iter().flatten().sum::<i32>());
/// let outer = gather(&runtime, [total, runtime.spawn(|_| async { Ok(40) }).into()], false);
/// assert_eq!(clock.block_on(outer).unwrap().unwrap(), [Ok(2), Ok(40)]);
/// ```
pub struct Awaitable<T> {
    inner: Rc<dyn FutureLike<T>>,
}

impl<T: Clone + 'static> fmt::Debug for Awaitable<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Awaitable")
            .field("done", &self.done())
            .finish_non_exhaustive()
    }
}

impl<T> Clone for Awaitable<T> {
    fn clone(&self) -> Self {
        Awaitable {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<T: Clone + 'static> Awaitable<T> {
    pub(crate) fn new(inner: Rc<dyn FutureLike<T>>) -> Self {
        Awaitable { inner }
    }

    /// The same awaitable with its value passed through `transform` (exceptions and
    /// cancellation pass unchanged). It keeps its identity for deduplication and
    /// forwards `cancel()`.
    pub fn map<U: Clone + 'static>(self, transform: impl Fn(T) -> U + 'static) -> Awaitable<U> {
        Awaitable::new(Rc::new(Mapped {
            source: self,
            transform: Box::new(transform),
        }))
    }

    /// The same awaitable, whose `cancel()` goes through `around`: `around` gets the real
    /// `cancel()` to call (or not) and returns what the caller receives. For watching who
    /// cancels what: the playground's runs record every `cancel()` a gather passes on to
    /// its children this way. Identity, state and value are the awaitable's own.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::{gather, Awaitable, VirtualClock};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// let clock = VirtualClock::new();
    /// let runtime = clock.runtime();
    /// let calls = Rc::new(RefCell::new(Vec::new()));
    /// let log = Rc::clone(&calls);
    /// let child = Awaitable::from(runtime.spawn(|cx| async move { cx.sleep(100).await?; Ok(1) }))
    ///     .watch_cancel(move |cancel| {
    ///         let returned = cancel();
    ///         log.borrow_mut().push(returned);
    ///         returned
    ///     });
    /// let outer = gather(&runtime, [child], false);
    /// assert!(outer.cancel());
    /// assert_eq!(*calls.borrow(), [true], "the gather called cancel() on its child");
    /// ```
    pub fn watch_cancel(self, around: impl Fn(&dyn Fn() -> bool) -> bool + 'static) -> Self {
        Awaitable::new(Rc::new(CancelWatched {
            source: self,
            around: Box::new(around),
        }))
    }

    /// Whether it has finished (returned, raised, or been cancelled).
    pub fn done(&self) -> bool {
        self.inner.done()
    }

    /// Whether it ended in the cancelled state.
    pub fn cancelled(&self) -> bool {
        self.inner.cancelled()
    }

    /// Requests cancellation of the task or gather behind it; see
    /// [`Task::cancel`](crate::Task::cancel) and [`Gather::cancel`](crate::Gather::cancel).
    pub fn cancel(&self) -> bool {
        self.inner.cancel()
    }

    /// How it ended, or `None` while it runs.
    pub fn outcome(&self) -> Option<Outcome<T>> {
        self.inner.outcome()
    }

    pub(crate) fn id(&self) -> FutureId {
        self.inner.id()
    }

    pub(crate) fn status(&self) -> Option<Outcome<()>> {
        self.inner.status()
    }

    pub(crate) fn add_done_callback(&self, callback: DoneCallback) {
        self.inner.add_done_callback(callback);
    }

    pub(crate) fn add_done_callback_if_pending(
        &self,
        callback: DoneCallback,
    ) -> Result<(), DoneCallback> {
        self.inner.add_done_callback_if_pending(callback)
    }
}

impl<T: Clone + 'static> Future for Awaitable<T> {
    type Output = Result<T, Exception>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.poll_outcome(cx).map(Outcome::into_result)
    }
}

/// What [`Awaitable::watch_cancel`] calls `cancel()` through: given the real `cancel()`.
type AroundCancel = Box<dyn Fn(&dyn Fn() -> bool) -> bool>;

/// `children` as awaitables, each once, in the order they first come: asyncio's
/// `set(fs)` for `wait` and `as_completed`, which the same child passed twice joins once.
pub(crate) fn distinct<T: Clone + 'static, A: Into<Awaitable<T>>>(
    children: impl IntoIterator<Item = A>,
) -> Vec<Awaitable<T>> {
    let mut distinct: Vec<Awaitable<T>> = Vec::new();
    for child in children {
        let child = child.into();
        if !distinct.iter().any(|known| known.id() == child.id()) {
            distinct.push(child);
        }
    }
    distinct
}

struct CancelWatched<T> {
    source: Awaitable<T>,
    around: AroundCancel,
}

impl<T: Clone + 'static> FutureLike<T> for CancelWatched<T> {
    fn slot(&self) -> &dyn Slot {
        self.source.inner.slot()
    }

    fn cancel(&self) -> bool {
        (self.around)(&|| self.source.cancel())
    }

    fn outcome(&self) -> Option<Outcome<T>> {
        self.source.outcome()
    }

    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<T>> {
        self.source.inner.poll_outcome(cx)
    }
}

struct Mapped<T, U> {
    source: Awaitable<T>,
    transform: Box<dyn Fn(T) -> U>,
}

impl<T: Clone + 'static, U> FutureLike<U> for Mapped<T, U> {
    fn slot(&self) -> &dyn Slot {
        self.source.inner.slot()
    }

    fn cancel(&self) -> bool {
        self.source.cancel()
    }

    fn outcome(&self) -> Option<Outcome<U>> {
        self.source
            .outcome()
            .map(|outcome| outcome.map(&self.transform))
    }

    fn poll_outcome(&self, cx: &mut Context<'_>) -> Poll<Outcome<U>> {
        self.source
            .inner
            .poll_outcome(cx)
            .map(|outcome| outcome.map(&self.transform))
    }
}
