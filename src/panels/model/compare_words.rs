//! Compare's words: each row's ends, and why its outcome differs from gather's.
//!
//! The library gives the data ([`Comparison`], [`Fate`]); the sentences are the page's.

use super::explore_words::has_cancel_times;
use crate::ui::model::describe_status;
use crate::ui::model::numbers::plural;
use crate::ui::model::wording::Ending;
use gather_playground::codegen::python_exception_repr;
use gather_playground::explore::{Combinator, Comparison, Fate};
use gather_playground::scenario::{NodeView, Scenario, Status};

/// Above this many children the Compare table counts them instead of a column each.
pub const CHILD_COLUMNS_UP_TO: usize = 12;

/// What the outcome raised, Python's way (`ValueError('boom')`), or how it ended.
fn status_words(status: &Status) -> String {
    match status {
        Status::Ok { .. } => "returned".into(),
        Status::Raised { exception, message } => python_exception_repr(exception, message),
        Status::Cancelled => "CancelledError".into(),
    }
}

/// At most this many names in a set of `asyncio.wait`'s outcome; the rest are counted.
const NAMES_SHOWN: usize = 10;

/// A row's outcome in its cell. `asyncio.wait`'s value, `{"done": [positions], "pending":
/// [positions]}`, is told by the children's names (`names`, in argument order): "done: A,
/// C; pending: B"; every other outcome as the page tells statuses.
pub fn outcome_text(row: &Comparison, names: &[String]) -> String {
    let waited = matches!(
        row.combinator,
        Combinator::WaitFirstException | Combinator::WaitFirstCompleted
    );
    match &row.outcome {
        Status::Ok { value } if waited => {
            let set = |key: &str| {
                let positions: Vec<usize> = value[key]
                    .as_array()
                    .map(|items| {
                        items
                            .iter()
                            .filter_map(|item| item.as_u64().map(|at| at as usize))
                            .collect()
                    })
                    .unwrap_or_default();
                format!("{key}: {}", names_of(&positions, names))
            };
            format!("{}; {}", set("done"), set("pending"))
        }
        status => describe_status(status),
    }
}

/// "A, C", "none", or the first few names and how many more.
fn names_of(positions: &[usize], names: &[String]) -> String {
    if positions.is_empty() {
        return "none".into();
    }
    let name = |position: &usize| {
        names
            .get(*position)
            .cloned()
            .unwrap_or_else(|| format!("#{position}"))
    };
    let shown: Vec<String> = positions.iter().take(NAMES_SHOWN).map(name).collect();
    match positions.len() - shown.len() {
        0 => shown.join(", "),
        more => format!("{}, and {more} more", shown.join(", ")),
    }
}

/// A child's end in its cell: "✓ 300", "dropped 200".
pub fn fate_text(fate: &Fate) -> String {
    match fate {
        Fate::Finished { status, at_ms } => format!("{} {at_ms}", Ending::of(status).glyph()),
        Fate::Dropped { at_ms } => format!("dropped {at_ms}"),
    }
}

/// How the children ended, counted, for a table too wide for a column per child:
/// "✓ 998, ✗ 2; the last at 559".
pub fn fates_summary(children: &[Fate]) -> String {
    let mut counts = [0usize; 3];
    let (mut dropped, mut last_ms) = (0, 0);
    for fate in children {
        match fate {
            Fate::Finished { status, .. } => counts[Ending::of(status) as usize] += 1,
            Fate::Dropped { .. } => dropped += 1,
        }
        last_ms = last_ms.max(fate.at_ms());
    }
    let counted: Vec<String> = Ending::ALL
        .iter()
        .map(|ending| (ending.glyph(), counts[*ending as usize]))
        .chain([("dropped", dropped)])
        .filter(|(_, count)| *count > 0)
        .map(|(what, count)| format!("{what} {count}"))
        .collect();
    format!("{}; the last at {last_ms}", counted.join(", "))
}

/// What ≠ means, said in the caption.
fn differs_words() -> String {
    format!(
        "≠ marks a row whose outcome or children's ends differ from the first row's, your \
         gather as the editor holds it; times on real timers count as the same within \
         {REAL_TIMERS_SLACK_MS} ms."
    )
}

/// The table's caption: what its columns hold.
pub fn caption(per_child: bool) -> String {
    if per_child {
        format!(
            "Outcome, when it came, and each child's end (ms). {}",
            differs_words()
        )
    } else {
        let [returned, raised, cancelled] = Ending::ALL.map(Ending::legend);
        format!(
            "Outcome, when it came, and how the children ended: {returned}, {raised}, \
             {cancelled} or dropped, and when the last one did (ms). {}",
            differs_words()
        )
    }
}

/// The first row's note: it is the scenario as it stands.
pub const EDITOR_ROW_NOTE: &str = "as in the editor";

