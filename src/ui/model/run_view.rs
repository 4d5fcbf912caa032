//! A run as the page shows it: a lane per node, what happened to each, and the log.

use super::chunked::Chunked;
use super::wording::{
    cancel_source_words, cancelled_name, describe_status, node_name, python_bool, received_words,
    timeout_fired_words,
};
use gather_playground::scenario::{
    CancelSource, Guard, NodeId, NodeView, Report, Run, RunEvent, Scenario, Status,
};
use gather_playground::VirtualClock;
use std::cell::RefCell;
use std::rc::Rc;

/// One lane of the timeline: a node of the scenario that ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub label: String,
    pub depth: usize,
    pub parent: Option<NodeId>,
    pub is_gather: bool,
    /// A future's delay; a gather's, none.
    pub delay_ms: Option<u64>,
    /// A future whose gather has a limit: it waits for a slot before its sleep.
    pub limited: bool,
    /// What stands between it and its parent: a timeout, a shield.
    pub guard: Guard,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CancelMark {
    pub at_ms: f64,
    pub returned: bool,
    pub source: CancelSource,
}

/// How and when a node finished.
#[derive(Clone, Debug, PartialEq)]
pub struct Finish {
    pub at_ms: f64,
    pub status: Status,
    /// Its `Finished` event's place among the run's events: what orders completions, since
    /// several may share a millisecond (the run emits them in CPython's order).
    pub event: usize,
}

/// What happened to one node so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub started_ms: Option<f64>,
    /// When a child of a limited gather got its slot.
    pub slot_ms: Option<f64>,
    pub cleanup_ms: Option<f64>,
    pub finished: Option<Finish>,
    /// When its timeout fired.
    pub timeout_ms: Option<f64>,
    /// For a node with a guard: what its parent received through it, and when (the
    /// report's `received`); `finished` is the node's own end.
    pub received: Option<Finish>,
    /// The calls the scenario or the person made, which the timeline marks.
    pub cancels: Vec<CancelMark>,
    /// Every `cancel()` on it, by what it returned and who called it, to tell the log's
    /// entries of it apart.
    calls: Vec<(bool, CancelSource)>,
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub at_ms: f64,
    pub text: String,
    /// Which event of which node it tells of: what pairs it with the same entry of the
    /// prediction (see `lateness.rs`). `None` for the page's own lines (a stop).
    pub origin: Option<Origin>,
    /// The event it tells of, by its place in the run's events (for its why); `None` for
    /// the page's own lines.
    pub event: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub node: NodeId,
    /// How many entries of that node with the same text came before it: only `cancel()`
    /// can happen to a node more than once, and its entries read the same when what it
    /// returned and who called it are.
    pub occurrence: usize,
}

/// A run as the page shows it: a real run on the browser's loop, or a prediction.
///
/// Copied on every redraw of a live run (by the reducer, and into each component's
/// properties), so its lists are shared: a copy costs a few pointers, not the run's size,
/// and comparing a copy with its original looks only at what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct RunView {
    pub id: u64,
    /// Never change during a run. An `Rc` of an `Eq` type compares by pointer first.
    pub lanes: Rc<Vec<Lane>>,
    pub traces: Chunked<Trace>,
    pub log: Chunked<LogEntry>,
    pub now_ms: f64,
    pub speed: f64,
    pub stopped: bool,
    pub report: Option<Rc<Report>>,
    /// Every event as it came, in the run's order, for replaying it.
    pub events: Chunked<RunEvent>,
    /// Set on a replay: the moment it shows.
    pub replay_at: Option<f64>,
    /// The time axis to keep while replaying: the whole run's.
    pub axis_ms: f64,
    /// What ran, to explain it by: set for a real run when it starts, for the prediction
    /// by the page.
    pub scenario: Option<Rc<Scenario>>,
    /// Set on a replay: the moments the whole run's axis shows, so that the axis (and its
    /// breaks) stays put as the playhead moves.
    pub whole_times: Option<Rc<Vec<f64>>>,
}

/// Traces before anything happened: gathers exist from the start, futures not yet.
pub(super) fn fresh_traces(lanes: &[Lane]) -> Chunked<Trace> {
    lanes
        .iter()
        .map(|lane| Trace {
            started_ms: lane.is_gather.then_some(0.0),
            ..Trace::default()
        })
        .collect()
}

/// A lane's name: see [`node_name`].
pub fn lane_name(lanes: &[Lane], node: NodeId) -> String {
    match lanes.get(node) {
        Some(lane) => node_name(&lane.label, node, lane.is_gather),
        None => node_name("", node, false),
    }
}

impl RunView {
    pub fn new(id: u64, scenario: &Scenario, speed: f64) -> Self {
        let nodes = scenario.flatten();
        let lanes: Vec<Lane> = nodes
            .iter()
            .map(|node| Lane {
                label: node.view.label().to_owned(),
                depth: node.depth,
                parent: node.parent,
                is_gather: matches!(node.view, NodeView::Gather(_)),
                delay_ms: match node.view {
                    NodeView::Future(future) => Some(future.delay_ms),
                    NodeView::Gather(_) => None,
                },
                limited: matches!(node.view, NodeView::Future(_))
                    && node.parent.is_some_and(|parent| {
                        matches!(nodes[parent].view, NodeView::Gather(gather) if gather.limit.is_some())
                    }),
                guard: node.view.guard(),
            })
            .collect();
        let traces = fresh_traces(&lanes);
        RunView {
            id,
            lanes: Rc::new(lanes),
            traces,
            log: Chunked::default(),
            now_ms: 0.0,
            speed,
            stopped: false,
            report: None,
            events: Chunked::default(),
            replay_at: None,
            axis_ms: 0.0,
            scenario: None,
            whole_times: None,
        }
    }

