//! The explore panel's jobs: Compare's rows, one at a time, and a shuffle in slices.

use crate::ui::model::{compare_order, parse_runs, ExploreAction, ExploreState};
use crate::ui::services::worker;
use futures::future::{abortable, AbortHandle};
use gather_playground::explore::{run_promises, sequential_totals, ShuffleRuns};
use gather_playground::scenario::Scenario;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Shuffled runs go on for this long before the page gets a turn to draw and take input:
/// a thousand runs of a big scenario take many seconds.
const SHUFFLE_SLICE_MS: f64 = 12.0;

/// The jobs in flight: a new press, Stop, a changed scenario or leaving the page ends them.
#[derive(Default)]
struct Jobs {
    /// The Compare press whose rows are still coming.
    comparing: Option<AbortHandle>,
    /// The shuffle running, if any.
    shuffling: Option<AbortHandle>,
    /// Stop asked of the shuffle: it shows what its runs so far saw.
    stop_shuffle: bool,
}

fn abort(job: &mut Option<AbortHandle>) {
    job.take().into_iter().for_each(|job| job.abort());
}

/// What the panel's buttons start.
#[derive(Clone)]
pub struct ExploreJobs {
    jobs: Rc<RefCell<Jobs>>,
    dispatcher: UseReducerDispatcher<ExploreState>,
}

impl ExploreJobs {
    /// Compare: a row at a time, each on its own turn of the page's loop (setting up
    /// thousands of promises takes tens of milliseconds); the Rust combinators' rows run in
    /// the page's worker. `generation` is the press's, to drop a late row of an older one.
    pub fn compare(&self, scenario: Rc<Scenario>, generation: u64) {
        self.dispatcher.dispatch(ExploreAction::CompareStarted {
            scenario: Rc::clone(&scenario),
        });
        let dispatcher = self.dispatcher.clone();
        let (job, handle) = abortable(async move {
            for combinator in compare_order(&scenario) {
                if combinator.is_javascript() {
                    let (dispatcher, scenario) = (dispatcher.clone(), Rc::clone(&scenario));
                    // Awaited on its own: its promises settle on real timers.
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Some(comparison) = run_promises(&scenario, combinator).await {
                            dispatcher.dispatch(ExploreAction::RowDone {
                                generation,
                                comparison,
                            });
                        }
                    });
                } else {
                    let dispatcher = dispatcher.clone();
                    worker::compare(
                        &scenario,
                        combinator,
                        Callback::from(move |answer| match answer {
                            Ok(Some(comparison)) => dispatcher.dispatch(ExploreAction::RowDone {
                                generation,
                                comparison,
                            }),
                            Ok(None) => {}
                            Err(message) => dispatcher.dispatch(ExploreAction::RowFailed {
                                generation,
                                combinator,
                                message,
                            }),
                        }),
                    );
                }
                TimeoutFuture::new(0).await;
            }
        });
        let mut older = self.jobs.borrow_mut().comparing.replace(handle);
        abort(&mut older);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = job.await;
        });
    }

    /// Sequential: at once (it is one virtual-clock run).
    pub fn sequential(&self, scenario: Rc<Scenario>) {
        let totals = sequential_totals(&scenario);
        self.dispatcher
            .dispatch(ExploreAction::SequentialDone { scenario, totals });
    }

    /// Shuffle: `runs_text` runs (refused if it is not a count), seeded by `seed`, a slice
    /// at a time, letting the page draw between slices, until they are all done or Stop is
    /// pressed (then with the runs so far).
    pub fn shuffle(&self, scenario: Rc<Scenario>, runs_text: &str, seed: u64) {
        let runs = match parse_runs(runs_text) {
            Ok(runs) => runs,
            Err(message) => {
                self.dispatcher
                    .dispatch(ExploreAction::RunsRefused { message });
                return;
            }
        };
        let mut runs = ShuffleRuns::new(&scenario, runs, seed);
        let (jobs, dispatcher) = (Rc::clone(&self.jobs), self.dispatcher.clone());
        let (job, handle) = abortable(async move {
            loop {
                let started = js_sys::Date::now();
                let mut more = true;
                while more && js_sys::Date::now() - started < SHUFFLE_SLICE_MS {
                    more = runs.run_next();
                }
                let stop = jobs.borrow().stop_shuffle;
                if !more || stop {
                    dispatcher.dispatch(ExploreAction::ShuffleDone {
                        scenario,
                        summary: runs.summary(),
                    });
                    return;
                }
                dispatcher.dispatch(ExploreAction::ShuffleProgress {
                    done: runs.done(),
                    runs: runs.runs(),
                });
                TimeoutFuture::new(0).await;
            }
        });
        let mut older = {
            let mut jobs = self.jobs.borrow_mut();
            jobs.stop_shuffle = false;
            jobs.shuffling.replace(handle)
        };
        abort(&mut older);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = job.await;
        });
    }

    /// Stop shuffling: the summary of the runs so far comes at the end of the slice.
    pub fn stop_shuffle(&self) {
        self.jobs.borrow_mut().stop_shuffle = true;
    }
}

/// The panel's jobs, for `scenario`: a changed scenario ends a shuffle (Compare's rows
/// still come, for the version they were pressed for); leaving the page ends both.
#[hook]
pub fn use_explore_jobs(
    scenario: Option<Rc<Scenario>>,
    dispatcher: UseReducerDispatcher<ExploreState>,
) -> ExploreJobs {
    let jobs = use_mut_ref(Jobs::default);
    {
        let (jobs, dispatcher) = (Rc::clone(&jobs), dispatcher.clone());
        use_effect_with(scenario, move |_| {
            move || {
                abort(&mut jobs.borrow_mut().shuffling);
                dispatcher.dispatch(ExploreAction::ShuffleAbandoned);
            }
        });
    }
    {
        let jobs = Rc::clone(&jobs);
        use_effect_with((), move |_| move || abort(&mut jobs.borrow_mut().comparing));
    }
    ExploreJobs { jobs, dispatcher }
}
