//! The run's events in plain text, read out as they happen, each real one with how late it
//! came against the prediction.

use super::spacer::spacer;
use crate::ui::hooks::use_visible_span;
use crate::ui::model::{Float, LogEntry, PredictedEntries, RunView};
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
    // Built once per prediction, then looked up for the lines in sight only.
    let entries = use_memo(props.prediction.clone(), |prediction| {
        prediction.as_ref().map(PredictedEntries::new)
    });
    let reserved = match &props.prediction {
        Some(prediction) if !props.predicted => prediction.log.len().min(RESERVED_LINES),
        _ => 0,
    };
    let late = |entry: &LogEntry| match (&props.prediction, entries.as_ref()) {
        (Some(prediction), Some(entries)) if !props.predicted => {
            entries.lateness(entry, prediction)
        }
        _ => None,
    };
    html! {
        <div class="event-log">
            <h3 id="log-heading">{ if props.predicted { "Predicted events" } else { "Events" } }</h3>
            // Focusable, so that a log longer than its box scrolls by keyboard too.
            <div ref={scroll_ref} class={classes!("log", windowed.then_some("windowed"))} tabindex="0"
                role="region" aria-labelledby="log-heading">
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
