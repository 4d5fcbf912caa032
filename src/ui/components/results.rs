//! The outer outcome, and the result list in argument order beside the completion order.

use super::spacer::spacer;
use crate::ui::hooks::use_visible_span;
use crate::ui::model::{
    completion_order, completion_target, describe_status, guarded_name, guarded_slots_note,
    guards_python_note, list_heading, main_awaits, ms_text, no_list_words, parent_end,
    return_exceptions_note, root_children, root_own_end, slot_label, slot_note, slot_value,
    status_class, Float, RunView,
};
use crate::ui::model::{slot_why, Explained};
use std::rc::Rc;
use yew::prelude::*;

/// Height of one row of the two lists, in CSS pixels (the connectors are drawn to it).
const ROW_PX: f64 = 34.0;
/// Above this many children the lists scroll in a box and only the rows in sight are drawn.
const DRAW_ALL_UP_TO: usize = 60;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub view: RunView,
    pub predicted: bool,
    /// The run shown, explained whole, to say why each slot holds what it holds; `None`
    /// while a run is in flight.
    #[prop_or_default]
    pub explained: Option<Rc<Explained>>,
    /// Under the outcome: its why.
    #[prop_or_default]
    pub children: Html,
}

fn f(value: f64) -> String {
    Float(value).to_string()
}

/// " via shield(A)": for a child with a timeout or a shield, what its gather heard of.
fn guard_words(view: &RunView, node: usize) -> Option<String> {
    let guard = view.lanes.get(node)?.guard;
    guard
        .is_set()
        .then(|| format!(" via {}", guarded_name(&view.name(node), guard)))
}

/// " — its exception, in its place [B3]", whole in its title: the row cuts it short.
fn slot_why_span(why: &str) -> Html {
    html! { <span class="slot-why" title={why.to_owned()}>{ format!(" — {why}") }</span> }
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let (list_ref, scroll_ref) = (use_node_ref(), use_node_ref());
    let view = &props.view;
    let children = root_children(view);
    let windowed = children.len() > DRAW_ALL_UP_TO;
    let span = use_visible_span(list_ref.clone(), Some(scroll_ref.clone()), windowed);
    // With a timeout on the root, main's outcome is what its wait_for gave.
    let (awaited, outer) = main_awaits(view);
    let outcome = match outer {
        Some(finish) => html! {
            <p class={classes!("outcome-line", status_class(Some(&finish.status)))}>
                <code>{ awaited }</code>{ " " }{ describe_status(&finish.status) }
                { format!(" — at {}", ms_text(finish.at_ms)) }
            </p>
        },
        None if view.stopped => {
            html! { <p class="outcome-line">{ "Stopped before the gather completed." }</p> }
        }
        None if view.replay_at.is_some() => html! {
            <p class="outcome-line">{ format!("At {} the gather has not completed yet.", ms_text(view.now_ms)) }</p>
        },
        None => html! { <p class="outcome-line">{ "Waiting for the gather to complete…" }</p> },
    };
    let completion = completion_order(view, &children);
    let rows = children.len().max(1) as f64;
    let count = children.len();
    let drawn = if windowed {
        span.rows(0.0, ROW_PX, count)
    } else {
        0..count
    };
    let (above, below) = (drawn.start, count - drawn.end);
    let middle = |row: usize| f(row as f64 * ROW_PX + ROW_PX / 2.0);

    html! {
        <div class="results" aria-live="polite">
            <h3 id="results-heading">{ if props.predicted { "Predicted outcome" } else { "Outcome" } }</h3>
            { outcome }
            if let Some(no_list) = no_list_words(view) { <p class="no-list">{ no_list }</p> }
            { props.children.clone() }
            if let Some(own) = root_own_end(view) { <p class="hint">{ own }</p> }
            if let Some(note) = return_exceptions_note(view) { <p class="hint">{ note }</p> }
            if let Some(note) = guarded_slots_note(view) { <p class="hint">{ note }</p> }
            if let Some(note) = guards_python_note(view) { <p class="hint python-version">{ note }</p> }
            if !children.is_empty() {
                // A windowed box scrolls: focusable and named, so that a keyboard scrolls it too.
                <div ref={scroll_ref} class={classes!("order-scroll", windowed.then_some("windowed"))}
                    tabindex={windowed.then_some("0")} role={windowed.then_some("region")}
                    aria-label={windowed.then_some("Completion order and result list")}>
                <div class="order-compare">
                    <div>
                        <h4 id="completion-heading">{ "Completion order" }</h4>
                        <ol class="order-list" aria-labelledby="completion-heading">
                            { for spacer(above, ROW_PX) }
                            { for completion[drawn.clone()].iter().zip(drawn.clone()).map(|(done, row)| {
                                let finished = parent_end(view, done.node);
                                html! {
                                    <li class={classes!("order-item", done.late.then_some("late"))}
                                        aria-posinset={(row + 1).to_string()} aria-setsize={count.to_string()}>
                                        <span class="order-name" title={view.name(done.node)}>{ view.name(done.node) }</span>
                                        <span class="order-meta">
                                            { finished.map(|finish| ms_text(finish.at_ms)).unwrap_or_else(|| "running".into()) }
                                            { format!(" → {}", completion_target(view, done.slot)) }
                                            { guard_words(view, done.node) }
                                            { if done.late { " (after the gather completed)" } else { "" } }
                                        </span>
                                    </li>
                                }
                            }) }
                            { for spacer(below, ROW_PX) }
                        </ol>
                    </div>
                    <svg class="connectors" viewBox={format!("0 0 100 {}", Float(rows * ROW_PX))} preserveAspectRatio="none" aria-hidden="true"
                        height={f(rows * ROW_PX)}>
                        { for completion.iter().enumerate()
                            .filter(|(row, done)| drawn.contains(row) || drawn.contains(&done.slot))
                            .map(|(row, done)| html! {
                            <line x1="0" y1={middle(row)} x2="100" y2={middle(done.slot)} />
                        }) }
                    </svg>
                    <div>
                        <h4 id="argument-heading">{ list_heading(view) }</h4>
                        <ol ref={list_ref} class="order-list" start="0" aria-labelledby="argument-heading">
                            { for spacer(above, ROW_PX) }
                            { for children[drawn.clone()].iter().zip(drawn.clone()).map(|(node, slot)| {
                                let (text, class) = slot_value(view, slot, *node);
                                // A child with a timeout or a shield: its slot holds what the
                                // gather got through them, said beside it.
                                let note = slot_note(view, *node);
                                html! {
                                    <li class={classes!("order-item", class)} title={note.clone()}
                                        aria-posinset={(slot + 1).to_string()} aria-setsize={count.to_string()}>
                                        <span class="order-name" title={view.name(*node)}>{ slot_label(view, slot, *node) }</span>
                                        <span class="order-meta"><code>{ text }</code>
                                            if let Some(note) = note { { " " }<span class="slot-note">{ note }</span> }
                                            if let Some(explained) = &props.explained {
                                                { slot_why_span(&slot_why(explained, slot, *node, view.events.len())) }
                                            }
                                        </span>
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
