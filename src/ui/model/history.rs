//! Undo and redo of the scenario: every edit and every load (a preset, a pasted scenario, a
//! demo or a myth, a shared link) is a step that can be taken back and done again.
//!
//! A step keeps what puts its change back, not a copy of the whole draft: an edit of one
//! field keeps that node's own settings, a removal the node removed. A 10,000-node scenario
//! edited a hundred times then holds a hundred small patches, not a million nodes. Only a
//! load keeps a whole draft, which it shares (`Rc`) with whatever else holds it.
//!
//! Typing in one field (or dragging one delay) is one step until the field is left: the
//! edits of a burst are merged into the step its first one made, and a burst that puts the
//! field back as it was is no step at all.

use super::draft::{DraftKind, DraftNode, Field, Key};
use super::draft_edit::DraftEdit;
use super::history_patch::{apply, find, own, place_of, Patch};
pub(super) use super::history_words::quoted;
pub use super::history_words::{browser_answers, history_key, KeyPlace};
use super::history_words::{field_words, flag_words, named};
use super::state::{Notice, State};
use super::why_state::WhyState;
use std::collections::VecDeque;
use std::rc::Rc;

/// How many steps back the page keeps; older ones are forgotten.
pub const HISTORY_STEPS: usize = 100;

/// A move through the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryAction {
    Undo,
    Redo,
    /// A field was left: what is typed next is another step.
    Seal,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Step {
    patch: Patch,
    /// The preset loaded (unedited) on the other side of the step.
    preset: Option<usize>,
    /// What the change was: "load preset ‘Fail fast’".
    what: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    past: VecDeque<Step>,
    future: Vec<Step>,
    /// The field typed in (or the delay dragged) whose edits the last step gathers.
    typing: Option<(Key, Field)>,
}

impl History {
    /// What Undo would take back, if anything.
    pub fn undo_what(&self) -> Option<&str> {
        self.past.back().map(|step| step.what.as_str())
    }

    /// What Redo would do again, if anything.
    pub fn redo_what(&self) -> Option<&str> {
        self.future.last().map(|step| step.what.as_str())
    }

    /// Whether a field is being typed in (its burst not yet left): its own text undo is the
    /// browser's until then.
    pub fn typing(&self) -> bool {
        self.typing.is_some()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.past.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.past.is_empty()
    }

    fn push(&mut self, step: Step) {
        if self.past.len() == HISTORY_STEPS {
            self.past.pop_front();
        }
        self.past.push_back(step);
    }
}

/// What an edit will record, worked out before it is made.
pub(super) enum Before {
    /// It goes on the burst the last step gathers.
    Merge,
    /// A new step, if the edit changes anything.
    New(Step, Option<(Key, Field)>),
    /// An edit of a node that is not there: nothing changes.
    Nothing,
}

/// The field whose burst an edit belongs to: typing in it, or dragging its delay.
fn burst_of(edit: &DraftEdit) -> Option<(Key, Field)> {
    match edit {
        DraftEdit::SetField { key, field, .. } => Some((*key, *field)),
        DraftEdit::SetDelay { key, .. } | DraftEdit::NudgeDelay { key, .. } => {
            Some((*key, Field::Delay))
        }
        _ => None,
    }
}

/// Before `edit` is made on `draft`: what will put it back.
pub(super) fn before_edit(history: &History, draft: &DraftNode, edit: &DraftEdit) -> Before {
    let burst = burst_of(edit);
    if burst.is_some() && burst == history.typing {
        return Before::Merge;
    }
    let name_of = |key: Key| named(draft, key);
    let (patch, what) = match edit {
        DraftEdit::SetField { key, field, .. } => {
            let Some(node) = find(draft, *key) else {
                return Before::Nothing;
            };
            (
                Patch::Own(Box::new(own(node))),
                format!("edit {} of {}", field_words(*field), name_of(*key)),
            )
        }
        DraftEdit::SetDelay { key, .. } | DraftEdit::NudgeDelay { key, .. } => {
            let Some(node) = find(draft, *key) else {
                return Before::Nothing;
            };
            (
                Patch::Own(Box::new(own(node))),
                format!("change the sleep of {}", name_of(*key)),
            )
        }
        DraftEdit::SetFlag { key, flag, on } => {
            let Some(node) = find(draft, *key) else {
                return Before::Nothing;
            };
            (
                Patch::Own(Box::new(own(node))),
                flag_words(*flag, *on, &name_of(*key)),
            )
        }
        DraftEdit::AddChild {
            parent,
            nested_gather,
        } => {
            let Some(DraftNode {
                kind: DraftKind::Gather { children, .. },
                ..
            }) = find(draft, *parent)
            else {
                return Before::Nothing;
            };
            let what = if *nested_gather {
                "add a nested gather to"
            } else {
                "add a child to"
            };
            (
                Patch::RemoveAt {
                    parent: *parent,
                    index: children.len(),
                },
                format!("{what} {}", name_of(*parent)),
            )
        }
        DraftEdit::Remove { key } => {
            let Some((parent, index, node)) = place_of(draft, *key) else {
                return Before::Nothing;
            };
            (
                Patch::Insert {
                    parent,
                    index,
                    node: Rc::new(node.clone()),
                },
                format!("remove {}", name_of(*key)),
            )
        }
        DraftEdit::Duplicate { key } => {
            let Some((parent, index, _)) = place_of(draft, *key) else {
                return Before::Nothing;
            };
            (
                Patch::RemoveAt {
                    parent,
                    index: index + 1,
                },
                format!("duplicate {}", name_of(*key)),
            )
        }
        DraftEdit::Move { key, by } => {
            let Some((parent, index, _)) = place_of(draft, *key) else {
                return Before::Nothing;
            };
            let siblings = match find(draft, parent).map(|parent| &parent.kind) {
                Some(DraftKind::Gather { children, .. }) => children.len(),
                _ => 0,
            };
            let Some(target) = index.checked_add_signed(*by).filter(|at| *at < siblings) else {
                return Before::Nothing;
            };
            let way = if *by < 0 { "up" } else { "down" };
            (
                Patch::Swap {
                    parent,
                    a: index,
                    b: target,
                },
                format!("move {} {way}", name_of(*key)),
            )
        }
    };
    Before::New(
        Step {
            patch,
            preset: None,
            what,
        },
        burst,
    )
}

