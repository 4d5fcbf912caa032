//! cancel() in a run of many nodes: a short list of them, and a search that reaches any.
//!
//! The list is of the scenario's nodes, not of those running, and it is on the page before
//! and after a run too: it changes only when the person searches. Chromium's autofill reads
//! every form field of the page again after a control is added, or a list's options change,
//! and with a big scenario's editor on the page that read is a pause of hundreds of
//! milliseconds; a list following the run would set it off on every redraw. Nor does the
//! page move when a run starts or ends, which would lay out all of it, the editor too.

use crate::ui::hooks::use_select_value;
use crate::ui::model::{button_label, find, hint, lane_name, lower_names, RunView};
use gather_playground::scenario::NodeId;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CancelListProps {
    pub view: RunView,
    /// cancel() can be called only while the run is in flight.
    pub running: bool,
    /// cancel() was called on a node.
    pub on_cancel_called: Callback<NodeId>,
}

#[function_component(CancelList)]
pub fn cancel_list(props: &CancelListProps) -> Html {
    let search = use_state(String::new);
    let choice = use_state_eq(|| None::<NodeId>);
    let needle = search.trim().to_ascii_lowercase();
    let view = &props.view;
    // Made on the first search of a scenario, not on each of a run's many redraws.
    let names = use_memo(
        (!needle.is_empty()).then(|| Rc::clone(&view.lanes)),
        |lanes| match lanes {
            Some(lanes) => lower_names(lanes),
            None => Vec::new(),
        },
    );
    let found = find(view.lanes.len(), &names, &needle);
    let chosen = (*choice)
        .filter(|node| found.listed.contains(node))
        .or(found.listed.first().copied());

    let on_search = {
        let (search, choice) = (search.clone(), choice.clone());
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            search.set(input.value());
            // The best match, listed first, is the one to cancel now.
            choice.set(None);
        })
    };
    let on_choose = {
        let choice = choice.clone();
        Callback::from(move |event: Event| {
            let chosen = event
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|select| select.value().parse::<NodeId>().ok());
            choice.set(chosen);
        })
    };
    let on_cancel = {
        let called = props.on_cancel_called.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(node) = chosen {
                called.emit(node);
            }
        })
    };

    // The list shows the node that the button cancels.
    let select_ref = use_select_value(chosen.map(|node| node.to_string()));
    html! {
            <div class="cancel-controls" role="group" aria-label="Cancel while running">
                <label for="cancel-choice">{ "cancel() on" }</label>
                <input type="text" id="cancel-search" value={(*search).clone()} oninput={on_search}
                    placeholder="name or #number" autocomplete="off" spellcheck="false"
                    aria-label="Search the nodes by name, or by #number" aria-controls="cancel-choice" />
                <select id="cancel-choice" ref={select_ref} onchange={on_choose} disabled={chosen.is_none()}>
                    { for found.listed.iter().map(|node| html! {
                        <option key={*node} value={node.to_string()}>
                            { lane_name(&view.lanes, *node) }
                        </option>
                    }) }
                </select>
                <button class="small" onclick={on_cancel} disabled={chosen.is_none() || !props.running}
                    aria-label={button_label(view, chosen)}>
                    { "Call cancel()" }
                </button>
                // After the button, so that the count changing does not move it.
                <span class="hint">{ hint(view, props.running, &needle, &found, chosen) }</span>
            </div>
    }
}
