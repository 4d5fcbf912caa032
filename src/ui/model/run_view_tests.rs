use super::{predict, Finish, Origin, RunView};
use gather_playground::scenario::{CancelSource, RunEvent, Scenario, Status};
use serde_json::json;

/// The preset "One child raises, siblings run on": A 100 ms → 1, B 200 ms → raises, C 300
/// ms → 3.
pub(crate) fn one_raises() -> Scenario {
    Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 200,
         "result": {"error": {"type": "ZeroDivisionError", "message": "division by zero"}}},
        {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": 3}}]}))
    .unwrap()
}

pub(crate) fn texts(view: &RunView) -> Vec<String> {
    view.log.iter().map(|entry| entry.text.clone()).collect()
}

pub(crate) fn finished(node: usize, at_ms: f64, status: Status) -> RunEvent {
    RunEvent::Finished {
        node,
        at_ms,
        status,
        completed_by: None,
    }
}

pub(crate) fn ok(value: serde_json::Value) -> Status {
    Status::Ok { value }
}

#[test]
fn a_prediction_logs_every_event_in_the_runs_order() {
    let prediction = predict(&one_raises());
    assert_eq!(
        texts(&prediction),
        [
            "A started",
            "B started",
            "C started",
            "A returned 1",
            "B raised ZeroDivisionError: division by zero",
            "main completed: raised ZeroDivisionError: division by zero",
            "C returned 3",
        ]
    );
    let times: Vec<f64> = prediction.log.iter().map(|entry| entry.at_ms).collect();
    assert_eq!(times, [0.0, 0.0, 0.0, 100.0, 200.0, 200.0, 300.0]);
    assert!(prediction.finished() && !prediction.running());
    assert_eq!(prediction.end_ms(), 300.0);
    assert_eq!(prediction.report.as_ref().unwrap().done_at_ms, 200);
    // Each finish keeps its event's place: B's and main's share 200 ms, in that order.
    let place = |node: usize| prediction.traces[node].finished.as_ref().unwrap().event;
    assert_eq!([place(1), place(2), place(0), place(3)], [3, 4, 5, 6]);
    assert_eq!(prediction.events.len(), 7);
}

#[test]
fn events_trace_each_node_and_name_it_as_the_page_does() {
    let scenario = Scenario::from_value(&json!({"version": 1, "children": [
        {"kind": "future", "delay_ms": 100, "result": {"value": "x"},
         "on_cancel": {"delay_ms": 10, "result": {"value": "bye"}}},
        {"kind": "gather", "children": []}]}))
    .unwrap();
    let mut view = RunView::new(7, &scenario, 2.0);
    assert_eq!(
        view.traces[0].started_ms,
        Some(0.0),
        "gathers exist from the start"
    );
    assert_eq!(view.traces[1].started_ms, None);
    for event in [
        RunEvent::Started {
            node: 1,
            at_ms: 0.5,
        },
        RunEvent::SlotAcquired {
            node: 1,
            at_ms: 0.5,
            freed_by: None,
        },
        RunEvent::CancelCalled {
            node: 1,
            at_ms: 40.0,
            returned: true,
            source: CancelSource::User,
        },
        RunEvent::CancelCalled {
            node: 1,
            at_ms: 40.0,
            returned: true,
            source: CancelSource::Gather { gather: 2 },
        },
        RunEvent::CleanupStarted {
            node: 1,
            at_ms: 41.0,
        },
        RunEvent::TimeoutFired {
            node: 1,
            at_ms: 45.0,
        },
        RunEvent::Received {
            node: 1,
            at_ms: 46.0,
            status: Status::Cancelled,
        },
        RunEvent::CancelCalled {
            node: 1,
            at_ms: 50.0,
            returned: true,
            source: CancelSource::User,
        },
        finished(1, 51.0, ok(json!("bye"))),
        finished(2, 52.0, ok(json!([]))),
        // A node the scenario does not have: recorded, not traced.
        finished(9, 53.0, ok(json!(1))),
    ] {
        view.apply(&event);
    }
    assert_eq!(
        texts(&view),
        [
            "child #1 started",
            "child #1 got a slot and starts its sleep",
            "cancel() on child #1 (you) returned True",
            "cancel() on child #1 (passed on by gather #2) returned True",
            "child #1 caught CancelledError and is cleaning up",
            "child #1's timeout fired: wait_for cancels child #1 and waits for it to end",
            "the outer gather got CancelledError from child #1; child #1 itself runs on",
            "cancel() on child #1 (you) returned True",
            "child #1 returned 'bye'",
            "gather #2 completed: returned []",
        ]
    );
    let trace = &view.traces[1];
    assert_eq!(
        (trace.started_ms, trace.slot_ms, trace.cleanup_ms),
        (Some(0.5), Some(0.5), Some(41.0))
    );
    assert_eq!(
        trace.cancels.len(),
        2,
        "only the calls made by the scenario or by hand are marked"
    );
    assert_eq!(
        trace.finished,
        Some(Finish {
            at_ms: 51.0,
            status: ok(json!("bye")),
            event: 8
        })
    );
    // The second "(you)" entry is that text's second occurrence; the others are the first.
    let origins: Vec<Option<Origin>> = view.log.iter().map(|entry| entry.origin).collect();
    assert_eq!(
        origins[2],
        Some(Origin {
            node: 1,
            occurrence: 0
        })
    );
    assert_eq!(
        origins[3],
        Some(Origin {
            node: 1,
            occurrence: 0
        })
    );
    assert_eq!(
        origins[7],
        Some(Origin {
            node: 1,
            occurrence: 1
        })
    );
    assert_eq!(view.events.len(), 11);
    assert_eq!((view.now_ms, view.end_ms()), (52.0, 53.0));
    assert!(view.running());
    view.stop();
    assert!(view.stopped && !view.running());
    let last = view.log.last().unwrap();
    assert_eq!(
        (last.text.as_str(), last.origin, last.at_ms),
        ("stopped: every task was torn down", None, 52.0)
    );
}

