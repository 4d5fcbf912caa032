//! Every change to the page's state, grouped by what it concerns.

use super::chunked::Chunked;
use super::draft::Key;
pub use super::draft_edit::DraftEdit;
pub use super::guess::QuizAction;
pub use super::history::HistoryAction;
use super::replay::Step;
use super::state::Notice;
pub use super::why_state::{WhyAction, WhyLoad};
use gather_playground::scenario::{Report, RunEvent, Scenario};
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The scenario being edited changed.
    Draft(DraftEdit),
    /// Another scenario replaces it.
    Load(LoadAction),
    /// A real run started, moved on or ended.
    Run(RunAction),
    /// The replay of the run shown moved.
    Replay(ReplayAction),
    /// The page's settings and messages.
    Page(PageAction),
    /// What the why panel marks.
    Why(WhyAction),
    /// "Predict first": the mode, and the learner's pick.
    Quiz(QuizAction),
    /// Undo, redo, or a field left.
    History(HistoryAction),
}

#[derive(Clone, Debug, PartialEq)]
pub enum LoadAction {
    /// A preset was chosen, by its place in the list.
    Preset { index: usize },
    /// The JSON panel (`src/panels/`) loaded a scenario pasted into it: the panel has
    /// already said what was wrong with JSON that does not load.
    Pasted { scenario: Rc<Scenario> },
    /// The why panel's: a rule's demo, a myth, or the scenario they replaced, back.
    Why(WhyLoad),
}

/// A real run's progress. Each names its run: a late message of a run replaced since
/// changes nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum RunAction {
    Started {
        run: u64,
        scenario: Rc<Scenario>,
        speed: f64,
    },
    /// A redraw of a live run: its clock, and the events since the last one.
    Tick {
        run: u64,
        now_ms: f64,
        events: Vec<RunEvent>,
    },
    /// Every node finished: its last events, and the report.
    Finished {
        run: u64,
        events: Vec<RunEvent>,
        report: Report,
    },
    /// Stop was pressed: its last events, then every task was torn down.
    Stopped { run: u64, events: Vec<RunEvent> },
    /// Reset: back to the prediction.
    Cleared,
}

/// The replay of the run shown (the real run, or the prediction), whose events each
/// action carries.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplayAction {
    /// The slider was moved to a moment: every event up to then.
    Scrubbed {
        at_ms: f64,
        events: Chunked<RunEvent>,
    },
    /// One event back or on.
    Stepped {
        step: Step,
        events: Chunked<RunEvent>,
    },
    /// Back to the whole run.
    WholeRun,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PageAction {
    SetSpeed {
        speed: f64,
    },
    /// A gather's card was collapsed or expanded (the scenario is the same).
    SetCollapsed {
        key: Key,
        collapsed: bool,
    },
    ShowNotice {
        notice: Notice,
    },
    DismissNotice,
}
