//! asyncio.shield: a future that follows another and takes a cancellation in its place.

use super::plain_future::PlainFuture;
use super::{Awaitable, Outcome};
use crate::runtime::{Runtime, SoonCallback};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// Protects `inner` from cancellation: a port of `asyncio.shield(inner)`, the same on
/// CPython 3.11 to 3.13.
///
/// **What it returns.** If `inner` is already done, `inner` itself. Otherwise a new outer
/// future that follows it: when `inner` ends, the outer ends the same way (value, exception
/// or cancelled) on the next turn, as CPython's `_inner_done_callback` sets it.
///
/// **Cancellation.** Cancelling the outer cancels only the outer, at once (it is a plain
/// future, so it is done the moment `cancel()` returns True); `inner` runs on to its own
/// end, which then goes nowhere. Cancelling `inner` itself cancels the outer too. So a
/// gather of shielded children, cancelled, completes at once with `CancelledError` (its
/// first child "ended cancelled") while the work goes on.
///
/// # Examples
///
/// ```
/// use gather_playground::{gather, shield, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let work = runtime.spawn(|cx| async move { cx.sleep(300).await?; Ok("saved") });
/// let outer = gather(&runtime, [shield(&runtime, work.clone())], false);
/// let canceller = outer.clone();
/// runtime.spawn_detached({
///     let runtime = runtime.clone();
///     async move {
///         runtime.sleep(100).await;
///         assert!(canceller.cancel());
///     }
/// });
/// clock.run_until(200);
/// // The gather raised CancelledError at 100; the shielded work still runs.
/// assert!(outer.result().unwrap_err().is_cancelled_error());
/// assert!(!work.done());
/// clock.run_until_stalled();
/// assert_eq!(work.result(), Ok("saved"));
/// ```
pub fn shield<T: Clone + 'static>(runtime: &Runtime, inner: impl Into<Awaitable<T>>) -> Shield<T> {
    let inner = inner.into();
    if inner.done() {
        return Shield {
            inner: inner.clone(),
            outer: inner,
        };
    }
    let outer = PlainFuture::new(runtime);
    let (follower, followed) = (Rc::clone(&outer), inner.clone());
    inner.add_done_callback(SoonCallback::new(move || {
        // CPython removes this callback once the outer is cancelled; finishing a done
        // future does nothing, which is the same.
        if let Some(outcome) = followed.outcome() {
            follower.set(outcome);
        }
    }));
    Shield {
        inner,
        outer: outer.awaitable(),
    }
}

/// The outer future of a [`shield`]: awaitable, cancellable on its own.
///
/// Awaiting it gives `inner`'s result, or `CancelledError` if the outer (or `inner`) was
/// cancelled.
pub struct Shield<T> {
    inner: Awaitable<T>,
    outer: Awaitable<T>,
}

impl<T: Clone + 'static> Shield<T> {
    /// The protected work.
    pub fn inner(&self) -> &Awaitable<T> {
        &self.inner
    }

    /// Cancels the outer future only; false if it is done. `inner` runs on.
    pub fn cancel(&self) -> bool {
        self.outer.cancel()
    }

    /// Whether the outer future is done.
    pub fn done(&self) -> bool {
        self.outer.done()
    }

    /// How the outer future ended, or `None` while it waits.
    pub fn outcome(&self) -> Option<Outcome<T>> {
        self.outer.outcome()
    }
}

impl<T> Clone for Shield<T> {
    fn clone(&self) -> Self {
        Shield {
            inner: self.inner.clone(),
            outer: self.outer.clone(),
        }
    }
}

impl<T: Clone + 'static> fmt::Debug for Shield<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shield")
            .field("done", &self.outer.done())
            .field("inner_done", &self.inner.done())
            .finish()
    }
}

impl<T: Clone + 'static> From<Shield<T>> for Awaitable<T> {
    fn from(shield: Shield<T>) -> Self {
        shield.outer
    }
}

impl<T: Clone + 'static> Future for Shield<T> {
    type Output = Result<T, super::Exception>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.outer).poll(cx)
    }
}
