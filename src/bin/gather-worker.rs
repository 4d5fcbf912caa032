//! The page's worker: the work the page does not need for its first paint, off the page's
//! own wasm — writing a scenario as Python and as Rust (`codegen`), and running it under
//! the other combinators on a virtual clock (`explore::compare`). Both are about a sixth of
//! the page's size, so the page starts the worker only when a panel first needs it
//! (`ui/services/worker.rs`), and its first load stays within its budget.
//!
//! One message in, a JSON text `{"id", "job", "scenario", ...}`; one message out for each,
//! a JSON text `{"id", ...}` — see [`answer`].

use gather_playground::codegen::Program;
use gather_playground::explore::{compare, Combinator};
use gather_playground::scenario::Scenario;
use serde_json::{json, Value};

/// The answer to one request, with its `id`:
/// - `{"job": "code", "program", "scenario"}` (a [`Program::key`]) → `{"code"}`, the
///   program's text;
/// - `{"job": "compare", "scenario", "combinator"}` (a [`Combinator::name`]) →
///   `{"comparison": ...}` ([`Comparison::to_value`](gather_playground::explore::Comparison::to_value),
///   or null where the combinator does not run here);
/// - anything else, or a scenario that does not parse → `{"error"}` (the page sends only
///   scenarios it has checked).
fn answer(request: &Value) -> Value {
    let id = request["id"].clone();
    let scenario = match Scenario::from_value(&request["scenario"]) {
        Ok(scenario) => scenario,
        Err(error) => return json!({"id": id, "error": error.to_string()}),
    };
    match request["job"].as_str() {
        Some("code") => match request["program"].as_str().and_then(Program::from_key) {
            Some(program) => json!({"id": id, "code": program.write(&scenario)}),
            None => json!({"id": id, "error": "no such program"}),
        },
        Some("compare") => match request["combinator"]
            .as_str()
            .and_then(Combinator::from_name)
        {
            Some(combinator) => json!({
                "id": id,
                "comparison": compare(&scenario, combinator).map(|comparison| comparison.to_value()),
            }),
            None => json!({"id": id, "error": "no such combinator"}),
        },
        _ => json!({"id": id, "error": "no such job"}),
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        web_sys::console::error_1(&"gather-worker runs only as a dedicated worker".into());
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .unwrap_or(Value::Null);
        let reply = answer(&request).to_string();
        if let Err(error) = replies.post_message(&reply.into()) {
            web_sys::console::error_2(&"gather-worker: could not reply".into(), &error);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
}

/// The same protocol on the command line, a request per line of stdin, an answer per line
/// of stdout: `echo '{"id": 1, "job": "code", "scenario": {...}}' | cargo run --bin
/// gather-worker`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::BufRead;
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let request = serde_json::from_str::<Value>(&line).unwrap_or(Value::Null);
        println!("{}", answer(&request));
    }
}

#[cfg(test)]
mod tests {
    use super::answer;
    use gather_playground::codegen::{to_python, to_rust, Program};
    use gather_playground::explore::{compare, Combinator, Comparison};
    use gather_playground::scenario::Scenario;
    use serde_json::json;

    fn scenario() -> serde_json::Value {
        json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}}]})
    }

    #[test]
    fn code_is_what_the_code_generators_write() {
        let code = |program: &str| {
            answer(&json!({"id": 7, "job": "code", "program": program, "scenario": scenario()}))
        };
        let parsed = Scenario::from_value(&scenario()).unwrap();
        assert_eq!(code(Program::Python.key())["id"], 7);
        assert_eq!(code(Program::Python.key())["code"], to_python(&parsed));
        assert_eq!(code(Program::Rust.key())["code"], to_rust(&parsed));
        assert!(code("cobol")["error"].is_string());
    }

    #[test]
    fn a_comparison_is_what_compare_gives_and_reads_back() {
        let answer = answer(&json!({"id": 1, "job": "compare", "scenario": scenario(),
            "combinator": Combinator::TaskGroup.name()}));
        let parsed = Scenario::from_value(&scenario()).unwrap();
        assert_eq!(
            Comparison::from_value(&answer["comparison"]),
            compare(&parsed, Combinator::TaskGroup)
        );
        let promises = super::answer(&json!({"id": 2, "job": "compare", "scenario": scenario(),
            "combinator": Combinator::PromiseAll.name()}));
        assert!(promises["comparison"].is_null(), "promises run on the page");
    }

    #[test]
    fn bad_requests_are_answered_in_words() {
        assert!(
            answer(&json!({"id": 1, "job": "code", "program": "python", "scenario": {}}))["error"]
                .is_string()
        );
        assert!(
            answer(&json!({"id": 1, "job": "dance", "scenario": scenario()}))["error"].is_string()
        );
        assert!(
            answer(&json!({"id": 1, "job": "compare", "scenario": scenario(),
            "combinator": "asyncio.magic"}))["error"]
                .is_string()
        );
        assert!(answer(&serde_json::Value::Null)["error"].is_string());
    }
}
