//! Import and export the scenario as JSON, under the page's editor. What is pasted and
//! loads goes to the page, whose editor it replaces (one step of its history, as a preset
//! is); JSON that does not load stays in the box, with what is wrong with it.

use crate::model::PasteBox;
use crate::model::{text_head, TextHead};
use crate::services::files;
use crate::services::page;
use crate::ui::services::browser;
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JsonPanelProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
}

#[function_component(JsonPanel)]
pub fn json_panel(props: &JsonPanelProps) -> Html {
    let paste = use_state(PasteBox::default);
    // What a copy or a download came to.
    let said = use_state(|| None::<String>);
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
    let on_input = {
        let paste = paste.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            paste.set(PasteBox::typed(area.value()));
        })
    };
    let on_load = {
        let paste = paste.clone();
        Callback::from(move |_: MouseEvent| match paste.load() {
            Ok(_) => page::load_pasted(&paste.text),
            Err(refused) => paste.set(refused),
        })
    };
    let on_download = {
        let (exported, said) = (exported.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = &exported {
                said.set(files::download("scenario.json", text).err());
            }
        })
    };
    let on_copy = {
        let (exported, said) = (exported.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = exported.clone() {
                let said = said.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    said.set(Some(if browser::copy(&text).await {
                        "Copied the scenario's JSON.".to_owned()
                    } else {
                        "The browser would not copy; select the JSON and copy it by hand."
                            .to_owned()
                    }));
                });
            }
        })
    };
    let error = paste.error.clone();
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
                        <span role="status" class="hint">{ (*said).clone().unwrap_or_default() }</span>
                    </div>
                </div>
                <div>
                    <label for="json-import">{ "Paste a scenario" }</label>
                    <textarea id="json-import" rows="10" spellcheck="false" value={paste.text.clone()} oninput={on_input}
                        placeholder={r#"{"version": 1, "children": [...]}"#}
                        aria-invalid={error.is_some().to_string()}
                        aria-describedby={error.is_some().then_some("json-import-error")} />
                    if let Some(error) = error {
                        <p id="json-import-error" class="field-error" role="alert">{ error }</p>
                    }
                    <div class="button-row">
                        <button onclick={on_load} disabled={!paste.can_load()}>{ "Load JSON" }</button>
                    </div>
                </div>
            </div>
        </details>
    }
}