    /// When the last thing happened (events come in time order).
    pub fn end_ms(&self) -> f64 {
        self.events
            .last()
            .map_or(self.now_ms, |event| event.at_ms().max(self.now_ms))
    }

    pub fn finished(&self) -> bool {
        self.report.is_some()
    }

    /// Whether the run is in flight: neither finished nor stopped.
    pub fn running(&self) -> bool {
        !self.finished() && !self.stopped
    }

    /// A lane's name for the log: see [`node_name`].
    pub fn name(&self, node: NodeId) -> String {
        lane_name(&self.lanes, node)
    }

    /// The run has ended with `report`.
    pub fn finish(&mut self, report: Report) {
        self.now_ms = self.now_ms.max(report.done_at_ms as f64);
        self.report = Some(Rc::new(report));
    }

    /// The next event of the run: recorded, traced and logged.
    pub fn apply(&mut self, event: &RunEvent) {
        let (node, at_ms) = (event.node(), event.at_ms());
        let name = self.name(node);
        let position = self.events.len();
        self.events.push(event.clone());
        let is_gather = self.lanes.get(node).is_some_and(|lane| lane.is_gather);
        let guard = self
            .lanes
            .get(node)
            .map_or_else(Guard::default, |lane| lane.guard);
        let parent = self.lanes.get(node).and_then(|lane| lane.parent);
        let lanes = Rc::clone(&self.lanes);
        let Some(trace) = self.traces.get_mut(node) else {
            return;
        };
        self.now_ms = self.now_ms.max(at_ms);
        let mut occurrence = 0;
        let text = match event {
            RunEvent::Started { .. } => {
                trace.started_ms = Some(at_ms);
                format!("{name} started")
            }
            RunEvent::SlotAcquired { .. } => {
                trace.slot_ms = Some(at_ms);
                format!("{name} got a slot and starts its sleep")
            }
            RunEvent::CancelCalled {
                returned, source, ..
            } => {
                let call = (*returned, *source);
                occurrence = trace.calls.iter().filter(|made| **made == call).count();
                trace.calls.push(call);
                // The timeline marks the calls the scenario or the person made; those a
                // gather, a group or a timeout passed on are in the log.
                if matches!(source, CancelSource::Scheduled | CancelSource::User) {
                    trace.cancels.push(CancelMark {
                        at_ms,
                        returned: *returned,
                        source: *source,
                    });
                }
                let who = cancel_source_words(*source, |gather| lane_name(&lanes, gather));
                format!(
                    "cancel() on {} ({who}) returned {}",
                    cancelled_name(&name, guard, *source),
                    python_bool(*returned)
                )
            }
            RunEvent::CleanupStarted { .. } => {
                trace.cleanup_ms = Some(at_ms);
                format!("{name} caught CancelledError and is cleaning up")
            }
            RunEvent::TimeoutFired { .. } => {
                trace.timeout_ms = Some(at_ms);
                timeout_fired_words(&name, guard, is_gather)
            }
            RunEvent::Received { status, .. } => {
                trace.received = Some(Finish {
                    at_ms,
                    status: status.clone(),
                    event: position,
                });
                let runs_on = trace.finished.is_none();
                let parent = parent.map(|parent| lane_name(&lanes, parent));
                received_words(&name, guard, parent.as_deref(), status, runs_on)
            }
            RunEvent::Finished { status, .. } => {
                trace.finished = Some(Finish {
                    at_ms,
                    status: status.clone(),
                    event: position,
                });
                let what = describe_status(status);
                if is_gather {
                    format!("{name} completed: {what}")
                } else {
                    format!("{name} {what}")
                }
            }
        };
        self.log.push(LogEntry {
            at_ms,
            text,
            origin: Some(Origin { node, occurrence }),
            event: Some(position),
        });
    }

    /// The run was stopped: every task torn down, nothing more happens.
    pub fn stop(&mut self) {
        self.stopped = true;
        self.log.push(LogEntry {
            at_ms: self.now_ms,
            text: "stopped: every task was torn down".into(),
            origin: None,
            event: None,
        });
    }
}

/// The scenario run on a virtual clock: what a real run should show, instantly.
pub fn predict(scenario: &Scenario) -> RunView {
    let clock = VirtualClock::new();
    let view = Rc::new(RefCell::new(RunView::new(0, scenario, 1.0)));
    let sink = Rc::clone(&view);
    let run = Run::start(clock.runtime(), scenario, move |event| {
        sink.borrow_mut().apply(event)
    });
    let report = clock.block_on(run.report());
    let mut predicted = view.borrow().clone();
    if let Some(report) = report {
        predicted.finish(report);
    }
    predicted
}

#[cfg(test)]
#[path = "run_view_tests.rs"]
pub(crate) mod tests;
