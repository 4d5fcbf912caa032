//! The page's state and every change to it: a pure reducer.

use super::chunked::Chunked;
use super::draft::{DraftCleanup, DraftKind, DraftNode, DraftOutcome, Field, Flag, Key};
use super::numbers::time_order;
use super::presets::PRESETS;
use gather_playground::scenario::{
    json_text, CancelSource, NodeId, NodeView, Report, RunEvent, Scenario, Status,
};
use std::rc::Rc;
use yew::Reducible;

pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The moment a replay shows; `None` shows the run live (or as it ended).
    pub playhead: Option<f64>,
    /// Shared, so that copying the state on every redraw of a run does not copy the draft.
    pub draft: Rc<DraftNode>,
    pub preset: Option<usize>,
    pub speed: f64,
    pub run: Option<RunView>,
    pub notice: Option<Notice>,
    pub json_text: String,
    pub json_error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

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
}

#[derive(Clone, Debug, PartialEq)]
pub struct CancelMark {
    pub at_ms: f64,
    pub returned: bool,
    pub source: CancelSource,
}

/// What happened to one node so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub started_ms: Option<f64>,
    /// When a child of a limited gather got its slot.
    pub slot_ms: Option<f64>,
    pub cleanup_ms: Option<f64>,
    pub finished: Option<(f64, Status)>,
    pub cancels: Vec<CancelMark>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub at_ms: f64,
    pub text: String,
    /// The node it tells of, and how many entries of that node with the same text came
    /// before it: what pairs it with the same entry of the prediction.
    pub origin: Option<(NodeId, usize)>,
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
    /// Every event as it came, for replaying the run up to any moment.
    pub events: Chunked<RunEvent>,
    /// Set on a replay: the moment it shows.
    pub replay_at: Option<f64>,
    /// The time axis to keep while replaying: the whole run's.
    pub axis_ms: f64,
}

/// Traces before anything happened: gathers exist from the start, futures not yet.
fn fresh_traces(lanes: &[Lane]) -> Chunked<Trace> {
    lanes
        .iter()
        .map(|lane| Trace {
            started_ms: lane.is_gather.then_some(0.0),
            ..Trace::default()
        })
        .collect()
}

/// A lane's name: its label, or what it is.
pub fn lane_name(lanes: &[Lane], node: NodeId) -> String {
    match lanes.get(node) {
        Some(lane) if !lane.label.is_empty() => lane.label.clone(),
        Some(_) if node == 0 => "the outer gather".into(),
        Some(lane) if lane.is_gather => format!("gather #{node}"),
        _ => format!("child #{node}"),
    }
}

fn event_node(event: &RunEvent) -> NodeId {
    event.node()
}

