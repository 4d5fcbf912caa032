//! The scenario as the editor holds it: every field as typed, valid or not.
//!
//! Checked into a [`Scenario`] by `draft_check.rs`, changed by `draft_edit.rs`, kept in the
//! page's storage by `saved_draft.rs`.

use gather_playground::scenario::{
    json_text, FutureSpec, GatherSpec, Guard, NodeId, NodeSpec, ResultSpec, Scenario,
};
use serde_json::Value;
use std::cell::Cell;

/// Identifies a node of the draft across edits (yew keys, callbacks).
pub type Key = u64;

thread_local! {
    static NEXT_KEY: Cell<Key> = const { Cell::new(1) };
}

pub(super) fn next_key() -> Key {
    NEXT_KEY.with(|next| {
        let key = next.get();
        next.set(key + 1);
        key
    })
}

/// A node as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftNode {
    pub key: Key,
    pub label: String,
    /// Empty for none.
    pub cancel_at: String,
    /// `asyncio.wait_for`'s timeout, as typed; empty for none.
    pub timeout: String,
    /// `asyncio.shield`: never set on the root (the editor offers it on the others only).
    pub shield: bool,
    /// Whether the editor shows a gather's children (not part of the scenario).
    pub collapsed: bool,
    pub kind: DraftKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftKind {
    Future {
        delay: String,
        outcome: DraftOutcome,
        cleanup: Option<DraftCleanup>,
    },
    Gather {
        return_exceptions: bool,
        /// Empty for no limit.
        limit: String,
        children: Vec<DraftNode>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftOutcome {
    pub raises: bool,
    /// A JSON literal, or any other text, taken as a string.
    pub value: String,
    pub error_type: String,
    pub error_message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftCleanup {
    pub delay: String,
    pub outcome: DraftOutcome,
}

/// Which text field of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Label,
    Limit,
    Delay,
    CancelAt,
    Timeout,
    Value,
    ErrorType,
    ErrorMessage,
    CleanupDelay,
    CleanupValue,
    CleanupErrorType,
    CleanupErrorMessage,
}

/// Which on/off setting of a node's scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Raises,
    HasCleanup,
    CleanupRaises,
    ReturnExceptions,
    Shield,
}

impl DraftOutcome {
    /// What a new outcome holds: returns null, or raises a ValueError once switched.
    pub fn blank() -> Self {
        DraftOutcome {
            raises: false,
            value: "null".into(),
            error_type: "ValueError".into(),
            error_message: String::new(),
        }
    }

    fn from_result(result: &ResultSpec) -> Self {
        match result {
            ResultSpec::Value(value) => DraftOutcome {
                value: value_text(value),
                ..DraftOutcome::blank()
            },
            ResultSpec::Error(exception) => DraftOutcome {
                raises: true,
                value: "null".into(),
                error_type: exception.type_name().into(),
                error_message: exception.message().into(),
            },
        }
    }
}

/// How a value is shown for editing: strings bare when that reads back the same.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) if super::draft_check::parse_value(text).as_ref() == Ok(value) => {
            text.clone()
        }
        other => json_text(other),
    }
}

impl DraftNode {
    pub fn future(label: &str, delay_ms: u64, value: Value) -> Self {
        DraftNode::from_future(&FutureSpec {
            label: label.into(),
            delay_ms,
            result: ResultSpec::Value(value),
            cancel_at_ms: None,
            on_cancel: None,
            guard: Guard::default(),
        })
    }

    pub fn gather(label: &str) -> Self {
        DraftNode::from_gather(&GatherSpec {
            label: label.into(),
            ..GatherSpec::default()
        })
    }

    pub fn from_scenario(scenario: &Scenario) -> Self {
        DraftNode::from_gather(&scenario.root)
    }

    fn from_gather(gather: &GatherSpec) -> Self {
        DraftNode {
            key: next_key(),
            label: gather.label.clone(),
            cancel_at: time_text(gather.cancel_at_ms),
            timeout: time_text(gather.guard.timeout_ms),
            shield: gather.guard.shield,
            collapsed: false,
            kind: DraftKind::Gather {
                return_exceptions: gather.return_exceptions,
                limit: gather
                    .limit
                    .map(|limit| limit.to_string())
                    .unwrap_or_default(),
                children: gather
                    .children
                    .iter()
                    .map(|child| match child {
                        NodeSpec::Future(future) => DraftNode::from_future(future),
                        NodeSpec::Gather(nested) => DraftNode::from_gather(nested),
                    })
                    .collect(),
            },
        }
    }

    fn from_future(future: &FutureSpec) -> Self {
        DraftNode {
            key: next_key(),
            label: future.label.clone(),
            cancel_at: time_text(future.cancel_at_ms),
            timeout: time_text(future.guard.timeout_ms),
            shield: future.guard.shield,
            collapsed: false,
            kind: DraftKind::Future {
                delay: future.delay_ms.to_string(),
                outcome: DraftOutcome::from_result(&future.result),
                cleanup: future.on_cancel.as_ref().map(|cleanup| DraftCleanup {
                    delay: cleanup.delay_ms.to_string(),
                    outcome: DraftOutcome::from_result(&cleanup.result),
                }),
            },
        }
    }

