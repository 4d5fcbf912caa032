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

/// A case whose outcome was right but whose timers were late (a busy machine) runs again,
/// alone, up to this many times in all, as the corpus does.
const ATTEMPTS: usize = 3;

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
            let mut late = Vec::new();
            for _ in 0..ATTEMPTS {
                let harness = Harness::new(Runtime::browser(), allowed_lateness());
                common::cases::$case(harness.clone()).await;
                match harness.too_late() {
                    None => return,
                    Some(message) => late.push(message),
                }
            }
            panic!("late in every one of {ATTEMPTS} attempts: {}", late.join("; "));
        }
    )*};
}

for_each_case!(browser_tests);

/// Promise.all and Promise.allSettled, as real JS promises on real timers: the comparison
/// the playground's Compare table shows.
#[wasm_bindgen_test]
async fn javascript_promises_reject_at_once_cancel_nothing_and_settle_everything() {
    use gather_playground::explore::{run_promises, Combinator, Fate};
    use gather_playground::scenario::{Scenario, Status};
    use serde_json::json;

    let scenario = Scenario::from_json(
        r#"{"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 150, "result": {"value": "a"}, "cancel_at_ms": 20},
        {"kind": "future", "label": "B", "delay_ms": 50, "result": {"error": {"type": "ValueError", "message": "boom"}}},
        {"kind": "gather", "label": "inner", "children": [
            {"kind": "future", "label": "C", "delay_ms": 100, "result": {"value": 3}}]}]}"#,
    )
    .unwrap();
    let all = run_promises(&scenario, Combinator::PromiseAll)
        .await
        .unwrap();
    assert_eq!(
        all.outcome,
        Status::Raised {
            exception: "ValueError".into(),
            message: "boom".into()
        }
    );
    assert!(
        (50..50 + LATE_MS as u64).contains(&all.done_at_ms),
        "{all:?}"
    );
    assert!(
        matches!(&all.children[0], Fate::Finished { status: Status::Ok { .. }, at_ms } if *at_ms >= 150),
        "A ran to its end: its cancel time means nothing to a promise: {all:?}"
    );

    let settled = run_promises(&scenario, Combinator::PromiseAllSettled)
        .await
        .unwrap();
    assert_eq!(
        settled.outcome,
        Status::Ok {
            value: json!(["a", {"exception": "ValueError", "message": "boom"}, [3]])
        }
    );
    assert!(settled.done_at_ms >= 150);
    assert!(run_promises(&scenario, Combinator::Gather).await.is_none());
}
