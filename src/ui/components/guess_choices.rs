//! "Predict first": the outcomes to pick from while the prediction is hidden.

use crate::ui::model::Choice;
use std::rc::Rc;
use yew::prelude::*;

/// What the choices are drawn from.
pub struct GuessChoicesProps {
    pub choices: Rc<Vec<Choice>>,
    /// The root gather's, which the choices' words follow.
    pub return_exceptions: bool,
    /// The learner picked this: reveal the prediction.
    pub on_picked: Callback<Choice>,
}

/// The choices (a function, not a component: see `mod.rs`).
pub fn guess_choices(props: &GuessChoicesProps) -> Html {
    html! {
        <div class="guess" role="group" aria-labelledby="guess-heading">
            <h3 id="guess-heading">{ "Predict first: what will " }<code>{ "await gather(…)" }</code>{ " do?" }</h3>
            <p class="hint">{ "Pick one to see the prediction and whether you were right. Run shows the real run without a guess." }</p>
            <ul class="guess-choices">
                { for props.choices.iter().map(|choice| {
                    let picked = choice.clone();
                    let on_click = props.on_picked.reform(move |_: MouseEvent| picked.clone());
                    html! { <li><button onclick={on_click}>{ choice.words(props.return_exceptions) }</button></li> }
                }) }
            </ul>
        </div>
    }
}
