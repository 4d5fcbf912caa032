//! What people often believe about gather, each with a scenario that shows otherwise.

use super::Rule;
use crate::scenario::Scenario;

/// A common belief about gather, and the scenario that tests it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Myth {
    /// "An exception cancels the other children."
    ErrorCancelsSiblings,
    /// "return_exceptions=True keeps the gather from being cancelled."
    ReturnExceptionsPreventsCancel,
    /// "cancel() on a finished gather stops the children still running."
    CancelAfterFailureStopsChildren,
    /// "Results come back in completion order."
    CompletionOrder,
    /// "A cancelled child's message reaches the result list."
    CancelMessageKept,
}

impl Myth {
    /// Every myth, in the order the page lists them.
    pub const ALL: [Myth; 5] = [
        Myth::ErrorCancelsSiblings,
        Myth::ReturnExceptionsPreventsCancel,
        Myth::CancelAfterFailureStopsChildren,
        Myth::CompletionOrder,
        Myth::CancelMessageKept,
    ];

    /// The belief, as people put it.
    pub fn claim(self) -> &'static str {
        match self {
            Myth::ErrorCancelsSiblings => "An exception in one child cancels the others.",
            Myth::ReturnExceptionsPreventsCancel => {
                "return_exceptions=True keeps the gather from being cancelled."
            }
            Myth::CancelAfterFailureStopsChildren => {
                "cancel() on a gather that already failed stops the children still running."
            }
            Myth::CompletionOrder => "Results come back in the order the children finish.",
            Myth::CancelMessageKept => {
                "A cancelled child's message, cancel(msg), reaches the result list."
            }
        }
    }

    /// What really happens, in one sentence.
    pub fn truth(self) -> &'static str {
        match self {
            Myth::ErrorCancelsSiblings => "The first exception completes the outer at once, but the other children are not cancelled: they run to their own end.",
            Myth::ReturnExceptionsPreventsCancel => "Cancelling the outer still cancels every child, and the outer raises CancelledError instead of returning a list, even if the children caught it.",
            Myth::CancelAfterFailureStopsChildren => "cancel() on a gather that is done returns False and does nothing: the children still running go on.",
            Myth::CompletionOrder => "The list always follows argument order, whatever order the children finish in.",
            Myth::CancelMessageKept => "With return_exceptions=True a cancelled child's place holds a fresh CancelledError(''): its message is lost.",
        }
    }

    /// The rules that decide it.
    pub fn rules(self) -> &'static [Rule] {
        match self {
            Myth::ErrorCancelsSiblings => &[Rule::C1, Rule::C2],
            Myth::ReturnExceptionsPreventsCancel => &[Rule::E2, Rule::E3, Rule::D1],
            Myth::CancelAfterFailureStopsChildren => &[Rule::E1, Rule::C2],
            Myth::CompletionOrder => &[Rule::B1],
            Myth::CancelMessageKept => &[Rule::B3],
        }
    }

    /// The scenario that tries it.
    pub fn scenario(self) -> Scenario {
        // JSON text rather than `json!`, whose expansion was 36 KB of the page's code.
        let text = match self {
            Myth::ErrorCancelsSiblings => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "fails", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}},
                {"kind": "future", "label": "keeps running", "delay_ms": 300, "result": {"value": "finished anyway"}}
            ]}"#
            }
            Myth::ReturnExceptionsPreventsCancel => {
                r#"{"version": 1, "label": "main", "return_exceptions": true, "cancel_at_ms": 100, "children": [
                {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
                {"kind": "future", "label": "careful", "delay_ms": 300, "result": {"value": 2}, "on_cancel": {"delay_ms": 50, "result": {"value": "caught it"}}}
            ]}"#
            }
            Myth::CancelAfterFailureStopsChildren => {
                r#"{"version": 1, "label": "main", "cancel_at_ms": 150, "children": [
                {"kind": "future", "label": "fails", "delay_ms": 100, "result": {"error": {"type": "KeyError", "message": "missing"}}},
                {"kind": "future", "label": "still running", "delay_ms": 400, "result": {"value": "done"}}
            ]}"#
            }
            Myth::CompletionOrder => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "slow", "delay_ms": 300, "result": {"value": "slow"}},
                {"kind": "future", "label": "fast", "delay_ms": 100, "result": {"value": "fast"}},
                {"kind": "future", "label": "medium", "delay_ms": 200, "result": {"value": "medium"}}
            ]}"#
            }
            Myth::CancelMessageKept => {
                r#"{"version": 1, "label": "main", "return_exceptions": true, "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
                {"kind": "future", "label": "cancelled", "delay_ms": 300, "result": {"value": 2}, "cancel_at_ms": 100},
                {"kind": "future", "label": "raises", "delay_ms": 200, "result": {"error": {"type": "ValueError", "message": "kept"}}}
            ]}"#
            }
        };
        // Written here, so any refusal is a bug caught by the rules' own test.
        Scenario::from_json(text).unwrap_or_default()
    }
}
