//! Names in generated programs: labels turned into identifiers that cannot clash.

use super::plan::{Node, NodeIndex, Tree};
use std::collections::{HashMap, HashSet};

/// The longest identifier base made from a label. Longer labels are cut: a generated
/// statement must stay on one readable line.
const MAX_BASE_CHARS: usize = 30;

/// A label as a lowercase identifier base, or `None` if nothing of it is usable.
///
/// ASCII letters and digits are kept (lowercased); every run of anything else becomes one
/// `_`, and `_` at either end is dropped. A base starting with a digit gets `prefix` in
/// front. Non-ASCII letters are dropped because Python and Rust disagree on which of them
/// may start or continue an identifier.
pub(crate) fn identifier_base(label: &str, prefix: &str) -> Option<String> {
    let mut base = String::new();
    let mut pending_separator = false;
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_separator && !base.is_empty() {
                base.push('_');
            }
            pending_separator = false;
            base.push(c.to_ascii_lowercase());
        } else {
            pending_separator = true;
        }
        if base.len() >= MAX_BASE_CHARS {
            break;
        }
    }
    base.truncate(MAX_BASE_CHARS);
    let base = base.trim_end_matches('_');
    match base.chars().next() {
        None => None,
        Some(first) if first.is_ascii_digit() => Some(format!("{prefix}{base}")),
        Some(_) => Some(base.to_owned()),
    }
}

/// Whether `name` is an ASCII identifier: a letter or `_`, then letters, digits or `_`.
pub(crate) fn is_ascii_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The identifiers of one generated program: each name is given out once, and never a
/// reserved one (keywords, and names the program itself uses).
#[derive(Clone)]
pub(crate) struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` are already taken.
    pub(crate) fn new<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Namespace {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// `base` itself if it is free, else the first free of `base_2`, `base_3`, ...
    pub(crate) fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut suffix = 1_usize;
        while self.taken.contains(&name) {
            suffix += 1;
            name = format!("{base}_{suffix}");
        }
        self.taken.insert(name.clone());
        name
    }
}

/// Names every future's coroutine function (from its label, else `child_<n>`) and every
/// gather's semaphore where its limit applies to a future child (`main_slots`,
/// `<label>_slots`; only future children are limited), in preorder: the Python and the Rust
/// program name them alike.
pub(crate) fn name_functions_and_slots(
    tree: &Tree<'_>,
    names: &mut Namespace,
) -> (HashMap<NodeIndex, String>, HashMap<NodeIndex, String>) {
    let (mut functions, mut slots) = (HashMap::new(), HashMap::new());
    let mut futures = 0;
    for (index, node) in tree.nodes.iter().enumerate() {
        match node {
            Node::Future { spec, .. } => {
                futures += 1;
                let base = identifier_base(&spec.label, "child_")
                    .unwrap_or_else(|| format!("child_{futures}"));
                functions.insert(index, names.claim(&base));
            }
            Node::Gather { spec, children } => {
                let limits_a_child = children
                    .iter()
                    .any(|&child| matches!(tree.nodes[child], Node::Future { .. }));
                if spec.limit.is_some() && limits_a_child {
                    let base = if index == 0 {
                        "main".to_owned()
                    } else {
                        identifier_base(&spec.label, "inner_").unwrap_or_else(|| "inner".to_owned())
                    };
                    slots.insert(index, names.claim(&format!("{base}_slots")));
                }
            }
        }
    }
    (functions, slots)
}

#[cfg(test)]
mod tests {
    use super::{identifier_base, is_ascii_identifier, Namespace};

    #[test]
    fn labels_become_lowercase_snake_case() {
        assert_eq!(
            identifier_base("fetch A", "child_").as_deref(),
            Some("fetch_a")
        );
        assert_eq!(
            identifier_base("  Slow--C!! ", "child_").as_deref(),
            Some("slow_c")
        );
        assert_eq!(
            identifier_base("a\nb\"c\\d", "child_").as_deref(),
            Some("a_b_c_d")
        );
        assert_eq!(
            identifier_base("</script>", "child_").as_deref(),
            Some("script")
        );
        assert_eq!(
            identifier_base("café 🎉 au lait", "x_").as_deref(),
            Some("caf_au_lait")
        );
    }

    #[test]
    fn a_label_starting_with_a_digit_is_prefixed() {
        assert_eq!(
            identifier_base("2 fast", "child_").as_deref(),
            Some("child_2_fast")
        );
        assert_eq!(identifier_base("_9", "inner_").as_deref(), Some("inner_9"));
    }

    #[test]
    fn labels_with_nothing_usable_give_no_base() {
        for label in ["", " ", "___", "🎉", "\"\"\"", "日本語"] {
            assert_eq!(identifier_base(label, "child_"), None, "{label:?}");
        }
    }

    #[test]
    fn long_labels_are_cut_without_a_trailing_underscore() {
        let base = identifier_base(&"word ".repeat(50), "child_").unwrap_or_default();
        assert!(base.len() <= 30, "{base}");
        assert!(
            base.starts_with("word_word") && !base.ends_with('_'),
            "{base}"
        );
        assert_eq!(identifier_base(&"é".repeat(200), "child_"), None);
    }

    #[test]
    fn claims_are_unique_and_avoid_reserved_names() {
        let mut names = Namespace::new(["main", "print"]);
        assert_eq!(names.claim("fetch"), "fetch");
        assert_eq!(names.claim("fetch"), "fetch_2");
        assert_eq!(names.claim("fetch"), "fetch_3");
        assert_eq!(names.claim("main"), "main_2");
        assert_eq!(names.claim("fetch_2"), "fetch_2_2");
        assert_eq!(names.claim("print"), "print_2");
    }

    #[test]
    fn ascii_identifiers_are_recognised() {
        assert!(is_ascii_identifier("ValueError"));
        assert!(is_ascii_identifier("_private9"));
        assert!(!is_ascii_identifier(""));
        assert!(!is_ascii_identifier("9lives"));
        assert!(!is_ascii_identifier("Bad-Name"));
        assert!(!is_ascii_identifier("Ünïcode"));
    }
}
