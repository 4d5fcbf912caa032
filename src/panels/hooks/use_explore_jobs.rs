//! The explore panel's jobs, run by the page's worker (but for JavaScript's promises, which
//! run on the page): Compare's rows, Sequential, and a shuffle in slices.

use crate::model::{compare_order, parse_runs, ExploreAction, ExploreState};
use crate::services::worker::{self, ShuffleNews};
use futures::future::{abortable, AbortHandle};
use gather_playground::explore::run_promises;
use gather_playground::scenario::Scenario;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The jobs in flight: a new press, Stop, a changed scenario or leaving the page ends them.
#[derive(Default)]
struct Jobs {
    /// The Compare press whose rows are still coming.
    comparing: Option<AbortHandle>,
    /// The number of the shuffle whose news is shown (0: none); an older one's is dropped.
    shuffle: u64,
    /// Shuffles started, to number them.
    shuffles: u64,
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

    /// Sequential: one virtual-clock run.
    pub fn sequential(&self, scenario: Rc<Scenario>) {
        let dispatcher = self.dispatcher.clone();
        worker::sequential(
            &Rc::clone(&scenario),
            Callback::from(move |answer| {
                dispatcher.dispatch(match answer {
                    Ok(totals) => ExploreAction::SequentialDone {
                        scenario: Rc::clone(&scenario),
                        totals,
                    },
                    Err(message) => ExploreAction::JobFailed {
                        message: format!("Sequential could not run: {message}."),
                    },
                })
            }),
        );
    }

    /// Shuffle: `runs_text` runs (refused if it is not a count), seeded by `seed`, a slice
    /// at a time in the worker, the page told of the progress, until they are all done or
    /// Stop is pressed (then with the runs so far).
    pub fn shuffle(&self, scenario: Rc<Scenario>, runs_text: &str, seed: u64) {
        let runs = match parse_runs(runs_text) {
            Ok(runs) => runs,
            Err(message) => {
                self.dispatcher
                    .dispatch(ExploreAction::RunsRefused { message });
                return;
            }
        };
        let mine = {
            let mut jobs = self.jobs.borrow_mut();
            jobs.shuffles += 1;
            jobs.shuffle = jobs.shuffles;
            jobs.shuffle
        };
        self.dispatcher
            .dispatch(ExploreAction::ShuffleProgress { done: 0, runs });
        let (jobs, dispatcher) = (Rc::clone(&self.jobs), self.dispatcher.clone());
        worker::shuffle(
            &Rc::clone(&scenario),
            runs,
            seed,
            Callback::from(move |news| {
                if jobs.borrow().shuffle != mine {
                    return;
                }
                let action = match news {
                    Ok(ShuffleNews::Progress { done, runs }) => {
                        ExploreAction::ShuffleProgress { done, runs }
                    }
                    Ok(ShuffleNews::Done(summary)) => ExploreAction::ShuffleDone {
                        scenario: Rc::clone(&scenario),
                        summary,
                    },
                    Ok(ShuffleNews::Replaced) => return,
                    Err(message) => ExploreAction::JobFailed {
                        message: format!("Shuffle could not run: {message}."),
                    },
                };
                if !matches!(action, ExploreAction::ShuffleProgress { .. }) {
                    jobs.borrow_mut().shuffle = 0;
                }
                dispatcher.dispatch(action);
            }),
        );
    }

    /// Stop shuffling: the summary of the runs so far comes at the end of the slice.
    pub fn stop_shuffle(&self) {
        worker::stop_shuffle();
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
                let running = std::mem::take(&mut jobs.borrow_mut().shuffle) != 0;
                if running {
                    worker::stop_shuffle();
                }
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
