//! How wide a box is, in CSS pixels, kept up to date as the window is resized: what the
//! timeline lays itself out for.

use gloo_events::EventListener;
use web_sys::Element;
use yew::prelude::*;

/// The width of the element `node` refers to; 0 until it is on the page. Only a change of
/// whole pixels re-renders.
#[hook]
pub fn use_box_width(node: NodeRef) -> f64 {
    let width = use_state_eq(|| 0.0_f64);
    use_effect_with((), {
        let setter = width.setter();
        move |_| {
            let measure = move || {
                if let Some(element) = node.cast::<Element>() {
                    setter.set(f64::from(element.client_width()));
                }
            };
            measure();
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "resize", move |_| measure()));
            move || drop(listener)
        }
    });
    *width
}
