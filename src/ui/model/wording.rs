//! How the page names nodes and tells what happened to them: one place for each wording.
//!
//! Just over 400 lines: every name and status wording the page shows, side by side, so that
//! none is ever written a second time elsewhere.

use gather_playground::codegen::python_repr;
use gather_playground::scenario::{CancelSource, Guard, NodeId, Status};

/// What the page calls a node, everywhere (editor, timeline, log, results, Compare): its
/// label, or without one what it is and its number (the `#number` the cancel search takes:
/// its place in the scenario, the root being 0).
pub fn node_name(label: &str, node: NodeId, is_gather: bool) -> String {
    match (label.is_empty(), node, is_gather) {
        (false, _, _) => label.to_owned(),
        (true, 0, _) => "the outer gather".into(),
        (true, _, true) => format!("gather #{node}"),
        (true, _, false) => format!("child #{node}"),
    }
}

/// How a node ended, for its colour, its glyph and its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Returned,
    Raised,
    Cancelled,
}

impl Ending {
    pub const ALL: [Ending; 3] = [Ending::Returned, Ending::Raised, Ending::Cancelled];

    pub fn of(status: &Status) -> Ending {
        match status {
            Status::Ok { .. } => Ending::Returned,
            Status::Raised { .. } => Ending::Raised,
            Status::Cancelled => Ending::Cancelled,
        }
    }

    /// The mark beside a bar's end, in Compare's cells and in the legends.
    pub fn glyph(self) -> &'static str {
        match self {
            Ending::Returned => "✓",
            Ending::Raised => "✗",
            Ending::Cancelled => "⊘",
        }
    }

    /// The style class of its bars and rows (the stylesheet's colours and patterns).
    pub fn class(self) -> &'static str {
        match self {
            Ending::Returned => "ok",
            Ending::Raised => "raised",
            Ending::Cancelled => "cancelled",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Ending::Returned => "returned",
            Ending::Raised => "raised",
            Ending::Cancelled => "cancelled",
        }
    }

    /// "returned ✓": a legend's entry.
    pub fn legend(self) -> String {
        format!("{} {}", self.word(), self.glyph())
    }
}

/// The style class of a node so far: how it ended, or running.
pub fn status_class(status: Option<&Status>) -> &'static str {
    status.map_or("running", |status| Ending::of(status).class())
}

/// Lists longer than this are shown by their first items and their length.
const LONG_LIST: usize = 24;
const LONG_LIST_HEAD: usize = 10;

/// A gather's limit in the editor: what it is, a semaphore each child enters, which
/// `asyncio.gather` itself has no parameter for.
pub const SEMAPHORE_LABEL: &str = "Semaphore: children at once";
pub const SEMAPHORE_PLACEHOLDER: &str = "no semaphore";
pub const SEMAPHORE_HINT: &str = "asyncio.Semaphore(N): each child does async with sem: \
     before its work. Not a gather parameter.";

/// A status in words, as Python would put it: "returned [1, 'b']", "raised ValueError:
/// boom", "was cancelled (CancelledError)".
pub fn describe_status(status: &Status) -> String {
    match status {
        Status::Ok {
            value: serde_json::Value::Array(items),
        } if items.len() > LONG_LIST => {
            let head: Vec<String> = items[..LONG_LIST_HEAD].iter().map(python_repr).collect();
            format!(
                "returned a list of {} values: [{}, …]",
                items.len(),
                head.join(", ")
            )
        }
        Status::Ok { value } => format!("returned {}", python_repr(value)),
        Status::Raised { exception, message } if message.is_empty() => {
            format!("raised {exception}")
        }
        Status::Raised { exception, message } => format!("raised {exception}: {message}"),
        Status::Cancelled => "was cancelled (CancelledError)".into(),
    }
}

/// A child's slot in the result list, short: its value, or how it ended.
pub fn slot_words(status: Option<&Status>) -> String {
    match status {
        Some(Status::Ok { value }) => python_repr(value),
        Some(Status::Raised { exception, .. }) => format!("raised {exception}"),
        Some(Status::Cancelled) => "cancelled".into(),
        None => "…".into(),
    }
}

/// Who called `cancel()`, as the log says it; `name` names a node by its id.
pub fn cancel_source_words(source: CancelSource, name: impl Fn(NodeId) -> String) -> String {
    match source {
        CancelSource::Scheduled => "scheduled".to_owned(),
        CancelSource::User => "you".to_owned(),
        CancelSource::Gather { gather } => format!("passed on by {}", name(gather)),
        CancelSource::TaskGroup => "by the TaskGroup".to_owned(),
        CancelSource::Timeout => "by its timeout".to_owned(),
        CancelSource::WaitFor => "passed on by its wait_for".to_owned(),
    }
}

