//! Numbers in and out of the page: counts as people read them, numbers the browser wrote.

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
