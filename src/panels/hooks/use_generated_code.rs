//! A scenario's program, from the page's worker, once the element showing it comes into view.

use crate::services::worker::{self, WorkerError};
use gather_playground::codegen::Program;
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
    /// The latest scenario's program.
    Ready(Rc<str>),
    /// Why there is none.
    Failed(WorkerError),
}

/// `program` for `scenario`, asked for once `target` is first within [`AHEAD`] of the
/// window, and again whenever either changes after that (only the program shown is
/// written: a big scenario's is megabytes); an answer to an older request is dropped.
#[hook]
pub fn use_generated_code(
    scenario: Option<Rc<Scenario>>,
    program: Program,
    target: NodeRef,
) -> CodeState {
    let in_view = use_state_eq(|| false);
    // The latest answer, with what it answers: shown only while that is what is asked, so
    // that no render shows one scenario's code under another.
    let answered = use_state(|| None::<Answer>);
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
        let answered = answered.clone();
        let latest = Rc::clone(&latest.borrow());
        use_effect_with(
            (scenario.clone(), program, *in_view),
            move |(scenario, program, in_view)| {
                if let (Some(scenario), true) = (scenario, *in_view) {
                    let asked = latest.get() + 1;
                    latest.set(asked);
                    let (question, program) = (Rc::clone(scenario), *program);
                    worker::write_program(
                        scenario,
                        program,
                        Callback::from(move |result: Result<Rc<str>, WorkerError>| {
                            if latest.get() == asked {
                                answered.set(Some(Answer {
                                    scenario: Rc::clone(&question),
                                    program,
                                    result,
                                }));
                            }
                        }),
                    );
                }
            },
        );
    }
    match (&*answered, &scenario) {
        _ if !*in_view => CodeState::NotInView,
        (Some(answer), Some(scenario))
            if answer.program == program
                && (Rc::ptr_eq(&answer.scenario, scenario) || answer.scenario == *scenario) =>
        {
            match &answer.result {
                Ok(text) => CodeState::Ready(Rc::clone(text)),
                Err(error) => CodeState::Failed(error.clone()),
            }
        }
        _ => CodeState::Writing,
    }
}

/// What the worker answered, and to what.
struct Answer {
    scenario: Rc<Scenario>,
    program: Program,
    result: Result<Rc<str>, WorkerError>,
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