fn event_time(event: &RunEvent) -> f64 {
    event.at_ms()
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
        }
    }

    /// The run as it stood at `at_ms`: every event up to then, replayed.
    pub fn at(&self, at_ms: f64) -> RunView {
        let mut replay = RunView {
            traces: fresh_traces(&self.lanes),
            log: Chunked::default(),
            events: Chunked::default(),
            report: None,
            stopped: false,
            ..self.clone()
        };
        for event in self
            .events
            .iter()
            .filter(|event| event_time(event) <= at_ms)
        {
            replay.apply(event);
        }
        replay.now_ms = at_ms;
        replay.replay_at = Some(at_ms);
        replay.axis_ms = self.end_ms();
        replay.report = self
            .report
            .clone()
            .filter(|_| self.events.iter().all(|event| event_time(event) <= at_ms));
        replay
    }

    /// The distinct moments something happened, in order: the steps of a replay.
    pub fn moments(&self) -> Vec<f64> {
        let times: Vec<f64> = self.events.iter().map(event_time).collect();
        let mut moments: Vec<f64> = time_order(times.iter().copied())
            .into_iter()
            .map(|position| times[position])
            .collect();
        moments.dedup();
        moments
    }

    /// When the last thing happened.
    pub fn end_ms(&self) -> f64 {
        self.events
            .iter()
            .map(event_time)
            .fold(self.now_ms, f64::max)
    }

    pub fn finished(&self) -> bool {
        self.report.is_some()
    }

    /// A lane's name for the log: its label, or what it is.
    pub fn name(&self, node: NodeId) -> String {
        lane_name(&self.lanes, node)
    }

    pub fn apply(&mut self, event: &RunEvent) {
        let (node, at_ms) = (event_node(event), event_time(event));
        let name = self.name(node);
        self.events.push(event.clone());
        let Some(trace) = self.traces.get_mut(node) else {
            return;
        };
        self.now_ms = self.now_ms.max(at_ms);
        // Only cancel() can happen to a node more than once, and its entries read the same
        // when what it returned and who called it are.
        let mut same_before = 0;
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
                same_before = trace
                    .cancels
                    .iter()
                    .filter(|mark| mark.returned == *returned && mark.source == *source)
                    .count();
                // The timeline marks the calls the scenario or the user made; those a gather,
                // a group or a timeout passed on are in the log.
                if matches!(source, CancelSource::Scheduled | CancelSource::User) {
                    trace.cancels.push(CancelMark {
                        at_ms,
                        returned: *returned,
                        source: *source,
                    });
                }
                let who = match source {
                    CancelSource::Scheduled => "scheduled".to_owned(),
                    CancelSource::User => "you".to_owned(),
                    CancelSource::Gather { gather } => {
                        format!("passed on by {}", lane_name(&self.lanes, *gather))
                    }
                    CancelSource::TaskGroup => "by the TaskGroup".to_owned(),
                    CancelSource::Timeout => "its timeout".to_owned(),
                };
                format!(
                    "cancel() on {name} ({who}) returned {}",
                    if *returned { "True" } else { "False" }
                )
            }
            RunEvent::CleanupStarted { .. } => {
                trace.cleanup_ms = Some(at_ms);
                format!("{name} caught CancelledError and is cleaning up")
            }
            RunEvent::TimeoutFired { .. } => {
                format!("{name}'s timeout fired: wait_for cancels it")
            }
            RunEvent::Received { status, .. } => {
                format!(
                    "its parent received from {name}: {}",
                    describe_status(status)
                )
            }
            RunEvent::Finished { status, .. } => {
                trace.finished = Some((at_ms, status.clone()));
                let what = describe_status(status);
                if self.lanes.get(node).is_some_and(|lane| lane.is_gather) {
                    format!("{name} completed: {what}")
                } else {
                    format!("{name} {what}")
                }
            }
        };
        self.log.push(LogEntry {
            at_ms,
            text,
            origin: Some((node, same_before)),
        });
    }
}

/// Lists longer than this are shown by their first items and their length.
const LONG_LIST: usize = 24;
const LONG_LIST_HEAD: usize = 10;

/// A status in words, as Python would put it.
pub fn describe_status(status: &Status) -> String {
    match status {
        Status::Ok {
            value: serde_json::Value::Array(items),
        } if items.len() > LONG_LIST => {
            let head: Vec<String> = items[..LONG_LIST_HEAD].iter().map(python_repr).collect();
            format!(
                "returned a list of {} values: [{}, …]",
                items.len(),
                head.join(", ")
            )
        }
        Status::Ok { value } => format!("returned {}", python_repr(value)),
        Status::Raised { exception, message } if message.is_empty() => {
            format!("raised {exception}")
        }
        Status::Raised { exception, message } => format!("raised {exception}: {message}"),
        Status::Cancelled => "was cancelled (CancelledError)".into(),
    }
}

/// A report value as Python prints it: lists, True/False/None, quoted strings, and
/// exceptions (from return_exceptions) as `ValueError('boom')`.
pub fn python_repr(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('\'', "\\'")
                .replace('\n', "\\n");
            format!("'{escaped}'")
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(python_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(fields) => match (fields.get("exception"), fields.get("message")) {
            (Some(Value::String(exception)), Some(Value::String(message))) => {
                format!(
                    "{exception}({})",
                    python_repr(&Value::String(message.clone()))
                )
            }
            _ => json_text(value),
        },
    }
}

pub enum Action {
    SetField(Key, Field, String),
    SetFlag(Key, Flag, bool),
    AddChild(Key, bool),
    Remove(Key),
    Duplicate(Key),
    Move(Key, isize),
    /// Sets a future's delay (timeline drag and arrow keys).
    SetDelay(Key, u64),
    LoadPreset(usize),
    LoadScenario(Scenario, Option<Notice>),
    SetSpeed(f64),
    RunStarted(RunView),
    /// Events of a run since the last batch, in order.
    RunEvents(u64, Vec<RunEvent>),
    /// A redraw of a live run: its clock, and the events since the last one.
    Tick(u64, f64, Vec<RunEvent>),
    RunFinished(u64, Report),
    Stopped(u64),
    ClearRun,
    SetNotice(Option<Notice>),
    SetJsonText(String),
    SetJsonError(Option<String>),
    /// Moves the replay to a moment; `None` returns to the live view.
    SetPlayhead(Option<f64>),
    /// Moves the replay to the previous (-1) or next (+1) moment something happened.
    StepPlayhead(i32, Vec<f64>),
}

