//! Compare the scenario under other combinators, against awaiting it sequentially, and
//! over many runs with the delays shuffled.

use super::numbers::{grouped, one_decimal};
use super::state::describe_status;
use gather_playground::explore::{
    compare, run_promises, sequential_totals, Combinator, Comparison, Fate, SequentialTotals,
    ShuffleRuns, ShuffleSummary,
};
use gather_playground::scenario::{Scenario, Status};
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

const DEFAULT_SHUFFLE_RUNS: &str = "50";
const MAX_SHUFFLE_RUNS: usize = 1_000;
/// Shuffled runs go on for this long before the page gets a turn to draw and take input:
/// a thousand runs of a big scenario take many seconds.
const SHUFFLE_SLICE_MS: f64 = 12.0;

/// The shuffle running, if any: a new press, Stop, a changed scenario or leaving the page
/// ends it (it checks between slices).
#[derive(Default)]
struct ShuffleJob {
    /// Which press is running; any other press's loop stops.
    current: u64,
    /// Stop asked: the loop shows what its runs so far saw.
    stop: bool,
}

#[derive(Properties, PartialEq)]
pub struct ExploreProps {
    /// The scenario, when every field is valid.
    pub scenario: Option<Rc<Scenario>>,
}

/// Results computed for one version of the scenario; stale once it changes.
#[derive(Clone, Debug, PartialEq, Default)]
struct ExploreState {
    scenario: Option<Rc<Scenario>>,
    /// In [`Combinator::ALL`] order; `None` while that combinator's run is in flight.
    comparisons: Option<Vec<Option<Comparison>>>,
    sequential: Option<SequentialTotals>,
    shuffled: Option<ShuffleSummary>,
    /// Runs done and runs asked, while a shuffle runs.
    shuffling: Option<(usize, usize)>,
    runs_text: String,
    runs_error: Option<String>,
    /// Counts Compare presses, so that a late JavaScript result of an older press is dropped.
    generation: u64,
    shuffles: u64,
}

enum ExploreAction {
    Compared {
        scenario: Rc<Scenario>,
        rows: Vec<Option<Comparison>>,
    },
    /// One combinator's row of the Compare press `generation`.
    RowDone {
        generation: u64,
        comparison: Comparison,
    },
    Sequential(Rc<Scenario>, SequentialTotals),
    Shuffled(Rc<Scenario>, ShuffleSummary),
    ShuffleProgress(usize, usize),
    /// A shuffle ended with nothing to show (the scenario changed under it).
    ShuffleAbandoned,
    SetRuns(String),
    RunsRefused(String),
}

impl Reducible for ExploreState {
    type Action = ExploreAction;

    fn reduce(self: Rc<Self>, action: ExploreAction) -> Rc<Self> {
        let mut next = (*self).clone();
        // Results of another version of the scenario go; the runs field stays.
        let adopt = |scenario: Rc<Scenario>, next: &mut ExploreState| {
            if next.scenario.as_ref() != Some(&scenario) {
                next.comparisons = None;
                next.sequential = None;
                next.shuffled = None;
                next.scenario = Some(scenario);
            }
        };
        match action {
            ExploreAction::Compared { scenario, rows } => {
                adopt(scenario, &mut next);
                next.generation += 1;
                next.comparisons = Some(rows);
            }
            ExploreAction::RowDone {
                generation,
                comparison,
            } => {
                if generation != next.generation {
                    return self;
                }
                if let Some(rows) = &mut next.comparisons {
                    if let Some(slot) = Combinator::ALL
                        .iter()
                        .position(|combinator| *combinator == comparison.combinator)
                    {
                        rows[slot] = Some(comparison);
                    }
                }
            }
            ExploreAction::Sequential(scenario, totals) => {
                adopt(scenario, &mut next);
                next.sequential = Some(totals);
            }
            ExploreAction::Shuffled(scenario, summary) => {
                adopt(scenario, &mut next);
                next.runs_error = None;
                next.shuffles += 1;
                next.shuffled = Some(summary);
                next.shuffling = None;
            }
            ExploreAction::ShuffleProgress(done, runs) => next.shuffling = Some((done, runs)),
            ExploreAction::ShuffleAbandoned => next.shuffling = None,
            ExploreAction::SetRuns(text) => {
                next.runs_text = text;
                next.runs_error = None;
            }
            ExploreAction::RunsRefused(message) => next.runs_error = Some(message),
        }
        Rc::new(next)
    }
}

fn parse_runs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(runs) if (1..=MAX_SHUFFLE_RUNS).contains(&runs) => Ok(runs),
        _ => Err(format!(
            "Runs: a whole number from 1 to {MAX_SHUFFLE_RUNS}."
        )),
    }
}

