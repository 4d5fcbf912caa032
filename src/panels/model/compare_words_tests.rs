use super::{
    caption, difference, fate_text, fates_summary, pending_text, run_on, why, REAL_TIMERS_SLACK_MS,
};
use gather_playground::explore::Comparison;
use gather_playground::explore::{compare, Combinator, Fate};
use gather_playground::scenario::{Scenario, Status};
use serde_json::json;

fn scenario(value: serde_json::Value) -> Scenario {
    Scenario::from_value(&value).unwrap()
}

fn sentence(scenario: &Scenario, combinator: Combinator) -> String {
    let gather = compare(scenario, Combinator::Gather).unwrap();
    why(&compare(scenario, combinator).unwrap(), scenario, &gather)
}

#[test]
fn why_a_task_group_or_a_join_differs_from_gather() {
    let group = scenario(json!({"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "a"}}},
        {"kind": "future", "label": "B", "delay_ms": 500, "result": {"value": 1},
         "on_cancel": {"delay_ms": 40, "result": {"error": {"type": "KeyError", "message": "b"}}}},
        {"kind": "gather", "label": "inner", "children": [
            {"kind": "future", "label": "C", "delay_ms": 900, "result": {"value": 2}}]}]}));
    assert!(sentence(&group, Combinator::TaskGroup)
        .contains("ExceptionGroup of 2 exceptions at 140 ms, later than gather's 100 ms"));
    assert_eq!(
        sentence(&group, Combinator::Gather),
        "The first exception, ValueError('a') at 100 ms, propagates at once; 2 siblings keep \
         running on, until 900 ms."
    );
    let join = scenario(json!({"version": 1, "limit": 2, "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
        {"kind": "gather", "label": "inner", "return_exceptions": true, "children": [
            {"kind": "future", "label": "B", "delay_ms": 500, "result": {"value": 2}, "cancel_at_ms": 200}]},
        {"kind": "future", "label": "C", "delay_ms": 50, "result": {"value": 3}}]}));
    let text = sentence(&join, Combinator::TryJoinAll);
    assert!(text.contains("Aborted() at 200 ms"), "{text}");
    assert!(text.contains("1 child stops"), "{text}");
    assert!(text.contains("a cancel time is an abort"), "{text}");
    assert!(
        text.ends_with(" Limits are ignored: every child starts at once."),
        "{text}"
    );
}

