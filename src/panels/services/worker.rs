//! The page's worker (`src/bin/gather-worker.rs`): the code generators and the comparisons,
//! off the page's own wasm. Started on the first request, then kept for the page's life;
//! each request's answer goes to its own callback.

use gather_playground::codegen::Program;
use gather_playground::explore::{Combinator, Comparison, SequentialTotals, ShuffleSummary};
use gather_playground::scenario::{json_text, Scenario};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

/// The worker's loader, beside the page (`www/worker-start.js`).
const WORKER_URL: &str = "./worker-start.js";

/// Why the worker gave no answer, in words.
pub type WorkerError = String;

type Pending = Rc<RefCell<Vec<(u64, Callback<Result<Value, WorkerError>>)>>>;

struct PageWorker {
    worker: Worker,
    next_id: Cell<u64>,
    pending: Pending,
    /// It did not load: the next request starts another.
    broken: Rc<Cell<bool>>,
    /// Requests made before the worker said it listens: a message that comes before its wasm
    /// has started would be lost.
    waiting: Rc<RefCell<Option<Vec<String>>>>,
    // Kept alive with the worker, which calls them.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static WORKER: RefCell<Option<PageWorker>> = const { RefCell::new(None) };
}

/// The callback waiting for `id`, taken out (the borrow ends before it is called: it may
/// re-render, and so request again).
fn take_pending(pending: &Pending, id: Option<u64>) -> Vec<Callback<Result<Value, WorkerError>>> {
    let mut pending = pending.borrow_mut();
    match id {
        Some(id) => pending
            .iter()
            .position(|(waiting, _)| *waiting == id)
            .map(|at| vec![pending.remove(at).1])
            .unwrap_or_default(),
        None => pending.drain(..).map(|(_, callback)| callback).collect(),
    }
}

