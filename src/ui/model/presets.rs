//! Ready-made scenarios, from the tutorials the project grew from and the semantics table.

use gather_playground::scenario::Scenario;

pub struct Preset {
    pub name: &'static str,
    /// One sentence on what to notice.
    pub notice: &'static str,
    source: Source,
}

/// Where a preset's scenario comes from.
enum Source {
    Json(&'static str),
    /// Built, when it is too big to write out.
    Built(fn() -> Scenario),
}

impl Preset {
    /// The preset's scenario; `None` only if a preset were malformed (the e2e suite loads
    /// every one).
    pub fn scenario(&self) -> Option<Scenario> {
        match self.source {
            Source::Json(json) => Scenario::from_json(json).ok(),
            Source::Built(build) => Some(build()),
        }
    }
}

/// The seeds' benchmark: 1,000 requests of 10 to 26 ms (about 18 ms, as in the tutorial),
/// at most 33 at a time, as a connection pool would allow.
fn thousand_requests() -> Scenario {
    let children: Vec<serde_json::Value> = (0..1000u64)
        .map(|index| {
            serde_json::json!({"kind": "future", "label": format!("request {}", index + 1),
                "delay_ms": 10 + (index * 7919 + 13) % 17, "result": {"value": 200}})
        })
        .collect();
    let value =
        serde_json::json!({"version": 1, "label": "main", "limit": 33, "children": children});
    Scenario::from_value(&value).unwrap_or_else(|_| Scenario {
        root: Default::default(),
    })
}

pub const DEFAULT_PRESET: usize = 2;

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "One coroutine",
        notice: "Even one child gives a list: gather returns one result per argument.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "fetch_user", "delay_ms": 400, "result": {"value": "alice"}}]}"#),
    },
    Preset {
        name: "Many coroutines",
        notice: "All five run at once: the gather takes as long as the slowest child (600 ms), not the sum (1,900 ms).",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "page 1", "delay_ms": 300, "result": {"value": 200}},
            {"kind": "future", "label": "page 2", "delay_ms": 500, "result": {"value": 200}},
            {"kind": "future", "label": "page 3", "delay_ms": 200, "result": {"value": 404}},
            {"kind": "future", "label": "page 4", "delay_ms": 600, "result": {"value": 200}},
            {"kind": "future", "label": "page 5", "delay_ms": 300, "result": {"value": 500}}]}"#),
    },
    Preset {
        name: "Results in argument order",
        notice: "delay(3) finishes after delay(1), yet its result comes first: results follow the arguments, never completion.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "delay(3)", "delay_ms": 900, "result": {"value": 3}},
            {"kind": "future", "label": "delay(1)", "delay_ms": 300, "result": {"value": 1}},
            {"kind": "future", "label": "delay(2)", "delay_ms": 600, "result": {"value": 2}}]}"#),
    },
    Preset {
        name: "Ten return values",
        notice: "Ten children finish in a scrambled order; the list is still 0 to 9.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "square(0)", "delay_ms": 500, "result": {"value": 0}},
            {"kind": "future", "label": "square(1)", "delay_ms": 120, "result": {"value": 1}},
            {"kind": "future", "label": "square(2)", "delay_ms": 760, "result": {"value": 4}},
            {"kind": "future", "label": "square(3)", "delay_ms": 300, "result": {"value": 9}},
            {"kind": "future", "label": "square(4)", "delay_ms": 640, "result": {"value": 16}},
            {"kind": "future", "label": "square(5)", "delay_ms": 60, "result": {"value": 25}},
            {"kind": "future", "label": "square(6)", "delay_ms": 420, "result": {"value": 36}},
            {"kind": "future", "label": "square(7)", "delay_ms": 880, "result": {"value": 49}},
            {"kind": "future", "label": "square(8)", "delay_ms": 240, "result": {"value": 64}},
            {"kind": "future", "label": "square(9)", "delay_ms": 560, "result": {"value": 81}}]}"#),
    },
    Preset {
        name: "Nested groups",
        notice: "Each nested gather contributes its whole list as one element of the outer list.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "gather", "label": "group 1", "children": [
                {"kind": "future", "label": "a", "delay_ms": 400, "result": {"value": "a"}},
                {"kind": "future", "label": "b", "delay_ms": 200, "result": {"value": "b"}}]},
            {"kind": "gather", "label": "group 2", "children": [
                {"kind": "future", "label": "c", "delay_ms": 300, "result": {"value": "c"}},
                {"kind": "future", "label": "d", "delay_ms": 500, "result": {"value": "d"}}]},
            {"kind": "future", "label": "e", "delay_ms": 100, "result": {"value": "e"}}]}"#),
    },
    Preset {
        name: "One child raises, siblings run on",
        notice: "The outer fails at 200 ms with B's exception, but C is not cancelled: it still finishes at 300 ms.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
            {"kind": "future", "label": "B", "delay_ms": 200,
             "result": {"error": {"type": "ZeroDivisionError", "message": "division by zero"}}},
            {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": 3}}]}"#),
    },
    Preset {
        name: "return_exceptions=True",
        notice: "Nothing short-circuits: the outer waits for all four and the exceptions take their places in the list.",
        source: Source::Json(r#"{"version": 1, "label": "main", "return_exceptions": true, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 3}},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 1}},
            {"kind": "future", "label": "C", "delay_ms": 200,
             "result": {"error": {"type": "ZeroDivisionError", "message": "division by zero"}}},
            {"kind": "future", "label": "D", "delay_ms": 400,
             "result": {"error": {"type": "RuntimeError", "message": "late failure"}}}]}"#),
    },
    Preset {
        name: "A child is cancelled",
        notice: "Cancelling one child fails the whole gather with CancelledError at once, while A and C run on.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
            {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2}, "cancel_at_ms": 200},
            {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": 3}}]}"#),
    },
    Preset {
        name: "Cancel the whole gather",
        notice: "cancel() on the outer returns True and cancels every child, the nested gather's too.",
        source: Source::Json(r#"{"version": 1, "label": "main", "cancel_at_ms": 250, "children": [
            {"kind": "gather", "label": "inner", "children": [
                {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2}}]},
            {"kind": "future", "label": "C", "delay_ms": 1000, "result": {"value": 3}}]}"#),
    },
    Preset {
        name: "Cleanup swallows the cancellation",
        notice: "Both children catch CancelledError and return values, yet the outer still raises CancelledError, at 450 ms.",
        source: Source::Json(r#"{"version": 1, "label": "main", "cancel_at_ms": 150, "children": [
            {"kind": "future", "label": "writer", "delay_ms": 1000, "result": {"value": "written"},
             "on_cancel": {"delay_ms": 150, "result": {"value": "flushed"}}},
            {"kind": "future", "label": "uploader", "delay_ms": 1000, "result": {"value": "uploaded"},
             "on_cancel": {"delay_ms": 300, "result": {"value": "rolled back"}}}]}"#),
    },
    Preset {
        name: "Cancel after a failure does nothing",
        notice: "A fails at 100 ms; cancel() at 150 ms returns False, and B still finishes at 400 ms.",
        source: Source::Json(r#"{"version": 1, "label": "main", "cancel_at_ms": 150, "children": [
            {"kind": "future", "label": "A", "delay_ms": 100,
             "result": {"error": {"type": "ValueError", "message": "bad input"}}},
            {"kind": "future", "label": "B", "delay_ms": 400, "result": {"value": "b"}}]}"#),
    },
    Preset {
        name: "The empty gather",
        notice: "gather() with no children is already done, with an empty list, before anything runs.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": []}"#),
    },
    Preset {
        name: "First failure in time wins",
        notice: "B raises KeyError at 50 ms, before A's ValueError at 100 ms: the first in time, not in argument order, wins.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "from A"}}},
            {"kind": "future", "label": "B", "delay_ms": 50, "result": {"error": {"type": "KeyError", "message": "from B"}}}]}"#),
    },
    Preset {
        name: "A cleanup that raises",
        notice: "Cancelled at 50 ms, C's cleanup raises ValueError at 70 ms: the outer raises that, not CancelledError.",
        source: Source::Json(r#"{"version": 1, "label": "main", "cancel_at_ms": 50, "children": [
            {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": null},
             "on_cancel": {"delay_ms": 100, "result": {"value": "sa"}}},
            {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": null},
             "on_cancel": {"delay_ms": 50, "result": {"value": "sb"}}},
            {"kind": "future", "label": "C", "delay_ms": 1000, "result": {"value": null},
             "on_cancel": {"delay_ms": 20, "result": {"error": {"type": "ValueError", "message": "cleanup failed"}}}}]}"#),
    },
    Preset {
        name: "Concurrency limit (semaphore)",
        notice: "With limit 2, only two pages load at a time: the others wait for a slot (dotted), and each starts its sleep when one frees. Clear the limit to compare.",
        source: Source::Json(r#"{"version": 1, "label": "main", "limit": 2, "children": [
            {"kind": "future", "label": "python.org", "delay_ms": 300, "result": {"value": 200}},
            {"kind": "future", "label": "github.com", "delay_ms": 200, "result": {"value": 200}},
            {"kind": "future", "label": "httpbin.org", "delay_ms": 250, "result": {"value": 200}},
            {"kind": "future", "label": "nonexistent", "delay_ms": 100,
             "result": {"error": {"type": "ClientConnectorError", "message": "Cannot connect to host"}}}]}"#),
    },
    Preset {
        name: "1,000 requests, 33 at a time",
        notice: "The tutorial's benchmark: press Sequential. One after another takes about 18 s; gathered, 33 at a time, about half a second: 33× faster.",
        source: Source::Built(thousand_requests),
    },
];

#[cfg(test)]
mod tests {
    use super::{DEFAULT_PRESET, PRESETS};

    #[test]
    fn every_preset_is_a_valid_scenario_with_a_note() {
        assert!(DEFAULT_PRESET < PRESETS.len());
        for preset in PRESETS {
            let scenario = preset
                .scenario()
                .unwrap_or_else(|| panic!("{}", preset.name));
            assert!(preset.notice.len() > 20, "{}", preset.name);
            assert!(scenario.node_count() >= 1);
        }
        let thousand = PRESETS.last().and_then(|preset| preset.scenario()).unwrap();
        assert_eq!(thousand.root.children.len(), 1000);
        assert_eq!(thousand.root.limit, Some(33));
    }
}
