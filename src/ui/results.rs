//! The outer outcome, and the result list in argument order beside the completion order.

use super::numbers::{ms_text, time_order, Float};
use super::state::{describe_status, python_repr, RunView};
use super::visible::{spacer, use_visible_span};
use gather_playground::scenario::{NodeId, Status};
use serde_json::Value;
use yew::prelude::*;

/// Height of one row of the two lists, in CSS pixels (the connectors are drawn to it).
const ROW_PX: f64 = 34.0;
/// Above this many children the lists scroll in a box and only the rows in sight are drawn.
const DRAW_ALL_UP_TO: usize = 60;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub view: RunView,
    pub predicted: bool,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let (list_ref, scroll_ref) = (use_node_ref(), use_node_ref());
    let view = &props.view;
    let children: Vec<NodeId> = view
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, lane)| lane.parent == Some(0))
        .map(|(node, _)| node)
        .collect();
    let windowed = children.len() > DRAW_ALL_UP_TO;
    let span = use_visible_span(list_ref.clone(), Some(scroll_ref.clone()), windowed);
    let root = view.traces.first();
    let outer = root.and_then(|trace| trace.finished.as_ref());
    let rex_note = match outer {
        Some((
            _,
            Status::Ok {
                value: Value::Array(items),
            },
        )) if items.iter().any(Value::is_object) => {
            Some("With return_exceptions=True, exceptions sit in the list in place of values.")
        }
        _ => None,
    };
    let outcome = match outer {
        Some((done_ms, status)) => {
            let class = match status {
                Status::Ok { .. } => "ok",
                Status::Raised { .. } => "raised",
                Status::Cancelled => "cancelled",
            };
            html! {
                <p class={classes!("outcome-line", class)}>
                    <code>{ "await gather(…)" }</code>{ " " }{ describe_status(status) }
                    { format!(" — at {}", ms_text(*done_ms)) }
                </p>
            }
        }
        None if view.stopped => {
            html! { <p class="outcome-line">{ "Stopped before the gather completed." }</p> }
        }
        None if view.replay_at.is_some() => html! {
            <p class="outcome-line">{ format!("At {} the gather has not completed yet.", ms_text(view.now_ms)) }</p>
        },
        None => html! { <p class="outcome-line">{ "Waiting for the gather to complete…" }</p> },
    };

    let slot_value = |position: usize, node: NodeId| -> (String, &'static str) {
        if let Some((
            _,
            Status::Ok {
                value: Value::Array(items),
            },
        )) = outer
        {
            if let Some(value) = items.get(position) {
                let class = if value.is_object() { "raised" } else { "ok" };
                return (python_repr(value), class);
            }
        }
        match &view.traces[node].finished {
            Some((_, Status::Ok { value })) => (python_repr(value), "ok"),
            Some((_, Status::Raised { exception, .. })) => {
                (format!("raised {exception}"), "raised")
            }
            Some((_, Status::Cancelled)) => ("cancelled".into(), "cancelled"),
            None => ("…".into(), "running"),
        }
    };
    let finished_at = children.iter().map(|node| {
        view.traces[*node]
            .finished
            .as_ref()
            .map_or(f64::INFINITY, |(at, _)| *at)
    });
    let completion: Vec<(usize, NodeId)> = time_order(finished_at)
        .into_iter()
        .map(|position| (position, children[position]))
        .collect();
    let outer_done_ms = outer.map(|(at, _)| *at);
    let rows = children.len().max(1) as f64;
    let drawn = if windowed {
        span.rows(0.0, ROW_PX, children.len())
    } else {
        0..children.len()
    };
    let count = children.len();
    let (above, below) = (drawn.start, count - drawn.end);

    html! {
        <div class="results" aria-live="polite">
            <h3>{ if props.predicted { "Predicted outcome" } else { "Outcome" } }</h3>
            { outcome }
            if let Some(note) = rex_note { <p class="hint">{ note }</p> }
            if !children.is_empty() {
                <div ref={scroll_ref} class={classes!("order-scroll", windowed.then_some("windowed"))}>
                <div class="order-compare">
                    <div>
                        <h4 id="completion-heading">{ "Completion order" }</h4>
                        <ol class="order-list" aria-labelledby="completion-heading">
                            { for spacer(above, ROW_PX) }
                            { for completion[drawn.clone()].iter().zip(drawn.clone()).map(|((position, node), row)| {
                                let finished = view.traces[*node].finished.as_ref();
                                let late = match (finished, outer_done_ms) {
                                    (Some((done, _)), Some(outer_done)) => *done > outer_done + 0.5,
                                    _ => false,
                                };
                                html! {
                                    <li class={classes!("order-item", late.then_some("late"))}
                                        aria-posinset={(row + 1).to_string()} aria-setsize={count.to_string()}>
                                        <span class="order-name">{ view.name(*node) }</span>
                                        <span class="order-meta">
                                            { finished.map(|(done, _)| ms_text(*done)).unwrap_or_else(|| "running".into()) }
                                            { format!(" → slot {position}") }
                                            { if late { " (after the gather completed)" } else { "" } }
                                        </span>
                                    </li>
                                }
                            }) }
                            { for spacer(below, ROW_PX) }
                        </ol>
                    </div>
                    <svg class="connectors" viewBox={format!("0 0 100 {}", Float(rows * ROW_PX))} preserveAspectRatio="none" aria-hidden="true"
                        height={Float(rows * ROW_PX).to_string()}>
                        { for completion.iter().enumerate()
                            .filter(|(row, (position, _))| drawn.contains(row) || drawn.contains(position))
                            .map(|(row, (position, _))| html! {
                            <line x1="0" y1={Float(row as f64 * ROW_PX + ROW_PX / 2.0).to_string()}
                                x2="100" y2={Float(*position as f64 * ROW_PX + ROW_PX / 2.0).to_string()} />
                        }) }
                    </svg>
                    <div>
                        <h4 id="argument-heading">{ "Result list (argument order)" }</h4>
                        <ol ref={list_ref} class="order-list" start="0" aria-labelledby="argument-heading">
                            { for spacer(above, ROW_PX) }
                            { for children[drawn.clone()].iter().zip(drawn.clone()).map(|(node, position)| {
                                let (text, class) = slot_value(position, *node);
                                html! {
                                    <li class={classes!("order-item", class)}
                                        aria-posinset={(position + 1).to_string()} aria-setsize={count.to_string()}>
                                        <span class="order-name">{ format!("[{position}] {}", view.name(*node)) }</span>
                                        <span class="order-meta"><code>{ text }</code></span>
                                    </li>
                                }
                            }) }
                            { for spacer(below, ROW_PX) }
                        </ol>
                    </div>
                </div>
                </div>
            }
        </div>
    }
}