#[test]
fn when_nothing_fails_the_sentences_say_so() {
    let calm = scenario(json!({"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}}]}));
    assert_eq!(
        sentence(&calm, Combinator::GatherReturnExceptions),
        "The same as gather: no child raised, so there was nothing to return in its place."
    );
    assert!(sentence(&calm, Combinator::TaskGroup).ends_with("at 300 ms, as gather does."));
    assert!(sentence(&calm, Combinator::TryJoinAll).ends_with("at 300 ms, as gather gives them."));
    let gather = compare(&calm, Combinator::Gather).unwrap();
    let names = ["A".to_owned(), "B".to_owned()];
    assert_eq!(
        difference(
            &compare(&calm, Combinator::TryJoinAll).unwrap(),
            &gather,
            &names
        ),
        None
    );
    // as_completed's values come in completion order: another outcome.
    assert_eq!(
        difference(
            &compare(&calm, Combinator::AsCompleted).unwrap(),
            &gather,
            &names
        )
        .as_deref(),
        Some("differs in its outcome")
    );
}

/// A row on real timers, as Promise.all's comes: `row`'s times, each `late` ms later.
fn late(row: &Comparison, combinator: Combinator, late: u64) -> Comparison {
    Comparison {
        combinator,
        done_at_ms: row.done_at_ms + late,
        children: row
            .children
            .iter()
            .map(|fate| match fate {
                Fate::Finished { status, at_ms } => Fate::Finished {
                    status: status.clone(),
                    at_ms: at_ms + late,
                },
                Fate::Dropped { at_ms } => Fate::Dropped {
                    at_ms: at_ms + late,
                },
            })
            .collect(),
        ..row.clone()
    }
}

/// The default preset: every combinator that returns [3, 1, 2] agrees with gather, the
/// JavaScript rows' timer jitter (1 to 12 ms seen) no difference; a time beyond the slack,
/// or on the virtual clock any time, is one; so is how a child ended.
#[test]
fn outcomes_differ_not_timer_jitter() {
    let preset = scenario(json!({"version": 1, "children": [
        {"kind": "future", "label": "delay(3)", "delay_ms": 900, "result": {"value": 3}},
        {"kind": "future", "label": "delay(1)", "delay_ms": 300, "result": {"value": 1}},
        {"kind": "future", "label": "delay(2)", "delay_ms": 600, "result": {"value": 2}}]}));
    let names: Vec<String> = ["delay(3)", "delay(1)", "delay(2)"]
        .map(String::from)
        .to_vec();
    let gather = compare(&preset, Combinator::Gather).unwrap();
    for combinator in [
        Combinator::GatherReturnExceptions,
        Combinator::TaskGroup,
        Combinator::TryJoinAll,
    ] {
        let row = compare(&preset, combinator).unwrap();
        assert_eq!(difference(&row, &gather, &names), None, "{combinator:?}");
    }
    for jitter in [1, 6, 12, REAL_TIMERS_SLACK_MS] {
        for combinator in [Combinator::PromiseAll, Combinator::PromiseAllSettled] {
            let row = late(&gather, combinator, jitter);
            assert_eq!(
                difference(&row, &gather, &names),
                None,
                "{combinator:?} +{jitter}"
            );
        }
    }
    let slow = late(&gather, Combinator::PromiseAll, REAL_TIMERS_SLACK_MS + 1);
    assert_eq!(
        difference(&slow, &gather, &names).as_deref(),
        Some("differs in when it came: 961 ms against 900 ms")
    );
    // On the virtual clock, times are exact: a millisecond is a difference.
    let later = late(&gather, Combinator::TaskGroup, 1);
    assert!(difference(&later, &gather, &names).is_some());
    let mut cancelled = gather.clone();
    cancelled.children[1] = Fate::Finished {
        status: Status::Cancelled,
        at_ms: 300,
    };
    assert_eq!(
        difference(&cancelled, &gather, &names).as_deref(),
        Some("differs in how delay(1) ended")
    );
    let mut dropped = gather.clone();
    dropped.children[2] = Fate::Dropped { at_ms: 600 };
    assert_eq!(
        difference(&dropped, &gather, &names).as_deref(),
        Some("differs in how delay(2) ended")
    );
}

#[test]
fn each_childs_end_glyphs_counts_and_captions() {
    let ok = Fate::Finished {
        status: Status::Ok { value: json!(1) },
        at_ms: 300,
    };
    let raised = Fate::Finished {
        status: Status::Raised {
            exception: "E".into(),
            message: String::new(),
        },
        at_ms: 100,
    };
    let cancelled = Fate::Finished {
        status: Status::Cancelled,
        at_ms: 120,
    };
    let dropped = Fate::Dropped { at_ms: 200 };
    assert_eq!(
        [&ok, &raised, &cancelled, &dropped].map(fate_text),
        ["✓ 300", "✗ 100", "⊘ 120", "dropped 200"]
    );
    assert_eq!(
        fates_summary(&[ok.clone(), ok, raised, dropped]),
        "✓ 2, ✗ 1, dropped 1; the last at 300"
    );
    assert!(caption(false).contains("returned ✓, raised ✗, cancelled ⊘ or dropped"));
    assert!(caption(true).starts_with("Outcome, when it came, and each child's end (ms)."));
    assert!(caption(true).contains(
        "differ from the first row's, your gather as the editor holds it; times on real \
         timers count as the same within 60 ms."
    ));
    assert_eq!(
        run_on(Combinator::PromiseAll),
        "real JS promises, real setTimeout"
    );
    assert_eq!(
        run_on(Combinator::TryJoinAll),
        "real futures, virtual clock"
    );
    assert_eq!(run_on(Combinator::TaskGroup), "this library, virtual clock");
    assert_eq!(
        pending_text(Combinator::PromiseAllSettled),
        "running on real timers…"
    );
    assert_eq!(pending_text(Combinator::Gather), "running…");
}

#[test]
fn an_as_completed_loop_raises_in_completion_order() {
    let scenario = scenario(json!({"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}},
        {"kind": "future", "label": "C", "delay_ms": 200, "result": {"error": {"type": "ValueError", "message": ""}}}]}));
    let text = sentence(&scenario, Combinator::AsCompleted);
    assert!(
        text.contains("completion order, ValueError() at 200 ms"),
        "{text}"
    );
    assert!(
        text.ends_with("nothing is cancelled, 1 child runs on to 300 ms."),
        "{text}"
    );
}

#[test]
fn waits_done_and_pending_children_are_told_by_name() {
    use super::outcome_text;
    let waited = scenario(json!({"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": "a"}, "cancel_at_ms": 100},
        {"kind": "future", "label": "B", "delay_ms": 200, "result": {"error": {"type": "ValueError", "message": "bad"}}},
        {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": "c"}}]}));
    let names: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
    let row = |combinator| outcome_text(&compare(&waited, combinator).unwrap(), &names);
    assert_eq!(
        row(Combinator::WaitFirstException),
        "done: A, B; pending: C"
    );
    assert_eq!(
        row(Combinator::WaitFirstCompleted),
        "done: A; pending: B, C"
    );
    assert_eq!(row(Combinator::Gather), "was cancelled (CancelledError)");
    assert_eq!(
        row(Combinator::AsCompleted),
        "was cancelled (CancelledError)"
    );
    // Every child done: nothing pending; many children: the first ten, then a count.
    let many = scenario(json!({"version": 1, "children": (0..12).map(|index| json!(
        {"kind": "future", "label": format!("c{index}"), "delay_ms": 10, "result": {"value": index}}))
        .collect::<Vec<_>>()}));
    let names: Vec<String> = (0..12).map(|index| format!("c{index}")).collect();
    assert_eq!(
        outcome_text(
            &compare(&many, Combinator::WaitFirstException).unwrap(),
            &names
        ),
        "done: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, and 2 more; pending: none"
    );
    assert_eq!(
        outcome_text(&compare(&many, Combinator::AsCompleted).unwrap(), &names),
        "returned [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"
    );
}
