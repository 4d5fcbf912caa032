//! The differential conformance test in a real browser: every corpus scenario, run through
//! the wasm runner on real timers, all at once, must give CPython's report: identical
//! statuses, values, exceptions and messages, and every `done_at_ms` no earlier than
//! CPython's and at most `LATE_MS` later. Both corpora: the tie-free one, and the
//! tie-heavy one, whose events coincide at round times and must still come in CPython's
//! order however late the browser delivers its timers.
#![cfg(target_arch = "wasm32")]

use gather_playground::scenario::{self, Report, Scenario};
use gather_playground::{gather, Exception, Runtime};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How late a real timer may make an event in Chromium, against CPython's exact virtual
/// time. Random scenarios keep their timer events at least 20 ms apart, so this much
/// lateness cannot reorder them.
const LATE_MS: i64 = 15;
/// The same in Firefox, whose timers, on a loaded machine, are coalesced: seen delivering
/// one 60 ms late together with a later one. Outcomes must still agree exactly.
const LATE_MS_FIREFOX: i64 = 60;
/// How many scenarios run concurrently.
const RUNS_AT_ONCE: usize = 10;
/// A case whose outcomes agree but whose timers ran late (a loaded machine) is run again
/// alone, up to this many times; it must then be on time.
const RETRIES_ALONE: usize = 3;

fn allowed_lateness() -> i64 {
    let user_agent = web_sys::window()
        .and_then(|window| window.navigator().user_agent().ok())
        .unwrap_or_default();
    if user_agent.contains("Firefox") {
        LATE_MS_FIREFOX
    } else {
        LATE_MS
    }
}

#[wasm_bindgen_test]
async fn every_corpus_case_matches_cpython_on_real_timers() {
    check_on_real_timers("tie-free", include_str!("conformance/corpus.json"), 200).await;
}

#[wasm_bindgen_test]
async fn every_tie_corpus_case_matches_cpython_on_real_timers() {
    check_on_real_timers(
        "tie-heavy",
        include_str!("conformance/tie_corpus.json"),
        300,
    )
    .await;
}

async fn check_on_real_timers(name: &str, text: &str, at_least: usize) {
    let corpus: Value = serde_json::from_str(text).unwrap();
    // Every case, also those marked exact_timing_only (whose events are too close for a
    // real CPython clock to decide, or closer than 20 ms): the browser's loop keeps the
    // virtual clock's order of moments however late its timers come, so outcomes agree.
    let cases: Vec<&Value> = corpus["cases"].as_array().unwrap().iter().collect();
    assert!(cases.len() >= at_least);
    let runtime = Runtime::browser();
    // The first runs pay for the browser compiling the wasm code; warm up unmeasured.
    run_batch(&runtime, &cases[..RUNS_AT_ONCE]).await;
    let mut reports = Vec::new();
    // Runs in flight at once must not interfere; batches keep the time it takes to start
    // them all (each a task spawned after the others were built) well below LATE_MS.
    for batch in cases.chunks(RUNS_AT_ONCE) {
        reports.extend(run_batch(&runtime, batch).await);
    }
    let late_ms = allowed_lateness();
    let mut disagreeing = Vec::new();
    let mut latest = 0;
    let mut retried = 0;
    for (case, report) in cases.iter().zip(reports) {
        let expected: Report = serde_json::from_value(case["report"].clone()).unwrap();
        let mut actual = report.unwrap();
        let mut attempt = 0;
        let verdict = loop {
            let mut lateness = Vec::new();
            if !same_outcomes(&expected, &actual, &mut lateness) {
                break Err("outcomes differ".to_owned());
            }
            let worst = lateness
                .iter()
                .copied()
                .find(|late| !(-1..=late_ms).contains(late));
            match worst {
                None => {
                    latest = latest.max(lateness.into_iter().max().unwrap_or(0));
                    break Ok(());
                }
                Some(_) if attempt < RETRIES_ALONE => {
                    attempt += 1;
                    retried += 1;
                    actual = run_batch(&runtime, &[case]).await.remove(0).unwrap();
                }
                Some(worst) => break Err(format!("an event {worst} ms off CPython's time")),
            }
        };
        if let Err(problem) = verdict {
            disagreeing.push(format!(
                "{}: {problem}\n  cpython: {}\n  wasm:    {}",
                case["name"],
                case["report"],
                serde_json::to_string(&actual).unwrap()
            ));
        }
    }
    console_log!(
        "conformance, {name} (real timers): {}/{} agree with CPython; latest event {} ms late (allowed {}); {} reruns alone",
        cases.len() - disagreeing.len(),
        cases.len(),
        latest,
        late_ms,
        retried
    );
    assert!(disagreeing.is_empty(), "{}", disagreeing.join("\n"));
}

/// Runs the cases' scenarios concurrently, each as a task, gathered.
async fn run_batch(runtime: &Runtime, batch: &[&Value]) -> Vec<Result<Report, Exception>> {
    let runs: Vec<_> = batch
        .iter()
        .map(|case| {
            let scenario = Scenario::from_value(&case["scenario"]).unwrap();
            let runtime_for_run = runtime.clone();
            runtime
                .spawn(move |_| async move { Ok(scenario::run(runtime_for_run, scenario).await) })
        })
        .collect();
    gather(runtime, runs, false).await.unwrap()
}

/// Whether two report trees agree on everything but times; collects each node's lateness.
fn same_outcomes(expected: &Report, actual: &Report, lateness: &mut Vec<i64>) -> bool {
    lateness.push(actual.done_at_ms as i64 - expected.done_at_ms as i64);
    let same_here = expected.label == actual.label && expected.status == actual.status;
    let same_children = match (&expected.children, &actual.children) {
        (None, None) => true,
        (Some(expected), Some(actual)) => {
            expected.len() == actual.len()
                && expected
                    .iter()
                    .zip(actual)
                    .all(|(expected, actual)| same_outcomes(expected, actual, lateness))
        }
        _ => false,
    };
    same_here && same_children
}
