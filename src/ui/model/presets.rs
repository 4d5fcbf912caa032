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
    // After the first sixteen, so that a saved state's preset (kept by its place in this
    // list) still names the same one.
    Preset {
        name: "A timeout on gather cancels every child — and waits for their cleanup",
        notice: "At 100 ms the timeout cancels the gather and so both children; wait_for then waits for their 50 ms cleanups, and raises TimeoutError at 150 ms, not at 100.",
        source: Source::Json(r#"{"version": 1, "label": "main", "timeout_ms": 100, "children": [
            {"kind": "future", "label": "save draft", "delay_ms": 1000, "result": {"value": "saved"},
             "on_cancel": {"delay_ms": 50, "result": {"error": {"type": "CancelledError", "message": ""}}}},
            {"kind": "future", "label": "upload", "delay_ms": 1000, "result": {"value": "uploaded"},
             "on_cancel": {"delay_ms": 50, "result": {"error": {"type": "CancelledError", "message": ""}}}}]}"#),
    },
    Preset {
        name: "shield: the gather is cancelled, the shielded child runs on",
        notice: "cancel() at 100 ms reaches only payment's shield: the outer raises CancelledError at once, cache's cleanup ends at 150 ms, and payment still returns at 300 ms, to no one (the thin line is its shield).",
        source: Source::Json(r#"{"version": 1, "label": "main", "cancel_at_ms": 100, "children": [
            {"kind": "future", "label": "payment", "delay_ms": 300, "result": {"value": "paid"}, "shield": true},
            {"kind": "future", "label": "cache", "delay_ms": 1000, "result": {"value": "cached"},
             "on_cancel": {"delay_ms": 50, "result": {"value": "flushed"}}}]}"#),
    },
    Preset {
        name: "gather or wait(FIRST_EXCEPTION)?",
        notice: "gather raises CancelledError at 100 ms, when A is cancelled. Press Compare: asyncio.wait(FIRST_EXCEPTION) does not count a cancellation, so it returns at 200 ms, when B raises, with done: A, B; pending: C, and raises nothing.",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": "a"}, "cancel_at_ms": 100},
            {"kind": "future", "label": "B", "delay_ms": 200, "result": {"error": {"type": "ValueError", "message": "bad"}}},
            {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": "c"}}]}"#),
    },
    Preset {
        name: "as_completed: results in completion order",
        notice: "gather returns ['slow', 'fast', 'medium'], in argument order. Press Compare: the as_completed loop gets the same values in the order they finished, ['fast', 'medium', 'slow'].",
        source: Source::Json(r#"{"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "slow", "delay_ms": 300, "result": {"value": "slow"}},
            {"kind": "future", "label": "fast", "delay_ms": 100, "result": {"value": "fast"}},
            {"kind": "future", "label": "medium", "delay_ms": 200, "result": {"value": "medium"}}]}"#),
    },
    Preset {
        name: "Cancel at the very moment it finishes",
        notice: "A's sleep and its cancel both fall at 100 ms, and the cancel wins (rule H4): A ends cancelled, not with 'A'. B catches it, and its 0 ms cleanup (one yield) returns 'cleaned up' in the same millisecond.",
        source: Source::Json(r#"{"version": 1, "label": "main", "return_exceptions": true, "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": "A"}, "cancel_at_ms": 100},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": "B"}, "cancel_at_ms": 100,
             "on_cancel": {"delay_ms": 0, "result": {"value": "cleaned up"}}}]}"#),
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
        let thousand = PRESETS[15].scenario().unwrap();
        assert_eq!(thousand.root.children.len(), 1000);
        assert_eq!(thousand.root.limit, Some(33));
    }

    /// Each preset of timeouts, shields, wait and as_completed, and of ties, shows what its
    /// note says, as the prediction has it.
    #[test]
    fn the_notes_of_the_newer_presets_tell_what_the_prediction_shows() {
        use super::super::run_view::predict;
        use gather_playground::explore::{compare, Combinator};
        use gather_playground::scenario::Status;
        use serde_json::json;
        let scenario = |name: &str| {
            PRESETS
                .iter()
                .find(|preset| preset.name.starts_with(name))
                .and_then(|preset| preset.scenario())
                .unwrap()
        };
        let timeout_error = Status::Raised {
            exception: "TimeoutError".into(),
            message: String::new(),
        };
        let timed = predict(&scenario("A timeout on gather"));
        let received = timed.traces[0].received.as_ref().unwrap();
        assert_eq!((&received.status, received.at_ms), (&timeout_error, 150.0));
        assert_eq!(timed.traces[0].timeout_ms, Some(100.0));

        let shielded = predict(&scenario("shield:"));
        let end = |node: usize| {
            let finish = shielded.traces[node].finished.as_ref().unwrap();
            (finish.status.clone(), finish.at_ms)
        };
        assert_eq!(end(0), (Status::Cancelled, 100.0));
        assert_eq!(
            end(1),
            (
                Status::Ok {
                    value: json!("paid")
                },
                300.0
            )
        );
        assert_eq!(
            end(2),
            (
                Status::Ok {
                    value: json!("flushed")
                },
                150.0
            )
        );
        let shield = shielded.traces[1].received.as_ref().unwrap();
        assert_eq!((&shield.status, shield.at_ms), (&Status::Cancelled, 100.0));

        let waited = scenario("gather or wait");
        assert_eq!(
            predict(&waited).traces[0].finished.as_ref().unwrap().status,
            Status::Cancelled
        );
        let wait = compare(&waited, Combinator::WaitFirstException).unwrap();
        assert_eq!(
            (wait.outcome, wait.done_at_ms),
            (
                Status::Ok {
                    value: json!({"done": [0, 1], "pending": [2]})
                },
                200
            )
        );

        let as_completed = compare(&scenario("as_completed"), Combinator::AsCompleted).unwrap();
        assert_eq!(
            as_completed.outcome,
            Status::Ok {
                value: json!(["fast", "medium", "slow"])
            }
        );

        let tie = predict(&scenario("Cancel at the very moment"));
        assert_eq!(
            tie.traces[0]
                .finished
                .as_ref()
                .map(|finish| (&finish.status, finish.at_ms)),
            Some((
                &Status::Ok {
                    value: json!([{"exception": "CancelledError", "message": ""}, "cleaned up"])
                },
                100.0
            ))
        );
    }
}