    /// A copy with fresh keys, for duplicating and for drafts read from storage.
    pub fn rekeyed(&self) -> Self {
        let mut copy = self.clone();
        copy.key = next_key();
        if let DraftKind::Gather { children, .. } = &mut copy.kind {
            for child in children.iter_mut() {
                *child = child.rekeyed();
            }
        }
        copy
    }

    pub fn find_mut(&mut self, key: Key) -> Option<&mut DraftNode> {
        if self.key == key {
            return Some(self);
        }
        match &mut self.kind {
            DraftKind::Gather { children, .. } => {
                children.iter_mut().find_map(|child| child.find_mut(key))
            }
            DraftKind::Future { .. } => None,
        }
    }

    /// The children list that holds `key`, and its position there.
    pub fn parent_of_mut(&mut self, key: Key) -> Option<(&mut Vec<DraftNode>, usize)> {
        let DraftKind::Gather { children, .. } = &mut self.kind else {
            return None;
        };
        if let Some(index) = children.iter().position(|child| child.key == key) {
            return Some((children, index));
        }
        children
            .iter_mut()
            .find_map(|child| child.parent_of_mut(key))
    }

    /// The node keys in preorder: the order of a run's node ids.
    pub fn preorder_keys(&self) -> Vec<Key> {
        let mut keys = Vec::with_capacity(self.node_count());
        self.push_keys(&mut keys);
        keys
    }

    fn push_keys(&self, keys: &mut Vec<Key>) {
        keys.push(self.key);
        if let DraftKind::Gather { children, .. } = &self.kind {
            for child in children {
                child.push_keys(keys);
            }
        }
    }

    /// The node ids (preorder positions, as a run numbers its nodes) of this gather's
    /// children, given its own.
    pub fn child_ids(&self, own: NodeId) -> Vec<NodeId> {
        let DraftKind::Gather { children, .. } = &self.kind else {
            return Vec::new();
        };
        let mut next = own + 1;
        children
            .iter()
            .map(|child| {
                let id = next;
                next += child.node_count();
                id
            })
            .collect()
    }

    /// Whether this node, or any node below it, has a key that `wanted` accepts.
    pub fn any_key(&self, wanted: &impl Fn(Key) -> bool) -> bool {
        wanted(self.key)
            || match &self.kind {
                DraftKind::Gather { children, .. } => {
                    children.iter().any(|child| child.any_key(wanted))
                }
                _ => false,
            }
    }

    /// How many nodes the tree has, this one included.
    pub fn node_count(&self) -> usize {
        match &self.kind {
            DraftKind::Gather { children, .. } => {
                1 + children.iter().map(DraftNode::node_count).sum::<usize>()
            }
            _ => 1,
        }
    }

    pub fn is_gather(&self) -> bool {
        matches!(self.kind, DraftKind::Gather { .. })
    }
}

fn time_text(ms: Option<u64>) -> String {
    ms.map(|ms| ms.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{value_text, DraftKind, DraftNode};
    use gather_playground::scenario::Scenario;
    use serde_json::json;

    fn nested() -> DraftNode {
        let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
            {"kind": "gather", "label": "g", "children": [
                {"kind": "future", "label": "a", "delay_ms": 1, "result": {"value": 1}},
                {"kind": "future", "label": "b", "delay_ms": 2, "result": {"value": 2}}]},
            {"kind": "future", "label": "c", "delay_ms": 3, "result": {"value": 3}}]}))
        .unwrap();
        DraftNode::from_scenario(&scenario)
    }

    #[test]
    fn values_show_bare_when_they_read_back_the_same() {
        assert_eq!(value_text(&json!("alice")), "alice");
        assert_eq!(value_text(&json!("12")), r#""12""#);
        assert_eq!(value_text(&json!("true")), r#""true""#);
        assert_eq!(value_text(&json!(12)), "12");
        assert_eq!(value_text(&json!(null)), "null");
    }

    #[test]
    fn keys_ids_and_counts_follow_the_preorder() {
        let mut draft = nested();
        assert_eq!(draft.node_count(), 5);
        let keys = draft.preorder_keys();
        assert_eq!(keys.len(), 5);
        assert_eq!(draft.child_ids(0), [1, 4]);
        let DraftKind::Gather { children, .. } = &draft.kind else {
            unreachable!()
        };
        assert_eq!(children[0].child_ids(1), [2, 3]);
        assert!(draft.any_key(&|key| key == keys[3]));
        assert_eq!(
            draft.find_mut(keys[3]).map(|node| node.label.clone()),
            Some("b".into())
        );
        let (siblings, index) = draft.parent_of_mut(keys[3]).unwrap();
        assert_eq!((siblings.len(), index), (2, 1));
        assert!(
            draft.parent_of_mut(draft.key).is_none(),
            "the root has no parent"
        );
        let copy = draft.rekeyed();
        assert!(copy.preorder_keys().iter().all(|key| !keys.contains(key)));
        assert_eq!(copy.node_count(), 5);
    }
}
