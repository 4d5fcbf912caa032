//! The sentences, one test per kind of event and cause (over 400 lines: each checks its
//! sentence whole, so that a change of wording is seen and read here).

use super::*;
use crate::ui::model::explained::{Explainer, Marks};
use crate::ui::model::presets::PRESETS;
use crate::ui::model::why_summaries::{lane_why, outcome_pending, outcome_why, slot_why};
use gather_playground::explain::{DemoEvent, Myth};
use gather_playground::scenario::{Run, Scenario};
use gather_playground::VirtualClock;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;

fn events_of(scenario: &Scenario) -> Vec<RunEvent> {
    let clock = VirtualClock::new();
    let events = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&events);
    let run = Run::start(clock.runtime(), scenario, move |event| {
        log.borrow_mut().push(event.clone())
    });
    clock.block_on(run.report());
    let events = events.borrow().clone();
    events
}

fn explained(scenario: &Scenario) -> Explained {
    Explained::new(scenario, &events_of(scenario))
}

fn scenario(value: serde_json::Value) -> Scenario {
    Scenario::from_value(&value).unwrap()
}

/// The sentence of the first event of `kind` of the node labelled `label`.
fn why_of(ex: &Explained, kind: &str, label: &str) -> String {
    let index = find(ex, kind, label).unwrap_or_else(|| panic!("no {kind} of {label}"));
    event_why(ex, index)
}

fn find(ex: &Explained, kind: &str, label: &str) -> Option<usize> {
    ex.events
        .iter()
        .position(|event| ex.name(event.node()) == label && event.kind() == kind)
}

#[test]
fn every_rule_is_named_in_words_at_its_event_in_its_own_demo() {
    // The events `explain`'s own test holds each rule to.
    for rule in Rule::ALL {
        let DemoEvent {
            kind,
            node: label,
            at_ms,
        } = rule.demo_event();
        let ex = explained(&rule.demo());
        let at = format!(" at {} ms", at_ms);
        let told = (0..ex.events.len())
            .map(|index| event_why(&ex, index))
            .any(|sentence| {
                let cites = sentence.rsplit_once(" [").is_some_and(|(_, ids)| {
                    ids.trim_end_matches(']')
                        .split(", ")
                        .any(|id| id == rule.id())
                });
                let names = match kind {
                    "cancel" => sentence.starts_with(&format!("cancel() on {label} ")),
                    "received" => sentence.contains(&format!("({label})")),
                    _ => {
                        sentence.starts_with(&format!("{label} "))
                            || sentence.starts_with(&format!("{label}'s "))
                    }
                };
                cites && names && sentence.contains(&at)
            });
        let all: Vec<String> = (0..ex.events.len())
            .map(|index| event_why(&ex, index))
            .collect();
        assert!(
            told,
            "{}: not told at {kind} of {label}{at}:\n{}",
            rule.id(),
            all.join("\n")
        );
    }
}

#[test]
fn a_start_and_a_slot_in_words() {
    let ex = explained(&Rule::L2.demo());
    assert_eq!(
        why_of(&ex, "started", "A"),
        "A started at 0 ms: main's gather() wrapped it in a task at once, and the task took its \
         first step on the loop's next turn, in argument order; under main's limit it must take \
         a slot before its sleep [A1, L1]"
    );
    assert_eq!(
        why_of(&ex, "slot", "A"),
        "A got a slot of main's limit at 0 ms: a slot was free, so it took it at once; its \
         100 ms sleep starts now [L1]"
    );
    assert_eq!(
        why_of(&ex, "slot", "B"),
        "B got a slot of main's limit at 100 ms: A ended and freed its slot, which goes to the \
         first child waiting; its 100 ms sleep starts now [L2]"
    );
}

