//! The draft (as typed) and the settings, saved whenever they change and once more as the page
//! is left.
//!
//! Once more because yew runs effects after the render, and after 16 ms of rendering it yields
//! to the browser first: a reload in that gap would lose the last edit. The state itself is
//! current as soon as the render starts, so the page's `pagehide` saves that.

use crate::ui::model::DraftNode;
use crate::ui::services::storage;
use gloo_events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// What is kept: the draft, the speed, the preset chosen and "Predict first".
#[derive(Clone, PartialEq)]
struct Kept {
    draft: Rc<DraftNode>,
    speed: f64,
    preset: Option<usize>,
    predict_first: bool,
}

impl Kept {
    fn save(&self) {
        storage::save(&self.draft, self.speed, self.preset, self.predict_first);
    }
}

#[hook]
pub fn use_kept_across_reloads(
    draft: Rc<DraftNode>,
    speed: f64,
    preset: Option<usize>,
    predict_first: bool,
) {
    let kept = Kept {
        draft,
        speed,
        preset,
        predict_first,
    };
    let latest = use_mut_ref(|| kept.clone());
    *latest.borrow_mut() = kept.clone();
    use_effect_with(kept, Kept::save);
    use_effect_with((), move |()| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "pagehide", move |_| {
                let kept = latest.borrow().clone();
                kept.save();
            })
        });
        move || drop(listener)
    });
}
