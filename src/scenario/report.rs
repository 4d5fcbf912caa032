//! What happened in a run: the report format.

use crate::{Exception, Outcome};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// What happened to one node of a scenario, and to its children: the report format.
///
/// The tree has the scenario's shape: a gather's report lists its children's reports, a
/// future's has none. A report is made only once every node has finished, so children that
/// outlive a failed gather are reported with their own outcome and time.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{Report, Status};
///
/// let report: Report = serde_json::from_str(
///     r#"{"label": "B", "status": "raised", "exception": "ValueError", "message": "boom", "done_at_ms": 100}"#,
/// ).unwrap();
/// assert_eq!(report.status, Status::Raised { exception: "ValueError".into(), message: "boom".into() });
/// assert!(report.children.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The node's label.
    pub label: String,
    /// How the node ended.
    #[serde(flatten)]
    pub status: Status,
    /// When it completed, in whole milliseconds since the run started.
    pub done_at_ms: u64,
    /// For a node with a timeout or a shield: what its parent received, through
    /// `asyncio.wait_for` or `asyncio.shield` (`TimeoutError`; a shield's `CancelledError`
    /// while the node ran on), and when. The fields above are the node's own end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    /// When the node's timeout fired (cancelling it), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_at_ms: Option<u64>,
    /// For a gather, its children's reports in argument order; `None` for a future.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<Report>>,
}

/// What a parent received from a node it awaited through a timeout or a shield.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    /// How it ended, for the parent.
    #[serde(flatten)]
    pub status: Status,
    /// When, in whole milliseconds since the run started.
    pub done_at_ms: u64,
}

/// How a node ended, as the report format writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Status {
    /// Returned `value` (for a gather, the list of its children's values).
    Ok {
        /// The value; a gather's is a list in argument order, with
        /// `{"exception": T, "message": M}` in place of a failed child's value when it
        /// has `return_exceptions`.
        value: Value,
    },
    /// Raised an exception other than `CancelledError`.
    Raised {
        /// The exception's type name.
        exception: String,
        /// Its message.
        message: String,
    },
    /// Awaiting it raises `CancelledError`: a cancelled task, or a gather that failed
    /// with (or was cancelled into) `CancelledError`.
    Cancelled,
}

impl Status {
    /// A status read back from JSON as a report writes it (`{"status": "ok", "value"}`,
    /// `{"status": "raised", "exception", "message"}`, `{"status": "cancelled"}`); `None`
    /// for anything else. The same as serde's `Deserialize`, without its code in the page,
    /// which reads statuses from its worker (a test holds the two together).
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::scenario::Status;
    /// use serde_json::json;
    ///
    /// let raised = json!({"status": "raised", "exception": "ValueError", "message": "bad"});
    /// assert_eq!(Status::from_value(&raised), serde_json::from_value(raised.clone()).ok());
    /// assert_eq!(Status::from_value(&json!({"status": "fine"})), None);
    /// ```
    pub fn from_value(value: &Value) -> Option<Status> {
        let text = |key: &str| value.get(key)?.as_str().map(str::to_owned);
        match value.get("status")?.as_str()? {
            "ok" => Some(Status::Ok {
                value: value.get("value")?.clone(),
            }),
            "raised" => Some(Status::Raised {
                exception: text("exception")?,
                message: text("message")?,
            }),
            "cancelled" => Some(Status::Cancelled),
            _ => None,
        }
    }

    /// The status as JSON, as a report writes it ([`Status::from_value`] reads it back).
    pub fn to_value(&self) -> Value {
        let mut fields = Map::new();
        self.write_into(&mut fields);
        Value::Object(fields)
    }

    fn write_into(&self, fields: &mut Map<String, Value>) {
        match self {
            Status::Ok { value } => {
                fields.insert("status".into(), json!("ok"));
                fields.insert("value".into(), value.clone());
            }
            Status::Raised { exception, message } => {
                fields.insert("status".into(), json!("raised"));
                fields.insert("exception".into(), json!(exception));
                fields.insert("message".into(), json!(message));
            }
            Status::Cancelled => {
                fields.insert("status".into(), json!("cancelled"));
            }
        }
    }

    pub(crate) fn from_result(result: Result<Value, Exception>) -> Self {
        Status::from_outcome(match result {
            Ok(value) => Outcome::Value(value),
            Err(exception) => Outcome::Raised(exception),
        })
    }

    pub(crate) fn from_outcome(outcome: Outcome<Value>) -> Self {
        match outcome {
            Outcome::Value(value) => Status::Ok { value },
            Outcome::Raised(exception) if exception.is_cancelled_error() => Status::Cancelled,
            Outcome::Raised(exception) => Status::Raised {
                exception: exception.type_name().to_owned(),
                message: exception.message().to_owned(),
            },
            Outcome::Cancelled => Status::Cancelled,
        }
    }
}

/// A gather's results as the report format writes a list value.
pub(crate) fn results_to_value(results: Vec<Result<Value, Exception>>) -> Value {
    Value::Array(
        results
            .into_iter()
            .map(|result| match result {
                Ok(value) => value,
                Err(exception) => json!({
                    "exception": exception.type_name(),
                    "message": exception.message(),
                }),
            })
            .collect(),
    )
}
