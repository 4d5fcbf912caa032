//! The draft as the page's storage keeps it, so that a reload brings back every field as
//! typed, invalid ones too.
//!
//! The shape is the one serde's derive gave it (an enum as `{"Future": {...}}`), so drafts
//! saved before still load. It is written by hand because the derived code was 8 KB of the
//! page's wasm, where walking a `Value` reuses code the page has anyway.

use super::draft::{next_key, DraftCleanup, DraftKind, DraftNode, DraftOutcome};
use serde_json::{json, Map, Value};

impl DraftNode {
    /// The draft as JSON for the page's storage (its keys are not kept).
    pub fn to_saved(&self) -> Value {
        let kind = match &self.kind {
            DraftKind::Future {
                delay,
                outcome,
                cleanup,
            } => json!({"Future": {
                "delay": delay,
                "outcome": outcome.to_saved(),
                "cleanup": cleanup.as_ref().map(|cleanup| json!({
                    "delay": cleanup.delay,
                    "outcome": cleanup.outcome.to_saved(),
                })),
            }}),
            DraftKind::Gather {
                return_exceptions,
                limit,
                children,
            } => json!({"Gather": {
                "return_exceptions": return_exceptions,
                "limit": limit,
                "children": children.iter().map(DraftNode::to_saved).collect::<Vec<_>>(),
            }}),
        };
        json!({
            "label": self.label,
            "cancel_at": self.cancel_at,
            "collapsed": self.collapsed,
            "kind": kind,
        })
    }

    /// A draft read back from [`DraftNode::to_saved`], with new keys; `None` if any part is
    /// missing or of the wrong type. `collapsed`, `limit` and `cleanup` may be missing, as
    /// the derive allowed (older pages did not save the first two).
    pub fn from_saved(saved: &Value) -> Option<DraftNode> {
        let saved = saved.as_object()?;
        let kind = saved.get("kind")?.as_object()?;
        let kind = match (kind.get("Future"), kind.get("Gather")) {
            (Some(future), None) => {
                let future = future.as_object()?;
                let cleanup = match future.get("cleanup") {
                    None | Some(Value::Null) => None,
                    Some(cleanup) => {
                        let cleanup = cleanup.as_object()?;
                        Some(DraftCleanup {
                            delay: text(cleanup, "delay")?,
                            outcome: DraftOutcome::from_saved(cleanup.get("outcome")?)?,
                        })
                    }
                };
                DraftKind::Future {
                    delay: text(future, "delay")?,
                    outcome: DraftOutcome::from_saved(future.get("outcome")?)?,
                    cleanup,
                }
            }
            (None, Some(gather)) => {
                let gather = gather.as_object()?;
                DraftKind::Gather {
                    return_exceptions: gather.get("return_exceptions")?.as_bool()?,
                    limit: match gather.get("limit") {
                        None => String::new(),
                        Some(_) => text(gather, "limit")?,
                    },
                    children: gather
                        .get("children")?
                        .as_array()?
                        .iter()
                        .map(DraftNode::from_saved)
                        .collect::<Option<_>>()?,
                }
            }
            _ => return None,
        };
        Some(DraftNode {
            key: next_key(),
            label: text(saved, "label")?,
            cancel_at: text(saved, "cancel_at")?,
            collapsed: match saved.get("collapsed") {
                None => false,
                Some(collapsed) => collapsed.as_bool()?,
            },
            kind,
        })
    }
}

impl DraftOutcome {
    fn to_saved(&self) -> Value {
        json!({
            "raises": self.raises,
            "value": self.value,
            "error_type": self.error_type,
            "error_message": self.error_message,
        })
    }

    fn from_saved(saved: &Value) -> Option<DraftOutcome> {
        let saved = saved.as_object()?;
        Some(DraftOutcome {
            raises: saved.get("raises")?.as_bool()?,
            value: text(saved, "value")?,
            error_type: text(saved, "error_type")?,
            error_message: text(saved, "error_message")?,
        })
    }
}

fn text(object: &Map<String, Value>, field: &str) -> Option<String> {
    object.get(field)?.as_str().map(str::to_owned)
}
