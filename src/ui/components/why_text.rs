//! One event's why, in words (the model's `event_why`), worked out only when shown: from
//! the run's whole explanation, or during a live run from the events up to it, once.

use crate::ui::model::{event_why, Explainer};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WhyTextProps {
    pub explainer: Explainer,
    /// The event, by its place in the run.
    pub event: usize,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Said before the sentence ("At the playhead: ").
    #[prop_or_default]
    pub lead: Option<AttrValue>,
}

#[function_component(WhyText)]
pub fn why_text(props: &WhyTextProps) -> Html {
    // Keyed by the explanation and the event, not by the live run's growing events: an
    // event's causes all come before it, so its why never changes once it is there.
    let sentence = {
        let explainer = props.explainer.clone();
        use_memo((props.explainer.key(), props.event), move |(_, event)| {
            event_why(&explainer.covering(*event), *event)
        })
    };
    html! {
        <p class="why" id={props.id.clone()}>
            if let Some(lead) = &props.lead { <strong>{ lead.clone() }</strong> }
            { (*sentence).clone() }
        </p>
    }
}
