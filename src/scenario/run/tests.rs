//! The run's own tests: reports, events, cancels, teardown.

mod reports {
    use crate::scenario::run;
    use crate::scenario::{Report, Scenario, Status};
    use crate::VirtualClock;
    use serde_json::json;

    fn run_json(scenario: serde_json::Value) -> (Report, VirtualClock) {
        let clock = VirtualClock::new();
        let scenario = Scenario::from_value(&scenario).unwrap();
        let report = clock.block_on(run(clock.runtime(), scenario)).unwrap();
        (report, clock)
    }

    #[test]
    fn a_day_long_delay_runs_to_the_millisecond() {
        let (report, _) = run_json(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 86_400_000, "result": {"value": "tomorrow"}}]}));
        assert_eq!(report.done_at_ms, 86_400_000);
        assert_eq!(
            report.status,
            Status::Ok {
                value: json!(["tomorrow"])
            }
        );
    }

    #[test]
    fn raising_cancelled_error_ends_a_child_cancelled_as_in_python() {
        let (report, _) = run_json(
            json!({"version": 1, "return_exceptions": true, "children": [
            {"kind": "future", "delay_ms": 10,
             "result": {"error": {"type": "CancelledError", "message": "lost"}}}]}),
        );
        let child = &report.children.as_ref().unwrap()[0];
        assert_eq!(child.status, Status::Cancelled);
        assert_eq!(
            report.status,
            Status::Ok {
                value: json!([{"exception": "CancelledError", "message": ""}])
            }
        );
    }

    #[test]
    fn cancel_timers_still_pending_are_cleared_with_the_report() {
        let (report, clock) = run_json(json!({"version": 1, "cancel_at_ms": 5_000, "children": [
            {"kind": "future", "delay_ms": 10, "result": {"value": 1}, "cancel_at_ms": 9_000}]}));
        assert_eq!(report.done_at_ms, 10);
        assert_eq!(
            clock.now_ms(),
            10,
            "the run did not wait for its unneeded cancel timers"
        );
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.pending_tasks(), 0);
    }

    #[test]
    fn a_cancel_due_when_a_sleep_ends_wins_as_on_cpython() {
        // main's cancel timer was set before any child took its first step.
        let (report, _) = run_json(json!({"version": 1, "cancel_at_ms": 100, "children": [
            {"kind": "future", "label": "f1", "delay_ms": 100, "result": {"value": null}},
            {"kind": "future", "label": "f2", "delay_ms": 200, "result": {"value": 2}}]}));
        let children = report.children.unwrap();
        assert_eq!(
            (children[0].status.clone(), children[0].done_at_ms),
            (Status::Cancelled, 100)
        );
        assert_eq!(report.status, Status::Cancelled);
    }

    #[test]
    fn a_cleanup_of_zero_ms_catches_a_cancel_due_when_its_sleep_ends() {
        let (report, _) = run_json(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 100, "result": {"value": "own"}, "cancel_at_ms": 100,
             "on_cancel": {"delay_ms": 0, "result": {"value": null}}}]}));
        let child = &report.children.unwrap()[0];
        assert_eq!(child.status, Status::Ok { value: json!(null) });
        assert_eq!(child.done_at_ms, 100);
    }

    #[test]
    fn an_empty_root_reports_at_once() {
        let (report, _) = run_json(json!({"version": 1, "label": "<b>x</b>", "children": []}));
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            json!({"label": "<b>x</b>", "status": "ok", "value": [], "done_at_ms": 0, "children": []})
        );
    }
}

mod live {
    use crate::scenario::{run, Scenario, Status};
    use crate::scenario::{CancelSource, Run, RunEvent};
    use crate::VirtualClock;
    use std::cell::RefCell;
    use std::rc::Rc;

