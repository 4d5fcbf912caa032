//! The outcome panel's figures: the root's children in argument order, beside the order
//! they completed in.

use super::run_view::{Finish, RunView};
use super::wording::{slot_words, status_class, Ending};
use gather_playground::codegen::python_repr;
use gather_playground::scenario::{NodeId, Status};
use serde_json::Value;

/// The root's children, in argument order.
pub fn root_children(view: &RunView) -> Vec<NodeId> {
    view.lanes
        .iter()
        .enumerate()
        .filter(|(_, lane)| lane.parent == Some(0))
        .map(|(node, _)| node)
        .collect()
}

/// A row of the completion order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The child's position among the arguments: its slot in the result list.
    pub slot: usize,
    pub node: NodeId,
    /// It finished after its gather completed (its `Finished` event came after the
    /// gather's): it ran on, its result not in the list.
    pub late: bool,
}

/// The children in the order their `Finished` events came (which is CPython's, also among
/// those of one millisecond), then those still running, in argument order.
pub fn completion_order(view: &RunView, children: &[NodeId]) -> Vec<Completion> {
    let finish = |node: NodeId| {
        view.traces
            .get(node)
            .and_then(|trace| trace.finished.as_ref())
    };
    let outer_event = finish(0).map(|finish| finish.event);
    // Plain `(u64, usize)` pairs, as every sort of the page: one copy of the standard sort
    // in its wasm (~4 KB each) instead of one per element type.
    let mut keyed: Vec<(u64, usize)> = children
        .iter()
        .enumerate()
        .map(|(slot, node)| {
            let event = finish(*node).map_or(u64::MAX, |finish| finish.event as u64);
            (event, slot)
        })
        .collect();
    keyed.sort();
    keyed
        .into_iter()
        .map(|(_, slot)| {
            let node = children[slot];
            let late = match (finish(node), outer_event) {
                (Some(Finish { event, .. }), Some(outer)) => *event > outer,
                _ => false,
            };
            Completion { slot, node, late }
        })
        .collect()
}

/// What the result list holds at `slot`, and its style class: the gather's own list once it
/// returned one, else how the child ended so far.
pub fn slot_value(view: &RunView, slot: usize, node: NodeId) -> (String, &'static str) {
    let outer = view
        .traces
        .first()
        .and_then(|trace| trace.finished.as_ref());
    if let Some(Finish {
        status: Status::Ok {
            value: Value::Array(items),
        },
        ..
    }) = outer
    {
        if let Some(value) = items.get(slot) {
            // With return_exceptions, an exception stands in the list as an object.
            let ending = if value.is_object() {
                Ending::Raised
            } else {
                Ending::Returned
            };
            return (python_repr(value), ending.class());
        }
    }
    let status = view
        .traces
        .get(node)
        .and_then(|trace| trace.finished.as_ref())
        .map(|finish| &finish.status);
    (slot_words(status), status_class(status))
}

/// Said under the outcome when the gather's list holds exceptions.
pub fn return_exceptions_note(view: &RunView) -> Option<&'static str> {
    match view
        .traces
        .first()
        .and_then(|trace| trace.finished.as_ref())
    {
        Some(Finish {
            status: Status::Ok {
                value: Value::Array(items),
            },
            ..
        }) if items.iter().any(Value::is_object) => {
            Some("With return_exceptions=True, exceptions sit in the list in place of values.")
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "results_tests.rs"]
mod tests;
