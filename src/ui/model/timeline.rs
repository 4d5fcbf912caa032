//! The timeline's scale and each lane's state in words.

use super::numbers::{ms_text, Float};
use super::results::main_awaits;
use super::run_view::{RunView, Trace};
use super::wording::{describe_status, got_words, guarded_name};
use gather_playground::scenario::NodeId;

/// The axis's tick spacing for a span of `total_ms`: 1, 2 or 5 times a power of ten, for
/// at most eight ticks.
#[cfg(test)]
pub fn nice_step(total_ms: f64) -> f64 {
    nice_step_within(total_ms, 8.0)
}

/// The same for at most `ticks` ticks (fewer on a narrow timeline).
pub fn nice_step_within(total_ms: f64, ticks: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            if total_ms / (step * factor) <= ticks.max(1.0) {
                return step * factor;
            }
        }
        step *= 10.0;
    }
}

/// A time on the axis and in the bars' titles: whole seconds past ten of them.
pub fn axis_text(ms: f64) -> String {
    if ms >= 10_000.0 && ms % 1000.0 == 0.0 {
        format!("{} s", Float(ms / 1000.0))
    } else {
        ms_text(ms)
    }
}

/// `text` cut to `chars` characters, with an ellipsis when cut.
pub fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(chars.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// The outcome in one line, for an exported timeline to say what it shows: "Outcome: await
/// gather(…) raised ValueError: bad — at 100 ms".
pub fn outcome_caption(view: &RunView, predicted: bool) -> String {
    let (awaited, outer) = main_awaits(view);
    let what = if predicted {
        "Predicted outcome"
    } else {
        "Outcome"
    };
    match outer {
        Some(finish) => format!(
            "{what}: {awaited} {} — at {}",
            describe_status(&finish.status),
            ms_text(finish.at_ms)
        ),
        None if view.stopped => format!("{what}: stopped before the gather completed."),
        None => format!(
            "{what}: at {} the gather has not completed yet.",
            ms_text(view.now_ms)
        ),
    }
}

/// Whether a node is still running after its gather completed.
pub fn orphaned(view: &RunView, node: NodeId, trace: &Trace) -> bool {
    trace.finished.is_none()
        && view.lanes[node]
            .parent
            .and_then(|parent| view.traces.get(parent))
            .is_some_and(|parent| parent.finished.is_some())
}

/// Whether `cancel()` was asked of a node that has not finished yet.
pub fn cancel_requested(trace: &Trace) -> bool {
    trace.finished.is_none() && trace.cancels.iter().any(|mark| mark.returned)
}

/// A lane's state in words, for its bar's title; for a node with a timeout or a shield,
/// with what its parent got through them once it did.
pub fn lane_state(view: &RunView, node: NodeId) -> String {
    let own = own_state(view, node);
    match received_state(view, node) {
        Some(received) => format!("{own}; {received}"),
        None => own,
    }
}

/// What a node's parent got through its timeout or shield, and when: "main got TimeoutError
/// from wait_for(A) at 100 ms".
pub fn received_state(view: &RunView, node: NodeId) -> Option<String> {
    let (lane, received) = (
        view.lanes.get(node)?,
        view.traces.get(node)?.received.as_ref()?,
    );
    let parent = lane
        .parent
        .map_or_else(|| "main".to_owned(), |parent| view.name(parent));
    let name = view.name(node);
    Some(format!(
        "{parent} got {} from {} at {}",
        got_words(&received.status),
        guarded_name(&name, lane.guard),
        ms_text(received.at_ms)
    ))
}

fn own_state(view: &RunView, node: NodeId) -> String {
    let (Some(lane), Some(trace)) = (view.lanes.get(node), view.traces.get(node)) else {
        return String::new();
    };
    if let Some(finish) = &trace.finished {
        return describe_status(&finish.status);
    }
    if cancel_requested(trace) {
        "cancel requested, still running".into()
    } else if orphaned(view, node, trace) {
        "still running after its gather completed".into()
    } else if lane.limited && trace.started_ms.is_some() && trace.slot_ms.is_none() {
        "waiting for a slot".into()
    } else if trace.started_ms.is_some() {
        "running".into()
    } else {
        "not started".into()
    }
}

#[cfg(test)]
mod tests {
    use super::super::replay::Playhead;
    use super::super::run_view::predict;
    use super::*;
    use gather_playground::scenario::Scenario;
    use serde_json::json;

    #[test]
    fn the_axis_steps_in_round_numbers() {
        assert_eq!(nice_step(80.0), 10.0);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(400.0), 50.0);
        assert_eq!(nice_step(18_001.0), 5000.0);
        assert_eq!(axis_text(250.4), "250 ms");
        assert_eq!(axis_text(20_000.0), "20 s");
        assert_eq!(axis_text(10_500.0), "10500 ms");
        assert_eq!(truncate("request 1000", 8), "request…");
        assert_eq!(truncate("short", 8), "short");
    }

    #[test]
    fn each_lane_says_where_it_stands() {
        let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "limit": 1,
            "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "E", "message": ""}}},
            {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2}}]}))
        .unwrap();
        let prediction = predict(&scenario);
        assert_eq!(lane_state(&prediction, 1), "raised E");
        assert_eq!(
            outcome_caption(&prediction, true),
            "Predicted outcome: await gather(…) raised E — at 100 ms"
        );
        // Before B's slot: it waits; after the outer failed: it runs on, orphaned.
        let at = |ms| prediction.at(Playhead::at(&prediction.events, ms));
        assert_eq!(lane_state(&at(50.0), 2), "waiting for a slot");
        assert_eq!(lane_state(&at(50.0), 1), "running");
        assert_eq!(
            lane_state(&at(150.0), 2),
            "still running after its gather completed"
        );
        assert_eq!(
            lane_state(&RunView::new(0, &scenario, 1.0), 1),
            "not started"
        );
        assert_eq!(
            outcome_caption(&at(50.0), false),
            "Outcome: at 50 ms the gather has not completed yet."
        );
    }
}
