//! Every rule the format can express is named by the explanation of its own demo, at the
//! right event and time.

use super::{chain, explain, outcome_event, DemoEvent, Myth, Rule, Why};
use crate::scenario::{NodeId, Run, RunEvent, Scenario};
use crate::VirtualClock;
use std::cell::RefCell;
use std::rc::Rc;

fn events_of(scenario: &Scenario) -> Vec<RunEvent> {
    let clock = VirtualClock::new();
    let events = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&events);
    let run = Run::start(clock.runtime(), scenario, move |event| {
        log.borrow_mut().push(event.clone())
    });
    clock.block_on(run.report()).unwrap();
    let events = events.borrow().clone();
    events
}

fn node_named(scenario: &Scenario, label: &str) -> NodeId {
    scenario
        .flatten()
        .iter()
        .position(|node| node.view.label() == label)
        .unwrap_or_else(|| panic!("no node {label}"))
}

#[test]
fn every_rule_is_named_at_its_event_in_its_own_demo() {
    for rule in Rule::ALL {
        let DemoEvent {
            kind: event_kind,
            node: label,
            at_ms,
        } = rule.demo_event();
        let scenario = rule.demo();
        assert!(scenario.node_count() > 0);
        let events = events_of(&scenario);
        let whys = explain(&scenario, &events);
        let node = node_named(&scenario, label);
        let found = events.iter().zip(&whys).any(|(event, why)| {
            event.kind() == event_kind
                && event.node() == node
                && event.at_ms() == at_ms
                && why.rules.contains(&rule)
        });
        assert!(
            found,
            "{}: not named at {event_kind} of {label} at {at_ms} ms; events and rules:\n{}",
            rule.id(),
            events
                .iter()
                .zip(&whys)
                .map(|(event, why)| format!("  {event:?} {:?}", why.rules))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn a_cancelled_child_traces_back_to_the_cancel_time_that_cancelled_its_gather() {
    let scenario = Rule::E6.demo();
    let events = events_of(&scenario);
    let whys = explain(&scenario, &events);
    let a = node_named(&scenario, "A");
    let end = events
        .iter()
        .position(|event| matches!(event, RunEvent::Finished { node, .. } if *node == a))
        .unwrap();
    let causes: Vec<&RunEvent> = chain(&whys, end).into_iter().map(|i| &events[i]).collect();
    // main.cancel() (its cancel time) → inner.cancel() (passed on) → A.cancel() → A ends.
    assert!(
        matches!(causes[0], RunEvent::CancelCalled { node: 0, .. }),
        "{causes:?}"
    );
    assert_eq!(causes.len(), 4, "{causes:?}");
    assert!(matches!(causes[3], RunEvent::Finished { .. }));
}

#[test]
fn the_outcome_of_a_failure_traces_back_to_the_first_child_to_fail() {
    let scenario = Rule::C1.demo();
    let events = events_of(&scenario);
    let whys: Vec<Why> = explain(&scenario, &events);
    let outcome = outcome_event(&events).unwrap();
    let causes = chain(&whys, outcome);
    let first = &events[causes[0]];
    assert_eq!(
        first.node(),
        node_named(&scenario, "B"),
        "B failed first, at 100"
    );
}

#[test]
fn every_myth_runs_and_its_rules_decide_its_run() {
    for myth in Myth::ALL {
        let scenario = myth.scenario();
        assert!(scenario.node_count() > 1, "{myth:?}");
        let events = events_of(&scenario);
        let whys = explain(&scenario, &events);
        for rule in myth.rules() {
            assert!(
                whys.iter().any(|why| why.rules.contains(rule)),
                "{myth:?}: {} never decided anything",
                rule.id()
            );
        }
    }
}

#[test]
fn a_corrupt_event_list_explains_what_it_can_without_panicking() {
    let scenario = Rule::C1.demo();
    let mut events = events_of(&scenario);
    events.reverse();
    events.push(RunEvent::Started {
        node: 9_999,
        at_ms: -1.0,
    });
    let whys = explain(&scenario, &events);
    assert_eq!(whys.len(), events.len());
    for index in 0..events.len() {
        let causes = chain(&whys, index);
        assert_eq!(causes.last(), Some(&index));
    }
}

#[test]
fn a_child_cancelled_while_it_waits_for_a_slot_had_no_sleep_to_cut() {
    // L3's demo: B waits behind A for main's one slot and is cancelled at 100 ms, its
    // delay's length after its start: no sleep of its had begun, so neither H4 nor the
    // "at the same moment" flag applies, at its cancel or at its end.
    let scenario = Rule::L3.demo();
    let events = events_of(&scenario);
    let whys = explain(&scenario, &events);
    let b = node_named(&scenario, "B");
    for (event, why) in events.iter().zip(&whys) {
        if event.node() == b {
            assert!(!why.rules.contains(&Rule::H4), "{event:?} {:?}", why.rules);
            assert!(!why.at_the_same_moment, "{event:?}");
        }
    }
}

#[test]
fn a_wait_for_passing_on_a_cancel_is_explained_by_the_call_it_passes_on() {
    let scenario = Scenario::from_json(
        r#"{"version": 1, "cancel_at_ms": 50, "children": [
        {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1},
         "timeout_ms": 100, "shield": true}]}"#,
    )
    .unwrap();
    let events = events_of(&scenario);
    let whys = explain(&scenario, &events);
    let passed_on = events
        .iter()
        .position(|event| {
            matches!(
                event,
                RunEvent::CancelCalled {
                    source: crate::scenario::CancelSource::WaitFor,
                    ..
                }
            )
        })
        .expect("wait_for passes its gather's cancel on");
    let why: &Why = &whys[passed_on];
    assert!(why.rules.contains(&Rule::E7), "{:?}", why.rules);
    assert!(
        !why.rules.contains(&Rule::W1),
        "no timeout fired: {:?}",
        why.rules
    );
    let cause = why.cause.expect("the gather's call on the wait_for");
    assert!(matches!(
        events[cause],
        RunEvent::CancelCalled {
            node: 1,
            source: crate::scenario::CancelSource::Gather { gather: 0 },
            ..
        }
    ));
}
