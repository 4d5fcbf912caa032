//! A [`Comparison`] as JSON and back: how the page's worker, which runs the comparisons off
//! the page's own wasm, hands them over.

use super::{Combinator, Comparison, Fate};
use crate::scenario::Status;
use crate::Exception;
use serde_json::{json, Value};

impl Combinator {
    /// The combinator named by [`Combinator::name`], if any.
    pub fn from_name(name: &str) -> Option<Combinator> {
        Combinator::ALL
            .into_iter()
            .find(|combinator| combinator.name() == name)
    }
}

impl Comparison {
    /// The comparison as JSON: `{"combinator", "outcome", "done_at_ms", "children",
    /// "errors"}`, the combinator by its name, the outcome and each finished child's
    /// status as a report writes a status, each dropped child as `{"dropped_at_ms"}`, each
    /// error as `{"type", "message"}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::explore::{compare, Combinator, Comparison};
    /// use gather_playground::scenario::Scenario;
    ///
    /// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
    ///     {"kind": "future", "delay_ms": 100, "result": {"value": 1}}]}"#).unwrap();
    /// let comparison = compare(&scenario, Combinator::TaskGroup).unwrap();
    /// assert_eq!(Comparison::from_value(&comparison.to_value()), Some(comparison));
    /// ```
    pub fn to_value(&self) -> Value {
        let children: Vec<Value> = self
            .children
            .iter()
            .map(|fate| match fate {
                Fate::Finished { status, at_ms } => {
                    json!({"status": status_value(status), "at_ms": at_ms})
                }
                Fate::Dropped { at_ms } => json!({"dropped_at_ms": at_ms}),
            })
            .collect();
        let errors: Vec<Value> = self
            .errors
            .iter()
            .map(|error| json!({"type": error.type_name(), "message": error.message()}))
            .collect();
        json!({
            "combinator": self.combinator.name(),
            "outcome": status_value(&self.outcome),
            "done_at_ms": self.done_at_ms,
            "children": children,
            "errors": errors,
        })
    }

    /// A comparison read back from [`Comparison::to_value`]; `None` if any part is missing
    /// or not what it should be.
    pub fn from_value(value: &Value) -> Option<Comparison> {
        let children = value["children"]
            .as_array()?
            .iter()
            .map(|child| match child["dropped_at_ms"].as_u64() {
                Some(at_ms) => Some(Fate::Dropped { at_ms }),
                None => Some(Fate::Finished {
                    status: status_from(&child["status"])?,
                    at_ms: child["at_ms"].as_u64()?,
                }),
            })
            .collect::<Option<Vec<Fate>>>()?;
        let errors = value["errors"]
            .as_array()?
            .iter()
            .map(|error| {
                Some(Exception::new(
                    error["type"].as_str()?,
                    error["message"].as_str()?,
                ))
            })
            .collect::<Option<Vec<Exception>>>()?;
        Some(Comparison {
            combinator: Combinator::from_name(value["combinator"].as_str()?)?,
            outcome: status_from(&value["outcome"])?,
            done_at_ms: value["done_at_ms"].as_u64()?,
            children,
            errors,
        })
    }
}

fn status_value(status: &Status) -> Value {
    serde_json::to_value(status).unwrap_or(Value::Null)
}

fn status_from(value: &Value) -> Option<Status> {
    serde_json::from_value(value.clone()).ok()
}

#[cfg(test)]
mod tests {
    use crate::explore::{compare, Combinator, Comparison};
    use crate::scenario::Scenario;

    #[test]
    fn every_rust_combinators_comparison_comes_back_as_it_went() {
        let scenario = Scenario::from_json(
            r#"{"version": 1, "cancel_at_ms": 250, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": "two"}},
            {"kind": "future", "label": "B", "delay_ms": 100,
             "result": {"error": {"type": "ValueError", "message": "bad"}}},
            {"kind": "future", "label": "C", "delay_ms": 200, "result": {"value": null},
             "on_cancel": {"delay_ms": 50, "result": {"value": "cleaned"}}}]}"#,
        )
        .unwrap();
        for combinator in Combinator::ALL {
            assert_eq!(Combinator::from_name(combinator.name()), Some(combinator));
            let Some(comparison) = compare(&scenario, combinator) else {
                continue;
            };
            assert_eq!(
                Comparison::from_value(&comparison.to_value()).as_ref(),
                Some(&comparison),
                "{}",
                combinator.name()
            );
        }
        assert_eq!(
            Comparison::from_value(&serde_json::json!({"combinator": "x"})),
            None
        );
    }
}
