//! Running a scenario with the gather library: a live run with events, and its report.

use super::model::{FutureSpec, GatherSpec, NodeSpec, Scenario};
use super::report::{results_to_value, Report, Status};
use crate::runtime::{Runtime, SoonCallback, TimerHandle};
use crate::{gather, task_group, Awaitable, Exception, Outcome, Semaphore, Task, TaskContext};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::rc::{Rc, Weak};
use std::task::{Poll, Waker};

/// A node's position in the scenario tree in preorder: the root gather is 0, then each
/// child before its own children. [`Scenario::flatten`] lists nodes in this order.
pub type NodeId = usize;

/// Runs `scenario` on `runtime` and gives its report once every node has finished.
///
/// Each future node is a task that sleeps `delay_ms`, then returns or raises its result;
/// with `on_cancel` it catches a cancellation, sleeps the cleanup's `delay_ms`, then
/// finishes with the cleanup's result. Each gather node is a [`gather`] of its children
/// (a nested gather's value is its list). `cancel_at_ms` calls `cancel()` on that task or
/// gather at that time from the start of the run: a timer set, as the Python program does
/// with `loop.call_at`, after every task is created and before any child runs, in the
/// order the nodes finish being built (a gather's children before the gather), so that a
/// cancel due at the very moment a sleep ends comes first, as on CPython. Times in the
/// report are whole milliseconds from the start, on the runtime's wall clock.
///
/// Runs are independent: several may be in flight on one runtime at once. Timers the run
/// set and no longer needs (a `cancel_at_ms` after everything finished) are cleared before
/// the report is given. For events while it runs, or to cancel nodes by hand, use [`Run`].
///
/// # Examples
///
/// See [the module](super).
pub async fn run(runtime: Runtime, scenario: Scenario) -> Report {
    let live = Run::start(runtime, &scenario, |_| {});
    live.report().await
}

/// Something that happened during a run.
///
/// Events come in the order the loop ran them: where several share a millisecond, that is
/// CPython's order (a cancel due when a sleep ends comes first; a child's end before its
/// gather's). `node` is the node's position in [`Scenario::flatten`]'s preorder (the root
/// is 0); `at_ms` is milliseconds since the run started on the runtime's wall clock, not
/// rounded, so that a real run shows how late each event came.
#[derive(Clone, Debug, PartialEq)]
pub enum RunEvent {
    /// A future node's coroutine took its first step (the loop's turn after the gather was
    /// built, for every child in argument order).
    Started {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// A future node of a gather with a `limit` got its slot (at once, or after waiting
    /// for one); its delay starts now.
    SlotAcquired {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// `cancel()` was called on a node.
    CancelCalled {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
        /// What `cancel()` returned: false if the node was already done (a gather: or every
        /// child of it was).
        returned: bool,
        /// Whether the scenario's `cancel_at_ms` or [`Run::cancel`] called it.
        source: CancelSource,
    },
    /// A future node caught its cancellation and began its `on_cancel` cleanup.
    CleanupStarted {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
    },
    /// A node finished: a future returned, raised or was cancelled; a gather's outer
    /// future completed (a report's `status`).
    Finished {
        #[allow(missing_docs)]
        node: NodeId,
        #[allow(missing_docs)]
        at_ms: f64,
        #[allow(missing_docs)]
        status: Status,
    },
}

impl RunEvent {
    /// The node the event happened to.
    pub fn node(&self) -> NodeId {
        match self {
            RunEvent::Started { node, .. }
            | RunEvent::SlotAcquired { node, .. }
            | RunEvent::CancelCalled { node, .. }
            | RunEvent::CleanupStarted { node, .. }
            | RunEvent::Finished { node, .. } => *node,
        }
    }

    /// When it happened: milliseconds since the run started, on the runtime's wall clock.
    pub fn at_ms(&self) -> f64 {
        match self {
            RunEvent::Started { at_ms, .. }
            | RunEvent::SlotAcquired { at_ms, .. }
            | RunEvent::CancelCalled { at_ms, .. }
            | RunEvent::CleanupStarted { at_ms, .. }
            | RunEvent::Finished { at_ms, .. } => *at_ms,
        }
    }
}

/// Who called `cancel()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelSource {
    /// The scenario's `cancel_at_ms`.
    Scheduled,
    /// [`Run::cancel`], as from a cancel button.
    User,
}

/// A scenario running live: its events as they happen, cancel controls, and its report.
///
/// Dropping the handle (or [`Run::abort`]) tears the run down: every task stops at its
/// next await, timers are cleared and no more events are sent.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{Run, RunEvent, Scenario, Status};
/// use gather_playground::VirtualClock;
/// use std::{cell::RefCell, rc::Rc};
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}}]}"#).unwrap();
/// let clock = VirtualClock::new();
/// let events = Rc::new(RefCell::new(Vec::new()));
/// let log = Rc::clone(&events);
/// let live = Run::start(clock.runtime(), &scenario, move |event| log.borrow_mut().push(event.clone()));
/// let report = clock.block_on(live.report()).unwrap();
/// assert_eq!(report.done_at_ms, 100);
/// assert_eq!(events.borrow()[0], RunEvent::Started { node: 1, at_ms: 0.0 });
/// assert!(matches!(events.borrow().last(), Some(RunEvent::Finished { node: 0, status: Status::Ok { .. }, .. })));
/// ```
#[must_use = "dropping a Run tears it down"]
pub struct Run {
    shared: Rc<Shared>,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run")
            .field("elapsed_ms", &self.elapsed_ms())
            .field("finished", &self.is_finished())
            .finish_non_exhaustive()
    }
}

