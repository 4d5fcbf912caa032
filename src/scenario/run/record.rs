//! What happened to each node, and the report made of it.

use super::{Finished, NodeId};
use crate::scenario::report::{Received, Report, Status};
use crate::scenario::{GatherSpec, NodeSpec};
use crate::{Exception, Outcome};

/// What happened to each node, by [`NodeId`].
#[derive(Default)]
pub(super) struct Records {
    /// How and when each node itself ended.
    pub(super) own: Vec<Option<Finished>>,
    /// For a node with a timeout or a shield: what its parent received. `None` twice (not
    /// guarded) or `Some(None)` (guarded, not yet ended).
    pub(super) received: Vec<Option<Option<Finished>>>,
    /// When each node's timeout fired.
    pub(super) timeout_at: Vec<Option<f64>>,
}

pub(super) fn report_gather(gather: &GatherSpec, records: &Records, next: &mut NodeId) -> Report {
    let mut report = report_node(&gather.label, records, next);
    report.children = Some(
        gather
            .children
            .iter()
            .map(|child| match child {
                NodeSpec::Future(future) => report_node(&future.label, records, next),
                NodeSpec::Gather(nested) => report_gather(nested, records, next),
            })
            .collect(),
    );
    report
}

/// The report of the node at `next` (its children aside), moving `next` on.
fn report_node(label: &str, records: &Records, next: &mut NodeId) -> Report {
    let node = *next;
    *next += 1;
    let unfinished = || {
        (
            0.0,
            Outcome::Raised(Exception::invalid_state_error("not finished")),
        )
    };
    let (at_ms, outcome) = records.own[node].clone().unwrap_or_else(unfinished);
    let received = records.received[node].clone().map(|finished| {
        let (at_ms, outcome) = finished.unwrap_or_else(unfinished);
        Received {
            status: Status::from_outcome(outcome),
            done_at_ms: at_ms.round() as u64,
        }
    });
    Report {
        label: label.to_owned(),
        status: Status::from_outcome(outcome),
        done_at_ms: at_ms.round() as u64,
        received,
        timeout_at_ms: records.timeout_at[node].map(|at_ms| at_ms.round() as u64),
        children: None,
    }
}
