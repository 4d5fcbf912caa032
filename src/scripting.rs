//! The page's scripting API: `window.gatherPlayground`.

use crate::explain::events_json;
use crate::scenario::{Run, Scenario, ScenarioError, ScenarioProblem, FORMAT_VERSION};
use crate::{Runtime, VirtualClock};
use js_sys::{Error, Function, Object, Promise, Reflect, JSON};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Defines `window.gatherPlayground` (on `globalThis`) with `run(scenario, options)`,
/// `predict(scenario, options)` and `version`.
///
/// `run` takes a scenario as an object or JSON text and returns a Promise of its report,
/// run on the page's real event loop with the browser runtime; an invalid scenario rejects
/// with an `Error` whose message names the offending path. Runs are independent: several
/// may be in flight at once. `predict` returns the report at once, from a run on a virtual
/// clock (exact times, what the page's prediction shows); an invalid scenario throws.
/// With `options` `{events: true}` the report also has `"events"`: every event of the run
/// with its cause and the rules that decided it ([`events_json`]); without, it is the
/// plain report.
///
/// # Examples
///
/// ```js
/// const report = await window.gatherPlayground.run({version: 1, children: [
///   {kind: "future", label: "A", delay_ms: 100, result: {value: 1}}]});
/// report.children[0].done_at_ms; // about 100
/// ```
pub fn install() -> Result<(), JsValue> {
    let api = Object::new();
    let run = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(run_from_js);
    Reflect::set(
        &api,
        &"run".into(),
        run.as_ref().unchecked_ref::<Function>(),
    )?;
    // The page keeps its API for its whole life.
    run.forget();
    let predict =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(predict_from_js);
    Reflect::set(
        &api,
        &"predict".into(),
        predict.as_ref().unchecked_ref::<Function>(),
    )?;
    predict.forget();
    Reflect::set(
        &api,
        &"version".into(),
        &JsValue::from(FORMAT_VERSION as f64),
    )?;
    Object::freeze(&api);
    Reflect::set(&js_sys::global(), &"gatherPlayground".into(), &api)?;
    Ok(())
}

/// Whether `options` asks for the events: `{events: true}`.
fn wants_events(options: &JsValue) -> bool {
    options.is_object()
        && Reflect::get(options, &"events".into()).is_ok_and(|events| events.is_truthy())
}

/// Runs `scenario` on `runtime` and gives its report, with its events if `events`.
async fn report_value(runtime: Runtime, scenario: Scenario, events: bool) -> serde_json::Value {
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&log);
    let live = Run::start(runtime, &scenario, move |event| {
        if events {
            sink.borrow_mut().push(event.clone());
        }
    });
    let report = live.report().await;
    let mut value = serde_json::to_value(&report).unwrap_or_default();
    if events {
        let events = events_json(&scenario, &log.borrow());
        if let Some(fields) = value.as_object_mut() {
            fields.insert("events".into(), events);
        }
    }
    value
}

fn to_js(value: &serde_json::Value) -> Result<JsValue, JsValue> {
    JSON::parse(&value.to_string())
}

fn run_from_js(input: JsValue, options: JsValue) -> Promise {
    let scenario = match parse_js(&input) {
        Ok(scenario) => scenario,
        Err(error) => return Promise::reject(&Error::new(&error.to_string()).into()),
    };
    let events = wants_events(&options);
    future_to_promise(async move {
        let value = report_value(Runtime::browser(), scenario, events).await;
        to_js(&value)
    })
}

fn predict_from_js(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let scenario = parse_js(&input).map_err(|error| Error::new(&error.to_string()))?;
    let clock = VirtualClock::new();
    let value = clock
        .block_on(report_value(
            clock.runtime(),
            scenario,
            wants_events(&options),
        ))
        .ok_or_else(|| Error::new("the prediction did not finish"))?;
    to_js(&value)
}

/// A scenario from a JS string (JSON text) or object.
pub fn parse_js(input: &JsValue) -> Result<Scenario, ScenarioError> {
    let unreadable = |expectation| ScenarioError::new("", ScenarioProblem::Expected(expectation));
    let text = match input.as_string() {
        Some(text) => text,
        None if input.is_object() => JSON::stringify(input)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| {
                unreadable("an object JSON.stringify can write (no cycles, no BigInt)")
            })?,
        None => return Err(unreadable("a scenario object or JSON text")),
    };
    Scenario::from_json(&text)
}