/// When (ms since the start) and how a node finished.
type Finished = (f64, Outcome<Value>);

struct Shared {
    scenario: Scenario,
    runtime: Runtime,
    /// When the run started, on the wall clock: what event times count from.
    start_ms: f64,
    /// Every node in preorder, once built.
    nodes: RefCell<Vec<Option<Awaitable<Value>>>>,
    tasks: RefCell<Vec<Task<Value>>>,
    finished: RefCell<Vec<Option<Finished>>>,
    remaining: Cell<usize>,
    waker: RefCell<Option<Waker>>,
    cancel_timers: RefCell<Vec<TimerHandle>>,
    aborted: Cell<bool>,
    on_event: Box<dyn Fn(&RunEvent)>,
}

impl Run {
    /// Starts `scenario` on `runtime`, calling `on_event` for each event as it happens.
    /// Children start on the loop's next turn, as with [`gather`].
    pub fn start(
        runtime: Runtime,
        scenario: &Scenario,
        on_event: impl Fn(&RunEvent) + 'static,
    ) -> Run {
        Run::start_with(runtime, scenario, RootCombinator::Gather, on_event)
    }

    /// [`Run::start`] with the root's children combined by `root` instead of a gather.
    pub(crate) fn start_with(
        runtime: Runtime,
        scenario: &Scenario,
        root: RootCombinator,
        on_event: impl Fn(&RunEvent) + 'static,
    ) -> Run {
        let shared = Rc::new(Shared {
            scenario: scenario.clone(),
            start_ms: runtime.wall_ms(),
            runtime: runtime.clone(),
            nodes: RefCell::new(Vec::new()),
            tasks: RefCell::new(Vec::new()),
            finished: RefCell::new(Vec::new()),
            remaining: Cell::new(0),
            waker: RefCell::new(None),
            cancel_timers: RefCell::new(Vec::new()),
            aborted: Cell::new(false),
            on_event: Box::new(on_event),
        });
        // Deadlines on the loop's clock, from the same moment the children's sleeps start.
        let loop_start_ms = runtime.now_ms();
        let mut cancels = Vec::new();
        build_gather(&shared, &scenario.root, root, &mut cancels);
        let timers = cancels
            .into_iter()
            .map(|(node, at_ms)| {
                let shared = Rc::downgrade(&shared);
                let cancel = SoonCallback::new(move || {
                    if let Some(shared) = shared.upgrade() {
                        shared.cancel(node, CancelSource::Scheduled);
                    }
                });
                runtime.call_at(loop_start_ms + at_ms as f64, cancel)
            })
            .collect();
        *shared.cancel_timers.borrow_mut() = timers;
        Run { shared }
    }

