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
