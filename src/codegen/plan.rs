//! What a scenario creates, and in which order: the order both generated programs must
//! keep, because at ties it decides outcomes (docs/semantics.md, rules H).
//!
//! The CPython reference (`tests/conformance/cpython_runner.py`, `build`) and the port
//! (`src/scenario/run/build.rs`) create a scenario's tasks in *preorder*: a gather's
//! children in argument order, a nested gather's own children before its later siblings,
//! then the gather itself, then the task of its `wait_for` if it has a timeout. Tasks
//! take their first step in the order they were created, so this order decides the order
//! of their first steps, of the timers those steps set (rule H1) and of the slots they
//! take (L1).

use crate::scenario::{FutureSpec, GatherSpec, Guard, NodeSpec, ResultSpec};

/// A node's index in preorder; the root is 0.
pub(crate) type NodeIndex = usize;

/// A node of the scenario, with its place in the tree.
pub(crate) enum Node<'a> {
    Future {
        spec: &'a FutureSpec,
        /// The gather this child belongs to.
        parent: NodeIndex,
    },
    Gather {
        spec: &'a GatherSpec,
        children: Vec<NodeIndex>,
    },
}

impl Node<'_> {
    pub(crate) fn guard(&self) -> Guard {
        match self {
            Node::Future { spec, .. } => spec.guard,
            Node::Gather { spec, .. } => spec.guard,
        }
    }

    pub(crate) fn cancel_at_ms(&self) -> Option<u64> {
        match self {
            Node::Future { spec, .. } => spec.cancel_at_ms,
            Node::Gather { spec, .. } => spec.cancel_at_ms,
        }
    }
}

/// Something the reference creates that takes a place in the loop's ready queue.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Event {
    /// A future node's task (its coroutine, wrapped).
    Task(NodeIndex),
    /// The task of `asyncio.wait_for(...)` for a node with a timeout (for a future node
    /// without a shield it runs the child's coroutine itself, and is its only task).
    WaitFor(NodeIndex),
    /// A gather created with a child already done (an empty gather): creating it queues a
    /// done callback at once (3.11), so where it is created counts too.
    Gather(NodeIndex),
}

/// The scenario's nodes in preorder, and what the reference creates, in its order.
pub(crate) struct Tree<'a> {
    pub(crate) nodes: Vec<Node<'a>>,
    /// The events in the order the reference creates them.
    pub(crate) events: Vec<Event>,
    /// Per node: the events of its subtree (its own `WaitFor` excluded), as a range of
    /// `events`.
    pub(crate) subtree: Vec<std::ops::Range<usize>>,
    /// See [`Tree::can_fail`].
    can_fail: bool,
}

impl<'a> Tree<'a> {
    pub(crate) fn new(root: &'a GatherSpec) -> Self {
        let mut tree = Tree {
            nodes: Vec::new(),
            events: Vec::new(),
            subtree: Vec::new(),
            can_fail: false,
        };
        tree.add_gather(root, true);
        tree.can_fail = tree.compute_can_fail();
        tree
    }

    fn add_gather(&mut self, spec: &'a GatherSpec, is_root: bool) -> NodeIndex {
        let index = self.nodes.len();
        self.nodes.push(Node::Gather {
            spec,
            children: Vec::new(),
        });
        self.subtree.push(0..0);
        let start = self.events.len();
        let mut children = Vec::with_capacity(spec.children.len());
        for child in &spec.children {
            children.push(match child {
                NodeSpec::Future(future) => self.add_future(future, index),
                NodeSpec::Gather(nested) => self.add_gather(nested, false),
            });
        }
        let queues_at_creation = children.iter().any(|&child| self.done_at_creation(child));
        self.nodes[index] = Node::Gather { spec, children };
        if queues_at_creation {
            self.events.push(Event::Gather(index));
        }
        self.subtree[index] = start..self.events.len();
        if !is_root && spec.guard.timeout_ms.is_some() {
            self.events.push(Event::WaitFor(index));
        }
        index
    }

    fn add_future(&mut self, spec: &'a FutureSpec, parent: NodeIndex) -> NodeIndex {
        let index = self.nodes.len();
        self.nodes.push(Node::Future { spec, parent });
        let start = self.events.len();
        // With a timeout and no shield, wait_for's task runs the coroutine: its only task.
        if spec.guard.timeout_ms.is_none() || spec.guard.shield {
            self.events.push(Event::Task(index));
        }
        self.subtree.push(start..self.events.len());
        if spec.guard.timeout_ms.is_some() {
            self.events.push(Event::WaitFor(index));
        }
        index
    }

    /// Whether a child is already done when its gather is created: a gather (shielded or
    /// not, but without a timeout, which makes it a task) all of whose children are such
    /// gathers, an empty one included. (3.11 leaves a gather of done gathers pending until
    /// its callbacks run, but creating it queues them: so it counts there too.)
    fn done_at_creation(&self, node: NodeIndex) -> bool {
        match &self.nodes[node] {
            Node::Future { .. } => false,
            Node::Gather { spec, children } => {
                spec.guard.timeout_ms.is_none()
                    && children.iter().all(|&child| self.done_at_creation(child))
            }
        }
    }

    /// Whether anything in the scenario can fail: a child that raises (in its cleanup
    /// too), a cancel time, a timeout. Without, the programs' comments need not speak of
    /// failures.
    pub(crate) fn can_fail(&self) -> bool {
        self.can_fail
    }

    fn compute_can_fail(&self) -> bool {
        self.nodes.iter().any(|node| {
            let raises = match node {
                Node::Future { spec, .. } => {
                    let cleanup = spec.on_cancel.as_ref().map(|cleanup| &cleanup.result);
                    std::iter::once(&spec.result)
                        .chain(cleanup)
                        .any(|result| matches!(result, ResultSpec::Error(_)))
                }
                Node::Gather { .. } => false,
            };
            raises || node.cancel_at_ms().is_some() || node.guard().timeout_ms.is_some()
        })
    }

    /// The children of a gather node (none for a future).
    pub(crate) fn children(&self, node: NodeIndex) -> &[NodeIndex] {
        match &self.nodes[node] {
            Node::Gather { children, .. } => children,
            Node::Future { .. } => &[],
        }
    }

    /// The cancel times, in the order the reference sets them: a gather's children's
    /// before the gather's own, in argument order (post-order). Each with the node whose
    /// `cancel()` it calls: a future's task (for a future with a timeout and no shield,
    /// `wait_for`'s task, which runs it), a gather's outer future.
    pub(crate) fn cancels(&self) -> Vec<(u64, NodeIndex)> {
        let mut cancels = Vec::new();
        self.collect_cancels(0, &mut cancels);
        cancels
    }

    fn collect_cancels(&self, node: NodeIndex, cancels: &mut Vec<(u64, NodeIndex)>) {
        for &child in self.children(node) {
            self.collect_cancels(child, cancels);
        }
        if let Some(at_ms) = self.nodes[node].cancel_at_ms() {
            cancels.push((at_ms, node));
        }
    }

    /// The event whose task a cancel time on `node` cancels, for a future node.
    pub(crate) fn cancelled_event(&self, node: NodeIndex) -> Option<Event> {
        match &self.nodes[node] {
            Node::Future { spec, .. } => {
                Some(if spec.guard.timeout_ms.is_some() && !spec.guard.shield {
                    Event::WaitFor(node)
                } else {
                    Event::Task(node)
                })
            }
            Node::Gather { .. } => None,
        }
    }
}
