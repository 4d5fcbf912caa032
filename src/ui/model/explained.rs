//! A run's causal record, ready to be put in words: its events, the library's `Why` of each
//! (`explain`), and what the sentences need of the scenario, looked up without a walk of the
//! tree. Built once per prediction or ended run (`explain` is O(events)); during a live run,
//! only for the one event a why is asked of, from the events up to it.

use super::chunked::Chunked;
use super::wording::node_name;
use gather_playground::explain::{chain, explain, outcome_event, rule_counts, Rule, Why};
use gather_playground::scenario::{Guard, NodeId, NodeView, RunEvent, Scenario, Status};
use std::rc::Rc;

/// What the sentences need of a node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeFacts {
    pub name: String,
    pub parent: Option<NodeId>,
    /// A gather's children, in argument order; a future's, none.
    pub children: Vec<NodeId>,
    pub is_gather: bool,
    /// A future's sleep.
    pub delay_ms: Option<u64>,
    /// A future's cleanup on cancellation, if it has one.
    pub cleanup_ms: Option<u64>,
    pub return_exceptions: bool,
    /// A gather's limit.
    pub limit: Option<usize>,
    pub guard: Guard,
}

/// A run (or a prefix of it) explained.
#[derive(Debug, PartialEq)]
pub struct Explained {
    pub events: Vec<RunEvent>,
    /// One per event.
    pub whys: Vec<Why>,
    pub nodes: Vec<NodeFacts>,
    /// Each node's events, in the run's order.
    by_node: Vec<Vec<usize>>,
}

impl Explained {
    pub fn new<'a>(scenario: &Scenario, events: impl IntoIterator<Item = &'a RunEvent>) -> Self {
        let events: Vec<RunEvent> = events.into_iter().cloned().collect();
        let whys = explain(scenario, &events);
        let flat = scenario.flatten();
        let mut nodes: Vec<NodeFacts> = flat
            .iter()
            .enumerate()
            .map(|(id, node)| {
                let (is_gather, delay_ms, cleanup_ms, return_exceptions, limit) = match node.view {
                    NodeView::Future(future) => (
                        false,
                        Some(future.delay_ms),
                        future.on_cancel.as_ref().map(|cleanup| cleanup.delay_ms),
                        false,
                        None,
                    ),
                    NodeView::Gather(gather) => {
                        (true, None, None, gather.return_exceptions, gather.limit)
                    }
                };
                NodeFacts {
                    name: node_name(node.view.label(), id, is_gather),
                    parent: node.parent,
                    children: Vec::new(),
                    is_gather,
                    delay_ms,
                    cleanup_ms,
                    return_exceptions,
                    limit,
                    guard: node.view.guard(),
                }
            })
            .collect();
        for (id, node) in flat.iter().enumerate() {
            if let Some(parent) = node.parent.and_then(|parent| nodes.get_mut(parent)) {
                parent.children.push(id);
            }
        }
        let mut by_node = vec![Vec::new(); nodes.len()];
        for (index, event) in events.iter().enumerate() {
            if let Some(list) = by_node.get_mut(event.node()) {
                list.push(index);
            }
        }
        Explained {
            events,
            whys,
            nodes,
            by_node,
        }
    }

    /// A node's name, as the page calls it everywhere.
    pub fn name(&self, node: NodeId) -> String {
        self.nodes
            .get(node)
            .map_or_else(|| node_name("", node, false), |facts| facts.name.clone())
    }

    pub fn facts(&self, node: NodeId) -> Option<&NodeFacts> {
        self.nodes.get(node)
    }

    /// A node's events among the first `upto` of the run.
    pub fn events_of(&self, node: NodeId, upto: usize) -> &[usize] {
        let all = self.by_node.get(node).map_or(&[][..], Vec::as_slice);
        &all[..all.partition_point(|index| *index < upto)]
    }

    /// A node's last event among the first `upto`.
    pub fn last_event_of(&self, node: NodeId, upto: usize) -> Option<usize> {
        self.events_of(node, upto).last().copied()
    }

    /// Where a node ended, if it did among the first `upto` events.
    pub fn end_of(&self, node: NodeId, upto: usize) -> Option<(usize, &Status)> {
        self.events_of(node, upto)
            .iter()
            .find_map(|index| match self.events.get(*index) {
                Some(RunEvent::Finished { status, .. }) => Some((*index, status)),
                _ => None,
            })
    }

    /// The event the outcome of `await gather(…)` is, among the first `upto`.
    pub fn outcome(&self, upto: usize) -> Option<usize> {
        outcome_event(&self.events[..upto.min(self.events.len())])
    }

    /// The causes of event `index`, from the first, ending with it.
    pub fn chain(&self, index: usize) -> Vec<usize> {
        if index >= self.whys.len() {
            return Vec::new();
        }
        chain(&self.whys, index)
    }

    /// How many times each rule decided an event of the run.
    pub fn rule_counts(&self) -> Vec<(Rule, usize)> {
        rule_counts(&self.whys)
    }

    /// The events any of `rules` decided, among the first `upto`.
    pub fn decided_by(&self, rules: &[Rule], upto: usize) -> Vec<usize> {
        self.whys
            .iter()
            .take(upto)
            .enumerate()
            .filter(|(_, why)| why.rules.iter().any(|rule| rules.contains(rule)))
            .map(|(index, _)| index)
            .collect()
    }
}

