//! The Compare and explore panel's state: results for one version of the scenario.

use crate::ui::model::{lane_name, RunView};
use gather_playground::explore::{Combinator, Comparison, SequentialTotals, ShuffleSummary};
use gather_playground::scenario::Scenario;
use std::rc::Rc;

pub const DEFAULT_SHUFFLE_RUNS: &str = "50";
pub const MAX_SHUFFLE_RUNS: usize = 1_000;

/// Results computed for one version of the scenario; stale once it changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ExploreState {
    pub scenario: Option<Rc<Scenario>>,
    /// In [`compare_order`] of `scenario`; `None` while that combinator's run is in flight.
    pub comparisons: Option<Vec<Option<Comparison>>>,
    /// What the page's worker could not do for the latest press (a Compare row, Sequential
    /// or Shuffle), in words.
    pub job_error: Option<String>,
    pub sequential: Option<SequentialTotals>,
    pub shuffled: Option<ShuffleSummary>,
    /// Runs done and runs asked, while a shuffle runs.
    pub shuffling: Option<(usize, usize)>,
    pub runs_text: String,
    pub runs_error: Option<String>,
    /// Counts Compare presses, so that a late JavaScript result of an older press is dropped.
    pub generation: u64,
    /// Counts shuffles shown: the next one's seed.
    pub shuffles: u64,
}

impl Default for ExploreState {
    fn default() -> Self {
        ExploreState {
            scenario: None,
            comparisons: None,
            job_error: None,
            sequential: None,
            shuffled: None,
            shuffling: None,
            runs_text: DEFAULT_SHUFFLE_RUNS.into(),
            runs_error: None,
            generation: 0,
            shuffles: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExploreAction {
    /// Compare was pressed: its rows are on their way, one at a time.
    CompareStarted {
        scenario: Rc<Scenario>,
    },
    /// One combinator's row of the Compare press `generation`.
    RowDone {
        generation: u64,
        comparison: Comparison,
    },
    /// One combinator's row of the Compare press `generation` could not be run.
    RowFailed {
        generation: u64,
        combinator: Combinator,
        message: String,
    },
    /// Sequential or Shuffle could not run.
    JobFailed {
        message: String,
    },
    SequentialDone {
        scenario: Rc<Scenario>,
        totals: SequentialTotals,
    },
    ShuffleDone {
        scenario: Rc<Scenario>,
        summary: ShuffleSummary,
    },
    ShuffleProgress {
        done: usize,
        runs: usize,
    },
    /// A shuffle ended with nothing to show (the scenario changed under it).
    ShuffleAbandoned,
    RunsTyped {
        text: String,
    },
    /// Shuffle was pressed with a runs field that is not a count.
    RunsRefused {
        message: String,
    },
}

impl ExploreState {
    /// Whether the results shown are of `scenario`.
    pub fn is_of(&self, scenario: &Rc<Scenario>) -> bool {
        self.scenario.as_ref() == Some(scenario)
    }

    /// Whether results of another version of the scenario are kept, to say they are stale.
    pub fn has_results(&self) -> bool {
        self.comparisons.is_some() || self.sequential.is_some() || self.shuffled.is_some()
    }

    /// Results of another version of the scenario go; the runs field stays.
    fn adopt(&mut self, scenario: Rc<Scenario>) {
        if !self.is_of(&scenario) {
            self.comparisons = None;
            self.sequential = None;
            self.shuffled = None;
            self.scenario = Some(scenario);
        }
    }
}

pub fn reduce(state: &ExploreState, action: ExploreAction) -> ExploreState {
    let mut next = state.clone();
    match action {
        ExploreAction::CompareStarted { scenario } => {
            next.adopt(scenario);
            next.generation += 1;
            next.comparisons = Some(vec![None; Combinator::ALL.len()]);
            next.job_error = None;
        }
        ExploreAction::RowFailed {
            generation,
            combinator,
            message,
        } => {
            if generation == next.generation {
                next.job_error = Some(format!("{} could not run: {message}.", combinator.name()));
            }
        }
        ExploreAction::RowDone {
            generation,
            comparison,
        } => {
            let slot = next.scenario.as_ref().and_then(|scenario| {
                compare_order(scenario)
                    .iter()
                    .position(|combinator| *combinator == comparison.combinator)
            });
            if let (true, Some(rows), Some(slot)) =
                (generation == next.generation, &mut next.comparisons, slot)
            {
                rows[slot] = Some(comparison);
            }
        }
        ExploreAction::JobFailed { message } => {
            next.job_error = Some(message);
            next.shuffling = None;
        }
        ExploreAction::SequentialDone { scenario, totals } => {
            next.adopt(scenario);
            next.job_error = None;
            next.sequential = Some(totals);
        }
        ExploreAction::ShuffleDone { scenario, summary } => {
            next.adopt(scenario);
            next.job_error = None;
            next.runs_error = None;
            next.shuffles += 1;
            next.shuffled = Some(summary);
            next.shuffling = None;
        }
        ExploreAction::ShuffleProgress { done, runs } => next.shuffling = Some((done, runs)),
        ExploreAction::ShuffleAbandoned => next.shuffling = None,
        ExploreAction::RunsTyped { text } => {
            next.runs_text = text;
            next.runs_error = None;
        }
        ExploreAction::RunsRefused { message } => next.runs_error = Some(message),
    }
    next
}

/// Compare's rows: first the gather exactly as the editor holds it (with
/// return_exceptions=True if it is ticked), then the other variant and the other
/// combinators in [`Combinator::ALL`]'s order.
pub fn compare_order(scenario: &Scenario) -> [Combinator; Combinator::ALL.len()] {
    let mut order = Combinator::ALL;
    if scenario.root.return_exceptions {
        order.swap(0, 1);
    }
    order
}

/// The runs field read: how many shuffled runs to make.
pub fn parse_runs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(runs) if (1..=MAX_SHUFFLE_RUNS).contains(&runs) => Ok(runs),
        _ => Err(format!(
            "Runs: a whole number from 1 to {MAX_SHUFFLE_RUNS}."
        )),
    }
}

/// The root's children's names, in argument order: the panel's columns and lists.
pub fn child_names(scenario: &Scenario) -> Vec<String> {
    let view = RunView::new(0, scenario, 1.0);
    view.lanes
        .iter()
        .enumerate()
        .filter(|(_, lane)| lane.parent == Some(0))
        .map(|(node, _)| lane_name(&view.lanes, node))
        .collect()
}

#[cfg(test)]
#[path = "explore_tests.rs"]
mod tests;
