//! cancel() in a run of a few nodes: a button for each node still running.

use crate::ui::model::{python_bool, RunView};
use gather_playground::scenario::NodeId;
use yew::prelude::*;

pub struct CancelButtonsProps {
    pub view: RunView,
    /// cancel() was called on a node.
    pub on_cancel_called: Callback<NodeId>,
}

/// The buttons (a function, not a component: see `mod.rs`).
pub fn cancel_buttons(props: &CancelButtonsProps) -> Html {
    let view = &props.view;
    let running = view
        .traces
        .iter()
        .enumerate()
        .filter(|(_, trace)| trace.finished.is_none())
        .map(|(node, _)| node);
    html! {
        <div class="cancel-controls" role="group" aria-label="Cancel while running">
            <span>{ "cancel():" }</span>
            { for running.map(|node| {
                let name = view.name(node);
                let last = view.traces[node].cancels.last().map(|mark| format!(" → {}", python_bool(mark.returned)));
                html! {
                    // Its name holds all the words it shows (a long label is cut short by the
                    // stylesheet, not in the text), as speech input needs (WCAG 2.5.3).
                    <button class="small" onclick={props.on_cancel_called.reform(move |_: MouseEvent| node)}
                        aria-label={format!("Call cancel() on {name}{}", last.clone().unwrap_or_default())}>
                        <span class="cancel-name">{ name.clone() }</span>{ last.unwrap_or_default() }
                    </button>
                }
            }) }
        </div>
    }
}
