//! The differential conformance test, natively: every corpus scenario run on the virtual
//! clock must give exactly the report CPython gave, times included.
#![cfg(not(target_arch = "wasm32"))]

use gather_playground::scenario::{self, Scenario};
use gather_playground::VirtualClock;
use serde_json::Value;

#[test]
fn every_corpus_case_matches_cpython_exactly_on_the_virtual_clock() {
    let corpus: Value = serde_json::from_str(include_str!("conformance/corpus.json")).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(
        cases.len() >= 200,
        "the corpus has only {} cases",
        cases.len()
    );
    let mut disagreeing = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let scenario = Scenario::from_value(&case["scenario"])
            .unwrap_or_else(|error| panic!("{name}: refused: {error}"));
        let clock = VirtualClock::new();
        let report = clock
            .block_on(scenario::run(clock.runtime(), scenario))
            .unwrap_or_else(|| panic!("{name}: the run never finished"));
        let actual = serde_json::to_value(&report).unwrap();
        if actual != case["report"] {
            disagreeing.push(format!(
                "{name}:\n  cpython: {}\n  rust:    {}",
                case["report"], actual
            ));
        }
        assert_eq!(
            clock.pending_timers(),
            0,
            "{name}: timers left after the run"
        );
        assert_eq!(clock.pending_tasks(), 0, "{name}: tasks left after the run");
    }
    println!(
        "conformance (virtual clock): {}/{} agree with CPython",
        cases.len() - disagreeing.len(),
        cases.len()
    );
    assert!(
        disagreeing.is_empty(),
        "{} of {} cases disagree:\n{}",
        disagreeing.len(),
        cases.len(),
        disagreeing.join("\n")
    );
}
