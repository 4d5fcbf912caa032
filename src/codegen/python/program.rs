//! What a program is written from (names claimed, `main()` planned), and the program
//! written out in order.

use super::children::ChildNote;
use super::exceptions::ExceptionClasses;
use super::order::plan_main;
use super::snippets::{HEADER, HEADER_GUARDS, HEADER_INSTRUMENTED, HELPERS, OUTCOME, WATCH};
use super::statements::{Functions, Main, Note, Style};
use crate::codegen::names::{name_functions_and_slots, Namespace};
use crate::codegen::plan::{Node, NodeIndex, Tree};
use crate::scenario::{GatherSpec, NodeSpec, ResultSpec, Scenario};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Python's keywords and built-in names, and the names the program itself uses: a label
/// or exception named like one of these gets another identifier.
const RESERVED: &str = concat!(
    // Keywords.
    "False None True and as assert async await break class continue def del elif else except ",
    "finally for from global if import in is lambda nonlocal not or pass raise return try ",
    "while with yield ",
    // Built-in names (Python 3.11 to 3.13).
    "ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup ",
    "BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ",
    "ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError ",
    "DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ",
    "ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning ",
    "GeneratorExit IOError ImportError ImportWarning IndentationError IndexError ",
    "InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ",
    "ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError ",
    "OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ",
    "PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError ",
    "RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError ",
    "SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError ",
    "UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ",
    "ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ ",
    "__loader__ __name__ __package__ __spec__ abs aiter all anext any ascii bin bool ",
    "breakpoint bytearray bytes callable chr classmethod compile complex copyright credits ",
    "delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr ",
    "globals hasattr hash help hex id input int isinstance issubclass iter len license list ",
    "locals map max memoryview min next object oct open ord pow print property quit range ",
    "repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars ",
    "zip ",
    // The programs' own names.
    "asyncio done error how item json loop main message_of outcome report ",
    "results start sys to_json watch with_slot ",
);

/// Everything a program is written from.
pub(super) struct Program<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) tree: Tree<'a>,
    pub(super) style: Style,
    pub(super) exceptions: ExceptionClasses,
    pub(super) functions: Functions,
    /// Each limited gather's semaphore.
    pub(super) slots: HashMap<NodeIndex, String>,
    pub(super) main: Main,
    /// The notes written so far: each rule is cited once.
    pub(super) noted: HashSet<Note>,
    pub(super) child_notes: HashSet<ChildNote>,
}

impl<'a> Program<'a> {
    pub(super) fn new(scenario: &'a Scenario, style: Style) -> Self {
        let tree = Tree::new(&scenario.root);
        let mut names = Namespace::new(RESERVED.split_whitespace());
        // The root gather's variable, if it needs one, before any label can take it.
        let root = names.claim("outer");
        let exceptions = ExceptionClasses::new(&scenario.root, &mut names);
        let (function_names, slots) = name_functions_and_slots(&tree, &mut names);
        let functions = Functions {
            names: function_names,
            root,
        };
        let (main, _) = plan_main(&tree, &functions, &names, style);
        Program {
            scenario,
            tree,
            style,
            exceptions,
            functions,
            slots,
            main,
            noted: HashSet::new(),
            child_notes: HashSet::new(),
        }
    }

    pub(super) fn write(mut self) -> String {
        let guarded = self.tree.nodes.iter().any(|node| node.guard().is_set());
        let mut program = String::from(if self.style.instrumented {
            HEADER_INSTRUMENTED
        } else {
            HEADER
        });
        if guarded {
            program.push_str(HEADER_GUARDS);
        }
        program.push_str("\"\"\"\n\nimport asyncio\nimport json\n");
        let non_ascii = has_non_ascii_text(&self.scenario.root, self.style.instrumented);
        if non_ascii {
            program.push_str("import sys\n");
        }
        for definition in &self.exceptions.definitions {
            program.push_str("\n\n");
            program.push_str(definition);
        }
        if !self.exceptions.aliases.is_empty() {
            program.push_str(
                "\n\n# Exception names this program already uses (or that are no identifiers) get\n\
                 # classes bound to other names; type(error).__name__ is still the exception's own.\n",
            );
            for alias in &self.exceptions.aliases {
                program.push_str(alias);
            }
        }
        let semaphores = self.semaphores();
        if !semaphores.is_empty() {
            program.push_str("\n\n");
            program.push_str(&semaphores);
        }
        for index in 0..self.tree.nodes.len() {
            if let Node::Future { spec, parent } = self.tree.nodes[index] {
                let function = self.child_function(index, spec, parent);
                program.push_str("\n\n");
                program.push_str(&function);
            }
        }
        program.push_str("\n\n");
        if self.style.instrumented {
            program.push_str(WATCH);
            program.push_str("\n\n");
            let main = self.instrumented_main(non_ascii);
            program.push_str(&main);
            program.push_str(HELPERS);
            program.push_str("\n\nasyncio.run(main())\n");
        } else {
            let main = self.main_function();
            program.push_str(&main);
            program.push_str(OUTCOME);
            program.push_str(HELPERS);
            program.push('\n');
            if non_ascii {
                program.push_str(
                    "\n# The results hold non-ASCII text: print it as UTF-8, whatever the terminal.\n\
                     sys.stdout.reconfigure(encoding=\"utf-8\")",
                );
            }
            program.push_str("\nprint(\"outcome:\", json.dumps(outcome(), ensure_ascii=False))\n");
        }
        program
    }
}

/// Whether any value or exception the program may print holds non-ASCII text (and any
/// label, with `labels`: the instrumented program prints them).
fn has_non_ascii_text(gather: &GatherSpec, labels: bool) -> bool {
    fn value_has(value: &Value) -> bool {
        match value {
            Value::String(text) => !text.is_ascii(),
            Value::Array(items) => items.iter().any(value_has),
            Value::Object(fields) => fields
                .iter()
                .any(|(key, field)| !key.is_ascii() || value_has(field)),
            Value::Null | Value::Bool(_) | Value::Number(_) => false,
        }
    }
    fn result_has(result: &ResultSpec) -> bool {
        match result {
            ResultSpec::Value(value) => value_has(value),
            ResultSpec::Error(exception) => {
                !exception.type_name().is_ascii() || !exception.message().is_ascii()
            }
        }
    }
    (labels && !gather.label.is_ascii())
        || gather.children.iter().any(|child| match child {
            NodeSpec::Gather(nested) => has_non_ascii_text(nested, labels),
            NodeSpec::Future(future) => {
                (labels && !future.label.is_ascii())
                    || result_has(&future.result)
                    || future
                        .on_cancel
                        .as_ref()
                        .is_some_and(|cleanup| result_has(&cleanup.result))
            }
        })
}