    const TWO_CHILDREN: &str = r#"{"version": 1, "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2},
         "on_cancel": {"delay_ms": 500, "result": {"value": "cleaned"}}}]}"#;

    fn start(clock: &VirtualClock) -> (Run, Rc<RefCell<Vec<RunEvent>>>) {
        let scenario = Scenario::from_json(TWO_CHILDREN).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&events);
        let live = Run::start(clock.runtime(), &scenario, move |event| {
            log.borrow_mut().push(event.clone())
        });
        (live, events)
    }

    #[test]
    fn a_user_cancel_reports_what_cancel_returned_and_the_cleanup() {
        let clock = VirtualClock::new();
        let (live, events) = start(&clock);
        let live = Rc::new(live);
        let canceller = Rc::clone(&live);
        let runtime = clock.runtime();
        runtime.spawn_detached({
            let runtime = runtime.clone();
            async move {
                runtime.sleep(200).await;
                assert_eq!(canceller.cancel(0), Some(true));
                assert_eq!(canceller.cancel(99), None);
            }
        });
        let report = clock.block_on(live.report()).unwrap();
        assert_eq!(report.status, Status::Cancelled);
        assert_eq!(
            report.done_at_ms, 700,
            "B's cleanup ran 500 ms after the cancel at 200"
        );
        let events = events.borrow();
        assert!(events.contains(&RunEvent::CancelCalled {
            node: 0,
            at_ms: 200.0,
            returned: true,
            source: CancelSource::User
        }));
        assert!(events.contains(&RunEvent::CleanupStarted {
            node: 2,
            at_ms: 200.0
        }));
    }

    /// A shielded child with a timeout, cancelled by its gather before the timeout fires:
    /// the gather cancels the child's wait_for, whose task passes that on to the shield; the
    /// timeout never fires, so neither call is the timeout's.
    #[test]
    fn a_wait_for_passing_on_its_gathers_cancel_is_not_its_timeout() {
        let scenario = Scenario::from_json(
            r#"{"version": 1, "cancel_at_ms": 50, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1},
             "timeout_ms": 100, "shield": true}]}"#,
        )
        .unwrap();
        let clock = VirtualClock::new();
        let events = Rc::new(RefCell::new(Vec::new()));
        let log = Rc::clone(&events);
        let live = Run::start(clock.runtime(), &scenario, move |event| {
            log.borrow_mut().push(event.clone())
        });
        clock.block_on(live.report()).unwrap();
        let sources: Vec<(usize, CancelSource)> = events
            .borrow()
            .iter()
            .filter_map(|event| match event {
                RunEvent::CancelCalled { node, source, .. } => Some((*node, *source)),
                _ => None,
            })
            .collect();
        assert_eq!(
            sources,
            [
                (0, CancelSource::Scheduled),
                (1, CancelSource::Gather { gather: 0 }),
                (1, CancelSource::WaitFor),
            ]
        );
        assert!(!events
            .borrow()
            .iter()
            .any(|event| matches!(event, RunEvent::TimeoutFired { .. })));
    }

    #[test]
    fn abort_stops_everything_clears_timers_and_goes_quiet() {
        let clock = VirtualClock::new();
        let (live, events) = start(&clock);
        let live = Rc::new(live);
        let aborter = Rc::clone(&live);
        let runtime = clock.runtime();
        runtime.spawn_detached({
            let runtime = runtime.clone();
            async move {
                runtime.sleep(200).await;
                aborter.cancel(2);
                runtime.sleep(10).await;
                aborter.abort();
            }
        });
        let report = clock.block_on(live.report()).unwrap();
        assert_eq!(
            clock.now_ms(),
            210,
            "the cleanup did not run on after the abort"
        );
        assert_eq!(report.children.unwrap()[1].status, Status::Cancelled);
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.pending_tasks(), 0);
        assert!(events.borrow().iter().all(|event| match event {
            RunEvent::Finished { at_ms, .. } => *at_ms <= 200.0,
            _ => true,
        }));
    }

    #[test]
    fn dropping_a_run_tears_it_down() {
        let clock = VirtualClock::new();
        let (live, _) = start(&clock);
        clock.run_until(50);
        drop(live);
        clock.run_until_stalled();
        assert_eq!(clock.now_ms(), 50);
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.pending_tasks(), 0);
    }

    #[test]
    fn a_scaled_runtime_reports_scenario_time() {
        let clock = VirtualClock::new();
        let scenario = Scenario::from_json(TWO_CHILDREN).unwrap();
        let report = clock
            .block_on(run(clock.runtime().scaled(4.0), scenario))
            .unwrap();
        assert_eq!(report.done_at_ms, 1000);
        assert_eq!(clock.now_ms(), 250, "four times as fast");
    }
}

/// The facts of asyncio.wait_for and asyncio.shield, checked on CPython 3.12 and 3.13.
mod guards {
    use crate::scenario::{run, Report, Scenario};
    use crate::VirtualClock;
    use serde_json::{json, Value};

    fn report(scenario: Value) -> Value {
        let clock = VirtualClock::new();
        let scenario = Scenario::from_value(&scenario).unwrap();
        let report: Report = clock.block_on(run(clock.runtime(), scenario)).unwrap();
        assert_eq!(clock.pending_timers(), 0);
        serde_json::to_value(report).unwrap()
    }

