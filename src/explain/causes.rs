//! Why each event of a run happened: the event that caused it, and the rules that decided.

use super::Rule;
use crate::scenario::{CancelSource, NodeId, NodeView, RunEvent, Scenario, Status};
use serde_json::Value;

/// Why one event of a run happened.
///
/// Built from the run's own record (its events, in the order the loop ran them, and the
/// causes the runner noted in them: who passed a `cancel()` on, which child completed a
/// gather, whose slot a waiting child got), never from text written for a scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Why {
    /// The earlier event that caused this one, if another did: the `cancel()` a cleanup
    /// caught, the child end that completed a gather, the gather `cancel()` that passed the
    /// request on, the timeout that cancelled a node.
    pub cause: Option<usize>,
    /// The rules that decided it, most specific first.
    pub rules: Vec<Rule>,
    /// A `cancel()` that returned False: why it did.
    pub refused: Option<Refusal>,
    /// The node ended after its gather had completed: that gather's end (an event index).
    pub after_gather: Option<usize>,
    /// A cancellation that arrived at the very millisecond the sleep it interrupted was due
    /// to end (rule H4).
    pub at_the_same_moment: bool,
    /// A child that got its slot when another ended: that child.
    pub slot_from: Option<NodeId>,
}

/// Why a `cancel()` returned False.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It was already done (rule E1).
    AlreadyDone,
    /// A gather not yet done, every child of which was (rule E2).
    EveryChildDone,
}

/// What the walk knows of a node so far.
#[derive(Clone, Default)]
struct NodeState {
    started_at: Option<f64>,
    slot_at: Option<f64>,
    /// The last accepted `cancel()` on the node.
    cancelled_by: Option<usize>,
    cleanup: Option<usize>,
    /// A gather whose `cancel()` was accepted.
    cancel_requested: bool,
    timeout_fired: Option<usize>,
    finished: Option<usize>,
    received: Option<usize>,
    last_cancel_call: Option<usize>,
    /// A child of a gather with a limit: its sleep starts at its slot, not at its start.
    limited: bool,
}

