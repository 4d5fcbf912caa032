//! The page's worker: the work the page does not need for its first paint, off the page's
//! own wasm — writing a scenario as Python and as Rust (`codegen`), and the explorers'
//! virtual-clock runs (`explore`: Compare's Rust rows, Sequential, Shuffle). They are a
//! fifth of what the page would weigh with them, so the page's panels that come later start
//! the worker only when they first need it (`panels/services/worker.rs`), and the page's
//! first load stays within its budget.
//!
//! Once started it says `{"listening": true}`; then one message in, a JSON text `{"id",
//! "job", ...}`, and one message out for each (a shuffle sends its progress first), a JSON
//! text `{"id", ...}` — see [`answer`].

use gather_playground::codegen::Program;
use gather_playground::explore::{compare, sequential_totals, Combinator, ShuffleRuns};
use gather_playground::scenario::Scenario;
use serde_json::{json, Value};

/// What a request asks for.
enum Job {
    Code(Program, Scenario),
    Compare(Combinator, Scenario),
    Sequential(Scenario),
    Shuffle(ShuffleRuns),
    StopShuffle,
}

/// The request's job, or why it is not one.
fn read(request: &Value) -> Result<Job, String> {
    let job = request["job"].as_str().unwrap_or_default();
    if job == "stop_shuffle" {
        return Ok(Job::StopShuffle);
    }
    let scenario = Scenario::from_value(&request["scenario"]).map_err(|error| error.to_string());
    match job {
        "code" => match request["program"].as_str().and_then(Program::from_key) {
            Some(program) => Ok(Job::Code(program, scenario?)),
            None => Err("no such program".into()),
        },
        "compare" => match request["combinator"]
            .as_str()
            .and_then(Combinator::from_name)
        {
            Some(combinator) => Ok(Job::Compare(combinator, scenario?)),
            None => Err("no such combinator".into()),
        },
        "sequential" => Ok(Job::Sequential(scenario?)),
        "shuffle" => match (request["runs"].as_u64(), request["seed"].as_u64()) {
            (Some(runs), Some(seed)) => Ok(Job::Shuffle(ShuffleRuns::new(
                &scenario?,
                usize::try_from(runs).map_err(|_| "too many runs")?,
                seed,
            ))),
            _ => Err("a shuffle needs its runs and seed".into()),
        },
        _ => Err("no such job".into()),
    }
}

/// The answer to one request, with its `id`:
/// - `{"job": "code", "program", "scenario"}` (a [`Program::key`]) → `{"code"}`, the
///   program's text;
/// - `{"job": "compare", "scenario", "combinator"}` (a [`Combinator::name`]) →
///   `{"comparison"}` ([`Comparison::to_value`](gather_playground::explore::Comparison::to_value),
///   or null where the combinator does not run here: JavaScript's promises);
/// - `{"job": "sequential", "scenario"}` → `{"sequential"}`
///   ([`SequentialTotals::to_value`](gather_playground::explore::SequentialTotals::to_value));
/// - `{"job": "shuffle", "scenario", "runs", "seed"}` → `{"shuffle"}`
///   ([`ShuffleSummary::to_value`](gather_playground::explore::ShuffleSummary::to_value));
///   in the browser the runs go a slice at a time, each slice sending `{"progress":
///   {"done", "runs"}}`, so that `{"job": "stop_shuffle"}` can end them early (the summary
///   then of the runs so far); a shuffle that another replaces ends `{"replaced": true}`;
/// - anything else, or a scenario that does not parse → `{"error"}` (the page sends only
///   scenarios it has checked).
#[cfg(any(test, not(target_arch = "wasm32")))]
fn answer(request: &Value) -> Value {
    answer_job(request["id"].clone(), read(request))
}

/// The answer to the request `id` whose job is `job`.
fn answer_job(id: Value, job: Result<Job, String>) -> Value {
    match job {
        Ok(Job::Code(program, scenario)) => json!({"id": id, "code": program.write(&scenario)}),
        Ok(Job::Compare(combinator, scenario)) => json!({
            "id": id,
            "comparison": compare(&scenario, combinator).map(|comparison| comparison.to_value()),
        }),
        Ok(Job::Sequential(scenario)) => {
            json!({"id": id, "sequential": sequential_totals(&scenario).to_value()})
        }
        Ok(Job::Shuffle(mut runs)) => {
            while runs.run_next() {}
            json!({"id": id, "shuffle": runs.summary().to_value()})
        }
        // Here a shuffle runs whole, so there is never one to stop.
        Ok(Job::StopShuffle) => json!({"id": id, "stopped": false}),
        Err(error) => json!({"id": id, "error": error}),
    }
}

