//! The page's scripting API: `window.gatherPlayground`.

use crate::scenario::{self, Scenario, ScenarioError, ScenarioProblem, FORMAT_VERSION};
use crate::{Runtime, VirtualClock};
use js_sys::{Error, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Defines `window.gatherPlayground` (on `globalThis`) with `run(scenario)`,
/// `predict(scenario)` and `version`.
///
/// `run` takes a scenario as an object or JSON text and returns a Promise of its report,
/// run on the page's real event loop with the browser runtime; an invalid scenario rejects
/// with an `Error` whose message names the offending path. Runs are independent: several
/// may be in flight at once. `predict` returns the report at once, from a run on a virtual
/// clock (exact times, what the page's prediction shows); an invalid scenario throws.
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
    let run = Closure::<dyn Fn(JsValue) -> Promise>::new(run_from_js);
    Reflect::set(
        &api,
        &"run".into(),
        run.as_ref().unchecked_ref::<Function>(),
    )?;
    // The page keeps its API for its whole life.
    run.forget();
    let predict = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(predict_from_js);
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

fn run_from_js(input: JsValue) -> Promise {
    let scenario = match parse_js(&input) {
        Ok(scenario) => scenario,
        Err(error) => return Promise::reject(&Error::new(&error.to_string()).into()),
    };
    future_to_promise(async move {
        let report = scenario::run(Runtime::browser(), scenario).await;
        let text = serde_json::to_string(&report)
            .map_err(|error| JsValue::from(Error::new(&error.to_string())))?;
        JSON::parse(&text)
    })
}

fn predict_from_js(input: JsValue) -> Result<JsValue, JsValue> {
    let scenario = parse_js(&input).map_err(|error| Error::new(&error.to_string()))?;
    let clock = VirtualClock::new();
    let report = clock
        .block_on(scenario::run(clock.runtime(), scenario))
        .ok_or_else(|| Error::new("the prediction did not finish"))?;
    let text = serde_json::to_string(&report).map_err(|error| Error::new(&error.to_string()))?;
    JSON::parse(&text)
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