/// What a parent awaits for a node with a guard, as Python writes it: `wait_for(A)`,
/// `shield(A)`, `wait_for(shield(A))`; the node's name alone without one.
pub fn guarded_name(name: &str, guard: Guard) -> String {
    match (guard.timeout_ms.is_some(), guard.shield) {
        (false, false) => name.to_owned(),
        (true, false) => format!("wait_for({name})"),
        (false, true) => format!("shield({name})"),
        (true, true) => format!("wait_for(shield({name}))"),
    }
}

/// What a `cancel()` was called on, for the log: a gather (or the TaskGroup) passing a
/// cancellation on cancels what it was given (`wait_for(A)`'s task, `shield(A)`), and
/// `wait_for` cancels what it awaits (`A`, or `shield(A)`); a scheduled or hand-made cancel
/// is the node's own.
pub fn cancelled_name(name: &str, guard: Guard, source: CancelSource) -> String {
    match source {
        CancelSource::Scheduled | CancelSource::User => name.to_owned(),
        CancelSource::Timeout | CancelSource::WaitFor if guard.shield => format!("shield({name})"),
        CancelSource::Timeout | CancelSource::WaitFor => name.to_owned(),
        CancelSource::Gather { .. } | CancelSource::TaskGroup => guarded_name(name, guard),
    }
}

/// The log's line for a node's timeout firing (rule W1; W4 with a shield).
pub fn timeout_fired_words(name: &str, guard: Guard, is_gather: bool) -> String {
    let after = guard
        .timeout_ms
        .map_or_else(String::new, |ms| format!(" ({ms} ms)"));
    if guard.shield {
        format!(
            "{name}'s timeout{after} fired: wait_for cancels shield({name}) and raises \
             TimeoutError; {name} itself runs on"
        )
    } else if is_gather {
        format!(
            "{name}'s timeout{after} fired: wait_for cancels {name}, so every child still \
             running, and waits for them to end"
        )
    } else {
        format!("{name}'s timeout{after} fired: wait_for cancels {name} and waits for it to end")
    }
}

/// What a parent got in a node's place, short: `TimeoutError`, `CancelledError`, `2`.
pub fn got_words(status: &Status) -> String {
    match status {
        Status::Ok { value } => python_repr(value),
        Status::Raised { exception, message } if message.is_empty() => exception.clone(),
        Status::Raised { exception, message } => format!("{exception}: {message}"),
        Status::Cancelled => "CancelledError".into(),
    }
}

/// The log's line for what a node's parent received through its guard: `parent` names the
/// gather that awaits it, `None` for the root (main awaits it); `runs_on` when the node
/// itself has not ended yet (a shield's work going on).
pub fn received_words(
    name: &str,
    guard: Guard,
    parent: Option<&str>,
    status: &Status,
    runs_on: bool,
) -> String {
    let through = guarded_name(name, guard);
    let got = match (parent, status) {
        (None, Status::Ok { .. }) => format!("await {through} returned {}", got_words(status)),
        (None, _) => format!("await {through} raised {}", got_words(status)),
        (Some(parent), _) => format!("{parent} got {} from {through}", got_words(status)),
    };
    if runs_on {
        format!("{got}; {name} itself runs on")
    } else {
        got
    }
}

/// Python's spelling of what `cancel()` returned.
pub fn python_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// A panel that comes later (Compare and explore, the code), while its module loads.
pub const PANEL_LOADING: &str = "Loading this panel…";
/// The same, when its module did not load.
pub const PANEL_FAILED: &str = "This panel did not load (is the page offline?).";

/// Where the prediction would be while the draft has errors.
pub const FIX_TO_PREDICT: &str = "Fix the fields marked in red to see the predicted timeline.";
/// Over the last valid scenario's prediction, dimmed, while the draft has errors.
pub const STALE_PREDICTION: &str =
    "Dimmed below: the prediction of the last valid scenario, not of the one with errors.";