impl State {
    pub fn new(draft: DraftNode, preset: Option<usize>, speed: f64) -> Self {
        State {
            playhead: None,
            draft: Rc::new(draft),
            preset,
            speed,
            run: None,
            notice: None,
            json_text: String::new(),
            json_error: None,
        }
    }

    fn run_mut(&mut self, id: u64) -> Option<&mut RunView> {
        self.run.as_mut().filter(|run| run.id == id)
    }
}

fn blank_outcome() -> DraftOutcome {
    DraftOutcome {
        raises: false,
        value: "null".into(),
        error_type: "ValueError".into(),
        error_message: String::new(),
    }
}

fn set_field(node: &mut DraftNode, field: Field, text: String) {
    match field {
        Field::Label => return node.label = text,
        Field::CancelAt => return node.cancel_at = text,
        Field::Limit => {
            if let DraftKind::Gather { limit, .. } = &mut node.kind {
                *limit = text;
            }
            return;
        }
        _ => {}
    }
    let DraftKind::Future {
        delay,
        outcome,
        cleanup,
    } = &mut node.kind
    else {
        return;
    };
    match field {
        Field::Delay => *delay = text,
        Field::Value => outcome.value = text,
        Field::ErrorType => outcome.error_type = text,
        Field::ErrorMessage => outcome.error_message = text,
        Field::CleanupDelay
        | Field::CleanupValue
        | Field::CleanupErrorType
        | Field::CleanupErrorMessage => {
            if let Some(cleanup) = cleanup {
                match field {
                    Field::CleanupDelay => cleanup.delay = text,
                    Field::CleanupValue => cleanup.outcome.value = text,
                    Field::CleanupErrorType => cleanup.outcome.error_type = text,
                    _ => cleanup.outcome.error_message = text,
                }
            }
        }
        Field::Label | Field::CancelAt | Field::Limit => {}
    }
}