fn start() -> Result<PageWorker, WorkerError> {
    let worker = Worker::new(WORKER_URL)
        .map_err(|_| "the browser would not start the page's worker".to_owned())?;
    let pending: Pending = Rc::new(RefCell::new(Vec::new()));
    let waiting = Rc::new(RefCell::new(Some(Vec::<String>::new())));
    let on_message = {
        let (pending, waiting, sender) = (Rc::clone(&pending), Rc::clone(&waiting), worker.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let answer = event
                .data()
                .as_string()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                .unwrap_or(Value::Null);
            if answer["listening"] == true {
                let held = waiting.borrow_mut().take().unwrap_or_default();
                for message in held {
                    sender.post_message(&message.into()).ok();
                }
                return;
            }
            let result = match answer["error"].as_str() {
                Some(error) => Err(error.to_owned()),
                None => Ok(answer.clone()),
            };
            // A shuffle's progress comes before its answer, to the same callback.
            let waiting = if answer.get("progress").is_some() {
                pending
                    .borrow()
                    .iter()
                    .filter(|(id, _)| Some(*id) == answer["id"].as_u64())
                    .map(|(_, callback)| callback.clone())
                    .collect()
            } else {
                take_pending(&pending, answer["id"].as_u64())
            };
            for callback in waiting {
                callback.emit(result.clone());
            }
        })
    };
    // A worker that did not load (offline, say): everyone waiting hears it, and the next
    // request starts it again.
    let broken = Rc::new(Cell::new(false));
    let on_error = {
        let (pending, broken) = (Rc::clone(&pending), Rc::clone(&broken));
        Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            broken.set(true);
            for callback in take_pending(&pending, None) {
                callback.emit(Err("the page's worker did not load: try again".to_owned()));
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(PageWorker {
        worker,
        next_id: Cell::new(1),
        pending,
        broken,
        waiting,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends `request` (with an `id` added) to the worker; `on_answer` gets its answer, or why
/// there is none.
fn request(mut request: Value, on_answer: Callback<Result<Value, WorkerError>>) {
    let failed = WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_none_or(|worker| worker.broken.get()) {
            if let Some(old) = slot.take() {
                old.worker.terminate();
            }
            match start() {
                Ok(worker) => *slot = Some(worker),
                Err(error) => return Some(error),
            }
        }
        let worker = slot.as_ref()?;
        let id = worker.next_id.get();
        worker.next_id.set(id + 1);
        request["id"] = json!(id);
        worker.pending.borrow_mut().push((id, on_answer.clone()));
        if let Some(held) = worker.waiting.borrow_mut().as_mut() {
            held.push(json_text(&request));
            return None;
        }
        match worker.worker.post_message(&json_text(&request).into()) {
            Ok(()) => None,
            Err(_) => {
                take_pending(&worker.pending, Some(id));
                Some("the page's worker could not be reached".to_owned())
            }
        }
    });
    if let Some(error) = failed {
        on_answer.emit(Err(error));
    }
}

/// Asks for `program` written for `scenario`.
pub fn write_program(
    scenario: &Scenario,
    program: Program,
    on_code: Callback<Result<Rc<str>, WorkerError>>,
) {
    let job = json!({"job": "code", "program": program.key(), "scenario": scenario.to_value()});
    request(
        job,
        Callback::from(move |answer: Result<Value, WorkerError>| {
            on_code.emit(answer.and_then(|answer| {
                answer["code"]
                    .as_str()
                    .map(Rc::from)
                    .ok_or_else(|| "the page's worker gave no code".to_owned())
            }))
        }),
    );
}

/// Asks for `scenario` run under `combinator` (`explore::compare`, there); `None` where
/// the combinator does not run in the worker (JavaScript's promises run on the page).
pub fn compare(
    scenario: &Scenario,
    combinator: Combinator,
    on_comparison: Callback<Result<Option<Comparison>, WorkerError>>,
) {
    let job = json!({"job": "compare", "scenario": scenario.to_value(),
        "combinator": combinator.name()});
    request(
        job,
        Callback::from(move |answer: Result<Value, WorkerError>| {
            on_comparison.emit(answer.and_then(|answer| match &answer["comparison"] {
                Value::Null => Ok(None),
                comparison => {
                    Comparison::from_value(comparison).map(Some).ok_or_else(|| {
                        "the page's worker gave a comparison it cannot read".to_owned()
                    })
                }
            }))
        }),
    );
}

/// Asks for `scenario`'s children run one after another and gathered
/// (`explore::sequential_totals`, there).
pub fn sequential(scenario: &Scenario, on_totals: Callback<Result<SequentialTotals, WorkerError>>) {
    let job = json!({"job": "sequential", "scenario": scenario.to_value()});
    request(
        job,
        Callback::from(move |answer: Result<Value, WorkerError>| {
            on_totals.emit(answer.and_then(|answer| {
                SequentialTotals::from_value(&answer["sequential"])
                    .ok_or_else(|| "the page's worker gave totals it cannot read".to_owned())
            }))
        }),
    );
}

/// What a shuffle in the worker tells, as its runs go.
#[derive(Clone, Debug, PartialEq)]
pub enum ShuffleNews {
    /// `done` of `runs` runs have run.
    Progress { done: usize, runs: usize },
    /// All have run, or Stop was pressed: what they saw.
    Done(ShuffleSummary),
    /// Another shuffle took its place.
    Replaced,
}

/// Starts `runs` runs of `scenario` with its delays permuted, seeded by `seed`
/// (`explore::ShuffleRuns`, there, a slice at a time), ending any other shuffle.
pub fn shuffle(
    scenario: &Scenario,
    runs: usize,
    seed: u64,
    on_news: Callback<Result<ShuffleNews, WorkerError>>,
) {
    let job = json!({"job": "shuffle", "scenario": scenario.to_value(), "runs": runs,
        "seed": seed});
    request(
        job,
        Callback::from(move |answer: Result<Value, WorkerError>| {
            on_news.emit(answer.and_then(|answer| {
                let count = |key: &str| {
                    answer["progress"][key]
                        .as_u64()
                        .and_then(|n| usize::try_from(n).ok())
                };
                if answer["replaced"] == true {
                    Ok(ShuffleNews::Replaced)
                } else if let (Some(done), Some(runs)) = (count("done"), count("runs")) {
                    Ok(ShuffleNews::Progress { done, runs })
                } else {
                    ShuffleSummary::from_value(&answer["shuffle"])
                        .map(ShuffleNews::Done)
                        .ok_or_else(|| "the page's worker gave a summary it cannot read".to_owned())
                }
            }))
        }),
    );
}

/// Ends the shuffle running in the worker, if any: its summary of the runs so far comes at
/// the end of its slice.
pub fn stop_shuffle() {
    let started = WORKER.with(|slot| slot.borrow().is_some());
    if started {
        request(json!({"job": "stop_shuffle"}), Callback::noop());
    }
}
