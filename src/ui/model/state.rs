//! The page's state: the draft, the settings, the run, the replay.

use super::draft::DraftNode;
use super::guess::Quiz;
use super::history::{History, HistoryAction};
use super::replay::Playhead;
use super::run_view::RunView;
use super::why_state::WhyState;
use std::rc::Rc;

/// The speeds a run may go at.
pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Where a replay stands; `None` shows the run live (or as it ended).
    pub playhead: Option<Playhead>,
    /// Shared, so that copying the state on every redraw of a run does not copy the draft.
    pub draft: Rc<DraftNode>,
    /// The preset loaded, until an edit.
    pub preset: Option<usize>,
    pub speed: f64,
    /// The last real run, in flight or ended; `None` shows the prediction.
    pub run: Option<RunView>,
    pub notice: Option<Notice>,
    /// What the why panel marks, and the scenario it replaced.
    pub why: WhyState,
    /// "Predict first": the prediction is hidden until the learner picks an outcome.
    pub predict_first: bool,
    /// The pick for the scenario in the editor.
    pub quiz: Quiz,
    /// The steps Undo and Redo go through; shared, as the draft is, so that the state copied
    /// on every redraw of a run does not copy them.
    pub history: Rc<History>,
}

/// A message in the toolbar.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// It tells of a change that Undo takes back (or Redo does again), and offers its
    /// button.
    pub offer: Option<HistoryAction>,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            is_error: false,
            offer: None,
        }
    }

    /// A change that replaced the scenario, with an Undo button.
    pub fn undoable(text: impl Into<String>) -> Notice {
        Notice::offering(text, HistoryAction::Undo)
    }

    pub fn offering(text: impl Into<String>, offer: HistoryAction) -> Notice {
        Notice {
            offer: Some(offer),
            ..Notice::info(text)
        }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            is_error: true,
            offer: None,
        }
    }
}

/// What the watch panel shows: a run (or the prediction), whole or at the playhead.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The whole recorded run, or the prediction: what the replay moves through.
    pub recorded: RunView,
    /// It, or it as it stood at the playhead.
    pub view: RunView,
    /// Whether it is the prediction.
    pub predicted: bool,
}

impl State {
    pub fn new(draft: DraftNode, preset: Option<usize>, speed: f64) -> Self {
        State {
            playhead: None,
            draft: Rc::new(draft),
            preset,
            speed,
            run: None,
            notice: None,
            why: WhyState::default(),
            predict_first: false,
            quiz: Quiz::default(),
            history: Rc::default(),
        }
    }

    /// Whether a real run is in flight.
    pub fn running(&self) -> bool {
        self.run.as_ref().is_some_and(RunView::running)
    }

    /// The run to show: the real one if there is one, else `prediction`; at the playhead
    /// when a replay is on (never during a run, which is shown live).
    pub fn shown(&self, prediction: Option<&RunView>) -> Option<Shown> {
        let (recorded, predicted) = match (&self.run, prediction) {
            (Some(run), _) => (run.clone(), false),
            (None, Some(prediction)) => (prediction.clone(), true),
            (None, None) => return None,
        };
        let view = match self.playhead {
            Some(playhead) if !self.running() => recorded.at(playhead),
            _ => recorded.clone(),
        };
        Some(Shown {
            recorded,
            view,
            predicted,
        })
    }
}
