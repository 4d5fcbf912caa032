//! What `main()` creates, as statements and expressions, before they are written out: its
//! expressions, its statements and the notes they carry.

use crate::codegen::plan::NodeIndex;
use std::collections::HashMap;

/// An expression of `main()`.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// `child()`: a coroutine, which becomes the node's task when something wraps it.
    Call(NodeIndex),
    /// A variable holding a task or a future.
    Name(String),
    /// `asyncio.create_task(coroutine)`.
    CreateTask(Box<Expr>),
    /// `asyncio.wait_for(inner, timeout)`: a coroutine (CPython 3.12+). `node` is whose
    /// timeout it is; `None` for the root's, which main awaits itself.
    WaitFor {
        inner: Box<Expr>,
        timeout_ms: u64,
        node: Option<NodeIndex>,
    },
    /// `asyncio.shield(inner)`: wraps a coroutine in a task at once.
    Shield(Box<Expr>),
    /// `asyncio.gather(...)` of a gather node.
    Gather { node: NodeIndex, args: Vec<Arg> },
    /// `watch(label, future)` (the instrumented program): prints how the future ends.
    Watch {
        node: NodeIndex,
        what: Watched,
        future: Box<Expr>,
    },
}

/// What a `watch(...)` call watches, for its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Watched {
    /// The node's own task or gather.
    Own,
    /// The node's shield.
    Shield,
    /// The task of the node's `wait_for`.
    WaitFor,
}

/// An argument of a gather, with the rule its spelling shows.
#[derive(Clone, Debug)]
pub(crate) struct Arg {
    pub(crate) expr: Expr,
    pub(crate) note: Option<Note>,
}

/// A comment citing the rules a line shows (docs/semantics.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Note {
    Gather {
        return_exceptions: bool,
        nested: bool,
    },
    /// A gather in a scenario where nothing can fail.
    InOrder {
        nested: bool,
    },
    FutureTimeout,
    FutureShield,
    FutureShieldTimeout,
    GatherTimeout,
    GatherShield,
    GatherShieldTimeout,
    RootTimeout,
}

/// `name = expr`, with the note of what it creates.
#[derive(Clone, Debug)]
pub(crate) struct Assign {
    pub(crate) name: String,
    pub(crate) expr: Expr,
    pub(crate) note: Option<Note>,
}

/// `main()`'s body, before it is written.
#[derive(Debug)]
pub(crate) struct Main {
    /// The statements that create tasks and gathers, in order.
    pub(crate) statements: Vec<Assign>,
    /// How many tasks main creates first, itself.
    pub(crate) hoisted_tasks: usize,
    /// Of those, how many only for their order (not to be cancelled by name).
    pub(crate) hoisted_for_order: usize,
    /// `(cancel_at_ms, variable, node)` in the order main sets them.
    pub(crate) cancels: Vec<(u64, String, NodeIndex)>,
    /// `outer = asyncio.gather(...)` when the root needs a name.
    pub(crate) root_statement: Option<Assign>,
    /// What main awaits.
    pub(crate) awaited: Expr,
    /// The root gather's note, on `root_statement` if there is one, else on the await.
    pub(crate) root_note: Note,
}

/// How to spell main.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    /// Every task created first, every gather and shield named and watched (the
    /// instrumented program).
    pub(crate) instrumented: bool,
}

/// The function of each future node.
pub(crate) struct Functions {
    pub(crate) names: HashMap<NodeIndex, String>,
    /// The root gather's variable, when it needs one.
    pub(crate) root: String,
}
