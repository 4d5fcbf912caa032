//! Compare's table: each combinator's outcome, when, each child's end, and why; the first
//! row the gather as the editor holds it. On a phone each row stands as a card, its cells
//! labelled (the stylesheet reads `data-label`).

use crate::model::{
    caption, compare_order, difference, fate_text, fates_summary, outcome_text, pending_text,
    run_on, why, CHILD_COLUMNS_UP_TO, EDITOR_ROW_NOTE,
};
use gather_playground::explore::{Combinator, Comparison};
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareTableProps {
    pub scenario: Rc<Scenario>,
    /// In [`compare_order`] of the scenario; `None` while that row's run is in flight.
    pub rows: Vec<Option<Comparison>>,
    /// The root's children's names, in argument order.
    pub names: Rc<Vec<String>>,
}

#[function_component(CompareTable)]
pub fn compare_table(props: &CompareTableProps) -> Html {
    let order = compare_order(&props.scenario);
    // ≠ is against the first row, the editor's own gather; the sentences speak of the
    // plain gather, wherever its row is.
    let first = props.rows.first().cloned().flatten();
    let gather = order
        .iter()
        .position(|combinator| *combinator == Combinator::Gather)
        .and_then(|row| props.rows.get(row).cloned().flatten());
    let names = &props.names;
    // A column per child reads well for a handful; beyond that, each row counts its children.
    let per_child = names.len() <= CHILD_COLUMNS_UP_TO;
    let children_label = format!("{} children", names.len());
    html! {
        <div class="table-scroll">
            <table class="compare" aria-label="The same children under each combinator">
                <caption>{ caption(per_child) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Combinator" }</th>
                        <th scope="col">{ "Outcome" }</th>
                        <th scope="col">{ "At" }</th>
                        if per_child {
                            { for names.iter().map(|name| html! { <th scope="col" class="child-col" title={name.clone()}>{ name.clone() }</th> }) }
                        } else {
                            <th scope="col">{ children_label.clone() }</th>
                        }
                        <th scope="col">{ "Why" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for order.iter().zip(&props.rows).enumerate().map(|(index, (combinator, row))| {
                        let name = combinator.name();
                        let where_ = html! {
                            <span class="row-note">
                                { if index == 0 { format!("{EDITOR_ROW_NOTE} · {}", run_on(*combinator)) } else { run_on(*combinator).to_owned() } }
                            </span>
                        };
                        match (row, &first, &gather) {
                            (Some(row), Some(first), Some(gather)) => {
                                let differs = difference(row, first, names);
                                html! {
                                    <tr class={classes!(differs.is_some().then_some("differs"), (index == 0).then_some("editor-row"))}>
                                        <th scope="row"><code>{ name }</code>{ if differs.is_some() { " ≠" } else { "" } }{ where_ }
                                            if let Some(differs) = &differs { <span class="row-note differs-note">{ differs.clone() }</span> }
                                        </th>
                                        <td data-label="Outcome">{ outcome_text(row, names) }
                                            if !row.errors.is_empty() {
                                                <ul class="group-errors">
                                                    { for row.errors.iter().map(|error| html! { <li>{ error.to_string() }</li> }) }
                                                </ul>
                                            }
                                        </td>
                                        <td class="num" data-label="At">{ format!("{} ms", row.done_at_ms) }</td>
                                        if per_child {
                                            { for row.children.iter().zip(names.iter()).map(|(fate, child)| html! {
                                                <td class="num fate" data-label={child.clone()}>{ fate_text(fate) }</td>
                                            }) }
                                        } else {
                                            <td class="fate" data-label={children_label.clone()}>{ fates_summary(&row.children) }</td>
                                        }
                                        <td class="why" data-label="Why">{ why(row, &props.scenario, gather) }</td>
                                    </tr>
                                }
                            }
                            _ => html! {
                                <tr class="pending">
                                    <th scope="row"><code>{ name }</code>{ where_ }</th>
                                    <td colspan={(if per_child { names.len() } else { 1 } + 3).to_string()} role="status">{ pending_text(*combinator) }</td>
                                </tr>
                            },
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