#[test]
fn cancel_calls_in_words_by_who_called_and_what_they_returned() {
    // Passed on through a nested gather: the call names where it came from (E2, E6).
    let ex = explained(&Rule::E6.demo());
    assert_eq!(
        why_of(&ex, "cancel", "main"),
        "cancel() on main returned True at 100 ms: its cancel time called it; main calls \
         cancel() on every child still running, and at least one accepted, so main is now \
         cancel-requested [E2]"
    );
    assert_eq!(
        why_of(&ex, "cancel", "A"),
        "cancel() on A returned True at 100 ms: it came from cancel() on main at 100 ms (its \
         cancel time), passed on to inner, then to A; A was still running, so the request is \
         delivered at its current await [E4, E2, E6]"
    );
    // Refused by a gather already done, whose children still run (E1).
    let ex = explained(&Rule::E1.demo());
    assert_eq!(
        why_of(&ex, "cancel", "main"),
        "cancel() on main returned False at 150 ms: its cancel time called it; main was already \
         done (raised ValueError: boom at 100 ms), so it does nothing: B keeps running [E1]"
    );
    // A timeout's, through wait_for (W1, E7).
    let ex = explained(&Rule::W1.demo());
    assert!(why_of(&ex, "cancel", "main").starts_with(
        "cancel() on main returned True at 100 ms: its timeout fired, and wait_for called it;"
    ));
    // By hand, and refused by a gather every child of which was done: neither is in a
    // demo's run, so told from a record made for it.
    let two = scenario(json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}}]}));
    let done = crate::ui::model::run_view::tests::finished(
        1,
        100.0,
        crate::ui::model::run_view::tests::ok(json!(1)),
    );
    let events = [
        RunEvent::Started {
            node: 1,
            at_ms: 0.0,
        },
        RunEvent::CancelCalled {
            node: 1,
            at_ms: 40.0,
            returned: true,
            source: CancelSource::User,
        },
        done,
        RunEvent::CancelCalled {
            node: 0,
            at_ms: 100.0,
            returned: false,
            source: CancelSource::User,
        },
    ];
    let ex = Explained::new(&two, &events);
    assert_eq!(
        event_why(&ex, 1),
        "cancel() on A returned True at 40 ms: you called it, by hand; A was still running, so \
         the request is delivered at its current await [E4]"
    );
    assert_eq!(
        event_why(&ex, 3),
        "cancel() on main returned False at 100 ms: you called it, by hand; every child of main \
         was already done, so none accepted, and main completes normally [E2]"
    );
}

#[test]
fn cleanups_timeouts_and_what_a_parent_received_in_words() {
    let ex = explained(&Rule::E4.demo());
    assert_eq!(
        why_of(&ex, "cleanup", "A"),
        "A caught CancelledError and began its 100 ms cleanup at 100 ms: cancel() on main at \
         100 ms (its cancel time), passed on to A, reached its await, and a cancellation is a \
         request delivered there, which it may catch [E4, E2]"
    );
    let ex = explained(&Rule::W1.demo());
    assert_eq!(
        why_of(&ex, "timeout", "main"),
        "main's timeout of 100 ms fired at 100 ms: wait_for cancels main now, then waits for it \
         to end, cleanups included [W1]"
    );
    assert_eq!(
        why_of(&ex, "received", "main"),
        "wait_for(main) raised TimeoutError for the code awaiting it at 150 ms: the timeout \
         cancelled main and waited for it to end, then raised TimeoutError [W2, W1]"
    );
    let ex = explained(&Rule::W3.demo());
    assert_eq!(
        why_of(&ex, "received", "A"),
        "shield(A) was cancelled (CancelledError) for main at 100 ms: the cancel() that reached \
         it cancels only the shield, at once, which is what main gets; A runs on to its own end \
         [W3]"
    );
    let ex = explained(&Rule::W4.demo());
    assert_eq!(
        why_of(&ex, "received", "A"),
        "wait_for(shield(A)) raised TimeoutError for main at 100 ms: the timeout cancelled the \
         shield, which took the cancellation, so main gets TimeoutError at once while A runs on \
         [W4]"
    );
}

