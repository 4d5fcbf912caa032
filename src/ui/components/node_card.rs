//! One node of the scenario tree: a future's fields, or a gather and its children.

use super::card_actions::{card_actions, CardActionsProps};
use super::checkbox::{checkbox, CheckboxProps};
use super::outcome_fields::{outcome_fields, OutcomeFieldsProps};
use super::pager::Pager;
use super::text_field::{text_field, TextFieldProps};
use crate::ui::model::{
    crossing, error_for, node_name, page_start, positions_to_fix, DraftEdit, DraftKind, DraftNode,
    Field, FieldError, Flag, Key, PAGE_SIZE, SEMAPHORE_HINT, SEMAPHORE_LABEL,
    SEMAPHORE_PLACEHOLDER,
};
use gather_playground::scenario::NodeId;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    pub node: DraftNode,
    /// Its number in the scenario (a run's node id), which names it when it has no label.
    pub node_id: NodeId,
    pub errors: Rc<Vec<FieldError>>,
    pub depth: usize,
    pub position: usize,
    pub siblings: usize,
    /// The scenario was edited (here or in a card below).
    pub on_edit: Callback<DraftEdit>,
    /// A gather's card was collapsed (true) or expanded.
    pub on_collapsed: Callback<(Key, bool)>,
    /// Set when the card's siblings are paged: shows the page starting at a position, so
    /// that a card moved or duplicated past its page's edge stays in sight.
    #[prop_or_default]
    pub on_show_page: Option<Callback<usize>>,
}

