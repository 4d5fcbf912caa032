//! "Predict first": whether the pick was right, what happened and why.

use crate::ui::model::Verdict;
use crate::ui::services::browser;
use yew::prelude::*;

/// What the verdict tells.
pub struct GuessVerdictProps {
    pub verdict: Verdict,
    /// The why of the outcome's own event, with its rules, once the prediction is explained.
    pub why: Option<String>,
    /// "Guess again": hide the prediction until the next pick.
    pub on_again: Callback<()>,
}

/// The verdict (a function, not a component: see `mod.rs`).
pub fn guess_verdict(props: &GuessVerdictProps) -> Html {
    let verdict = &props.verdict;
    // To the outcome's whole chain of causes, and to the rules: focus moves there.
    let go = |id: &'static str| {
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            browser::focus_region(id);
        })
    };
    html! {
        <div class={classes!("verdict", if verdict.right { "right" } else { "wrong" })} role="status">
            <p class="verdict-head"><strong>{ verdict.head.clone() }</strong></p>
            <p>{ verdict.outcome.clone() }</p>
            if let Some(lesson) = verdict.lesson {
                <p>{ "The rule: " }{ lesson }</p>
            }
            if let Some(why) = &props.why {
                <p class="why">{ "Why: " }{ why.clone() }</p>
            }
            <p class="verdict-links">
                <a href="#outcome-why-toggle" onclick={go("outcome-why-toggle")}>{ "Why this outcome, step by step" }</a>
                <a href="#why-heading" onclick={go("why-heading")}>{ "The rules and the myths" }</a>
                <button class="small" onclick={props.on_again.reform(|_: MouseEvent| ())}>{ "Guess again" }</button>
            </p>
        </div>
    }
}
