//! What each bar of the timeline shows over time: every state a node held, over the stretch
//! it held it, then its end mark.
//!
//! Built from the node's trace as the view knows it, so a live run, the run's end and a
//! replay at a playhead each show only what was known by then: a gather cancelled at 150 ms
//! is running until 150 ms, never cancelled-looking from its start.

use super::run_view::{Lane, RunView, Trace};
use super::wording::{status_class, Ending};
use gather_playground::scenario::{NodeId, Status};

/// What a node was doing over a stretch of its bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// A child of a limited gather, queued for a slot of its semaphore.
    Waiting,
    Running,
    /// `cancel()` returned True on it and it has not reacted yet.
    CancelRequested,
    /// It caught the cancellation and runs its cleanup.
    Cleanup,
}

impl Phase {
    /// Its class on the timeline, the same as its legend swatch's.
    pub fn class(self) -> &'static str {
        match self {
            Phase::Waiting => "waiting",
            Phase::Running => "running",
            Phase::CancelRequested => "cancel-requested",
            Phase::Cleanup => "cleanup",
        }
    }

    /// The state in words, for a segment's title.
    pub fn words(self) -> &'static str {
        match self {
            Phase::Waiting => "waiting for a slot of its gather's limit",
            Phase::Running => "running",
            Phase::CancelRequested => "cancel requested, still running",
            Phase::Cleanup => "caught CancelledError, cleaning up",
        }
    }
}

/// One stretch of a bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from_ms: f64,
    pub to_ms: f64,
    pub phase: Phase,
    /// Its gather had already completed: it runs on, late.
    pub late: bool,
    /// The stretch still growing: the present of a live run.
    pub open: bool,
}

/// A lane's bar: its stretches in time order, and how it ended, if it has.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub segments: Vec<Segment>,
    pub end: Option<(f64, Status)>,
}

impl Bar {
    /// The class of its end mark: how it ended.
    pub fn end_class(&self) -> Option<&'static str> {
        self.end
            .as_ref()
            .map(|(_, status)| status_class(Some(status)))
    }

    pub fn end_glyph(&self) -> Option<&'static str> {
        self.end
            .as_ref()
            .map(|(_, status)| Ending::of(status).glyph())
    }
}

/// Lane `node`'s bar. An unfinished bar reaches `open_until` (the present of a live run, a
/// stop or a replay) or, without one, is not drawn yet.
pub fn bar(view: &RunView, node: NodeId, open_until: Option<f64>) -> Bar {
    let none = Bar {
        segments: Vec::new(),
        end: None,
    };
    let (Some(lane), Some(trace)) = (view.lanes.get(node), view.traces.get(node)) else {
        return none;
    };
    let finish = trace.finished.as_ref();
    let Some((queued, end)) = trace
        .started_ms
        .zip(finish.map(|finish| finish.at_ms).or(open_until))
    else {
        return none;
    };
    let end = end.max(queued);
    // Late from the moment its gather completed, when that came before its own end (a
    // gather's last child ends just before it, at the same millisecond).
    let parent = lane.parent.and_then(|parent| view.traces.get(parent));
    let late_from = parent
        .and_then(|parent| parent.finished.as_ref())
        .filter(|parent_end| finish.is_none_or(|own| parent_end.event < own.event))
        .map(|parent_end| parent_end.at_ms);
    let slot = if lane.limited {
        Some(trace.slot_ms.unwrap_or(f64::INFINITY))
    } else {
        None
    };
    let cancel = trace
        .cancels
        .iter()
        .find(|mark| mark.returned)
        .map(|mark| mark.at_ms);
    let cleanup = trace.cleanup_ms;
    let phase_at = |at: f64| {
        if cleanup.is_some_and(|from| from <= at) {
            Phase::Cleanup
        } else if cancel.is_some_and(|from| from <= at) {
            Phase::CancelRequested
        } else if slot.is_some_and(|from| at < from) {
            Phase::Waiting
        } else {
            Phase::Running
        }
    };
    let mut cuts: Vec<f64> = [Some(queued), slot, cancel, cleanup, late_from, Some(end)]
        .into_iter()
        .flatten()
        .filter(|at| (queued..=end).contains(at))
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let mut segments: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (from_ms, to_ms) = (pair[0], pair[1]);
        let middle = (from_ms + to_ms) / 2.0;
        let (phase, late) = (phase_at(middle), late_from.is_some_and(|at| at <= middle));
        match segments.last_mut() {
            Some(last) if last.phase == phase && last.late == late => last.to_ms = to_ms,
            _ => segments.push(Segment {
                from_ms,
                to_ms,
                phase,
                late,
                open: false,
            }),
        }
    }
    // A node that started and ended in the same millisecond still has its moment.
    if segments.is_empty() {
        segments.push(Segment {
            from_ms: queued,
            to_ms: end,
            phase: phase_at(end),
            late: late_from.is_some_and(|at| at <= end),
            open: false,
        });
    }
    if finish.is_none() {
        if let Some(last) = segments.last_mut() {
            last.open = true;
        }
    }
    Bar {
        segments,
        end: finish.map(|finish| (finish.at_ms, finish.status.clone())),
    }
}

/// Where a lane's planned sleep starts, if it is known yet: at 0 before the run reaches the
/// node, at its start, or for a child of a limited gather at its slot (still waiting, none).
pub fn planned_from(lane: &Lane, trace: &Trace) -> Option<f64> {
    match (trace.started_ms, lane.limited) {
        (None, _) => Some(0.0),
        (Some(_), true) => trace.slot_ms,
        (Some(started), false) => Some(started),
    }
}

/// The timeline's legend: each entry's swatch class and its words. What shows depends on
/// the scenario: limits, timeouts, shields, a broken axis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LegendFlags {
    pub limited: bool,
    pub draggable: bool,
    pub guarded: bool,
    pub timeouts: bool,
    pub broken_axis: bool,
}

impl LegendFlags {
    /// Every entry: what the help lists.
    pub const ALL: LegendFlags = LegendFlags {
        limited: true,
        draggable: true,
        guarded: true,
        timeouts: true,
        broken_axis: true,
    };
}

pub fn legend_entries(flags: LegendFlags) -> Vec<(&'static str, String)> {
    let mut entries = vec![("running", "running".to_owned())];
    for ending in Ending::ALL {
        entries.push((ending.class(), format!("end mark: {}", ending.legend())));
    }
    if flags.limited {
        entries.push(("waiting", "waiting for a slot (limit)".into()));
    }
    entries.extend([
        ("cleanup", "caught the cancellation, cleaning up".into()),
        (
            "cancel-requested",
            "cancel requested, not finished yet".into(),
        ),
        ("orphan", "still running after its gather completed".into()),
        (
            "cancel-call",
            "cancel() called, with what it returned".into(),
        ),
    ]);
    if flags.timeouts {
        entries.push(("timeout-mark", "timeout fired: wait_for cancels".into()));
    }
    if flags.guarded {
        entries.push((
            "received",
            "thin line: its wait_for or shield, as its gather awaits it, to what that gave".into(),
        ));
    }
    if flags.broken_axis {
        entries.push((
            "axis-break",
            "axis break: a long stretch shortened, nothing starts or ends in it".into(),
        ));
    }
    let drag = if flags.draggable {
        " (drag its handle, or use arrow keys)"
    } else {
        ""
    };
    entries.push(("planned", format!("planned sleep{drag}")));
    entries
}

#[cfg(test)]
#[path = "segments_tests.rs"]
mod tests;
