//! A scenario as a plain asyncio program for CPython: the program a person would write
//! ([`to_python`]), and the same with every task and gather watched
//! ([`to_python_instrumented`]).

use super::names::{identifier_base, is_ascii_identifier, Namespace};
use super::plan::{Node, NodeIndex, Tree};
use super::python_literal;
use super::python_main::{plan_main, Arg, Assign, Expr, Functions, Main, Note, Style, Watched};
use crate::scenario::{FutureSpec, GatherSpec, NodeSpec, ResultSpec, Scenario};
use crate::Exception;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

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

/// Exception types raised as Python's own built-in class of that name.
const BUILTIN_EXCEPTIONS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "ConnectionError",
    "Exception",
    "FileNotFoundError",
    "IndexError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "OSError",
    "PermissionError",
    "RuntimeError",
    "TimeoutError",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
];

/// Lines longer than this are split, one argument a line, as black would.
const MAX_LINE: usize = 88;

/// The program a person would write for `scenario` with asyncio, for CPython 3.11 or
/// later (3.12 or later for timeouts and shields).
///
/// **Children.** Each future node is an `async def` named after its label (lowercased,
/// anything but ASCII letters and digits made `_`, made unique; `child_1`, `child_2`, ...
/// when the label gives nothing): it sleeps `delay_ms / 1000` seconds of real time, then
/// returns its value or raises its exception. With `on_cancel` it catches
/// `asyncio.CancelledError` around its sleep, sleeps the cleanup and finishes with the
/// cleanup's result. A gather's `limit` is what it is in asyncio: a module-level
/// `asyncio.Semaphore(limit)` that the gather's children take a slot of
/// (`async with slots:` around the whole child); gather has no such parameter.
///
/// **main.** `results = await asyncio.gather(a(), b(), ...)`, with
/// `return_exceptions=True` where set; nested gathers are nested calls; a timeout is
/// `asyncio.wait_for(child(), timeout)`, a shield `asyncio.shield(child())`, both
/// `asyncio.wait_for(asyncio.shield(child()), timeout)`, the root's timeout
/// `await asyncio.wait_for(asyncio.gather(...), timeout)`. A cancel time is
/// `loop.call_later(t, task.cancel)` (or `gather.cancel` for a gather's), set before main
/// awaits anything, in the order the playground sets them; only then do children need to
/// be tasks with names. `main()` prints the results and returns them.
///
/// **Order.** The program creates the scenario's tasks in the order the playground and
/// its CPython reference do (preorder), which at ties decides outcomes. Where Python's
/// spelling alone would not (`gather(a(), gather(b(), c()))` wraps b and c before a;
/// `asyncio.shield(a())` wraps a at once), `main()` creates the first tasks of that order
/// itself with `asyncio.create_task`, in argument order, and as few as it can; the choice
/// is checked by following Python's evaluation of the program.
///
/// **Comments** cite, where it acts, the rule of docs/semantics.md each line shows (B1 at
/// a gather, E4 at a cleanup, H6 at the cancel times, W1 to W4 at timeouts and shields),
/// each once. **Last**, the program runs `main()` with `asyncio.run` and prints the
/// [`outcome_line`](super::outcome_line) of the scenario's report: how `main` received the
/// root.
///
/// Exception types that are built-in exceptions (`ValueError`, `KeyError`, ...) are raised
/// as such, `CancelledError` as `asyncio.CancelledError`, any other as a class defined at
/// the top. Labels and messages appear only in sanitised identifiers and escaped string
/// literals, so no text in a scenario can break or disguise the program.
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::to_python;
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "label": "fetch A", "delay_ms": 300, "result": {"value": 3}},
///     {"kind": "future", "label": "fetch B", "delay_ms": 100,
///      "result": {"error": {"type": "Timeout", "message": "too slow"}}}
/// ]}"#).unwrap();
/// let program = to_python(&scenario);
/// assert!(program.contains("class Timeout(Exception):"));
/// assert!(program.contains("async def fetch_a():\n    await asyncio.sleep(0.3)\n    return 3\n"));
/// assert!(program.contains("    results = await asyncio.gather(fetch_a(), fetch_b())\n"));
/// assert!(program.contains("asyncio.run(main())"));
/// ```
pub fn to_python(scenario: &Scenario) -> String {
    Program::new(
        scenario,
        Style {
            instrumented: false,
        },
    )
    .write()
}

