//! Many runs with the delays permuted: result order holds, completion order does not.

use crate::scenario::{GatherSpec, NodeSpec, Run, RunEvent, Scenario, Status};
use crate::VirtualClock;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// What [`shuffle`] saw over its runs.
#[derive(Clone, Debug, PartialEq)]
pub struct ShuffleSummary {
    /// How many runs (fewer than asked if stopped early).
    pub runs: usize,
    /// The seed of the permutations, to repeat them.
    pub seed: u64,
    /// Runs in which each root child's value sat at its own position of the outer's list
    /// (runs where the outer returned a list).
    pub results_in_argument_order: usize,
    /// Runs in which the outer returned a list.
    pub returned: usize,
    /// How many different orders the root's children completed in.
    pub distinct_completion_orders: usize,
    /// The first few completion orders seen, as root child positions.
    pub sample_orders: Vec<Vec<usize>>,
    /// `(position, wins)` for each root child whose exception the outer raised in `wins`
    /// runs (at least one), sorted by position.
    pub exception_wins: Vec<(usize, usize)>,
    /// Runs in which the outer ended cancelled.
    pub cancelled: usize,
}

/// Runs `scenario` `runs` times on a virtual clock, each time with the future nodes'
/// `delay_ms` randomly permuted among them (seeded by `seed`, so it repeats), and counts
/// what changes: the order the root's children complete in, and which child's exception
/// wins when the outer raises. Whatever the delays, each value keeps its child's position
/// in the outer's list.
///
/// # Examples
///
/// ```
/// use gather_playground::explore::shuffle;
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "a"}}},
///     {"kind": "future", "delay_ms": 200, "result": {"error": {"type": "KeyError", "message": "b"}}},
///     {"kind": "future", "delay_ms": 300, "result": {"value": 3}}]}"#).unwrap();
/// let summary = shuffle(&scenario, 200, 7);
/// assert_eq!(summary.exception_wins.iter().map(|(_, wins)| wins).sum::<usize>(), 200);
/// assert_eq!(summary.exception_wins.len(), 2);
/// assert!(summary.exception_wins.iter().map(|(position, _)| *position).eq([0, 1]));
/// assert_eq!(summary.distinct_completion_orders, 6);
/// ```
pub fn shuffle(scenario: &Scenario, runs: usize, seed: u64) -> ShuffleSummary {
    let mut shuffled = ShuffleRuns::new(scenario, runs, seed);
    while shuffled.run_next() {}
    shuffled.summary()
}

/// The runs of [`shuffle`], one at a time, for a caller that must not be blocked by all
/// of them at once (a page stays responsive by running a few per turn of its loop).
///
/// The runs and their summary are the same as [`shuffle`]'s with the same arguments;
/// stopping early gives the summary of the runs so far.
///
/// # Examples
///
/// ```
/// use gather_playground::explore::{shuffle, ShuffleRuns};
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "delay_ms": 100, "result": {"value": 1}},
///     {"kind": "future", "delay_ms": 200, "result": {"value": 2}}]}"#).unwrap();
/// let mut runs = ShuffleRuns::new(&scenario, 30, 7);
/// assert!(runs.run_next());
/// assert_eq!((runs.done(), runs.runs()), (1, 30));
/// while runs.run_next() {}
/// assert_eq!(runs.summary(), shuffle(&scenario, 30, 7));
/// ```
#[derive(Debug)]
pub struct ShuffleRuns {
    scenario: Scenario,
    runs: usize,
    random: XorShift,
    delays: Vec<u64>,
    root_children: Vec<usize>,
    /// The distinct completion orders so far, sorted (a binary search finds a new one; no
    /// hash table code in the page for it).
    orders: Vec<Vec<usize>>,
    summary: ShuffleSummary,
}

impl ShuffleRuns {
    /// Prepares `runs` runs of `scenario` with its delays permuted, seeded by `seed`.
    pub fn new(scenario: &Scenario, runs: usize, seed: u64) -> Self {
        let mut delays = Vec::new();
        collect_delays(&scenario.root, &mut delays);
        ShuffleRuns {
            scenario: scenario.clone(),
            runs,
            random: XorShift::new(seed),
            delays,
            root_children: root_child_ids(scenario),
            orders: Vec::new(),
            summary: ShuffleSummary {
                runs: 0,
                seed,
                results_in_argument_order: 0,
                returned: 0,
                distinct_completion_orders: 0,
                sample_orders: Vec::new(),
                exception_wins: Vec::new(),
                cancelled: 0,
            },
        }
    }