    fn careful(label: &str) -> Value {
        json!({"kind": "future", "label": label, "delay_ms": 1000, "result": {"value": 1},
               "on_cancel": {"delay_ms": 50, "result": {"error": {"type": "CancelledError", "message": ""}}}})
    }

    #[test]
    fn a_timeout_on_gather_cancels_every_child_and_waits_for_their_cleanups() {
        let report = report(json!({"version": 1, "label": "main", "timeout_ms": 100,
                                   "children": [careful("b"), careful("c")]}));
        assert_eq!(
            report,
            json!({"label": "main", "status": "cancelled", "done_at_ms": 150,
                   "received": {"status": "raised", "exception": "TimeoutError", "message": "", "done_at_ms": 150},
                   "timeout_at_ms": 100, "children": [
                       {"label": "b", "status": "cancelled", "done_at_ms": 150},
                       {"label": "c", "status": "cancelled", "done_at_ms": 150}]})
        );
    }

    #[test]
    fn a_child_that_swallows_its_timeout_gives_its_value() {
        let report = report(json!({"version": 1, "label": "main", "children": [
            {"kind": "future", "label": "a", "delay_ms": 1000, "result": {"value": 1}, "timeout_ms": 100,
             "on_cancel": {"delay_ms": 50, "result": {"value": "swallowed"}}}]}));
        assert_eq!(
            report,
            json!({"label": "main", "status": "ok", "value": ["swallowed"], "done_at_ms": 150, "children": [
                {"label": "a", "status": "ok", "value": "swallowed", "done_at_ms": 150,
                 "received": {"status": "ok", "value": "swallowed", "done_at_ms": 150}, "timeout_at_ms": 100}]})
        );
    }

    #[test]
    fn a_cancelled_gather_leaves_its_shielded_child_running() {
        let mut t = careful("t");
        t["delay_ms"] = json!(1000);
        let report = report(
            json!({"version": 1, "label": "outer", "cancel_at_ms": 100, "children": [
            {"kind": "future", "label": "inner", "delay_ms": 300, "result": {"value": "kept"}, "shield": true}, t]}),
        );
        assert_eq!(
            report,
            json!({"label": "outer", "status": "cancelled", "done_at_ms": 100, "children": [
                {"label": "inner", "status": "ok", "value": "kept", "done_at_ms": 300,
                 "received": {"status": "cancelled", "done_at_ms": 100}},
                {"label": "t", "status": "cancelled", "done_at_ms": 150}]})
        );
    }
}

/// The Compare panel's asyncio rows against CPython: the tie corpus's scenarios with the
/// root's children combined by asyncio.wait or an as_completed loop.
mod other_combinators {
    use crate::scenario::{RootCombinator, Run, Scenario};
    use crate::{ReturnWhen, VirtualClock};
    use serde_json::Value;

    #[test]
    fn wait_and_as_completed_give_cpythons_reports_exactly() {
        let corpus: Value = serde_json::from_str(include_str!(
            "../../../tests/conformance/compare_corpus.json"
        ))
        .unwrap();
        let cases = corpus["cases"].as_array().unwrap();
        assert!(cases.len() >= 400);
        let mut disagreeing = Vec::new();
        for case in cases {
            let combinator = match case["combinator"].as_str().unwrap() {
                "wait_first_exception" => RootCombinator::Wait(ReturnWhen::FirstException),
                "wait_first_completed" => RootCombinator::Wait(ReturnWhen::FirstCompleted),
                "wait_all_completed" => RootCombinator::Wait(ReturnWhen::AllCompleted),
                "as_completed" => RootCombinator::AsCompleted,
                other => panic!("unknown combinator {other}"),
            };
            let scenario = Scenario::from_value(&case["scenario"]).unwrap();
            let clock = VirtualClock::new();
            let live = Run::start_with(clock.runtime(), &scenario, combinator, |_| {});
            let report = clock.block_on(live.report()).unwrap();
            let actual = serde_json::to_value(&report).unwrap();
            if actual != case["report"] {
                disagreeing.push(format!(
                    "{}:\n  cpython: {}\n  rust:    {actual}",
                    case["name"], case["report"]
                ));
            }
        }
        assert!(
            disagreeing.is_empty(),
            "{} of {} disagree:\n{}",
            disagreeing.len(),
            cases.len(),
            disagreeing.join("\n")
        );
    }
}