#[function_component(Explore)]
pub fn explore(props: &ExploreProps) -> Html {
    let state = use_reducer(|| ExploreState {
        runs_text: DEFAULT_SHUFFLE_RUNS.into(),
        ..ExploreState::default()
    });
    let job = use_mut_ref(ShuffleJob::default);
    // A shuffle of another version of the scenario, or of a page left, stops.
    {
        let (job, dispatcher) = (job.clone(), state.dispatcher());
        use_effect_with(props.scenario.clone(), move |_| {
            move || {
                job.borrow_mut().current += 1;
                dispatcher.dispatch(ExploreAction::ShuffleAbandoned);
            }
        });
    }
    let Some(scenario) = props.scenario.clone() else {
        return html! {
            <p class="placeholder">{ "Fix the fields marked in red to compare and explore." }</p>
        };
    };
    let current = state.scenario.as_ref() == Some(&scenario);

    let on_compare = {
        let (state, scenario) = (state.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| {
            let generation = state.generation + 1;
            state.dispatch(ExploreAction::Compared {
                scenario: scenario.clone(),
                rows: vec![None; Combinator::ALL.len()],
            });
            // A row at a time, each on its own turn of the page's loop: for a big scenario
            // a virtual-clock run, or setting up thousands of promises, takes tens of
            // milliseconds.
            let (dispatcher, scenario) = (state.dispatcher(), scenario.clone());
            wasm_bindgen_futures::spawn_local(async move {
                for combinator in Combinator::ALL {
                    if combinator.is_javascript() {
                        let (dispatcher, scenario) = (dispatcher.clone(), scenario.clone());
                        // Awaited on its own: its promises settle on real timers.
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Some(comparison) = run_promises(&scenario, combinator).await {
                                dispatcher.dispatch(ExploreAction::RowDone {
                                    generation,
                                    comparison,
                                });
                            }
                        });
                    } else if let Some(comparison) = compare(&scenario, combinator) {
                        dispatcher.dispatch(ExploreAction::RowDone {
                            generation,
                            comparison,
                        });
                    }
                    TimeoutFuture::new(0).await;
                }
            });
        })
    };
    let on_sequential = {
        let (state, scenario) = (state.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| {
            let totals = sequential_totals(&scenario);
            state.dispatch(ExploreAction::Sequential(scenario.clone(), totals));
        })
    };
    let on_shuffle = {
        let (state, scenario, job) = (state.clone(), scenario.clone(), job.clone());
        Callback::from(move |_: MouseEvent| match parse_runs(&state.runs_text) {
            Ok(runs) => {
                let id = {
                    let mut job = job.borrow_mut();
                    job.current += 1;
                    job.stop = false;
                    job.current
                };
                let runs = ShuffleRuns::new(&scenario, runs, state.shuffles + 1);
                let (dispatcher, scenario, job) =
                    (state.dispatcher(), scenario.clone(), job.clone());
                wasm_bindgen_futures::spawn_local(shuffle_in_slices(
                    runs, scenario, id, job, dispatcher,
                ));
            }
            Err(message) => state.dispatch(ExploreAction::RunsRefused(message)),
        })
    };
    let on_stop_shuffle = {
        let job = job.clone();
        Callback::from(move |_: MouseEvent| job.borrow_mut().stop = true)
    };
    let on_runs = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            state.dispatch(ExploreAction::SetRuns(input.value()));
        })
    };

    let labels: Vec<String> = scenario
        .root
        .children
        .iter()
        .enumerate()
        .map(|(position, child)| {
            let label = match child {
                gather_playground::scenario::NodeSpec::Future(future) => &future.label,
                gather_playground::scenario::NodeSpec::Gather(gather) => &gather.label,
            };
            if label.is_empty() {
                format!("#{}", position + 1)
            } else {
                label.clone()
            }
        })
        .collect();

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
                    { format!("Shuffling: {} of {} runs… ", grouped(done), grouped(runs)) }
                    <button onclick={on_stop_shuffle}>{ "Stop shuffling" }</button>
                </p>
            }
            if !current && (state.comparisons.is_some() || state.sequential.is_some() || state.shuffled.is_some()) {
                <p class="stale" role="status">{ "The scenario changed since: press again for fresh figures." }</p>
            }
            if current {
                if let Some(rows) = &state.comparisons {
                    { comparison_table(&scenario, rows, &labels) }
                }
                if let Some(totals) = &state.sequential {
                    { sequential_summary(totals, &labels) }
                }
                if let Some(summary) = &state.shuffled {
                    { shuffle_summary(summary, &labels) }
                }
            }
        </div>
    }
}

