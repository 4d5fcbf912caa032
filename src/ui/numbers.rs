//! Numbers in and out of the page: counts as people read them, numbers the browser wrote.

/// `value` with one decimal ("2.5", "12.0"): without `{:.1}`, whose exact float printing
/// would be 5 KB more of the page for this one use.
pub fn one_decimal(value: f64) -> String {
    let tenths = (value.abs() * 10.0).round() as u64;
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// The positions of `times`, earliest first, equal times in position order (a stable sort,
/// in `f64::total_cmp`'s order).
///
/// Every sort of the page sorts plain `(u64, usize)` pairs, so that its wasm carries one
/// copy of the standard sort (~4 KB each) instead of one per element type and comparator.
pub fn time_order(times: impl IntoIterator<Item = f64>) -> Vec<usize> {
    let mut keyed: Vec<(u64, usize)> = times.into_iter().map(order_key).zip(0..).collect();
    keyed.sort();
    keyed.into_iter().map(|(_, position)| position).collect()
}

/// A key whose order is `f64::total_cmp`'s: negative numbers' bits reversed, the sign bit of
/// the others set.
fn order_key(time: f64) -> u64 {
    let bits = time.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// An `f64` written as the browser writes numbers (`12.5`, `550`, `0.1`), which are Rust's
/// digits too, for every number the page shows or draws. Formatting the `f64` itself would
/// add core's float printing (~15 KB) to the page. `{:>6}` and `{:+}` work as for an `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Float(pub f64);

impl std::fmt::Display for Float {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text: String = js_sys::Number::from(self.0)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        if formatter.sign_plus() && !text.starts_with('-') {
            formatter.pad(&format!("+{text}"))
        } else {
            formatter.pad(&text)
        }
    }
}

/// A time as the page shows it, to the millisecond: "550 ms".
pub fn ms_text(ms: f64) -> String {
    format!("{} ms", Float(ms.round()))
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
