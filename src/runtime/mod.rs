//! The seam between gather and the event loop it runs on.
//!
//! Gather, tasks and the scenario runner need only three things from an event loop: spawn a
//! future, sleep until a deadline, read the clock. [`Executor`] is that seam; [`Runtime`] is
//! the handle everything else holds. Two executors ship: the browser's own event loop
//! (`Runtime::browser`, wasm32 only) and a deterministic [`VirtualClock`] whose time jumps
//! to the next timer, for exact tests and predictions.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod browser_queue;
#[cfg(target_arch = "wasm32")]
mod browser_timers;
mod id_map;
mod scaled;
#[cfg(any(target_arch = "wasm32", test))]
mod timer_queue;
mod virtual_clock;

pub use virtual_clock::VirtualClock;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A boxed, single-threaded future with no output, as executors take them.
pub type LocalBoxFuture = Pin<Box<dyn Future<Output = ()>>>;

/// An event loop gather can run on.
///
/// Implementations must run spawned futures in the order they were woken, never
/// synchronously inside [`Executor::spawn`], and must never finish a sleep before its
/// deadline.
pub trait Executor {
    /// Runs `future` to completion on this loop, starting on a later turn.
    fn spawn(&self, future: LocalBoxFuture);
    /// A future that finishes once the clock reads `deadline_ms` or later. Dropping it
    /// releases its timer.
    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture;
    /// The current time in milliseconds, from an arbitrary fixed origin.
    fn now_ms(&self) -> f64;
    /// Runs `callback` on a later turn, after everything already scheduled (asyncio's
    /// `call_soon`). By default a spawned future; executors with a cheaper way (no future,
    /// no waker) may override it, keeping the order with [`Executor::spawn`].
    fn call_soon(&self, callback: SoonCallback) {
        self.spawn(Box::pin(async move { callback.run() }));
    }
}

/// A callback for [`Executor::call_soon`], run once with [`SoonCallback::run`].
///
/// Either any closure, or a shared callback with the argument to call it with, as asyncio's
/// `call_soon(callback, *args)`: gather's callback for each of its children is the latter,
/// so that a child costs gather no allocation of its own.
pub struct SoonCallback(Soon);

enum Soon {
    Boxed(Box<dyn FnOnce()>),
    Indexed(Rc<dyn IndexedCallback>, usize),
}

/// A callback shared by many futures, each calling it with its own index.
pub(crate) trait IndexedCallback {
    fn call(&self, index: usize);
}

impl SoonCallback {
    /// A callback that runs `callback`.
    pub fn new(callback: impl FnOnce() + 'static) -> Self {
        SoonCallback(Soon::Boxed(Box::new(callback)))
    }

    /// A callback that calls `target` with `index`.
    pub(crate) fn indexed(target: Rc<dyn IndexedCallback>, index: usize) -> Self {
        SoonCallback(Soon::Indexed(target, index))
    }

    /// Runs the callback.
    #[inline]
    pub fn run(self) {
        match self.0 {
            Soon::Boxed(callback) => callback(),
            Soon::Indexed(target, index) => target.call(index),
        }
    }
}

/// A handle to the event loop that tasks and gathers run on. Cloning is cheap.
///
/// # Examples
///
/// ```
/// use gather_playground::VirtualClock;
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let started = runtime.now_ms();
/// let slept = clock.block_on({
///     let runtime = runtime.clone();
///     async move {
///         runtime.sleep(250).await;
///         runtime.now_ms()
///     }
/// });
/// assert_eq!(slept, Some(started + 250.0));
/// ```
#[derive(Clone)]
pub struct Runtime {
    executor: Rc<dyn Executor>,
}

impl Runtime {
    /// A runtime on any [`Executor`].
    pub fn new(executor: impl Executor + 'static) -> Self {
        Runtime {
            executor: Rc::new(executor),
        }
    }

    /// The browser's own event loop: futures and callbacks in one run queue drained on a
    /// microtask (as `wasm-bindgen-futures` does, without its per-future overhead), the clock on
    /// `performance.now()`, timers on `setTimeout`, coalesced: every sleep of the page due
    /// in the same whole millisecond shares one browser timer, cleared once no sleep is
    /// left in it. A sleep never ends before the clock reads its deadline, and sleeps due
    /// together wake in deadline order, then in the order they started.
    #[cfg(target_arch = "wasm32")]
    pub fn browser() -> Self {
        Runtime::new(browser::BrowserExecutor)
    }

    /// This runtime with its clock running `speed` times as fast: every sleep takes
    /// `1 / speed` of its time on this runtime, and the clock reads `speed` times its own.
    /// A speed that is not a positive finite number counts as 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::VirtualClock;
    ///
    /// let clock = VirtualClock::new();
    /// let slow = clock.runtime().scaled(0.25);
    /// clock.block_on(async move { slow.sleep(100).await });
    /// assert_eq!(clock.now_ms(), 400);
    /// ```
    pub fn scaled(&self, speed: f64) -> Runtime {
        let speed = if speed.is_finite() && speed > 0.0 {
            speed
        } else {
            1.0
        };
        Runtime::new(scaled::ScaledExecutor {
            inner: self.clone(),
            speed,
        })
    }

    /// The current time in milliseconds.
    pub fn now_ms(&self) -> f64 {
        self.executor.now_ms()
    }

    /// Sleeps `duration_ms` milliseconds. Not a cancellation point: inside a task, use
    /// [`TaskContext::sleep`](crate::TaskContext::sleep) instead.
    pub fn sleep(&self, duration_ms: u64) -> impl Future<Output = ()> {
        self.executor
            .sleep_until(self.executor.now_ms() + duration_ms as f64)
    }

    pub(crate) fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        self.executor.sleep_until(deadline_ms)
    }

    /// Runs a plain future on this loop, detached (no handle, no cancellation).
    pub fn spawn_detached(&self, future: impl Future<Output = ()> + 'static) {
        self.executor.spawn(Box::pin(future));
    }

    /// Runs `callback` on a later turn of the loop, as asyncio's `call_soon` does.
    #[inline]
    pub(crate) fn call_soon(&self, callback: SoonCallback) {
        self.executor.call_soon(callback);
    }
}
