//! The beginning of a text too long to lay out whole on the page.
//!
//! A 10,000-child scenario is 1.6 MB of JSON and 1.5 MB of code: in a text area or a `<pre>`,
//! the browser spent most of a second laying them out, again on every resize. The page shows
//! their first lines and says how much more there is; copying and downloading take it all.

use crate::ui::model::grouped;
use std::borrow::Cow;

/// How much of a long text a panel shows: about 2,000 lines of JSON or code.
const SHOWN_BYTES: usize = 80_000;

/// The first lines of a text, and what is left out.
pub struct TextHead<'a> {
    /// Ends with a line saying how many more there are, when some are left out.
    pub shown: Cow<'a, str>,
    /// "Showing the first 1,902 of 30,004 lines.", when lines are left out.
    pub note: Option<String>,
}

/// The first whole lines of `text` within about [`SHOWN_BYTES`], or all of it if it fits.
pub fn text_head(text: &str) -> TextHead<'_> {
    if text.len() <= SHOWN_BYTES {
        return TextHead {
            shown: Cow::Borrowed(text),
            note: None,
        };
    }
    let mut end = SHOWN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind('\n').unwrap_or(end);
    let head = &text[..end];
    let shown_lines = head.lines().count();
    let all_lines = text.lines().count();
    TextHead {
        shown: Cow::Owned(format!(
            "{head}\n… ({} more lines)",
            grouped(all_lines - shown_lines)
        )),
        note: Some(format!(
            "Showing the first {} of {} lines.",
            grouped(shown_lines),
            grouped(all_lines)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{text_head, SHOWN_BYTES};

    #[test]
    fn a_short_text_is_shown_whole() {
        let head = text_head("a\nb");
        assert_eq!(head.shown, "a\nb");
        assert_eq!(head.note, None);
    }

    #[test]
    fn a_long_text_is_cut_at_a_line_and_says_how_much_is_left() {
        let line = "é".repeat(99);
        let text = vec![line.as_str(); SHOWN_BYTES / 100].join("\n");
        let head = text_head(&text);
        let lines = text.lines().count();
        let shown = head.shown.lines().count() - 1;
        assert!(head.shown.len() <= SHOWN_BYTES + 40);
        assert!(head
            .shown
            .ends_with(&format!("\n… ({} more lines)", lines - shown)));
        assert!(head.shown.lines().take(shown).all(|shown| shown == line));
        assert_eq!(
            head.note.as_deref(),
            Some(format!("Showing the first {shown} of {lines} lines.").as_str())
        );
    }
}
