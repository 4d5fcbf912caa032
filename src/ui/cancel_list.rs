//! cancel() in a run of many nodes: a short list of them, and a search that reaches any.
//!
//! The list is of the scenario's nodes, not of those running, and it is on the page before
//! and after a run too: it changes only when the person searches. Chromium's autofill reads
//! every form field of the page again after a control is added, or a list's options change,
//! and with a big scenario's editor on the page that read is a pause of hundreds of
//! milliseconds; a list following the run would set it off on every redraw. Nor does the
//! page move when a run starts or ends, which would lay out all of it, the editor too.

use super::select_value::use_select_value;
use super::state::{lane_name, RunView};
use gather_playground::scenario::NodeId;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The list holds at most this many nodes; nobody scrolls through thousands of options,
/// and each would be built and laid out.
const LISTED_UP_TO: usize = 50;

#[derive(Properties, PartialEq)]
pub struct CancelListProps {
    pub view: RunView,
    /// cancel() can be called only while the run is in flight.
    pub running: bool,
    pub on_cancel: Callback<NodeId>,
}

/// The nodes a search finds: how many, and the first few, with the one named exactly as
/// searched (or numbered so, as `#12`) put first.
struct Found {
    count: usize,
    listed: Vec<NodeId>,
}

fn find(nodes: usize, lower_names: &[String], search: &str) -> Found {
    let by_number = search
        .strip_prefix('#')
        .and_then(|number| number.trim().parse::<NodeId>().ok());
    let mut found = Found {
        count: 0,
        listed: Vec::with_capacity(LISTED_UP_TO),
    };
    let mut exact = None;
    for node in 0..nodes {
        let name = lower_names.get(node).map(String::as_str);
        let is_exact = by_number == Some(node) || name == Some(search);
        let matches =
            search.is_empty() || is_exact || name.is_some_and(|name| name.contains(search));
        if !matches {
            continue;
        }
        found.count += 1;
        if is_exact && exact.is_none() {
            exact = Some(node);
        }
        if found.listed.len() < LISTED_UP_TO {
            found.listed.push(node);
        }
    }
    if let Some(exact) = exact {
        found.listed.retain(|node| *node != exact);
        found.listed.insert(0, exact);
        found.listed.truncate(LISTED_UP_TO);
    }
    found
}

#[function_component(CancelList)]
pub fn cancel_list(props: &CancelListProps) -> Html {
    let search = use_state(String::new);
    let choice = use_state_eq(|| None::<NodeId>);
    // ASCII case only: Unicode's case tables would add 15 KB to the page for a search box.
    let needle = search.trim().to_ascii_lowercase();
    let lanes = &props.view.lanes;
    // Made on the first search of a scenario, not on each of a run's many redraws.
    let lower_names = use_memo(
        (!needle.is_empty()).then(|| Rc::clone(lanes)),
        |lanes| match lanes {
            Some(lanes) => (0..lanes.len())
                .map(|node| lane_name(lanes, node).to_ascii_lowercase())
                .collect(),
            None => Vec::new(),
        },
    );
    let found = find(lanes.len(), &lower_names, &needle);
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
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(node) = chosen {
                on_cancel.emit(node);
            }
        })
    };

    // The list shows the node that the button cancels.
    let select_ref = use_select_value(chosen.map(|node| node.to_string()));
    let no_match = !needle.is_empty() && found.count == 0;
    let hint = if props.running {
        let traces = &props.view.traces;
        let running = traces
            .iter()
            .filter(|trace| trace.finished.is_none())
            .count();
        let shown = found.listed.len();
        let listed = match found.count {
            _ if needle.is_empty() && lanes.len() > shown => {
                format!("the first {shown} nodes listed, search for any other")
            }
            _ if needle.is_empty() => "every node listed".to_owned(),
            0 => "no node matches the search".to_owned(),
            count if count > shown => format!("{count} nodes match, the first {shown} listed"),
            1 => "1 node matches".to_owned(),
            count => format!("{count} nodes match"),
        };
        let finished = chosen
            .filter(|node| {
                traces
                    .get(*node)
                    .is_some_and(|trace| trace.finished.is_some())
            })
            .map(|node| {
                format!(
                    "; {} has finished, so cancel() returns False",
                    lane_name(lanes, node)
                )
            })
            .unwrap_or_default();
        format!("{running} running; {listed}{finished}")
    } else if no_match {
        "No node matches the search; cancel() is called on a node while the scenario runs"
            .to_owned()
    } else {
        "cancel() is called on a node while the scenario runs".to_owned()
    };
    let button_label = match chosen {
        Some(node) => format!("Call cancel() on {}", lane_name(lanes, node)),
        None => "Call cancel(): no node matches the search".into(),
    };
    html! {
            <div class="cancel-controls" role="group" aria-label="Cancel while running">
                <label for="cancel-choice">{ "cancel() on" }</label>
                <input type="text" id="cancel-search" value={(*search).clone()} oninput={on_search}
                    placeholder="name or #number" autocomplete="off" spellcheck="false"
                    aria-label="Search the nodes by name, or by #number" aria-controls="cancel-choice" />
                <select id="cancel-choice" ref={select_ref} onchange={on_choose} disabled={chosen.is_none()}>
                    { for found.listed.iter().map(|node| html! {
                        <option key={*node} value={node.to_string()}>
                            { lane_name(lanes, *node) }
                        </option>
                    }) }
                </select>
                <button class="small" onclick={on_cancel} disabled={chosen.is_none() || !props.running}
                    aria-label={button_label}>
                    { "Call cancel()" }
                </button>
                // After the button, so that the count changing does not move it.
                <span class="hint">{ hint }</span>
            </div>
    }
}
