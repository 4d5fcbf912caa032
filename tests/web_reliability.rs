//! Reliability in a real browser: timers that fire early, and a sample of the fuzz inputs.
#![cfg(target_arch = "wasm32")]

mod common;

use common::fuzz_inputs::{input, Rng};
use gather_playground::scenario::{self, Scenario};
use gather_playground::{Runtime, VirtualClock};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn sleeps_never_end_early_even_when_the_browser_fires_timers_early() {
    // Every setTimeout now fires at half its delay: the sleep must notice and sleep again.
    js_sys::eval(
        "globalThis.realSetTimeout = globalThis.setTimeout; \
         globalThis.setTimeout = (handler, delay, ...rest) => \
           globalThis.realSetTimeout(handler, Math.floor(delay / 2), ...rest);",
    )
    .unwrap();
    let runtime = Runtime::browser();
    let started = runtime.now_ms();
    runtime.sleep(400).await;
    let slept = runtime.now_ms() - started;
    let child = runtime.spawn(|cx| async move {
        cx.sleep(300).await?;
        Ok(())
    });
    let child_started = runtime.now_ms();
    child.await.unwrap();
    let child_slept = runtime.now_ms() - child_started;
    js_sys::eval("globalThis.setTimeout = globalThis.realSetTimeout;").unwrap();
    assert!(slept >= 400.0, "slept {slept} ms of 400");
    assert!(
        child_slept >= 300.0,
        "the task slept {child_slept} ms of 300"
    );
}

#[wasm_bindgen_test]
async fn a_sample_of_fuzz_inputs_is_refused_or_runs_in_the_browser() {
    let corpus: Value = serde_json::from_str(include_str!("conformance/corpus.json")).unwrap();
    let corpus: Vec<Value> = corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["scenario"].clone())
        .collect();
    let mut rng = Rng(0x5eed_1e55);
    let (mut refused, mut ran, mut on_real_timers) = (0, 0, Vec::new());
    for _ in 0..2_000 {
        match Scenario::from_json(&input(&mut rng, &corpus)) {
            Err(error) => {
                refused += 1;
                assert!(!error.to_string().is_empty());
            }
            Ok(scenario) if scenario.node_count() <= 200 => {
                ran += 1;
                let clock = VirtualClock::new();
                let report = clock.block_on(scenario::run(clock.runtime(), scenario.clone()));
                assert!(report.is_some(), "a run never finished");
                assert_eq!(clock.pending_timers(), 0);
                if on_real_timers.len() < 25 {
                    on_real_timers.push((scenario, report));
                }
            }
            Ok(_) => {}
        }
    }
    // A few on the browser's own timers, twenty times as fast. Random scenarios may have
    // events too close for real timers to order as the virtual clock does, so only require
    // a complete report.
    let runtime = Runtime::browser().scaled(20.0);
    for (scenario, predicted) in on_real_timers {
        let nodes = scenario.node_count();
        let report = scenario::run(runtime.clone(), scenario).await;
        let count = |report: &scenario::Report| -> usize {
            fn walk(report: &scenario::Report) -> usize {
                1 + report.children.iter().flatten().map(walk).sum::<usize>()
            }
            walk(report)
        };
        assert_eq!(count(&report), nodes);
        assert!(predicted.is_some());
    }
    console_log!("browser fuzz sample: {refused} refused, {ran} ran");
    assert!(refused > 100 && ran > 100);
}
