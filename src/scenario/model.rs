//! A scenario, validated: what to run.

use super::{ScenarioError, FORMAT_VERSION};
use crate::Exception;
use serde_json::{json, Map, Value};

/// A validated scenario: a root gather and its tree of children.
///
/// Made by [`Scenario::from_json`] or [`Scenario::from_value`], which refuse anything the
/// format does not allow; [`Scenario::to_value`] writes it back in the same format.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
///
/// let text = r#"{"version": 1, "label": "main", "children": []}"#;
/// let scenario = Scenario::from_json(text).unwrap();
/// assert_eq!(scenario.root.label, "main");
/// assert_eq!(Scenario::from_value(&scenario.to_value()), Ok(scenario));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Scenario {
    /// The gather the scenario runs.
    pub root: GatherSpec,
}

/// A node of the tree: a child coroutine or a nested gather.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeSpec {
    /// A child coroutine, wrapped in a task.
    Future(FutureSpec),
    /// A nested gather.
    Gather(GatherSpec),
}

/// A gather node (the root, or nested).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GatherSpec {
    /// Shown as text, never as HTML.
    pub label: String,
    /// asyncio's `return_exceptions`.
    pub return_exceptions: bool,
    /// When `cancel()` is called on this gather's outer future, in ms from the start.
    pub cancel_at_ms: Option<u64>,
    /// At most this many of its future children run at once: each takes a slot of an
    /// `asyncio.Semaphore(limit)` before its delay starts (`async with semaphore:` around
    /// the whole child), in argument order. A child cancelled while it waits for a slot
    /// ends cancelled without running its cleanup. Nested gathers are not limited.
    pub limit: Option<usize>,
    /// The children, in argument order.
    pub children: Vec<NodeSpec>,
    /// How its parent awaits it (for the root: how `main` does; no shield there).
    pub guard: Guard,
}

/// A child coroutine: sleeps, then returns or raises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FutureSpec {
    /// Shown as text, never as HTML.
    pub label: String,
    /// How long it sleeps before finishing.
    pub delay_ms: u64,
    /// How it finishes.
    pub result: ResultSpec,
    /// When its task is cancelled, in ms from the start.
    pub cancel_at_ms: Option<u64>,
    /// If present, it catches its cancellation and runs this cleanup.
    pub on_cancel: Option<OnCancelSpec>,
    /// How its gather awaits it.
    pub guard: Guard,
}

/// What stands between a node and what awaits it: `asyncio.wait_for`'s timeout,
/// `asyncio.shield`, or both (`wait_for(shield(node), timeout)`, the asyncio docs' way to
/// time out without cancelling the work). Neither by default.
///
/// With `timeout_ms`, the parent is given `asyncio.wait_for(node, timeout)`, in a task of
/// its own (a future node's coroutine runs inside it): after `timeout_ms` that task is
/// cancelled, which cancels the node; once the node has ended, the parent receives
/// `TimeoutError`, or the node's value if it swallowed the cancellation (CPython 3.12 and
/// later). With `shield`, the parent is given `asyncio.shield(node)`: cancelling it (its
/// gather cancelled, say) cancels only the shield, at once, and the node runs on. The
/// node's `cancel_at_ms` still cancels the node itself (with only a timeout, the task
/// `wait_for` runs it in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Guard {
    /// `asyncio.wait_for(node, timeout_ms)`; at least 1 ms.
    pub timeout_ms: Option<u64>,
    /// `asyncio.shield(node)`; never on the root.
    pub shield: bool,
}

impl Guard {
    /// Whether anything stands between the node and its parent.
    pub fn is_set(&self) -> bool {
        self.timeout_ms.is_some() || self.shield
    }

    /// Adds `timeout_ms` and `shield` to a node's JSON fields, each only when set, so that
    /// scenarios without them read as before.
    pub(crate) fn write(&self, fields: &mut Map<String, Value>) {
        if let Some(timeout_ms) = self.timeout_ms {
            fields.insert("timeout_ms".into(), json!(timeout_ms));
        }
        if self.shield {
            fields.insert("shield".into(), json!(true));
        }
    }
}

/// How a child coroutine finishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResultSpec {
    /// Returns this JSON value (a number, string, boolean or null).
    Value(Value),
    /// Raises this exception (type `CancelledError` ends the task cancelled, as in Python).
    Error(Exception),
}

/// A cleanup on cancellation: the child keeps running `delay_ms`, then finishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnCancelSpec {
    /// How long the cleanup runs.
    pub delay_ms: u64,
    /// How the child finishes after it.
    pub result: ResultSpec,
}

