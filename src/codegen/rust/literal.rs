//! How Rust spells JSON values: string literals and `json!` arguments.

use serde_json::Value;

/// `text` as a Rust string literal, valid whatever `text` holds.
///
/// Rust's own `Debug` escaping: quotes, backslashes, control and invisible characters
/// (bidirectional overrides included, which rustc refuses raw in literals) are escaped.
pub(crate) fn string(text: &str) -> String {
    format!("{text:?}")
}

/// `value` as the argument of `serde_json::json!`: `null`, `true`, `3`, `1.5`, `"text"`,
/// arrays and objects.
///
/// Integers outside `i32` get a suffix, as an unsuffixed integer literal is an `i32`.
pub(crate) fn json_value(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                if i32::try_from(integer).is_ok() {
                    integer.to_string()
                } else {
                    format!("{integer}_i64")
                }
            } else if let Some(integer) = number.as_u64() {
                format!("{integer}_u64")
            } else {
                // serde_json writes any other number as a Rust float literal too (`3.0`,
                // `1e+300`, `-0.0`); core's Debug of the f64 would add its float printing to
                // the page for this one use.
                number.to_string()
            }
        }
        Value::String(text) => string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(key, field)| format!("{}: {}", string(key), json_value(field)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{json_value, string};
    use serde_json::json;

    #[test]
    fn strings_are_valid_rust_literals() {
        assert_eq!(string("fetch A"), r#""fetch A""#);
        assert_eq!(string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(string(r#"""""#), r#""\"\"\"""#);
        assert_eq!(string("\u{202e}\u{0}"), r#""\u{202e}\0""#);
        assert_eq!(string("🎉 </script>"), "\"🎉 </script>\"");
    }

    #[test]
    fn values_are_json_macro_arguments() {
        assert_eq!(json_value(&json!(null)), "null");
        assert_eq!(json_value(&json!(false)), "false");
        assert_eq!(json_value(&json!(-7)), "-7");
        assert_eq!(json_value(&json!(3_000_000_000_u64)), "3000000000_i64");
        assert_eq!(json_value(&json!(-3_000_000_000_i64)), "-3000000000_i64");
        assert_eq!(json_value(&json!(u64::MAX)), "18446744073709551615_u64");
        assert_eq!(json_value(&json!(3.0)), "3.0");
        assert_eq!(json_value(&json!(1e300)), "1e+300");
        assert_eq!(json_value(&json!([1, {"k": "v"}])), r#"[1, {"k": "v"}]"#);
    }
}
