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
    // main got no list: each row is the child's own end, said as such.
    assert_eq!(
        slot_value(&prediction, 0, 1),
        ("returned 1 at 100 ms".into(), "ok")
    );
    assert_eq!(
        slot_value(&prediction, 1, 2),
        (
            "raised ZeroDivisionError: division by zero at 200 ms".into(),
            "raised"
        )
    );
    assert_eq!(return_exceptions_note(&prediction), None);
}

/// The case: A returns 1 at 300, B raises ValueError('bad') at 100, C returns 3 at
/// 200. `await gather(…)` raised: no "Result list", no `[0]`, no slots; each row the
/// child's own end, and the why of each slot as before.
#[test]
fn a_gather_that_raised_returned_no_list_and_its_rows_say_each_childs_own_end() {
    use super::{completion_target, list_heading, no_list_words, shown, slot_label, Shown};
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100,
         "result": {"error": {"type": "ValueError", "message": "bad"}}},
        {"kind": "future", "label": "C", "delay_ms": 200, "result": {"value": 3}}]}))
    .unwrap();
    let prediction = predict(&scenario);
    assert_eq!(shown(&prediction), Shown::NoList);
    assert_eq!(
        no_list_words(&prediction).as_deref(),
        Some("await gather(…) raised ValueError: bad — it returned no list.")
    );
    assert_eq!(
        list_heading(&prediction),
        "Each child's own end (argument order), not a return value"
    );
    let rows: Vec<(String, String)> = root_children(&prediction)
        .into_iter()
        .enumerate()
        .map(|(slot, node)| {
            (
                slot_label(&prediction, slot, node),
                slot_value(&prediction, slot, node).0,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("A".into(), "returned 1 at 300 ms".into()),
            ("B".into(), "raised ValueError: bad at 100 ms".into()),
            ("C".into(), "returned 3 at 200 ms".into())
        ]
    );
    assert_eq!(completion_target(&prediction, 1), "argument 1");
    // Before main heard of the end, there is no list yet either, nor a sentence saying
    // none came: the children's ends so far.
    let early = prediction.at(Playhead::at(&prediction.events, 50.0));
    assert_eq!(shown(&early), Shown::NotYet);
    assert_eq!(no_list_words(&early), None);
    assert_eq!(
        list_heading(&early),
        "Each child's end so far (argument order): no list yet"
    );
    assert_eq!(slot_label(&early, 0, 1), "A");
    assert_eq!(completion_target(&early, 1), "slot 1");
}

#[test]
fn only_a_returned_list_is_shown_as_the_list_await_gather_returned() {
    use super::{list_heading, no_list_words, shown, slot_label, Shown};
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}}]}))
    .unwrap();
    let prediction = predict(&scenario);
    assert_eq!(shown(&prediction), Shown::TheList);
    assert_eq!(no_list_words(&prediction), None);
    assert_eq!(
        list_heading(&prediction),
        "The list await gather(…) returned (argument order)"
    );
    assert_eq!(slot_label(&prediction, 1, 2), "[1] B");
    assert_eq!(slot_value(&prediction, 1, 2), ("2".into(), "ok"));
}

#[test]
fn a_cancelled_gather_returned_no_list() {
    use super::{no_list_words, shown, Shown};
    let scenario =
        Scenario::from_value(&json!({"version": 1, "label": "main", "cancel_at_ms": 150,
        "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2}}]}))
        .unwrap();
    let prediction = predict(&scenario);
    assert_eq!(shown(&prediction), Shown::NoList);
    assert_eq!(
        no_list_words(&prediction).as_deref(),
        Some("await gather(…) was cancelled (CancelledError) — it returned no list.")
    );
    assert_eq!(
        slot_value(&prediction, 0, 1),
        ("returned 1 at 100 ms".into(), "ok")
    );
    assert_eq!(
        slot_value(&prediction, 1, 2),
        (
            "was cancelled (CancelledError) at 150 ms".into(),
            "cancelled"
        )
    );
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
    // main's gather was cancelled: no list; payment's row is its own end, what the
    // gather got through the shield beside it.
    assert_eq!(
        slot_value(&prediction, 0, 1),
        ("returned 'paid' at 300 ms".into(), "ok")
    );
    assert_eq!(
        slot_note(&prediction, 1).as_deref(),
        Some("main got CancelledError from shield(payment) at 100 ms")
    );
    assert_eq!(
        slot_note(&prediction, 3).as_deref(),
        Some("main got 1 from wait_for(quick) at 10 ms")
    );
    assert_eq!(slot_note(&prediction, 2), None);
    assert!(guarded_slots_note(&prediction).is_some_and(|note| note.contains("beside its own end")));
    // Before main heard of its gather's end, the slots are what the gather got so far.
    let early = prediction.at(Playhead::at(&prediction.events, 50.0));
    assert_eq!(
        slot_note(&early, 1).as_deref(),
        Some("from shield(payment); payment itself is still running")
    );
    assert_eq!(
        slot_note(&early, 3).as_deref(),
        Some("from wait_for(quick); quick itself returned 1 at 10 ms")
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
    // wait_for raised TimeoutError: main got no list.
    assert_eq!(
        super::no_list_words(&prediction).as_deref(),
        Some("await asyncio.wait_for(gather(…), 0.1) raised TimeoutError — it returned no list.")
    );
    assert_eq!(
        slot_value(&prediction, 0, 1),
        ("returned 'kept' at 150 ms".into(), "ok")
    );
}
