//! How Python spells JSON values: as source literals, and as `json.dumps` writes them.

use serde_json::{Number, Value};
use std::fmt::Write;

/// `text` as a double-quoted Python string literal, valid whatever `text` holds.
///
/// Backslashes, quotes and line breaks are escaped, and so are control, invisible and
/// bidirectional-override characters, so the source shows what the string is. Anything else
/// (accents, emoji) is kept as written: Python reads its sources as UTF-8.
pub(crate) fn string(text: &str) -> String {
    quoted(text, '"')
}

/// `text` quoted with `quote`, escaped as [`string`] says: one escaping for the programs'
/// literals and for the reprs the page shows.
fn quoted(text: &str, quote: char) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push(quote);
    for c in text.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            c if c == quote => {
                literal.push('\\');
                literal.push(c);
            }
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            c if is_unseen(c) => push_escape(&mut literal, c),
            c => literal.push(c),
        }
    }
    literal.push(quote);
    literal
}

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

/// Characters that are invisible, reorder text or end lines: written as escapes so the
/// source cannot look like something it is not.
fn is_unseen(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00..=0x1f
            | 0x7f..=0x9f
            | 0xad
            | 0x061c
            | 0x180e
            | 0x200b..=0x200f
            | 0x2028..=0x202e
            | 0x2060..=0x206f
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0xe0000..=0xe007f
    )
}

fn push_escape(literal: &mut String, c: char) {
    let code = u32::from(c);
    // Writing to a String cannot fail.
    let _ = match code {
        0..=0xff => write!(literal, "\\x{code:02x}"),
        0x100..=0xffff => write!(literal, "\\u{code:04x}"),
        _ => write!(literal, "\\U{code:08x}"),
    };
}

