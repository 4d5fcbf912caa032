//! A labelled checkbox that reports its new state.

use web_sys::HtmlInputElement;
use yew::prelude::*;

pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    /// Ticked (true) or cleared.
    pub on_changed: Callback<bool>,
}

/// The checkbox (a function, not a component: see `mod.rs`).
pub fn checkbox(props: &CheckboxProps) -> Html {
    let on_change = props.on_changed.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.checked()
    });
    html! {
        <label class="check" for={props.id.clone()}>
            <input id={props.id.clone()} type="checkbox" checked={props.checked} onchange={on_change} />
            { props.label.clone() }
        </label>
    }
}
