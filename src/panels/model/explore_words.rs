//! The Sequential and Shuffle summaries in words.

use crate::ui::model::numbers::{one_decimal, plural};
use crate::ui::model::{describe_status, grouped};
use gather_playground::explore::{SequentialTotals, ShuffleSummary};
use gather_playground::scenario::{Scenario, Status};

/// Above this many, a list of children in a sentence is cut short.
const LISTED_UP_TO: usize = 12;

/// `items` joined by `separator`, the first few only when there are many.
pub fn shortened(items: Vec<String>, separator: &str) -> String {
    if items.len() <= LISTED_UP_TO {
        return items.join(separator);
    }
    let more = items.len() - LISTED_UP_TO;
    format!(
        "{}{separator}… ({more} more)",
        items[..LISTED_UP_TO].join(separator)
    )
}

/// Whether any node of the scenario has a cancel time (a time from the start).
pub fn has_cancel_times(scenario: &Scenario) -> bool {
    scenario
        .flatten()
        .iter()
        .any(|node| node.view.cancel_at_ms().is_some())
}

/// What Sequential compares, said exactly: "gather returned [3, 1, 2] after 600 ms; run
/// one after another, every child returns, after 1900 ms: gathering is 3.2× faster." A
/// speed-up only when both ran to the end; with a failure, the times to it, said so.
pub fn sequential_sentence(totals: &SequentialTotals, names: &[String]) -> String {
    let gathered = format!(
        "gather {} after {} ms",
        describe_status(&totals.concurrent),
        totals.concurrent_ms
    );
    let one_by_one = match &totals.stopped_by {
        Some((position, status)) => {
            let never = match totals.never_started {
                0 => String::new(),
                1 => "; 1 child never starts".to_owned(),
                count => format!("; {count} children never start"),
            };
            format!(
                "run one after another, the first failure, {} {}, comes after {} ms and \
                 stops the loop{never}",
                names.get(*position).cloned().unwrap_or_default(),
                describe_status(status),
                totals.sequential_ms
            )
        }
        None => format!(
            "run one after another, every child returns, after {} ms",
            totals.sequential_ms
        ),
    };
    let verdict = match (totals.speedup(), &totals.stopped_by) {
        (Some(times), _) => format!(": gathering is {}× faster.", one_decimal(times)),
        (None, _) if totals.both_completed() => ": both take no time.".to_owned(),
        (None, Some(_)) if !matches!(totals.concurrent, Status::Ok { .. }) => {
            ". Both are times to a failure, not to every result: no speed-up to give.".to_owned()
        }
        (None, _) => ". The two end differently: no speed-up to give.".to_owned(),
    };
    format!("{gathered}; {one_by_one}{verdict}")
}

/// Said under Sequential when the scenario has cancel times, which it leaves out.
pub fn sequential_cancel_note(scenario: &Scenario) -> Option<&'static str> {
    has_cancel_times(scenario).then_some(
        "Both run without the scenario's cancel times, which count from the start and mean \
         nothing once the children run one after another.",
    )
}

/// The lines of a shuffle's summary.
pub fn shuffle_lines(summary: &ShuffleSummary, names: &[String]) -> Vec<String> {
    let name = |position: &usize| names.get(*position).cloned().unwrap_or_default();
    let mut lines = Vec::new();
    if summary.returned > 0 {
        lines.push(format!(
            "Result order: each value in its child's own slot in {} of the {} runs that \
             returned a list.",
            summary.results_in_argument_order, summary.returned
        ));
    } else {
        lines.push(
            "Result order: no run returned a list (the outer raised or was cancelled every \
             time); with return_exceptions=True every value stays in its child's slot."
                .to_owned(),
        );
    }
    let orders: Vec<String> = summary
        .sample_orders
        .iter()
        .map(|order| shortened(order.iter().map(name).collect(), " → "))
        .collect();
    let counted = match summary.distinct_completion_orders {
        1 => "Completion order: always the same".to_owned(),
        count => format!("Completion order: {count} different orders"),
    };
    let example = match orders.len() {
        0 => String::new(),
        1 => format!(", {}", orders[0]),
        _ => format!(", e.g. {}", orders.join("; ")),
    };
    lines.push(format!("{counted}{example}."));
    if !summary.exception_wins.is_empty() {
        let wins = summary
            .exception_wins
            .iter()
            .map(|(position, wins)| format!("{} {wins}×", name(position)))
            .collect();
        lines.push(format!(
            "Whose exception the outer raised: {}.",
            shortened(wins, ", ")
        ));
    }
    if summary.cancelled > 0 {
        lines.push(format!(
            "Cancelled: {}.",
            plural(summary.cancelled, "run", "runs")
        ));
    }
    lines
}

