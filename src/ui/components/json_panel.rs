//! Import and export the scenario as JSON.

use crate::ui::model::{text_head, Notice, TextHead};
use crate::ui::services::browser;
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JsonPanelProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
    /// What is typed in the paste box, and why it would not load.
    pub text: String,
    pub error: Option<String>,
    pub on_text_typed: Callback<String>,
    /// "Load JSON" was pressed.
    pub on_load_pressed: Callback<()>,
    /// A copy or a download went well or not.
    pub on_notice: Callback<Notice>,
}

#[function_component(JsonPanel)]
pub fn json_panel(props: &JsonPanelProps) -> Html {
    // Written once per scenario, with the part shown, not on every render (typing in the
    // paste box renders this too, and a big scenario is megabytes of JSON).
    let memo = use_memo(props.scenario.clone(), |scenario| {
        let json = scenario
            .as_ref()
            .and_then(|scenario| serde_json::to_string_pretty(&scenario.to_value()).ok())?;
        let TextHead { shown, note } = text_head(&json);
        let shown = AttrValue::from(shown.into_owned());
        let cut_note = note.map(|note| format!("{note} Copy JSON and Download give all of it."));
        Some((Rc::new(json), shown, cut_note))
    });
    let exported = memo.as_ref().as_ref().map(|(json, _, _)| Rc::clone(json));
    let shown = memo.as_ref().as_ref().map(|(_, shown, _)| shown.clone());
    let cut_note = memo.as_ref().as_ref().and_then(|(_, _, note)| note.clone());
    let on_input = props.on_text_typed.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        area.value()
    });
    let on_load = props.on_load_pressed.reform(|_: MouseEvent| ());
    let on_download = {
        let (exported, on_notice) = (exported.clone(), props.on_notice.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = &exported {
                if let Err(problem) = browser::download("scenario.json", text) {
                    on_notice.emit(Notice::error(problem));
                }
            }
        })
    };
    let on_copy = {
        let (exported, on_notice) = (exported.clone(), props.on_notice.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = exported.clone() {
                let on_notice = on_notice.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    on_notice.emit(if browser::copy(&text).await {
                        Notice::info("Copied the scenario's JSON.")
                    } else {
                        Notice::error(
                            "The browser would not copy; select the JSON and copy it by hand.",
                        )
                    });
                });
            }
        })
    };
    html! {
        <details class="json-panel">
            <summary>{ "Import / export JSON" }</summary>
            <div class="json-columns">
                <div>
                    <label for="json-export">{ "This scenario" }</label>
                    <textarea id="json-export" readonly=true rows="10"
                        aria-describedby={cut_note.is_some().then_some("json-export-note")}
                        value={shown.unwrap_or_else(|| AttrValue::from("Fix the fields marked in red to export."))} />
                    if let Some(note) = cut_note {
                        <p id="json-export-note" class="hint">{ note }</p>
                    }
                    <div class="button-row">
                        <button onclick={on_copy} disabled={exported.is_none()}>{ "Copy JSON" }</button>
                        <button onclick={on_download} disabled={exported.is_none()}>{ "Download scenario.json" }</button>
                    </div>
                </div>
                <div>
                    <label for="json-import">{ "Paste a scenario" }</label>
                    <textarea id="json-import" rows="10" spellcheck="false" value={props.text.clone()} oninput={on_input}
                        placeholder={r#"{"version": 1, "children": [...]}"#}
                        aria-invalid={props.error.is_some().to_string()}
                        aria-describedby={props.error.is_some().then_some("json-import-error")} />
                    if let Some(error) = &props.error {
                        <p id="json-import-error" class="field-error" role="alert">{ error.clone() }</p>
                    }
                    <div class="button-row">
                        <button onclick={on_load} disabled={props.text.trim().is_empty()}>{ "Load JSON" }</button>
                    </div>
                </div>
            </div>
        </details>
    }
}
