//! The Python programs' shape: names, exception classes, the tasks created first, cancel
//! times, limits, timeouts and shields.

use super::{to_python, to_python_instrumented};
use crate::scenario::Scenario;
use serde_json::json;

fn scenario(value: serde_json::Value) -> Scenario {
    Scenario::from_value(&value).unwrap_or_else(|error| panic!("{error}"))
}

fn program(children: serde_json::Value) -> String {
    to_python(&scenario(json!({"version": 1, "children": children})))
}

fn future(label: &str, result: serde_json::Value) -> serde_json::Value {
    json!({"kind": "future", "label": label, "delay_ms": 10, "result": result})
}

#[test]
fn functions_are_named_after_labels_uniquely() {
    let text = program(json!([
        future("Fetch user", json!({"value": 1})),
        future("fetch-user", json!({"value": 2})),
        future("", json!({"value": 3})),
        future("print", json!({"value": 4})),
        future("3rd", json!({"value": 5})),
    ]));
    for expected in [
        "async def fetch_user():",
        "async def fetch_user_2():",
        "async def child_3():",
        "async def print_2():",
        "async def child_3rd():",
        "        fetch_user(),\n        fetch_user_2(),\n        child_3(),\n",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}

#[test]
fn exception_types_are_builtins_asyncio_s_or_defined_once() {
    let error = |kind: &str| json!({"error": {"type": kind, "message": "m"}});
    let text = program(json!([
        future("a", error("KeyError")),
        future("b", error("CancelledError")),
        future("c", error("QuotaExceeded")),
        future("d", error("QuotaExceeded")),
        future("e", error("None")),
    ]));
    assert!(!text.contains("class KeyError"));
    assert!(text.contains("raise KeyError(\"m\")"));
    assert!(text.contains("raise asyncio.CancelledError(\"m\")"));
    assert_eq!(text.matches("class QuotaExceeded(Exception):").count(), 1);
    assert!(text.contains("None_2 = type(\"None\", (Exception,), {})"));
    assert!(text.contains("raise None_2(\"m\")"));
}

#[test]
fn tasks_are_created_first_only_where_python_s_order_differs() {
    let text = program(json!([
        future("a", json!({"value": 1})),
        {"kind": "gather", "label": "batch", "return_exceptions": true, "children": [
            future("b", json!({"value": 2}))]},
    ]));
    // gather(a(), gather(b())) would wrap b before a: a is made a task first.
    assert!(
        text.contains("    a_task = asyncio.create_task(a())\n"),
        "{text}"
    );
    assert!(
        text.contains("asyncio.gather(b(), return_exceptions=True)"),
        "{text}"
    );
    let text = program(json!([
        {"kind": "gather", "label": "batch", "children": [future("b", json!({"value": 2}))]},
        future("a", json!({"value": 1})),
    ]));
    // gather(gather(b()), a()) wraps b, then a: as listed.
    assert!(!text.contains("create_task"), "{text}");
    assert!(
        text.contains("        asyncio.gather(b()),\n        a(),\n"),
        "{text}"
    );
}

#[test]
fn cancellations_are_scheduled_on_tasks_and_gathers() {
    let scenario = scenario(json!({"version": 1, "cancel_at_ms": 50, "children": [
        {"kind": "future", "label": "a", "delay_ms": 100, "result": {"value": 1},
         "cancel_at_ms": 20},
        {"kind": "gather", "label": "batch", "cancel_at_ms": 30, "children": []}
    ]}));
    for text in [to_python(&scenario), to_python_instrumented(&scenario)] {
        let cancels = "    loop.call_later(0.02, a_task.cancel)\n";
        assert!(text.contains(cancels), "{text}");
        assert!(
            text.contains("    loop.call_later(0.03, batch.cancel)\n"),
            "{text}"
        );
        assert!(
            text.contains("    loop.call_later(0.05, outer.cancel)\n"),
            "{text}"
        );
    }
}

#[test]
fn limits_are_semaphores_in_the_children() {
    let text = to_python(&scenario(json!({"version": 1, "limit": 2, "children": [
        future("a", json!({"value": 1}))]})));
    assert!(
        text.contains("\nmain_slots = asyncio.Semaphore(2)\n"),
        "{text}"
    );
    assert!(
        text.contains("async def a():\n    async with main_slots:\n        await asyncio.sleep(0.01)\n        return 1\n"),
        "{text}"
    );
    assert!(!text.contains("limit="), "{text}");
}

#[test]
fn timeouts_and_shields_are_wait_for_and_shield() {
    let text = to_python(&scenario(
        json!({"version": 1, "timeout_ms": 500, "children": [
            {"kind": "future", "label": "a", "delay_ms": 10, "result": {"value": 1},
             "timeout_ms": 100},
            {"kind": "future", "label": "b", "delay_ms": 10, "result": {"value": 1},
             "shield": true},
            {"kind": "future", "label": "c", "delay_ms": 10, "result": {"value": 1},
             "timeout_ms": 100, "shield": true},
        ]}),
    ));
    for expected in [
        // shield(b()) wraps b at once: a's wait_for is created first, to start first.
        "    a_task = asyncio.create_task(asyncio.wait_for(a(), 0.1))\n",
        "            a_task,\n",
        "            asyncio.shield(b()),\n",
        "            asyncio.wait_for(asyncio.shield(c()), 0.1),\n",
        "    results = await asyncio.wait_for(\n",
        "        0.5,\n    )\n",
        "# W1, W2:",
        "# W3:",
        "# W4:",
        "Python 3.12 or later",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}
