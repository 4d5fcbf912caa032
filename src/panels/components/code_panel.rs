//! The scenario as code, a tab each: the Python program a person would write first, the
//! instrumented one that checks the playground against CPython second, then Rust using
//! this crate; each copied or downloaded whole. The page's worker writes them.

use crate::hooks::{use_generated_code, CodeState};
use crate::model::text_head;
use crate::model::{Program, ProgramWords};
use crate::services::files;
use crate::ui::services::browser;
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
}

#[function_component(CodePanel)]
pub fn code_panel(props: &CodePanelProps) -> Html {
    let program = use_state(|| Program::Python);
    let said = use_state(|| None::<String>);
    let panel = use_node_ref();
    let code = use_generated_code(props.scenario.clone(), *program, panel.clone());
    if props.scenario.is_none() {
        return html! {
            <p ref={panel} class="placeholder">{ "Fix the fields marked in red to see the code." }</p>
        };
    }
    let text = match code {
        CodeState::Ready(text) => Ok(text),
        CodeState::NotInView | CodeState::Writing => Err("Writing the code…".to_owned()),
        CodeState::Failed(error) => Err(format!("No code: {error}.")),
    };
    shown(&program, &said, panel, text)
}

/// The tabs, the buttons and `program`'s text, or what stands in for it meanwhile (the
/// tabs stay, and with them the focus of a tab just chosen).
fn shown(
    program: &UseStateHandle<Program>,
    said: &UseStateHandle<Option<String>>,
    panel: NodeRef,
    text: Result<Rc<str>, String>,
) -> Html {
    let (text, waiting) = match text {
        Ok(text) => (text, None),
        Err(placeholder) => (Rc::from(""), Some(placeholder)),
    };
    let tab = |this: Program| {
        let (program, said) = (program.clone(), said.clone());
        let selected = *program == this;
        html! {
            <button role="tab" id={this.id()} aria-selected={selected.to_string()}
                aria-controls="code-view"
                onclick={Callback::from(move |_: MouseEvent| { program.set(this); said.set(None); })}>
                { this.tab() }
            </button>
        }
    };
    let on_copy = {
        let (said, text) = (said.clone(), Rc::clone(&text));
        Callback::from(move |_: MouseEvent| {
            let (said, text) = (said.clone(), Rc::clone(&text));
            wasm_bindgen_futures::spawn_local(async move {
                said.set(Some(if browser::copy(&text).await {
                    "Copied.".to_owned()
                } else {
                    "The browser would not copy: select the code and copy it by hand.".to_owned()
                }));
            });
        })
    };
    let file_name = program.file_name();
    let on_download = {
        let (said, text) = (said.clone(), Rc::clone(&text));
        Callback::from(move |_: MouseEvent| {
            said.set(files::download(file_name, &text).err());
        })
    };
    let head = text_head(&text);
    html! {
        <div ref={panel} class="code">
            <div class="code-tabs">
                <div role="tablist" aria-label="Program" class="code-tabs">
                    { for Program::ALL.into_iter().map(tab) }
                </div>
                <button onclick={on_copy} disabled={waiting.is_some()}
                    aria-label={format!("Copy the code: {}", program.tab())}>{ "Copy" }</button>
                <button onclick={on_download} disabled={waiting.is_some()}>{ format!("Download {file_name}") }</button>
                <span role="status" class="hint">{ (**said).clone().unwrap_or_default() }</span>
            </div>
            <p class="hint">{ program.hint() }</p>
            if let Some(note) = &head.note {
                <p class="hint">{ format!("{note} Copy and Download give all of it.") }</p>
            }
            <pre id="code-view" class="code-block" role="tabpanel" aria-labelledby={program.id()} tabindex="0"
                aria-busy={waiting.is_some().to_string()}>
                <code>{ waiting.unwrap_or_else(|| head.shown.to_string()) }</code>
            </pre>
        </div>
    }
}