    /// Calls `cancel()` on a node, as asyncio's `task.cancel()` or `gather(...).cancel()`,
    /// and returns what it returned; `None` if there is no such node.
    pub fn cancel(&self, node: NodeId) -> Option<bool> {
        self.shared.cancel(node, CancelSource::User)
    }

    /// Milliseconds since the run started, on its runtime's wall clock.
    pub fn elapsed_ms(&self) -> f64 {
        self.shared.elapsed_ms()
    }

    /// Whether every node has finished.
    pub fn is_finished(&self) -> bool {
        self.shared.remaining.get() == 0
    }

    /// Tears the run down: every task stops at its next await (cleanups included), pending
    /// timers are cleared, and no more events are sent. The report, if awaited, still comes.
    pub fn abort(&self) {
        if self.shared.aborted.replace(true) {
            return;
        }
        let tasks = self.shared.tasks.borrow().clone();
        for task in tasks {
            task.abort();
        }
        self.shared.clear_cancel_timers();
    }

    /// The report, once every node has finished.
    pub fn report(&self) -> impl Future<Output = Report> + 'static {
        let shared = Rc::clone(&self.shared);
        async move {
            poll_fn(|cx| {
                if shared.remaining.get() == 0 {
                    Poll::Ready(())
                } else {
                    *shared.waker.borrow_mut() = Some(cx.waker().clone());
                    Poll::Pending
                }
            })
            .await;
            shared.report()
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        if !self.is_finished() {
            self.abort();
        }
    }
}

type CancelAt = (NodeId, u64);

impl Shared {
    fn elapsed_ms(&self) -> f64 {
        (self.runtime.wall_ms() - self.start_ms).max(0.0)
    }

    fn emit(&self, event: RunEvent) {
        if !self.aborted.get() {
            (self.on_event)(&event);
        }
    }

    fn cancel(&self, node: NodeId, source: CancelSource) -> Option<bool> {
        let target = self.nodes.borrow().get(node).cloned().flatten()?;
        let returned = target.cancel();
        self.emit(RunEvent::CancelCalled {
            node,
            at_ms: self.elapsed_ms(),
            returned,
            source,
        });
        Some(returned)
    }

    /// A slot for the next node in preorder.
    fn reserve(&self) -> NodeId {
        self.nodes.borrow_mut().push(None);
        let mut finished = self.finished.borrow_mut();
        finished.push(None);
        self.remaining.set(self.remaining.get() + 1);
        finished.len() - 1
    }

    fn watch(self: &Rc<Self>, node: NodeId, awaitable: &Awaitable<Value>) {
        self.nodes.borrow_mut()[node] = Some(awaitable.clone());
        let shared = Rc::downgrade(self);
        let finished = awaitable.clone();
        awaitable.add_done_callback(SoonCallback::new(move || {
            let (Some(shared), Some(outcome)) = (shared.upgrade(), finished.outcome()) else {
                return;
            };
            let at_ms = shared.elapsed_ms();
            shared.finished.borrow_mut()[node] = Some((at_ms, outcome.clone()));
            shared.remaining.set(shared.remaining.get() - 1);
            shared.emit(RunEvent::Finished {
                node,
                at_ms,
                status: Status::from_outcome(outcome),
            });
            if shared.remaining.get() == 0 {
                shared.clear_cancel_timers();
                let waker = shared.waker.borrow_mut().take();
                if let Some(waker) = waker {
                    waker.wake();
                }
            }
        }));
    }

    fn clear_cancel_timers(&self) {
        let timers = std::mem::take(&mut *self.cancel_timers.borrow_mut());
        timers.into_iter().for_each(TimerHandle::cancel);
    }

    fn report(&self) -> Report {
        let finished = self.finished.borrow().clone();
        let mut records = finished.into_iter();
        NodeRef::Gather(&self.scenario.root).report(&mut records)
    }
}

