//! The semantics cases in a real browser, on real timers (`wasm-pack test --headless`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::Harness;
use gather_playground::Runtime;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How late a real timer may be, against CPython's exact virtual time, in Chromium.
const LATE_MS: f64 = 30.0;
/// The same in Firefox, whose timers are coalesced on a loaded machine.
const LATE_MS_FIREFOX: f64 = 60.0;

fn allowed_lateness() -> f64 {
    let user_agent = web_sys::window()
        .and_then(|window| window.navigator().user_agent().ok())
        .unwrap_or_default();
    if user_agent.contains("Firefox") {
        LATE_MS_FIREFOX
    } else {
        LATE_MS
    }
}

macro_rules! browser_tests {
    ($($case:ident),*) => {$(
        #[wasm_bindgen_test]
        async fn $case() {
            common::cases::$case(Harness::new(Runtime::browser(), allowed_lateness())).await;
        }
    )*};
}

for_each_case!(browser_tests);
