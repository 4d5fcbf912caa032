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
        let mut saved = json!({
            "label": self.label,
            "cancel_at": self.cancel_at,
            "collapsed": self.collapsed,
            "kind": kind,
        });
        // Written only when set: a draft without them keeps the shape older pages saved
        // (and 10,000 nodes do not carry two more fields each).
        if let Some(fields) = saved.as_object_mut() {
            if !self.timeout.is_empty() {
                fields.insert("timeout".into(), json!(self.timeout));
            }
            if self.shield {
                fields.insert("shield".into(), json!(true));
            }
        }
        saved
    }

    /// A draft read back from [`DraftNode::to_saved`], with new keys; `None` if any part is
    /// missing or of the wrong type. `collapsed`, `limit` and `cleanup` may be missing, as
    /// the derive allowed (older pages did not save the first two), and so may `timeout`
    /// and `shield` (saved only when set; older pages had neither).
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
            timeout: match saved.get("timeout") {
                None => String::new(),
                Some(_) => text(saved, "timeout")?,
            },
            shield: match saved.get("shield") {
                None => false,
                Some(shield) => shield.as_bool()?,
            },
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

#[cfg(test)]
mod tests {
    use super::super::draft::{DraftKind, DraftNode};
    use super::super::presets::PRESETS;
    use serde_json::json;

    /// The draft without its keys, which storage does not keep.
    fn unkeyed(node: &DraftNode) -> DraftNode {
        let mut node = node.clone();
        node.key = 0;
        if let DraftKind::Gather { children, .. } = &mut node.kind {
            *children = children.iter().map(unkeyed).collect();
        }
        node
    }

    #[test]
    fn every_field_survives_storage_even_invalid_ones() {
        for preset in PRESETS {
            let mut draft = DraftNode::from_scenario(&preset.scenario().unwrap());
            draft.label = "<b>x</b>".into();
            draft.cancel_at = "soon".into();
            draft.timeout = "0".into();
            draft.collapsed = true;
            if let DraftKind::Gather { children, .. } = &mut draft.kind {
                if let Some(child) = children.first_mut() {
                    child.shield = true;
                    child.timeout = "25x".into();
                }
            }
            let back = DraftNode::from_saved(&draft.to_saved()).unwrap();
            assert_eq!(unkeyed(&back), unkeyed(&draft), "{}", preset.name);
            assert_ne!(back.key, draft.key, "new keys");
        }
    }

    #[test]
    fn a_timeout_and_a_shield_are_saved_only_when_set() {
        let mut draft = DraftNode::future("A", 100, json!(1));
        let plain = draft.to_saved();
        assert_eq!((plain.get("timeout"), plain.get("shield")), (None, None));
        draft.timeout = "50".into();
        draft.shield = true;
        let saved = draft.to_saved();
        assert_eq!(
            (&saved["timeout"], &saved["shield"]),
            (&json!("50"), &json!(true))
        );
        let back = DraftNode::from_saved(&saved).unwrap();
        assert_eq!((back.timeout.as_str(), back.shield), ("50", true));
    }

    #[test]
    fn drafts_saved_by_older_pages_load_and_broken_ones_do_not() {
        // Before `collapsed`, `limit` and `cleanup` were always written.
        let old = json!({"label": "main", "cancel_at": "", "kind": {"Gather": {
            "return_exceptions": false, "children": [
                {"label": "a", "cancel_at": "", "kind": {"Future": {"delay": "25x",
                  "outcome": {"raises": false, "value": "1", "error_type": "E", "error_message": ""}}}}]}}});
        let draft = DraftNode::from_saved(&old).unwrap();
        assert!(!draft.collapsed);
        assert_eq!((draft.timeout.as_str(), draft.shield), ("", false));
        let DraftKind::Gather {
            limit, children, ..
        } = &draft.kind
        else {
            unreachable!()
        };
        assert_eq!(limit, "");
        assert!(
            matches!(&children[0].kind, DraftKind::Future { delay, cleanup: None, .. } if delay == "25x")
        );
        for broken in [
            json!(null),
            json!({"label": "main"}),
            json!({"label": 1, "cancel_at": "", "kind": {"Gather": {"return_exceptions": false, "children": []}}}),
            json!({"label": "", "cancel_at": "", "kind": {"Future": {}, "Gather": {}}}),
            json!({"label": "", "cancel_at": "", "kind": {"Gather": {"return_exceptions": "no", "children": []}}}),
            json!({"label": "", "cancel_at": "", "timeout": 5, "kind": {"Gather": {"return_exceptions": false, "children": []}}}),
            json!({"label": "", "cancel_at": "", "shield": "yes", "kind": {"Gather": {"return_exceptions": false, "children": []}}}),
        ] {
            assert_eq!(DraftNode::from_saved(&broken), None, "{broken}");
        }
    }
}
