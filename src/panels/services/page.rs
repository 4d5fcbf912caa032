//! The page the panels are mounted in (`crate::ui::services::panels` is its side, and names
//! what both use): the scenario it holds, read when it changed, a scenario pasted for it to
//! load, and word that the panels are mounted.

use crate::ui::services::panels::{
    PANELS_MOUNTED, SCENARIO_CHANGED, SCENARIO_PASTED, SCENARIO_TEXT,
};
use gather_playground::scenario::Scenario;
use gloo_events::EventListener;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// The page's scenario now: `None` while its draft has fields to fix (and, were the page's
/// text ever not to read back, then too: the panels say to fix the fields rather than fail).
pub fn scenario() -> Option<Rc<Scenario>> {
    let text = js_sys::Reflect::get(&js_sys::global(), &SCENARIO_TEXT.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&JsValue::UNDEFINED)
        .ok()?
        .as_string()?;
    Scenario::from_json(&text).ok().map(Rc::new)
}

/// Calls `on_changed` with the scenario's number of nodes (`None` while the draft has fields
/// to fix) whenever the page's scenario changes, until the listener is dropped.
pub fn on_scenario_changed(
    mut on_changed: impl FnMut(Option<f64>) + 'static,
) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    Some(EventListener::new(
        &document,
        SCENARIO_CHANGED,
        move |event| {
            let nodes = event
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|event| event.detail().as_f64());
            on_changed(nodes)
        },
    ))
}

/// Hands the page a scenario's JSON text to load into its editor (the JSON panel has found
/// that it loads).
pub fn load_pasted(text: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&text.into());
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SCENARIO_PASTED, &init) {
            document.dispatch_event(&event).ok();
        }
    }
}

/// Tells the page the panels are mounted.
pub fn say_mounted() {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        if let Ok(event) = web_sys::Event::new(PANELS_MOUNTED) {
            document.dispatch_event(&event).ok();
        }
    }
}
