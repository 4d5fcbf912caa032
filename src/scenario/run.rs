//! Running a scenario with the gather library, and recording what happened.

use super::model::{FutureSpec, GatherSpec, NodeSpec, Scenario};
use super::report::{results_to_value, Report, Status};
use crate::{gather, Awaitable, Exception, Outcome, Runtime, Task, TaskContext};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

/// Runs `scenario` on `runtime` and gives its report once every node has finished.
///
/// Each future node is a task that sleeps `delay_ms`, then returns or raises its result;
/// with `on_cancel` it catches a cancellation, sleeps the cleanup's `delay_ms`, then
/// finishes with the cleanup's result. Each gather node is a [`gather`] of its children
/// (a nested gather's value is its list). `cancel_at_ms` calls `cancel()` on that task or
/// gather at that time from the start of the run. Times in the report are whole
/// milliseconds from the start, on the runtime's clock.
///
/// Runs are independent: several may be in flight on one runtime at once. Timers the run
/// set and no longer needs (a `cancel_at_ms` after everything finished) are cleared before
/// the report is given.
///
/// # Examples
///
/// See [the module](super).
pub async fn run(runtime: Runtime, scenario: Scenario) -> Report {
    let recorder = Rc::new(Recorder {
        start_ms: runtime.now_ms(),
        runtime: runtime.clone(),
        slots: RefCell::new(Vec::new()),
        remaining: Cell::new(0),
        waker: RefCell::new(None),
    });
    let mut cancels = Vec::new();
    build_gather(&runtime, &scenario.root, &recorder, &mut cancels);
    let cancel_timers: Vec<Task<()>> = cancels
        .into_iter()
        .map(|(at_ms, target)| {
            let deadline_ms = recorder.start_ms + at_ms as f64;
            runtime.spawn(move |cx: TaskContext| async move {
                cx.sleep_until(deadline_ms).await?;
                target.cancel();
                Ok(())
            })
        })
        .collect();
    poll_fn(|cx| {
        if recorder.remaining.get() == 0 {
            Poll::Ready(())
        } else {
            *recorder.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }
    })
    .await;
    for timer in &cancel_timers {
        timer.cancel();
    }
    let slots = recorder.slots.take();
    let mut records = slots.into_iter();
    NodeRef::Gather(&scenario.root).report(&mut records)
}

/// When (ms since the start) and how a node finished.
type Finished = (u64, Outcome<Value>);

/// When and how each node finished, in preorder.
struct Recorder {
    start_ms: f64,
    runtime: Runtime,
    slots: RefCell<Vec<Option<Finished>>>,
    remaining: Cell<usize>,
    waker: RefCell<Option<Waker>>,
}

impl Recorder {
    /// A slot for the next node in preorder.
    fn reserve(&self) -> usize {
        let mut slots = self.slots.borrow_mut();
        slots.push(None);
        self.remaining.set(self.remaining.get() + 1);
        slots.len() - 1
    }

    fn watch(self: &Rc<Self>, index: usize, node: &Awaitable<Value>) {
        let recorder = Rc::clone(self);
        let finished = node.clone();
        node.add_done_callback(Box::new(move || {
            let elapsed = (recorder.runtime.now_ms() - recorder.start_ms)
                .round()
                .max(0.0);
            if let Some(outcome) = finished.outcome() {
                recorder.slots.borrow_mut()[index] = Some((elapsed as u64, outcome));
            }
            recorder.remaining.set(recorder.remaining.get() - 1);
            let waker = recorder.waker.borrow_mut().take();
            if let Some(waker) = waker {
                waker.wake();
            }
        }));
    }
}

type CancelAt = (u64, Awaitable<Value>);

fn build_gather(
    runtime: &Runtime,
    spec: &GatherSpec,
    recorder: &Rc<Recorder>,
    cancels: &mut Vec<CancelAt>,
) -> Awaitable<Value> {
    let index = recorder.reserve();
    let children: Vec<Awaitable<Value>> = spec
        .children
        .iter()
        .map(|child| match child {
            NodeSpec::Future(future) => build_future(runtime, future, recorder, cancels),
            NodeSpec::Gather(nested) => build_gather(runtime, nested, recorder, cancels),
        })
        .collect();
    let outer =
        Awaitable::from(gather(runtime, children, spec.return_exceptions)).map(results_to_value);
    recorder.watch(index, &outer);
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((at_ms, outer.clone()));
    }
    outer
}

