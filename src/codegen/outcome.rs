//! The outcome line: how a run's root ended, as the generated programs print it.

use super::python::dumps;
use crate::scenario::{Report, Status};
use serde_json::Value;

/// The line a generated program prints last, for the root of `report`: `outcome: ` then
/// the root's status as JSON, spelled as Python's `json.dumps(..., ensure_ascii=False)`
/// spells it.
///
/// The JSON is one of `{"status": "ok", "value": V}` (V the gather's list, a failed
/// child's place holding `{"exception": T, "message": M}`),
/// `{"status": "raised", "exception": T, "message": M}` or `{"status": "cancelled"}`. Only
/// the root's status counts, as `main` received it (through `wait_for` when the root has a
/// timeout): labels, times and children's reports are left out. Programs
/// from [`to_python`](super::to_python) print this very line for the same scenario; those
/// from [`to_rust`](super::to_rust) print the same JSON in Rust's compact spelling, so
/// compare the parsed JSON after `outcome: `, not the text.
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::outcome_line;
/// use gather_playground::scenario::Report;
///
/// let report: Report = serde_json::from_str(
///     r#"{"label": "main", "status": "ok", "value": [3, {"exception": "ValueError", "message": "boom"}],
///         "done_at_ms": 300, "children": []}"#,
/// ).unwrap();
/// assert_eq!(
///     outcome_line(&report),
///     r#"outcome: {"status": "ok", "value": [3, {"exception": "ValueError", "message": "boom"}]}"#
/// );
/// ```
pub fn outcome_line(report: &Report) -> String {
    // Built by hand rather than as a JSON map, whose keys would come out sorted: Python
    // prints "status" first.
    let mut text = String::from("outcome: {\"status\": ");
    let received = report.received.as_ref().map(|received| &received.status);
    match received.unwrap_or(&report.status) {
        Status::Ok { value } => {
            text.push_str("\"ok\", \"value\": ");
            text.push_str(&dumps(value));
        }
        Status::Raised { exception, message } => {
            text.push_str("\"raised\", \"exception\": ");
            text.push_str(&dumps(&Value::String(exception.clone())));
            text.push_str(", \"message\": ");
            text.push_str(&dumps(&Value::String(message.clone())));
        }
        Status::Cancelled => text.push_str("\"cancelled\""),
    }
    text.push('}');
    text
}

#[cfg(test)]
mod tests {
    use super::outcome_line;
    use crate::scenario::{Report, Status};
    use serde_json::json;

    fn root(status: Status) -> Report {
        Report {
            label: "ignored\nlabel".into(),
            status,
            done_at_ms: 42,
            received: None,
            timeout_at_ms: None,
            children: Some(Vec::new()),
        }
    }

    #[test]
    fn each_status_has_its_line() {
        assert_eq!(
            outcome_line(&root(Status::Cancelled)),
            r#"outcome: {"status": "cancelled"}"#
        );
        assert_eq!(
            outcome_line(&root(Status::Raised {
                exception: "ValueError".into(),
                message: "line 1\n\"2\"".into(),
            })),
            r#"outcome: {"status": "raised", "exception": "ValueError", "message": "line 1\n\"2\""}"#
        );
        assert_eq!(
            outcome_line(&root(Status::Ok {
                value: json!([[true, null], "🎉", 1.5])
            })),
            r#"outcome: {"status": "ok", "value": [[true, null], "🎉", 1.5]}"#
        );
    }
}
