//! Every refusal with its path and what was expected; the checkers' lines; the limits;
//! defaults and lenient forms; every corpus scenario through a round trip.

use super::super::Scenario;
use serde_json::json;

fn refusal(text: &str) -> String {
    match Scenario::from_json(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(error) => error.to_string(),
    }
}

fn with_child(child: serde_json::Value) -> String {
    json!({"version": 1, "children": [child]}).to_string()
}

#[test]
fn every_refusal_names_its_path_and_what_was_expected() {
    let whole = "a whole number of milliseconds from 0 to 86400000";
    let time = format!("expected {whole}");
    let cases = [
        ("", "scenario: not valid JSON: EOF while parsing a value at line 1 column 0".to_owned()),
        ("[]", "scenario: expected a JSON object: the root gather".to_owned()),
        ("{}", "version: missing: expected 1".to_owned()),
        (r#"{"version": "1", "children": []}"#, "version: expected 1 (the only format version)".to_owned()),
        (r#"{"version": 1}"#, "children: missing: expected a list of children (it may be empty)".to_owned()),
        (r#"{"version": 1, "children": {}}"#, "children: expected a list of children (it may be empty)".to_owned()),
        (r#"{"version": 1, "kind": "future", "children": []}"#, r#"kind: expected "gather" (the root is a gather) or no kind"#.to_owned()),
        (r#"{"version": 1, "children": [], "label": 7}"#, "label: expected text of at most 200 characters".to_owned()),
        (r#"{"version": 1, "children": [], "return_exceptions": "yes"}"#, "return_exceptions: expected true or false".to_owned()),
        (r#"{"version": 1, "children": [], "cancel_at_ms": -1}"#, format!("cancel_at_ms: expected null or {whole}")),
        (r#"{"version": 1, "children": [], "colour": "red"}"#, "colour: unknown field (allowed here: version, kind, label, return_exceptions, cancel_at_ms, limit, children, timeout_ms)".to_owned()),
        (&with_child(json!(5)), r#"children[0]: expected a JSON object: a child with "kind""#.to_owned()),
        (&with_child(json!({})), r#"children[0].kind: missing: expected "future" or "gather""#.to_owned()),
        (&with_child(json!({"kind": "task"})), r#"children[0].kind: expected "future" or "gather""#.to_owned()),
        (&with_child(json!({"kind": "future", "result": {"value": 1}})), format!("children[0].delay_ms: missing: expected {whole}")),
        (&with_child(json!({"kind": "future", "delay_ms": 2.5, "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
        (&with_child(json!({"kind": "future", "delay_ms": 86_400_001, "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
        (&with_child(json!({"kind": "future", "delay_ms": 1e300, "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
        (&with_child(json!({"kind": "future", "delay_ms": "100", "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
        (&with_child(json!({"kind": "future", "delay_ms": 1})), r#"children[0].result: missing: expected {"value": ...} or {"error": {"type": ..., "message": ...}}"#.to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {}})), r#"children[0].result: expected exactly one of "value" or "error""#.to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1, "error": {"type": "E"}}})), r#"children[0].result: expected exactly one of "value" or "error""#.to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": [1]}})), "children[0].result.value: expected a number, string, boolean or null".to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"type": "1Error"}}})), "children[0].result.error.type: expected an exception type name: letters, digits and _, not starting with a digit, 1 to 100 characters".to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"type": "Bad-Name"}}})), "children[0].result.error.type: expected an exception type name: letters, digits and _, not starting with a digit, 1 to 100 characters".to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"message": "m"}}})), "children[0].result.error.type: missing: expected an exception type name: letters, digits and _, not starting with a digit, 1 to 100 characters".to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"type": "E", "message": "m".repeat(1001)}}})), "children[0].result.error.message: expected text of at most 1000 characters".to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "on_cancel": 5})), r#"children[0].on_cancel: expected null or {"delay_ms": ..., "result": ...}"#.to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "on_cancel": {"result": {"value": 1}}})), format!("children[0].on_cancel.delay_ms: missing: expected {whole}")),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "label": "x".repeat(201)})), "children[0].label: expected text of at most 200 characters".to_owned()),
        (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "children": []})), "children[0].children: unknown field (allowed here: kind, label, delay_ms, result, cancel_at_ms, on_cancel, timeout_ms, shield)".to_owned()),
        (&with_child(json!({"kind": "gather", "children": [], "version": 1})), "children[0].version: unknown field (allowed here: kind, label, return_exceptions, cancel_at_ms, limit, children, timeout_ms, shield)".to_owned()),
        (r#"{"version": 1, "limit": 0, "children": []}"#, "limit: expected null or a whole number of slots from 1 to 10000".to_owned()),
        (&with_child(json!({"kind": "gather", "children": [], "limit": 2.5})), "children[0].limit: expected null or a whole number of slots from 1 to 10000".to_owned()),
        (&with_child(json!({"kind": "gather", "children": [], "limit": 10_001})), "children[0].limit: expected null or a whole number of slots from 1 to 10000".to_owned()),
        (&with_child(json!({"kind": "gather", "children": [], "<img src=x>": 1})), r#"children[0]."<img src=x>": unknown field (allowed here: kind, label, return_exceptions, cancel_at_ms, limit, children, timeout_ms, shield)"#.to_owned()),
    ];
    for (input, message) in cases {
        assert_eq!(refusal(input), message, "input: {input}");
    }
}

#[test]
fn the_field_checkers_draw_the_parsers_lines() {
    use super::super::{
        check_label, check_limit, check_message, check_time_ms, check_type_name, FieldRule,
        ScenarioProblem, MAX_LABEL_CHARS, MAX_MESSAGE_CHARS, MAX_NODES, MAX_TIME_MS,
        MAX_TYPE_NAME_CHARS,
    };
    let invalid = |rule| Err(ScenarioProblem::Invalid(rule));
    assert_eq!(check_label(&"é".repeat(MAX_LABEL_CHARS)), Ok(()));
    assert_eq!(
        check_label(&"é".repeat(MAX_LABEL_CHARS + 1)),
        invalid(FieldRule::Label)
    );
    assert_eq!(check_message(&"m".repeat(MAX_MESSAGE_CHARS)), Ok(()));
    assert_eq!(
        check_message(&"m".repeat(MAX_MESSAGE_CHARS + 1)),
        invalid(FieldRule::Message)
    );
    assert_eq!(check_type_name(&"E".repeat(MAX_TYPE_NAME_CHARS)), Ok(()));
    assert_eq!(
        check_type_name(&"E".repeat(MAX_TYPE_NAME_CHARS + 1)),
        invalid(FieldRule::TypeName)
    );
    assert_eq!(check_time_ms(MAX_TIME_MS), Ok(MAX_TIME_MS));
    assert_eq!(check_limit(MAX_NODES as u64), Ok(MAX_NODES));
    assert_eq!(
        check_limit(u64::MAX),
        Err(ScenarioProblem::Invalid(FieldRule::Limit))
    );
    // What the parser accepts at a limit, and the message it gives past it.
    let child = |fields: serde_json::Value| {
        let mut child = json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}});
        child
            .as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        with_child(child)
    };
    assert!(Scenario::from_json(&child(json!({"delay_ms": MAX_TIME_MS}))).is_ok());
    assert_eq!(
        refusal(&child(json!({"delay_ms": MAX_TIME_MS + 1}))),
        format!("children[0].delay_ms: expected {}", FieldRule::Time)
    );
    assert_eq!(
        refusal(&child(json!({"timeout_ms": 0}))),
        format!("children[0].timeout_ms: expected {}", FieldRule::Timeout)
    );
    assert!(FieldRule::Time
        .to_string()
        .ends_with(&MAX_TIME_MS.to_string()));
    assert!(FieldRule::Limit
        .to_string()
        .ends_with(&MAX_NODES.to_string()));
}

#[test]
fn limits_are_enforced_at_the_node_that_passes_them() {
    let future = json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}});
    let at_limit = json!({"version": 1, "children": vec![future.clone(); super::MAX_NODES - 1]});
    assert!(Scenario::from_value(&at_limit).is_ok());
    let over = json!({"version": 1, "children": vec![future; super::MAX_NODES]});
    assert_eq!(
        Scenario::from_value(&over).unwrap_err().to_string(),
        "children[9999]: too many nodes: a scenario may have at most 10000 futures and gathers"
    );

    let mut nested = json!({"kind": "gather", "children": []});
    for _ in 0..(super::MAX_DEPTH - 2) {
        nested = json!({"kind": "gather", "children": [nested]});
    }
    let at_depth = json!({"version": 1, "children": [nested.clone()]});
    assert!(Scenario::from_value(&at_depth).is_ok());
    let too_deep = json!({"version": 1, "children": [{"kind": "gather", "children": [nested]}]});
    let error = Scenario::from_value(&too_deep).unwrap_err();
    assert_eq!(
        error.path(),
        format!("children[0]{}", ".children[0]".repeat(31))
    );
    assert!(error
        .to_string()
        .ends_with("gathers nested too deep: at most 32 levels, the root counting as one"));

    // Past serde_json's own nesting limit: refused, not a stack overflow.
    let deep_text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(refusal(&deep_text).starts_with("scenario: not valid JSON: recursion limit exceeded"));
}

#[test]
fn defaults_and_lenient_forms_are_accepted() {
    let scenario = Scenario::from_json(
        r#"{"version": 1, "kind": "gather", "children": [
            {"kind": "future", "delay_ms": 300.0, "result": {"error": {"type": "_Err2"}},
             "cancel_at_ms": null, "on_cancel": null}]}"#,
    )
    .unwrap();
    let expected = json!({"version": 1, "label": "", "return_exceptions": false,
        "cancel_at_ms": null, "children": [{"kind": "future", "label": "", "delay_ms": 300,
        "result": {"error": {"type": "_Err2", "message": ""}}, "cancel_at_ms": null}]});
    assert_eq!(scenario.to_value(), expected);
}

#[test]
fn every_corpus_scenario_survives_a_round_trip() {
    let corpus: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/conformance/corpus.json")).unwrap();
    for case in corpus["cases"].as_array().unwrap() {
        let scenario = Scenario::from_value(&case["scenario"]).unwrap();
        assert_eq!(Scenario::from_value(&scenario.to_value()), Ok(scenario));
    }
}
