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
        /// The child whose end handed it the slot, if it had to wait for one.
        freed_by: Option<NodeId>,
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
        /// For a gather: the child whose end completed it (the first to fail without
        /// `return_exceptions`, else the last to finish); `None` for a future, and for a
        /// gather of no children.
        completed_by: Option<NodeId>,
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
    /// The kind of event, as the events JSON names it (`docs/format.md`): `"started"`,
    /// `"slot"`, `"cancel"`, `"cleanup"`, `"timeout"`, `"received"` or `"finished"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::scenario::RunEvent;
    ///
    /// assert_eq!(RunEvent::Started { node: 1, at_ms: 0.0 }.kind(), "started");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            RunEvent::Started { .. } => "started",
            RunEvent::SlotAcquired { .. } => "slot",
            RunEvent::CancelCalled { .. } => "cancel",
            RunEvent::CleanupStarted { .. } => "cleanup",
            RunEvent::Finished { .. } => "finished",
            RunEvent::TimeoutFired { .. } => "timeout",
            RunEvent::Received { .. } => "received",
        }
    }

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
///
/// A `cancel()` that passes the request on makes calls of its own, which come as their
/// own events right after it, in the order they were made (a gather cancels its children
/// in argument order; a nested gather's children follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelSource {
    /// The scenario's `cancel_at_ms`.
    Scheduled,
    /// [`Run::cancel`](super::Run::cancel), as from a cancel button.
    User,
    /// The node's gather, passing on a `cancel()` of its own (rule E2).
    Gather {
        /// The gather.
        gather: NodeId,
    },
    /// The root's TaskGroup, after a child's error or its own cancellation.
    TaskGroup,
    /// The node's own timeout: `wait_for` cancels what it waits for (rule W1).
    Timeout,
    /// The node's `wait_for`, cancelled itself (by its parent, say), passing that on to what
    /// it waits for: a task's `cancel()` cancels the future it awaits (rule E7). Comes right
    /// after the call on the `wait_for` it passes on.
    WaitFor,
}
