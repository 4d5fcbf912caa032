//! How lines are laid out, as rustfmt lays them out: calls and arrays on one line when they
//! fit its widths, else one item a line; comments wrapped.

use std::fmt::Write;

/// rustfmt's defaults: `max_width`, `fn_call_width` and `array_width`,
/// `short_array_element_width_threshold`.
pub(super) const MAX_WIDTH: usize = 100;
pub(super) const CALL_WIDTH: usize = 60;
const SHORT_ITEM: usize = 10;
/// Comments are wrapped narrower than code, to read easily.
const COMMENT_WIDTH: usize = 92;

/// `text` as `// ` comment lines at `indent`, wrapped at rustfmt's width.
pub(super) fn push_comment(out: &mut String, indent: usize, text: &str) {
    let pad = " ".repeat(indent);
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent + 3 + width(&line) + 1 + width(word) > COMMENT_WIDTH {
            let _ = writeln!(out, "{pad}// {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{pad}// {line}");
    }
}

/// `head` + the arguments + `tail`, on one line when they fit in rustfmt's widths (the
/// arguments with `callee` more characters in its call width), else one argument a line.
pub(super) fn call(
    head: &str,
    arguments: &[String],
    tail: &str,
    indent: usize,
    callee: usize,
) -> String {
    let joined = arguments.join(", ");
    if callee + width(&joined) <= CALL_WIDTH
        && width(head) + width(&joined) + width(tail) <= MAX_WIDTH
    {
        return format!("{head}{joined}{tail}\n");
    }
    let pad = " ".repeat(indent + 4);
    let mut text = format!("{head}\n");
    for argument in arguments {
        let _ = writeln!(text, "{pad}{argument},");
    }
    let _ = writeln!(text, "{}{tail}", " ".repeat(indent));
    text
}

/// `let name = callee(arguments);` (or `callee(arguments);`) in `run`, as rustfmt lays it
/// out: on one line if it fits (the arguments in the call width), else with the call on
/// the next line if it fits there, else one argument a line.
pub(super) fn call_statement(name: Option<&str>, callee: &str, arguments: &[String]) -> String {
    let joined = arguments.join(", ");
    let lhs = name
        .map(|name| format!("let {name} = "))
        .unwrap_or_default();
    let fits_call =
        width(&joined) <= CALL_WIDTH && arguments.iter().all(|argument| nested_call_fits(argument));
    let flat = format!("{callee}({joined});");
    if fits_call && 4 + width(&lhs) + width(&flat) <= MAX_WIDTH {
        return format!("    {lhs}{flat}\n");
    }
    if fits_call && !lhs.is_empty() && 8 + width(&flat) <= MAX_WIDTH {
        return format!("    {}\n        {flat}\n", lhs.trim_end());
    }
    let mut text = format!("    {lhs}{callee}(\n");
    for argument in arguments {
        match split_call(argument) {
            Some((inner, inner_arguments)) if !call_fits(argument, 8, 1) => {
                let _ = writeln!(text, "        {inner}(");
                for inner_argument in inner_arguments {
                    let _ = writeln!(text, "            {inner_argument},");
                }
                text.push_str("        ),\n");
            }
            _ => {
                let _ = writeln!(text, "        {argument},");
            }
        }
    }
    text.push_str("    );\n");
    text
}

/// Whether a call among the arguments (`shield(&runtime, x)`, `with_slots(&s, f)`) fits
/// its own call width.
fn nested_call_fits(argument: &str) -> bool {
    match split_call(argument) {
        Some((_, arguments)) => width(&arguments.join(", ")) <= CALL_WIDTH,
        None => true,
    }
}

/// Whether `argument` fits on one line at `indent`, followed by `suffix` characters.
fn call_fits(argument: &str, indent: usize, suffix: usize) -> bool {
    nested_call_fits(argument) && indent + width(argument) + suffix <= MAX_WIDTH
}

/// `callee(a, b)` as `("callee", ["a", "b"])`, for the calls `run` passes as arguments
/// (whose arguments hold no commas of their own).
fn split_call(argument: &str) -> Option<(&str, Vec<&str>)> {
    let open = argument.find('(')?;
    let inner = argument.strip_suffix(')')?;
    let callee = &argument[..open];
    if callee.is_empty() || callee.contains(' ') {
        return None;
    }
    Some((callee, inner[open + 1..].split(", ").collect()))
}

pub(super) fn gather_statement(
    name: &str,
    function: &str,
    items: &[String],
    return_exceptions: bool,
) -> String {
    let head = format!("    let {name} = {function}(");
    let flag = return_exceptions.to_string();
    let array = if items.is_empty() && function == "gather" {
        // An empty array would leave the children's type to guess.
        "Vec::<Awaitable<Value>>::new()".to_owned()
    } else {
        format!("[{}]", items.join(", "))
    };
    let arguments = ["&runtime".to_owned(), array, flag.clone()];
    let joined = arguments.join(", ");
    if width(&joined) <= CALL_WIDTH && width(&head) + width(&joined) + 2 <= MAX_WIDTH {
        return format!("{head}{joined});\n");
    }
    let mut text = format!("{head}\n        &runtime,\n");
    text.push_str(&array_argument(items, 8));
    let _ = writeln!(text, "        {flag},\n    );");
    text
}

/// How wide rustfmt takes `text` to be, near enough: one column a character (it counts
/// wide characters, such as emoji, as two).
pub(super) fn width(text: &str) -> usize {
    text.chars().count()
}

/// An array as a call's argument at `indent`, laid out as rustfmt lays it out: on one line
/// when it fits, else several short plain names a line, else one item a line.
pub(super) fn array_argument(items: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let joined = items.join(", ");
    if width(&joined) <= CALL_WIDTH && indent + width(&joined) + 3 <= MAX_WIDTH {
        return format!("{pad}[{joined}],\n");
    }
    let inner = " ".repeat(indent + 4);
    let mut text = format!("{pad}[\n");
    let short = items
        .iter()
        .all(|item| width(item) <= SHORT_ITEM && !item.contains('.'));
    if short {
        let mut line = String::new();
        for item in items {
            if !line.is_empty() && indent + 4 + width(&line) + 1 + width(item) + 1 > MAX_WIDTH {
                let _ = writeln!(text, "{inner}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(item);
            line.push(',');
        }
        let _ = writeln!(text, "{inner}{line}");
    } else {
        for item in items {
            let _ = writeln!(text, "{inner}{item},");
        }
    }
    let _ = writeln!(text, "{pad}],");
    text
}