/// Where a row's run comes from.
pub fn run_on(combinator: Combinator) -> &'static str {
    if combinator.is_javascript() {
        "real JS promises, real setTimeout"
    } else if combinator == Combinator::TryJoinAll {
        "real futures, virtual clock"
    } else {
        "this library, virtual clock"
    }
}

/// A row whose run is still in flight.
pub fn pending_text(combinator: Combinator) -> &'static str {
    if combinator.is_javascript() {
        "running on real timers…"
    } else {
        "running…"
    }
}

/// How far a time on real timers (the JavaScript rows) may be from the same time on the
/// virtual clock and still be the same time: real timers fire late, by a few ms, by more
/// under load. The lateness the project's own tests allow a real run (Firefox's).
pub const REAL_TIMERS_SLACK_MS: u64 = 60;

/// Whether two times are the same: exactly, on the virtual clock; within
/// [`REAL_TIMERS_SLACK_MS`] when either comes from real timers.
fn same_time(a: u64, b: u64, real: bool) -> bool {
    a.abs_diff(b) <= if real { REAL_TIMERS_SLACK_MS } else { 0 }
}

/// What makes `row` differ from `first` (the first row, the gather the editor holds):
/// its outcome (values, exception, in the order given), how a child ended, or a time
/// beyond what real timers' lateness explains; `None` when they agree. `names` are the
/// root's children's, in argument order.
pub fn difference(row: &Comparison, first: &Comparison, names: &[String]) -> Option<String> {
    let real = row.combinator.is_javascript() || first.combinator.is_javascript();
    let name = |position: usize| {
        names
            .get(position)
            .cloned()
            .unwrap_or_else(|| format!("#{position}"))
    };
    if row.outcome != first.outcome {
        return Some("differs in its outcome".into());
    }
    let ends = row.children.iter().zip(&first.children).enumerate();
    let ended_otherwise = ends
        .clone()
        .find(|(_, (mine, theirs))| match (mine, theirs) {
            (Fate::Finished { status, .. }, Fate::Finished { status: other, .. }) => {
                status != other
            }
            (Fate::Dropped { .. }, Fate::Dropped { .. }) => false,
            _ => true,
        });
    if let Some((position, _)) = ended_otherwise {
        return Some(format!("differs in how {} ended", name(position)));
    }
    if row.children.len() != first.children.len() {
        return Some("differs in its children".into());
    }
    if !same_time(row.done_at_ms, first.done_at_ms, real) {
        return Some(format!(
            "differs in when it came: {} ms against {} ms",
            row.done_at_ms, first.done_at_ms
        ));
    }
    ends.filter(|(_, (mine, theirs))| !same_time(mine.at_ms(), theirs.at_ms(), real))
        .map(|(position, (mine, theirs))| {
            format!(
                "differs in when {} ended: {} ms against {} ms",
                name(position),
                mine.at_ms(),
                theirs.at_ms()
            )
        })
        .next()
}

