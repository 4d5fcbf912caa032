//! Numbers as Python writes them: integers exactly, floats as `repr(float)` does, from the
//! shortest digits (core's natively, JavaScript's in the browser).

use serde_json::Number;

/// A JSON number as Python writes it: integers exactly, floats as `repr(float)` does.
pub(super) fn number_text(number: &Number) -> String {
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
    use super::float_repr;

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
