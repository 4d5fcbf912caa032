//! The differential conformance test, natively: every corpus scenario run on the virtual
//! clock must give exactly the report CPython gave, times included. Two corpora: random
//! scenarios whose events are at least 20 ms apart, and tie-heavy ones whose times are
//! round values that coincide (CPython's order at ties, rules H of docs/semantics.md).
#![cfg(not(target_arch = "wasm32"))]

use gather_playground::scenario::{self, Scenario};
use gather_playground::VirtualClock;
use serde_json::Value;

fn check_corpus(name: &str, text: &str, at_least: usize) {
    let corpus: Value = serde_json::from_str(text).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(
        cases.len() >= at_least,
        "the {name} corpus has only {} cases",
        cases.len()
    );
    let mut disagreeing = Vec::new();
    for case in cases {
        let case_name = case["name"].as_str().unwrap();
        let scenario = Scenario::from_value(&case["scenario"])
            .unwrap_or_else(|error| panic!("{case_name}: refused: {error}"));
        let clock = VirtualClock::new();
        let report = clock
            .block_on(scenario::run(clock.runtime(), scenario))
            .unwrap_or_else(|| panic!("{case_name}: the run never finished"));
        let actual = serde_json::to_value(&report).unwrap();
        if actual != case["report"] {
            disagreeing.push(format!(
                "{case_name}:\n  cpython: {}\n  rust:    {}",
                case["report"], actual
            ));
        }
        assert_eq!(
            clock.pending_timers(),
            0,
            "{case_name}: timers left after the run"
        );
        assert_eq!(
            clock.pending_tasks(),
            0,
            "{case_name}: tasks left after the run"
        );
    }
    println!(
        "conformance, {name} (virtual clock): {}/{} exactly as CPython",
        cases.len() - disagreeing.len(),
        cases.len()
    );
    assert!(
        disagreeing.is_empty(),
        "{} of {} {name} cases disagree:\n{}",
        disagreeing.len(),
        cases.len(),
        disagreeing.join("\n")
    );
}

#[test]
fn every_corpus_case_matches_cpython_exactly_on_the_virtual_clock() {
    check_corpus("tie-free", include_str!("conformance/corpus.json"), 200);
}

#[test]
fn every_tie_corpus_case_matches_cpython_exactly_on_the_virtual_clock() {
    check_corpus(
        "tie-heavy",
        include_str!("conformance/tie_corpus.json"),
        300,
    );
}
