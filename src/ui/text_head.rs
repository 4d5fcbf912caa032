//! The beginning of a text too long to lay out whole on the page.
//!
//! A 10,000-child scenario is 1.6 MB of JSON and 1.5 MB of code: in a text area or a `<pre>`,
//! the browser spent most of a second laying them out, again on every resize. The page shows
//! their first lines and says how much more there is; copying and downloading take it all.

use super::numbers::grouped;
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
