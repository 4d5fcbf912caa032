//! Import and export the scenario as JSON.

use super::browser;
use super::state::{Action, Notice};
use super::text_head::{text_head, TextHead};
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JsonPanelProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
    pub text: String,
    pub error: Option<String>,
    pub on_action: Callback<Action>,
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
    let on_input = props.on_action.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        Action::SetJsonText(area.value())
    });
    let on_load = {
        let on_action = props.on_action.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| match Scenario::from_json(&text) {
            Ok(scenario) => on_action.emit(Action::LoadScenario(
                scenario,
                Some(Notice {
                    text: "Loaded the pasted scenario.".into(),
                    is_error: false,
                }),
            )),
            Err(error) => on_action.emit(Action::SetJsonError(Some(error.to_string()))),
        })
    };
    let on_download = {
        let exported = exported.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = &exported {
                if let Err(problem) = browser::download("scenario.json", text) {
                    on_action.emit(Action::SetNotice(Some(Notice {
                        text: problem,
                        is_error: true,
                    })));
                }
            }
        })
    };
    let on_copy = {
        let exported = exported.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = exported.clone() {
                let on_action = on_action.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let notice = if browser::copy(&text).await {
                        Notice {
                            text: "Copied the scenario's JSON.".into(),
                            is_error: false,
                        }
                    } else {
                        Notice {
                            text:
                                "The browser would not copy; select the JSON and copy it by hand."
                                    .into(),
                            is_error: true,
                        }
                    };
                    on_action.emit(Action::SetNotice(Some(notice)));
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
