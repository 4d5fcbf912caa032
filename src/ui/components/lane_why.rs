//! Under the timeline: why the lane chosen stands where it does (the model's `lane_why`),
//! read out when it changes.

use crate::ui::model::{lane_why, Explainer};
use gather_playground::scenario::NodeId;
use yew::prelude::*;

/// The box's id: each lane's why button controls it.
pub const LANE_WHY_ID: &str = "lane-why";

#[derive(Properties, PartialEq)]
pub struct LaneWhyProps {
    pub explainer: Option<Explainer>,
    /// The lane chosen, if one is.
    pub node: Option<NodeId>,
    /// How many of the run's events are shown.
    pub upto: usize,
    /// The lane's state in words (`lane_state`), while it has not ended.
    pub state: AttrValue,
    pub on_closed: Callback<()>,
}

#[function_component(LaneWhy)]
pub fn lane_why_box(props: &LaneWhyProps) -> Html {
    let last = match (&props.explainer, props.node) {
        (Some(explainer), Some(node)) => explainer.last_event_of(node, props.upto),
        _ => None,
    };
    let sentence = {
        let (explainer, node, upto, state) = (
            props.explainer.clone(),
            props.node,
            props.upto,
            props.state.clone(),
        );
        // Not keyed by how many events are shown: a live run's lane changes only with its
        // own events.
        use_memo(
            (
                props.explainer.as_ref().map(Explainer::key),
                props.node,
                last,
                props.state.clone(),
            ),
            move |_| {
                let (explainer, node) = (explainer?, node?);
                let explained = explainer.covering(last.unwrap_or(0));
                Some(lane_why(&explained, node, upto, &state))
            },
        )
    };
    let close = props.on_closed.reform(|_: MouseEvent| ());
    html! {
        <div id={LANE_WHY_ID} class="why-box lane-why" aria-live="polite" hidden={sentence.is_none()}>
            if let Some(sentence) = &*sentence {
                <p class="why">{ sentence.clone() }</p>
                <button class="small" onclick={close}>{ "Close" }</button>
            }
        </div>
    }
}
