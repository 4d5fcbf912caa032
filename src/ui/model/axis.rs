//! The timeline's time axis and its layout for the width it has.
//!
//! Linear, as long as that shows everything: when one long empty stretch (a 600,000 ms
//! sleep beside children of 100 ms) would squash the rest into a few pixels, that stretch is
//! cut out and replaced by a marked break of fixed width. Everything outside the breaks is
//! drawn at one and the same scale, and the labels after a break say where the axis resumes.

use super::run_view::RunView;
use super::segments::planned_from;
use super::timeline::nice_step_within;

/// The width of a break on the axis, in the timeline's units.
pub const BREAK_W: f64 = 36.0;
/// A stretch is cut out when it is more than this many times as long as all the shorter ones
/// together (they would get under a twentieth of the width).
const BREAK_FACTOR: f64 = 19.0;
/// Stretches shorter than this are never cut: a linear axis shows them well enough.
const MIN_BREAK_MS: f64 = 500.0;
/// The axis ends this far past the last thing, as a share of what it shows.
const END_MARGIN: f64 = 0.08;
/// The least an axis shows, for a run where everything happens at once.
const MIN_AXIS_MS: f64 = 100.0;
/// Tick labels closer than this (in units) would overlap.
const MIN_LABEL_GAP: f64 = 50.0;

/// Where the timeline draws, for the width of its box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The SVG's width in units: its box's width in CSS pixels up to `WIDE`, so that a
    /// phone's timeline is drawn at one unit per pixel (its text as large as it says) and a
    /// wide one is scaled up.
    pub width: f64,
    /// Where the plot starts, after the lanes' labels.
    pub plot_x0: f64,
    /// Where it ends, leaving room for the end marks.
    pub plot_x1: f64,
}

impl Layout {
    /// The widest layout: wider boxes scale it up.
    pub const WIDE: f64 = 760.0;
    /// The narrowest: a narrower box scrolls.
    pub const NARROW: f64 = 260.0;

    /// The layout for a box `box_px` CSS pixels wide (0 before it was measured: the widest).
    pub fn for_width(box_px: f64) -> Layout {
        let width = if box_px.is_finite() && box_px > 0.0 {
            box_px.floor().clamp(Layout::NARROW, Layout::WIDE)
        } else {
            Layout::WIDE
        };
        // The labels' column shrinks with the width, down to room for about 13 characters.
        let plot_x0 = (width * 0.224).round().clamp(100.0, 170.0);
        Layout {
            width,
            plot_x0,
            plot_x1: width - 30.0,
        }
    }

    /// How many characters of a lane's label fit at `depth`.
    pub fn label_chars(self, depth: usize) -> usize {
        (((self.plot_x0 - 10.0 - depth as f64 * 12.0) / 7.0).floor() as usize).max(6)
    }
}

/// A stretch cut out of the axis: `x0..x1` on the plot, where the gap that marks it is
/// drawn near `x1`, leaving room on its left for the end marks of what ended at `from_ms`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisBreak {
    pub from_ms: f64,
    pub to_ms: f64,
    pub x0: f64,
    pub x1: f64,
}

/// Milliseconds to units across the plot: linear between knots.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// (ms, x), increasing in both.
    knots: Vec<(f64, f64)>,
    breaks: Vec<AxisBreak>,
    step_ms: f64,
}

impl Axis {
    /// An axis over `times` (every moment something starts, ends or is planned to), across
    /// `x0..x1`.
    pub fn new(times: impl IntoIterator<Item = f64>, x0: f64, x1: f64) -> Axis {
        let mut times: Vec<f64> = times
            .into_iter()
            .filter(|at| at.is_finite() && *at > 0.0)
            .chain([0.0])
            .collect();
        times.sort_by(f64::total_cmp);
        times.dedup();
        let gaps: Vec<f64> = times.windows(2).map(|pair| pair[1] - pair[0]).collect();
        // The shortest stretch worth cutting: one that is long beyond all the shorter ones
        // together; every longer one is cut with it.
        let mut sorted = gaps.clone();
        sorted.sort_by(f64::total_cmp);
        let mut shorter = 0.0;
        let mut threshold = f64::INFINITY;
        for gap in &sorted {
            if *gap >= MIN_BREAK_MS && shorter > 0.0 && *gap > BREAK_FACTOR * shorter {
                threshold = *gap;
                break;
            }
            shorter += gap;
        }
        let broken: Vec<bool> = gaps.iter().map(|gap| *gap >= threshold).collect();
        let last = times.last().copied().unwrap_or(0.0);
        let cuts = broken.iter().filter(|cut| **cut).count();
        if cuts == 0 {
            let end = (last * (1.0 + END_MARGIN)).max(MIN_AXIS_MS);
            return Axis {
                knots: vec![(0.0, x0), (end, x1)],
                breaks: Vec::new(),
                step_ms: nice_step_within(end, max_ticks(x1 - x0)),
            };
        }
        let shown: f64 = gaps
            .iter()
            .zip(&broken)
            .filter(|(_, cut)| !**cut)
            .map(|(gap, _)| gap)
            .sum::<f64>()
            * (1.0 + END_MARGIN);
        let per_ms = (x1 - x0 - cuts as f64 * BREAK_W).max(1.0) / shown;
        let mut knots = vec![(0.0, x0)];
        let mut breaks = Vec::new();
        let mut x = x0;
        for (index, gap) in gaps.iter().enumerate() {
            let (from_ms, to_ms) = (times[index], times[index + 1]);
            let from_x = x;
            x += if broken[index] { BREAK_W } else { gap * per_ms };
            if broken[index] {
                breaks.push(AxisBreak {
                    from_ms,
                    to_ms,
                    x0: from_x,
                    x1: x,
                });
            }
            knots.push((to_ms, x));
        }
        knots.push((last + (x1 - x) / per_ms, x1));
        Axis {
            knots,
            breaks,
            step_ms: nice_step_within(shown, max_ticks(x1 - x0 - cuts as f64 * BREAK_W)),
        }
    }

