//! The run's events in plain text, read out as they happen.

use super::state::RunView;
use std::collections::{HashMap, VecDeque};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub view: RunView,
    pub predicted: bool,
    /// The virtual-clock prediction of the same scenario, to show each real event's
    /// lateness against it.
    #[prop_or_default]
    pub prediction: Option<RunView>,
}

/// Each event's lateness against the same event in the prediction (matched by what
/// happened, in order), in milliseconds. Linear: runs of thousands of events redraw often.
fn lateness(view: &RunView, prediction: &RunView) -> Vec<Option<f64>> {
    let mut predicted: HashMap<&str, VecDeque<f64>> = HashMap::new();
    for entry in &prediction.log {
        predicted
            .entry(entry.text.as_str())
            .or_default()
            .push_back(entry.at_ms);
    }
    view.log
        .iter()
        .map(|entry| {
            let at_ms = predicted.get_mut(entry.text.as_str())?.pop_front()?;
            Some(entry.at_ms - at_ms)
        })
        .collect()
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let late = props
        .prediction
        .as_ref()
        .filter(|_| !props.predicted)
        .map(|prediction| lateness(&props.view, prediction))
        .unwrap_or_default();
    html! {
        <div class="event-log">
            <h3 id="log-heading">{ if props.predicted { "Predicted events" } else { "Events" } }</h3>
            <ol class="log" aria-labelledby="log-heading" aria-live={if props.predicted { "off" } else { "polite" }}>
                { for props.view.log.iter().enumerate().map(|(index, entry)| html! {
                    <li>
                        <span class="log-time">{ format!("{:>6} ms", entry.at_ms.round()) }</span>
                        { entry.text.clone() }
                        if let Some(Some(late)) = late.get(index) {
                            <span class="lateness" title="Real time minus the virtual-clock prediction">
                                { format!(" ({:+} ms vs predicted)", late.round()) }
                            </span>
                        }
                    </li>
                }) }
            </ol>
        </div>
    }
}
