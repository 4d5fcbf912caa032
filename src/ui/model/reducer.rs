//! The page's reducer: one sub-reducer per group of actions, each doing all that its
//! action implies.

use super::action::{Action, DraftEdit, LoadAction, PageAction, ReplayAction, RunAction};
use super::draft::{DraftKind, DraftNode};
use super::draft_edit;
use super::guess::{self, Quiz};
use super::history::{self, quoted};
use super::presets::PRESETS;
use super::replay::Playhead;
use super::run_view::RunView;
use super::state::{Notice, State};
use super::why_state::{self, WhyState};
use gather_playground::scenario::RunEvent;
use std::rc::Rc;

/// The state after `action`.
pub fn reduce(state: &State, action: Action) -> State {
    let mut next = state.clone();
    match action {
        Action::Draft(edit) => edit_draft(&mut next, edit),
        Action::Load(load) => load_scenario(&mut next, load),
        Action::Run(change) => change_run(&mut next, change),
        Action::Replay(change) => move_replay(&mut next, change),
        Action::Page(change) => change_page(&mut next, change),
        Action::Why(change) => why_state::reduce(&mut next, change),
        Action::Quiz(change) => guess::reduce(&mut next, change),
        Action::History(change) => history::reduce(&mut next, change),
    }
    next
}

/// An edit makes a new scenario: the preset's note, a replay and an ended run (its
/// prediction is shown instead) no longer describe it. A run in flight is kept until it
/// ends. Each is a step of the history (a burst of typing in one field, one step).
fn edit_draft(state: &mut State, edit: DraftEdit) {
    let before = history::before_edit(&state.history, &state.draft, &edit);
    draft_edit::apply(Rc::make_mut(&mut state.draft), edit);
    let preset = state.preset.take();
    history::after_edit(state, before, preset);
    state.playhead = None;
    if !state.running() {
        state.run = None;
    }
}

/// Another scenario in the editor: nothing of the last one's run or replay stays. It is
/// one step of the history; replacing a scenario of the person's own says so, and how to
/// get it back.
fn load_scenario(state: &mut State, load: LoadAction) {
    let held = history::held(state);
    let composed = history::composed(state);
    let replaced = |what: String| {
        Notice::undoable(format!(
            "{what} — your scenario was replaced. Undo (Ctrl/⌘+Z) brings it back."
        ))
    };
    let (scenario, preset, notice, what) = match load {
        LoadAction::Preset { index } => {
            match PRESETS
                .get(index)
                .and_then(|preset| Some((preset, preset.scenario()?)))
            {
                Some((chosen, scenario)) => (
                    scenario,
                    Some(index),
                    composed.then(|| replaced(format!("Loaded preset {}", quoted(chosen.name)))),
                    format!("load preset {}", quoted(chosen.name)),
                ),
                None => return,
            }
        }
        LoadAction::Why(load) => {
            // Another scenario: "predict first" asks again.
            state.quiz = Quiz::default();
            let what = why_state::load(state, load);
            return history::after_load(state, held, what);
        }
        LoadAction::Pasted { scenario } => (
            Rc::unwrap_or_clone(scenario),
            None,
            Some(if composed {
                replaced("Loaded the pasted scenario".into())
            } else {
                Notice::undoable("Loaded the pasted scenario. Undo (Ctrl/⌘+Z) takes it back.")
            }),
            "import the pasted JSON".into(),
        ),
    };
    state.draft = Rc::new(DraftNode::from_scenario(&scenario));
    state.preset = preset;
    state.run = None;
    state.playhead = None;
    state.notice = notice;
    state.quiz = Quiz::default();
    // What the why panel loaded and marked was of the scenario replaced.
    state.why = WhyState::default();
    history::after_load(state, held, what);
}

fn change_run(state: &mut State, change: RunAction) {
    let apply = |run: &mut RunView, events: &[RunEvent]| {
        events.iter().for_each(|event| run.apply(event));
    };
    match change {
        // A new run leaves any replay. The notice stays: the toolbar holding it sits above
        // everything, and taking it away would move the whole page (a big editor's
        // thousands of fields with it) just as the run starts. It goes when dismissed or
        // replaced.
        RunAction::Started {
            run,
            scenario,
            speed,
        } => {
            let mut view = RunView::new(run, &scenario, speed);
            view.scenario = Some(scenario);
            state.run = Some(view);
            state.playhead = None;
        }
        RunAction::Tick {
            run,
            now_ms,
            events,
        } => {
            if let Some(view) = run_mut(state, run) {
                apply(view, &events);
                if view.running() {
                    view.now_ms = view.now_ms.max(now_ms);
                }
            }
        }
        RunAction::Finished {
            run,
            events,
            report,
        } => {
            if let Some(view) = run_mut(state, run) {
                apply(view, &events);
                view.finish(report);
            }
        }
        RunAction::Stopped { run, events } => {
            if let Some(view) = run_mut(state, run) {
                apply(view, &events);
                view.stop();
            }
        }
        RunAction::Cleared => {
            state.run = None;
            state.playhead = None;
        }
    }
}

fn run_mut(state: &mut State, id: u64) -> Option<&mut RunView> {
    state.run.as_mut().filter(|run| run.id == id)
}

fn move_replay(state: &mut State, change: ReplayAction) {
    state.playhead = match change {
        ReplayAction::Scrubbed { at_ms, events } => Some(Playhead::at(&events, at_ms)),
        ReplayAction::Stepped { step, events } => Playhead::stepped(state.playhead, &events, step),
        ReplayAction::WholeRun => None,
    };
}

fn change_page(state: &mut State, change: PageAction) {
    match change {
        PageAction::SetSpeed { speed } => state.speed = speed,
        PageAction::SetCollapsed { key, collapsed } => {
            if let Some(node) = Rc::make_mut(&mut state.draft).find_mut(key) {
                if let DraftKind::Gather { .. } = node.kind {
                    node.collapsed = collapsed;
                }
            }
        }
        PageAction::ShowNotice { notice } => state.notice = Some(notice),
        PageAction::DismissNotice => state.notice = None,
    }
}

#[cfg(test)]
#[path = "reducer_tests.rs"]
mod tests;