/// Runs `runs` a slice at a time, letting the page draw between slices, until they are all
/// done (or Stop is pressed: then with the runs so far) and the summary is shown, or until
/// another job takes over.
async fn shuffle_in_slices(
    mut runs: ShuffleRuns,
    scenario: Rc<Scenario>,
    id: u64,
    job: Rc<RefCell<ShuffleJob>>,
    dispatcher: UseReducerDispatcher<ExploreState>,
) {
    loop {
        let started = js_sys::Date::now();
        let mut more = true;
        while more && js_sys::Date::now() - started < SHUFFLE_SLICE_MS {
            more = runs.run_next();
        }
        let (current, stop) = {
            let job = job.borrow();
            (job.current == id, job.stop)
        };
        if !current {
            return;
        }
        if !more || stop {
            dispatcher.dispatch(ExploreAction::Shuffled(scenario, runs.summary()));
            return;
        }
        dispatcher.dispatch(ExploreAction::ShuffleProgress(runs.done(), runs.runs()));
        TimeoutFuture::new(0).await;
    }
}

/// Above this many children the Compare table counts them instead of a column each.
const CHILD_COLUMNS_UP_TO: usize = 12;

fn fate_text(fate: &Fate) -> String {
    match fate {
        Fate::Finished { status, at_ms } => {
            let glyph = match status {
                Status::Ok { .. } => "✓",
                Status::Raised { .. } => "✗",
                Status::Cancelled => "⊘",
            };
            format!("{glyph} {at_ms}")
        }
        Fate::Dropped { at_ms } => format!("dropped {at_ms}"),
    }
}

/// How the children ended, counted, for a table too wide for a column per child.
fn fates_summary(children: &[Fate]) -> String {
    let (mut returned, mut raised, mut cancelled, mut dropped, mut last_ms) = (0, 0, 0, 0, 0);
    for fate in children {
        let at_ms = match fate {
            Fate::Finished { status, at_ms } => {
                match status {
                    Status::Ok { .. } => returned += 1,
                    Status::Raised { .. } => raised += 1,
                    Status::Cancelled => cancelled += 1,
                }
                at_ms
            }
            Fate::Dropped { at_ms } => {
                dropped += 1;
                at_ms
            }
        };
        last_ms = last_ms.max(*at_ms);
    }
    let counts: Vec<String> = [
        ("✓", returned),
        ("✗", raised),
        ("⊘", cancelled),
        ("dropped", dropped),
    ]
    .iter()
    .filter(|(_, count)| *count > 0)
    .map(|(what, count)| format!("{what} {count}"))
    .collect();
    format!("{}; the last at {last_ms}", counts.join(", "))
}

