//! The panels that come later (Compare and explore, the code, the JSON import and export):
//! their module started once the page is drawn, told of every change of the scenario, where
//! they are, and what is pasted into them.

use crate::ui::services::panels::{
    self, PanelsStatus, PANELS_FAILED, PANELS_MOUNTED, SCENARIO_PASTED,
};
use gather_playground::scenario::Scenario;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long after the page is drawn the panels' module is asked for: the page's own first
/// renders, its first layout and a visitor's first edits go first. Compiling and mounting
/// the panels is a few busy tasks; begun at 200 ms, they slowed those first edits enough
/// that one typed just before a reload was sometimes not yet saved.
const START_AFTER_MS: u32 = 1_000;

/// The panels' status, and a callback that starts their module again after a failure.
/// `scenario` is what they show (`None` while the draft has fields to fix); `on_pasted` is
/// called with a scenario pasted into the JSON panel, to load.
#[hook]
pub fn use_panels(
    scenario: Option<Rc<Scenario>>,
    on_pasted: Callback<Rc<Scenario>>,
) -> (PanelsStatus, Callback<()>) {
    let status = use_state_eq(|| PanelsStatus::Loading);
    use_effect_with(scenario, |scenario| panels::publish(scenario.clone()));
    let start = {
        let status = status.clone();
        use_callback((), move |(), _| {
            status.set(PanelsStatus::Loading);
            panels::start();
        })
    };
    {
        let (status, start) = (status.clone(), start.clone());
        // Once: the page's `on_pasted` is made once too (it only dispatches).
        use_effect_with((), move |()| {
            let document = web_sys::window().and_then(|window| window.document());
            let listeners = document.map(|document| {
                let failed = status.clone();
                [
                    EventListener::new(&document, PANELS_MOUNTED, move |_| {
                        status.set(PanelsStatus::Mounted)
                    }),
                    EventListener::new(&document, PANELS_FAILED, move |_| {
                        failed.set(PanelsStatus::Failed)
                    }),
                    EventListener::new(&document, SCENARIO_PASTED, move |event| {
                        let text = event
                            .dyn_ref::<web_sys::CustomEvent>()
                            .and_then(|event| event.detail().as_string());
                        // The panel loaded it with the same parser before handing it over:
                        // text that does not load again is not the panel's, and is ignored.
                        if let Some(Ok(scenario)) = text.map(|text| Scenario::from_json(&text)) {
                            on_pasted.emit(Rc::new(scenario));
                        }
                    }),
                ]
            });
            let timer = Timeout::new(START_AFTER_MS, move || start.emit(()));
            move || drop((listeners, timer))
        });
    }
    (*status, start)
}
