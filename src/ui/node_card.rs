//! One node of the scenario tree: a future's fields, or a gather and its children.

use super::draft::{DraftKind, DraftNode, DraftOutcome, Field, FieldError, Flag, Key};
use super::pager::{page_start, Pager, PAGE_SIZE};
use super::state::Action;
use super::text_field::TextField;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    pub node: DraftNode,
    pub errors: Rc<Vec<FieldError>>,
    pub depth: usize,
    pub position: usize,
    pub siblings: usize,
    pub on_action: Callback<Action>,
    /// Set when the card's siblings are paged: shows the page starting at a position, so
    /// that a card moved or duplicated past its page's edge stays in sight.
    #[prop_or_default]
    pub on_show_page: Option<Callback<usize>>,
}

/// Where a card at `position` that moves by `step` (or whose copy lands at `step`) ends
/// up, if that is on another page.
fn crossing(position: usize, step: isize) -> Option<usize> {
    let target = position.checked_add_signed(step)?;
    (page_start(target) != page_start(position)).then_some(target)
}

/// Positions of the children holding a field to fix (themselves or a node below them).
fn positions_to_fix(children: &[DraftNode], errors: &[FieldError]) -> Vec<usize> {
    if errors.is_empty() {
        return Vec::new();
    }
    // Sorted `(key, 0)` pairs, searched: `(u64, usize)` is the one element type the page
    // sorts, so no set type or other sort is added to its wasm for this.
    let mut wrong: Vec<(Key, usize)> = errors.iter().map(|error| (error.key, 0)).collect();
    wrong.sort();
    children
        .iter()
        .enumerate()
        .filter(|(_, child)| child.any_key(&|key| wrong.binary_search(&(key, 0)).is_ok()))
        .map(|(position, _)| position)
        .collect()
}

fn error_for(errors: &[FieldError], key: Key, field: Field) -> Option<String> {
    errors
        .iter()
        .find(|error| error.key == key && error.field == field)
        .map(|error| error.message.clone())
}

fn display_name(node: &DraftNode, depth: usize) -> String {
    match (node.label.is_empty(), node.is_gather(), depth) {
        (false, _, _) => node.label.clone(),
        (true, true, 0) => "the outer gather".into(),
        (true, true, _) => "unnamed gather".into(),
        (true, false, _) => "unnamed child".into(),
    }
}

/// A checkbox that reports its new state.
fn checkbox(id: String, label: &str, checked: bool, on_change: Callback<bool>) -> Html {
    let on_change = on_change.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.checked()
    });
    html! {
        <label class="check" for={id.clone()}>
            <input id={id} type="checkbox" checked={checked} onchange={on_change} />
            { label.to_owned() }
        </label>
    }
}

/// Returns / raises choice, and the value or exception fields.
#[allow(clippy::too_many_arguments)]
fn outcome_fields(
    key: Key,
    prefix: &str,
    outcome: &DraftOutcome,
    [value_field, type_field, message_field]: [Field; 3],
    raises_flag: Flag,
    errors: &[FieldError],
    on_action: &Callback<Action>,
    name: &str,
) -> Html {
    let set = |field: Field| {
        let on_action = on_action.clone();
        Callback::from(move |text: String| on_action.emit(Action::SetField(key, field, text)))
    };
    let choose = |raises: bool| {
        let on_action = on_action.clone();
        Callback::from(move |_: Event| on_action.emit(Action::SetFlag(key, raises_flag, raises)))
    };
    let group = format!("{prefix}-{key}-outcome");
    html! {
        <fieldset class="outcome">
            <legend>{ format!("{name} then") }</legend>
            <label class="check"><input type="radio" name={group.clone()} checked={!outcome.raises} onchange={choose(false)} />{ "returns" }</label>
            <label class="check"><input type="radio" name={group} checked={outcome.raises} onchange={choose(true)} />{ "raises" }</label>
            if outcome.raises {
                <TextField id={format!("{prefix}-{key}-type")} label="Exception" value={outcome.error_type.clone()}
                    placeholder="ValueError" error={error_for(errors, key, type_field)} on_input={set(type_field)} />
                <TextField id={format!("{prefix}-{key}-message")} label="Message" value={outcome.error_message.clone()}
                    placeholder="(empty)" error={error_for(errors, key, message_field)} on_input={set(message_field)} />
            } else {
                <TextField id={format!("{prefix}-{key}-value")} label="Value" value={outcome.value.clone()}
                    hint="A number, true, false, null, or any text" error={error_for(errors, key, value_field)}
                    on_input={set(value_field)} />
            }
        </fieldset>
    }
}