/// The shuffle's heading.
pub fn shuffle_heading(summary: &ShuffleSummary) -> String {
    format!(
        "{} runs with the delays permuted (seed {})",
        summary.runs, summary.seed
    )
}

/// While a shuffle runs.
pub fn shuffling_text(done: usize, runs: usize) -> String {
    format!("Shuffling: {} of {} runs… ", grouped(done), grouped(runs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gather_playground::explore::{sequential_totals, shuffle};
    use gather_playground::scenario::Scenario;
    use serde_json::json;

    fn names(count: usize) -> Vec<String> {
        (0..count).map(|index| format!("c{index}")).collect()
    }

    fn totals_of(value: serde_json::Value) -> (SequentialTotals, Option<&'static str>) {
        let scenario = Scenario::from_value(&value).unwrap();
        (
            sequential_totals(&scenario),
            sequential_cancel_note(&scenario),
        )
    }

    #[test]
    fn sequential_says_what_it_compares_and_a_speedup_only_when_both_ran_to_the_end() {
        let names = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        let (calm, note) = totals_of(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}}]}));
        assert_eq!(
            sequential_sentence(&calm, &names),
            "gather returned [1, 2] after 300 ms; run one after another, every child returns, \
             after 400 ms: gathering is 1.3× faster."
        );
        assert_eq!(note, None, "no cancel times, none mentioned");
        // B fails: a time to the failure each way, no "× faster".
        let (failing, _) = totals_of(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"error": {"type": "E", "message": "m"}}},
            {"kind": "future", "label": "C", "delay_ms": 100, "result": {"value": 3}}]}));
        assert_eq!(
            sequential_sentence(&failing, &names),
            "gather raised E: m after 100 ms; run one after another, the first failure, B \
             raised E: m, comes after 400 ms and stops the loop; 1 child never starts. Both \
             are times to a failure, not to every result: no speed-up to give."
        );
        // return_exceptions=True: the gather returns every end, the loop stops.
        let (kept, _) = totals_of(
            json!({"version": 1, "return_exceptions": true, "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "E", "message": ""}}},
            {"kind": "future", "label": "B", "delay_ms": 200, "result": {"value": 2}}]}),
        );
        assert_eq!(
            sequential_sentence(&kept, &names),
            "gather returned [E(), 2] after 200 ms; run one after another, the first failure, \
             A raised E, comes after 100 ms and stops the loop; 1 child never starts. The two \
             end differently: no speed-up to give."
        );
        // Cancel times are mentioned only when there are some.
        let (_, note) = totals_of(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}, "cancel_at_ms": 50}]}));
        assert!(note
            .is_some_and(|note| note.starts_with("Both run without the scenario's cancel times")));
    }

    #[test]
    fn shuffles_in_lines_long_orders_cut_short() {
        let children: Vec<serde_json::Value> = (0..20)
            .map(|index| json!({"kind": "future", "delay_ms": 10 + index, "result": {"value": index}}))
            .collect();
        let scenario = Scenario::from_value(&json!({"version": 1, "children": children})).unwrap();
        let summary = shuffle(&scenario, 5, 1);
        let lines = shuffle_lines(&summary, &names(20));
        assert_eq!(
            lines[0],
            "Result order: each value in its child's own slot in 5 of the 5 runs that returned a list."
        );
        assert!(lines[1].contains(" → … (8 more)"), "{}", lines[1]);
        assert_eq!(
            shuffle_heading(&summary),
            "5 runs with the delays permuted (seed 1)"
        );
        assert_eq!(
            shuffling_text(1500, 2000),
            "Shuffling: 1,500 of 2,000 runs… "
        );
        assert_eq!(shortened(names(3), ", "), "c0, c1, c2");
    }
}
