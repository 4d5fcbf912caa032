//! What a program is written from (names claimed, what it uses), and the program written
//! out in order, with the imports and helpers it uses and no others.

use super::layout::{push_comment, MAX_WIDTH};
use super::snippets::{
    CANCEL_LATER, HEADER, LIST_VALUE, MAIN, NESTED_GATHER, SPAWN, SPAWN_WAIT_FOR,
    SPAWN_WITH_TIMEOUT, WITH_SLOTS,
};
use crate::codegen::names::{name_functions_and_slots, Namespace};
use crate::codegen::plan::{Node, NodeIndex, Tree};
use crate::scenario::Scenario;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Rust's keywords, clippy's placeholder names and the names the program itself uses: a
/// label named like one of these gets another identifier.
const RESERVED: &str = concat!(
    // Keywords, reserved words and contextual keywords.
    "abstract as async await become box break const continue crate do dyn else enum extern ",
    "false final fn for gen if impl in let loop macro macro_rules match mod move mut override ",
    "priv pub raw ref return safe self static struct super trait true try type typeof union ",
    "unsafe unsized use virtual where while yield ",
    // clippy's `disallowed_names` by default.
    "foo baz quux ",
    // The program's own names.
    "alloc at_ms awaited cancel_later child children clock core cx delay_ms error finished ",
    "gather gather_playground json list_value main main_task nested_gather outcome result ",
    "results return_exceptions run runtime serde_json shield slots spawn spawn_wait_for ",
    "spawn_with_timeout std target timeout_ms value with_slots ",
);

pub(super) struct RustProgram<'a> {
    pub(super) tree: Tree<'a>,
    pub(super) names: Namespace,
    pub(super) functions: HashMap<NodeIndex, String>,
    pub(super) slots: HashMap<NodeIndex, String>,
    /// Each node's variable in `run`, once made (the root's is `outer`).
    pub(super) variables: HashMap<NodeIndex, String>,
    pub(super) cancelled: HashSet<NodeIndex>,
    pub(super) noted: HashSet<&'static str>,
    pub(super) uses: Uses,
}

/// Which helpers and imports the program needs.
#[derive(Default)]
pub(super) struct Uses {
    pub(super) spawn: bool,
    pub(super) slots: bool,
    pub(super) shield: bool,
    pub(super) with_timeout: bool,
    pub(super) wait_for: bool,
    pub(super) nests: bool,
    pub(super) cancels: bool,
}

impl<'a> RustProgram<'a> {
    pub(super) fn new(scenario: &'a Scenario) -> Self {
        let tree = Tree::new(&scenario.root);
        let mut names = Namespace::new(RESERVED.split_whitespace());
        let (functions, slots) = name_functions_and_slots(&tree, &mut names);
        let mut uses = Uses {
            slots: !slots.is_empty(),
            ..Uses::default()
        };
        let cancels = tree.cancels();
        uses.cancels = !cancels.is_empty();
        RustProgram {
            cancelled: cancels.iter().map(|&(_, node)| node).collect(),
            tree,
            names,
            functions,
            slots,
            variables: HashMap::new(),
            noted: HashSet::new(),
            uses,
        }
    }

    pub(super) fn write(mut self) -> String {
        let mut functions = String::new();
        for index in 0..self.tree.nodes.len() {
            if let Node::Future { spec, parent } = self.tree.nodes[index] {
                functions.push('\n');
                functions.push_str(&self.child_function(index, spec, parent));
            }
        }
        let run = self.run_function();
        let mut program = String::from(HEADER);
        program.push_str(&self.imports());
        program.push_str(&functions);
        program.push('\n');
        program.push_str(&run);
        program.push_str(MAIN);
        if self.uses.spawn {
            program.push_str(SPAWN);
        }
        if self.uses.with_timeout {
            program.push_str(SPAWN_WITH_TIMEOUT);
        }
        if self.uses.wait_for {
            program.push_str(SPAWN_WAIT_FOR);
        }
        if self.uses.slots {
            program.push_str(WITH_SLOTS);
        }
        if self.uses.nests {
            program.push_str(NESTED_GATHER);
        }
        program.push_str(LIST_VALUE);
        if self.uses.cancels {
            program.push_str(CANCEL_LATER);
        }
        program
    }

    fn imports(&self) -> String {
        let mut imports = vec!["gather"];
        if self.uses.shield {
            imports.push("shield");
        }
        imports.push("Awaitable");
        imports.push("Exception");
        imports.push("GatherResults");
        imports.push("Runtime");
        if self.uses.slots {
            imports.push("Semaphore");
        }
        if self.uses.cancels {
            imports.push("SoonCallback");
        }
        imports.push("TaskContext");
        imports.push("VirtualClock");
        let joined = imports.join(", ");
        let mut text = if "use gather_playground::{};".len() + joined.len() <= MAX_WIDTH {
            format!("use gather_playground::{{{joined}}};\n")
        } else {
            // rustfmt's layout: as many names a line as fit.
            let mut text = String::from("use gather_playground::{\n");
            let mut line = String::new();
            for import in &imports {
                if !line.is_empty() && 4 + line.len() + 1 + import.len() + 1 > MAX_WIDTH {
                    let _ = writeln!(text, "    {line}");
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(import);
                line.push(',');
            }
            let _ = writeln!(text, "    {line}\n}};");
            text
        };
        text.push_str("use serde_json::{json, Value};\n");
        text
    }

    /// A comment citing a rule, the first time.
    pub(super) fn note(&mut self, out: &mut String, indent: usize, text: &'static str) {
        if self.noted.insert(text) {
            push_comment(out, indent, text);
        }
    }
}