    /// Where `ms` is, clamped to the plot.
    pub fn x(&self, ms: f64) -> f64 {
        interpolate(&self.knots, ms, |(ms, x)| (*ms, *x))
    }

    /// The time at `x`, clamped to the axis.
    pub fn ms(&self, x: f64) -> f64 {
        interpolate(&self.knots, x, |(ms, x)| (*x, *ms))
    }

    /// Where the axis ends.
    pub fn end_ms(&self) -> f64 {
        self.knots.last().map_or(MIN_AXIS_MS, |(ms, _)| *ms)
    }

    pub fn breaks(&self) -> &[AxisBreak] {
        &self.breaks
    }

    /// The times to label: round numbers, and where the axis resumes after each break,
    /// none so close to another that their labels would overlap.
    pub fn ticks(&self) -> Vec<f64> {
        let mut ticks: Vec<f64> = self.breaks.iter().map(|cut| cut.to_ms).collect();
        let mut pieces: Vec<(f64, f64)> = Vec::new();
        let mut from = 0.0;
        for cut in &self.breaks {
            pieces.push((from, cut.from_ms));
            from = cut.to_ms;
        }
        pieces.push((from, self.end_ms()));
        for (from, to) in pieces {
            let mut at = (from / self.step_ms).ceil() * self.step_ms;
            while at <= to + 1e-9 {
                let x = self.x(at);
                let clear_of_breaks = self
                    .breaks
                    .iter()
                    .all(|cut| x < cut.x0 - MIN_LABEL_GAP / 2.0 || x >= cut.x1);
                if clear_of_breaks
                    && ticks
                        .iter()
                        .all(|tick| (self.x(*tick) - x).abs() >= MIN_LABEL_GAP)
                {
                    ticks.push(at);
                }
                at += self.step_ms;
            }
        }
        ticks.sort_by(f64::total_cmp);
        ticks
    }
}

/// How many steps between ticks fit across `units` of plot: each at least 52 units wide
/// (an "800 ms" label and room around it), at most eight.
fn max_ticks(units: f64) -> f64 {
    (units / 52.0).clamp(2.0, 8.0)
}

/// The piecewise-linear map of `knots` at `value`, clamped to its ends; `key` gives a
/// knot's (from, to). Called for every mark of every lane: it allocates nothing.
fn interpolate<K>(knots: &[K], value: f64, key: impl Fn(&K) -> (f64, f64)) -> f64 {
    let (Some(first), Some(last)) = (knots.first().map(&key), knots.last().map(&key)) else {
        return 0.0;
    };
    if value.is_nan() || value <= first.0 {
        return first.1;
    }
    if value >= last.0 {
        return last.1;
    }
    let after = knots.partition_point(|knot| key(knot).0 <= value);
    let ((a, fa), (b, fb)) = (key(&knots[after - 1]), key(&knots[after]));
    if b - a <= 0.0 {
        return fb;
    }
    fa + (value - a) / (b - a) * (fb - fa)
}

/// Every moment the axis must show of `view`: each start, slot, cleanup, cancel, timeout
/// and end, each planned end, and the present. A replay keeps the whole run's.
pub fn axis_times(view: &RunView) -> Vec<f64> {
    if let Some(whole) = &view.whole_times {
        return whole.to_vec();
    }
    let mut times = vec![view.now_ms, view.axis_ms];
    for (lane, trace) in view.lanes.iter().zip(view.traces.iter()) {
        times.extend(lane.delay_ms.map(|delay| delay as f64));
        times.extend(
            lane.delay_ms
                .zip(planned_from(lane, trace))
                .map(|(delay, from)| from + delay as f64),
        );
        times.extend(
            [
                trace.started_ms,
                trace.slot_ms,
                trace.cleanup_ms,
                trace.timeout_ms,
            ]
            .into_iter()
            .flatten(),
        );
        times.extend(
            trace
                .finished
                .iter()
                .chain(&trace.received)
                .map(|f| f.at_ms),
        );
        times.extend(trace.cancels.iter().map(|mark| mark.at_ms));
    }
    times
}

#[cfg(test)]
#[path = "axis_tests.rs"]
mod tests;
