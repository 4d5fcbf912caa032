//! What a run tells as it goes: its events.

use super::NodeId;
use crate::scenario::Status;

/// Something that happened during a run.
///
/// Events come in the order the loop ran them: where several share a millisecond, that is
/// CPython's order (a cancel due when a sleep ends comes first; a child's end before its
/// gather's). `node` is the node's position in [`Scenario::flatten`](crate::scenario::Scenario::flatten)'s preorder (the root
/// is 0); `at_ms` is milliseconds since the run started on the runtime's wall clock, not
/// rounded, so that a real run shows how late each event came.
#[derive(Clone, Debug, PartialEq)]
pub enum RunEvent {
    /// A future node's coroutine took its first step (the loop's turn after the gather was
    /// built, for every child in argument order).
    Started {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// A future node of a gather with a `limit` got its slot (at once, or after waiting
    /// for one); its delay starts now.
    SlotAcquired {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// `cancel()` was called on a node.
    CancelCalled {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
        /// What `cancel()` returned: false if the node was already done (a gather: or every
        /// child of it was).
        returned: bool,
        /// Whether the scenario's `cancel_at_ms` or [`Run::cancel`](super::Run::cancel) called it.
        source: CancelSource,
    },
    /// A future node caught its cancellation and began its `on_cancel` cleanup.
    CleanupStarted {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// A node finished: a future returned, raised or was cancelled; a gather's outer
    /// future completed (a report's `status`).
    Finished {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
        #[allow(missing_docs)]
        status: Status,
    },
    /// A node's timeout fired: `wait_for` is about to cancel it (the task awaiting it).
    TimeoutFired {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// What the parent of a node with a timeout or a shield received: `wait_for`'s task or
    /// the shield ended (a report's `received`). A shield cancelled with its gather ends
    /// here at once, while the node itself runs on.
    Received {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
        #[allow(missing_docs)]
        status: Status,
    },
}

impl RunEvent {
    /// The node the event happened to.
    pub fn node(&self) -> NodeId {
        match self {
            RunEvent::Started { node, .. }
            | RunEvent::SlotAcquired { node, .. }
            | RunEvent::CancelCalled { node, .. }
            | RunEvent::CleanupStarted { node, .. }
            | RunEvent::Finished { node, .. }
            | RunEvent::TimeoutFired { node, .. }
            | RunEvent::Received { node, .. } => *node,
        }
    }

    /// When it happened: milliseconds since the run started, on the runtime's wall clock.
    pub fn at_ms(&self) -> f64 {
        match self {
            RunEvent::Started { at_ms, .. }
            | RunEvent::SlotAcquired { at_ms, .. }
            | RunEvent::CancelCalled { at_ms, .. }
            | RunEvent::CleanupStarted { at_ms, .. }
            | RunEvent::Finished { at_ms, .. }
            | RunEvent::TimeoutFired { at_ms, .. }
            | RunEvent::Received { at_ms, .. } => *at_ms,
        }
    }
}

/// Who called `cancel()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelSource {
    /// The scenario's `cancel_at_ms`.
    Scheduled,
    /// [`Run::cancel`](super::Run::cancel), as from a cancel button.
    User,
}
