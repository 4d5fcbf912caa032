//! The explorers' results as JSON and back: how the page's worker, which runs them off the
//! page's own wasm, hands them over. Statuses are written as a report writes them.

use super::{Combinator, Comparison, Fate, SequentialTotals, ShuffleSummary};
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
                    json!({"status": status.to_value(), "at_ms": at_ms})
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
            "outcome": self.outcome.to_value(),
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
                    status: Status::from_value(&child["status"])?,
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
            outcome: Status::from_value(&value["outcome"])?,
            done_at_ms: value["done_at_ms"].as_u64()?,
            children,
            errors,
        })
    }
}

impl SequentialTotals {
    /// The totals as JSON: their fields by name, `stopped_by` as `[position, status]` or
    /// null.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::explore::{sequential_totals, SequentialTotals};
    /// use gather_playground::scenario::Scenario;
    ///
    /// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
    ///     {"kind": "future", "delay_ms": 100, "result": {"value": 1}}]}"#).unwrap();
    /// let totals = sequential_totals(&scenario);
    /// assert_eq!(SequentialTotals::from_value(&totals.to_value()), Some(totals));
    /// ```
    pub fn to_value(&self) -> Value {
        json!({
            "sequential_ms": self.sequential_ms,
            "concurrent_ms": self.concurrent_ms,
            "concurrent": self.concurrent.to_value(),
            "stopped_by": self.stopped_by.as_ref()
                .map(|(position, status)| json!([position, status.to_value()])),
            "never_started": self.never_started,
        })
    }

    /// Totals read back from [`SequentialTotals::to_value`]; `None` if any part is wrong.
    pub fn from_value(value: &Value) -> Option<SequentialTotals> {
        let stopped_by = match &value["stopped_by"] {
            Value::Null => None,
            stopped => Some((as_usize(&stopped[0])?, Status::from_value(&stopped[1])?)),
        };
        Some(SequentialTotals {
            sequential_ms: value["sequential_ms"].as_u64()?,
            concurrent_ms: value["concurrent_ms"].as_u64()?,
            concurrent: Status::from_value(&value["concurrent"])?,
            stopped_by,
            never_started: as_usize(&value["never_started"])?,
        })
    }
}

impl ShuffleSummary {
    /// The summary as JSON: its fields by name, `exception_wins` as `[position, wins]`
    /// pairs.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::explore::{shuffle, ShuffleSummary};
    /// use gather_playground::scenario::Scenario;
    ///
    /// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
    ///     {"kind": "future", "delay_ms": 100, "result": {"value": 1}},
    ///     {"kind": "future", "delay_ms": 200, "result": {"value": 2}}]}"#).unwrap();
    /// let summary = shuffle(&scenario, 20, 7);
    /// assert_eq!(ShuffleSummary::from_value(&summary.to_value()), Some(summary));
    /// ```
    pub fn to_value(&self) -> Value {
        json!({
            "runs": self.runs,
            "seed": self.seed,
            "results_in_argument_order": self.results_in_argument_order,
            "returned": self.returned,
            "distinct_completion_orders": self.distinct_completion_orders,
            "sample_orders": self.sample_orders,
            "exception_wins": self.exception_wins,
            "cancelled": self.cancelled,
        })
    }

    /// A summary read back from [`ShuffleSummary::to_value`]; `None` if any part is wrong.
    pub fn from_value(value: &Value) -> Option<ShuffleSummary> {
        let count = |key: &str| as_usize(&value[key]);
        let sample_orders = value["sample_orders"]
            .as_array()?
            .iter()
            .map(|order| order.as_array()?.iter().map(as_usize).collect())
            .collect::<Option<Vec<Vec<usize>>>>()?;
        let exception_wins = value["exception_wins"]
            .as_array()?
            .iter()
            .map(|pair| Some((as_usize(&pair[0])?, as_usize(&pair[1])?)))
            .collect::<Option<Vec<(usize, usize)>>>()?;
        Some(ShuffleSummary {
            runs: count("runs")?,
            seed: value["seed"].as_u64()?,
            results_in_argument_order: count("results_in_argument_order")?,
            returned: count("returned")?,
            distinct_completion_orders: count("distinct_completion_orders")?,
            sample_orders,
            exception_wins,
            cancelled: count("cancelled")?,
        })
    }
}

fn as_usize(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use crate::explore::{compare, sequential_totals, shuffle, Combinator, Comparison};
    use crate::explore::{SequentialTotals, ShuffleSummary};
    use crate::scenario::Scenario;

    #[test]
    fn every_result_comes_back_as_it_went() {
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
        let totals = sequential_totals(&scenario);
        assert!(totals.stopped_by.is_some());
        assert_eq!(
            SequentialTotals::from_value(&totals.to_value()),
            Some(totals)
        );
        let summary = shuffle(&scenario, 50, 3);
        assert!(!summary.exception_wins.is_empty());
        assert_eq!(
            ShuffleSummary::from_value(&summary.to_value()),
            Some(summary)
        );
        assert_eq!(SequentialTotals::from_value(&serde_json::json!({})), None);
        assert_eq!(
            ShuffleSummary::from_value(&serde_json::json!({"runs": -1})),
            None
        );
    }
}

#[cfg(test)]
mod status_tests {
    use crate::scenario::Status;
    use serde_json::json;

    #[test]
    fn every_status_reads_back_as_serde_writes_it() {
        for status in [
            Status::Ok {
                value: json!([1, {"exception": "KeyError", "message": "k"}]),
            },
            Status::Raised {
                exception: "ValueError".into(),
                message: "bad".into(),
            },
            Status::Cancelled,
        ] {
            let written = serde_json::to_value(&status).unwrap();
            assert_eq!(status.to_value().to_string(), written.to_string());
            assert_eq!(Status::from_value(&written), Some(status));
        }
        assert_eq!(Status::from_value(&json!({"status": "ok"})), None);
    }
}