/// Why Run is disabled, if it is: how many fields are wrong.
pub fn run_blocked(fields: usize) -> Option<String> {
    match fields {
        0 => None,
        1 => Some("Can't run yet: 1 field needs fixing (marked in red).".to_owned()),
        many => Some(format!(
            "Can't run yet: {many} fields need fixing (marked in red)."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_node_without_a_label_is_named_by_its_number() {
        assert_eq!(node_name("fetch", 3, false), "fetch");
        assert_eq!(node_name("", 0, true), "the outer gather");
        assert_eq!(node_name("main", 0, true), "main");
        assert_eq!(node_name("", 4, true), "gather #4");
        assert_eq!(node_name("", 5, false), "child #5");
    }

    #[test]
    fn statuses_in_words_glyphs_and_classes() {
        let ok = Status::Ok {
            value: json!([1, "it's", {"exception": "ValueError", "message": ""}]),
        };
        assert_eq!(
            describe_status(&ok),
            r#"returned [1, "it's", ValueError()]"#
        );
        let raised = Status::Raised {
            exception: "ZeroDivisionError".into(),
            message: "division by zero".into(),
        };
        assert_eq!(
            describe_status(&raised),
            "raised ZeroDivisionError: division by zero"
        );
        let bare = Status::Raised {
            exception: "KeyError".into(),
            message: String::new(),
        };
        assert_eq!(describe_status(&bare), "raised KeyError");
        assert_eq!(
            describe_status(&Status::Cancelled),
            "was cancelled (CancelledError)"
        );
        let long = Status::Ok {
            value: json!((0..1000).collect::<Vec<_>>()),
        };
        assert_eq!(
            describe_status(&long),
            "returned a list of 1000 values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]"
        );
        assert_eq!(
            Ending::ALL.map(|ending| ending.legend()),
            ["returned ✓", "raised ✗", "cancelled ⊘"]
        );
        assert_eq!(status_class(Some(&raised)), "raised");
        assert_eq!(status_class(None), "running");
        assert_eq!(slot_words(Some(&raised)), "raised ZeroDivisionError");
        assert_eq!(slot_words(Some(&Status::Ok { value: json!("b") })), "'b'");
        assert_eq!(slot_words(Some(&Status::Cancelled)), "cancelled");
        assert_eq!(slot_words(None), "…");
    }

    #[test]
    fn timeouts_shields_and_what_a_parent_received_in_words() {
        let timeout = Guard {
            timeout_ms: Some(100),
            shield: false,
        };
        let shield = Guard {
            timeout_ms: None,
            shield: true,
        };
        let both = Guard {
            timeout_ms: Some(50),
            shield: true,
        };
        assert_eq!(guarded_name("A", Guard::default()), "A");
        assert_eq!(guarded_name("A", timeout), "wait_for(A)");
        assert_eq!(guarded_name("A", shield), "shield(A)");
        assert_eq!(guarded_name("A", both), "wait_for(shield(A))");
        assert_eq!(
            timeout_fired_words("A", timeout, false),
            "A's timeout (100 ms) fired: wait_for cancels A and waits for it to end"
        );
        assert_eq!(
            timeout_fired_words("main", timeout, true),
            "main's timeout (100 ms) fired: wait_for cancels main, so every child still \
             running, and waits for them to end"
        );
        assert_eq!(
            timeout_fired_words("A", both, false),
            "A's timeout (50 ms) fired: wait_for cancels shield(A) and raises TimeoutError; \
             A itself runs on"
        );
        let timeout_error = Status::Raised {
            exception: "TimeoutError".into(),
            message: String::new(),
        };
        assert_eq!(
            received_words("A", timeout, Some("main"), &timeout_error, false),
            "main got TimeoutError from wait_for(A)"
        );
        assert_eq!(
            received_words("A", shield, Some("main"), &Status::Cancelled, true),
            "main got CancelledError from shield(A); A itself runs on"
        );
        assert_eq!(
            received_words("B", both, Some("g"), &Status::Ok { value: json!(2) }, false),
            "g got 2 from wait_for(shield(B))"
        );
        assert_eq!(
            received_words("main", timeout, None, &timeout_error, false),
            "await wait_for(main) raised TimeoutError"
        );
        assert_eq!(
            received_words(
                "main",
                timeout,
                None,
                &Status::Ok { value: json!([1]) },
                false
            ),
            "await wait_for(main) returned [1]"
        );
        // Whose cancel() the log names: a gather's reaches the shield, a scheduled one the node.
        let gather = CancelSource::Gather { gather: 0 };
        assert_eq!(cancelled_name("A", shield, gather), "shield(A)");
        assert_eq!(cancelled_name("A", both, gather), "wait_for(shield(A))");
        assert_eq!(
            cancelled_name("A", both, CancelSource::Timeout),
            "shield(A)"
        );
        assert_eq!(cancelled_name("A", shield, CancelSource::Scheduled), "A");
        assert_eq!(cancelled_name("A", timeout, gather), "wait_for(A)");
        assert_eq!(cancelled_name("A", timeout, CancelSource::Timeout), "A");
        assert_eq!(cancelled_name("A", Guard::default(), gather), "A");
    }

    #[test]
    fn cancel_sources_and_run_blocks() {
        let name = |node: NodeId| format!("n{node}");
        assert_eq!(
            cancel_source_words(CancelSource::Scheduled, name),
            "scheduled"
        );
        assert_eq!(cancel_source_words(CancelSource::User, name), "you");
        assert_eq!(
            cancel_source_words(CancelSource::Gather { gather: 2 }, name),
            "passed on by n2"
        );
        assert_eq!(
            cancel_source_words(CancelSource::TaskGroup, name),
            "by the TaskGroup"
        );
        assert_eq!(
            cancel_source_words(CancelSource::Timeout, name),
            "by its timeout"
        );
        assert_eq!(
            cancel_source_words(CancelSource::WaitFor, name),
            "passed on by its wait_for"
        );
        assert_eq!(run_blocked(0), None);
        assert_eq!(
            run_blocked(1).as_deref(),
            Some("Can't run yet: 1 field needs fixing (marked in red).")
        );
        assert_eq!(
            run_blocked(3).as_deref(),
            Some("Can't run yet: 3 fields need fixing (marked in red).")
        );
    }
}