/// `value` as a Python literal: `None`, `True`, `3`, `1.5`, `"text"`, lists and dicts.
pub(crate) fn value(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(number) => number_text(number),
        Value::String(text) => string(text),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(self::value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(key, field)| format!("{}: {}", string(key), self::value(field)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

/// Milliseconds as a Python number of seconds, exactly: `300` is `0.3`, `2000` is `2`.
pub(crate) fn seconds(ms: u64) -> String {
    let (whole, thousandths) = (ms / 1000, ms % 1000);
    if thousandths == 0 {
        whole.to_string()
    } else {
        let fraction = format!("{thousandths:03}");
        format!("{whole}.{}", fraction.trim_end_matches('0'))
    }
}

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

/// A JSON number as Python writes it: integers exactly, floats as `repr(float)` does.
fn number_text(number: &Number) -> String {
    if let Some(integer) = number.as_i64() {
        integer.to_string()
    } else if let Some(integer) = number.as_u64() {
        integer.to_string()
    } else if let Some(float) = number.as_f64() {
        float_repr(float)
    } else {
        number.to_string()
    }
}

/// `repr(x)` of a finite Python float: the shortest digits that read back as `x`, in
/// positional notation when the decimal point falls between 4 places before the first
/// digit and 16 after it, otherwise as `d.ddde+XX`.
pub(crate) fn float_repr(x: f64) -> String {
    if !x.is_finite() {
        // JSON has no such numbers; Python spells them so.
        return if x.is_nan() {
            "nan".to_owned()
        } else if x > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        };
    }
    let text = shortest_text(x.abs());
    let (mantissa, power) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
    let power: i64 = power.parse().unwrap_or(0);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = format!("{whole}{fraction}");
    let significant = all_digits.trim_start_matches('0');
    let leading_zeros = (all_digits.len() - significant.len()) as i64;
    let digits = significant.trim_end_matches('0');
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if digits.is_empty() {
        return format!("{sign}0.0");
    }
    // The decimal point's position counted from the start of `digits`.
    let point = whole.len() as i64 - leading_zeros + power;
    let exponent = point - 1;
    if !(-4 < point && point <= 16) {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        return format!(
            "{sign}{first}{fraction}e{exponent_sign}{:02}",
            exponent.abs()
        );
    }
    let length = digits.len() as i64;
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        format!("{sign}0.{zeros}{digits}")
    } else if point >= length {
        let zeros = "0".repeat((point - length) as usize);
        format!("{sign}{digits}{zeros}.0")
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{sign}{whole}.{fraction}")
    }
}

/// `x` (finite, positive) in the shortest digits that read back as it, the closest to it
/// of those: the digits Python's repr writes. In either notation (`1.2345e21`, `1234.5`).
///
/// Core's digits differ from Python's in one rare case: when `x` lies exactly halfway
/// between two shortest candidates, Python takes the even one and core the upper one.
#[cfg(not(target_arch = "wasm32"))]
fn shortest_text(x: f64) -> String {
    format!("{x:e}")
}

/// In the browser, JavaScript's `Number.prototype.toString` gives those digits (ECMA-262's
/// Number::toString picks the shortest, then the closest): core's `{:e}` would be 10 KB of
/// float printing more in the page.
#[cfg(target_arch = "wasm32")]
fn shortest_text(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{dumps, float_repr, python_exception_repr, python_repr, seconds, string, value};
    use serde_json::json;

    #[test]
    fn strings_escape_what_would_break_or_disguise_the_source() {
        assert_eq!(string("fetch A"), r#""fetch A""#);
        assert_eq!(string(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(string(r"C:\new"), r#""C:\\new""#);
        assert_eq!(string("a\nb\r\tc"), r#""a\nb\r\tc""#);
        assert_eq!(string(r#"""""#), r#""\"\"\"""#);
        assert_eq!(string("\u{0}\u{7f}\u{85}"), r#""\x00\x7f\x85""#);
        assert_eq!(
            string("\u{2028}\u{202e}\u{feff}"),
            r#""\u2028\u202e\ufeff""#
        );
        assert_eq!(string("\u{e0041}"), r#""\U000e0041""#);
    }

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

    #[test]
    fn strings_keep_readable_unicode() {
        assert_eq!(string("café 🎉 </script>"), "\"café 🎉 </script>\"");
    }

    #[test]
    fn values_are_python_literals() {
        assert_eq!(value(&json!(null)), "None");
        assert_eq!(value(&json!(true)), "True");
        assert_eq!(value(&json!(false)), "False");
        assert_eq!(value(&json!(-3)), "-3");
        assert_eq!(value(&json!(u64::MAX)), "18446744073709551615");
        assert_eq!(value(&json!(2.5)), "2.5");
        assert_eq!(value(&json!(1e300)), "1e+300");
        assert_eq!(value(&json!([1, "a", [null]])), r#"[1, "a", [None]]"#);
        assert_eq!(value(&json!({"k": false})), r#"{"k": False}"#);
    }

    #[test]
    fn milliseconds_are_written_as_exact_seconds() {
        let cases = [
            (0, "0"),
            (5, "0.005"),
            (300, "0.3"),
            (1000, "1"),
            (1050, "1.05"),
            (1234, "1.234"),
            (86_400_000, "86400"),
        ];
        for (ms, text) in cases {
            assert_eq!(seconds(ms), text);
        }
    }

    #[test]
    fn floats_read_as_python_repr_writes_them() {
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (3.0, "3.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (123.456, "123.456"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1e300, "1e+300"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
        ];
        for (x, repr) in cases {
            assert_eq!(float_repr(x), repr, "{x:e}");
        }
    }

    #[test]
    fn dumps_writes_what_python_json_dumps_writes() {
        let outcome = json!({"value": [1, 2.0, "é\"\\\n\u{1}\u{8}", null, true, {"exception": "E", "message": ""}]});
        assert_eq!(
            dumps(&outcome),
            r#"{"value": [1, 2.0, "é\"\\\n\u0001\b", null, true, {"exception": "E", "message": ""}]}"#
        );
    }
}

/// The browser's digits against core's `{:e}` (the native build's), over floats from every
/// part of the range. They differ only where `x` lies exactly halfway between two shortest
/// candidates: Python and JavaScript then take the even digit, core the upper one.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::float_repr;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn digits(text: &str) -> String {
        let mantissa = text.split_once('e').map_or(text, |(mantissa, _)| mantissa);
        let all: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        all.trim_matches('0').to_owned()
    }

    #[wasm_bindgen_test]
    fn float_repr_has_the_digits_of_lower_exp_but_ties_to_even() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut ties = 0;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if !x.is_finite() {
                continue;
            }
            let repr = float_repr(x);
            assert_eq!(repr.parse::<f64>(), Ok(x), "{repr} reads back");
            let core = format!("{:e}", x.abs());
            let (ours, theirs) = (digits(&repr), digits(&core));
            if ours != theirs {
                ties += 1;
                let (ours_last, theirs_last) = (
                    ours.as_bytes()[ours.len() - 1],
                    theirs.as_bytes()[theirs.len() - 1],
                );
                assert_eq!(ours.len(), theirs.len(), "{core} → {repr}");
                assert_eq!(
                    ours[..ours.len() - 1],
                    theirs[..theirs.len() - 1],
                    "{core} → {repr}"
                );
                assert!(
                    ours_last % 2 == 0 && theirs_last == ours_last + 1,
                    "{core} → {repr}"
                );
            }
        }
        assert!(ties < 100, "{ties} ties");
    }
}