impl Scenario {
    /// Parses and validates a scenario from JSON text.
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        super::parse::parse_text(text)
    }

    /// Validates a scenario already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Self, ScenarioError> {
        super::parse::parse_value(value)
    }

    /// The scenario in the JSON format, every optional field written out (`limit` only when
    /// set).
    pub fn to_value(&self) -> Value {
        let mut root = gather_fields(&self.root);
        root.insert("version".into(), json!(FORMAT_VERSION));
        Value::Object(root)
    }

    /// Every node in preorder (the root first, then each child before its own children),
    /// with its depth and parent: the order of [`NodeId`](super::NodeId)s in a run.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::scenario::Scenario;
    ///
    /// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
    ///     {"kind": "gather", "label": "inner", "children": [
    ///         {"kind": "future", "label": "A", "delay_ms": 1, "result": {"value": 1}}]},
    ///     {"kind": "future", "label": "B", "delay_ms": 1, "result": {"value": 2}}]}"#).unwrap();
    /// let nodes = scenario.flatten();
    /// let labels: Vec<_> = nodes.iter().map(|node| (node.depth, node.parent, node.view.label())).collect();
    /// assert_eq!(labels, [(0, None, ""), (1, Some(0), "inner"), (2, Some(1), "A"), (1, Some(0), "B")]);
    /// ```
    pub fn flatten(&self) -> Vec<FlatNode<'_>> {
        fn visit<'a>(
            gather: &'a GatherSpec,
            depth: usize,
            parent: Option<usize>,
            into: &mut Vec<FlatNode<'a>>,
        ) {
            let id = into.len();
            into.push(FlatNode {
                depth,
                parent,
                view: NodeView::Gather(gather),
            });
            for child in &gather.children {
                match child {
                    NodeSpec::Future(future) => into.push(FlatNode {
                        depth: depth + 1,
                        parent: Some(id),
                        view: NodeView::Future(future),
                    }),
                    NodeSpec::Gather(nested) => visit(nested, depth + 1, Some(id), into),
                }
            }
        }
        let mut nodes = Vec::new();
        visit(&self.root, 0, None, &mut nodes);
        nodes
    }

    /// How many nodes the scenario has, the root included.
    pub fn node_count(&self) -> usize {
        fn count(gather: &GatherSpec) -> usize {
            1 + gather
                .children
                .iter()
                .map(|child| match child {
                    NodeSpec::Future(_) => 1,
                    NodeSpec::Gather(nested) => count(nested),
                })
                .sum::<usize>()
        }
        count(&self.root)
    }
}

fn gather_fields(gather: &GatherSpec) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("label".into(), json!(gather.label));
    fields.insert("return_exceptions".into(), json!(gather.return_exceptions));
    fields.insert("cancel_at_ms".into(), json!(gather.cancel_at_ms));
    // Written only when set, so that scenarios without it stay in the shared format as is.
    if let Some(limit) = gather.limit {
        fields.insert("limit".into(), json!(limit));
    }
    gather.guard.write(&mut fields);
    let children = gather.children.iter().map(NodeSpec::to_value).collect();
    fields.insert("children".into(), Value::Array(children));
    fields
}

impl NodeSpec {
    /// The node in the JSON format.
    pub fn to_value(&self) -> Value {
        match self {
            NodeSpec::Gather(gather) => {
                let mut fields = Map::new();
                fields.insert("kind".into(), json!("gather"));
                fields.extend(gather_fields(gather));
                Value::Object(fields)
            }
            NodeSpec::Future(future) => {
                let mut fields = Map::new();
                fields.insert("kind".into(), json!("future"));
                fields.insert("label".into(), json!(future.label));
                fields.insert("delay_ms".into(), json!(future.delay_ms));
                fields.insert("result".into(), future.result.to_value());
                fields.insert("cancel_at_ms".into(), json!(future.cancel_at_ms));
                if let Some(on_cancel) = &future.on_cancel {
                    fields.insert(
                        "on_cancel".into(),
                        json!({"delay_ms": on_cancel.delay_ms, "result": on_cancel.result.to_value()}),
                    );
                }
                future.guard.write(&mut fields);
                Value::Object(fields)
            }
        }
    }
}

impl ResultSpec {
    /// The result in the JSON format: `{"value": V}` or `{"error": {"type", "message"}}`.
    pub fn to_value(&self) -> Value {
        match self {
            ResultSpec::Value(value) => json!({ "value": value }),
            ResultSpec::Error(exception) => json!({
                "error": {"type": exception.type_name(), "message": exception.message()}
            }),
        }
    }

    /// What the child's body returns: the value, or the exception it raises.
    pub fn to_result(&self) -> Result<Value, Exception> {
        match self {
            ResultSpec::Value(value) => Ok(value.clone()),
            ResultSpec::Error(exception) => Err(exception.clone()),
        }
    }
}

/// A node of [`Scenario::flatten`]: where it sits in the tree, and what it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlatNode<'a> {
    /// 0 for the root, 1 for its children, and so on.
    pub depth: usize,
    /// The preorder index of the gather it belongs to; `None` for the root.
    pub parent: Option<usize>,
    /// The node itself.
    pub view: NodeView<'a>,
}

/// A borrowed node: a future or a gather.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NodeView<'a> {
    /// A child coroutine.
    Future(&'a FutureSpec),
    /// A gather (the root, or nested).
    Gather(&'a GatherSpec),
}

impl NodeView<'_> {
    /// The node's label.
    pub fn label(&self) -> &str {
        match self {
            NodeView::Future(future) => &future.label,
            NodeView::Gather(gather) => &gather.label,
        }
    }

    /// How its parent awaits it.
    pub fn guard(&self) -> Guard {
        match self {
            NodeView::Future(future) => future.guard,
            NodeView::Gather(gather) => gather.guard,
        }
    }

    /// When the scenario calls `cancel()` on this node, if it does.
    pub fn cancel_at_ms(&self) -> Option<u64> {
        match self {
            NodeView::Future(future) => future.cancel_at_ms,
            NodeView::Gather(gather) => gather.cancel_at_ms,
        }
    }
}
