//! Sequential against concurrent: total times side by side.

use crate::model::sequential_sentence;
use gather_playground::explore::SequentialTotals;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SequentialSummaryProps {
    pub totals: SequentialTotals,
    /// The root's children's names, in argument order.
    pub names: Rc<Vec<String>>,
    /// That the scenario's cancel times are left out, when it has some.
    #[prop_or_default]
    pub cancel_note: Option<&'static str>,
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
                if let Some(note) = props.cancel_note { <span class="muted">{ " " }{ note }</span> }</p>
        </section>
    }
}
