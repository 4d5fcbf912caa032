use super::super::replay::Playhead;
use super::super::run_view::predict;
use super::*;
use gather_playground::scenario::{CancelSource, RunEvent, Scenario};
use serde_json::{json, Value};

fn prediction(scenario: Value) -> RunView {
    predict(&Scenario::from_value(&scenario).unwrap())
}

/// A bar's stretches as (from, to, phase, late).
fn stretches(bar: &Bar) -> Vec<(f64, f64, Phase, bool)> {
    bar.segments
        .iter()
        .map(|segment| (segment.from_ms, segment.to_ms, segment.phase, segment.late))
        .collect()
}

fn cancelled_at_150() -> RunView {
    prediction(
        json!({"version": 1, "label": "main", "cancel_at_ms": 150, "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2}}]}),
    )
}

fn one_raises() -> RunView {
    prediction(json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100,
         "result": {"error": {"type": "ValueError", "message": "bad"}}},
        {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2}}]}))
}

#[test]
fn a_gather_cancelled_at_150_runs_until_150_then_ends_cancelled() {
    let view = cancelled_at_150();
    let main = bar(&view, 0, None);
    assert_eq!(stretches(&main), [(0.0, 150.0, Phase::Running, false)]);
    assert_eq!(main.end, Some((150.0, Status::Cancelled)));
    assert_eq!(main.end_class(), Some("cancelled"));
    let b = bar(&view, 2, None);
    assert_eq!(stretches(&b), [(0.0, 150.0, Phase::Running, false)]);
    assert_eq!(b.end_glyph(), Some("⊘"));
    // A ended before the cancel: it returned, and nothing else happened to it.
    let a = bar(&view, 1, None);
    assert_eq!(stretches(&a), [(0.0, 100.0, Phase::Running, false)]);
    assert_eq!(a.end_class(), Some("ok"));
}

#[test]
fn a_late_child_is_normal_until_its_gather_completed_and_late_after() {
    let view = one_raises();
    let b = bar(&view, 2, None);
    assert_eq!(
        stretches(&b),
        [
            (0.0, 100.0, Phase::Running, false),
            (100.0, 300.0, Phase::Running, true)
        ]
    );
    assert_eq!(b.end_class(), Some("ok"));
    // A ended first, so its gather with it: A itself was never late.
    assert_eq!(
        stretches(&bar(&view, 1, None)),
        [(0.0, 100.0, Phase::Running, false)]
    );
    assert!(!bar(&view, 0, None).segments.iter().any(|s| s.late));
}

#[test]
fn a_replay_shows_only_what_was_known_at_its_playhead() {
    let view = one_raises();
    let at = |ms| view.at(Playhead::at(&view.events, ms));
    let early = at(50.0);
    let main = bar(&early, 0, Some(50.0));
    assert_eq!(stretches(&main), [(0.0, 50.0, Phase::Running, false)]);
    assert!(main.segments[0].open);
    assert_eq!(main.end, None);
    let later = at(200.0);
    let b = bar(&later, 2, Some(200.0));
    assert_eq!(
        stretches(&b),
        [
            (0.0, 100.0, Phase::Running, false),
            (100.0, 200.0, Phase::Running, true)
        ]
    );
    assert_eq!(b.end, None);
    // The cancelled gather, replayed before its cancel: nothing cancelled yet.
    let cancelled = cancelled_at_150();
    let before = cancelled.at(Playhead::at(&cancelled.events, 120.0));
    let main = bar(&before, 0, Some(120.0));
    assert_eq!(stretches(&main), [(0.0, 120.0, Phase::Running, false)]);
    assert_eq!(main.end, None);
    // Without a present to reach (a prediction), an unfinished bar is not drawn.
    assert!(bar(&before, 0, None).segments.is_empty());
}

#[test]
fn waiting_cancel_requested_and_cleanup_each_over_their_own_stretch() {
    let view = prediction(
        json!({"version": 1, "label": "main", "limit": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2},
         "cancel_at_ms": 250, "on_cancel": {"delay_ms": 50, "result": {"value": "tidy"}}}]}),
    );
    let b = bar(&view, 2, None);
    assert_eq!(
        stretches(&b),
        [
            (0.0, 100.0, Phase::Waiting, false),
            (100.0, 250.0, Phase::Running, false),
            (250.0, 300.0, Phase::Cleanup, false)
        ]
    );
    assert_eq!(b.end_class(), Some("ok"));
    // On real timers the task sees its cancellation a little after cancel() returned True:
    // cancel requested over that stretch, then its cleanup.
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2},
         "cancel_at_ms": 250, "on_cancel": {"delay_ms": 50, "result": {"value": "tidy"}}}]}))
    .unwrap();
    let mut live = RunView::new(1, &scenario, 1.0);
    live.apply(&RunEvent::Started {
        node: 1,
        at_ms: 2.0,
    });
    live.apply(&RunEvent::CancelCalled {
        node: 1,
        at_ms: 251.0,
        returned: true,
        source: CancelSource::Scheduled,
    });
    assert_eq!(
        stretches(&bar(&live, 1, Some(252.0))),
        [
            (2.0, 251.0, Phase::Running, false),
            (251.0, 252.0, Phase::CancelRequested, false)
        ]
    );
    live.apply(&RunEvent::CleanupStarted {
        node: 1,
        at_ms: 254.0,
    });
    assert_eq!(
        stretches(&bar(&live, 1, Some(260.0))),
        [
            (2.0, 251.0, Phase::Running, false),
            (251.0, 254.0, Phase::CancelRequested, false),
            (254.0, 260.0, Phase::Cleanup, false)
        ]
    );
}

#[test]
fn the_legend_names_every_state_and_only_the_marks_in_use() {
    let plain = legend_entries(LegendFlags::default());
    let classes: Vec<&str> = plain.iter().map(|(class, _)| *class).collect();
    assert_eq!(
        classes,
        [
            "running",
            "ok",
            "raised",
            "cancelled",
            "cleanup",
            "cancel-requested",
            "orphan",
            "cancel-call",
            "planned"
        ]
    );
    assert_eq!(plain[1].1, "end mark: returned ✓");
    let all = legend_entries(LegendFlags {
        limited: true,
        draggable: true,
        guarded: true,
        timeouts: true,
        broken_axis: true,
    });
    assert_eq!(all.len(), plain.len() + 4);
    assert!(all.iter().any(|(class, _)| *class == "axis-break"));
    assert!(all
        .last()
        .unwrap()
        .1
        .ends_with("(drag its handle, or use arrow keys)"));
}
