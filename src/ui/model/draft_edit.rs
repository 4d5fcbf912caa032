//! What a person changes in the draft, and each change made.

use super::draft::{DraftCleanup, DraftKind, DraftNode, DraftOutcome, Field, Flag, Key};
use gather_playground::scenario::MAX_TIME_MS;

/// A change to the scenario being edited. Each one leaves the preset's note, any replay and
/// an ended run behind (see `reducer.rs`): they no longer describe the edited scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    /// A text field was typed in.
    SetField {
        key: Key,
        field: Field,
        text: String,
    },
    /// A checkbox or a returns/raises choice was changed.
    SetFlag {
        key: Key,
        flag: Flag,
        on: bool,
    },
    /// "+ Child" or "+ Nested gather" was pressed on a gather.
    AddChild {
        parent: Key,
        nested_gather: bool,
    },
    Remove {
        key: Key,
    },
    /// A copy of the node is put right after it.
    Duplicate {
        key: Key,
    },
    /// The node swaps places with the sibling `by` away (-1 up, +1 down).
    Move {
        key: Key,
        by: isize,
    },
    /// A future's delay set from the timeline (a drag, Home).
    SetDelay {
        key: Key,
        delay_ms: u64,
    },
    /// A future's delay moved by `by_ms` from what it is now (the arrow keys: key repeats
    /// that come faster than the page redraws each count).
    NudgeDelay {
        key: Key,
        by_ms: i64,
    },
}

/// A cleanup as first offered: it takes 100 ms and returns "cleaned up".
fn first_cleanup() -> DraftCleanup {
    DraftCleanup {
        delay: "100".into(),
        outcome: DraftOutcome {
            value: "\"cleaned up\"".into(),
            ..DraftOutcome::blank()
        },
    }
}

/// Makes `edit` on `draft`; an edit of a node that is not there (any more) does nothing.
pub fn apply(draft: &mut DraftNode, edit: DraftEdit) {
    match edit {
        DraftEdit::SetField { key, field, text } => {
            if let Some(node) = draft.find_mut(key) {
                set_field(node, field, text);
            }
        }
        // The root has no shield: only main awaits it.
        DraftEdit::SetFlag {
            key,
            flag: Flag::Shield,
            ..
        } if key == draft.key => {}
        DraftEdit::SetFlag { key, flag, on } => {
            if let Some(node) = draft.find_mut(key) {
                set_flag(node, flag, on);
            }
        }
        DraftEdit::AddChild {
            parent,
            nested_gather,
        } => {
            if let Some(DraftNode {
                kind: DraftKind::Gather { children, .. },
                collapsed,
                ..
            }) = draft.find_mut(parent)
            {
                children.push(new_child(children.len(), nested_gather));
                // The new child is to be seen.
                *collapsed = false;
            }
        }
        DraftEdit::Remove { key } => {
            if let Some((siblings, index)) = draft.parent_of_mut(key) {
                siblings.remove(index);
            }
        }
        DraftEdit::Duplicate { key } => {
            if let Some((siblings, index)) = draft.parent_of_mut(key) {
                let copy = siblings[index].rekeyed();
                siblings.insert(index + 1, copy);
            }
        }
        DraftEdit::Move { key, by } => {
            if let Some((siblings, index)) = draft.parent_of_mut(key) {
                if let Some(target) = index
                    .checked_add_signed(by)
                    .filter(|target| *target < siblings.len())
                {
                    siblings.swap(index, target);
                }
            }
        }
        DraftEdit::SetDelay { key, delay_ms } => {
            if let Some(DraftNode {
                kind: DraftKind::Future { delay, .. },
                ..
            }) = draft.find_mut(key)
            {
                *delay = delay_ms.to_string();
            }
        }
        DraftEdit::NudgeDelay { key, by_ms } => {
            if let Some(DraftNode {
                kind: DraftKind::Future { delay, .. },
                ..
            }) = draft.find_mut(key)
            {
                // A delay being typed (not a number yet) is left as it is.
                if let Ok(now) = delay.trim().parse::<u64>() {
                    let moved = now.saturating_add_signed(by_ms).min(MAX_TIME_MS);
                    *delay = moved.to_string();
                }
            }
        }
    }
}

/// The child added at `index`: named by its place (A, B, … Z, A1, B1, …), a future that
/// returns its name after 300 ms, or a gather with one child of its own.
fn new_child(index: usize, nested_gather: bool) -> DraftNode {
    let letter = (b'A' + (index % 26) as u8) as char;
    let name = if index < 26 {
        letter.to_string()
    } else {
        format!("{letter}{}", index / 26)
    };
    if !nested_gather {
        return DraftNode::future(&name, 300, serde_json::json!(name));
    }
    let mut group = DraftNode::gather(&format!("group {name}"));
    if let DraftKind::Gather { children, .. } = &mut group.kind {
        children.push(DraftNode::future(
            &format!("{name}1"),
            200,
            serde_json::json!(1),
        ));
    }
    group
}

fn set_field(node: &mut DraftNode, field: Field, text: String) {
    match (field, &mut node.kind) {
        (Field::Label, _) => node.label = text,
        (Field::CancelAt, _) => node.cancel_at = text,
        (Field::Timeout, _) => node.timeout = text,
        (Field::Limit, DraftKind::Gather { limit, .. }) => *limit = text,
        (Field::Delay, DraftKind::Future { delay, .. }) => *delay = text,
        (Field::Value, DraftKind::Future { outcome, .. }) => outcome.value = text,
        (Field::ErrorType, DraftKind::Future { outcome, .. }) => outcome.error_type = text,
        (Field::ErrorMessage, DraftKind::Future { outcome, .. }) => outcome.error_message = text,
        (
            Field::CleanupDelay
            | Field::CleanupValue
            | Field::CleanupErrorType
            | Field::CleanupErrorMessage,
            DraftKind::Future {
                cleanup: Some(cleanup),
                ..
            },
        ) => match field {
            Field::CleanupDelay => cleanup.delay = text,
            Field::CleanupValue => cleanup.outcome.value = text,
            Field::CleanupErrorType => cleanup.outcome.error_type = text,
            _ => cleanup.outcome.error_message = text,
        },
        // A field the node does not have (a stale edit): nothing to change.
        _ => {}
    }
}

fn set_flag(node: &mut DraftNode, flag: Flag, on: bool) {
    if flag == Flag::Shield {
        node.shield = on;
        return;
    }
    match (&mut node.kind, flag) {
        (
            DraftKind::Gather {
                return_exceptions, ..
            },
            Flag::ReturnExceptions,
        ) => *return_exceptions = on,
        (DraftKind::Future { outcome, .. }, Flag::Raises) => outcome.raises = on,
        (DraftKind::Future { cleanup, .. }, Flag::HasCleanup) => match (on, cleanup.is_some()) {
            (true, false) => *cleanup = Some(first_cleanup()),
            (false, _) => *cleanup = None,
            // Kept as typed when ticked again.
            (true, true) => {}
        },
        (
            DraftKind::Future {
                cleanup: Some(cleanup),
                ..
            },
            Flag::CleanupRaises,
        ) => cleanup.outcome.raises = on,
        _ => {}
    }
}

#[cfg(test)]
#[path = "draft_edit_tests.rs"]
mod tests;
