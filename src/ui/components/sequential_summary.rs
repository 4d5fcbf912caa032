//! Sequential against concurrent: total times side by side.

use crate::ui::model::sequential_sentence;
use gather_playground::explore::SequentialTotals;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequentialSummaryProps {
    pub totals: SequentialTotals,
    /// The root's children's names, in argument order.
    pub names: Rc<Vec<String>>,
}

#[function_component(SequentialSummary)]
pub fn sequential_summary(props: &SequentialSummaryProps) -> Html {
    let totals = &props.totals;
    html! {
        <section class="sequential" aria-label="Sequential against concurrent">
            <h3>{ "Sequential against concurrent" }</h3>
            <dl class="totals">
                <dt>{ "for child in children: await child" }</dt><dd class="num">{ format!("{} ms", totals.sequential_ms) }</dd>
                <dt>{ "await asyncio.gather(*children)" }</dt><dd class="num">{ format!("{} ms", totals.concurrent_ms) }</dd>
            </dl>
            <p>{ sequential_sentence(totals, &props.names) }
                <span class="muted">{ " Without the cancel times, which count from the start." }</span></p>
        </section>
    }
}