/// The browser's shuffle, a slice of runs per turn of the worker's loop.
#[cfg(target_arch = "wasm32")]
mod sliced {
    use gather_playground::explore::ShuffleRuns;
    use serde_json::{json, Value};
    use std::cell::RefCell;

    /// How long a slice of runs may take: between slices the worker hears a stop.
    const SLICE_MS: f64 = 12.0;

    struct Shuffle {
        id: Value,
        runs: ShuffleRuns,
        stop: bool,
    }

    thread_local! {
        static CURRENT: RefCell<Option<Shuffle>> = const { RefCell::new(None) };
    }

    /// Starts `runs` as the current shuffle, ending any other; `post` sends each message.
    pub fn start(id: Value, runs: ShuffleRuns, post: fn(Value)) {
        let replaced = CURRENT.with(|current| {
            current.borrow_mut().replace(Shuffle {
                id: id.clone(),
                runs,
                stop: false,
            })
        });
        if let Some(replaced) = replaced {
            post(json!({"id": replaced.id, "replaced": true}));
        }
        slice(id, post);
    }

    /// Ends the current shuffle at its next slice; whether there was one.
    pub fn stop() -> bool {
        CURRENT.with(|current| match current.borrow_mut().as_mut() {
            Some(shuffle) => {
                shuffle.stop = true;
                true
            }
            None => false,
        })
    }

    fn slice(id: Value, post: fn(Value)) {
        // The message is made with the borrow held and sent after it ends.
        let message = CURRENT.with(|current| {
            let mut current = current.borrow_mut();
            let shuffle = current.as_mut().filter(|shuffle| shuffle.id == id)?;
            let started = js_sys::Date::now();
            let mut more = true;
            while more && !shuffle.stop && js_sys::Date::now() - started < SLICE_MS {
                more = shuffle.runs.run_next();
            }
            if more && !shuffle.stop {
                let (done, runs) = (shuffle.runs.done(), shuffle.runs.runs());
                return Some((
                    json!({"id": id, "progress": {"done": done, "runs": runs}}),
                    true,
                ));
            }
            let summary = shuffle.runs.summary().to_value();
            *current = None;
            Some((json!({"id": id, "shuffle": summary}), false))
        });
        let Some((message, more)) = message else {
            return;
        };
        post(message);
        if more {
            gloo_timers::callback::Timeout::new(0, move || slice(id, post)).forget();
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn post(message: Value) {
        let scope = js_sys::global().unchecked_into::<DedicatedWorkerGlobalScope>();
        if let Err(error) = scope.post_message(&message.to_string().into()) {
            web_sys::console::error_2(&"gather-worker: could not reply".into(), &error);
        }
    }

    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        web_sys::console::error_1(&"gather-worker runs only as a dedicated worker".into());
        return;
    };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .unwrap_or(Value::Null);
        let id = request["id"].clone();
        match read(&request) {
            Ok(Job::Shuffle(runs)) => sliced::start(id, runs, post),
            Ok(Job::StopShuffle) => post(json!({"id": id, "stopped": sliced::stop()})),
            job => post(answer_job(id, job)),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The page holds its requests until it hears this: one sent before the handler was set
    // would have been lost.
    post(json!({"listening": true}));
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
    use gather_playground::explore::{compare, sequential_totals, shuffle, Combinator, Comparison};
    use gather_playground::explore::{SequentialTotals, ShuffleSummary};
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
        assert!(
            answer(&json!({"id": 1, "job": "shuffle", "scenario": scenario()}))["error"]
                .is_string()
        );
    }

    #[test]
    fn sequential_and_shuffle_are_what_the_explorers_give() {
        let parsed = Scenario::from_value(&scenario()).unwrap();
        let sequential = answer(&json!({"id": 3, "job": "sequential", "scenario": scenario()}));
        assert_eq!(
            SequentialTotals::from_value(&sequential["sequential"]),
            Some(sequential_totals(&parsed))
        );
        let shuffled = answer(&json!({"id": 4, "job": "shuffle", "scenario": scenario(),
            "runs": 30, "seed": 9}));
        assert_eq!(
            ShuffleSummary::from_value(&shuffled["shuffle"]),
            Some(shuffle(&parsed, 30, 9))
        );
        assert_eq!(
            answer(&json!({"id": 5, "job": "stop_shuffle"}))["stopped"],
            false
        );
    }
}
