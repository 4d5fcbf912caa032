//! Ctrl/⌘+Z and Shift+Ctrl/⌘+Z (and Ctrl+Y) anywhere on the page, and a field left ending
//! its burst of typing.
//!
//! On the document, not on the app's element: with nothing focused (after a click on the
//! page's background) the keys reach only the body.

use crate::ui::model::{
    browser_answers, history_key, Action, History, HistoryAction, KeyPlace, State,
};
use gloo_events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// Where the key press landed: a text field of the editor, another text field, or the page.
fn place_of(target: Option<web_sys::EventTarget>) -> KeyPlace {
    let Some(element) = target.and_then(|target| target.dyn_into::<Element>().ok()) else {
        return KeyPlace::Page;
    };
    let text = match element.dyn_ref::<HtmlInputElement>() {
        Some(input) => matches!(input.type_().as_str(), "text" | "search" | "number" | ""),
        None => element
            .dyn_ref::<HtmlTextAreaElement>()
            .is_some_and(|area| !area.read_only()),
    };
    match (text, element.closest(".editor").ok().flatten().is_some()) {
        (false, _) => KeyPlace::Page,
        (true, true) => KeyPlace::EditorText,
        (true, false) => KeyPlace::OtherText,
    }
}

#[hook]
pub fn use_history_keys(dispatcher: UseReducerDispatcher<State>, history: Rc<History>) {
    // The listeners are made once; they read the history of the latest render.
    let latest = use_mut_ref(|| Rc::clone(&history));
    *latest.borrow_mut() = history;
    use_effect_with((), move |()| {
        let listeners = web_sys::window()
            .and_then(|window| window.document())
            .map(|document| listen(&document, latest, dispatcher));
        move || drop(listeners)
    });
}

fn listen(
    document: &web_sys::Document,
    latest: Rc<std::cell::RefCell<Rc<History>>>,
    dispatcher: UseReducerDispatcher<State>,
) -> (EventListener, EventListener) {
    let keys = {
        let (latest, dispatcher) = (latest.clone(), dispatcher.clone());
        EventListener::new_with_options(
            document,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let Some(action) = history_key(
                    &event.key(),
                    event.ctrl_key(),
                    event.meta_key(),
                    event.shift_key(),
                    event.alt_key(),
                ) else {
                    return;
                };
                let place = place_of(event.target());
                // Read and let go before dispatching: the render it causes writes it.
                let browsers = browser_answers(place, &latest.borrow(), action);
                if !browsers {
                    event.prevent_default();
                    dispatcher.dispatch(Action::History(action));
                }
            },
        )
    };
    let left = EventListener::new(document, "focusout", move |_| {
        let typing = latest.borrow().typing();
        if typing {
            dispatcher.dispatch(Action::History(HistoryAction::Seal));
        }
    });
    (keys, left)
}
