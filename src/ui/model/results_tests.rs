use super::super::replay::Playhead;
use super::super::run_view::tests::{finished, ok, one_raises};
use super::super::run_view::{predict, RunView};
use super::{completion_order, return_exceptions_note, root_children, slot_value, Completion};
use gather_playground::scenario::{RunEvent, Scenario, Status};
use serde_json::json;

fn order(view: &RunView) -> Vec<(usize, bool)> {
    completion_order(view, &root_children(view))
        .into_iter()
        .map(|Completion { slot, late, .. }| (slot, late))
        .collect()
}

#[test]
fn completions_in_the_order_their_events_came_late_ones_marked() {
    let prediction = predict(&one_raises());
    assert_eq!(root_children(&prediction), [1, 2, 3]);
    // C finished after the gather had completed with B's exception.
    assert_eq!(order(&prediction), [(0, false), (1, false), (2, true)]);
    assert_eq!(slot_value(&prediction, 0, 1), ("1".into(), "ok"));
    assert_eq!(
        slot_value(&prediction, 1, 2),
        ("raised ZeroDivisionError".into(), "raised")
    );
    assert_eq!(return_exceptions_note(&prediction), None);
}

/// Within one millisecond the run's order decides, whatever the argument order; a child
/// ending in the gather's millisecond but after its Finished event is late all the same.
#[test]
fn ties_keep_the_runs_order() {
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100,
         "result": {"error": {"type": "E", "message": ""}}},
        {"kind": "future", "label": "C", "delay_ms": 100, "result": {"value": 3}}]}))
    .unwrap();
    let mut run = RunView::new(1, &scenario, 1.0);
    let raised = Status::Raised {
        exception: "E".into(),
        message: String::new(),
    };
    for event in [
        RunEvent::Started {
            node: 1,
            at_ms: 0.0,
        },
        RunEvent::Started {
            node: 2,
            at_ms: 0.0,
        },
        RunEvent::Started {
            node: 3,
            at_ms: 0.0,
        },
        finished(3, 100.0, ok(json!(3))),
        finished(2, 100.0, raised.clone()),
        finished(0, 100.0, raised),
        finished(1, 100.0, ok(json!(1))),
    ] {
        run.apply(&event);
    }
    assert_eq!(order(&run), [(2, false), (1, false), (0, true)]);
    // Still running: after those that finished, in argument order.
    let mut partial = RunView::new(2, &scenario, 1.0);
    partial.apply(&finished(2, 100.0, ok(json!(2))));
    assert_eq!(order(&partial), [(1, false), (0, false), (2, false)]);
    assert_eq!(slot_value(&partial, 0, 1), ("…".into(), "running"));
}

#[test]
fn with_return_exceptions_the_list_holds_the_exceptions() {
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main",
        "return_exceptions": true, "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": "a"}},
        {"kind": "future", "label": "B", "delay_ms": 50,
         "result": {"error": {"type": "KeyError", "message": "k"}}}]}))
    .unwrap();
    let prediction = predict(&scenario);
    assert_eq!(slot_value(&prediction, 0, 1), ("'a'".into(), "ok"));
    assert_eq!(
        slot_value(&prediction, 1, 2),
        ("KeyError('k')".into(), "raised")
    );
    assert_eq!(
        return_exceptions_note(&prediction),
        Some("With return_exceptions=True, exceptions sit in the list in place of values.")
    );
    assert_eq!(order(&prediction), [(1, false), (0, false)]);
}

#[test]
fn a_guarded_childs_slot_holds_what_its_gather_received() {
    use super::{guarded_slots_note, guards_python_note, main_awaits, root_own_end, slot_note};
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "cancel_at_ms": 100,
        "children": [
        {"kind": "future", "label": "payment", "delay_ms": 300, "result": {"value": "paid"}, "shield": true},
        {"kind": "future", "label": "cache", "delay_ms": 1000, "result": {"value": "cached"},
         "on_cancel": {"delay_ms": 50, "result": {"value": "flushed"}}},
        {"kind": "future", "label": "quick", "delay_ms": 10, "result": {"value": 1}, "timeout_ms": 500}]}))
    .unwrap();
    let prediction = predict(&scenario);
    // The shield ended for the gather at 100 ms (first), payment itself at 300.
    assert_eq!(order(&prediction), [(2, false), (0, false), (1, true)]);
    assert_eq!(
        slot_value(&prediction, 0, 1),
        ("cancelled".into(), "cancelled")
    );
    assert_eq!(
        slot_note(&prediction, 1).as_deref(),
        Some("from shield(payment); payment itself returned 'paid' at 300 ms")
    );
    assert_eq!(
        slot_note(&prediction, 3).as_deref(),
        Some("from wait_for(quick); quick itself returned 1 at 10 ms")
    );
    assert_eq!(slot_note(&prediction, 2), None);
    let early = prediction.at(Playhead::at(&prediction.events, 150.0));
    assert_eq!(
        slot_note(&early, 1).as_deref(),
        Some("from shield(payment); payment itself is still running")
    );
    assert!(guarded_slots_note(&prediction).is_some());
    assert!(
        guards_python_note(&prediction).is_some_and(|note| note.contains("CPython 3.12 and later"))
    );
    assert_eq!(main_awaits(&prediction).0, "await gather(…)");
    assert_eq!(root_own_end(&prediction), None);
    let plain = predict(&one_raises());
    assert_eq!(
        (guarded_slots_note(&plain), guards_python_note(&plain)),
        (None, None)
    );
}

#[test]
fn a_root_with_a_timeout_is_awaited_through_wait_for() {
    use super::{main_awaits, root_own_end};
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "timeout_ms": 100,
        "children": [{"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": 1},
         "on_cancel": {"delay_ms": 50, "result": {"value": "kept"}}}]}))
    .unwrap();
    let prediction = predict(&scenario);
    let (code, end) = main_awaits(&prediction);
    assert_eq!(code, "await asyncio.wait_for(gather(…), 0.1)");
    let end = end.unwrap();
    assert_eq!(
        (&end.status, end.at_ms),
        (
            &Status::Raised {
                exception: "TimeoutError".into(),
                message: String::new()
            },
            150.0
        )
    );
    assert_eq!(
        root_own_end(&prediction).as_deref(),
        Some(
            "The gather itself was cancelled (CancelledError) at 150 ms; main awaits it \
             through wait_for, which gave the outcome above."
        )
    );
    // Before main hears of it, its outcome is not there yet, whatever the gather did.
    let before = prediction.at(Playhead::at(&prediction.events, 120.0));
    assert_eq!(main_awaits(&before).1, None);
}
