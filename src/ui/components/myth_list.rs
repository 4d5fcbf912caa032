//! Five things people believe about gather, each tried on the page: one click loads the
//! myth's scenario and runs it on real timers; the run then says what really happens and
//! which rules decide, at the events where they acted (marked in the log and timeline).

use crate::ui::model::{event_why, rule_ids, Explained};
use gather_playground::explain::Myth;
use std::rc::Rc;
use yew::prelude::*;

/// At most this many of the events the myth's rules decided are told.
const EVENTS_TOLD: usize = 6;

#[derive(Properties, PartialEq)]
pub struct MythListProps {
    /// The run shown, explained whole; `None` while a run is in flight.
    pub explained: Option<Rc<Explained>>,
    /// The myth being tried, if its scenario is the one loaded.
    pub tried: Option<Myth>,
    pub running: bool,
    pub predicted: bool,
    /// "Try it" was pressed on a myth.
    pub on_tried: Callback<Myth>,
}

#[function_component(MythList)]
pub fn myth_list(props: &MythListProps) -> Html {
    let verdict = |myth: Myth| -> Html {
        let id = format!("myth-{}", myth_slug(myth));
        let Some(explained) = props.explained.as_ref().filter(|_| !props.running) else {
            return html! { <p id={id} class="why" role="status">{ "Running on real timers…" }</p> };
        };
        let events = explained.decided_by(myth.rules(), usize::MAX);
        let run = if props.predicted {
            "the prediction"
        } else {
            "the run"
        };
        html! {
            <div id={id} class="why-box myth-truth" role="status">
                <p><strong>{ "What really happens: " }</strong>{ myth.truth() }</p>
                <p>{ format!("Decided by {}, which acted at {} of {run} (marked in the log and on the timeline):",
                    rule_ids(myth.rules()), if events.len() == 1 { "this event".to_owned() } else { format!("these {} events", events.len()) }) }</p>
                <ul class="why-chain">
                    { for events.iter().take(EVENTS_TOLD).map(|index| html! { <li>{ event_why(explained, *index) }</li> }) }
                </ul>
            </div>
        }
    };
    html! {
        <div class="myths">
            <h3 id="myths-heading">{ "Myths, tried" }</h3>
            <p class="hint">{ "Try it loads the myth's scenario in place of yours and runs it on real timers, as Run does." }</p>
            <ul class="myth-list" aria-labelledby="myths-heading">
                { for Myth::ALL.iter().map(|myth| {
                    let myth = *myth;
                    let tried = props.tried == Some(myth);
                    html! {
                        <li class={classes!("myth", tried.then_some("tried"))}>
                            <p class="myth-claim" id={format!("claim-{}", myth_slug(myth))}>{ format!("“{}”", myth.claim()) }</p>
                            // Named "Try it" and described by its claim: a name holding the claim
                            // would answer to the page's other buttons' names ("Stop").
                            <button class="small" onclick={props.on_tried.reform(move |_: MouseEvent| myth)}
                                aria-describedby={format!("claim-{}", myth_slug(myth))}
                                aria-controls={tried.then(|| format!("myth-{}", myth_slug(myth)))}>
                                { "Try it" }
                            </button>
                            if tried { { verdict(myth) } }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// A myth's name in an element id.
fn myth_slug(myth: Myth) -> &'static str {
    match myth {
        Myth::ErrorCancelsSiblings => "error-cancels-siblings",
        Myth::ReturnExceptionsPreventsCancel => "return-exceptions-prevents-cancel",
        Myth::CancelAfterFailureStopsChildren => "cancel-after-failure",
        Myth::CompletionOrder => "completion-order",
        Myth::CancelMessageKept => "cancel-message-kept",
    }
}