/// What combines the root's children.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RootCombinator {
    Gather,
    /// `async with asyncio.TaskGroup()`; the root's `cancel_at_ms` cancels the group.
    TaskGroup,
}

fn build_gather(
    shared: &Rc<Shared>,
    spec: &GatherSpec,
    combinator: RootCombinator,
    cancels: &mut Vec<CancelAt>,
) -> Awaitable<Value> {
    let node = shared.reserve();
    let slots = spec
        .limit
        .map(|limit| Semaphore::new(&shared.runtime, limit));
    let children: Vec<Awaitable<Value>> = spec
        .children
        .iter()
        .map(|child| match child {
            NodeSpec::Future(future) => build_future(shared, future, slots.clone(), cancels),
            NodeSpec::Gather(nested) => {
                build_gather(shared, nested, RootCombinator::Gather, cancels)
            }
        })
        .collect();
    let outer = match combinator {
        RootCombinator::Gather => {
            Awaitable::from(gather(&shared.runtime, children, spec.return_exceptions))
                .map(results_to_value)
        }
        RootCombinator::TaskGroup => {
            Awaitable::from(task_group(&shared.runtime, children)).map(|outcomes| {
                results_to_value(outcomes.into_iter().map(Outcome::into_result).collect())
            })
        }
    };
    shared.watch(node, &outer);
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((node, at_ms));
    }
    outer
}

fn build_future(
    shared: &Rc<Shared>,
    spec: &FutureSpec,
    slots: Option<Semaphore>,
    cancels: &mut Vec<CancelAt>,
) -> Awaitable<Value> {
    let node = shared.reserve();
    let body_spec = spec.clone();
    let events = Rc::downgrade(shared);
    let task = shared
        .runtime
        .spawn(move |cx| child_body(cx, body_spec, slots, node, events));
    shared.tasks.borrow_mut().push(task.clone());
    let awaitable = Awaitable::from(task);
    shared.watch(node, &awaitable);
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((node, at_ms));
    }
    awaitable
}