#[test]
fn lanes_know_their_depth_parent_delay_and_limit() {
    let scenario = Scenario::from_value(&json!({"version": 1, "limit": 1, "children": [
        {"kind": "gather", "label": "g", "children": [
            {"kind": "future", "label": "g1", "delay_ms": 5, "result": {"value": 1}}]},
        {"kind": "future", "label": "f", "delay_ms": 7, "result": {"value": 1}}]}))
    .unwrap();
    let view = RunView::new(1, &scenario, 1.0);
    let lanes: Vec<_> = view
        .lanes
        .iter()
        .map(|lane| {
            (
                lane.depth,
                lane.parent,
                lane.is_gather,
                lane.delay_ms,
                lane.limited,
            )
        })
        .collect();
    assert_eq!(
        lanes,
        [
            (0, None, true, None, false),
            (1, Some(0), true, None, false),
            (2, Some(1), false, Some(5), false),
            (1, Some(0), false, Some(7), true),
        ]
    );
    assert_eq!(view.name(0), "the outer gather");
    assert_eq!(view.name(2), "g1");
}

/// A preset's scenario, by the start of its name.
fn preset(name: &str) -> Scenario {
    super::super::presets::PRESETS
        .iter()
        .find(|preset| preset.name.starts_with(name))
        .and_then(|preset| preset.scenario())
        .unwrap()
}

#[test]
fn a_timeout_firing_and_what_the_parent_received_are_told_and_traced() {
    let timed = predict(&preset("A timeout on gather"));
    assert_eq!(
        texts(&timed),
        [
            "save draft started",
            "upload started",
            "main's timeout (100 ms) fired: wait_for cancels main, so every child still \
             running, and waits for them to end",
            "cancel() on main (by its timeout) returned True",
            "cancel() on save draft (passed on by main) returned True",
            "cancel() on upload (passed on by main) returned True",
            "save draft caught CancelledError and is cleaning up",
            "upload caught CancelledError and is cleaning up",
            "save draft was cancelled (CancelledError)",
            "upload was cancelled (CancelledError)",
            "main completed: was cancelled (CancelledError)",
            "await wait_for(main) raised TimeoutError",
        ]
    );
    assert_eq!(timed.traces[0].timeout_ms, Some(100.0));
    assert!(timed.lanes[0].guard.timeout_ms.is_some());
    assert_eq!(
        timed.traces[0]
            .received
            .as_ref()
            .map(|received| received.event),
        Some(11)
    );
}

#[test]
fn a_shield_ends_for_its_gather_while_the_child_runs_on() {
    let shielded = predict(&preset("shield:"));
    assert_eq!(
        texts(&shielded),
        [
            "payment started",
            "cache started",
            "cancel() on main (scheduled) returned True",
            "cancel() on shield(payment) (passed on by main) returned True",
            "cancel() on cache (passed on by main) returned True",
            "main got CancelledError from shield(payment); payment itself runs on",
            "cache caught CancelledError and is cleaning up",
            "main completed: was cancelled (CancelledError)",
            "cache returned 'flushed'",
            "payment returned 'paid'",
        ]
    );
    let payment = &shielded.traces[1];
    assert_eq!(payment.received.as_ref().map(|r| r.at_ms), Some(100.0));
    assert_eq!(payment.finished.as_ref().map(|f| f.at_ms), Some(300.0));
    assert_eq!(payment.timeout_ms, None);
    // A timeout around a shield: TimeoutError at once, the work runs on (rule W4).
    let both = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1},
         "timeout_ms": 100, "shield": true}]}))
    .unwrap();
    let texts = texts(&predict(&both));
    assert_eq!(
        texts[1..4],
        [
            "A's timeout (100 ms) fired: wait_for cancels shield(A) and raises TimeoutError; \
             A itself runs on",
            "cancel() on shield(A) (by its timeout) returned True",
            "main got TimeoutError from wait_for(shield(A)); A itself runs on",
        ]
    );
}

#[test]
fn a_wait_for_passing_on_its_gathers_cancel_is_told_as_such() {
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main",
        "cancel_at_ms": 50, "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1},
         "timeout_ms": 100, "shield": true}]}))
    .unwrap();
    let texts = texts(&predict(&scenario));
    assert_eq!(
        texts[1..4],
        [
            "cancel() on main (scheduled) returned True",
            "cancel() on wait_for(shield(A)) (passed on by main) returned True",
            "cancel() on shield(A) (passed on by its wait_for) returned True",
        ]
    );
}