/// Why each event of `events` (a run of `scenario`, in the order they came) happened: one
/// [`Why`] per event.
///
/// # Examples
///
/// ```
/// use gather_playground::explain::{explain, Rule};
/// use gather_playground::scenario::{Run, Scenario};
/// use gather_playground::VirtualClock;
/// use std::{cell::RefCell, rc::Rc};
///
/// let scenario = Rule::C1.demo();
/// let clock = VirtualClock::new();
/// let events = Rc::new(RefCell::new(Vec::new()));
/// let log = Rc::clone(&events);
/// let run = Run::start(clock.runtime(), &scenario, move |event| log.borrow_mut().push(event.clone()));
/// clock.block_on(run.report());
/// let events = events.borrow();
/// let whys = explain(&scenario, &events);
/// // The root's end was caused by the first child to fail, under rule C1.
/// let root_end = events.iter().position(|e| matches!(e, gather_playground::scenario::RunEvent::Finished { node: 0, .. })).unwrap();
/// assert!(whys[root_end].rules.contains(&Rule::C1));
/// assert!(whys[root_end].cause.is_some());
/// ```
pub fn explain(scenario: &Scenario, events: &[RunEvent]) -> Vec<Why> {
    let nodes = scenario.flatten();
    let mut state = vec![NodeState::default(); nodes.len()];
    let mut whys = Vec::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        let node = event.node();
        let Some(view) = nodes.get(node).map(|flat| flat.view) else {
            whys.push(Why::default());
            continue;
        };
        let parent = nodes[node].parent;
        let mut why = Why::default();
        match event {
            RunEvent::Started { at_ms, .. } => {
                state[node].started_at = Some(*at_ms);
                why.rules.push(Rule::A1);
                if limited(&nodes, node) {
                    state[node].limited = true;
                    why.rules.push(Rule::L1);
                }
            }
            RunEvent::SlotAcquired {
                at_ms, freed_by, ..
            } => {
                state[node].slot_at = Some(*at_ms);
                why.slot_from = *freed_by;
                why.rules.push(if freed_by.is_some() {
                    Rule::L2
                } else {
                    Rule::L1
                });
            }
            RunEvent::CancelCalled {
                returned, source, ..
            } => {
                why.cause = match source {
                    CancelSource::Gather { gather } => {
                        state.get(*gather).and_then(|s| s.last_cancel_call)
                    }
                    CancelSource::Timeout => state[node].timeout_fired,
                    CancelSource::WaitFor => state[node].last_cancel_call,
                    CancelSource::TaskGroup => first_failure(events, &nodes, index),
                    CancelSource::Scheduled | CancelSource::User => None,
                };
                let is_gather = matches!(view, NodeView::Gather(_));
                if *returned {
                    state[node].cancelled_by = Some(index);
                    if is_gather {
                        state[node].cancel_requested = true;
                        why.rules.push(Rule::E2);
                    } else {
                        why.rules.push(Rule::E4);
                    }
                    if matches!(source, CancelSource::Gather { .. }) {
                        why.rules.push(if is_gather { Rule::E6 } else { Rule::E2 });
                    }
                } else if state[node].finished.is_some() || !is_gather {
                    why.refused = Some(Refusal::AlreadyDone);
                    why.rules.push(Rule::E1);
                } else {
                    why.refused = Some(Refusal::EveryChildDone);
                    why.rules.push(Rule::E2);
                }
                match source {
                    CancelSource::WaitFor => why.rules.push(Rule::E7),
                    CancelSource::Timeout => {
                        why.rules.push(Rule::W1);
                        if is_gather {
                            why.rules.push(Rule::E7);
                        }
                    }
                    // A cancel time that falls on a sleep's end, or at 0: main set it before
                    // any child ran.
                    CancelSource::Scheduled
                        if event.at_ms().round() == 0.0
                            || cut_at_its_end(view, &state[node], event.at_ms()) =>
                    {
                        why.rules.push(Rule::H6)
                    }
                    _ => {}
                }
                state[node].last_cancel_call = Some(index);
            }
            RunEvent::CleanupStarted { at_ms, .. } => {
                state[node].cleanup = Some(index);
                why.cause = state[node].cancelled_by;
                why.rules.push(Rule::E4);
                why.at_the_same_moment = cut_at_its_end(view, &state[node], *at_ms);
                if why.at_the_same_moment {
                    why.rules.push(Rule::H4);
                }
            }
            RunEvent::TimeoutFired { .. } => {
                state[node].timeout_fired = Some(index);
                why.rules.push(Rule::W1);
            }
            RunEvent::Received { status, .. } => {
                state[node].received = Some(index);
                let guard = view.guard();
                why.cause = state[node].finished.or(state[node].timeout_fired);
                match status {
                    Status::Cancelled if guard.shield => why.rules.push(Rule::W3),
                    _ if guard.shield && guard.timeout_ms.is_some() => why.rules.push(Rule::W4),
                    _ if state[node].timeout_fired.is_some() => {
                        why.rules.extend([Rule::W2, Rule::W1])
                    }
                    _ => {}
                }
            }
            RunEvent::Finished {
                at_ms,
                status,
                completed_by,
                ..
            } => {
                state[node].finished = Some(index);
                match view {
                    NodeView::Future(_) => {
                        explain_future_end(view, &state[node], status, *at_ms, &mut why);
                        if limited(&nodes, node)
                            && state[node].slot_at.is_none()
                            && *status == Status::Cancelled
                        {
                            why.rules.insert(0, Rule::L3);
                        }
                    }
                    NodeView::Gather(gather) => {
                        why.cause = completed_by.and_then(|child| {
                            let child = state.get(child)?;
                            child.received.or(child.finished)
                        });
                        explain_gather_end(gather, &state[node], status, &mut why);
                        // Another child failed in the same millisecond, after the one that
                        // completed the gather: the order their timers were set decided.
                        if why.rules.contains(&Rule::C1)
                            && tied_failure(events, &nodes, node, *completed_by, *at_ms)
                        {
                            why.rules.push(Rule::H1);
                        }
                    }
                }
                if let Some(gather_end) = parent.and_then(|p| state[p].finished) {
                    why.after_gather = Some(gather_end);
                    why.rules.push(Rule::C2);
                    if events[gather_end].at_ms().round() == at_ms.round() {
                        why.rules.push(Rule::H7);
                    }
                }
            }
        }
        whys.push(why);
    }
    whys
}