#[test]
fn a_future_end_in_words_by_how_it_ended_and_why() {
    let ex = explained(&Rule::C1.demo());
    assert_eq!(
        why_of(&ex, "finished", "B"),
        "B raised ValueError: boom at 100 ms: its 100 ms sleep ended, and it raised as the \
         scenario says"
    );
    assert_eq!(
        why_of(&ex, "finished", "C"),
        "C returned 3 at 300 ms: its 300 ms sleep ended, and it returned as the scenario says; \
         main had already completed at 100 ms, so it ran on, not cancelled, and its result goes \
         nowhere [C2]"
    );
    // The question the page answers first: why was C cancelled when only the gather was?
    let ex = explained(&Rule::E6.demo());
    assert_eq!(
        why_of(&ex, "finished", "C"),
        "C was cancelled (CancelledError) at 100 ms: cancel() on main at 100 ms (its cancel \
         time), passed on to C, reached it, and with no cleanup to catch it, CancelledError \
         ended it [E4, E2]"
    );
    let ex = explained(&Rule::E4.demo());
    assert_eq!(
        why_of(&ex, "finished", "A"),
        "A returned 'cleaned up' at 200 ms: it caught cancel() on main at 100 ms (its cancel \
         time), passed on to A, cleaned up, then returned as the scenario says [E4]"
    );
    let ex = explained(&Rule::H4.demo());
    assert_eq!(
        why_of(&ex, "finished", "A"),
        "A was cancelled (CancelledError) at 100 ms: cancel() on A at 100 ms (its cancel time) \
         reached it, and with no cleanup to catch it, CancelledError ended it; the cancel came \
         at the very moment its sleep was due to end, and wins, since the task had not stepped \
         yet [E4, H4]"
    );
    let ex = explained(&Rule::L3.demo());
    assert_eq!(
        why_of(&ex, "finished", "B"),
        "B was cancelled (CancelledError) at 100 ms: cancel() on B at 100 ms (its cancel time) \
         reached it while it waited for a slot: its try had not begun, so it ends without its \
         cleanup [L3, E4]"
    );
    // A second cancellation interrupts a cleanup (E4): main's at 50, then A's own at 200.
    let twice = scenario(
        json!({"version": 1, "label": "main", "cancel_at_ms": 50, "children": [
        {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": 1}, "cancel_at_ms": 200,
         "on_cancel": {"delay_ms": 300, "result": {"value": "late"}}}]}),
    );
    let ex = explained(&twice);
    assert_eq!(
        why_of(&ex, "finished", "A"),
        "A was cancelled (CancelledError) at 200 ms: cancel() on A at 200 ms (its cancel time), \
         a second cancellation, interrupted its cleanup at the cleanup's own await [E4]"
    );
}

#[test]
fn a_gather_end_in_words_by_the_rule_that_completed_it() {
    let ex = explained(&Rule::A2.demo());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main returned [] at 0 ms: a gather of no children is done at once, with [] [A2]"
    );
    let ex = explained(&Rule::B2.demo());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main returned [1, 2] at 200 ms: no child failed, so it completed when its last child, \
         B, did; the list follows argument order, not completion order [B2, B1]"
    );
    let ex = explained(&Rule::D1.demo());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main returned [1, ValueError('boom'), CancelledError()] at 300 ms: with \
         return_exceptions=True nothing short-circuits: it waited for every child, A last; each \
         exception stands in its child's place; the list follows argument order [D1, B3, B1]"
    );
    let ex = explained(&Rule::C1.demo());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main raised ValueError: boom at 100 ms: B was the first child to fail in time, though \
         not the first in argument order; A and C keep running, not cancelled [C1, C2]"
    );
    let ex = explained(&Rule::H1.demo());
    assert!(why_of(&ex, "finished", "main").ends_with(
        "another child failed in the same millisecond, after it: timers due at one moment run \
         in the order they were set [C1, C2, H1]"
    ));
    let ex = explained(&Rule::C3.demo());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main was cancelled (CancelledError) at 200 ms: B ended cancelled, which fails the \
         gather at once (awaiting it raises CancelledError, though its cancelled() is False); C \
         keeps running, not cancelled [C3, C2]"
    );
    let ex = explained(&Rule::E3.demo());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main was cancelled (CancelledError) at 300 ms, although every child returned a value: \
         cancel() on main at 100 ms (its cancel time) was accepted, and a gather whose \
         cancellation was requested ends cancelled; it completed when its last child, B, \
         returned 'cleaned up' [E3]"
    );
    let ex = explained(&Myth::ReturnExceptionsPreventsCancel.scenario());
    assert_eq!(
        why_of(&ex, "finished", "main"),
        "main was cancelled (CancelledError) at 150 ms, although careful caught the \
         cancellation and returned: cancel() on main at 100 ms (its cancel time) was accepted, \
         and a gather whose cancellation was requested ends cancelled; with \
         return_exceptions=True it waited for every child, careful last [E3, D1]"
    );
    let cleanup_raises = PRESETS
        .iter()
        .find(|preset| preset.name == "A cleanup that raises")
        .and_then(|preset| preset.scenario())
        .unwrap();
    let ex = explained(&cleanup_raises);
    assert!(why_of(&ex, "finished", "main").starts_with(
        "main raised ValueError: cleanup failed at 70 ms: cancel() on main at 50 ms (its cancel \
         time) was accepted, but C raised before any child ended cancelled"
    ));
    let ex = explained(&Rule::H7.demo());
    assert!(why_of(&ex, "finished", "inner").ends_with(
        "main had already completed at 100 ms, so it ran on, not cancelled, and its result goes \
         nowhere (in the same millisecond, a turn after its gather) [B2, B1, C2, H7]"
    ));
}