/// The same program as [`to_python`], instrumented: it prints every task's and gather's
/// end as it happens, and waits for every child before it prints the outcome.
///
/// Every task is created first in `main()`, with `asyncio.create_task`, in the order the
/// playground creates them; every gather and shield is named. Each is passed through
/// `watch(label, future)`, which prints, when the future ends, the milliseconds since it
/// was created, its label (as a Python string) and how it ended. `main()` awaits the root
/// gather inside `try`, prints what it did, waits with `asyncio.wait` for everything still
/// running (a failed gather leaves its other children running, C2), and prints last the
/// same [`outcome_line`](super::outcome_line) as [`to_python`]'s program.
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::to_python_instrumented;
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "label": "fetch A", "delay_ms": 300, "result": {"value": 3}}
/// ]}"#).unwrap();
/// let program = to_python_instrumented(&scenario);
/// assert!(program.contains(
///     "    fetch_a_task = watch(\"fetch A\", asyncio.create_task(fetch_a()))\n"
/// ));
/// assert!(program.contains("    await asyncio.wait([fetch_a_task, outer])\n"));
/// ```
pub fn to_python_instrumented(scenario: &Scenario) -> String {
    Program::new(scenario, Style { instrumented: true }).write()
}

/// Everything a program is written from.
struct Program<'a> {
    scenario: &'a Scenario,
    tree: Tree<'a>,
    style: Style,
    exceptions: ExceptionClasses,
    functions: Functions,
    /// Each limited gather's semaphore.
    slots: HashMap<NodeIndex, String>,
    main: Main,
    /// The notes written so far: each rule is cited once.
    noted: HashSet<Note>,
    child_notes: HashSet<ChildNote>,
}

/// A comment in a child's function or at a semaphore.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum ChildNote {
    Cleanup,
    SleepZero,
    RaiseCancelled,
    Limit,
    SlotWait,
}

