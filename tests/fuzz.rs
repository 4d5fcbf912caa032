//! Property test of the scenario parser and runner: 100,000 random and mutated inputs, each
//! either refused with an error that names where, or run to a complete report. Never a
//! panic, never a hang, no timer left behind.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fuzz_inputs::{input, Rng};
use gather_playground::scenario::{self, Report, Scenario, ScenarioProblem};
use gather_playground::VirtualClock;
use serde_json::Value;

const INPUTS: usize = 100_000;

fn count_nodes(report: &Report) -> usize {
    1 + report
        .children
        .iter()
        .flatten()
        .map(count_nodes)
        .sum::<usize>()
}

#[test]
fn random_and_mutated_scenarios_are_refused_by_path_or_run_completely() {
    let corpus: Value = serde_json::from_str(include_str!("conformance/corpus.json")).unwrap();
    let corpus: Vec<Value> = corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["scenario"].clone())
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut refused, mut ran) = (0, 0);
    for attempt in 0..INPUTS {
        let text = input(&mut rng, &corpus);
        match Scenario::from_json(&text) {
            Err(error) => {
                refused += 1;
                let whole_text = matches!(error.problem(), ScenarioProblem::MalformedJson(_))
                    || error.path().is_empty();
                assert!(
                    whole_text || !error.path().is_empty(),
                    "input {attempt}: an error without a path: {error}"
                );
                assert!(!error.to_string().is_empty());
            }
            Ok(scenario) => {
                ran += 1;
                let nodes = scenario.node_count();
                // Big scenarios are parsed every time but run only now and then, to keep
                // the test quick.
                if nodes > 200 && attempt % 50 != 0 {
                    continue;
                }
                let clock = VirtualClock::new();
                let report = clock
                    .block_on(scenario::run(clock.runtime(), scenario))
                    .unwrap_or_else(|| panic!("input {attempt}: the run never finished"));
                assert_eq!(count_nodes(&report), nodes, "input {attempt}: report shape");
                assert_eq!(clock.pending_timers(), 0, "input {attempt}: timers left");
            }
        }
    }
    println!("fuzz: {INPUTS} inputs, {refused} refused with a path, {ran} ran; 0 panics");
    assert_eq!(refused + ran, INPUTS);
    assert!(
        refused > INPUTS / 10 && ran > INPUTS / 10,
        "refused {refused}, ran {ran}"
    );
}
