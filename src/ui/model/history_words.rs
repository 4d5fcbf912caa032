//! The history's words: what each step did, as Undo and Redo name it; and which key asks
//! for which, and when a text field's own undo answers instead.

use super::draft::{DraftNode, Field, Flag, Key};
use super::history::{History, HistoryAction};
use super::history_patch::find;
use super::timeline::truncate;
use super::wording::node_name;

/// How much of a label a step's words quote (the button's name would be a wall of text).
const NAME_CHARS: usize = 40;

/// The node as the page names it (see [`node_name`]), cut short for a button's name.
pub(super) fn named(draft: &DraftNode, key: Key) -> String {
    let keys = draft.preorder_keys();
    let id = keys.iter().position(|each| *each == key).unwrap_or(0);
    let (label, is_gather) = find(draft, key)
        .map(|node| (node.label.as_str(), node.is_gather()))
        .unwrap_or(("", false));
    truncate(&node_name(label, id, is_gather), NAME_CHARS)
}

/// A name quoted in a step's words, cut short.
pub(super) fn quoted(name: &str) -> String {
    format!("‘{}’", truncate(name, NAME_CHARS))
}

pub(super) fn field_words(field: Field) -> &'static str {
    match field {
        Field::Label => "the label",
        Field::Limit => "the limit",
        Field::Delay => "the sleep",
        Field::CancelAt => "the cancel time",
        Field::Timeout => "the timeout",
        Field::Value => "the value",
        Field::ErrorType => "the exception",
        Field::ErrorMessage => "the message",
        Field::CleanupDelay => "the cleanup's time",
        Field::CleanupValue => "the cleanup's value",
        Field::CleanupErrorType => "the cleanup's exception",
        Field::CleanupErrorMessage => "the cleanup's message",
    }
}

pub(super) fn flag_words(flag: Flag, on: bool, name: &str) -> String {
    match (flag, on) {
        (Flag::Raises, true) => format!("make {name} raise"),
        (Flag::Raises, false) => format!("make {name} return"),
        (Flag::HasCleanup, true) => format!("give {name} a cleanup"),
        (Flag::HasCleanup, false) => format!("take {name}'s cleanup away"),
        (Flag::CleanupRaises, true) => format!("make {name}'s cleanup raise"),
        (Flag::CleanupRaises, false) => format!("make {name}'s cleanup return"),
        (Flag::ReturnExceptions, true) => format!("turn return_exceptions on for {name}"),
        (Flag::ReturnExceptions, false) => format!("turn return_exceptions off for {name}"),
        (Flag::Shield, true) => format!("shield {name}"),
        (Flag::Shield, false) => format!("unshield {name}"),
    }
}

/// What a key press asks of the history: Ctrl/⌘+Z undoes, Shift+Ctrl/⌘+Z and Ctrl+Y redo.
pub fn history_key(
    key: &str,
    ctrl: bool,
    meta: bool,
    shift: bool,
    alt: bool,
) -> Option<HistoryAction> {
    if alt || !(ctrl || meta) {
        return None;
    }
    match key {
        "z" | "Z" if shift => Some(HistoryAction::Redo),
        "z" | "Z" => Some(HistoryAction::Undo),
        "y" | "Y" if ctrl && !shift => Some(HistoryAction::Redo),
        _ => None,
    }
}

/// Where a key press happened, for who answers Ctrl+Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPlace {
    /// A text field of the scenario editor.
    EditorText,
    /// Any other text field (the JSON paste box, the search boxes): not the scenario.
    OtherText,
    /// Anywhere else on the page.
    Page,
}

/// Whether the browser's own text undo answers `action` rather than the page's history.
///
/// In a field of the editor being typed in, Ctrl+Z takes back characters as in any text
/// field, the browser's way (its edits reach the draft as typing does, in the same step);
/// once the field is as it was, or when nothing is being typed, it is the page's undo. In a
/// text field that is not the scenario's it is always the browser's.
pub fn browser_answers(place: KeyPlace, history: &History, action: HistoryAction) -> bool {
    let nothing = match action {
        HistoryAction::Undo => history.undo_what().is_none(),
        HistoryAction::Redo => history.redo_what().is_none(),
        HistoryAction::Seal => true,
    };
    match place {
        KeyPlace::OtherText => true,
        KeyPlace::EditorText => history.typing() || nothing,
        KeyPlace::Page => false,
    }
}
