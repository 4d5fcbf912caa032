//! The scenario as a Python asyncio program and as Rust using this crate.

use crate::ui::hooks::{use_generated_code, CodeState};
use crate::ui::model::text_head;
use crate::ui::services::browser;
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Language {
    Python,
    Rust,
}

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
}

#[function_component(CodePanel)]
pub fn code_panel(props: &CodePanelProps) -> Html {
    let language = use_state(|| Language::Python);
    let copied = use_state(|| None::<&'static str>);
    let panel = use_node_ref();
    let code = use_generated_code(props.scenario.clone(), panel.clone());
    let code = match (&props.scenario, code) {
        (None, _) => Err("Fix the fields marked in red to see the code.".to_owned()),
        (Some(_), CodeState::Ready(code)) => Ok(code),
        (Some(_), CodeState::NotInView | CodeState::Writing) => Err("Writing the code…".to_owned()),
        (Some(_), CodeState::Failed(error)) => Err(format!("No code: {error}.")),
    };
    let code = match code {
        Ok(code) => code,
        Err(placeholder) => {
            return html! { <p ref={panel} class="placeholder" role="status">{ placeholder }</p> }
        }
    };
    let (text, how) = match *language {
        Language::Python => (
            code.python.clone(),
            "Runs unchanged on CPython 3.11+: python3 scenario.py. Its last line is the outcome.",
        ),
        Language::Rust => (
            code.rust.clone(),
            "A main() using this crate's API on a virtual clock; it prints the same outcome line.",
        ),
    };
    let tab = |this: Language, name: &'static str| {
        let language = language.clone();
        let copied = copied.clone();
        let selected = *language == this;
        html! {
            <button role="tab" id={format!("tab-{name}")} aria-selected={selected.to_string()}
                aria-controls="code-view"
                onclick={Callback::from(move |_: MouseEvent| { language.set(this); copied.set(None); })}>
                { name }
            </button>
        }
    };
    let on_copy = {
        let copied = copied.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(if browser::copy(&text).await {
                    "Copied."
                } else {
                    "The browser would not copy: select the code and copy it by hand."
                }));
            });
        })
    };
    let head = text_head(&text);
    let selected_tab = match *language {
        Language::Python => "tab-Python",
        Language::Rust => "tab-Rust",
    };
    html! {
        <div ref={panel} class="code">
            <div class="code-tabs">
                <div role="tablist" aria-label="Language" class="code-tabs">
                    { tab(Language::Python, "Python") }
                    { tab(Language::Rust, "Rust") }
                </div>
                <button onclick={on_copy} aria-label="Copy the code">{ "Copy" }</button>
                <span role="status" class="hint">{ copied.unwrap_or_default() }</span>
            </div>
            <p class="hint">{ how }</p>
            if let Some(note) = &head.note {
                <p class="hint">{ format!("{note} Copy gives all of it.") }</p>
            }
            <pre id="code-view" class="code-block" role="tabpanel" aria-labelledby={selected_tab} tabindex="0"><code>{ head.shown.to_string() }</code></pre>
        </div>
    }
}
