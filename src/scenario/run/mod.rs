//! Running a scenario with the gather library: a live run with events, and its report.
//!
//! `build.rs` makes the scenario's tasks, gathers, semaphores, timeouts and shields;
//! this file keeps what happened to each node and reports it; `event.rs` says what a run
//! tells as it goes.

mod build;
mod event;
mod record;
#[cfg(test)]
mod tests;

pub use event::{CancelSource, RunEvent};

use super::model::Scenario;
use super::report::{Report, Status};
use crate::runtime::{Runtime, SoonCallback, TimerHandle};
use crate::{Awaitable, Outcome, Task};
use build::{build_gather, guard_root};
use record::{report_gather, Records};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

/// A node's position in the scenario tree in preorder: the root gather is 0, then each
/// child before its own children. [`Scenario::flatten`] lists nodes in this order.
pub type NodeId = usize;

/// Runs `scenario` on `runtime` and gives its report once every node has finished.
///
/// Each future node is a task that sleeps `delay_ms`, then returns or raises its result;
/// with `on_cancel` it catches a cancellation, sleeps the cleanup's `delay_ms`, then
/// finishes with the cleanup's result. Each gather node is a [`gather`](crate::gather) of its children
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

/// When (ms since the start) and how something finished.
type Finished = (f64, Outcome<Value>);

struct Shared {
    scenario: Scenario,
    runtime: Runtime,
    /// When the run started, on the wall clock: what event times count from.
    start_ms: f64,
    /// What `cancel_at_ms` and [`Run::cancel`] cancel: each node itself (a future's task,
    /// or with only a timeout the task `wait_for` runs it in; a gather).
    nodes: RefCell<Vec<Option<Awaitable<Value>>>>,
    /// Every task of the run, for tearing it down.
    tasks: RefCell<Vec<Task<Value>>>,
    records: RefCell<Records>,
    /// Ends (own and received) still to come.
    remaining: Cell<usize>,
    waker: RefCell<Option<Waker>>,
    timers: RefCell<Vec<TimerHandle>>,
    aborted: Cell<bool>,
    /// `cancel()` calls in progress, innermost last, each with the events of the calls it
    /// made: an event is told once its own call has returned (it says what `cancel()`
    /// returned), and the calls it made come right after it.
    cancels_in_progress: RefCell<Vec<Vec<RunEvent>>>,
    on_event: Box<dyn Fn(&RunEvent)>,
}

impl Run {
    /// Starts `scenario` on `runtime`, calling `on_event` for each event as it happens.
    /// Children start on the loop's next turn, as with [`gather`](crate::gather).
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
            records: RefCell::default(),
            remaining: Cell::new(0),
            waker: RefCell::new(None),
            timers: RefCell::new(Vec::new()),
            aborted: Cell::new(false),
            cancels_in_progress: RefCell::new(Vec::new()),
            on_event: Box::new(on_event),
        });
        // Deadlines on the loop's clock, from the same moment the children's sleeps start.
        let loop_start_ms = runtime.now_ms();
        let mut cancels = Vec::new();
        let outer = build_gather(&shared, &scenario.root, root, &mut cancels);
        let mut timers: Vec<TimerHandle> = cancels
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
        // main then awaits the root, through wait_for if it has a timeout.
        if let Some(timeout_ms) = scenario.root.guard.timeout_ms {
            timers.push(guard_root(
                &shared,
                &outer,
                loop_start_ms + timeout_ms as f64,
            ));
        }
        *shared.timers.borrow_mut() = timers;
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
        self.shared.clear_timers();
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

/// A `cancel_at_ms`: the node, and when.
type CancelAt = (NodeId, u64);

/// Which end of a node a record is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// The node itself.
    Own,
    /// What its parent received through its timeout or shield.
    Received,
}

impl Shared {
    fn elapsed_ms(&self) -> f64 {
        (self.runtime.wall_ms() - self.start_ms).max(0.0)
    }

    fn emit(&self, event: RunEvent) {
        if self.aborted.get() {
            return;
        }
        let mut in_progress = self.cancels_in_progress.borrow_mut();
        match in_progress.last_mut() {
            Some(calls) => calls.push(event),
            None => {
                drop(in_progress);
                (self.on_event)(&event);
            }
        }
    }

    fn cancel(&self, node: NodeId, source: CancelSource) -> Option<bool> {
        let target = self.nodes.borrow().get(node).cloned().flatten()?;
        Some(self.cancel_through(node, source, &|| target.cancel()))
    }