/// Why this combinator's outcome is what it is, beside `gather` (the plain
/// `asyncio.gather` comparison of the same scenario), in one sentence.
pub fn why(row: &Comparison, scenario: &Scenario, gather: &Comparison) -> String {
    let at = row.done_at_ms;
    let last = row.last_child_ms();
    let nodes = scenario.flatten();
    let has_cancel_times = has_cancel_times(scenario);
    let has_limits = nodes
        .iter()
        .any(|node| matches!(node.view, NodeView::Gather(gather) if gather.limit.is_some()));
    let limits_ignored = if has_limits {
        " Limits are ignored: every child starts at once."
    } else {
        ""
    };
    let guards_ignored = if nodes.iter().any(|node| node.view.guard().is_set()) {
        " Timeouts and shields are asyncio's: ignored here."
    } else {
        ""
    };
    let still_running = row.children.iter().filter(|fate| fate.at_ms() > at).count();
    let same_as_gather = row.outcome == gather.outcome && row.done_at_ms == gather.done_at_ms;
    let sentence = match (row.combinator, &row.outcome) {
        (Combinator::Gather, Status::Ok { .. }) => format!(
            "Every child returned: the values come back in argument order at {at} ms, \
             whatever order they finished in."
        ),
        (Combinator::Gather, Status::Raised { .. }) => {
            format!(
                "The first exception, {} at {at} ms, propagates at once; {} on, until {last} ms.",
                status_words(&row.outcome),
                plural(
                    still_running,
                    "sibling keeps running",
                    "siblings keep running"
                )
            )
        }
        (Combinator::Gather, Status::Cancelled) => format!(
            "Awaiting it raises CancelledError at {at} ms: a child was cancelled, or \
             cancel() was called on the outer."
        ),
        (Combinator::GatherReturnExceptions, _) if same_as_gather => {
            "The same as gather: no child raised, so there was nothing to return in its place."
                .into()
        }
        (Combinator::GatherReturnExceptions, Status::Ok { .. }) => format!(
            "Exceptions (and cancellations) become items of the list instead of \
             propagating, so it waits for every child and returns at {at} ms."
        ),
        (Combinator::GatherReturnExceptions, _) => {
            format!("Cancelling the outer itself still raises CancelledError, at {at} ms.")
        }
        (Combinator::TaskGroup, Status::Raised { .. }) => format!(
            "The first error cancels the other children and the group waits for them \
             (cleanups included), then raises an ExceptionGroup of {} at {at} ms{}.",
            plural(row.errors.len(), "exception", "exceptions"),
            if gather.done_at_ms < at {
                format!(", later than gather's {} ms", gather.done_at_ms)
            } else {
                String::new()
            }
        ),
        (Combinator::TaskGroup, Status::Cancelled) => format!(
            "Cancelling the group cancels every child; it waits for them all and raises \
             CancelledError at {at} ms."
        ),
        (Combinator::TaskGroup, Status::Ok { .. }) => format!(
            "No child raised, so the group ends with every result at {at} ms{}.",
            if same_as_gather {
                ", as gather does"
            } else {
                ""
            }
        ),
        (Combinator::WaitFirstException | Combinator::WaitFirstCompleted, Status::Ok { value }) => {
            let done = value["done"].as_array().map_or(0, Vec::len);
            let pending = value["pending"].as_array().map_or(0, Vec::len);
            let when = if row.combinator == Combinator::WaitFirstException {
                "as soon as a child raised (or all were done)"
            } else {
                "as soon as any child was done"
            };
            format!(
                "Returns {when}, at {at} ms, with {} and {}: it raises nothing and \
                 cancels nothing, so the pending ones run on to {last} ms.",
                plural(done, "child done", "children done"),
                plural(pending, "pending", "pending")
            )
        }
        (Combinator::WaitFirstException | Combinator::WaitFirstCompleted, _) => format!(
            "Cancelling the waiting task ends the wait with CancelledError at {at} ms; the \
             children are not cancelled and run on to {last} ms."
        ),
        (Combinator::AsCompleted, Status::Ok { .. }) => format!(
            "Every child returned: the values come in completion order, the last at {at} \
             ms, not in argument order as gather gives them."
        ),
        (Combinator::AsCompleted, Status::Raised { .. }) => format!(
            "The first exception in completion order, {} at {at} ms, ends the loop as \
             `await` raises it; nothing is cancelled, {} on to {last} ms.",
            status_words(&row.outcome),
            plural(still_running, "child runs", "children run")
        ),
        (Combinator::AsCompleted, Status::Cancelled) => format!(
            "A child that ended cancelled raises CancelledError when its turn comes in the \
             loop, at {at} ms (or the loop itself was cancelled)."
        ),
        (Combinator::TryJoinAll, Status::Ok { .. }) => format!(
            "Nothing failed: the values in order at {at} ms{}.",
            if same_as_gather {
                ", as gather gives them"
            } else {
                ""
            }
        ),
        (Combinator::TryJoinAll, _) => format!(
            "The first error, {} at {at} ms, returns at once and drops every future still \
             running: {} mid-sleep with no cleanup (a dropped future runs no more code){}.",
            status_words(&row.outcome),
            plural(
                row.children
                    .iter()
                    .filter(|fate| matches!(fate, Fate::Dropped { .. }))
                    .count(),
                "child stops",
                "children stop"
            ),
            if has_cancel_times {
                "; a cancel time is an abort, an error like any other"
            } else {
                ""
            }
        ),
        (Combinator::PromiseAll, Status::Ok { .. }) => format!(
            "Resolves with the values in order at {at} ms{}.",
            if has_cancel_times {
                "; cancel times are ignored, since a promise cannot be cancelled"
            } else {
                ""
            }
        ),
        (Combinator::PromiseAll, _) => format!(
            "Rejects with the first rejection at {at} ms, but cancels nothing: {} on to \
             {last} ms{}.",
            plural(still_running, "promise runs", "promises run"),
            if has_cancel_times {
                ", and the cancel times are ignored"
            } else {
                ""
            }
        ),
        (Combinator::PromiseAllSettled, _) => format!(
            "Waits for every promise and reports each as fulfilled or rejected, like \
             return_exceptions=True, at {at} ms{}.",
            if has_cancel_times {
                "; cancel times are ignored, since a promise cannot be cancelled"
            } else {
                ""
            }
        ),
    };
    if matches!(
        row.combinator,
        Combinator::TryJoinAll | Combinator::PromiseAll | Combinator::PromiseAllSettled
    ) {
        sentence + limits_ignored + guards_ignored
    } else {
        sentence
    }
}

#[cfg(test)]
#[path = "compare_words_tests.rs"]
mod tests;
