//! How wide a box is, in CSS pixels, kept up to date as it is resized (by the window, or by
//! the layout around it): what the timeline lays itself out for.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

/// The width of the element `node` refers to, without its scroll bar; 0 until it is on the
/// page. Only a change of whole pixels re-renders.
#[hook]
pub fn use_box_width(node: NodeRef) -> f64 {
    let width = use_state_eq(|| 0.0_f64);
    use_effect_with((), {
        let setter = width.setter();
        move |_| {
            // A resize observer reports the box once at once, then on every change of size.
            let watching = node.cast::<Element>().and_then(|element| {
                let target = element.clone();
                let on_resize = Closure::<dyn FnMut()>::new(move || {
                    setter.set(f64::from(target.client_width()));
                });
                let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _on_resize)) = watching {
                    observer.disconnect();
                }
            }
        }
    });
    *width
}