fn comparison_table(scenario: &Scenario, rows: &[Option<Comparison>], labels: &[String]) -> Html {
    let gather = rows.first().cloned().flatten();
    // A column per child reads well for a handful; beyond that, each row counts its children.
    let per_child = labels.len() <= CHILD_COLUMNS_UP_TO;
    let caption = if per_child {
        "Outcome, when it came, and each child's end (ms). Rows that differ from gather are marked ≠."
    } else {
        "Outcome, when it came, and how the children ended: returned ✓, raised ✗, cancelled ⊘ or dropped, and when the last one did (ms). Rows that differ from gather are marked ≠."
    };
    html! {
        <div class="table-scroll">
            <table class="compare" aria-label="The same children under each combinator">
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Combinator" }</th>
                        <th scope="col">{ "Outcome" }</th>
                        <th scope="col">{ "At" }</th>
                        if per_child {
                            { for labels.iter().map(|label| html! { <th scope="col" class="child-col">{ label.clone() }</th> }) }
                        } else {
                            <th scope="col">{ format!("{} children", labels.len()) }</th>
                        }
                        <th scope="col">{ "Why" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for Combinator::ALL.iter().zip(rows).map(|(combinator, row)| {
                        let name = combinator.name();
                        let where_ = if combinator.is_javascript() {
                            html! { <span class="row-note">{ "real JS promises, real setTimeout" }</span> }
                        } else if *combinator == Combinator::TryJoinAll {
                            html! { <span class="row-note">{ "real futures, virtual clock" }</span> }
                        } else {
                            html! { <span class="row-note">{ "this library, virtual clock" }</span> }
                        };
                        match (row, &gather) {
                            (Some(row), Some(gather)) => {
                                let differs = row.outcome != gather.outcome || row.done_at_ms != gather.done_at_ms
                                    || row.children != gather.children;
                                html! {
                                    <tr class={classes!(differs.then_some("differs"))}>
                                        <th scope="row"><code>{ name }</code>{ if differs { " ≠" } else { "" } }{ where_ }</th>
                                        <td>{ describe_status(&row.outcome) }
                                            if !row.errors.is_empty() {
                                                <ul class="group-errors">
                                                    { for row.errors.iter().map(|error| html! { <li>{ error.to_string() }</li> }) }
                                                </ul>
                                            }
                                        </td>
                                        <td class="num">{ format!("{} ms", row.done_at_ms) }</td>
                                        if per_child {
                                            { for row.children.iter().map(|fate| html! { <td class="num fate">{ fate_text(fate) }</td> }) }
                                        } else {
                                            <td class="fate">{ fates_summary(&row.children) }</td>
                                        }
                                        <td class="why">{ row.why(scenario, gather) }</td>
                                    </tr>
                                }
                            }
                            _ => html! {
                                <tr class="pending">
                                    <th scope="row"><code>{ name }</code>{ where_ }</th>
                                    <td colspan={(if per_child { labels.len() } else { 1 } + 3).to_string()} role="status">{ if combinator.is_javascript() { "running on real timers…" } else { "running…" } }</td>
                                </tr>
                            },
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn sequential_summary(totals: &SequentialTotals, labels: &[String]) -> Html {
    let speedup = totals.speedup().map_or_else(
        || "both take no time".to_owned(),
        |times| format!("gathering is {}× faster", one_decimal(times)),
    );
    let stop = totals.stopped_by.as_ref().map(|(position, status)| {
        format!(
            "The loop stops at {} ({}){}.",
            labels.get(*position).cloned().unwrap_or_default(),
            describe_status(status),
            if totals.never_started > 0 {
                format!(
                    "; {} never {}",
                    totals.never_started,
                    if totals.never_started == 1 {
                        "starts"
                    } else {
                        "start"
                    }
                )
            } else {
                String::new()
            }
        )
    });
    html! {
        <section class="sequential" aria-label="Sequential against concurrent">
            <h3>{ "Sequential against concurrent" }</h3>
            <dl class="totals">
                <dt>{ "for child in children: await child" }</dt><dd class="num">{ format!("{} ms", totals.sequential_ms) }</dd>
                <dt>{ "await asyncio.gather(*children)" }</dt><dd class="num">{ format!("{} ms", totals.concurrent_ms) }</dd>
            </dl>
            <p>{ speedup }{ ". " }{ stop.unwrap_or_default() }
                <span class="muted">{ " Without the cancel times, which count from the start." }</span></p>
        </section>
    }
}

/// Above this many, a list of children in a sentence is cut short.
const LISTED_UP_TO: usize = 12;

/// `items` joined by `separator`, the first few only when there are many.
fn shortened(items: Vec<String>, separator: &str) -> String {
    if items.len() <= LISTED_UP_TO {
        return items.join(separator);
    }
    let more = items.len() - LISTED_UP_TO;
    format!(
        "{}{separator}… ({more} more)",
        items[..LISTED_UP_TO].join(separator)
    )
}

fn shuffle_summary(summary: &ShuffleSummary, labels: &[String]) -> Html {
    let name = |position: &usize| labels.get(*position).cloned().unwrap_or_default();
    let orders: Vec<String> = summary
        .sample_orders
        .iter()
        .map(|order| shortened(order.iter().map(name).collect(), " → "))
        .collect();
    html! {
        <section class="shuffled" aria-label="Shuffled runs">
            <h3>{ format!("{} runs with the delays permuted (seed {})", summary.runs, summary.seed) }</h3>
            <ul>
                if summary.returned > 0 {
                    <li>{ format!("Result order: each value in its child's own slot in {} of the {} runs that returned a list.",
                        summary.results_in_argument_order, summary.returned) }</li>
                } else {
                    <li>{ "Result order: no run returned a list (the outer raised or was cancelled every time); with return_exceptions=True every value stays in its child's slot." }</li>
                }
                <li>{ match summary.distinct_completion_orders {
                        1 => "Completion order: always the same".to_owned(),
                        orders => format!("Completion order: {orders} different orders"),
                    } }
                    if orders.len() == 1 {
                        { format!(", {}", orders[0]) }
                    } else if !orders.is_empty() {
                        { format!(", e.g. {}", orders.join("; ")) }
                    }
                    { "." }
                </li>
                if !summary.exception_wins.is_empty() {
                    <li>{ "Whose exception the outer raised: " }
                        { shortened(summary.exception_wins.iter().map(|(position, wins)| format!("{} {wins}×", name(position))).collect(), ", ") }
                        { "." }
                    </li>
                }
                if summary.cancelled > 0 {
                    <li>{ format!("Cancelled: {} runs.", summary.cancelled) }</li>
                }
            </ul>
        </section>
    }
}