    /// Calls `cancel` (a `cancel()` on `node`) and tells of it, and of the calls it made.
    fn cancel_through(
        &self,
        node: NodeId,
        source: CancelSource,
        cancel: &dyn Fn() -> bool,
    ) -> bool {
        self.cancels_in_progress.borrow_mut().push(Vec::new());
        let returned = cancel();
        let made = self
            .cancels_in_progress
            .borrow_mut()
            .pop()
            .unwrap_or_default();
        self.emit(RunEvent::CancelCalled {
            node,
            at_ms: self.elapsed_ms(),
            returned,
            source,
        });
        made.into_iter().for_each(|event| self.emit(event));
        returned
    }

    /// A slot for the next node in preorder; `guarded` if it has a timeout or a shield,
    /// whose end (what its parent receives) is awaited too.
    fn reserve(&self, guarded: bool) -> NodeId {
        self.nodes.borrow_mut().push(None);
        let mut records = self.records.borrow_mut();
        records.own.push(None);
        records.received.push(guarded.then_some(None));
        records.timeout_at.push(None);
        self.remaining
            .set(self.remaining.get() + 1 + usize::from(guarded));
        records.own.len() - 1
    }

    /// Notes that one end of `node` came, now, and tells of it; `completed_by`: for a
    /// gather's own end, the child that completed it.
    fn record(
        &self,
        node: NodeId,
        end: End,
        outcome: Outcome<Value>,
        completed_by: Option<NodeId>,
    ) {
        let at_ms = self.elapsed_ms();
        {
            let mut records = self.records.borrow_mut();
            let finished = Some((at_ms, outcome.clone()));
            match end {
                End::Own => records.own[node] = finished,
                End::Received => records.received[node] = Some(finished),
            }
        }
        self.remaining.set(self.remaining.get() - 1);
        let status = Status::from_outcome(outcome);
        self.emit(match end {
            End::Own => RunEvent::Finished {
                node,
                at_ms,
                status,
                completed_by,
            },
            End::Received => RunEvent::Received {
                node,
                at_ms,
                status,
            },
        });
        if self.remaining.get() == 0 {
            self.clear_timers();
            let waker = self.waker.borrow_mut().take();
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }

    /// Records `end` of `node` when `awaitable` is done, from its done callback (a turn
    /// after it ends, as a watcher in Python hears of it). `completed_by` tells, then, which
    /// child completed a gather.
    fn watch(
        self: &Rc<Self>,
        node: NodeId,
        end: End,
        awaitable: &Awaitable<Value>,
        completed_by: Option<Box<dyn Fn() -> Option<NodeId>>>,
    ) {
        let shared = Rc::downgrade(self);
        let finished = awaitable.clone();
        awaitable.add_done_callback(SoonCallback::new(move || {
            if let (Some(shared), Some(outcome)) = (shared.upgrade(), finished.outcome()) {
                let completed_by = completed_by.as_ref().and_then(|child| child());
                shared.record(node, end, outcome, completed_by);
            }
        }));
    }

    fn timeout_fired(&self, node: NodeId) {
        let at_ms = self.elapsed_ms();
        self.records.borrow_mut().timeout_at[node] = Some(at_ms);
        self.emit(RunEvent::TimeoutFired { node, at_ms });
    }

    fn clear_timers(&self) {
        let timers = std::mem::take(&mut *self.timers.borrow_mut());
        timers.into_iter().for_each(TimerHandle::cancel);
    }

    fn report(&self) -> Report {
        let records = self.records.borrow();
        let mut next = 0;
        report_gather(&self.scenario.root, &records, &mut next)
    }
}

/// What combines the root's children.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RootCombinator {
    Gather,
    /// `async with asyncio.TaskGroup()`; the root's `cancel_at_ms` cancels the group.
    TaskGroup,
    /// `done, pending = await asyncio.wait(children, return_when=...)` in a task; its value
    /// is `{"done": [positions], "pending": [positions]}`. The root's `cancel_at_ms`
    /// cancels that task (the wait), not the children.
    Wait(crate::ReturnWhen),
    /// `for f in asyncio.as_completed(children): results.append(await f)` in a task; its
    /// value is the results in completion order, and the first exception in that order
    /// ends the loop. The root's `cancel_at_ms` cancels the task.
    AsCompleted,
}
