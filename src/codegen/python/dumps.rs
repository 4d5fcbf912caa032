//! JSON as Python's `json.dumps(value, ensure_ascii=False)` writes it: the outcome line
//! every program prints last.

use super::float::number_text;
use serde_json::Value;
use std::fmt::Write;

/// `value` as Python's `json.dumps(value, ensure_ascii=False)` writes it.
pub(crate) fn dumps(value: &Value) -> String {
    let mut text = String::new();
    write_dumps(&mut text, value);
    text
}

fn write_dumps(text: &mut String, value: &Value) {
    match value {
        Value::Null => text.push_str("null"),
        Value::Bool(true) => text.push_str("true"),
        Value::Bool(false) => text.push_str("false"),
        Value::Number(number) => text.push_str(&number_text(number)),
        Value::String(string) => write_json_string(text, string),
        Value::Array(items) => {
            text.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    text.push_str(", ");
                }
                write_dumps(text, item);
            }
            text.push(']');
        }
        Value::Object(fields) => {
            text.push('{');
            for (index, (key, field)) in fields.iter().enumerate() {
                if index > 0 {
                    text.push_str(", ");
                }
                write_json_string(text, key);
                text.push_str(": ");
                write_dumps(text, field);
            }
            text.push('}');
        }
    }
}

/// A JSON string as `json.dumps` escapes it with `ensure_ascii=False`.
fn write_json_string(text: &mut String, string: &str) {
    text.push('"');
    for c in string.chars() {
        match c {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            '\t' => text.push_str("\\t"),
            '\u{8}' => text.push_str("\\b"),
            '\u{c}' => text.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(text, "\\u{:04x}", u32::from(c));
            }
            c => text.push(c),
        }
    }
    text.push('"');
}

#[cfg(test)]
mod tests {
    use super::dumps;
    use serde_json::json;

    #[test]
    fn dumps_writes_what_python_json_dumps_writes() {
        let outcome = json!({"value": [1, 2.0, "é\"\\\n\u{1}\u{8}", null, true, {"exception": "E", "message": ""}]});
        assert_eq!(
            dumps(&outcome),
            r#"{"value": [1, 2.0, "é\"\\\n\u0001\b", null, true, {"exception": "E", "message": ""}]}"#
        );
    }
}