fn build_future(
    runtime: &Runtime,
    spec: &FutureSpec,
    recorder: &Rc<Recorder>,
    cancels: &mut Vec<CancelAt>,
) -> Awaitable<Value> {
    let index = recorder.reserve();
    let spec_for_task = spec.clone();
    let task: Awaitable<Value> = runtime
        .spawn(move |cx| child_body(cx, spec_for_task))
        .into();
    recorder.watch(index, &task);
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((at_ms, task.clone()));
    }
    task
}

/// The child coroutine of a future node, as the Python equivalent reads:
/// `try: await sleep(delay) except CancelledError: (cleanup or raise) ... return result`.
async fn child_body(cx: TaskContext, spec: FutureSpec) -> Result<Value, Exception> {
    match cx.sleep(spec.delay_ms).await {
        Ok(()) => spec.result.to_result(),
        Err(cancelled) => match &spec.on_cancel {
            None => Err(cancelled),
            Some(cleanup) => {
                cx.sleep(cleanup.delay_ms).await?;
                cleanup.result.to_result()
            }
        },
    }
}

enum NodeRef<'a> {
    Future(&'a FutureSpec),
    Gather(&'a GatherSpec),
}

impl NodeRef<'_> {
    fn report(&self, records: &mut impl Iterator<Item = Option<Finished>>) -> Report {
        let (done_at_ms, outcome) = records.next().flatten().unwrap_or((
            0,
            Outcome::Raised(Exception::invalid_state_error("not finished")),
        ));
        let (label, children) = match self {
            NodeRef::Future(future) => (future.label.clone(), None),
            NodeRef::Gather(gather) => (
                gather.label.clone(),
                Some(
                    gather
                        .children
                        .iter()
                        .map(|child| match child {
                            NodeSpec::Future(future) => NodeRef::Future(future).report(records),
                            NodeSpec::Gather(nested) => NodeRef::Gather(nested).report(records),
                        })
                        .collect(),
                ),
            ),
        };
        Report {
            label,
            status: Status::from_outcome(outcome),
            done_at_ms,
            children,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scenario, Status};
    use super::run;
    use crate::VirtualClock;
    use serde_json::json;

    fn run_json(scenario: serde_json::Value) -> (super::Report, VirtualClock) {
        let clock = VirtualClock::new();
        let scenario = Scenario::from_value(&scenario).unwrap();
        let report = clock.block_on(run(clock.runtime(), scenario)).unwrap();
        (report, clock)
    }

    #[test]
    fn a_day_long_delay_runs_to_the_millisecond() {
        let (report, _) = run_json(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 86_400_000, "result": {"value": "tomorrow"}}]}));
        assert_eq!(report.done_at_ms, 86_400_000);
        assert_eq!(
            report.status,
            Status::Ok {
                value: json!(["tomorrow"])
            }
        );
    }

    #[test]
    fn raising_cancelled_error_ends_a_child_cancelled_as_in_python() {
        let (report, _) = run_json(
            json!({"version": 1, "return_exceptions": true, "children": [
            {"kind": "future", "delay_ms": 10,
             "result": {"error": {"type": "CancelledError", "message": "lost"}}}]}),
        );
        let child = &report.children.as_ref().unwrap()[0];
        assert_eq!(child.status, Status::Cancelled);
        assert_eq!(
            report.status,
            Status::Ok {
                value: json!([{"exception": "CancelledError", "message": ""}])
            }
        );
    }

    #[test]
    fn cancel_timers_still_pending_are_cleared_with_the_report() {
        let (report, clock) = run_json(json!({"version": 1, "cancel_at_ms": 5_000, "children": [
            {"kind": "future", "delay_ms": 10, "result": {"value": 1}, "cancel_at_ms": 9_000}]}));
        assert_eq!(report.done_at_ms, 10);
        assert_eq!(
            clock.now_ms(),
            10,
            "the run did not wait for its unneeded cancel timers"
        );
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.pending_tasks(), 0);
    }

    #[test]
    fn an_empty_root_reports_at_once() {
        let (report, _) = run_json(json!({"version": 1, "label": "<b>x</b>", "children": []}));
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            json!({"label": "<b>x</b>", "status": "ok", "value": [], "done_at_ms": 0, "children": []})
        );
    }
}
