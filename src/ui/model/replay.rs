//! Replaying a recorded run: a playhead that moves from event to event in the run's order.
//!
//! The playhead is a place in the run's sequence of events, not a time: several events may
//! share a millisecond (the run emits them in CPython's order), and a step shows exactly one
//! more or one fewer of them. The slider still scrubs by time: it shows every event up to
//! then, which is a prefix of the sequence, since event times never decrease.

use super::axis::axis_times;
use super::chunked::Chunked;
use super::run_view::{fresh_traces, RunView};
use gather_playground::scenario::RunEvent;
use std::rc::Rc;

/// Where a replay stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playhead {
    /// How many of the run's first events it shows.
    pub shown: usize,
    /// The moment it shows: the slider's, or the last shown event's (0 before any).
    pub at_ms: f64,
}

/// A step of the replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Back,
    Forward,
}

impl Playhead {
    /// The playhead at `at_ms`: every event up to then.
    pub fn at(events: &Chunked<RunEvent>, at_ms: f64) -> Playhead {
        Playhead {
            shown: events.partition_point(|event| event.at_ms() <= at_ms),
            at_ms,
        }
    }

    /// How many events `playhead` shows of `events`: all of them without a replay.
    pub fn shown_of(playhead: Option<Playhead>, events: &Chunked<RunEvent>) -> usize {
        playhead.map_or(events.len(), |playhead| playhead.shown.min(events.len()))
    }

    /// The playhead one event on from `playhead` (the whole run when `None`), or the same
    /// one at either end.
    pub fn stepped(
        playhead: Option<Playhead>,
        events: &Chunked<RunEvent>,
        step: Step,
    ) -> Option<Playhead> {
        let shown = Playhead::shown_of(playhead, events);
        let target = match step {
            Step::Back => shown.checked_sub(1),
            Step::Forward => Some(shown + 1).filter(|target| *target <= events.len()),
        };
        let Some(target) = target else {
            return playhead;
        };
        let at_ms = match target {
            0 => 0.0,
            _ => events.get(target - 1).map_or(0.0, RunEvent::at_ms),
        };
        Some(Playhead {
            shown: target,
            at_ms,
        })
    }
}

impl RunView {
    /// The run as it stood at `playhead`: its first events, replayed.
    pub fn at(&self, playhead: Playhead) -> RunView {
        let mut replay = RunView {
            traces: fresh_traces(&self.lanes),
            log: Chunked::default(),
            events: Chunked::default(),
            report: None,
            stopped: false,
            ..self.clone()
        };
        let shown = playhead.shown.min(self.events.len());
        for event in self.events.range(0..shown) {
            replay.apply(event);
        }
        replay.now_ms = playhead.at_ms;
        replay.replay_at = Some(playhead.at_ms);
        replay.axis_ms = self.end_ms();
        replay.whole_times = Some(Rc::new(axis_times(self)));
        replay.report = self.report.clone().filter(|_| shown == self.events.len());
        replay
    }
}

#[cfg(test)]
#[path = "replay_tests.rs"]
mod tests;
