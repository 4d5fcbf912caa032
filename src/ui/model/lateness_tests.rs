use super::super::run_view::tests::{finished, ok, one_raises};
use super::super::run_view::{predict, RunView};
use super::PredictedEntries;
use gather_playground::scenario::{CancelSource, RunEvent, Scenario};
use serde_json::json;

fn late(run: &RunView, prediction: &RunView) -> Vec<(String, Option<f64>)> {
    let entries = PredictedEntries::new(prediction);
    run.log
        .iter()
        .map(|entry| (entry.text.clone(), entries.lateness(entry, prediction)))
        .collect()
}

/// Two children and their gather end in one predicted millisecond; the real run has them
/// at different times. Each entry is measured against its own predicted event, not the
/// neighbour that shares its predicted time.
#[test]
fn each_entry_against_its_own_predicted_event_even_in_a_tie() {
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}}]}))
    .unwrap();
    let prediction = predict(&scenario);
    let times: Vec<f64> = prediction.log.iter().map(|entry| entry.at_ms).collect();
    assert_eq!(times, [0.0, 0.0, 100.0, 100.0, 100.0]);
    let mut run = RunView::new(1, &scenario, 1.0);
    for event in [
        RunEvent::Started {
            node: 1,
            at_ms: 1.0,
        },
        RunEvent::Started {
            node: 2,
            at_ms: 2.0,
        },
        finished(2, 103.0, ok(json!(2))),
        finished(1, 104.0, ok(json!(1))),
        finished(0, 105.0, ok(json!([1, 2]))),
    ] {
        run.apply(&event);
    }
    assert_eq!(
        late(&run, &prediction),
        [
            ("A started".to_owned(), Some(1.0)),
            ("B started".to_owned(), Some(2.0)),
            ("B returned 2".to_owned(), Some(3.0)),
            ("A returned 1".to_owned(), Some(4.0)),
            ("main completed: returned [1, 2]".to_owned(), Some(5.0)),
        ]
    );
}

#[test]
fn repeated_calls_pair_in_turn_and_unpredicted_ones_have_no_lateness() {
    let prediction = predict(&one_raises());
    let mut run = RunView::new(1, &one_raises(), 1.0);
    let cancel = |at_ms| RunEvent::CancelCalled {
        node: 3,
        at_ms,
        returned: true,
        source: CancelSource::User,
    };
    for event in [
        RunEvent::Started {
            node: 3,
            at_ms: 0.5,
        },
        cancel(10.0),
        cancel(20.0),
        finished(3, 21.0, gather_playground::scenario::Status::Cancelled),
    ] {
        run.apply(&event);
    }
    // C's start is predicted at 0 ms; cancel() by hand and the end it caused are not.
    let measured = late(&run, &prediction);
    assert_eq!(measured[0], ("C started".to_owned(), Some(0.5)));
    assert!(
        measured[1..].iter().all(|(_, late)| late.is_none()),
        "{measured:?}"
    );

    // Two calls that read the same pair with their counterparts in turn.
    let recorded = |times: [f64; 2]| {
        let mut view = RunView::new(1, &one_raises(), 1.0);
        for at_ms in times {
            view.apply(&cancel(at_ms));
        }
        view
    };
    let measured = late(&recorded([12.0, 25.0]), &recorded([10.0, 20.0]));
    assert_eq!(measured[0].1, Some(2.0));
    assert_eq!(measured[1].1, Some(5.0));
}
