//! A runtime whose clock runs faster or slower than another's.

use super::{Executor, LocalBoxFuture, Runtime, SoonCallback, TimerHandle};

/// Runs on another runtime with its clock multiplied by `speed`: at 0.25, a 100 ms sleep
/// takes 400 ms of the inner clock; at 4, 25 ms.
pub(super) struct ScaledExecutor {
    pub(super) inner: Runtime,
    pub(super) speed: f64,
}

impl Executor for ScaledExecutor {
    fn spawn(&self, future: LocalBoxFuture) {
        self.inner.executor.spawn(future);
    }

    fn call_soon(&self, callback: SoonCallback) {
        self.inner.executor.call_soon(callback);
    }

    fn call_at(&self, deadline_ms: f64, callback: SoonCallback) -> TimerHandle {
        self.inner
            .executor
            .call_at(deadline_ms / self.speed, callback)
    }

    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        self.inner.sleep_until(deadline_ms / self.speed)
    }

    fn now_ms(&self) -> f64 {
        self.inner.now_ms() * self.speed
    }

    fn wall_ms(&self) -> f64 {
        self.inner.wall_ms() * self.speed
    }
}
