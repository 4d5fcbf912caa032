//! JSON values as compact text.

use serde_json::Value;

/// `value` as compact JSON text: what `value.to_string()` gives.
///
/// Written by serde_json's `to_string`, which the page uses anyway, where `Display` would
/// add another copy of serde_json's writer to the wasm (~1 KB gzip): the crate and the page
/// write every JSON value through this.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::json_text;
/// use serde_json::json;
///
/// let value = json!({"b": [1, 2.5, "x"], "a": null});
/// assert_eq!(json_text(&value), r#"{"a":null,"b":[1,2.5,"x"]}"#);
/// assert_eq!(json_text(&value), value.to_string());
/// ```
pub fn json_text(value: &Value) -> String {
    // Writing a `Value` to a string cannot fail: its keys are strings, its numbers finite.
    serde_json::to_string(value).unwrap_or_default()
}
