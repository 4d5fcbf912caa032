//! A run's events with their causes and rules, in JSON: the report API's optional part.

use super::{explain, Why};
use crate::scenario::{CancelSource, RunEvent, Scenario, Status};
use serde_json::{json, Map, Value};

/// Every event of a run as JSON, with why it happened: what `gatherPlayground.run` and
/// `predict` add to a report as `"events"` when asked (`{events: true}`).
///
/// Each is `{"kind", "node", "label", "at_ms", ..., "cause", "rules"}`: `kind` is one of
/// `started`, `slot`, `cancel`, `cleanup`, `timeout`, `received`, `finished`; `cause` the
/// index of the event that caused it (or null); `rules` the ids of the rules of
/// docs/semantics.md that decided it. A cancel adds `returned` and `source` (`scheduled`,
/// `user`, `gather` with `by`, `task_group`, `timeout`, `wait_for`); an end adds the
/// report's status fields, and a gather's `completed_by`; a slot, `freed_by`.
///
/// # Examples
///
/// ```
/// use gather_playground::explain::{events_json, Rule};
/// use gather_playground::scenario::{Run, RunEvent};
/// use gather_playground::VirtualClock;
/// use std::{cell::RefCell, rc::Rc};
///
/// let scenario = Rule::E2.demo();
/// let clock = VirtualClock::new();
/// let events = Rc::new(RefCell::new(Vec::<RunEvent>::new()));
/// let log = Rc::clone(&events);
/// let run = Run::start(clock.runtime(), &scenario, move |event| log.borrow_mut().push(event.clone()));
/// clock.block_on(run.report());
/// let json = events_json(&scenario, &events.borrow());
/// let cancel = json.as_array().unwrap().iter().find(|e| e["kind"] == "cancel").unwrap();
/// assert_eq!(cancel["source"], "scheduled");
/// assert!(cancel["rules"].as_array().unwrap().contains(&"E2".into()));
/// ```
pub fn events_json(scenario: &Scenario, events: &[RunEvent]) -> Value {
    let labels: Vec<String> = scenario
        .flatten()
        .iter()
        .map(|node| node.view.label().to_owned())
        .collect();
    let whys = explain(scenario, events);
    Value::Array(
        events
            .iter()
            .zip(&whys)
            .map(|(event, why)| event_json(event, why, &labels))
            .collect(),
    )
}

fn event_json(event: &RunEvent, why: &Why, labels: &[String]) -> Value {
    let mut fields = Map::new();
    match event {
        RunEvent::SlotAcquired { freed_by, .. } => {
            fields.insert("freed_by".into(), json!(freed_by));
        }
        RunEvent::CancelCalled {
            returned, source, ..
        } => {
            fields.insert("returned".into(), json!(returned));
            let source = match source {
                CancelSource::Scheduled => "scheduled",
                CancelSource::User => "user",
                CancelSource::Gather { gather } => {
                    fields.insert("by".into(), json!(gather));
                    "gather"
                }
                CancelSource::TaskGroup => "task_group",
                CancelSource::Timeout => "timeout",
                CancelSource::WaitFor => "wait_for",
            };
            fields.insert("source".into(), json!(source));
        }
        RunEvent::Received { status, .. } => insert_status(&mut fields, status),
        RunEvent::Finished {
            status,
            completed_by,
            ..
        } => {
            insert_status(&mut fields, status);
            if completed_by.is_some() {
                fields.insert("completed_by".into(), json!(completed_by));
            }
        }
        RunEvent::Started { .. }
        | RunEvent::CleanupStarted { .. }
        | RunEvent::TimeoutFired { .. } => {}
    }
    fields.insert("kind".into(), json!(event.kind()));
    fields.insert("node".into(), json!(event.node()));
    fields.insert(
        "label".into(),
        json!(labels.get(event.node()).cloned().unwrap_or_default()),
    );
    fields.insert("at_ms".into(), json!(event.at_ms()));
    fields.insert("cause".into(), json!(why.cause));
    let rules: Vec<&str> = why.rules.iter().map(|rule| rule.id()).collect();
    fields.insert("rules".into(), json!(rules));
    Value::Object(fields)
}

fn insert_status(fields: &mut Map<String, Value>, status: &Status) {
    if let Value::Object(status) = status.to_value() {
        fields.extend(status);
    }
}