#[test]
fn the_outcome_is_told_by_its_chain_of_causes_back_to_the_first() {
    let ex = explained(&Rule::E6.demo());
    let chain = outcome_why(&ex, usize::MAX);
    assert_eq!(chain.len(), 4, "{chain:#?}");
    assert!(chain[0].starts_with("cancel() on main returned True at 100 ms"));
    assert!(chain[1].starts_with("cancel() on C returned True"));
    assert!(chain[2].starts_with("C was cancelled"));
    assert!(chain[3].starts_with("main was cancelled (CancelledError) at 100 ms"));
    let ex = explained(&Rule::C1.demo());
    let chain = outcome_why(&ex, usize::MAX);
    assert_eq!(chain.len(), 2);
    assert!(chain[0].starts_with("B raised ValueError"));
    // Before the gather completed there is no outcome to explain.
    let before = ex.outcome(usize::MAX).unwrap();
    assert!(outcome_why(&ex, before).is_empty());
    assert_eq!(
        outcome_pending(&ex, false),
        "main has not completed yet: its outcome is explained once it does."
    );
    assert!(outcome_pending(&ex, true).starts_with("The run was stopped before main completed"));
}

#[test]
fn each_slot_says_why_it_holds_what_it_holds() {
    let ex = explained(&Rule::B3.demo());
    let slots: Vec<String> = (0..3)
        .map(|slot| slot_why(&ex, slot, slot + 1, usize::MAX))
        .collect();
    assert_eq!(
        slots,
        [
            "its own result, in argument order [B1]",
            "its exception, in its place [B3]",
            "a fresh CancelledError: its message is lost [B3]",
        ]
    );
    let ex = explained(&Rule::H5.demo());
    assert_eq!(
        slot_why(&ex, 0, 1, usize::MAX),
        "what it returned after catching its cancellation [E4, B1]"
    );
    let ex = explained(&Rule::C1.demo());
    assert_eq!(
        slot_why(&ex, 1, 2, usize::MAX),
        "its exception is what main raised: no list [C1]"
    );
    assert_eq!(
        slot_why(&ex, 2, 3, usize::MAX),
        "ended after main completed: it went nowhere [C2]"
    );
    let outcome = ex.outcome(usize::MAX).unwrap();
    assert_eq!(
        slot_why(&ex, 2, 3, outcome + 1),
        "still running after main completed [C2]"
    );
    assert_eq!(
        slot_why(&ex, 1, 2, outcome),
        "kept for slot 1 until main completes [B1]"
    );
    assert_eq!(slot_why(&ex, 0, 1, 0), "running");
    let ex = explained(&Rule::C3.demo());
    assert_eq!(
        slot_why(&ex, 0, 1, usize::MAX),
        "no list: main failed when B ended cancelled [C3]"
    );
    let ex = explained(&Rule::E3.demo());
    assert_eq!(
        slot_why(&ex, 0, 1, usize::MAX),
        "no list: main's cancellation was requested, and it ended cancelled [E3]"
    );
    let nested = explained(
        &PRESETS
            .iter()
            .find(|preset| preset.name == "Nested groups")
            .and_then(|preset| preset.scenario())
            .unwrap(),
    );
    assert_eq!(
        slot_why(&nested, 0, 1, usize::MAX),
        "its own list, as one element [B1]"
    );
}

#[test]
fn a_lane_says_where_it_stands_and_why() {
    let ex = explained(&Rule::C1.demo());
    let c = 3;
    assert_eq!(
        lane_why(&ex, c, 0, "not started"),
        "C has not started: its task takes its first step on the loop's next turn [A1]"
    );
    assert_eq!(
        lane_why(&ex, 0, 0, "running"),
        "main is waiting for its children: it completes at the first child to fail, or when \
         the last one ends [C1, B2]"
    );
    let outcome = ex.outcome(usize::MAX).unwrap();
    assert!(lane_why(
        &ex,
        c,
        outcome + 1,
        "still running after its gather completed"
    )
    .starts_with("C is still running after its gather completed. C started at 0 ms:"));
    assert_eq!(
        lane_why(&ex, c, usize::MAX, "returned 3"),
        why_of(&ex, "finished", "C")
    );
}

