//! Shuffled runs: result order, completion orders, whose exception won.

use crate::model::{shuffle_heading, shuffle_lines};
use gather_playground::explore::ShuffleSummary;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShuffleSummaryProps {
    pub summary: ShuffleSummary,
    /// The root's children's names, in argument order.
    pub names: Rc<Vec<String>>,
}

#[function_component(ShuffleSummaryView)]
pub fn shuffle_summary(props: &ShuffleSummaryProps) -> Html {
    html! {
        <section class="shuffled" aria-label="Shuffled runs">
            <h3>{ shuffle_heading(&props.summary) }</h3>
            <ul>
                { for shuffle_lines(&props.summary, &props.names).into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </section>
    }
}
