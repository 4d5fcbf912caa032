//! A labelled text input with its error beside it, in words.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Default)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub error: Option<String>,
    /// Shown while it is empty (empty: nothing).
    pub placeholder: AttrValue,
    /// `numeric` brings up a number pad on phones while keeping whatever is typed.
    pub inputmode: AttrValue,
    /// Its tooltip (empty: none).
    pub hint: AttrValue,
    pub on_input: Callback<String>,
}

/// The field (a function, not a component: see `mod.rs`).
pub fn text_field(props: &TextFieldProps) -> Html {
    let on_input = props.on_input.reform(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.value()
    });
    let error_id = format!("{}-error", props.id);
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                type="text"
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                inputmode={(!props.inputmode.is_empty()).then(|| props.inputmode.clone())}
                title={(!props.hint.is_empty()).then(|| props.hint.clone())}
                spellcheck="false"
                autocomplete="off"
                aria-invalid={props.error.is_some().to_string()}
                aria-describedby={props.error.is_some().then(|| error_id.clone())}
                oninput={on_input}
            />
            if let Some(error) = &props.error {
                <span id={error_id} class="field-error">{ error.clone() }</span>
            }
        </div>
    }
}
