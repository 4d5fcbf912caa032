//! What a run's explanation tells as a whole: the chain of causes behind an event, the
//! event that settles the outcome, how often each rule decided.

use super::causes::Why;
use super::Rule;
use crate::scenario::RunEvent;

/// The chain of causes that led to event `from`, from the first cause to `from` itself.
pub fn chain(whys: &[Why], from: usize) -> Vec<usize> {
    let mut chain = vec![from];
    let mut at = from;
    while let Some(cause) = whys.get(at).and_then(|why| why.cause) {
        // Causes always come earlier: a guard against a loop in a corrupt record.
        if cause >= at {
            break;
        }
        chain.push(cause);
        at = cause;
    }
    chain.reverse();
    chain
}

/// The event that settles the run's outcome: what `main` received from the root (its
/// `wait_for`, if it has a timeout), else the root's own end.
pub fn outcome_event(events: &[RunEvent]) -> Option<usize> {
    let received = events
        .iter()
        .position(|event| matches!(event, RunEvent::Received { node: 0, .. }));
    received.or_else(|| {
        events
            .iter()
            .position(|event| matches!(event, RunEvent::Finished { node: 0, .. }))
    })
}

/// How many times each rule decided an event of the run, for the rules that did.
pub fn rule_counts(whys: &[Why]) -> Vec<(Rule, usize)> {
    Rule::ALL
        .into_iter()
        .map(|rule| {
            let count = whys.iter().filter(|why| why.rules.contains(&rule)).count();
            (rule, count)
        })
        .filter(|(_, count)| *count > 0)
        .collect()
}
