//! The seam between gather and the event loop it runs on.
//!
//! Gather, tasks and the scenario runner need a few things from an event loop: spawn a
//! future, run a callback soon or at a deadline, sleep until a deadline, read the clock.
//! [`Executor`] is that seam; [`Runtime`] is the handle everything else holds. Two
//! executors ship, on one loop (`event_loop`: CPython's turns, its ready queue, its timers
//! ordered as CPython orders them at ties) driven by two clocks: the browser's own event
//! loop (`Runtime::browser`, wasm32 only) and a deterministic [`VirtualClock`] whose time
//! jumps to the next timer, for exact tests and predictions.

// ---- The loop both executors share ------------------------------------------------------
mod event_loop;
mod id_map;
mod timer_queue;
mod timer_sleep;

// ---- Its clocks ---------------------------------------------------------------------------
#[cfg(target_arch = "wasm32")]
mod browser;
mod scaled;
mod virtual_clock;

pub use virtual_clock::VirtualClock;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A boxed, single-threaded future with no output, as executors take them.
pub type LocalBoxFuture = Pin<Box<dyn Future<Output = ()>>>;

/// An event loop gather can run on.
///
/// Implementations must run spawned futures in the order they were woken, never
/// synchronously inside [`Executor::spawn`], and must never finish a sleep before its
/// deadline. For CPython's order at ties (what the shipped executors give), timers due at
/// the same time must run in the order they were set, all in one turn, before what they
/// schedule; and a sleep's task must wake on the turn after its timer's.
pub trait Executor {
    /// Runs `future` to completion on this loop, starting on a later turn.
    fn spawn(&self, future: LocalBoxFuture);
    /// A future that finishes once the clock reads `deadline_ms` or later. Dropping it
    /// releases its timer.
    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture;
    /// The loop's clock in milliseconds, from an arbitrary fixed origin: what deadlines are
    /// measured from (asyncio's `loop.time()`).
    fn now_ms(&self) -> f64;
    /// The wall clock in milliseconds, from the same origin: when things really happen. By
    /// default the loop's clock; they differ only where the loop's clock keeps timers of
    /// one moment together (the browser's).
    fn wall_ms(&self) -> f64 {
        self.now_ms()
    }
    /// Runs `callback` on a later turn, after everything already scheduled (asyncio's
    /// `call_soon`). By default a spawned future; executors with a cheaper way (no future,
    /// no waker) may override it, keeping the order with [`Executor::spawn`].
    fn call_soon(&self, callback: SoonCallback) {
        self.spawn(Box::pin(async move { callback.run() }));
    }
    /// Runs `callback` once the clock reads `deadline_ms` (asyncio's `call_at`), unless
    /// the returned handle cancels it first. By default a spawned future that sleeps;
    /// executors with timers of their own run it in the timer's turn.
    fn call_at(&self, deadline_ms: f64, callback: SoonCallback) -> TimerHandle {
        let cancelled = Rc::new(std::cell::Cell::new(false));
        let sleep = self.sleep_until(deadline_ms);
        let flag = Rc::clone(&cancelled);
        self.spawn(Box::pin(async move {
            sleep.await;
            if !flag.get() {
                callback.run();
            }
        }));
        TimerHandle::new(move || cancelled.set(true))
    }
}

/// What cancels a timer set with [`Runtime::call_at`], as asyncio's `TimerHandle.cancel()`.
/// Dropping the handle leaves the timer set.
pub struct TimerHandle {
    cancel: Box<dyn FnOnce()>,
}

impl TimerHandle {
    /// A handle whose [`TimerHandle::cancel`] calls `cancel`.
    pub fn new(cancel: impl FnOnce() + 'static) -> Self {
        TimerHandle {
            cancel: Box::new(cancel),
        }
    }

    /// Cancels the timer: its callback will not run (nothing if it already has).
    pub fn cancel(self) {
        (self.cancel)();
    }
}

