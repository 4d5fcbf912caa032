//! The same children awaited one after another, against gathered.

use crate::scenario::{run, GatherSpec, NodeSpec, Report, Scenario, Status};
use crate::VirtualClock;

/// Total times of a scenario's root children run one after another and gathered.
#[derive(Clone, Debug, PartialEq)]
pub struct SequentialTotals {
    /// `for child in children: await child` — until the end, or the first child that
    /// raised (or ended cancelled).
    pub sequential_ms: u64,
    /// `await asyncio.gather(*children)`: when the outer completed.
    pub concurrent_ms: u64,
    /// How the outer completed: its list, or the first failure (then `concurrent_ms` is a
    /// time to that failure, not to every result).
    pub concurrent: Status,
    /// The child (its position) whose exception stopped the loop, and how it ended.
    pub stopped_by: Option<(usize, Status)>,
    /// How many children the loop never reached.
    pub never_started: usize,
}

impl SequentialTotals {
    /// Whether both ways ran to the end: the gather returned its list and the loop awaited
    /// every child. Only then are the two totals times to the same thing.
    pub fn both_completed(&self) -> bool {
        self.stopped_by.is_none() && matches!(self.concurrent, Status::Ok { .. })
    }

    /// How many times faster gathering is, when both ran to the end (`None` otherwise: a
    /// time to a failure is no measure of speed; `None` too if gathering took no time).
    pub fn speedup(&self) -> Option<f64> {
        (self.both_completed() && self.concurrent_ms > 0)
            .then(|| self.sequential_ms as f64 / self.concurrent_ms as f64)
    }
}

/// Runs the root's children one after another and all at once, on a virtual clock.
///
/// Sequentially, each child is awaited alone (a nested gather as a whole), so the total
/// is the sum of their times until one raises, which stops the loop as it would in
/// Python. Both ways run without the scenario's cancel times (they are times from the
/// start, which mean nothing once children are moved one after another); the root's
/// `limit` applies to the gathered run.
///
/// # Examples
///
/// ```
/// use gather_playground::explore::sequential_totals;
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "delay_ms": 300, "result": {"value": 1}},
///     {"kind": "future", "delay_ms": 100, "result": {"value": 2}},
///     {"kind": "future", "delay_ms": 200, "result": {"value": 3}}]}"#).unwrap();
/// let totals = sequential_totals(&scenario);
/// assert_eq!((totals.sequential_ms, totals.concurrent_ms), (600, 300));
/// assert_eq!(totals.speedup(), Some(2.0));
/// ```
pub fn sequential_totals(scenario: &Scenario) -> SequentialTotals {
    let root = without_cancel_times(&scenario.root);
    let gathered = run_alone(root.clone());
    let (concurrent_ms, concurrent) = (gathered.done_at_ms, gathered.status);
    let mut sequential_ms = 0;
    let mut stopped_by = None;
    let mut reached = 0;
    for (position, child) in root.children.iter().enumerate() {
        reached += 1;
        let report = run_alone(GatherSpec {
            children: vec![child.clone()],
            ..GatherSpec::default()
        });
        sequential_ms += report.done_at_ms;
        let status = report
            .children
            .and_then(|mut children| children.pop())
            .map_or(Status::Cancelled, |child| child.status);
        if !matches!(status, Status::Ok { .. }) {
            stopped_by = Some((position, status));
            break;
        }
    }
    SequentialTotals {
        sequential_ms,
        concurrent_ms,
        concurrent,
        stopped_by,
        never_started: root.children.len() - reached,
    }
}

fn run_alone(root: GatherSpec) -> Report {
    let clock = VirtualClock::new();
    clock
        .block_on(run(clock.runtime(), Scenario { root }))
        .expect("a scenario without cancel times always finishes")
}

fn without_cancel_times(gather: &GatherSpec) -> GatherSpec {
    GatherSpec {
        cancel_at_ms: None,
        children: gather
            .children
            .iter()
            .map(|child| match child {
                NodeSpec::Future(future) => {
                    let mut future = future.clone();
                    future.cancel_at_ms = None;
                    NodeSpec::Future(future)
                }
                NodeSpec::Gather(nested) => NodeSpec::Gather(without_cancel_times(nested)),
            })
            .collect(),
        ..gather.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::sequential_totals;
    use crate::scenario::{Scenario, Status};

    #[test]
    fn a_failure_stops_the_loop_and_a_limit_slows_the_gather() {
        let scenario = Scenario::from_json(
            r#"{"version": 1, "limit": 1, "cancel_at_ms": 1, "children": [
            {"kind": "future", "delay_ms": 100, "result": {"value": 1}},
            {"kind": "gather", "children": [
                {"kind": "future", "delay_ms": 50, "result": {"value": 2}, "cancel_at_ms": 10},
                {"kind": "future", "delay_ms": 70, "result": {"error": {"type": "KeyError", "message": "k"}}}]},
            {"kind": "future", "delay_ms": 500, "result": {"value": 3}}]}"#,
        )
        .unwrap();
        let totals = sequential_totals(&scenario);
        assert_eq!(totals.sequential_ms, 170);
        assert_eq!(totals.speedup(), None, "times to a failure");
        assert_eq!(
            totals.stopped_by,
            Some((
                1,
                Status::Raised {
                    exception: "KeyError".into(),
                    message: "k".into()
                }
            ))
        );
        assert_eq!(totals.never_started, 1);
        // Gathered with one slot: 100, then the nested gather (not limited) at once; its
        // KeyError is the outer's.
        assert_eq!(totals.concurrent_ms, 70);
        assert_eq!(
            totals.concurrent,
            Status::Raised {
                exception: "KeyError".into(),
                message: "k".into()
            }
        );
    }
}
