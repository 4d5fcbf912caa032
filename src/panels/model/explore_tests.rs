use super::{child_names, compare_order, parse_runs, reduce, ExploreAction, ExploreState};
use gather_playground::explore::{compare, sequential_totals, shuffle, Combinator};
use gather_playground::scenario::Scenario;
use serde_json::json;
use std::rc::Rc;

fn scenario(first_delay: u64) -> Rc<Scenario> {
    Rc::new(
        Scenario::from_value(&json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": first_delay, "result": {"value": 1}},
            {"kind": "future", "delay_ms": 100, "result": {"value": 2}},
            {"kind": "gather", "children": []}]}))
        .unwrap(),
    )
}

#[test]
fn rows_fill_in_for_the_current_press_only() {
    let first = scenario(300);
    let state = reduce(
        &ExploreState::default(),
        ExploreAction::CompareStarted {
            scenario: Rc::clone(&first),
        },
    );
    assert_eq!(state.generation, 1);
    assert_eq!(
        state.comparisons.as_ref().unwrap().len(),
        Combinator::ALL.len()
    );
    assert!(state
        .comparisons
        .as_ref()
        .unwrap()
        .iter()
        .all(Option::is_none));
    let task_group = compare(&first, Combinator::TaskGroup).unwrap();
    let filled = reduce(
        &state,
        ExploreAction::RowDone {
            generation: 1,
            comparison: task_group.clone(),
        },
    );
    let slot = Combinator::ALL
        .iter()
        .position(|c| *c == Combinator::TaskGroup)
        .unwrap();
    assert_eq!(
        filled.comparisons.as_ref().unwrap()[slot],
        Some(task_group.clone())
    );
    // A late row of an older press changes nothing.
    let stale = reduce(
        &filled,
        ExploreAction::RowDone {
            generation: 0,
            comparison: task_group,
        },
    );
    assert_eq!(stale, filled);
    assert!(filled.is_of(&first) && filled.has_results());
}

/// With return_exceptions=True ticked, the first row is that gather, the editor's own; the
/// plain one follows. A row lands in its place in that order.
#[test]
fn the_first_row_is_the_gather_the_editor_holds() {
    let plain = scenario(300);
    assert_eq!(compare_order(&plain), Combinator::ALL);
    let mut ticked = (*plain).clone();
    ticked.root.return_exceptions = true;
    let ticked = Rc::new(ticked);
    let order = compare_order(&ticked);
    assert_eq!(
        order[..3],
        [
            Combinator::GatherReturnExceptions,
            Combinator::Gather,
            Combinator::TaskGroup
        ]
    );
    let state = reduce(
        &ExploreState::default(),
        ExploreAction::CompareStarted {
            scenario: Rc::clone(&ticked),
        },
    );
    let own = compare(&ticked, Combinator::GatherReturnExceptions).unwrap();
    let filled = reduce(
        &state,
        ExploreAction::RowDone {
            generation: 1,
            comparison: own.clone(),
        },
    );
    assert_eq!(filled.comparisons.as_ref().unwrap()[0], Some(own));
}

#[test]
fn a_row_that_could_not_run_says_why_for_the_current_press_only() {
    let started = reduce(
        &ExploreState::default(),
        ExploreAction::CompareStarted {
            scenario: scenario(300),
        },
    );
    let failed = |generation| ExploreAction::RowFailed {
        generation,
        combinator: Combinator::TaskGroup,
        message: "the page's worker did not load: try again".into(),
    };
    assert_eq!(reduce(&started, failed(0)), started);
    let said = reduce(&started, failed(1));
    assert_eq!(
        said.job_error.as_deref(),
        Some("asyncio.TaskGroup could not run: the page's worker did not load: try again.")
    );
    let again = reduce(
        &said,
        ExploreAction::CompareStarted {
            scenario: scenario(300),
        },
    );
    assert_eq!(again.job_error, None);
}

#[test]
fn results_of_another_scenario_go_but_the_runs_field_stays() {
    let (first, second) = (scenario(300), scenario(400));
    let mut state = reduce(
        &ExploreState::default(),
        ExploreAction::RunsTyped {
            text: "lots".into(),
        },
    );
    state = reduce(
        &state,
        ExploreAction::RunsRefused {
            message: parse_runs("lots").unwrap_err(),
        },
    );
    assert_eq!(
        state.runs_error.as_deref(),
        Some("Runs: a whole number from 1 to 1000.")
    );
    state = reduce(&state, ExploreAction::RunsTyped { text: "30".into() });
    assert_eq!(
        (state.runs_text.as_str(), state.runs_error.as_ref()),
        ("30", None)
    );
    state = reduce(
        &state,
        ExploreAction::SequentialDone {
            scenario: Rc::clone(&first),
            totals: sequential_totals(&first),
        },
    );
    state = reduce(
        &state,
        ExploreAction::ShuffleProgress { done: 10, runs: 30 },
    );
    assert_eq!(state.shuffling, Some((10, 30)));
    state = reduce(
        &state,
        ExploreAction::ShuffleDone {
            scenario: Rc::clone(&first),
            summary: shuffle(&first, 30, 1),
        },
    );
    assert!(state.sequential.is_some() && state.shuffled.is_some());
    assert_eq!((state.shuffling, state.shuffles), (None, 1));
    state = reduce(
        &state,
        ExploreAction::SequentialDone {
            scenario: Rc::clone(&second),
            totals: sequential_totals(&second),
        },
    );
    assert!(state.is_of(&second) && !state.is_of(&first));
    assert!(
        state.shuffled.is_none(),
        "the first scenario's shuffle went"
    );
    assert_eq!(state.runs_text, "30");
    state = reduce(&state, ExploreAction::ShuffleProgress { done: 1, runs: 2 });
    state = reduce(&state, ExploreAction::ShuffleAbandoned);
    assert_eq!(state.shuffling, None);
}

#[test]
fn runs_and_names() {
    assert_eq!(parse_runs(" 1000 "), Ok(1000));
    assert!(parse_runs("0").is_err() && parse_runs("1001").is_err() && parse_runs("").is_err());
    assert_eq!(child_names(&scenario(1)), ["A", "child #2", "gather #3"]);
}
