//! Pages through a gather's children when there are too many to show as cards at once (see
//! the model's `pages.rs`).

use crate::ui::hooks::use_select_value;
use crate::ui::model::{grouped, next_to_fix, page_start, span_text, to_fix_text, PAGE_SIZE};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The gather whose children these are, as the cards name it.
    pub owner: AttrValue,
    /// Ids the page list and its label share; unique on the page.
    pub id: AttrValue,
    /// The copy of the pager below the cards (its landmark gets a name of its own).
    #[prop_or_default]
    pub below: bool,
    pub total: usize,
    /// The first position of the page shown.
    pub first: usize,
    /// Positions of the children (or nested gathers) holding a field to fix, ascending.
    pub problems: Vec<usize>,
    /// Shows the page starting at the given position.
    pub on_show: Callback<usize>,
    /// Shows the child at the given position, which has a field to fix.
    pub on_fix: Callback<usize>,
}

#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    let first = props.first;
    let total = props.total;
    let last_page = page_start(total.saturating_sub(1));
    let show = |start: usize| props.on_show.reform(move |_: MouseEvent| start);
    let choose = props.on_show.reform(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        select.value().parse().unwrap_or(0)
    });
    let (next_problem, elsewhere) = next_to_fix(&props.problems, first);
    let select_id = format!("{}-page", props.id);
    let select_ref = use_select_value(Some(first.to_string()));

    html! {
        <nav class="pager" aria-label={format!("Pages of the children of {}{}", props.owner, if props.below { ", below them" } else { "" })}>
            <button onclick={show(first.saturating_sub(PAGE_SIZE))} disabled={first == 0}
                aria-label="Previous page">{ "‹ Previous" }</button>
            <label for={select_id.clone()}>{ "Children" }</label>
            <select id={select_id} ref={select_ref} onchange={choose}>
                { for (0..total).step_by(PAGE_SIZE).map(|start| {
                    let flagged = props.problems.iter().any(|position| page_start(*position) == start);
                    html! {
                        <option value={start.to_string()}>
                            { span_text(start, total) }{ if flagged { " ⚠" } else { "" } }
                        </option>
                    }
                }) }
            </select>
            <span class="count">{ format!("of {}", grouped(total)) }</span>
            <button onclick={show((first + PAGE_SIZE).min(last_page))} disabled={first >= last_page}
                aria-label="Next page">{ "Next ›" }</button>
            if let Some(position) = next_problem {
                <button class="to-fix" onclick={props.on_fix.reform(move |_: MouseEvent| position)}>
                    { to_fix_text(position, elsewhere) }
                </button>
            }
        </nav>
    }
}
