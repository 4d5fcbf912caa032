//! The scenario as real JavaScript promises: Promise.all and Promise.allSettled.

use super::compare::{Combinator, Comparison, Fate};
use crate::scenario::{json_text, GatherSpec, NodeSpec, ResultSpec, Scenario, Status};
use js_sys::{Array, Function, Promise, Reflect};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &JsValue, delay_ms: f64) -> JsValue;
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Runs `scenario` as JavaScript promises on the browser's own loop and reports it as a
/// [`Comparison`]: each future node is `new Promise` settled by a real `setTimeout` after
/// its `delay_ms` (resolved with its value, or rejected with an `Error` named after its
/// exception type), and each gather (the root included) is `Promise.all` of its children,
/// or `Promise.allSettled` for [`Combinator::PromiseAllSettled`].
///
/// Promises cannot be cancelled, so cancel times, cleanups and limits do not exist here:
/// every timer runs to its end, and the comparison is complete only once all have fired.
/// Times are measured in whole milliseconds from the start. Any other combinator gives
/// `None`.
///
/// # Examples
///
/// ```no_run
/// # async fn example() {
/// use gather_playground::explore::{run_promises, Combinator};
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "delay_ms": 10, "result": {"value": 1}}]}"#).unwrap();
/// let all = run_promises(&scenario, Combinator::PromiseAll).await.unwrap();
/// assert!(all.done_at_ms >= 10);
/// # }
/// ```
pub async fn run_promises(scenario: &Scenario, combinator: Combinator) -> Option<Comparison> {
    let settled = match combinator {
        Combinator::PromiseAll => false,
        Combinator::PromiseAllSettled => true,
        _ => return None,
    };
    let start_ms = performance_now();
    let leaves = Rc::new(RefCell::new(Vec::new()));
    let children: Vec<Promise> = scenario
        .root
        .children
        .iter()
        .map(|child| node_promise(child, settled, &leaves))
        .collect();
    let fates: Vec<Rc<RefCell<Option<Fate>>>> = children
        .iter()
        .map(|promise| watch(promise, start_ms))
        .collect();
    let outer = combine(&children, settled);
    let outcome = settled_status(JsFuture::from(outer).await);
    let done_at_ms = elapsed(start_ms);
    // Nothing cancels a promise: the report waits for every timer, as a run does.
    let pending: Vec<Promise> = leaves.borrow().clone();
    for promise in pending {
        let _ = JsFuture::from(promise).await;
    }
    let children = fates
        .into_iter()
        .map(|fate| {
            fate.borrow().clone().unwrap_or(Fate::Finished {
                status: Status::Cancelled,
                at_ms: done_at_ms,
            })
        })
        .collect();
    Some(Comparison {
        combinator,
        outcome,
        done_at_ms,
        children,
        errors: Vec::new(),
    })
}

fn elapsed(start_ms: f64) -> u64 {
    (performance_now() - start_ms).max(0.0).round() as u64
}

fn combine(children: &[Promise], settled: bool) -> Promise {
    let array: Array = children.iter().collect();
    if settled {
        Promise::all_settled(&array)
    } else {
        Promise::all(&array)
    }
}

fn node_promise(node: &NodeSpec, settled: bool, leaves: &Rc<RefCell<Vec<Promise>>>) -> Promise {
    match node {
        NodeSpec::Future(future) => {
            let result = future.result.clone();
            let delay_ms = future.delay_ms as f64;
            let promise = Promise::new(&mut |resolve: Function, reject: Function| {
                let result = result.clone();
                let fire = Closure::once_into_js(move || {
                    let _ = match &result {
                        ResultSpec::Value(value) => resolve.call1(&JsValue::NULL, &to_js(value)),
                        ResultSpec::Error(exception) => {
                            let error = js_sys::Error::new(exception.message());
                            error.set_name(exception.type_name());
                            reject.call1(&JsValue::NULL, &error)
                        }
                    };
                });
                set_timeout(&fire, delay_ms);
            });
            leaves.borrow_mut().push(promise.clone());
            promise
        }
        NodeSpec::Gather(GatherSpec { children, .. }) => {
            let children: Vec<Promise> = children
                .iter()
                .map(|child| node_promise(child, settled, leaves))
                .collect();
            combine(&children, settled)
        }
    }
}

/// Records when and how `promise` settles.
fn watch(promise: &Promise, start_ms: f64) -> Rc<RefCell<Option<Fate>>> {
    let fate = Rc::new(RefCell::new(None));
    let slot = Rc::clone(&fate);
    let watched = JsFuture::from(promise.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let status = settled_status(watched.await);
        *slot.borrow_mut() = Some(Fate::Finished {
            status,
            at_ms: elapsed(start_ms),
        });
    });
    fate
}

fn to_js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&json_text(value)).unwrap_or(JsValue::NULL)
}

/// How a promise settled, as the report format says it.
fn settled_status(settled: Result<JsValue, JsValue>) -> Status {
    match settled {
        Ok(value) => Status::Ok {
            value: to_value(&value),
        },
        Err(reason) => rejection(&reason),
    }
}

fn rejection(reason: &JsValue) -> Status {
    match to_value(reason) {
        Value::Object(fields) if fields.contains_key("exception") => Status::Raised {
            exception: text(fields.get("exception")),
            message: text(fields.get("message")),
        },
        other => Status::Raised {
            exception: "Error".into(),
            message: json_text(&other),
        },
    }
}

fn text(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// A settled JS value as the report format writes it: an `Error` as
/// `{"exception", "message"}`, an allSettled entry as its value or reason.
fn to_value(value: &JsValue) -> Value {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return json!({
            "exception": String::from(error.name()),
            "message": String::from(error.message()),
        });
    }
    if let Some(array) = value.dyn_ref::<Array>() {
        return Value::Array(array.iter().map(|item| to_value(&item)).collect());
    }
    if value.is_object() {
        let field = |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
        match field("status")
            .and_then(|status| status.as_string())
            .as_deref()
        {
            Some("fulfilled") => return to_value(&field("value").unwrap_or(JsValue::NULL)),
            Some("rejected") => return to_value(&field("reason").unwrap_or(JsValue::NULL)),
            _ => {}
        }
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}