fn set_flag(node: &mut DraftNode, flag: Flag, on: bool) {
    if flag == Flag::Collapsed {
        node.collapsed = on;
        return;
    }
    match &mut node.kind {
        DraftKind::Gather {
            return_exceptions, ..
        } => {
            if flag == Flag::ReturnExceptions {
                *return_exceptions = on;
            }
        }
        DraftKind::Future {
            outcome, cleanup, ..
        } => match flag {
            Flag::Raises => outcome.raises = on,
            Flag::HasCleanup if on && cleanup.is_none() => {
                *cleanup = Some(DraftCleanup {
                    delay: "100".into(),
                    outcome: DraftOutcome {
                        value: "\"cleaned up\"".into(),
                        ..blank_outcome()
                    },
                })
            }
            Flag::HasCleanup if !on => *cleanup = None,
            Flag::CleanupRaises => {
                if let Some(cleanup) = cleanup {
                    cleanup.outcome.raises = on;
                }
            }
            _ => {}
        },
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let edits_draft = edits_draft_action(&action);
        // A new run, a reset or a new scenario leaves any replay.
        let leaves_replay = edits_draft
            || matches!(
                action,
                Action::RunStarted(_)
                    | Action::ClearRun
                    | Action::LoadPreset(_)
                    | Action::LoadScenario(..)
            );
        match action {
            Action::SetField(key, field, text) => {
                if let Some(node) = Rc::make_mut(&mut next.draft).find_mut(key) {
                    set_field(node, field, text);
                }
            }
            Action::SetFlag(key, flag, on) => {
                if let Some(node) = Rc::make_mut(&mut next.draft).find_mut(key) {
                    set_flag(node, flag, on);
                }
            }
            Action::AddChild(parent, gather) => {
                if let Some(DraftNode {
                    kind: DraftKind::Gather { children, .. },
                    collapsed,
                    ..
                }) = Rc::make_mut(&mut next.draft).find_mut(parent)
                {
                    let name = child_name(children.len());
                    children.push(if gather {
                        let mut group = DraftNode::gather(&format!("group {name}"));
                        if let DraftKind::Gather { children, .. } = &mut group.kind {
                            children.push(DraftNode::future(
                                &format!("{name}1"),
                                200,
                                serde_json::json!(1),
                            ));
                        }
                        group
                    } else {
                        DraftNode::future(&name, 300, serde_json::json!(name))
                    });
                    *collapsed = false;
                }
            }
            Action::Remove(key) => {
                if let Some((siblings, index)) = Rc::make_mut(&mut next.draft).parent_of_mut(key) {
                    siblings.remove(index);
                }
            }
            Action::Duplicate(key) => {
                if let Some((siblings, index)) = Rc::make_mut(&mut next.draft).parent_of_mut(key) {
                    let copy = siblings[index].rekeyed();
                    siblings.insert(index + 1, copy);
                }
            }
            Action::Move(key, by) => {
                if let Some((siblings, index)) = Rc::make_mut(&mut next.draft).parent_of_mut(key) {
                    let target = index as isize + by;
                    if target >= 0 && (target as usize) < siblings.len() {
                        siblings.swap(index, target as usize);
                    }
                }
            }
            Action::SetDelay(key, ms) => {
                if let Some(DraftNode {
                    kind: DraftKind::Future { delay, .. },
                    ..
                }) = Rc::make_mut(&mut next.draft).find_mut(key)
                {
                    *delay = ms.to_string();
                }
            }
            Action::LoadPreset(index) => {
                if let Some(scenario) = PRESETS.get(index).and_then(|preset| preset.scenario()) {
                    next.draft = Rc::new(DraftNode::from_scenario(&scenario));
                    next.preset = Some(index);
                    next.run = None;
                    next.notice = None;
                }
            }
            Action::LoadScenario(scenario, notice) => {
                next.draft = Rc::new(DraftNode::from_scenario(&scenario));
                next.preset = None;
                next.run = None;
                next.notice = notice;
            }
            Action::SetSpeed(speed) => next.speed = speed,
            // The notice stays: the toolbar holding it sits above everything, and taking it
            // away would move the whole page (a big editor's thousands of fields with it)
            // just as the run starts. It goes when dismissed or replaced.
            Action::RunStarted(view) => next.run = Some(view),
            Action::RunEvents(id, events) => {
                if let Some(run) = next.run_mut(id) {
                    events.iter().for_each(|event| run.apply(event));
                }
            }
            Action::Tick(id, now_ms, events) => {
                if let Some(run) = next.run_mut(id) {
                    events.iter().for_each(|event| run.apply(event));
                    if !run.finished() && !run.stopped {
                        run.now_ms = run.now_ms.max(now_ms);
                    }
                }
            }
            Action::RunFinished(id, report) => {
                if let Some(run) = next.run_mut(id) {
                    run.now_ms = run.now_ms.max(report.done_at_ms as f64);
                    run.report = Some(Rc::new(report));
                }
            }
            Action::Stopped(id) => {
                if let Some(run) = next.run_mut(id) {
                    run.stopped = true;
                    let at_ms = run.now_ms;
                    run.log.push(LogEntry {
                        at_ms,
                        text: "stopped: every task was torn down".into(),
                        origin: None,
                    });
                }
            }
            Action::ClearRun => next.run = None,
            Action::SetNotice(notice) => next.notice = notice,
            Action::SetJsonText(text) => {
                next.json_text = text;
                next.json_error = None;
            }
            Action::SetJsonError(error) => next.json_error = error,
            Action::SetPlayhead(at) => next.playhead = at,
            Action::StepPlayhead(direction, moments) => {
                let end = moments.last().copied().unwrap_or(0.0);
                let current = next.playhead.unwrap_or(end);
                let target = if direction < 0 {
                    moments.iter().rev().find(|moment| **moment < current - 0.5)
                } else {
                    moments.iter().find(|moment| **moment > current + 0.5)
                };
                next.playhead = target.copied().or(next.playhead);
            }
        }
        if leaves_replay {
            next.playhead = None;
        }
        if edits_draft {
            // The preset's note no longer describes an edited scenario.
            next.preset = None;
            // Nor does an ended run: show the edited scenario's prediction instead. A run in
            // flight is kept until it ends.
            if next
                .run
                .as_ref()
                .is_some_and(|run| run.finished() || run.stopped)
            {
                next.run = None;
            }
        }
        Rc::new(next)
    }
}

fn edits_draft_action(action: &Action) -> bool {
    matches!(
        action,
        Action::SetField(..)
            | Action::AddChild(..)
            | Action::Remove(_)
            | Action::Duplicate(_)
            | Action::Move(..)
            | Action::SetDelay(..)
    ) || matches!(action, Action::SetFlag(_, flag, _) if *flag != Flag::Collapsed)
}

fn child_name(index: usize) -> String {
    let letter = (b'A' + (index % 26) as u8) as char;
    if index < 26 {
        letter.to_string()
    } else {
        format!("{letter}{}", index / 26)
    }
}