impl<'a> Program<'a> {
    fn new(scenario: &'a Scenario, style: Style) -> Self {
        let tree = Tree::new(&scenario.root);
        let mut names = Namespace::new(RESERVED.split_whitespace());
        // The root gather's variable, if it needs one, before any label can take it.
        let root = names.claim("outer");
        let exceptions = ExceptionClasses::new(&scenario.root, &mut names);
        let mut functions = Functions {
            names: HashMap::new(),
            root,
        };
        let mut slots = HashMap::new();
        let mut futures = 0;
        for (index, node) in tree.nodes.iter().enumerate() {
            match node {
                Node::Future { spec, .. } => {
                    futures += 1;
                    let base = identifier_base(&spec.label, "child_")
                        .unwrap_or_else(|| format!("child_{futures}"));
                    functions.names.insert(index, names.claim(&base));
                }
                Node::Gather { spec, children } => {
                    let limits_a_child = children
                        .iter()
                        .any(|&child| matches!(tree.nodes[child], Node::Future { .. }));
                    if spec.limit.is_some() && limits_a_child {
                        let base = if index == 0 {
                            "main".to_owned()
                        } else {
                            identifier_base(&spec.label, "inner_")
                                .unwrap_or_else(|| "inner".to_owned())
                        };
                        slots.insert(index, names.claim(&format!("{base}_slots")));
                    }
                }
            }
        }
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

    fn write(mut self) -> String {
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

    /// The module-level semaphores of the gathers with a limit.
    fn semaphores(&mut self) -> String {
        let mut text = String::new();
        for (index, node) in self.tree.nodes.iter().enumerate() {
            let Node::Gather { spec, .. } = node else {
                continue;
            };
            let (Some(limit), Some(name)) = (spec.limit, self.slots.get(&index)) else {
                continue;
            };
            if self.child_notes.insert(ChildNote::Limit) {
                push_comment(
                    &mut text,
                    0,
                    "L1: a gather's limit: its children share a semaphore, so at most that \
                     many run at once, and the others wait for a slot, first come, first \
                     served (L2). gather itself has no limit.",
                );
            }
            let _ = writeln!(text, "{name} = asyncio.Semaphore({limit})");
        }
        text
    }

    fn child_function(&mut self, index: NodeIndex, spec: &FutureSpec, parent: NodeIndex) -> String {
        let finish = |result: &ResultSpec| match result {
            ResultSpec::Value(value) => format!("return {}", python_literal::value(value)),
            ResultSpec::Error(exception) => self.exceptions.raise_statement(exception),
        };
        let raises_cancelled = |result: &ResultSpec| matches!(result, ResultSpec::Error(exception) if exception.type_name() == "CancelledError");
        let mut body = Vec::new();
        let sleep =
            |lines: &mut Vec<String>, notes: &mut HashSet<ChildNote>, ms: u64, pad: &str| {
                if ms == 0 && notes.insert(ChildNote::SleepZero) {
                    lines.push(format!(
                        "{pad}# H5: sleep(0) sets no timer: it is one yield to the loop."
                    ));
                }
                lines.push(format!("{pad}await asyncio.sleep({})", seconds(ms)));
            };
        let finish_lines = |lines: &mut Vec<String>,
                            notes: &mut HashSet<ChildNote>,
                            result: &ResultSpec,
                            pad: &str| {
            if raises_cancelled(result) && notes.insert(ChildNote::RaiseCancelled) {
                lines.push(format!(
                    "{pad}# C3: raising CancelledError ends this child as cancelled."
                ));
            }
            lines.push(format!("{pad}{}", finish(result)));
        };
        match &spec.on_cancel {
            None => {
                sleep(&mut body, &mut self.child_notes, spec.delay_ms, "");
            }
            Some(cleanup) => {
                body.push("try:".to_owned());
                sleep(&mut body, &mut self.child_notes, spec.delay_ms, "    ");
                body.push("except asyncio.CancelledError:".to_owned());
                if self.child_notes.insert(ChildNote::Cleanup) {
                    let then = match &cleanup.result {
                        ResultSpec::Value(_) => "returns",
                        ResultSpec::Error(exception)
                            if exception.type_name() == "CancelledError" =>
                        {
                            "ends cancelled"
                        }
                        ResultSpec::Error(_) => "raises",
                    };
                    let mut comment = String::new();
                    push_comment(
                        &mut comment,
                        8,
                        &format!(
                            "E4: a cancellation arrives at the child's await, here: caught, \
                             the child cleans up, then {then}. A second cancel interrupts \
                             the cleanup."
                        ),
                    );
                    body.extend(comment.lines().map(|line| line[4..].to_owned()));
                }
                sleep(&mut body, &mut self.child_notes, cleanup.delay_ms, "    ");
                finish_lines(&mut body, &mut self.child_notes, &cleanup.result, "    ");
            }
        }
        finish_lines(&mut body, &mut self.child_notes, &spec.result, "");

        let name = &self.functions.names[&index];
        let mut function = format!("async def {name}():\n");
        let pad = match self.slots.get(&parent) {
            Some(slots) => {
                if spec.on_cancel.is_some() && self.child_notes.insert(ChildNote::SlotWait) {
                    push_comment(
                        &mut function,
                        4,
                        "L3: cancelled while it waits for a slot, the child ends cancelled, \
                         without its cleanup: its try has not begun.",
                    );
                }
                let _ = writeln!(function, "    async with {slots}:");
                "        "
            }
            None => "    ",
        };
        for line in body {
            let _ = writeln!(function, "{pad}{line}");
        }
        function
    }

    /// A note's comment, the first time it is cited.
    fn note(&mut self, note: Option<Note>) -> Option<String> {
        let note = note?;
        if !self.noted.insert(note) {
            return None;
        }
        Some(note_text(note).to_owned())
    }

    fn doc(&mut self, expr: &Expr) -> Doc {
        match expr {
            Expr::Call(node) => Doc::Text(format!("{}()", self.functions.names[node])),
            Expr::Name(name) => Doc::Text(name.clone()),
            Expr::CreateTask(inner) => {
                let inner = self.doc(inner);
                Doc::call("asyncio.create_task(", vec![(None, inner)])
            }
            Expr::WaitFor {
                inner, timeout_ms, ..
            } => {
                let inner = self.doc(inner);
                Doc::call(
                    "asyncio.wait_for(",
                    vec![(None, inner), (None, Doc::Text(seconds(*timeout_ms)))],
                )
            }
            Expr::Shield(inner) => {
                let inner = self.doc(inner);
                Doc::call("asyncio.shield(", vec![(None, inner)])
            }
            Expr::Gather { node, args } => {
                let mut items = Vec::with_capacity(args.len() + 1);
                for Arg { expr, note } in args {
                    let comment = self.note(*note);
                    let doc = self.doc(expr);
                    items.push((comment, doc));
                }
                if let Node::Gather { spec, .. } = &self.tree.nodes[*node] {
                    if spec.return_exceptions {
                        items.push((None, Doc::Text("return_exceptions=True".to_owned())));
                    }
                }
                Doc::call("asyncio.gather(", items)
            }
            Expr::Watch { node, what, future } => {
                let label = self.watch_label(*node, *what);
                let future = self.doc(future);
                Doc::call(
                    "watch(",
                    vec![
                        (None, Doc::Text(python_literal::string(&label))),
                        (None, future),
                    ],
                )
            }
        }
    }

    fn watch_label(&self, node: NodeIndex, what: Watched) -> String {
        let label = match &self.tree.nodes[node] {
            Node::Future { spec, .. } => {
                let timed_task = spec.guard.timeout_ms.is_some() && !spec.guard.shield;
                return match (what, timed_task) {
                    (Watched::Own, false) => spec.label.clone(),
                    (Watched::Shield, _) => format!("{} (shield)", spec.label),
                    (Watched::WaitFor, _) | (Watched::Own, true) => {
                        format!("{} (wait_for)", spec.label)
                    }
                };
            }
            Node::Gather { spec, .. } => &spec.label,
        };
        match what {
            Watched::Own => label.clone(),
            Watched::Shield => format!("{label} (shield)"),
            Watched::WaitFor => format!("{label} (wait_for)"),
        }
    }

    fn statement(&mut self, out: &mut String, statement: &Assign) {
        if let Some(comment) = self.note(statement.note) {
            push_comment(out, 4, &comment);
        }
        let doc = self.doc(&statement.expr);
        render(&doc, 4, &format!("{} = ", statement.name), "", out);
    }

    fn creation_statements(&mut self, out: &mut String) {
        let statements = std::mem::take(&mut self.main.statements);
        let (tasks, for_order) = (self.main.hoisted_tasks, self.main.hoisted_for_order);
        if tasks > 0 && !self.style.instrumented {
            let comment = if for_order == 0 {
                "Tasks, so that the children cancelled at a set time have names to cancel."
                    .to_owned()
            } else {
                format!(
                    "A1: tasks start in the order they are created, and gather wraps its \
                     coroutines only once all its arguments are evaluated (nested gathers \
                     and shields wrap theirs then). So these are created first, in argument \
                     order, to start in the order they are listed{}.",
                    if tasks > for_order {
                        " (and to be cancelled by name)"
                    } else {
                        ""
                    }
                )
            };
            push_comment(out, 4, &comment);
        }
        for statement in &statements {
            self.statement(out, statement);
        }
        if let Some(root) = self.main.root_statement.take() {
            if let Some(comment) = self.note(Some(self.main.root_note)) {
                push_comment(out, 4, &comment);
            }
            let doc = self.doc(&root.expr);
            render(&doc, 4, &format!("{} = ", root.name), "", out);
        }
    }

    fn cancel_statements(&mut self, out: &mut String) {
        let mut gather_noted = self.style.instrumented;
        for (position, (at_ms, target, node)) in self.main.cancels.iter().enumerate() {
            if position == 0 && !self.style.instrumented {
                push_comment(
                    out,
                    4,
                    "H6: set before any child runs, so that a cancel due just as a sleep \
                     ends comes first (H4: it wins).",
                );
            }
            if !gather_noted && matches!(self.tree.nodes[*node], Node::Gather { .. }) {
                gather_noted = true;
                push_comment(
                    out,
                    4,
                    "E2, E3: cancel() on a gather cancels each of its children still \
                     running; the gather raises CancelledError once they have reacted.",
                );
            }
            let _ = writeln!(
                out,
                "    loop.call_later({}, {target}.cancel)",
                seconds(*at_ms)
            );
        }
    }

    fn awaited(&mut self, out: &mut String, prefix: &str, indent: usize) {
        if self.main.root_statement.is_none() {
            if let Some(comment) = self.note(Some(self.main.root_note)) {
                push_comment(out, indent, &comment);
            }
        }
        if matches!(self.main.awaited, Expr::WaitFor { .. }) {
            if let Some(comment) = self.note(Some(Note::RootTimeout)) {
                push_comment(out, indent, &comment);
            }
        }
        let awaited = self.main.awaited.clone();
        let doc = self.doc(&awaited);
        render(&doc, indent, prefix, "", out);
    }

    fn main_function(&mut self) -> String {
        let mut main = String::from("async def main():\n");
        if !self.main.cancels.is_empty() {
            main.push_str("    loop = asyncio.get_running_loop()\n");
        }
        let mut creations = String::new();
        self.creation_statements(&mut creations);
        main.push_str(&creations);
        if !self.main.cancels.is_empty() {
            self.cancel_statements(&mut main);
        }
        self.awaited(&mut main, "results = await ", 4);
        main.push_str("    print(results)\n    return results\n");
        main
    }

    fn instrumented_main(&mut self, non_ascii: bool) -> String {
        let mut main = String::from("async def main():\n");
        if non_ascii {
            main.push_str(
                "    # The output holds non-ASCII text: print it as UTF-8, whatever the terminal.\n    \
                 sys.stdout.reconfigure(encoding=\"utf-8\")\n",
            );
        }
        if !self.main.cancels.is_empty() {
            main.push_str("    loop = asyncio.get_running_loop()\n");
        }
        main.push_str(
            "    # Every task is created here, in the order the playground creates them; watch()\n    \
             # prints how each task, shield and gather ends.\n",
        );
        let watched: Vec<String> = self
            .main
            .statements
            .iter()
            .chain(&self.main.root_statement)
            .map(|statement| statement.name.clone())
            .collect();
        self.creation_statements(&mut main);
        if !self.main.cancels.is_empty() {
            main.push('\n');
            self.cancel_statements(&mut main);
        }
        main.push_str("\n    try:\n");
        self.awaited(&mut main, "results = await ", 8);
        main.push_str(AWAIT_OUTER);
        main.push_str(
            "\n    # A failed or cancelled gather leaves its other children running: wait for\n    \
             # them all, as the playground does before it reports.\n",
        );
        let wait = wrapped("await asyncio.wait([", &watched, "])", 4);
        let _ = writeln!(main, "    {wait}");
        main.push_str("    print(\"outcome:\", json.dumps(outcome, ensure_ascii=False))\n");
        main
    }
}

const HEADER: &str = r#""""A gather-playground scenario as a plain asyncio program.

Run it with `python3 program.py` (Python 3.11 or later). Its sleeps are real: 300 ms sleeps
0.3 s. The comments cite the rules of the playground's docs/semantics.md (B1, C1, ...). The
last line it prints is the outcome as the playground reports it.
"#;

const HEADER_INSTRUMENTED: &str = r#""""A gather-playground scenario as an asyncio program that shows its work.

Run it with `python3 program.py` (Python 3.11 or later). Its sleeps are real: 300 ms sleeps
0.3 s. It prints every task's, shield's and gather's end as it comes, waits for every
child, and prints last the outcome as the playground reports it.
"#;

const HEADER_GUARDS: &str = r#"
Its timeouts and shields behave as the playground shows them on Python 3.12 or later, where
asyncio.wait_for runs the awaited coroutine in its own task (rules W).
"#;

const WATCH: &str = r#"def watch(name, future):
    """Prints how `future` ends, and when: ms since it was created here."""
    loop = asyncio.get_running_loop()
    start = loop.time()

    def report(done):
        at = round((loop.time() - start) * 1000)
        if done.cancelled():
            how = "cancelled"
        elif done.exception() is not None:
            how = f"raised {done.exception()!r}"
        else:
            how = f"returned {done.result()!r}"
        print(f"{at:>7} ms  {name!r} {how}")

    future.add_done_callback(report)
    return future
"#;

const AWAIT_OUTER: &str = r#"    except asyncio.CancelledError:
        print("gather was cancelled")
        outcome = {"status": "cancelled"}
    except Exception as error:
        print(f"gather raised {error!r}")
        outcome = {
            "status": "raised",
            "exception": type(error).__name__,
            "message": message_of(error),
        }
    else:
        print(f"gather returned {results!r}")
        outcome = {"status": "ok", "value": to_json(results)}
"#;

const OUTCOME: &str = r#"

# What follows only prints the outcome as the playground reports it, to compare this run
# with the playground's.
def outcome():
    try:
        results = asyncio.run(main())
    except asyncio.CancelledError:
        return {"status": "cancelled"}
    except Exception as error:
        return {
            "status": "raised",
            "exception": type(error).__name__,
            "message": message_of(error),
        }
    return {"status": "ok", "value": to_json(results)}
"#;

const HELPERS: &str = r#"

def message_of(error):
    return str(error.args[0]) if error.args else ""


def to_json(results):
    """gather's results as JSON: lists stay lists, exceptions become objects."""
    if isinstance(results, list):
        return [to_json(item) for item in results]
    if isinstance(results, BaseException):
        return {"exception": type(results).__name__, "message": message_of(results)}
    return results
"#;

/// The text of a note.
fn note_text(note: Note) -> &'static str {
    match note {
        Note::Gather {
            return_exceptions: false,
            nested: false,
        } => {
            "B1: the results come in argument order. C1: the first exception propagates at \
             once, and the other children keep running (C2)."
        }
        Note::Gather {
            return_exceptions: true,
            nested: false,
        } => {
            "B1, D1: the results come in argument order, exceptions in their place (B3); \
             nothing short-circuits."
        }
        Note::Gather {
            return_exceptions: false,
            nested: true,
        } => {
            "E6: a nested gather is one child of its parent: its list is one result, its \
             failure (C1) one child's failure."
        }
        Note::Gather {
            return_exceptions: true,
            nested: true,
        } => {
            "E6, D1: a nested gather is one child of its parent: its whole list, exceptions \
             in place, is one result."
        }
        Note::InOrder { nested: false } => {
            "B1: the results come in argument order, not in the order the children finish."
        }
        Note::InOrder { nested: true } => {
            "E6: a nested gather is one child of its parent: its list is one result."
        }
        Note::FutureTimeout => {
            "W1, W2: when the timeout passes, the child is cancelled; once it has ended, \
             TimeoutError (or its value, if it caught the cancellation and returned)."
        }
        Note::FutureShield => {
            "W3: cancelling the shield (its gather cancelled, say) leaves the child running."
        }
        Note::FutureShieldTimeout => {
            "W4: TimeoutError when the timeout passes, without cancelling the child: the \
             shield takes the cancellation."
        }
        Note::GatherTimeout => {
            "W1, W2: when the timeout passes, this gather and so each of its children is \
             cancelled; TimeoutError once all have ended, cleanups included."
        }
        Note::GatherShield => {
            "W3: cancelling the shield leaves this gather and its children running."
        }
        Note::GatherShieldTimeout => {
            "W4: TimeoutError when the timeout passes, without cancelling this gather: the \
             shield takes the cancellation."
        }
        Note::RootTimeout => {
            "W1, W2: when the timeout passes, main is cancelled, and so the gather and each \
             child (E7); TimeoutError once they have all ended."
        }
    }
}

/// A call or a name, to be laid out on one line or one argument a line.
enum Doc {
    Text(String),
    Call {
        head: &'static str,
        /// Each argument, with the comment above it.
        args: Vec<(Option<String>, Doc)>,
    },
}

impl Doc {
    fn call(head: &'static str, args: Vec<(Option<String>, Doc)>) -> Doc {
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
fn render(doc: &Doc, indent: usize, prefix: &str, suffix: &str, out: &mut String) {
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
fn push_comment(out: &mut String, indent: usize, text: &str) {
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
fn wrapped(open: &str, items: &[String], close: &str, indent: usize) -> String {
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

/// The classes of the scenario's exception types, and how `raise` names each type.
struct ExceptionClasses {
    definitions: Vec<String>,
    /// Classes bound to a name other than their own, as `identifier = type(...)`.
    aliases: Vec<String>,
    raise_names: HashMap<String, String>,
}

impl ExceptionClasses {
    fn new(root: &GatherSpec, names: &mut Namespace) -> Self {
        let mut classes = ExceptionClasses {
            definitions: Vec::new(),
            aliases: Vec::new(),
            raise_names: HashMap::new(),
        };
        let mut types = Vec::new();
        collect_exception_types(root, &mut types);
        for type_name in types {
            if classes.raise_names.contains_key(type_name) {
                continue;
            }
            let raise_name = if type_name == "CancelledError" {
                "asyncio.CancelledError".to_owned()
            } else if BUILTIN_EXCEPTIONS.contains(&type_name) {
                type_name.to_owned()
            } else {
                let identifier = names.claim(&class_base(type_name));
                if identifier == type_name && is_ascii_identifier(type_name) {
                    classes
                        .definitions
                        .push(format!("class {identifier}(Exception):\n    pass\n"));
                } else {
                    let name = python_literal::string(type_name);
                    classes
                        .aliases
                        .push(format!("{identifier} = type({name}, (Exception,), {{}})\n"));
                }
                identifier
            };
            classes.raise_names.insert(type_name.to_owned(), raise_name);
        }
        classes
    }

    fn raise_statement(&self, exception: &Exception) -> String {
        let class = self
            .raise_names
            .get(exception.type_name())
            .map_or("Exception", String::as_str);
        if exception.message().is_empty() {
            format!("raise {class}()")
        } else {
            let message = python_literal::string(exception.message());
            format!("raise {class}({message})")
        }
    }
}

fn collect_exception_types<'a>(gather: &'a GatherSpec, types: &mut Vec<&'a str>) {
    for child in &gather.children {
        match child {
            NodeSpec::Gather(nested) => collect_exception_types(nested, types),
            NodeSpec::Future(future) => {
                let cleanup = future.on_cancel.as_ref().map(|cleanup| &cleanup.result);
                for result in std::iter::once(&future.result).chain(cleanup) {
                    if let ResultSpec::Error(exception) = result {
                        types.push(exception.type_name());
                    }
                }
            }
        }
    }
}

/// An identifier close to an exception type's name (the name itself when it is one).
fn class_base(type_name: &str) -> String {
    let base: String = type_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    match base.chars().next() {
        None => "CustomError".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("Error_{base}"),
        Some(_) => base,
    }
}

/// Milliseconds as a Python number of seconds, exactly: `300` is `0.3`, `2000` is `2`.
fn seconds(ms: u64) -> String {
    let (whole, thousandths) = (ms / 1000, ms % 1000);
    if thousandths == 0 {
        whole.to_string()
    } else {
        let fraction = format!("{thousandths:03}");
        format!("{whole}.{}", fraction.trim_end_matches('0'))
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

#[cfg(test)]
mod tests {
    use super::{seconds, to_python, to_python_instrumented};
    use crate::scenario::Scenario;
    use serde_json::json;

    fn scenario(value: serde_json::Value) -> Scenario {
        Scenario::from_value(&value).unwrap_or_else(|error| panic!("{error}"))
    }

    fn program(children: serde_json::Value) -> String {
        to_python(&scenario(json!({"version": 1, "children": children})))
    }

    fn future(label: &str, result: serde_json::Value) -> serde_json::Value {
        json!({"kind": "future", "label": label, "delay_ms": 10, "result": result})
    }

    #[test]
    fn milliseconds_are_written_as_exact_seconds() {
        let cases = [
            (0, "0"),
            (5, "0.005"),
            (300, "0.3"),
            (1000, "1"),
            (1050, "1.05"),
            (1234, "1.234"),
            (86_400_000, "86400"),
        ];
        for (ms, text) in cases {
            assert_eq!(seconds(ms), text);
        }
    }

    #[test]
    fn functions_are_named_after_labels_uniquely() {
        let text = program(json!([
            future("Fetch user", json!({"value": 1})),
            future("fetch-user", json!({"value": 2})),
            future("", json!({"value": 3})),
            future("print", json!({"value": 4})),
            future("3rd", json!({"value": 5})),
        ]));
        for expected in [
            "async def fetch_user():",
            "async def fetch_user_2():",
            "async def child_3():",
            "async def print_2():",
            "async def child_3rd():",
            "        fetch_user(),\n        fetch_user_2(),\n        child_3(),\n",
        ] {
            assert!(text.contains(expected), "no {expected:?} in:\n{text}");
        }
    }

    #[test]
    fn exception_types_are_builtins_asyncio_s_or_defined_once() {
        let error = |kind: &str| json!({"error": {"type": kind, "message": "m"}});
        let text = program(json!([
            future("a", error("KeyError")),
            future("b", error("CancelledError")),
            future("c", error("QuotaExceeded")),
            future("d", error("QuotaExceeded")),
            future("e", error("None")),
        ]));
        assert!(!text.contains("class KeyError"));
        assert!(text.contains("raise KeyError(\"m\")"));
        assert!(text.contains("raise asyncio.CancelledError(\"m\")"));
        assert_eq!(text.matches("class QuotaExceeded(Exception):").count(), 1);
        assert!(text.contains("None_2 = type(\"None\", (Exception,), {})"));
        assert!(text.contains("raise None_2(\"m\")"));
    }

    #[test]
    fn tasks_are_created_first_only_where_python_s_order_differs() {
        let text = program(json!([
            future("a", json!({"value": 1})),
            {"kind": "gather", "label": "batch", "return_exceptions": true, "children": [
                future("b", json!({"value": 2}))]},
        ]));
        // gather(a(), gather(b())) would wrap b before a: a is made a task first.
        assert!(
            text.contains("    a_task = asyncio.create_task(a())\n"),
            "{text}"
        );
        assert!(
            text.contains("asyncio.gather(b(), return_exceptions=True)"),
            "{text}"
        );
        let text = program(json!([
            {"kind": "gather", "label": "batch", "children": [future("b", json!({"value": 2}))]},
            future("a", json!({"value": 1})),
        ]));
        // gather(gather(b()), a()) wraps b, then a: as listed.
        assert!(!text.contains("create_task"), "{text}");
        assert!(
            text.contains("        asyncio.gather(b()),\n        a(),\n"),
            "{text}"
        );
    }

    #[test]
    fn cancellations_are_scheduled_on_tasks_and_gathers() {
        let scenario = scenario(json!({"version": 1, "cancel_at_ms": 50, "children": [
            {"kind": "future", "label": "a", "delay_ms": 100, "result": {"value": 1},
             "cancel_at_ms": 20},
            {"kind": "gather", "label": "batch", "cancel_at_ms": 30, "children": []}
        ]}));
        for text in [to_python(&scenario), to_python_instrumented(&scenario)] {
            let cancels = "    loop.call_later(0.02, a_task.cancel)\n";
            assert!(text.contains(cancels), "{text}");
            assert!(
                text.contains("    loop.call_later(0.03, batch.cancel)\n"),
                "{text}"
            );
            assert!(
                text.contains("    loop.call_later(0.05, outer.cancel)\n"),
                "{text}"
            );
        }
    }

    #[test]
    fn limits_are_semaphores_in_the_children() {
        let text = to_python(&scenario(json!({"version": 1, "limit": 2, "children": [
            future("a", json!({"value": 1}))]})));
        assert!(
            text.contains("\nmain_slots = asyncio.Semaphore(2)\n"),
            "{text}"
        );
        assert!(
            text.contains("async def a():\n    async with main_slots:\n        await asyncio.sleep(0.01)\n        return 1\n"),
            "{text}"
        );
        assert!(!text.contains("limit="), "{text}");
    }

    #[test]
    fn timeouts_and_shields_are_wait_for_and_shield() {
        let text = to_python(&scenario(
            json!({"version": 1, "timeout_ms": 500, "children": [
                {"kind": "future", "label": "a", "delay_ms": 10, "result": {"value": 1},
                 "timeout_ms": 100},
                {"kind": "future", "label": "b", "delay_ms": 10, "result": {"value": 1},
                 "shield": true},
                {"kind": "future", "label": "c", "delay_ms": 10, "result": {"value": 1},
                 "timeout_ms": 100, "shield": true},
            ]}),
        ));
        for expected in [
            // shield(b()) wraps b at once: a's wait_for is created first, to start first.
            "    a_task = asyncio.create_task(asyncio.wait_for(a(), 0.1))\n",
            "            a_task,\n",
            "            asyncio.shield(b()),\n",
            "            asyncio.wait_for(asyncio.shield(c()), 0.1),\n",
            "    results = await asyncio.wait_for(\n",
            "        0.5,\n    )\n",
            "# W1, W2:",
            "# W3:",
            "# W4:",
            "Python 3.12 or later",
        ] {
            assert!(text.contains(expected), "no {expected:?} in:\n{text}");
        }
    }
}
