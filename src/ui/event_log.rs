//! The run's events in plain text, read out as they happen.

use super::state::RunView;
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
/// happened, in order), in milliseconds.
fn lateness(view: &RunView, prediction: &RunView) -> Vec<Option<f64>> {
    let mut used = vec![false; prediction.log.len()];
    view.log
        .iter()
        .map(|entry| {
            let found = prediction
                .log
                .iter()
                .enumerate()
                .position(|(index, predicted)| !used[index] && predicted.text == entry.text)?;
            used[found] = true;
            Some(entry.at_ms - prediction.log[found].at_ms)
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
