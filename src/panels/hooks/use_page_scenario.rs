//! The scenario the page holds, read again at each change (a big one once it has settled).

use crate::services::page;
use gather_playground::scenario::Scenario;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Up to this many nodes, the page's scenario is read again at once when it changes, so that
/// a button pressed right after an edit works on the scenario as edited.
const READ_AT_ONCE_UP_TO_NODES: f64 = 1_000.0;
/// A bigger one's JSON is megabytes, written and read each time: it is read again once it
/// has stayed unchanged this long, so that a burst of typing is read once.
const SETTLE_MS: u32 = 120;

/// The page's scenario (`None` while its draft has fields to fix).
#[hook]
pub fn use_page_scenario() -> Option<Rc<Scenario>> {
    let scenario = use_state_eq(page::scenario);
    {
        let scenario = scenario.clone();
        use_effect_with((), move |()| {
            let settling = Rc::new(RefCell::new(None::<Timeout>));
            let listener = {
                let settling = Rc::clone(&settling);
                page::on_scenario_changed(move |nodes| {
                    // A change cancels the read of the one before, were it still to come.
                    let replaced = settling.borrow_mut().take();
                    drop(replaced);
                    if nodes.is_none_or(|nodes| nodes <= READ_AT_ONCE_UP_TO_NODES) {
                        scenario.set(page::scenario());
                    } else {
                        let scenario = scenario.clone();
                        let read = Timeout::new(SETTLE_MS, move || scenario.set(page::scenario()));
                        *settling.borrow_mut() = Some(read);
                    }
                })
            };
            move || {
                let pending = settling.borrow_mut().take();
                drop((listener, pending));
            }
        });
    }
    (*scenario).clone()
}