#[function_component(NodeCard)]
pub fn node_card(props: &NodeCardProps) -> Html {
    let node = &props.node;
    let key = node.key;
    let (on_edit, errors) = (&props.on_edit, &props.errors);
    let name = node_name(&node.label, props.node_id, node.is_gather());
    let set =
        |field: Field| on_edit.reform(move |text: String| DraftEdit::SetField { key, field, text });
    let flag = |flag: Flag| on_edit.reform(move |on: bool| DraftEdit::SetFlag { key, flag, on });
    // One of the card's text fields: its id, its error and its edits follow from the field.
    let field = |field: Field, id: &str, label: &'static str, value: &str| TextFieldProps {
        id: format!("{id}-{key}").into(),
        label: label.into(),
        value: value.to_owned().into(),
        error: error_for(errors, key, field),
        on_input: set(field),
        ..Default::default()
    };
    let is_root = props.depth == 0;
    // The first position of the children's page on show (when they are paged), kept with
    // the node's key: a card reused for another node (a preset or a scenario loaded in its
    // place) starts at its first page. The list, to scroll back to its top from the pager
    // below it, and to put the cursor in a field to fix.
    let page_first = use_state(|| (key, 0usize));
    let show_page = {
        let setter = page_first.setter();
        use_callback((setter, key), |first: usize, (setter, key)| {
            setter.set((*key, first))
        })
    };
    let list_ref = use_node_ref();
    let focus_pending = use_mut_ref(|| false);
    {
        let list_ref = list_ref.clone();
        let focus_pending = focus_pending.clone();
        use_effect(move || {
            if focus_pending.replace(false) {
                let field = list_ref
                    .cast::<Element>()
                    .and_then(|list| list.query_selector(".field.invalid input").ok().flatten())
                    .and_then(|input| input.dyn_into::<HtmlElement>().ok());
                if let Some(field) = field {
                    let _ = field.focus();
                }
            }
        });
    }

    // Moving or duplicating past the page's edge: the page follows the card.
    let on_moved = {
        let (follow, position) = (props.on_show_page.clone(), props.position);
        Callback::from(move |step: isize| {
            if let (Some(show), Some(target)) = (&follow, crossing(position, step)) {
                show.emit(page_start(target));
            }
        })
    };
    let structure = (!is_root).then(|| {
        card_actions(&CardActionsProps {
            node: key,
            name: name.clone().into(),
            position: props.position,
            siblings: props.siblings,
            on_edit: on_edit.clone(),
            on_moved,
        })
    });

    let common = html! {
        <>
            { text_field(&field(Field::Label, "label", "Label", &node.label)) }
            { text_field(&TextFieldProps {
                placeholder: "never".into(),
                inputmode: "numeric".into(),
                hint: if node.is_gather() { "When cancel() is called on this gather's outer future" } else { "When this child's task is cancelled" }.into(),
                ..field(Field::CancelAt, "cancel", "Cancel at (ms)", &node.cancel_at)
            }) }
        </>
    };
    // How its parent awaits it: through asyncio.wait_for, asyncio.shield, both, or neither.
    let guard = html! {
        <>
            { text_field(&TextFieldProps {
                placeholder: "none".into(),
                inputmode: "numeric".into(),
                hint: if is_root { "main awaits asyncio.wait_for(gather, timeout): when the time is up the gather is cancelled, and TimeoutError comes once it has ended" } else { "Its gather awaits asyncio.wait_for(this, timeout): when the time is up this is cancelled, and TimeoutError comes once it has ended" }.into(),
                ..field(Field::Timeout, "timeout", "Timeout (ms)", &node.timeout)
            }) }
            // The root has no shield: only main awaits it.
            if !is_root {
                { checkbox(&CheckboxProps { id: format!("shield-{key}").into(), label: "Shield (asyncio.shield)".into(),
                    checked: node.shield, on_changed: flag(Flag::Shield) }) }
            }
        </>
    };

    match &node.kind {
        DraftKind::Future {
            delay,
            outcome,
            cleanup,
        } => html! {
            <article class="card future" aria-label={format!("Child {name}")}>
                <header class="card-head">
                    <span class="kind-badge future">{ "coroutine" }</span>
                    <span class="card-title" title={name.clone()}>{ name.clone() }</span>
                    { structure }
                </header>
                <div class="card-fields">
                    { common }
                    { text_field(&TextFieldProps {
                        inputmode: "numeric".into(),
                        ..field(Field::Delay, "delay", "Sleeps (ms)", delay)
                    }) }
                    { guard }
                </div>
                { outcome_fields(&OutcomeFieldsProps {
                    node: key,
                    prefix: "result".into(),
                    outcome: outcome.clone(),
                    fields: [Field::Value, Field::ErrorType, Field::ErrorMessage],
                    raises_flag: Flag::Raises,
                    errors: errors.clone(),
                    lead: "after its sleep, it".into(),
                    on_edit: on_edit.clone(),
                }) }
                { checkbox(&CheckboxProps { id: format!("cleanup-{key}").into(), label: "Catches CancelledError and cleans up".into(),
                    checked: cleanup.is_some(), on_changed: flag(Flag::HasCleanup) }) }
                if let Some(cleanup) = cleanup {
                    <div class="cleanup">
                        { text_field(&TextFieldProps {
                            inputmode: "numeric".into(),
                            ..field(Field::CleanupDelay, "cleanup-delay", "Cleanup takes (ms)", &cleanup.delay)
                        }) }
                        { outcome_fields(&OutcomeFieldsProps {
                            node: key,
                            prefix: "cleanup".into(),
                            outcome: cleanup.outcome.clone(),
                            fields: [Field::CleanupValue, Field::CleanupErrorType, Field::CleanupErrorMessage],
                            raises_flag: Flag::CleanupRaises,
                            errors: errors.clone(),
                            lead: "after cleaning up, it".into(),
                            on_edit: on_edit.clone(),
                        }) }
                    </div>
                }
            </article>
        },
        DraftKind::Gather {
            return_exceptions,
            limit,
            children,
        } => {
            let collapsed = node.collapsed;
            let toggle = props
                .on_collapsed
                .reform(move |_: MouseEvent| (key, !collapsed));
            let children_id = format!("children-{key}");
            let paged = children.len() > PAGE_SIZE;
            let first = if paged {
                let (shown_key, shown_first) = *page_first;
                let asked = if shown_key == key { shown_first } else { 0 };
                page_start(asked.min(children.len() - 1))
            } else {
                0
            };
            let shown = &children[first..(first + PAGE_SIZE).min(children.len())];
            let ids = node.child_ids(props.node_id);
            // Shows the page; the cursor goes to its first field to fix once it is drawn.
            let fix = {
                let show_page = show_page.clone();
                let focus_pending = focus_pending.clone();
                Callback::from(move |position: usize| {
                    *focus_pending.borrow_mut() = true;
                    show_page.emit(page_start(position));
                })
            };
            let problems = if paged {
                positions_to_fix(children, errors)
            } else {
                Vec::new()
            };
            let pager = |place: &str, on_show: Callback<usize>| {
                paged.then(|| html! {
                    <Pager owner={name.clone()} id={format!("pages-{key}-{place}")} below={place == "bottom"} total={children.len()}
                        first={first} problems={problems.clone()} on_show={on_show} on_fix={fix.clone()} />
                })
            };
            // From the pager below the list, the new page is read from its top.
            let show_page_from_below = {
                let show_page = show_page.clone();
                let list_ref = list_ref.clone();
                Callback::from(move |first: usize| {
                    show_page.emit(first);
                    if let Some(list) = list_ref.cast::<Element>() {
                        list.scroll_into_view_with_bool(true);
                    }
                })
            };
            let add = |nested_gather: bool| {
                let (on_edit, show_page) = (on_edit.clone(), show_page.clone());
                // The new child is the last: show its page.
                let last_page = page_start(children.len());
                Callback::from(move |_: MouseEvent| {
                    on_edit.emit(DraftEdit::AddChild {
                        parent: key,
                        nested_gather,
                    });
                    show_page.emit(last_page);
                })
            };
            html! {
                <article class={classes!("card", "gather", is_root.then_some("root"))} aria-label={format!("Gather {name}")}>
                    <header class="card-head">
                        <button class="icon toggle" onclick={toggle} aria-expanded={(!collapsed).to_string()}
                            aria-controls={children_id.clone()}
                            aria-label={format!("{} {name}", if collapsed { "Expand" } else { "Collapse" })}>
                            { if collapsed { "▸" } else { "▾" } }
                        </button>
                        <span class="kind-badge gather">{ if is_root { "asyncio.gather (outer)" } else { "nested gather" } }</span>
                        <span class="card-title" title={name.clone()}>{ name.clone() }</span>
                        <span class="count">{ format!("{} {}", children.len(), if children.len() == 1 { "child" } else { "children" }) }</span>
                        { structure }
                    </header>
                    if !collapsed {
                        <div class="card-fields">
                            { common }
                            { checkbox(&CheckboxProps { id: format!("rex-{key}").into(), label: "return_exceptions=True".into(),
                                checked: *return_exceptions, on_changed: flag(Flag::ReturnExceptions) }) }
                            { guard }
                            // Apart from gather's own parameter: it is a semaphore in the children.
                            <div class="semaphore-group">
                                { text_field(&TextFieldProps {
                                    inputmode: "numeric".into(),
                                    placeholder: SEMAPHORE_PLACEHOLDER.into(),
                                    ..field(Field::Limit, "limit", SEMAPHORE_LABEL, limit)
                                }) }
                                <p class="hint">{ SEMAPHORE_HINT }</p>
                            </div>
                        </div>
                        <div class="child-pages" ref={list_ref}>
                            { pager("top", show_page.clone()) }
                            <ol id={children_id} class="children" start={(first + 1).to_string()}>
                                { for shown.iter().zip(first..).map(|(child, position)| html! {
                                    <li key={child.key}>
                                        <NodeCard node={child.clone()} node_id={ids[position]} errors={errors.clone()}
                                            depth={props.depth + 1} position={position} siblings={children.len()}
                                            on_edit={on_edit.clone()} on_collapsed={props.on_collapsed.clone()}
                                            on_show_page={paged.then(|| show_page.clone())} />
                                    </li>
                                }) }
                            </ol>
                            { pager("bottom", show_page_from_below) }
                        </div>
                        if children.is_empty() {
                            <p class="empty">{ "No children: this gather is done at once, with []." }</p>
                        }
                        <div class="add-row">
                            <button onclick={add(false)}
                                aria-label={format!("Add a child coroutine to {name}")}>{ "+ Child" }</button>
                            <button onclick={add(true)}
                                aria-label={format!("Add a nested gather to {name}")}>{ "+ Nested gather" }</button>
                        </div>
                    }
                </article>
            }
        }
    }
}
