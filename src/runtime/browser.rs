//! The browser's event loop as an [`Executor`].

use super::browser_queue;
use super::browser_timers::{self, BrowserSleep};
use super::{Executor, LocalBoxFuture, SoonCallback};

pub(super) struct BrowserExecutor;

impl Executor for BrowserExecutor {
    fn spawn(&self, future: LocalBoxFuture) {
        browser_queue::spawn(future);
    }

    fn call_soon(&self, callback: SoonCallback) {
        browser_queue::call_soon(callback);
    }

    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        Box::pin(BrowserSleep::until(deadline_ms))
    }

    fn now_ms(&self) -> f64 {
        browser_timers::now_ms()
    }
}