fn limited(nodes: &[crate::scenario::FlatNode<'_>], node: NodeId) -> bool {
    matches!(nodes[node].view, NodeView::Future(_))
        && nodes[node].parent.is_some_and(|parent| {
            matches!(nodes[parent].view, NodeView::Gather(gather) if gather.limit.is_some())
        })
}

/// Whether a cancellation that reached the future at `at_ms` came when its sleep was
/// already due: the two were due at one moment, and the cancel came first (rule H4). On
/// the virtual clock the times are equal; on real timers a moment runs once its last timer
/// is due, so the cancel comes no earlier than the sleep's end.
fn cut_at_its_end(view: NodeView<'_>, state: &NodeState, at_ms: f64) -> bool {
    let NodeView::Future(future) = view else {
        return false;
    };
    // A child still waiting for its slot has no sleep to cut (rule L3, not H4).
    let slept_from = if state.limited {
        state.slot_at
    } else {
        state.slot_at.or(state.started_at)
    };
    let Some(slept_from) = slept_from else {
        return false;
    };
    future.delay_ms > 0 && at_ms + 1e-6 >= slept_from + future.delay_ms as f64
}

fn explain_future_end(
    view: NodeView<'_>,
    state: &NodeState,
    status: &Status,
    at_ms: f64,
    why: &mut Why,
) {
    match (status, state.cleanup) {
        (Status::Cancelled, Some(cleanup)) => {
            // Cancelled during its cleanup: a second cancellation interrupted it.
            why.cause = state
                .cancelled_by
                .filter(|&cancel| cancel > cleanup)
                .or(Some(cleanup));
            why.rules.push(Rule::E4);
        }
        (Status::Cancelled, None) => {
            why.cause = state.cancelled_by;
            why.rules.push(Rule::E4);
            why.at_the_same_moment = cut_at_its_end(view, state, at_ms);
            if why.at_the_same_moment {
                why.rules.push(Rule::H4);
            }
        }
        (_, Some(cleanup)) => {
            why.cause = Some(cleanup);
            why.rules.push(Rule::E4);
            if let NodeView::Future(future) = view {
                if future.on_cancel.as_ref().is_some_and(|c| c.delay_ms == 0) {
                    why.rules.push(Rule::H5);
                }
            }
        }
        (_, None) => {}
    }
}

fn explain_gather_end(
    gather: &crate::scenario::GatherSpec,
    state: &NodeState,
    status: &Status,
    why: &mut Why,
) {
    if gather.children.is_empty() {
        why.rules.push(Rule::A2);
        return;
    }
    if state.cancel_requested {
        why.rules.push(Rule::E3);
        if gather.return_exceptions {
            why.rules.push(Rule::D1);
        }
        return;
    }
    match status {
        Status::Raised { .. } => why.rules.extend([Rule::C1, Rule::C2]),
        Status::Cancelled => why.rules.extend([Rule::C3, Rule::C2]),
        Status::Ok { value } => {
            let holds_exceptions =
                matches!(value, Value::Array(items) if items.iter().any(Value::is_object));
            if gather.return_exceptions {
                why.rules.push(Rule::D1);
                if holds_exceptions {
                    why.rules.push(Rule::B3);
                }
            } else {
                why.rules.push(Rule::B2);
            }
            why.rules.push(Rule::B1);
        }
    }
}

/// Whether a child of `gather` other than `completer`, the one that completed it, failed
/// in the same millisecond `at_ms`.
fn tied_failure(
    events: &[RunEvent],
    nodes: &[crate::scenario::FlatNode<'_>],
    gather: NodeId,
    completer: Option<NodeId>,
    at_ms: f64,
) -> bool {
    events.iter().any(|event| {
        matches!(event, RunEvent::Finished { node, status: Status::Raised { .. }, at_ms: ended, .. }
            if Some(*node) != completer
                && nodes.get(*node).is_some_and(|flat| flat.parent == Some(gather))
                && ended.round() == at_ms.round())
    })
}

/// For a TaskGroup's cancels: the first child end that raised, before `before`.
fn first_failure(
    events: &[RunEvent],
    nodes: &[crate::scenario::FlatNode<'_>],
    before: usize,
) -> Option<usize> {
    events[..before].iter().position(|event| {
        matches!(event, RunEvent::Finished { node, status: Status::Raised { .. }, .. }
            if nodes.get(*node).is_some_and(|flat| flat.parent == Some(0)))
    })
}