#[function_component(NodeCard)]
pub fn node_card(props: &NodeCardProps) -> Html {
    let node = &props.node;
    let key = node.key;
    let on_action = &props.on_action;
    let errors = &props.errors;
    let name = display_name(node, props.depth);
    let set = |field: Field| {
        let on_action = on_action.clone();
        Callback::from(move |text: String| on_action.emit(Action::SetField(key, field, text)))
    };
    let flag = |flag: Flag| {
        let on_action = on_action.clone();
        Callback::from(move |on: bool| on_action.emit(Action::SetFlag(key, flag, on)))
    };
    let act = |action: fn(Key) -> Action| on_action.reform(move |_: MouseEvent| action(key));
    // Moving or duplicating past the page's edge: the page follows the card.
    let act_then_follow = |action: fn(Key) -> Action, step: isize| {
        let on_action = on_action.clone();
        let follow = props
            .on_show_page
            .clone()
            .zip(crossing(props.position, step));
        Callback::from(move |_: MouseEvent| {
            on_action.emit(action(key));
            if let Some((on_show_page, target)) = &follow {
                on_show_page.emit(page_start(*target));
            }
        })
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

    let structure = (!is_root).then(|| html! {
        <div class="card-actions" role="group" aria-label={format!("Arrange {name}")}>
            <button class="icon" onclick={act_then_follow(|key| Action::Move(key, -1), -1)} disabled={props.position == 0}
                aria-label={format!("Move {name} up")} title="Move up">{ "↑" }</button>
            <button class="icon" onclick={act_then_follow(|key| Action::Move(key, 1), 1)} disabled={props.position + 1 >= props.siblings}
                aria-label={format!("Move {name} down")} title="Move down">{ "↓" }</button>
            <button class="icon" onclick={act_then_follow(Action::Duplicate, 1)}
                aria-label={format!("Duplicate {name}")} title="Duplicate">
                <svg class="icon-svg" viewBox="0 0 16 16" aria-hidden="true">
                    <rect x="1.5" y="4.5" width="9" height="9" rx="1.5" /><rect x="5.5" y="1.5" width="9" height="9" rx="1.5" />
                </svg>
            </button>
            <button class="icon danger" onclick={act(Action::Remove)}
                aria-label={format!("Remove {name}")} title="Remove">{ "✕" }</button>
        </div>
    });

    let common = html! {
        <>
            <TextField id={format!("label-{key}")} label="Label" value={node.label.clone()}
                error={error_for(errors, key, Field::Label)} on_input={set(Field::Label)} />
            <TextField id={format!("cancel-{key}")} label="Cancel at (ms)" value={node.cancel_at.clone()}
                placeholder="never" inputmode="numeric"
                hint={if node.is_gather() { "When cancel() is called on this gather's outer future" } else { "When this child's task is cancelled" }}
                error={error_for(errors, key, Field::CancelAt)} on_input={set(Field::CancelAt)} />
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
                    <span class="card-title">{ name.clone() }</span>
                    { structure }
                </header>
                <div class="card-fields">
                    { common }
                    <TextField id={format!("delay-{key}")} label="Sleeps (ms)" value={delay.clone()} inputmode="numeric"
                        error={error_for(errors, key, Field::Delay)} on_input={set(Field::Delay)} />
                </div>
                { outcome_fields(key, "result", outcome, [Field::Value, Field::ErrorType, Field::ErrorMessage],
                    Flag::Raises, errors, on_action, "after its sleep, it") }
                { checkbox(format!("cleanup-{key}"), "Catches CancelledError and cleans up", cleanup.is_some(), flag(Flag::HasCleanup)) }
                if let Some(cleanup) = cleanup {
                    <div class="cleanup">
                        <TextField id={format!("cleanup-delay-{key}")} label="Cleanup takes (ms)" value={cleanup.delay.clone()}
                            inputmode="numeric" error={error_for(errors, key, Field::CleanupDelay)} on_input={set(Field::CleanupDelay)} />
                        { outcome_fields(key, "cleanup", &cleanup.outcome,
                            [Field::CleanupValue, Field::CleanupErrorType, Field::CleanupErrorMessage],
                            Flag::CleanupRaises, errors, on_action, "after cleaning up, it") }
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
            let toggle = {
                let on_action = on_action.clone();
                Callback::from(move |_: MouseEvent| {
                    on_action.emit(Action::SetFlag(key, Flag::Collapsed, !collapsed))
                })
            };
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
            let add = |nested: bool| {
                let on_action = on_action.clone();
                let show_page = show_page.clone();
                // The new child is the last: show its page.
                let last_page = page_start(children.len());
                Callback::from(move |_: MouseEvent| {
                    on_action.emit(Action::AddChild(key, nested));
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
                        <span class="card-title">{ name.clone() }</span>
                        <span class="count">{ format!("{} {}", children.len(), if children.len() == 1 { "child" } else { "children" }) }</span>
                        { structure }
                    </header>
                    if !collapsed {
                        <div class="card-fields">
                            { common }
                            { checkbox(format!("rex-{key}"), "return_exceptions=True", *return_exceptions, flag(Flag::ReturnExceptions)) }
                            <TextField id={format!("limit-{key}")} label="Limit (children at once)"
                                value={limit.clone()} inputmode="numeric" placeholder="no limit"
                                error={error_for(errors, key, Field::Limit)} on_input={set(Field::Limit)} />
                        </div>
                        <div class="child-pages" ref={list_ref}>
                            { pager("top", show_page.clone()) }
                            <ol id={children_id} class="children" start={(first + 1).to_string()}>
                                { for shown.iter().zip(first..).map(|(child, position)| html! {
                                    <li key={child.key}>
                                        <NodeCard node={child.clone()} errors={errors.clone()} depth={props.depth + 1}
                                            position={position} siblings={children.len()} on_action={on_action.clone()}
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
