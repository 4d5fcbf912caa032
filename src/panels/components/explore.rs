//! Compare the scenario under other combinators, against awaiting it sequentially, and
//! over many runs with the delays shuffled.

use super::compare_table::CompareTable;
use super::sequential_summary::SequentialSummary;
use super::shuffle_summary::ShuffleSummaryView;
use crate::hooks::use_explore_jobs;
use crate::model::{
    child_names, sequential_cancel_note, shuffling_text, ExploreAction, ExploreState,
};
use gather_playground::scenario::Scenario;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExploreProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
}

#[function_component(Explore)]
pub fn explore(props: &ExploreProps) -> Html {
    let state = use_reducer(ExploreState::default);
    let jobs = use_explore_jobs(props.scenario.clone(), state.dispatcher());
    let names = use_memo(props.scenario.clone(), |scenario| {
        scenario.as_deref().map(child_names).unwrap_or_default()
    });
    let Some(scenario) = props.scenario.clone() else {
        return html! {
            <p class="placeholder">{ "Fix the fields marked in red to compare and explore." }</p>
        };
    };
    let current = state.is_of(&scenario);

    let on_compare = {
        let (jobs, scenario, generation) = (jobs.clone(), scenario.clone(), state.generation + 1);
        Callback::from(move |_: MouseEvent| jobs.compare(scenario.clone(), generation))
    };
    let on_sequential = {
        let (jobs, scenario) = (jobs.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| jobs.sequential(scenario.clone()))
    };
    let on_shuffle = {
        let (jobs, scenario) = (jobs.clone(), scenario.clone());
        let (runs_text, seed) = (state.runs_text.clone(), state.shuffles + 1);
        Callback::from(move |_: MouseEvent| jobs.shuffle(scenario.clone(), &runs_text, seed))
    };
    let on_stop_shuffle = {
        let jobs = jobs.clone();
        Callback::from(move |_: MouseEvent| jobs.stop_shuffle())
    };
    let on_runs = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(ExploreAction::RunsTyped {
                text: input.value(),
            });
        })
    };

    html! {
        <div class="explore">
            <div class="explore-controls">
                <button onclick={on_compare} aria-label="Compare: the same children under gather, TaskGroup, try_join_all, Promise.all and Promise.allSettled">
                    { "Compare" }
                </button>
                <button onclick={on_sequential} aria-label="Sequential: await the children one after another, against gathered">
                    { "Sequential" }
                </button>
                <span class="shuffle-control">
                    <button onclick={on_shuffle} aria-label="Shuffle: re-run with the delays randomly permuted"
                        aria-describedby={state.runs_error.as_ref().map(|_| "shuffle-runs-error")}>
                        { "Shuffle" }
                    </button>
                    <label for="shuffle-runs">{ "runs" }</label>
                    <input id="shuffle-runs" class="runs" inputmode="numeric" value={state.runs_text.clone()}
                        oninput={on_runs} aria-invalid={state.runs_error.is_some().then_some("true")} />
                </span>
            </div>
            if let Some(message) = &state.runs_error {
                <p id="shuffle-runs-error" class="field-error" role="alert">{ message.clone() }</p>
            }
            if let Some((done, runs)) = state.shuffling {
                <p class="shuffling" role="status">
                    { shuffling_text(done, runs) }
                    <button onclick={on_stop_shuffle}>{ "Stop shuffling" }</button>
                </p>
            }
            if !current && state.has_results() {
                <p class="stale" role="status">{ "The scenario changed since: press again for fresh figures." }</p>
            }
            if current {
                if let Some(message) = &state.job_error {
                    <p class="field-error" role="alert">{ message.clone() }</p>
                }
                if let Some(rows) = &state.comparisons {
                    <CompareTable scenario={scenario.clone()} rows={rows.clone()} names={names.clone()} />
                }
                if let Some(totals) = &state.sequential {
                    <SequentialSummary totals={totals.clone()} names={names.clone()} cancel_note={sequential_cancel_note(&scenario)} />
                }
                if let Some(summary) = &state.shuffled {
                    <ShuffleSummaryView summary={summary.clone()} names={names.clone()} />
                }
            }
        </div>
    }
}
