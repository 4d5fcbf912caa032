//! The browser's event loop as an [`Executor`].

use super::{Executor, LocalBoxFuture};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    // `performance` rather than `window.performance` so that workers work too.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// setTimeout's largest delay; longer sleeps take several timers.
const LONGEST_TIMEOUT_MS: f64 = 2_147_483_647.0;

pub(super) struct BrowserExecutor;

impl Executor for BrowserExecutor {
    fn spawn(&self, future: LocalBoxFuture) {
        wasm_bindgen_futures::spawn_local(future);
    }

    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        Box::pin(async move {
            // Browsers may fire a timer a fraction of a millisecond before performance.now()
            // reaches its deadline; sleeping again for the remainder means never early.
            loop {
                let remaining = deadline_ms - performance_now();
                if remaining <= 0.0 {
                    break;
                }
                TimeoutFuture::new(remaining.ceil().min(LONGEST_TIMEOUT_MS) as u32).await;
            }
        })
    }

    fn now_ms(&self) -> f64 {
        performance_now()
    }
}
