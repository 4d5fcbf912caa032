//! The Rust programs' shape: array layout, semaphores, names, imports, clones, timeouts
//! and shields.

use super::layout::array_argument;
use super::to_rust;
use crate::scenario::Scenario;
use serde_json::json;

fn program(scenario: serde_json::Value) -> String {
    let scenario = Scenario::from_value(&scenario);
    to_rust(&scenario.unwrap_or_else(|error| panic!("{error}")))
}

fn names(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|index| format!("{prefix}{index}")).collect()
}

#[test]
fn arrays_fit_one_line_or_pack_short_names_or_go_one_a_line() {
    assert_eq!(array_argument(&names("a", 3), 8), "        [a0, a1, a2],\n");
    let packed = array_argument(&names("c", 30), 8);
    assert_eq!(packed.lines().count(), 4, "{packed}");
    assert!(packed.contains("            c0, c1, c2,"), "{packed}");
    let long = array_argument(&names("a_rather_long_name_", 5), 8);
    assert_eq!(long.lines().count(), 7, "{long}");
    assert!(
        long.contains("            a_rather_long_name_4,\n        ],"),
        "{long}"
    );
}

#[test]
fn a_limited_gather_s_children_take_a_slot_of_its_semaphore() {
    let text = program(json!({"version": 1, "limit": 2, "children": [
        {"kind": "future", "label": "a", "delay_ms": 5, "result": {"value": 1}}]}));
    assert!(text.contains("    let main_slots = Semaphore::new(&runtime, 2);\n"));
    assert!(text.contains("    let a = spawn(&runtime, with_slots(&main_slots, a));\n"));
    assert!(text.contains(
        "async fn a(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {\n"
    ));
    assert!(text.contains("    let _slot = slots.acquire(cx).await?;\n    cx.sleep(5).await?;\n"));
}

#[test]
fn unlabelled_nodes_get_numbered_names() {
    let text = program(json!({"version": 1, "children": [
        {"kind": "future", "delay_ms": 1, "result": {"value": 1}},
        {"kind": "gather", "children": [
            {"kind": "future", "label": "!", "delay_ms": 1, "result": {"value": 2}}
        ]},
        {"kind": "future", "label": "main", "delay_ms": 1, "result": {"value": 3}}
    ]}));
    assert!(
        text.contains("    let child_1 = spawn(&runtime, child_1);\n"),
        "{text}"
    );
    assert!(
        text.contains("    let child_2 = spawn(&runtime, child_2);\n"),
        "{text}"
    );
    assert!(
        text.contains("    let main_2 = spawn(&runtime, main_2);\n"),
        "{text}"
    );
    assert!(text.contains("    let inner = nested_gather(&runtime, [child_2], false);"));
    assert!(text.contains("    let outer = gather(&runtime, [child_1, inner, main_2], false);"));
}

#[test]
fn the_program_imports_and_defines_only_what_it_uses() {
    let text = program(json!({"version": 1, "children": [
        {"kind": "future", "delay_ms": 1, "result": {"value": 1}}
    ]}));
    assert!(text.contains(
        "use gather_playground::{gather, Awaitable, Exception, GatherResults, Runtime, TaskContext, VirtualClock};"
    ) || text.contains("use gather_playground::{\n"), "{text}");
    assert!(!text.contains("fn nested_gather") && !text.contains("fn cancel_later"));
    let text = program(json!({"version": 1, "cancel_at_ms": 5, "children": []}));
    assert!(text.contains("gather(&runtime, Vec::<Awaitable<Value>>::new(), false)"));
    assert!(text.contains("    cancel_later(&runtime, 5, Awaitable::from(outer.clone()));\n"));
    assert!(text.contains("fn cancel_later<T: Clone + 'static>("));
}

#[test]
fn a_cancelled_child_is_cloned_into_its_gather_and_moved_into_its_cancel() {
    let text = program(json!({"version": 1, "children": [
        {"kind": "future", "label": "slow", "delay_ms": 900, "result": {"value": 1},
         "cancel_at_ms": 200,
         "on_cancel": {"delay_ms": 10, "result": {"error": {"type": "E", "message": ""}}}}
    ]}));
    assert!(
        text.contains("gather(&runtime, [slow.clone()], false)"),
        "{text}"
    );
    assert!(
        text.contains("    cancel_later(&runtime, 200, slow);\n"),
        "{text}"
    );
    assert!(text.contains("        return Err(Exception::new(\"E\", \"\"));\n"));
}

#[test]
fn timeouts_and_shields_use_the_crate_s_api() {
    let text = program(json!({"version": 1, "timeout_ms": 500, "children": [
        {"kind": "future", "label": "a", "delay_ms": 10, "result": {"value": 1},
         "timeout_ms": 100},
        {"kind": "future", "label": "b", "delay_ms": 10, "result": {"value": 1},
         "shield": true},
        {"kind": "gather", "label": "c", "timeout_ms": 100, "shield": true, "children": []},
    ]}));
    for expected in [
        "    let a = spawn_with_timeout(&runtime, a, 100);\n",
        "    let b_shield = Awaitable::from(shield(&runtime, b));\n",
        "    let c = nested_gather(&runtime, [], false);\n",
        "    let c_shield = Awaitable::from(shield(&runtime, c));\n",
        "    let c_in_time = spawn_wait_for(&runtime, c_shield, 100);\n",
        "    let outer = gather(&runtime, [a, b_shield, c_in_time], false);\n",
        "    let results = cx.wait_for(outer, 500).await?;\n",
        "cx.timeout(timeout_ms, child(&cx))",
        "cx.wait_for(awaited, timeout_ms)",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}