#[test]
fn a_live_run_explains_each_event_from_the_events_up_to_it() {
    let scenario = Rc::new(Rule::E6.demo());
    let events = events_of(&scenario);
    let whole = Explained::new(&scenario, &events);
    let live = Explainer::Live {
        run: 3,
        scenario: Rc::clone(&scenario),
        events: events.iter().cloned().collect(),
    };
    for index in 0..events.len() {
        assert_eq!(
            event_why(&live.covering(index), index),
            event_why(&whole, index)
        );
    }
    assert_eq!(live.outcome(usize::MAX), whole.outcome(usize::MAX));
    assert_eq!(
        live.last_event_of(3, usize::MAX),
        whole.last_event_of(3, usize::MAX)
    );
    assert!(live.whole().is_none());
    let shared = Rc::new(whole);
    assert_eq!(
        Explainer::Whole(Rc::clone(&shared)),
        Explainer::Whole(shared)
    );
}

#[test]
fn a_real_run_is_told_as_its_prediction_apart_from_its_times() {
    // Real timers come late, each event a little more; what the sentences say may not
    // change. Digits are taken out, as the e2e test does with the page's.
    let without_times = |text: &str| {
        text.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    for preset in PRESETS
        .iter()
        .filter(|preset| preset.name != "1,000 requests, 33 at a time")
    {
        let scenario = preset.scenario().unwrap();
        let events = events_of(&scenario);
        let late: Vec<RunEvent> = events
            .iter()
            .enumerate()
            .map(|(index, event)| shift(event, 0.4 + index as f64 * 0.3))
            .collect();
        let (predicted, real) = (
            Explained::new(&scenario, &events),
            Explained::new(&scenario, &late),
        );
        for index in 0..events.len() {
            assert_eq!(
                without_times(&event_why(&predicted, index)),
                without_times(&event_why(&real, index)),
                "{}",
                preset.name
            );
        }
    }
}

fn shift(event: &RunEvent, by: f64) -> RunEvent {
    let mut event = event.clone();
    match &mut event {
        RunEvent::Started { at_ms, .. }
        | RunEvent::SlotAcquired { at_ms, .. }
        | RunEvent::CancelCalled { at_ms, .. }
        | RunEvent::CleanupStarted { at_ms, .. }
        | RunEvent::Finished { at_ms, .. }
        | RunEvent::TimeoutFired { at_ms, .. }
        | RunEvent::Received { at_ms, .. } => *at_ms += by,
    }
    event
}

#[test]
fn marks_pick_the_events_the_chosen_rules_decided() {
    let ex = explained(&Rule::C2.demo());
    let marks = Marks::new(&ex, &[Rule::C2]);
    // main's end (C1, C2), A's and C's ends after it.
    assert_eq!(marks.count, 3);
    let main_end = find(&ex, "finished", "main").unwrap();
    assert!(marks.events[main_end]);
    assert_eq!(marks.rules_of(&ex, main_end), [Rule::C2]);
    assert_eq!(marks.times[3], [300.0]);
    assert_eq!(Marks::new(&ex, &[]).count, 0);
}

#[test]
fn a_corrupt_record_is_told_as_far_as_it_goes_and_never_panics() {
    let scenario = Rule::E6.demo();
    let mut events = events_of(&scenario);
    events.reverse();
    events.push(RunEvent::Finished {
        node: 9_999,
        at_ms: -1.0,
        status: Status::Cancelled,
        completed_by: Some(77),
    });
    events.push(RunEvent::CancelCalled {
        node: 0,
        at_ms: f64::NAN,
        returned: false,
        source: CancelSource::Gather { gather: 12_345 },
    });
    let ex = Explained::new(&scenario, &events);
    for index in 0..events.len() + 2 {
        assert!(!event_why(&ex, index).is_empty());
        for node in [0, 3, 9_999] {
            let _ = lane_why(&ex, node, index, "running");
            let _ = slot_why(&ex, 0, node, index);
        }
        let _ = outcome_why(&ex, index);
    }
    assert!(event_why(&ex, events.len() - 2).contains("a node this scenario does not have"));
    // A record of another scenario: names and facts are looked up, never indexed.
    let other = Explained::new(&Rule::A2.demo(), &events_of(&Rule::E6.demo()));
    for index in 0..other.events.len() {
        assert!(!event_why(&other, index).is_empty());
    }
}
