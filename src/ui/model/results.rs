//! The outcome panel's figures: the root's children in argument order, beside the order
//! they completed in.

use super::numbers::{ms_text, Float};
use super::run_view::{Finish, RunView};
use super::timeline::received_state;
use super::wording::{describe_status, guarded_name, slot_words, status_class, Ending};
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

/// A node's end as its parent saw it: what it received through the node's timeout or
/// shield, if the node has one (the shield may end long before the node), else the node's
/// own end.
pub fn parent_end(view: &RunView, node: NodeId) -> Option<&Finish> {
    let trace = view.traces.get(node)?;
    match view.lanes.get(node) {
        Some(lane) if lane.guard.is_set() => trace.received.as_ref(),
        _ => trace.finished.as_ref(),
    }
}

/// What awaiting the root gives, as the outcome line writes it: the code, and its end.
/// With a timeout on the root, main awaits `wait_for(gather(…))`, and its outcome is what
/// that gave (`TimeoutError`), not the gather's own end.
pub fn main_awaits(view: &RunView) -> (String, Option<&Finish>) {
    let code = match view.lanes.first().and_then(|root| root.guard.timeout_ms) {
        Some(ms) => format!(
            "await asyncio.wait_for(gather(…), {})",
            Float(ms as f64 / 1000.0)
        ),
        None => "await gather(…)".to_owned(),
    };
    (code, parent_end(view, 0))
}

/// Under the outcome, for a root with a timeout: how the gather itself ended.
pub fn root_own_end(view: &RunView) -> Option<String> {
    let root = view.lanes.first()?;
    let own = view.traces.first()?.finished.as_ref()?;
    root.guard.timeout_ms.map(|_| {
        format!(
            "The gather itself {} at {}; main awaits it through wait_for, which gave the \
             outcome above.",
            describe_status(&own.status),
            ms_text(own.at_ms)
        )
    })
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

/// The children in the order their gather heard of their ends (their `Finished` events,
/// or for a child with a timeout or a shield its `Received`: the run emits them in
/// CPython's order, also among those of one millisecond), then those still running, in
/// argument order.
pub fn completion_order(view: &RunView, children: &[NodeId]) -> Vec<Completion> {
    let finish = |node: NodeId| parent_end(view, node);
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

/// What the list beside the completion order shows: a list only when `await gather(…)`
/// returned one; else each child's own end, which is no return value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Main's await returned the gather's list: its items, in argument order.
    TheList,
    /// Main's await raised or was cancelled (the run may go on): it got no list.
    NoList,
    /// Main has not heard of the gather's end yet (running, stopped, or a replay before
    /// it): the children's ends so far.
    NotYet,
}

/// Which of [`Shown`] the results show for `view`: what main got, through the root's
/// wait_for if it has a timeout (a gather that returned its list as its timeout fired
/// still gave main no list).
pub fn shown(view: &RunView) -> Shown {
    match parent_end(view, 0).map(|finish| &finish.status) {
        Some(Status::Ok { .. }) => Shown::TheList,
        Some(_) => Shown::NoList,
        None => Shown::NotYet,
    }
}

/// The heading of the list in argument order (also its accessible name).
pub fn list_heading(view: &RunView) -> String {
    match shown(view) {
        Shown::TheList => format!("The list {} returned (argument order)", main_awaits(view).0),
        Shown::NoList => "Each child's own end (argument order), not a return value".to_owned(),
        Shown::NotYet => "Each child's end so far (argument order): no list yet".to_owned(),
    }
}

/// Said plainly above the lists when main got no list: "await gather(…) raised
/// ValueError: bad — it returned no list."
pub fn no_list_words(view: &RunView) -> Option<String> {
    let (code, end) = main_awaits(view);
    match end.map(|finish| &finish.status) {
        Some(status @ (Status::Raised { .. } | Status::Cancelled)) => Some(format!(
            "{code} {} — it returned no list.",
            describe_status(status)
        )),
        _ => None,
    }
}

/// Where a completed child goes, in the completion order: "slot 1" of the list, or, when
/// main got no list, "argument 1" (there is no slot to go to).
pub fn completion_target(view: &RunView, slot: usize) -> String {
    match shown(view) {
        Shown::NoList => format!("argument {slot}"),
        _ => format!("slot {slot}"),
    }
}

/// A row's name in the list: `[1] B` for an item of the returned list, else the child's
/// name alone.
pub fn slot_label(view: &RunView, slot: usize, node: NodeId) -> String {
    match shown(view) {
        Shown::TheList => format!("[{slot}] {}", view.name(node)),
        _ => view.name(node),
    }
}

/// What the list in argument order holds at `slot`, and its style class: the item of the
/// list main got; with no list, the child's own end in words ("returned 1 at 300 ms",
/// "raised ValueError: bad at 100 ms", "still running"); before main heard of the end,
/// how the child ended so far as its gather got it.
pub fn slot_value(view: &RunView, slot: usize, node: NodeId) -> (String, &'static str) {
    match (shown(view), parent_end(view, 0)) {
        (
            Shown::TheList,
            Some(Finish {
                status:
                    Status::Ok {
                        value: Value::Array(items),
                    },
                ..
            }),
        ) => {
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
        (Shown::NoList, _) => {
            let own = view
                .traces
                .get(node)
                .and_then(|trace| trace.finished.as_ref());
            return match own {
                Some(own) => (
                    format!("{} at {}", describe_status(&own.status), ms_text(own.at_ms)),
                    status_class(Some(&own.status)),
                ),
                None => ("still running".to_owned(), status_class(None)),
            };
        }
        _ => {}
    }
    let status = parent_end(view, node).map(|finish| &finish.status);
    (slot_words(status), status_class(status))
}

/// For a child with a timeout or a shield, beside its slot: that the slot holds what its
/// gather got through them, and how the child itself ended (or that it still runs). With
/// no list, the row is the child's own end already: what its gather got beside it.
pub fn slot_note(view: &RunView, node: NodeId) -> Option<String> {
    let lane = view.lanes.get(node)?;
    if !lane.guard.is_set() {
        return None;
    }
    if shown(view) == Shown::NoList {
        return received_state(view, node);
    }
    let name = view.name(node);
    let through = guarded_name(&name, lane.guard);
    let own = match view
        .traces
        .get(node)
        .and_then(|trace| trace.finished.as_ref())
    {
        Some(own) => format!(
            "{name} itself {} at {}",
            describe_status(&own.status),
            ms_text(own.at_ms)
        ),
        None => format!("{name} itself is still running"),
    };
    Some(format!("from {through}; {own}"))
}

/// Said under the outcome when a child of the root has a timeout or a shield.
pub fn guarded_slots_note(view: &RunView) -> Option<&'static str> {
    let guarded = view
        .lanes
        .iter()
        .any(|lane| lane.parent == Some(0) && lane.guard.is_set());
    match (guarded, shown(view)) {
        (false, _) => None,
        (true, Shown::NoList) => Some(
            "A child with a timeout or a shield: beside its own end, what the gather got \
             through wait_for or shield.",
        ),
        (true, _) => Some(
            "A child with a timeout or a shield holds, in its slot, what the gather got \
             through wait_for or shield: TimeoutError, or a shield's CancelledError while the \
             child runs on.",
        ),
    }
}

/// Said beside the prediction when the scenario has a timeout or a shield: which CPython
/// it follows.
pub fn guards_python_note(view: &RunView) -> Option<&'static str> {
    view.lanes.iter().any(|lane| lane.guard.is_set()).then_some(
        "Timeouts and shields run as in CPython 3.12 and later: 3.11's wait_for differs when \
         events tie.",
    )
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
