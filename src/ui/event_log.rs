//! The run's events in plain text, read out as they happen.

use super::state::RunView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub view: RunView,
    pub predicted: bool,
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    html! {
        <div class="event-log">
            <h3 id="log-heading">{ if props.predicted { "Predicted events" } else { "Events" } }</h3>
            <ol class="log" aria-labelledby="log-heading" aria-live={if props.predicted { "off" } else { "polite" }}>
                { for props.view.log.iter().map(|entry| html! {
                    <li><span class="log-time">{ format!("{:>6} ms", entry.at_ms.round()) }</span>{ entry.text.clone() }</li>
                }) }
            </ol>
        </div>
    }
}
