//! Numbers in and out of the page: counts as people read them, numbers the browser wrote.

/// `value` with one decimal ("2.5", "12.0"): without `{:.1}`, whose exact float printing
/// would be 5 KB more of the page for this one use.
pub fn one_decimal(value: f64) -> String {
    let tenths = (value.abs() * 10.0).round() as u64;
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// A number the browser wrote (an attribute, a computed style, a form control's value), read
/// with its own `parseFloat` (so `"2px"` is 2): `None` unless the text starts with a number.
/// Core's float parser would be 4 KB more of the page for text the browser already reads.
pub fn browser_number(text: &str) -> Option<f64> {
    let number = js_sys::Number::parse_float(text);
    (!number.is_nan()).then_some(number)
}

/// "9,999": counts of this size are easier to read grouped by thousands.
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}
