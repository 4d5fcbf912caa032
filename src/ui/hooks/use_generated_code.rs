//! A scenario's code, from the page's worker, once the element showing it comes into view.

use crate::ui::services::worker::{self, GeneratedCode, WorkerError};
use gather_playground::scenario::Scenario;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How far below the window the code's element may still be when its code is asked for:
/// scrolling down to it finds it written.
const AHEAD: &str = "0px 0px 600px 0px";

/// Where a scenario's code is.
#[derive(Clone, Debug, PartialEq)]
pub enum CodeState {
    /// Not asked for yet: its element has not come near the window.
    NotInView,
    /// Asked for, not here yet.
    Writing,
    /// The latest scenario's code.
    Ready(Rc<GeneratedCode>),
    /// Why there is none.
    Failed(WorkerError),
}

/// The code of `scenario`, asked for once `target` is first within [`AHEAD`] of the window,
/// and again whenever the scenario changes after that; an answer for an older scenario is
/// dropped.
#[hook]
pub fn use_generated_code(scenario: Option<Rc<Scenario>>, target: NodeRef) -> CodeState {
    let in_view = use_state_eq(|| false);
    let code = use_state_eq(|| CodeState::NotInView);
    let latest = use_mut_ref(|| Rc::new(Cell::new(0_u64)));
    {
        let in_view = in_view.clone();
        use_effect_with(target, move |target| {
            let observer = watch(target, move || in_view.set(true));
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    {
        let code = code.clone();
        let latest = Rc::clone(&latest.borrow());
        use_effect_with((scenario, *in_view), move |(scenario, in_view)| {
            if let (Some(scenario), true) = (scenario, *in_view) {
                let asked = latest.get() + 1;
                latest.set(asked);
                code.set(CodeState::Writing);
                let code = code.clone();
                worker::generate_code(
                    scenario,
                    Callback::from(move |result: Result<GeneratedCode, WorkerError>| {
                        if latest.get() == asked {
                            code.set(match result {
                                Ok(generated) => CodeState::Ready(Rc::new(generated)),
                                Err(error) => CodeState::Failed(error),
                            });
                        }
                    }),
                );
            }
        });
    }
    (*code).clone()
}

type Seen = Closure<dyn Fn(Vec<IntersectionObserverEntry>)>;

/// Calls `on_seen` when `target` first comes within [`AHEAD`] of the window.
fn watch(target: &NodeRef, on_seen: impl Fn() + 'static) -> Option<(IntersectionObserver, Seen)> {
    let element = target.cast::<web_sys::Element>()?;
    let callback: Seen = Closure::new(move |entries: Vec<IntersectionObserverEntry>| {
        if entries
            .iter()
            .any(IntersectionObserverEntry::is_intersecting)
        {
            on_seen();
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(AHEAD);
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(&element);
    Some((observer, callback))
}
