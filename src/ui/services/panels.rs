//! The page's panels that come later: Compare and explore, the code, and the JSON import
//! and export (`src/panels/`, a wasm module of their own, so that the page's first load is
//! the rest of the page alone).
//!
//! The page starts their module once it is drawn; they mount into three empty slots the
//! page draws for them and take the scenario from the page: the page tells them, by an event
//! on `document`, when the scenario changed, and they ask for its JSON when they need it (a
//! big scenario's is megabytes: it is written only when asked). A scenario pasted into the
//! JSON panel comes back to the page by an event too. Both sides use the names below, so
//! that they cannot disagree.

use gather_playground::scenario::{json_text, Scenario};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The element the explore panel is mounted in.
pub const EXPLORE_SLOT: &str = "explore-slot";
/// The element the code panel is mounted in.
pub const CODE_SLOT: &str = "code-slot";
/// The element the JSON panel is mounted in, under the editor.
pub const JSON_SLOT: &str = "json-slot";
/// The event on `document` that says the scenario changed: a `CustomEvent` whose detail is
/// its number of nodes, or `null` while the draft has fields to fix.
pub const SCENARIO_CHANGED: &str = "gather-playground-scenario-changed";
/// The page's function on `globalThis`: the scenario's JSON text, or `null` while the draft
/// has fields to fix.
pub const SCENARIO_TEXT: &str = "__gatherPlaygroundScenarioText";
/// The event on `document` by which the JSON panel hands the page a scenario pasted into
/// it: a `CustomEvent` whose detail is the JSON text, which the panel found to load.
pub const SCENARIO_PASTED: &str = "gather-playground-scenario-pasted";
/// The event on `document` by which the panels say they are mounted.
pub const PANELS_MOUNTED: &str = "gather-playground-panels-mounted";

/// The event on `document` that says the panels' module did not load.
pub const PANELS_FAILED: &str = "gather-playground-panels-failed";

/// The panels' loader, beside the page (`www/panels-start.js`).
const LOADER_URL: &str = "./panels-start.js";

/// Where the panels' module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelsStatus {
    /// Asked for, not mounted yet.
    Loading,
    /// Mounted in their slots.
    Mounted,
    /// It did not load (offline, say): the page offers to try again.
    Failed,
}

thread_local! {
    /// The scenario the panels are given when they ask: the page's latest valid one.
    static SHOWN: RefCell<Option<Rc<Scenario>>> = const { RefCell::new(None) };
    /// The function the panels call, made once and kept for the page's life.
    static ANSWER: RefCell<Option<Closure<dyn Fn() -> JsValue>>> = const { RefCell::new(None) };
}

/// The scenario the panels see from now on (`None` while the draft has fields to fix); they
/// are told it changed.
pub fn publish(scenario: Option<Rc<Scenario>>) {
    let nodes = scenario.as_ref().map_or(JsValue::NULL, |scenario| {
        (scenario.node_count() as f64).into()
    });
    SHOWN.with(|shown| *shown.borrow_mut() = scenario);
    ANSWER.with(|answer| {
        if answer.borrow().is_none() {
            let function = Closure::<dyn Fn() -> JsValue>::new(|| {
                // The borrow ends before the text is handed over.
                let scenario = SHOWN.with(|shown| shown.borrow().clone());
                scenario.map_or(JsValue::NULL, |scenario| {
                    json_text(&scenario.to_value()).into()
                })
            });
            js_sys::Reflect::set(&js_sys::global(), &SCENARIO_TEXT.into(), function.as_ref()).ok();
            *answer.borrow_mut() = Some(function);
        }
    });
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&nodes);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SCENARIO_CHANGED, &init) {
            document.dispatch_event(&event).ok();
        }
    }
}

/// Loads and starts the panels' module. That they are mounted comes as [`PANELS_MOUNTED`];
/// that they did not load, as [`PANELS_FAILED`].
pub fn start() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    script
        .set_attribute("data-failed-event", PANELS_FAILED)
        .ok();
    script.set_attribute("src", LOADER_URL).ok();
    let failed = Closure::once_into_js({
        let document = document.clone();
        move || {
            if let Ok(event) = web_sys::Event::new(PANELS_FAILED) {
                document.dispatch_event(&event).ok();
            }
        }
    });
    script
        .add_event_listener_with_callback("error", failed.unchecked_ref())
        .ok();
    if let Some(head) = document.head() {
        head.append_child(&script).ok();
    }
}
