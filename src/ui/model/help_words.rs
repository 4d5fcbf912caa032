//! What the page's help says: its keys, and what the timeline's colours, patterns and marks
//! mean, said once (the legend under the timeline reads it from here too).

use super::wording::Ending;

/// Which of the entries that not every timeline needs are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LegendShown {
    /// Some child waits for a slot of a limit.
    pub limited: bool,
    /// Some node has a timeout or a shield.
    pub guarded: bool,
    /// Some node has a timeout.
    pub timeouts: bool,
    /// The planned bars' handles can be dragged.
    pub draggable: bool,
}

impl LegendShown {
    /// Every entry: what the help lists.
    pub const ALL: LegendShown = LegendShown {
        limited: true,
        guarded: true,
        timeouts: true,
        draggable: true,
    };
}

/// The legend's entries in order: each swatch's style class and its words.
pub fn legend_entries(shown: LegendShown) -> Vec<(&'static str, String)> {
    let mut entries = vec![("running", "running".to_owned())];
    entries.extend(
        Ending::ALL
            .iter()
            .map(|ending| (ending.class(), ending.legend())),
    );
    if shown.limited {
        entries.push(("waiting", "waiting for a slot (limit)".into()));
    }
    entries.extend([
        ("cleanup", "caught the cancellation, cleaning up".into()),
        (
            "cancel-requested",
            "cancel requested, not finished yet".into(),
        ),
        ("orphan", "still running after its gather completed".into()),
        (
            "cancel-call",
            "cancel() called, with what it returned".into(),
        ),
    ]);
    if shown.timeouts {
        entries.push(("timeout-mark", "timeout fired: wait_for cancels".into()));
    }
    if shown.guarded {
        entries.push((
            "received",
            "thin line: its wait_for or shield, as its gather awaits it, to what that gave".into(),
        ));
    }
    let drag = if shown.draggable {
        " (drag its handle, or use arrow keys)"
    } else {
        ""
    };
    entries.push(("planned", format!("planned sleep{drag}")));
    entries
}

/// The keys and controls the help lists, each with what it does.
pub const HELP_KEYS: [(&str, &str); 9] = [
    (
        "Ctrl/⌘+Enter",
        "Run the scenario, from anywhere on the page.",
    ),
    (
        "Ctrl/⌘+Z",
        "Undo an edit of the scenario, or a preset or JSON loaded over it.",
    ),
    ("Shift+Ctrl/⌘+Z", "Redo what was undone."),
    (
        "Tab, Shift+Tab",
        "Move from control to control; the links at the very top of the page skip to each panel.",
    ),
    (
        "Enter, Space or ?",
        "On a why? button or a lane's name in the timeline: why it happened, with the rule that \
         decided it.",
    ),
    (
        "← → ↑ ↓, Home",
        "On a planned bar's handle: its sleep 10 ms longer or shorter (with Shift, 100 ms), or 0.",
    ),
    (
        "◀ Step back, Step forward ▶",
        "Replay the run shown event by event; the Playhead slider (arrow keys) moves through it \
         by time, Whole run shows all of it again.",
    ),
    (
        "Call cancel() on …",
        "During a run: cancel() on a running node, as your code would call it; the timeline \
         marks what it returned.",
    ),
    ("Escape", "Close this help."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_entry_a_timeline_may_show() {
        let all = legend_entries(LegendShown::ALL);
        assert_eq!(all.len(), 12);
        let plain = legend_entries(LegendShown::default());
        assert!(plain
            .iter()
            .all(|entry| all.iter().any(|listed| listed.0 == entry.0)));
        assert_eq!(plain.last().unwrap().1, "planned sleep");
        assert_eq!(
            all.last().unwrap().1,
            "planned sleep (drag its handle, or use arrow keys)"
        );
    }
}
