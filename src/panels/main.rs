//! The page's panels that come later: Compare and explore, the code, and the JSON import and
//! export. A wasm module of their own, which the page starts once it is drawn
//! (`src/ui/services/panels.rs`), so that the page's first load is the rest of the page
//! alone: these panels and what only they use (the page's worker and the messages to it,
//! Compare's table and wording, the JSON written out in full) were a tenth of it.
//!
//! Laid out as the page is: `model/` (their logic, tested natively), `components/`,
//! `hooks/`, `services/` (the worker; the page, whose scenario they show).

// The page's own tree, for what the panels share with it: the words for a status, a name or
// a number, the browser's clipboard and files, the names of the slots and events. The rest
// of it (the page's components) comes along unused, and the link leaves it out; natively,
// its model's unit tests run here too, as they do in the page's binary.
#[path = "../ui/mod.rs"]
#[allow(dead_code, unused_imports)]
mod ui;

// Natively only the model's tests use it: the panels themselves are wasm32.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod model;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod services;

#[cfg(target_arch = "wasm32")]
fn main() {
    use components::{PanelsApp, PanelsAppProps};
    use ui::services::panels::{CODE_SLOT, EXPLORE_SLOT, JSON_SLOT};

    let document = web_sys::window().and_then(|window| window.document());
    let slots = document.and_then(|document| {
        Some((
            document.get_element_by_id(EXPLORE_SLOT)?,
            document.get_element_by_id(CODE_SLOT)?,
            document.get_element_by_id(JSON_SLOT)?,
        ))
    });
    // Started by a page without the slots (which the page always draws): nothing to do.
    let Some((explore_slot, code_slot, json_slot)) = slots else {
        return;
    };
    let props = PanelsAppProps {
        code_slot,
        json_slot,
    };
    yew::Renderer::<PanelsApp>::with_root_and_props(explore_slot, props).render();
    services::page::say_mounted();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the playground's panels are part of its web page: run `make serve`");
}
