//! What the page's help says: its keys (what the timeline's colours, patterns and marks
//! mean is the legend's, `segments::legend_entries`, listed whole).

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
    use super::super::segments::{legend_entries, LegendFlags};

    #[test]
    fn the_help_lists_every_entry_a_timeline_may_show() {
        let all = legend_entries(LegendFlags::ALL);
        assert_eq!(all.len(), 13);
        let plain = legend_entries(LegendFlags::default());
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
