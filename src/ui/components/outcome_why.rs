//! "Why this outcome": the chain of causes of `await gather(…)`'s outcome, from the first
//! event to the outcome, each told with the rules that decided it.

use crate::ui::model::{outcome_pending, outcome_why, Explainer};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomeWhyProps {
    pub explainer: Explainer,
    /// How many of the run's events are shown (fewer during a replay).
    pub upto: usize,
    pub stopped: bool,
}

#[function_component(OutcomeWhy)]
pub fn outcome_why_box(props: &OutcomeWhyProps) -> Html {
    let open = use_state_eq(|| false);
    let outcome = props.explainer.outcome(props.upto);
    // Worked out when opened, once per explanation and outcome.
    let told = {
        let explainer = props.explainer.clone();
        let (upto, stopped) = (props.upto, props.stopped);
        use_memo(
            (*open, props.explainer.key(), outcome, stopped),
            move |(open, _, outcome, stopped)| match (open, outcome) {
                (false, _) => Err(String::new()),
                (true, Some(outcome)) => Ok(outcome_why(&explainer.covering(*outcome), upto)),
                (true, None) => Err(outcome_pending(&explainer.covering(0), *stopped)),
            },
        )
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class="outcome-why">
            <button id="outcome-why-toggle" class="why-toggle" aria-expanded={open.to_string()} aria-controls="outcome-why" onclick={on_toggle}>
                { "Why this outcome" }
            </button>
            <div id="outcome-why" class="why-box" hidden={!*open}>
                if *open {
                    { match &*told {
                        Ok(steps) => html! {
                            <>
                                <p class="hint">{ "From the first cause to the outcome, each with the rules that decided it:" }</p>
                                <ol class="why-chain" aria-label="The causes of the outcome, from the first">
                                    { for steps.iter().map(|step| html! { <li>{ step.clone() }</li> }) }
                                </ol>
                            </>
                        },
                        Err(pending) => html! { <p class="why">{ pending.clone() }</p> },
                    } }
                }
            </div>
        </div>
    }
}
