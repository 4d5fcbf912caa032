//! How the page names nodes and tells what happened to them: one place for each wording.

use gather_playground::codegen::python_repr;
use gather_playground::scenario::{CancelSource, NodeId, Status};

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
        CancelSource::Timeout => "its timeout".to_owned(),
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
            "its timeout"
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