/// After the edit worked out `before` was made: its step recorded (`preset` is the one
/// loaded before it), or merged into the burst's, or dropped when nothing changed.
pub(super) fn after_edit(state: &mut State, before: Before, preset: Option<usize>) {
    let unchanged = |state: &State, old: &DraftNode| {
        find(&state.draft, old.key).is_some_and(|now| own(now) == *old)
    };
    match before {
        // Nothing changed: the preset is as loaded still.
        Before::Nothing => state.preset = preset,
        Before::Merge => {
            // The burst put its node back as it was: no step.
            let undone = state
                .history
                .past
                .back()
                .is_some_and(|step| match &step.patch {
                    Patch::Own(old) => unchanged(state, old),
                    _ => false,
                });
            if undone {
                let history = Rc::make_mut(&mut state.history);
                state.preset = history.past.pop_back().and_then(|step| step.preset);
                history.typing = None;
            }
        }
        Before::New(mut step, burst) => {
            if let Patch::Own(old) = &step.patch {
                if unchanged(state, old) {
                    state.preset = preset;
                    return;
                }
            }
            step.preset = preset;
            let history = Rc::make_mut(&mut state.history);
            history.push(step);
            history.future.clear();
            history.typing = burst;
            withdraw_offer(state);
        }
    }
}

/// What the page held before a load: pass it to [`after_load`].
pub(super) struct Held {
    draft: Rc<DraftNode>,
    why: WhyState,
    preset: Option<usize>,
    notice: Option<Notice>,
}

pub(super) fn held(state: &State) -> Held {
    Held {
        draft: Rc::clone(&state.draft),
        why: state.why.clone(),
        preset: state.preset,
        notice: state.notice.clone(),
    }
}

/// Whether the editor holds a scenario of the person's own: not a preset or a demo as it
/// was loaded. Replacing it is announced.
pub(super) fn composed(state: &State) -> bool {
    let demo = state
        .why
        .replaced
        .as_ref()
        .is_some_and(|replaced| Rc::ptr_eq(&replaced.by, &state.draft));
    state.preset.is_none() && !demo
}

/// After a load replaced what `held` held (if it did): one step, `what`.
pub(super) fn after_load(state: &mut State, held: Held, what: String) {
    if Rc::ptr_eq(&held.draft, &state.draft) {
        return;
    }
    // A notice the load left in place is of an older change.
    if state.notice == held.notice {
        withdraw_offer(state);
    }
    let history = Rc::make_mut(&mut state.history);
    history.push(Step {
        patch: Patch::Whole {
            draft: held.draft,
            why: Box::new(held.why),
        },
        preset: held.preset,
        what,
    });
    history.future.clear();
    history.typing = None;
}

/// An older notice's Undo button would now take back something else: it goes (its words
/// stay, so that the toolbar does not change height under the person's hands).
fn withdraw_offer(state: &mut State) {
    if let Some(notice) = &mut state.notice {
        notice.offer = None;
    }
}

pub(super) fn reduce(state: &mut State, change: HistoryAction) {
    match change {
        HistoryAction::Seal => Rc::make_mut(&mut state.history).typing = None,
        HistoryAction::Undo => travel(state, true),
        HistoryAction::Redo => travel(state, false),
    }
}

/// One step back (or on): the step applied, its inverse kept for the way back, and said.
fn travel(state: &mut State, back: bool) {
    let history = Rc::make_mut(&mut state.history);
    history.typing = None;
    let step = if back {
        history.past.pop_back()
    } else {
        history.future.pop()
    };
    let Some(step) = step else {
        return;
    };
    let Step {
        patch,
        preset,
        what,
    } = step;
    let patch = apply(state, patch);
    let inverse = Step {
        patch,
        preset: std::mem::replace(&mut state.preset, preset),
        what: what.clone(),
    };
    let history = Rc::make_mut(&mut state.history);
    if back {
        history.future.push(inverse);
    } else {
        history.push(inverse);
    }
    // As after an edit: a replay or an ended run no longer describes the scenario.
    state.playhead = None;
    if !state.running() {
        state.run = None;
    }
    // Each offers the way back, in the place of the button pressed, if it was the notice's.
    state.notice = Some(if back {
        Notice::offering(
            format!("Undone: {what}. Redo (Shift+Ctrl/⌘+Z) does it again."),
            HistoryAction::Redo,
        )
    } else {
        Notice::offering(format!("Redone: {what}."), HistoryAction::Undo)
    });
}

/// At the page's start, with a link's scenario in place of the one saved: a step back to
/// the saved one.
pub(super) fn opened_link(state: &mut State, saved: Rc<DraftNode>, preset: Option<usize>) {
    Rc::make_mut(&mut state.history).push(Step {
        patch: Patch::Whole {
            draft: saved,
            why: Box::default(),
        },
        preset,
        what: "open the shared link".into(),
    });
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
