//! `repr()` as Python prints it, of the values and exceptions a report holds: what the page
//! shows for them.

use super::float::number_text;
use super::literal::quoted;
use serde_json::Value;

/// `repr()` of a report value, as Python prints it: `None`, `True`, `3`, `'text'`, lists,
/// and a child's exception (`{"exception": T, "message": M}` in a gather's list under
/// `return_exceptions`) as the exception itself, `T('M')`.
///
/// Strings are quoted as `repr` quotes them: in single quotes, or in double quotes when
/// they hold a single quote and no double one; escaped as the generated programs' literals
/// are.
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::python_repr;
/// use serde_json::json;
///
/// assert_eq!(python_repr(&json!([1, "a", null, true, 2.5])), "[1, 'a', None, True, 2.5]");
/// assert_eq!(python_repr(&json!("it's")), r#""it's""#);
/// assert_eq!(
///     python_repr(&json!([{"exception": "ValueError", "message": "boom"}])),
///     "[ValueError('boom')]",
/// );
/// ```
pub fn python_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(number) => number_text(number),
        Value::String(text) => repr_string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(python_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => match (fields.get("exception"), fields.get("message")) {
            (Some(Value::String(exception)), Some(Value::String(message))) if fields.len() == 2 => {
                python_exception_repr(exception, message)
            }
            _ => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(key, field)| format!("{}: {}", repr_string(key), python_repr(field)))
                    .collect();
                format!("{{{}}}", fields.join(", "))
            }
        },
    }
}

/// `repr()` of an exception a scenario raises: `ValueError('boom')`, or `ValueError()`
/// without a message (the generated programs raise it so).
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::python_exception_repr;
///
/// assert_eq!(python_exception_repr("KeyError", "gone"), "KeyError('gone')");
/// assert_eq!(python_exception_repr("ValueError", ""), "ValueError()");
/// ```
pub fn python_exception_repr(type_name: &str, message: &str) -> String {
    if message.is_empty() {
        format!("{type_name}()")
    } else {
        format!("{type_name}({})", repr_string(message))
    }
}

/// A string as `repr` quotes it.
fn repr_string(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    quoted(text, quote)
}

#[cfg(test)]
mod tests {
    use super::{python_exception_repr, python_repr};
    use serde_json::json;

    #[test]
    fn reprs_quote_as_python_does_and_escape_as_the_literals_do() {
        assert_eq!(python_repr(&json!("second")), "'second'");
        assert_eq!(python_repr(&json!("it's")), r#""it's""#);
        assert_eq!(python_repr(&json!(r#"it's "x""#)), r#"'it\'s "x"'"#);
        assert_eq!(python_repr(&json!("a\tb\n\\")), r"'a\tb\n\\'");
        assert_eq!(python_repr(&json!("\u{202e}")), r"'\u202e'");
        assert_eq!(python_repr(&json!(1e300)), "1e+300");
        assert_eq!(python_repr(&json!({"k": [false]})), "{'k': [False]}");
        assert_eq!(
            python_repr(
                &json!([3, {"exception": "ZeroDivisionError", "message": "division by zero"}])
            ),
            "[3, ZeroDivisionError('division by zero')]"
        );
        assert_eq!(python_exception_repr("E", "it's"), r#"E("it's")"#);
        assert_eq!(python_exception_repr("E", ""), "E()");
    }
}