impl fmt::Debug for TimerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TimerHandle")
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

    /// The browser's own event loop: CPython's turns on microtasks (futures and callbacks in
    /// one ready queue, as `wasm-bindgen-futures` runs futures, without its per-future
    /// overhead), timers on one `setTimeout` at a time, for the earliest of them.
    ///
    /// The wall clock is `performance.now()`. The loop's clock, which deadlines are
    /// measured from, reads the moment being handled: while a timer's moment is handled
    /// and everything it leads to runs, the time that moment was due; otherwise the time
    /// the browser's current task began. So a sleep and a cancel set for the same time
    /// stay at the same moment however late the browser delivers either, and run in the
    /// order they were set, as on CPython. A moment runs once the wall clock has reached
    /// the latest of its timers (each no earlier than its own delay after it was set), and
    /// moments run in order: a late timer delays what follows instead of overtaking it.
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

    /// The loop's clock in milliseconds (asyncio's `loop.time()`): what sleeps and timers
    /// are measured from. On the virtual clock, its time; in the browser, the moment being
    /// handled (see `Runtime::browser`, wasm32 only).
    pub fn now_ms(&self) -> f64 {
        self.executor.now_ms()
    }

    /// The wall clock in milliseconds, from the same origin as [`Runtime::now_ms`]: when
    /// things really happen. The same as `now_ms` on the virtual clock.
    pub fn wall_ms(&self) -> f64 {
        self.executor.wall_ms()
    }

    /// Sleeps `duration_ms` milliseconds; 0 yields to the loop once and sets no timer, as
    /// `asyncio.sleep(0)`. Not a cancellation point: inside a task, use
    /// [`TaskContext::sleep`](crate::TaskContext::sleep) instead.
    pub fn sleep(&self, duration_ms: u64) -> impl Future<Output = ()> {
        let timer = (duration_ms > 0).then(|| {
            self.executor
                .sleep_until(self.executor.now_ms() + duration_ms as f64)
        });
        async move {
            match timer {
                Some(timer) => timer.await,
                None => yield_now().await,
            }
        }
    }

    /// Runs `callback` when the loop's clock reads `deadline_ms` (asyncio's `call_at`):
    /// timers due at the same time run in the order they were set, all in one turn. The
    /// handle cancels it.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::{SoonCallback, VirtualClock};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// let clock = VirtualClock::new();
    /// let runtime = clock.runtime();
    /// let log = Rc::new(RefCell::new(Vec::new()));
    /// for name in ["first", "second", "third"] {
    ///     let log = Rc::clone(&log);
    ///     runtime.call_at(100.0, SoonCallback::new(move || log.borrow_mut().push(name)));
    /// }
    /// let log_later = Rc::clone(&log);
    /// runtime
    ///     .call_at(100.0, SoonCallback::new(move || log_later.borrow_mut().push("cancelled")))
    ///     .cancel();
    /// clock.run_until_stalled();
    /// assert_eq!(*log.borrow(), ["first", "second", "third"]);
    /// ```
    pub fn call_at(&self, deadline_ms: f64, callback: SoonCallback) -> TimerHandle {
        self.executor.call_at(deadline_ms, callback)
    }

    pub(crate) fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        self.executor.sleep_until(deadline_ms)
    }

    /// Runs a plain future on this loop, detached (no handle, no cancellation).
    pub fn spawn_detached(&self, future: impl Future<Output = ()> + 'static) {
        self.executor.spawn(Box::pin(future));
    }

    /// Runs `callback` on a later turn of the loop, after everything already scheduled, as
    /// asyncio's `call_soon` does.
    #[inline]
    pub fn call_soon(&self, callback: SoonCallback) {
        self.executor.call_soon(callback);
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("now_ms", &self.now_ms())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for SoonCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SoonCallback")
    }
}

/// Yields to the loop once: the task's next step comes on the next turn.
pub(crate) fn yield_now() -> impl Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |cx| {
        if yielded {
            return std::task::Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    })
}
