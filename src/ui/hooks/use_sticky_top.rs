//! Keeps the page told how tall its sticky toolbar is, so that a control focused by Tab or
//! Shift+Tab is scrolled clear of it.

use crate::ui::services::browser;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ResizeObserver};
use yew::prelude::*;

/// Watches the element `sticky` refers to and sets the page's `--sticky-top` to its height
/// whenever that changes (a message, a preset's note, a narrower window wrapping its row).
/// A `ResizeObserver`, not a measure on every render: measuring would lay out the page
/// (a big editor's thousands of fields with it) each time the toolbar redraws.
#[hook]
pub fn use_sticky_top(sticky: NodeRef) {
    use_effect_with((), move |_| {
        let element = sticky.cast::<HtmlElement>();
        let watched = element.clone();
        let on_resized = Closure::<dyn FnMut()>::new(move || {
            if let Some(element) = &watched {
                browser::set_sticky_top(element.offset_height());
            }
        });
        let observer = ResizeObserver::new(on_resized.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(element)) = (&observer, &element) {
            observer.observe(element);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(on_resized);
        }
    });
}
