//! How Python spells values in the programs' source: string literals (escaped so no text
//! can break or disguise the program), JSON values as literals, milliseconds as seconds.

use super::float::number_text;
use serde_json::Value;
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
pub(super) fn quoted(text: &str, quote: char) -> String {
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

#[cfg(test)]
mod tests {
    use super::{seconds, string, value};
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
}