/// The child coroutine of a future node, as the Python equivalent reads:
/// `try: await sleep(delay) except CancelledError: (cleanup or raise) ... return result`,
/// the whole inside `async with semaphore:` when its gather has a limit.
async fn child_body(
    cx: TaskContext,
    spec: FutureSpec,
    slots: Option<Semaphore>,
    node: NodeId,
    events: Weak<Shared>,
) -> Result<Value, Exception> {
    let emit = |event: fn(NodeId, f64) -> RunEvent| {
        if let Some(shared) = events.upgrade() {
            shared.emit(event(node, shared.elapsed_ms()));
        }
    };
    emit(|node, at_ms| RunEvent::Started { node, at_ms });
    // Dropped when the body ends, however it ends: `async with` releases the slot.
    let _permit = match &slots {
        Some(slots) => {
            let permit = slots.acquire(&cx).await?;
            emit(|node, at_ms| RunEvent::SlotAcquired { node, at_ms });
            Some(permit)
        }
        None => None,
    };
    match cx.sleep(spec.delay_ms).await {
        Ok(()) => spec.result.to_result(),
        Err(cancelled) => match &spec.on_cancel {
            None => Err(cancelled),
            Some(cleanup) => {
                emit(|node, at_ms| RunEvent::CleanupStarted { node, at_ms });
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
        let (at_ms, outcome) = records.next().flatten().unwrap_or((
            0.0,
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
            done_at_ms: at_ms.round() as u64,
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
    fn a_cancel_due_when_a_sleep_ends_wins_as_on_cpython() {
        // main's cancel timer was set before any child took its first step.
        let (report, _) = run_json(json!({"version": 1, "cancel_at_ms": 100, "children": [
            {"kind": "future", "label": "f1", "delay_ms": 100, "result": {"value": null}},
            {"kind": "future", "label": "f2", "delay_ms": 200, "result": {"value": 2}}]}));
        let children = report.children.unwrap();
        assert_eq!(
            (children[0].status.clone(), children[0].done_at_ms),
            (Status::Cancelled, 100)
        );
        assert_eq!(report.status, Status::Cancelled);
    }

    #[test]
    fn a_cleanup_of_zero_ms_catches_a_cancel_due_when_its_sleep_ends() {
        let (report, _) = run_json(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 100, "result": {"value": "own"}, "cancel_at_ms": 100,
             "on_cancel": {"delay_ms": 0, "result": {"value": null}}}]}));
        let child = &report.children.unwrap()[0];
        assert_eq!(child.status, Status::Ok { value: json!(null) });
        assert_eq!(child.done_at_ms, 100);
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

#[cfg(test)]
mod live_tests {
    use super::super::{Scenario, Status};
    use super::{CancelSource, Run, RunEvent};
    use crate::VirtualClock;
    use std::cell::RefCell;
    use std::rc::Rc;

    const TWO_CHILDREN: &str = r#"{"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2},
         "on_cancel": {"delay_ms": 500, "result": {"value": "cleaned"}}}]}"#;

    fn start(clock: &VirtualClock) -> (Run, Rc<RefCell<Vec<RunEvent>>>) {
        let scenario = Scenario::from_json(TWO_CHILDREN).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&events);
        let live = Run::start(clock.runtime(), &scenario, move |event| {
            log.borrow_mut().push(event.clone())
        });
        (live, events)
    }

    #[test]
    fn a_user_cancel_reports_what_cancel_returned_and_the_cleanup() {
        let clock = VirtualClock::new();
        let (live, events) = start(&clock);
        let live = Rc::new(live);
        let canceller = Rc::clone(&live);
        let runtime = clock.runtime();
        runtime.spawn_detached({
            let runtime = runtime.clone();
            async move {
                runtime.sleep(200).await;
                assert_eq!(canceller.cancel(0), Some(true));
                assert_eq!(canceller.cancel(99), None);
            }
        });
        let report = clock.block_on(live.report()).unwrap();
        assert_eq!(report.status, Status::Cancelled);
        assert_eq!(
            report.done_at_ms, 700,
            "B's cleanup ran 500 ms after the cancel at 200"
        );
        let events = events.borrow();
        assert!(events.contains(&RunEvent::CancelCalled {
            node: 0,
            at_ms: 200.0,
            returned: true,
            source: CancelSource::User
        }));
        assert!(events.contains(&RunEvent::CleanupStarted {
            node: 2,
            at_ms: 200.0
        }));
    }

    #[test]
    fn abort_stops_everything_clears_timers_and_goes_quiet() {
        let clock = VirtualClock::new();
        let (live, events) = start(&clock);
        let live = Rc::new(live);
        let aborter = Rc::clone(&live);
        let runtime = clock.runtime();
        runtime.spawn_detached({
            let runtime = runtime.clone();
            async move {
                runtime.sleep(200).await;
                aborter.cancel(2);
                runtime.sleep(10).await;
                aborter.abort();
            }
        });
        let report = clock.block_on(live.report()).unwrap();
        assert_eq!(
            clock.now_ms(),
            210,
            "the cleanup did not run on after the abort"
        );
        assert_eq!(report.children.unwrap()[1].status, Status::Cancelled);
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.pending_tasks(), 0);
        assert!(events.borrow().iter().all(|event| match event {
            RunEvent::Finished { at_ms, .. } => *at_ms <= 200.0,
            _ => true,
        }));
    }

    #[test]
    fn dropping_a_run_tears_it_down() {
        let clock = VirtualClock::new();
        let (live, _) = start(&clock);
        clock.run_until(50);
        drop(live);
        clock.run_until_stalled();
        assert_eq!(clock.now_ms(), 50);
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.pending_tasks(), 0);
    }

    #[test]
    fn a_scaled_runtime_reports_scenario_time() {
        let clock = VirtualClock::new();
        let scenario = Scenario::from_json(TWO_CHILDREN).unwrap();
        let report = clock
            .block_on(super::run(clock.runtime().scaled(4.0), scenario))
            .unwrap();
        assert_eq!(report.done_at_ms, 1000);
        assert_eq!(clock.now_ms(), 250, "four times as fast");
    }
}