    /// Runs the next run; false, running nothing, once all have run.
    pub fn run_next(&mut self) -> bool {
        if self.summary.runs >= self.runs {
            return false;
        }
        let mut permuted = self.delays.clone();
        for index in (1..permuted.len()).rev() {
            permuted.swap(index, self.random.below(index + 1));
        }
        let mut shuffled = self.scenario.clone();
        set_delays(&mut shuffled.root, &mut permuted.into_iter());
        let (order, status) = completion_order(&shuffled, &self.root_children);
        let summary = &mut self.summary;
        match &status {
            Status::Ok { value } => {
                summary.returned += 1;
                if in_argument_order(&shuffled, value) {
                    summary.results_in_argument_order += 1;
                }
            }
            Status::Raised { .. } => {
                // The exception that propagated came from the first child to fail.
                if let Some(&(position, _)) = order.iter().find(|(_, failed)| *failed) {
                    // A Vec rather than a map: a few entries, and no map code in the page.
                    let wins = &mut summary.exception_wins;
                    match wins.binary_search_by_key(&position, |&(at, _)| at) {
                        Ok(index) => wins[index].1 += 1,
                        Err(index) => wins.insert(index, (position, 1)),
                    }
                }
            }
            Status::Cancelled => summary.cancelled += 1,
        }
        let positions: Vec<usize> = order.into_iter().map(|(position, _)| position).collect();
        if let Err(index) = self.orders.binary_search(&positions) {
            self.orders.insert(index, positions.clone());
            if summary.sample_orders.len() < 5 {
                summary.sample_orders.push(positions);
            }
        }
        summary.runs += 1;
        summary.distinct_completion_orders = self.orders.len();
        true
    }

    /// How many runs have run.
    pub fn done(&self) -> usize {
        self.summary.runs
    }

    /// How many runs there are to run in all.
    pub fn runs(&self) -> usize {
        self.runs
    }

    /// What the runs so far saw.
    pub fn summary(&self) -> ShuffleSummary {
        self.summary.clone()
    }
}

/// Preorder ids of the root's direct children.
fn root_child_ids(scenario: &Scenario) -> Vec<usize> {
    scenario
        .flatten()
        .iter()
        .enumerate()
        .filter(|(_, node)| node.parent == Some(0))
        .map(|(id, _)| id)
        .collect()
}

/// The root children in the order they finished (position, whether it raised), and the
/// outer's status.
fn completion_order(scenario: &Scenario, root_children: &[usize]) -> (Vec<(usize, bool)>, Status) {
    let clock = VirtualClock::new();
    let finished = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&finished);
    let children = root_children.to_vec();
    let live = Run::start(clock.runtime(), scenario, move |event| {
        if let RunEvent::Finished { node, status, .. } = event {
            if let Some(position) = children.iter().position(|id| id == node) {
                let failed = !matches!(status, Status::Ok { .. });
                log.borrow_mut().push((position, failed));
            }
        }
    });
    let status = clock
        .block_on(live.report())
        .map_or(Status::Cancelled, |report| report.status);
    let order = finished.borrow().clone();
    (order, status)
}

fn in_argument_order(scenario: &Scenario, value: &Value) -> bool {
    let Value::Array(items) = value else {
        return false;
    };
    scenario
        .root
        .children
        .iter()
        .zip(items)
        .all(|(child, item)| match child {
            NodeSpec::Future(future) => match future.result.to_result() {
                Ok(expected) => *item == expected || future.on_cancel.is_some() || item.is_object(),
                // With return_exceptions the exception sits in the list; a cleanup may
                // also have replaced the value: either way it is this child's slot.
                Err(_) => item.is_object(),
            },
            NodeSpec::Gather(_) => item.is_array() || item.is_object(),
        })
}

fn collect_delays(gather: &GatherSpec, into: &mut Vec<u64>) {
    for child in &gather.children {
        match child {
            NodeSpec::Future(future) => into.push(future.delay_ms),
            NodeSpec::Gather(nested) => collect_delays(nested, into),
        }
    }
}

fn set_delays(gather: &mut GatherSpec, delays: &mut impl Iterator<Item = u64>) {
    for child in &mut gather.children {
        match child {
            NodeSpec::Future(future) => {
                if let Some(delay) = delays.next() {
                    future.delay_ms = delay;
                }
            }
            NodeSpec::Gather(nested) => set_delays(nested, delays),
        }
    }
}

/// xorshift64*: small, seeded, good enough to permute delays.
#[derive(Debug)]
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound
    }
}
