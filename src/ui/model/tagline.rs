//! The page's first words: what gather does and what one learns here. The app's masthead
//! and the shell that index.html paints before the wasm arrives say them alike (a test
//! below reads index.html).

/// The code the tagline starts with.
pub const TAGLINE_CODE: &str = "asyncio.gather()";
/// The rest of the tagline, after [`TAGLINE_CODE`].
pub const TAGLINE_REST: &str = " runs coroutines concurrently and hands back their results in \
    the order you passed them, not the order they finish. See here how it orders results, \
    passes on exceptions and handles cancellation, exactly as CPython does.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_says_the_tagline_as_the_app_does() {
        let shell = include_str!("../../../index.html");
        let tagline =
            format!(r#"<p class="tagline"><code>{TAGLINE_CODE}</code>{TAGLINE_REST}</p>"#);
        assert!(
            shell.contains(&tagline),
            "index.html's tagline must read: {tagline}"
        );
    }
}
