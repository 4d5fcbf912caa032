//! Numbers as the page writes them: times, counts, one decimal.

/// An `f64` written as the browser writes numbers (`12.5`, `550`, `0.1`), which are Rust's
/// digits too, for every number the page shows or draws. `{:>6}` and `{:+}` work as for an
/// `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Float(pub f64);

impl std::fmt::Display for Float {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = shortest_text(self.0);
        if formatter.sign_plus() && !text.starts_with('-') {
            formatter.pad(&format!("+{text}"))
        } else {
            formatter.pad(&text)
        }
    }
}

/// In the browser, JavaScript's own `Number.prototype.toString`: formatting the `f64` in
/// Rust would add core's float printing (~15 KB) to the page.
#[cfg(target_arch = "wasm32")]
fn shortest_text(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// Natively (the model's tests), Rust's digits: the same as the browser's for the numbers
/// the page shows (they part only past 1e21, in exponent notation).
#[cfg(not(target_arch = "wasm32"))]
fn shortest_text(x: f64) -> String {
    if x == 0.0 {
        // JavaScript writes -0 as "0".
        "0".to_owned()
    } else {
        x.to_string()
    }
}

/// A time as the page shows it, to the millisecond: "550 ms".
pub fn ms_text(ms: f64) -> String {
    format!("{} ms", Float(ms.round()))
}

/// `value` with one decimal ("2.5", "12.0"): without `{:.1}`, whose exact float printing
/// would be 5 KB more of the page for this one use.
#[allow(dead_code)] // Used by the panels (src/panels/model/explore_words.rs), not the page.
pub fn one_decimal(value: f64) -> String {
    let tenths = (value.abs() * 10.0).round() as u64;
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
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

/// "1 child", "3 children".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_the_browser_writes_them() {
        assert_eq!(Float(550.0).to_string(), "550");
        assert_eq!(Float(12.5).to_string(), "12.5");
        assert_eq!(Float(-0.0).to_string(), "0");
        assert_eq!(format!("{:+}", Float(3.0)), "+3");
        assert_eq!(format!("{:+}", Float(-3.0)), "-3");
        assert_eq!(format!("{:>6}", Float(100.0)), "   100");
    }

    #[test]
    fn times_counts_and_decimals() {
        assert_eq!(ms_text(199.6), "200 ms");
        assert_eq!(one_decimal(3.16), "3.2");
        assert_eq!(one_decimal(12.0), "12.0");
        assert_eq!(one_decimal(-0.04), "0.0");
        assert_eq!(one_decimal(-2.5), "-2.5");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(plural(1, "child", "children"), "1 child");
        assert_eq!(plural(0, "child", "children"), "0 children");
    }
}
