//! Which part of a long list is on screen (see the model's `span.rs`), measured as the page
//! scrolls.

use crate::ui::model::VisibleSpan;
use gloo_events::{EventListener, EventListenerOptions};
use web_sys::Element;
use yew::prelude::*;

/// How far past the visible edges rows are still rendered, in CSS pixels: scrolling a little
/// shows rows already there.
const MARGIN_PX: f64 = 600.0;
/// The visible span is rounded out to this, so scrolling re-renders only every so often.
const STEP_PX: f64 = 300.0;
/// What is assumed visible before the first measurement: the top of the list.
const FIRST_GUESS_PX: f64 = 1_800.0;

fn measure(content: &Element, scroll_box: Option<&Element>) -> Option<VisibleSpan> {
    let window = web_sys::window()?;
    let rect = content.get_bounding_client_rect();
    let mut top = 0.0_f64;
    let mut bottom = window.inner_height().ok()?.as_f64()?;
    if let Some(scroll_box) = scroll_box {
        let clip = scroll_box.get_bounding_client_rect();
        top = top.max(clip.top());
        bottom = bottom.min(clip.bottom());
    }
    let from = ((top - rect.top() - MARGIN_PX) / STEP_PX).floor() * STEP_PX;
    let to = ((bottom - rect.top() + MARGIN_PX) / STEP_PX).ceil() * STEP_PX;
    Some(VisibleSpan {
        top_px: from.max(0.0),
        bottom_px: to.max(0.0),
        height_px: rect.height(),
    })
}

/// The visible span of `content`, kept up to date as the page or `scroll_box` scrolls, the
/// window is resized, or the component re-renders. Only a change of span re-renders. While
/// not `active` (a list short enough to draw whole) nothing is measured, since measuring
/// makes the browser lay the page out at once.
#[hook]
pub fn use_visible_span(
    content: NodeRef,
    scroll_box: Option<NodeRef>,
    active: bool,
) -> VisibleSpan {
    let is_active = use_mut_ref(|| active);
    *is_active.borrow_mut() = active;
    let span = use_state_eq(|| VisibleSpan {
        top_px: 0.0,
        bottom_px: FIRST_GUESS_PX,
        height_px: 0.0,
    });
    let update = {
        let (span, content, scroll_box) = (span.setter(), content.clone(), scroll_box.clone());
        move || {
            if !*is_active.borrow() {
                return;
            }
            let Some(element) = content.cast::<Element>() else {
                return;
            };
            let clip = scroll_box.as_ref().and_then(NodeRef::cast::<Element>);
            if let Some(measured) = measure(&element, clip.as_ref()) {
                span.set(measured);
            }
        }
    };
    {
        // The list's length or the layout above it may have changed.
        let update = update.clone();
        use_effect(update);
    }
    use_effect_with((), move |_| {
        let window = web_sys::window();
        // Scroll events do not bubble: listening in the capture phase sees every box's.
        let options = EventListenerOptions::run_in_capture_phase();
        let listeners = window.map(|window| {
            let on_scroll = update.clone();
            [
                EventListener::new_with_options(&window, "scroll", options, move |_| on_scroll()),
                EventListener::new(&window, "resize", move |_| update()),
            ]
        });
        move || drop(listeners)
    });
    *span
}