/// Where the page reads its explanations from.
#[derive(Clone, Debug)]
pub enum Explainer {
    /// The prediction, or a run that ended or was stopped: explained once, whole.
    Whole(Rc<Explained>),
    /// A run in flight: each why is worked out when asked, from the events up to it (an
    /// event's causes all come before it), never for the whole run on every redraw.
    Live {
        run: u64,
        scenario: Rc<Scenario>,
        events: Chunked<RunEvent>,
    },
}

/// By identity: comparing two explanations event by event on every render would cost what
/// building them does.
impl PartialEq for Explainer {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
            && match (self, other) {
                (Explainer::Live { events: mine, .. }, Explainer::Live { events: theirs, .. }) => {
                    mine.len() == theirs.len()
                }
                _ => true,
            }
    }
}

/// What a memo of an explanation is keyed by: the whole explanation itself, compared by
/// address (and held, so that its address is not reused by another), or the live run, whose
/// growing events change none of the whys already worked out.
#[derive(Clone, Debug)]
pub enum ExplainerKey {
    Whole(Rc<Explained>),
    Live(u64),
}

impl PartialEq for ExplainerKey {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ExplainerKey::Whole(mine), ExplainerKey::Whole(theirs)) => Rc::ptr_eq(mine, theirs),
            (ExplainerKey::Live(mine), ExplainerKey::Live(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

impl Explainer {
    /// What tells two explainers apart: the whole explanation, or the live run.
    pub fn key(&self) -> ExplainerKey {
        match self {
            Explainer::Whole(explained) => ExplainerKey::Whole(Rc::clone(explained)),
            Explainer::Live { run, .. } => ExplainerKey::Live(*run),
        }
    }

    /// The whole explanation, when there is one (not during a live run).
    pub fn whole(&self) -> Option<&Rc<Explained>> {
        match self {
            Explainer::Whole(explained) => Some(explained),
            Explainer::Live { .. } => None,
        }
    }

    /// An explanation that covers event `index`: the whole one, or one of the events up to
    /// it.
    pub fn covering(&self, index: usize) -> Rc<Explained> {
        match self {
            Explainer::Whole(explained) => Rc::clone(explained),
            Explainer::Live {
                scenario, events, ..
            } => Rc::new(Explained::new(
                scenario,
                events.range(0..index.saturating_add(1)),
            )),
        }
    }

    /// The last event of `node` among the first `upto`, found from the end: a live run's
    /// nodes that moved lately are found at once.
    pub fn last_event_of(&self, node: NodeId, upto: usize) -> Option<usize> {
        match self {
            Explainer::Whole(explained) => explained.last_event_of(node, upto),
            Explainer::Live { events, .. } => {
                let upto = upto.min(events.len());
                (0..upto).rev().find(|index| events[*index].node() == node)
            }
        }
    }

    /// The outcome's event among the first `upto`.
    pub fn outcome(&self, upto: usize) -> Option<usize> {
        match self {
            Explainer::Whole(explained) => explained.outcome(upto),
            Explainer::Live { events, .. } => {
                let upto = upto.min(events.len());
                let root = |received: bool| {
                    (0..upto).find(|index| match &events[*index] {
                        RunEvent::Received { node: 0, .. } => received,
                        RunEvent::Finished { node: 0, .. } => !received,
                        _ => false,
                    })
                };
                // As `explain::outcome_event`: what main received, else the root's end.
                root(true).or_else(|| root(false))
            }
        }
    }
}

/// Which events of a run the page marks, for the rules chosen: in the log, and on the
/// timeline's lanes at their times.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    pub rules: Vec<Rule>,
    /// Per event: whether one of the rules decided it.
    pub events: Vec<bool>,
    /// Per node: the times of its marked events.
    pub times: Vec<Vec<f64>>,
    pub count: usize,
}

impl Marks {
    pub fn new(explained: &Explained, rules: &[Rule]) -> Marks {
        let mut marks = Marks {
            rules: rules.to_vec(),
            events: vec![false; explained.events.len()],
            times: vec![Vec::new(); explained.nodes.len()],
            count: 0,
        };
        if rules.is_empty() {
            return marks;
        }
        for index in explained.decided_by(rules, usize::MAX) {
            marks.events[index] = true;
            marks.count += 1;
            let event = &explained.events[index];
            if let Some(times) = marks.times.get_mut(event.node()) {
                times.push(event.at_ms());
            }
        }
        marks
    }

    /// The rules chosen that decided event `index`.
    pub fn rules_of<'a>(&'a self, explained: &'a Explained, index: usize) -> Vec<Rule> {
        match (self.events.get(index), explained.whys.get(index)) {
            (Some(true), Some(why)) => why
                .rules
                .iter()
                .filter(|rule| self.rules.contains(rule))
                .copied()
                .collect(),
            _ => Vec::new(),
        }
    }
}
