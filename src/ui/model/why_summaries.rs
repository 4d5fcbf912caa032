//! The explanations built on the events' (`why_words.rs`): why the outcome is what it is,
//! why a lane stands where it does, why a slot of the result list holds what it holds, and
//! the rules panel's counts and marks.

use super::explained::Explained;
use super::numbers::plural;
use super::why_words::{event_why, names_list, rules_text};
use super::wording::describe_status;
use gather_playground::explain::Rule;
use gather_playground::scenario::{NodeId, RunEvent, Status};

/// Why the outcome is what it is: the sentences of its causes, from the first event to
/// the outcome, among the first `upto` events. Empty while the gather has not completed.
pub fn outcome_why(ex: &Explained, upto: usize) -> Vec<String> {
    ex.outcome(upto)
        .map(|outcome| {
            ex.chain(outcome)
                .into_iter()
                .map(|index| event_why(ex, index))
                .collect()
        })
        .unwrap_or_default()
}

/// Said instead, before the gather completed.
pub fn outcome_pending(ex: &Explained, stopped: bool) -> String {
    let root = ex.name(0);
    if stopped {
        format!(
            "The run was stopped before {root} completed: the record ends there, so no more \
             can be explained."
        )
    } else {
        format!("{root} has not completed yet: its outcome is explained once it does.")
    }
}

/// The why of the log's line for a Stop.
pub fn stopped_why() -> &'static str {
    "You pressed Stop: every task was torn down at once, so nothing after this was recorded \
     and no more can be explained."
}

/// Why a lane stands where it does: the why of its node's last event among the first
/// `upto`, after its state in words (`lane_state`) while it has not ended.
pub fn lane_why(ex: &Explained, node: NodeId, upto: usize, state: &str) -> String {
    let name = ex.name(node);
    let ended = ex.end_of(node, upto).is_some();
    match (ex.last_event_of(node, upto), ex.facts(node)) {
        (Some(last), _) if ended => event_why(ex, last),
        (Some(last), _) => format!("{name} is {state}. {}", event_why(ex, last)),
        (None, Some(facts)) if facts.is_gather && facts.return_exceptions => format!(
            "{name} is waiting for its children: with return_exceptions=True it waits for \
             every one{}",
            rules_text(&[Rule::D1])
        ),
        (None, Some(facts)) if facts.is_gather => format!(
            "{name} is waiting for its children: it completes at the first child to fail, or \
             when the last one ends{}",
            rules_text(&[Rule::C1, Rule::B2])
        ),
        (None, _) => format!(
            "{name} has not started: its task takes its first step on the loop's next turn{}",
            rules_text(&[Rule::A1])
        ),
    }
}

/// Why slot `slot` of the root's result list (child `node`) holds what it holds, among the
/// first `upto` events: short, for the results list's row.
pub fn slot_why(ex: &Explained, slot: usize, node: NodeId, upto: usize) -> String {
    let root = ex.name(0);
    let child_end = ex.end_of(node, upto);
    match (ex.end_of(0, upto), child_end) {
        (Some((_, Status::Ok { value })), _) => {
            let is_gather = ex.facts(node).is_some_and(|facts| facts.is_gather);
            let caught = ex
                .events_of(node, upto)
                .iter()
                .any(|index| matches!(ex.events[*index], RunEvent::CleanupStarted { .. }));
            let item = value.get(slot);
            match child_end.map(|(_, status)| status) {
                _ if !item.is_some_and(serde_json::Value::is_object) && is_gather => {
                    format!("its own list, as one element{}", rules_text(&[Rule::B1]))
                }
                Some(Status::Cancelled) if item.is_some_and(serde_json::Value::is_object) => {
                    format!(
                        "a fresh CancelledError: its message is lost{}",
                        rules_text(&[Rule::B3])
                    )
                }
                _ if item.is_some_and(serde_json::Value::is_object) => {
                    format!("its exception, in its place{}", rules_text(&[Rule::B3]))
                }
                Some(Status::Ok { .. }) if caught => format!(
                    "what it returned after catching its cancellation{}",
                    rules_text(&[Rule::E4, Rule::B1])
                ),
                _ => format!(
                    "its own result, in argument order{}",
                    rules_text(&[Rule::B1])
                ),
            }
        }
        (Some((outer_end, _)), Some((end, _))) if end > outer_end => format!(
            "ended after {root} completed: it went nowhere{}",
            rules_text(&[Rule::C2])
        ),
        (Some(_), None) => format!(
            "still running after {root} completed{}",
            rules_text(&[Rule::C2])
        ),
        (Some((outer_end, outer)), Some(_)) => no_list_why(ex, outer_end, outer, node),
        (None, Some(_)) => format!(
            "kept for slot {slot} until {root} completes{}",
            rules_text(&[Rule::B1])
        ),
        (None, None) => "running".to_owned(),
    }
}

/// A slot of a gather that returned no list: why not.
fn no_list_why(ex: &Explained, outer_end: usize, outer: &Status, node: NodeId) -> String {
    let root = ex.name(0);
    let rules = ex
        .whys
        .get(outer_end)
        .map(|why| why.rules.clone())
        .unwrap_or_default();
    let completer = match ex.events.get(outer_end) {
        Some(RunEvent::Finished { completed_by, .. }) => *completed_by,
        _ => None,
    };
    let completer_name = completer.map_or_else(|| "a child".to_owned(), |child| ex.name(child));
    if rules.contains(&Rule::E3) {
        let ended = match outer {
            Status::Cancelled => "it ended cancelled",
            _ => "a child's exception ended it",
        };
        format!(
            "no list: {root}'s cancellation was requested, and {ended}{}",
            rules_text(&[Rule::E3])
        )
    } else if rules.contains(&Rule::C1) && completer == Some(node) {
        format!(
            "its exception is what {root} raised: no list{}",
            rules_text(&[Rule::C1])
        )
    } else if rules.contains(&Rule::C1) {
        format!(
            "no list: {root} raised {completer_name}'s exception{}",
            rules_text(&[Rule::C1])
        )
    } else if rules.contains(&Rule::C3) && completer == Some(node) {
        format!(
            "it ended cancelled, which failed {root}: no list{}",
            rules_text(&[Rule::C3])
        )
    } else if rules.contains(&Rule::C3) {
        format!(
            "no list: {root} failed when {completer_name} ended cancelled{}",
            rules_text(&[Rule::C3])
        )
    } else {
        format!("no list: {root} {}", describe_status(outer))
    }
}

/// How often a rule applied, for the rules panel.
pub fn rule_count_words(count: usize, predicted: bool) -> String {
    let run = if predicted {
        "the prediction"
    } else {
        "this run"
    };
    match count {
        0 => format!("not in {run}"),
        _ => format!("applied {} in {run}", plural(count, "time", "times")),
    }
}

/// "C1 and C2".
pub fn rule_ids(rules: &[Rule]) -> String {
    let ids: Vec<String> = rules.iter().map(|rule| rule.id().to_owned()).collect();
    names_list(&ids)
}

/// What the page says when it marks the events that rules decided.
pub fn marked_words(rules: &[Rule], count: usize) -> String {
    match count {
        0 => format!("{} decided no event of the run shown.", rule_ids(rules)),
        _ => format!(
            "{} marked in the log and on the timeline, where {} decided.",
            plural(count, "event", "events"),
            rule_ids(rules)
        ),
    }
}
