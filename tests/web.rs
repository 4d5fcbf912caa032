//! The semantics cases in a real browser, on real timers (`wasm-pack test --headless`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::Harness;
use gather_playground::Runtime;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How late a real timer may be, against CPython's exact virtual time.
const LATE_MS: f64 = 30.0;

macro_rules! browser_tests {
    ($($case:ident),*) => {$(
        #[wasm_bindgen_test]
        async fn $case() {
            common::cases::$case(Harness::new(Runtime::browser(), LATE_MS)).await;
        }
    )*};
}

for_each_case!(browser_tests);
