//! The shortest JSON form of a scenario: every field equal to its default left out.

use crate::scenario::{FutureSpec, GatherSpec, NodeSpec, ResultSpec, Scenario, FORMAT_VERSION};
use serde_json::{json, Map, Value};

/// The scenario in the JSON format, leaving out every field that equals its default.
///
/// Like [`Scenario::to_value`], but without `label: ""`, `return_exceptions: false`,
/// `cancel_at_ms: null` and an error's `message: ""`, which the format lets a reader
/// assume. Share links and saved state use it so they stay short; it reads back with
/// [`Scenario::from_value`] to an equal scenario.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
/// use gather_playground::share::to_compact_value;
/// use serde_json::json;
///
/// let scenario = Scenario::from_value(&json!({"version": 1, "label": "", "children": [
///     {"kind": "future", "label": "A", "delay_ms": 100, "cancel_at_ms": null,
///      "result": {"error": {"type": "ValueError", "message": ""}}}]})).unwrap();
/// let compact = to_compact_value(&scenario);
/// assert_eq!(compact, json!({"version": 1, "children": [
///     {"kind": "future", "label": "A", "delay_ms": 100,
///      "result": {"error": {"type": "ValueError"}}}]}));
/// assert_eq!(Scenario::from_value(&compact), Ok(scenario));
/// ```
pub fn to_compact_value(scenario: &Scenario) -> Value {
    let mut root = gather_fields(&scenario.root);
    root.insert("version".into(), json!(FORMAT_VERSION));
    Value::Object(root)
}

fn gather_fields(gather: &GatherSpec) -> Map<String, Value> {
    let mut fields = Map::new();
    insert_label(&mut fields, &gather.label);
    if gather.return_exceptions {
        fields.insert("return_exceptions".into(), Value::Bool(true));
    }
    insert_cancel_at(&mut fields, gather.cancel_at_ms);
    if let Some(limit) = gather.limit {
        fields.insert("limit".into(), json!(limit));
    }
    gather.guard.write(&mut fields);
    let children = gather.children.iter().map(node).collect();
    fields.insert("children".into(), Value::Array(children));
    fields
}

fn node(node: &NodeSpec) -> Value {
    match node {
        NodeSpec::Gather(gather) => {
            let mut fields = gather_fields(gather);
            fields.insert("kind".into(), json!("gather"));
            Value::Object(fields)
        }
        NodeSpec::Future(future) => Value::Object(future_fields(future)),
    }
}

fn future_fields(future: &FutureSpec) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("kind".into(), json!("future"));
    insert_label(&mut fields, &future.label);
    fields.insert("delay_ms".into(), json!(future.delay_ms));
    fields.insert("result".into(), result(&future.result));
    insert_cancel_at(&mut fields, future.cancel_at_ms);
    if let Some(on_cancel) = &future.on_cancel {
        fields.insert(
            "on_cancel".into(),
            json!({"delay_ms": on_cancel.delay_ms, "result": result(&on_cancel.result)}),
        );
    }
    future.guard.write(&mut fields);
    fields
}

fn result(result: &ResultSpec) -> Value {
    match result {
        ResultSpec::Value(value) => json!({ "value": value }),
        ResultSpec::Error(exception) => {
            let mut error = Map::new();
            error.insert("type".into(), json!(exception.type_name()));
            if !exception.message().is_empty() {
                error.insert("message".into(), json!(exception.message()));
            }
            json!({ "error": error })
        }
    }
}

fn insert_label(fields: &mut Map<String, Value>, label: &str) {
    if !label.is_empty() {
        fields.insert("label".into(), json!(label));
    }
}

fn insert_cancel_at(fields: &mut Map<String, Value>, cancel_at_ms: Option<u64>) {
    if let Some(ms) = cancel_at_ms {
        fields.insert("cancel_at_ms".into(), json!(ms));
    }
}
