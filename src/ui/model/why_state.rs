//! What the page's why panel changes: the rules whose events it marks, and the scenario a
//! rule's demo or a myth loaded in place of the person's, which it can put back.

use super::draft::DraftNode;
use super::history::quoted;
use super::state::{Notice, State};
use gather_playground::explain::{Myth, Rule};
use gather_playground::scenario::Scenario;
use std::rc::Rc;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhyState {
    /// The rules whose events the log and the timeline mark; none marks nothing.
    pub marked: Vec<Rule>,
    /// What the why panel last loaded into the editor.
    pub loaded: Option<Loaded>,
    /// The scenario it replaced, to put back.
    pub replaced: Option<Replaced>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// A rule's smallest scenario ("Show me").
    Demo(Rule),
    /// A myth's scenario, run on real timers ("Try it").
    Myth(Myth),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    pub draft: Rc<DraftNode>,
    pub preset: Option<usize>,
    /// The draft loaded in its place: while the editor still holds it (unedited), another
    /// load keeps this one to put back, not the demo.
    pub by: Rc<DraftNode>,
}

/// A change of what is marked.
#[derive(Clone, Debug, PartialEq)]
pub enum WhyAction {
    /// Mark the events these rules decided (none: mark nothing).
    Marked { rules: Vec<Rule> },
}

/// What the why panel loads into the editor (the `LoadAction`s of its own).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WhyLoad {
    Demo {
        rule: Rule,
    },
    Myth {
        myth: Myth,
    },
    /// The scenario the last of them replaced, back.
    PutBack,
}

pub(super) fn reduce(state: &mut State, change: WhyAction) {
    match change {
        WhyAction::Marked { rules } => state.why.marked = rules,
    }
}

/// A demo or a myth in place of the editor's scenario, or the scenario it replaced back:
/// like any load, nothing of the last run or replay stays. Gives what it did, in words, for
/// the history's step.
pub(super) fn load(state: &mut State, load: WhyLoad) -> String {
    let (scenario, loaded, marked, notice): (Scenario, Loaded, Vec<Rule>, String) = match load {
        WhyLoad::Demo { rule } => (
            rule.demo(),
            Loaded::Demo(rule),
            vec![rule],
            format!(
                "Loaded the smallest scenario that shows rule {} in place of yours; its events \
                 are marked in the log and on the timeline. “Put my scenario back”, in the Why \
                 panel, undoes it.",
                rule.id()
            ),
        ),
        WhyLoad::Myth { myth } => (
            myth.scenario(),
            Loaded::Myth(myth),
            myth.rules().to_vec(),
            format!(
                "Trying “{}” on real timers, in place of your scenario. “Put my scenario back”, \
                 in the Why panel, undoes it.",
                myth.claim()
            ),
        ),
        WhyLoad::PutBack => {
            if let Some(replaced) = state.why.replaced.take() {
                state.draft = replaced.draft;
                state.preset = replaced.preset;
                state.run = None;
                state.playhead = None;
                state.why = WhyState::default();
                state.notice = Some(Notice::undoable("Your scenario is back."));
            }
            return "put your scenario back".into();
        }
    };
    let what = match loaded {
        Loaded::Demo(rule) => format!("show rule {}", rule.id()),
        Loaded::Myth(myth) => format!("try the myth {}", quoted(myth.claim())),
    };
    let draft = Rc::new(DraftNode::from_scenario(&scenario));
    let (kept, preset) = match state.why.replaced.take() {
        Some(replaced) if Rc::ptr_eq(&replaced.by, &state.draft) => {
            (replaced.draft, replaced.preset)
        }
        _ => (Rc::clone(&state.draft), state.preset),
    };
    state.why = WhyState {
        marked,
        loaded: Some(loaded),
        replaced: Some(Replaced {
            draft: kept,
            preset,
            by: Rc::clone(&draft),
        }),
    };
    state.draft = draft;
    state.preset = None;
    state.run = None;
    state.playhead = None;
    state.notice = Some(Notice::undoable(notice));
    what
}

#[cfg(test)]
#[path = "why_state_tests.rs"]
mod tests;
