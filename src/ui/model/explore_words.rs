//! The Sequential and Shuffle summaries in words.

use super::numbers::{grouped, one_decimal, plural};
use super::wording::describe_status;
use gather_playground::explore::{SequentialTotals, ShuffleSummary};

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

/// "gathering is 3.2× faster. The loop stops at B (raised E); 1 never starts."
pub fn sequential_sentence(totals: &SequentialTotals, names: &[String]) -> String {
    let speedup = totals.speedup().map_or_else(
        || "both take no time".to_owned(),
        |times| format!("gathering is {}× faster", one_decimal(times)),
    );
    let stop = totals.stopped_by.as_ref().map(|(position, status)| {
        let never = match totals.never_started {
            0 => String::new(),
            1 => "; 1 never starts".to_owned(),
            count => format!("; {count} never start"),
        };
        format!(
            " The loop stops at {} ({}){never}.",
            names.get(*position).cloned().unwrap_or_default(),
            describe_status(status),
        )
    });
    format!("{speedup}.{}", stop.unwrap_or_default())
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

    #[test]
    fn sequential_says_how_much_faster_and_where_the_loop_stops() {
        let scenario = Scenario::from_value(&json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"error": {"type": "E", "message": "m"}}},
            {"kind": "future", "label": "C", "delay_ms": 100, "result": {"value": 3}}]}))
        .unwrap();
        let totals = sequential_totals(&scenario);
        let names = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(
            sequential_sentence(&totals, &names),
            format!(
                "gathering is {}× faster. The loop stops at B (raised E: m); 1 never starts.",
                one_decimal(totals.speedup().unwrap())
            )
        );
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
