//! How lines are laid out: a call on one line if it fits, else one argument a line, as
//! black would; comments wrapped at the same length.

use std::fmt::Write;

/// Lines longer than this are split, one argument a line, as black would.
const MAX_LINE: usize = 88;

/// A call or a name, to be laid out on one line or one argument a line.
pub(super) enum Doc {
    Text(String),
    Call {
        head: &'static str,
        /// Each argument, with the comment above it.
        args: Vec<(Option<String>, Doc)>,
    },
}

impl Doc {
    pub(super) fn call(head: &'static str, args: Vec<(Option<String>, Doc)>) -> Doc {
        Doc::Call { head, args }
    }

    /// The doc on one line, if it has no comment.
    fn flat(&self) -> Option<String> {
        match self {
            Doc::Text(text) => Some(text.clone()),
            Doc::Call { head, args } => {
                let mut text = String::from(*head);
                for (position, (comment, arg)) in args.iter().enumerate() {
                    if comment.is_some() {
                        return None;
                    }
                    if position > 0 {
                        text.push_str(", ");
                    }
                    text.push_str(&arg.flat()?);
                }
                text.push(')');
                Some(text)
            }
        }
    }
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// Writes `doc` at `indent`, after `prefix` on its first line and before `suffix` on its
/// last: on one line if it fits, else one argument a line, each argument laid out alike.
pub(super) fn render(doc: &Doc, indent: usize, prefix: &str, suffix: &str, out: &mut String) {
    let pad = " ".repeat(indent);
    if let Some(flat) = doc.flat() {
        if indent + width(prefix) + width(&flat) + width(suffix) <= MAX_LINE {
            let _ = writeln!(out, "{pad}{prefix}{flat}{suffix}");
            return;
        }
    }
    match doc {
        Doc::Text(text) => {
            let _ = writeln!(out, "{pad}{prefix}{text}{suffix}");
        }
        Doc::Call { head, args } => {
            let _ = writeln!(out, "{pad}{prefix}{head}");
            for (comment, arg) in args {
                if let Some(comment) = comment {
                    push_comment(out, indent + 4, comment);
                }
                render(arg, indent + 4, "", ",", out);
            }
            let _ = writeln!(out, "{pad}){suffix}");
        }
    }
}

/// `text` as `# ` comment lines at `indent`, wrapped at the line length.
pub(super) fn push_comment(out: &mut String, indent: usize, text: &str) {
    let pad = " ".repeat(indent);
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent + 2 + width(&line) + 1 + width(word) > MAX_LINE {
            let _ = writeln!(out, "{pad}# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{pad}# {line}");
    }
}

/// `{open}{items}{close}` on one line if it fits at `indent`, else one item a line.
pub(super) fn wrapped(open: &str, items: &[String], close: &str, indent: usize) -> String {
    let one_line = format!("{open}{}{close}", items.join(", "));
    if indent + width(&one_line) <= MAX_LINE {
        return one_line;
    }
    let pad = " ".repeat(indent + 4);
    let mut statement = format!("{open}\n");
    for item in items {
        let _ = writeln!(statement, "{pad}{item},");
    }
    statement.push_str(&" ".repeat(indent));
    statement.push_str(close);
    statement
}
