//! The run's events in plain text, read out as they happen.

use super::numbers::Float;
use super::state::{LogEntry, RunView};
use super::visible::{spacer, use_visible_span};
use yew::prelude::*;

/// Above this many events only those in sight are drawn, each on one line of this height.
const DRAW_ALL_UP_TO: usize = 200;
const LINE_PX: f64 = 20.0;
/// A run's log is this many lines high from its start (if its prediction has as many), more
/// than its box shows: the box is at its full height at once, rather than growing with the
/// first events and moving what follows, which lays out the whole page (a big editor too).
const RESERVED_LINES: usize = 14;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub view: RunView,
    pub predicted: bool,
    /// The virtual-clock prediction of the same scenario, to show each real event's
    /// lateness against it.
    #[prop_or_default]
    pub prediction: Option<RunView>,
}

/// Where each node's entries sit in the prediction's log, so that an entry's counterpart is
/// found without a walk of the log: built once per prediction, then looked up only for the
/// lines in sight, however long the run.
fn entries_by_node(prediction: &RunView) -> Vec<Vec<usize>> {
    let mut by_node = vec![Vec::new(); prediction.lanes.len()];
    for (index, entry) in prediction.log.iter().enumerate() {
        if let Some(entries) = entry.origin.and_then(|(node, _)| by_node.get_mut(node)) {
            entries.push(index);
        }
    }
    by_node
}

/// An entry's lateness against the same entry in the prediction (the same node, the same
/// text, as many times before), in milliseconds.
fn lateness(entry: &LogEntry, prediction: &RunView, by_node: &[Vec<usize>]) -> Option<f64> {
    let (node, same_before) = entry.origin?;
    let predicted = by_node
        .get(node)?
        .iter()
        .filter_map(|index| prediction.log.get(*index))
        .filter(|predicted| predicted.text == entry.text)
        .nth(same_before)?;
    Some(entry.at_ms - predicted.at_ms)
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let (list_ref, scroll_ref) = (use_node_ref(), use_node_ref());
    let count = props.view.log.len();
    let windowed = count > DRAW_ALL_UP_TO;
    let span = use_visible_span(list_ref.clone(), Some(scroll_ref.clone()), windowed);
    let drawn = if windowed {
        span.rows(0.0, LINE_PX, count)
    } else {
        0..count
    };
    let by_node = use_memo(props.prediction.clone(), |prediction| {
        prediction.as_ref().map(entries_by_node)
    });
    let reserved = match &props.prediction {
        Some(prediction) if !props.predicted => prediction.log.len().min(RESERVED_LINES),
        _ => 0,
    };
    let late = |entry: &LogEntry| match (&props.prediction, by_node.as_ref()) {
        (Some(prediction), Some(by_node)) if !props.predicted => {
            lateness(entry, prediction, by_node)
        }
        _ => None,
    };
    html! {
        <div class="event-log">
            <h3 id="log-heading">{ if props.predicted { "Predicted events" } else { "Events" } }</h3>
            <div ref={scroll_ref} class={classes!("log", windowed.then_some("windowed"))}>
            <ol ref={list_ref} aria-labelledby="log-heading" aria-live={if props.predicted { "off" } else { "polite" }}>
                { for spacer(drawn.start, LINE_PX) }
                { for props.view.log.range(drawn.clone()).zip(drawn.clone()).map(|(entry, index)| html! {
                    <li title={windowed.then(|| entry.text.clone())}
                        aria-posinset={windowed.then(|| (index + 1).to_string())} aria-setsize={windowed.then(|| count.to_string())}>
                        <span class="log-time">{ format!("{:>6} ms", Float(entry.at_ms.round())) }</span>
                        { entry.text.clone() }
                        if let Some(late) = late(entry) {
                            <span class="lateness" title="Real time minus the virtual-clock prediction">
                                { format!(" ({:+} ms vs predicted)", Float(late.round())) }
                            </span>
                        }
                    </li>
                }) }
                { for spacer(count - drawn.end, LINE_PX) }
                { for spacer(reserved.saturating_sub(count), LINE_PX) }
            </ol>
            </div>
        </div>
    }
}
