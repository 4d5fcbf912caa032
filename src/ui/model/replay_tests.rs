use super::super::run_view::tests::{finished, ok, one_raises, texts};
use super::super::run_view::{predict, RunView};
use super::{Playhead, Step};
use gather_playground::scenario::{RunEvent, Scenario};
use serde_json::json;

fn step(view: &RunView, playhead: Option<Playhead>, step: Step) -> Option<Playhead> {
    Playhead::stepped(playhead, &view.events, step)
}

#[test]
fn a_step_shows_exactly_one_event_more_or_less_in_the_runs_order() {
    let prediction = predict(&one_raises());
    // From the whole run, back: C's return goes, then main's completion, which shares
    // B's millisecond, then B's failure.
    let back1 = step(&prediction, None, Step::Back);
    assert_eq!(
        back1,
        Some(Playhead {
            shown: 6,
            at_ms: 200.0
        })
    );
    let shown = prediction.at(back1.unwrap());
    assert_eq!(
        texts(&shown).last().unwrap(),
        "main completed: raised ZeroDivisionError: division by zero"
    );
    assert!(
        shown.report.is_none(),
        "the report belongs to the whole run"
    );
    assert!(shown.traces[0].finished.is_some());
    let back2 = step(&prediction, back1, Step::Back);
    assert_eq!(
        back2,
        Some(Playhead {
            shown: 5,
            at_ms: 200.0
        })
    );
    let shown = prediction.at(back2.unwrap());
    assert_eq!(
        texts(&shown).last().unwrap(),
        "B raised ZeroDivisionError: division by zero"
    );
    assert!(
        shown.traces[0].finished.is_none(),
        "the gather has not completed yet"
    );
    let back3 = step(&prediction, back2, Step::Back);
    assert_eq!(
        texts(&prediction.at(back3.unwrap())).last().unwrap(),
        "A returned 1"
    );
    // And on again, one event at a time.
    let on = step(&prediction, back3, Step::Forward);
    assert_eq!(on, back2);
    let end = step(
        &prediction,
        step(&prediction, on, Step::Forward),
        Step::Forward,
    );
    assert_eq!(
        end,
        Some(Playhead {
            shown: 7,
            at_ms: 300.0
        })
    );
    let whole = prediction.at(end.unwrap());
    assert_eq!(texts(&whole), texts(&prediction));
    assert_eq!(whole.report, prediction.report);
    // Past the end nothing moves, nor before the start.
    assert_eq!(step(&prediction, end, Step::Forward), end);
    assert_eq!(step(&prediction, None, Step::Forward), None);
    let origin = Playhead {
        shown: 0,
        at_ms: 0.0,
    };
    let start = Some(origin);
    assert_eq!(step(&prediction, start, Step::Back), start);
    assert_eq!(
        step(&prediction, start, Step::Forward),
        Some(Playhead {
            shown: 1,
            at_ms: 0.0
        })
    );
    let before_anything = prediction.at(origin);
    assert_eq!(before_anything.log.len(), 0);
    assert_eq!(before_anything.traces[1].started_ms, None);
}

#[test]
fn the_slider_shows_every_event_up_to_its_moment() {
    let prediction = predict(&one_raises());
    let at = |ms: f64| Playhead::at(&prediction.events, ms);
    assert_eq!(
        at(150.0),
        Playhead {
            shown: 4,
            at_ms: 150.0
        }
    );
    let shown = prediction.at(at(150.0));
    assert_eq!(texts(&shown).last().unwrap(), "A returned 1");
    assert_eq!(
        (shown.now_ms, shown.replay_at, shown.axis_ms),
        (150.0, Some(150.0), 300.0)
    );
    // Both events of 200 ms, together.
    assert_eq!(at(200.0).shown, 6);
    assert_eq!(at(-1.0).shown, 0);
    assert_eq!(at(1e9).shown, 7);
    assert!(prediction.at(at(1e9)).report.is_some());
    // From a moment, a step goes to the next event, not the next moment.
    assert_eq!(
        Playhead::stepped(Some(at(150.0)), &prediction.events, Step::Forward),
        Some(Playhead {
            shown: 5,
            at_ms: 200.0
        })
    );
    assert_eq!(
        Playhead::stepped(Some(at(150.0)), &prediction.events, Step::Back),
        Some(Playhead {
            shown: 3,
            at_ms: 0.0
        })
    );
}

/// A real run's events of one millisecond, in an order that neither time nor argument
/// position gives: each step still shows the next of them.
#[test]
fn events_that_share_a_millisecond_are_stepped_through_one_by_one() {
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}}]}))
    .unwrap();
    let mut run = RunView::new(1, &scenario, 1.0);
    for event in [
        RunEvent::Started {
            node: 1,
            at_ms: 0.2,
        },
        RunEvent::Started {
            node: 2,
            at_ms: 0.2,
        },
        finished(2, 100.4, ok(json!(2))),
        finished(1, 100.4, ok(json!(1))),
        finished(0, 100.4, ok(json!([1, 2]))),
    ] {
        run.apply(&event);
    }
    let mut playhead = Some(Playhead::at(&run.events, 50.0));
    let mut seen = Vec::new();
    for _ in 0..3 {
        playhead = Playhead::stepped(playhead, &run.events, Step::Forward);
        seen.push(texts(&run.at(playhead.unwrap())).last().cloned().unwrap());
    }
    assert_eq!(
        seen,
        [
            "B returned 2",
            "A returned 1",
            "main completed: returned [1, 2]"
        ]
    );
    assert_eq!(playhead.unwrap().at_ms, 100.4);
}
