//! Compare's table: each combinator's outcome, when, each child's end, and why.

use crate::ui::model::{
    caption, differs, fate_text, fates_summary, outcome_text, pending_text, run_on, why,
    CHILD_COLUMNS_UP_TO,
};
use gather_playground::explore::{Combinator, Comparison};
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareTableProps {
    pub scenario: Rc<Scenario>,
    /// In [`Combinator::ALL`] order; `None` while that row's run is in flight.
    pub rows: Vec<Option<Comparison>>,
    /// The root's children's names, in argument order.
    pub names: Rc<Vec<String>>,
}

#[function_component(CompareTable)]
pub fn compare_table(props: &CompareTableProps) -> Html {
    let gather = props.rows.first().cloned().flatten();
    let names = &props.names;
    // A column per child reads well for a handful; beyond that, each row counts its children.
    let per_child = names.len() <= CHILD_COLUMNS_UP_TO;
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
                            <th scope="col">{ format!("{} children", names.len()) }</th>
                        }
                        <th scope="col">{ "Why" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for Combinator::ALL.iter().zip(&props.rows).map(|(combinator, row)| {
                        let name = combinator.name();
                        let where_ = html! { <span class="row-note">{ run_on(*combinator) }</span> };
                        match (row, &gather) {
                            (Some(row), Some(gather)) => {
                                let differs = differs(row, gather);
                                html! {
                                    <tr class={classes!(differs.then_some("differs"))}>
                                        <th scope="row"><code>{ name }</code>{ if differs { " ≠" } else { "" } }{ where_ }</th>
                                        <td>{ outcome_text(row, names) }
                                            if !row.errors.is_empty() {
                                                <ul class="group-errors">
                                                    { for row.errors.iter().map(|error| html! { <li>{ error.to_string() }</li> }) }
                                                </ul>
                                            }
                                        </td>
                                        <td class="num">{ format!("{} ms", row.done_at_ms) }</td>
                                        if per_child {
                                            { for row.children.iter().map(|fate| html! { <td class="num fate">{ fate_text(fate) }</td> }) }
                                        } else {
                                            <td class="fate">{ fates_summary(&row.children) }</td>
                                        }
                                        <td class="why">{ why(row, &props.scenario, gather) }</td>
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
