//! The scenario as the editor holds it: every field as typed, valid or not.

use gather_playground::scenario::{
    json_text, FutureSpec, GatherSpec, Guard, NodeSpec, OnCancelSpec, ResultSpec, Scenario,
    MAX_LABEL_CHARS, MAX_MESSAGE_CHARS, MAX_NODES, MAX_TIME_MS,
};
use gather_playground::Exception;
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

/// A node as typed. Saved in the page's storage by `saved_draft.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftNode {
    pub key: Key,
    pub label: String,
    /// Empty for none.
    pub cancel_at: String,
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
    Value,
    ErrorType,
    ErrorMessage,
    CleanupDelay,
    CleanupValue,
    CleanupErrorType,
    CleanupErrorMessage,
}

/// Which on/off setting of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Raises,
    HasCleanup,
    CleanupRaises,
    ReturnExceptions,
    Collapsed,
}

/// A field that does not hold what the format allows, and why, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub key: Key,
    pub field: Field,
    pub message: String,
}

impl DraftOutcome {
    fn from_result(result: &ResultSpec) -> Self {
        match result {
            ResultSpec::Value(value) => DraftOutcome {
                raises: false,
                value: value_text(value),
                error_type: "ValueError".into(),
                error_message: String::new(),
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
        Value::String(text) if parse_value(text) == Ok(value.clone()) => text.clone(),
        other => json_text(other),
    }
}

/// A value as typed: a JSON number, quoted string, true, false or null; any other text is
/// a string, so that `hello` means "hello".
pub fn parse_value(text: &str) -> Result<Value, &'static str> {
    let trimmed = text.trim();
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Array(_)) | Ok(Value::Object(_)) => {
            Err("a value is a number, text, true, false or null (not a list or object)")
        }
        Ok(value) if !trimmed.is_empty() => Ok(value),
        _ => Ok(Value::String(text.to_owned())),
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
        let mut keys = vec![self.key];
        if let DraftKind::Gather { children, .. } = &self.kind {
            for child in children {
                keys.extend(child.preorder_keys());
            }
        }
        keys
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

    /// The scenario, or every field that is wrong.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        let root = self.gather_spec(&mut errors);
        match root {
            Some(root) if errors.is_empty() => Ok(Scenario { root }),
            _ => Err(errors),
        }
    }

    fn gather_spec(&self, errors: &mut Vec<FieldError>) -> Option<GatherSpec> {
        let DraftKind::Gather {
            return_exceptions,
            limit,
            children,
        } = &self.kind
        else {
            return None;
        };
        let label = self.checked_label(errors);
        let cancel_at_ms = self.optional_time(&self.cancel_at, Field::CancelAt, errors);
        let limit = self.limit(limit, errors);
        let children: Vec<Option<NodeSpec>> = children
            .iter()
            .map(|child| match &child.kind {
                DraftKind::Future { .. } => child.future_spec(errors).map(NodeSpec::Future),
                DraftKind::Gather { .. } => child.gather_spec(errors).map(NodeSpec::Gather),
            })
            .collect();
        Some(GatherSpec {
            label: label?,
            return_exceptions: *return_exceptions,
            cancel_at_ms: cancel_at_ms?,
            limit: limit?,
            children: children.into_iter().collect::<Option<Vec<_>>>()?,
            guard: Guard::default(),
        })
    }

    fn future_spec(&self, errors: &mut Vec<FieldError>) -> Option<FutureSpec> {
        let DraftKind::Future {
            delay,
            outcome,
            cleanup,
        } = &self.kind
        else {
            return None;
        };
        let label = self.checked_label(errors);
        let delay_ms = self.time(delay, Field::Delay, errors);
        let cancel_at_ms = self.optional_time(&self.cancel_at, Field::CancelAt, errors);
        let result = self.result(
            outcome,
            [Field::Value, Field::ErrorType, Field::ErrorMessage],
            errors,
        );
        let on_cancel = match cleanup {
            None => Some(None),
            Some(cleanup) => {
                let delay_ms = self.time(&cleanup.delay, Field::CleanupDelay, errors);
                let result = self.result(
                    &cleanup.outcome,
                    [
                        Field::CleanupValue,
                        Field::CleanupErrorType,
                        Field::CleanupErrorMessage,
                    ],
                    errors,
                );
                Some(Some(OnCancelSpec {
                    delay_ms: delay_ms?,
                    result: result?,
                }))
            }
        };
        Some(FutureSpec {
            label: label?,
            delay_ms: delay_ms?,
            result: result?,
            cancel_at_ms: cancel_at_ms?,
            on_cancel: on_cancel?,
            guard: Guard::default(),
        })
    }

    fn error(&self, field: Field, message: &str, errors: &mut Vec<FieldError>) {
        errors.push(FieldError {
            key: self.key,
            field,
            message: message.into(),
        });
    }

    fn checked_label(&self, errors: &mut Vec<FieldError>) -> Option<String> {
        if self.label.chars().count() > MAX_LABEL_CHARS {
            self.error(Field::Label, "at most 200 characters", errors);
            return None;
        }
        Some(self.label.clone())
    }

    fn time(&self, text: &str, field: Field, errors: &mut Vec<FieldError>) -> Option<u64> {
        match text.trim().parse::<u64>() {
            Ok(ms) if ms <= MAX_TIME_MS => Some(ms),
            _ if text.trim().is_empty() => {
                self.error(field, "required: a whole number of milliseconds", errors);
                None
            }
            _ => {
                self.error(
                    field,
                    "a whole number of milliseconds from 0 to 86400000 (a day)",
                    errors,
                );
                None
            }
        }
    }

    fn limit(&self, text: &str, errors: &mut Vec<FieldError>) -> Option<Option<usize>> {
        if text.trim().is_empty() {
            return Some(None);
        }
        match text.trim().parse::<usize>() {
            Ok(slots) if (1..=MAX_NODES).contains(&slots) => Some(Some(slots)),
            _ => {
                self.error(
                    Field::Limit,
                    "a whole number of slots from 1 to 10000, or empty for no limit",
                    errors,
                );
                None
            }
        }
    }

    fn optional_time(
        &self,
        text: &str,
        field: Field,
        errors: &mut Vec<FieldError>,
    ) -> Option<Option<u64>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            self.time(text, field, errors).map(Some)
        }
    }

    fn result(
        &self,
        outcome: &DraftOutcome,
        [value_field, type_field, message_field]: [Field; 3],
        errors: &mut Vec<FieldError>,
    ) -> Option<ResultSpec> {
        if !outcome.raises {
            return match parse_value(&outcome.value) {
                Ok(value) => Some(ResultSpec::Value(value)),
                Err(message) => {
                    self.error(value_field, message, errors);
                    None
                }
            };
        }
        let type_name = outcome.error_type.trim();
        let valid_type = type_name
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
            && type_name.len() <= 100
            && type_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid_type {
            self.error(
                type_field,
                "an exception name: letters, digits and _, not starting with a digit (e.g. ValueError)",
                errors,
            );
        }
        if outcome.error_message.chars().count() > MAX_MESSAGE_CHARS {
            self.error(message_field, "at most 1000 characters", errors);
            return None;
        }
        valid_type
            .then(|| ResultSpec::Error(Exception::new(type_name, outcome.error_message.as_str())))
    }
}

fn time_text(ms: Option<u64>) -> String {
    ms.map(|ms| ms.to_string()).unwrap_or_default()
}
