//! A scenario as a plain asyncio program for CPython.

use super::names::{identifier_base, is_ascii_identifier, Namespace};
use super::python_literal;
use crate::scenario::{FutureSpec, GatherSpec, NodeSpec, ResultSpec, Scenario};
use crate::Exception;
use serde_json::Value;
use std::collections::HashMap;
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
    // The program's own names.
    "asyncio error item json loop main message_of outcome outer results sys to_json with_slot ",
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

/// A complete Python program equivalent to `scenario`, for CPython 3.11 or later.
///
/// Each future node is an `async def` named after its label (lowercased, anything but
/// ASCII letters and digits made `_`, made unique; `child_1`, `child_2`, ... when the label
/// gives nothing), which sleeps `delay_ms / 1000` seconds of real time and returns its value
/// or raises its exception; with `on_cancel` it catches `asyncio.CancelledError`, sleeps the
/// cleanup and finishes with the cleanup's result. `main()` creates their tasks in preorder,
/// as the conformance runner does, nests `asyncio.gather(...)` calls as the scenario nests
/// gathers, and schedules each `cancel_at_ms` with `loop.call_later`: `task.cancel()` for a
/// future, the gather's own `cancel()` for a gather. It awaits the root gather, prints what
/// happened, waits for every child still running, and prints last the
/// [`outcome_line`](super::outcome_line) of the scenario's report.
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
/// assert!(program.contains("outer = asyncio.gather(fetch_a_task, fetch_b_task)"));
/// assert!(program.ends_with("asyncio.run(main())\n"));
/// ```
pub fn to_python(scenario: &Scenario) -> String {
    let mut names = Namespace::new(RESERVED.split_whitespace());
    let exceptions = ExceptionClasses::new(&scenario.root, &mut names);
    let mut plan = Plan::default();
    plan.gather(&scenario.root, None, &mut names);

    let mut program = String::from(HEADER);
    program.push_str("import asyncio\nimport json\n");
    let non_ascii = has_non_ascii_text(&scenario.root);
    if non_ascii {
        program.push_str("import sys\n");
    }
    for definition in &exceptions.definitions {
        program.push_str("\n\n");
        program.push_str(definition);
    }
    if !exceptions.aliases.is_empty() {
        program.push_str(
            "\n\n# Exception names this program already uses (or that are no identifiers) get\n\
             # classes bound to other names; type(error).__name__ is still the exception's own.\n",
        );
        for alias in &exceptions.aliases {
            program.push_str(alias);
        }
    }
    for child in &plan.children {
        program.push_str("\n\n");
        program.push_str(&child_function(child, &exceptions));
    }
    if plan.limited {
        program.push_str(WITH_SLOT);
    }
    program.push_str("\n\n");
    program.push_str(&main_function(&plan, non_ascii));
    program.push_str(HELPERS);
    program.push_str("\n\nasyncio.run(main())\n");
    program
}

const HEADER: &str = r#""""A gather-playground scenario as a plain asyncio program.

Run it with Python 3.11 or later. Its delays are real: 300 ms sleeps 0.3 s. The last line it
prints is the outcome as the playground reports it.
"""

"#;

const HELPERS: &str = r#"

def message_of(error):
    return str(error.args[0]) if error.args else ""


def to_json(results):
    """gather's results as JSON: nested gathers' lists stay lists, exceptions become objects."""
    if isinstance(results, list):
        return [to_json(item) for item in results]
    if isinstance(results, BaseException):
        return {"exception": type(results).__name__, "message": message_of(results)}
    return results
"#;

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

/// A future node with its names.
struct Child<'a> {
    spec: &'a FutureSpec,
    function: String,
    task: String,
}

/// What `main()` creates, in order.
#[derive(Default)]
struct Plan<'a> {
    children: Vec<Child<'a>>,
    /// Statements creating the tasks and gathers, in the order the runner creates them.
    creations: Vec<String>,
    /// `(cancel_at_ms, the task or gather)`, in the order the runner schedules them.
    cancels: Vec<(u64, String)>,
    /// Whether a gather has a limit, so the program needs `with_slot`.
    limited: bool,
}

const WITH_SLOT: &str = r#"


async def with_slot(slots, child):
    """A child inside `async with` its gather's semaphore: at most its limit run at once."""
    async with slots:
        return await child()
"#;

impl<'a> Plan<'a> {
    /// Plans `gather` and its subtree, in the runner's order: the children first (tasks
    /// in preorder), then the gather itself. `name` is its variable, `None` for the root.
    fn gather(&mut self, gather: &'a GatherSpec, name: Option<String>, names: &mut Namespace) {
        let mut arguments = Vec::new();
        let slots = gather.limit.map(|limit| {
            self.limited = true;
            let slots = names.claim(&format!("{}_slots", name.as_deref().unwrap_or("outer")));
            self.creations
                .push(format!("{slots} = asyncio.Semaphore({limit})"));
            slots
        });
        for child in &gather.children {
            match child {
                NodeSpec::Future(future) => {
                    let base = identifier_base(&future.label, "child_")
                        .unwrap_or_else(|| format!("child_{}", self.children.len() + 1));
                    let function = names.claim(&base);
                    let task = names.claim(&format!("{function}_task"));
                    let coroutine = match &slots {
                        Some(slots) => format!("with_slot({slots}, {function})"),
                        None => format!("{function}()"),
                    };
                    self.creations
                        .push(format!("{task} = asyncio.create_task({coroutine})"));
                    if let Some(at_ms) = future.cancel_at_ms {
                        self.cancels.push((at_ms, task.clone()));
                    }
                    arguments.push(task.clone());
                    self.children.push(Child {
                        spec: future,
                        function,
                        task,
                    });
                }
                NodeSpec::Gather(nested) => {
                    let base = identifier_base(&nested.label, "inner_")
                        .unwrap_or_else(|| "inner".to_owned());
                    let variable = names.claim(&base);
                    self.gather(nested, Some(variable.clone()), names);
                    arguments.push(variable);
                }
            }
        }
        if gather.return_exceptions {
            arguments.push("return_exceptions=True".to_owned());
        }
        let variable = name.unwrap_or_else(|| "outer".to_owned());
        let call = wrapped(&format!("{variable} = asyncio.gather("), &arguments, ")", 4);
        self.creations.push(call);
        if let Some(at_ms) = gather.cancel_at_ms {
            self.cancels.push((at_ms, variable));
        }
    }
}

/// `{open}{items}{close}` on one line if it fits at `indent`, else one item a line.
fn wrapped(open: &str, items: &[String], close: &str, indent: usize) -> String {
    let one_line = format!("{open}{}{close}", items.join(", "));
    if indent + one_line.len() <= MAX_LINE {
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

fn child_function(child: &Child<'_>, exceptions: &ExceptionClasses) -> String {
    let spec = child.spec;
    let finish = |result: &ResultSpec| match result {
        ResultSpec::Value(value) => format!("return {}", python_literal::value(value)),
        ResultSpec::Error(exception) => exceptions.raise_statement(exception),
    };
    let mut function = format!("async def {}():\n", child.function);
    let sleep = format!("await asyncio.sleep({})", seconds(spec.delay_ms));
    match &spec.on_cancel {
        None => {
            let _ = writeln!(function, "    {sleep}");
        }
        Some(cleanup) => {
            let _ = write!(
                function,
                "    try:\n        {sleep}\n    except asyncio.CancelledError:\n        \
                 # Catching the cancellation lets this child clean up, then finish its own way.\n        \
                 await asyncio.sleep({})\n        {}\n",
                seconds(cleanup.delay_ms),
                finish(&cleanup.result)
            );
        }
    }
    let _ = writeln!(function, "    {}", finish(&spec.result));
    function
}

fn main_function(plan: &Plan<'_>, non_ascii: bool) -> String {
    let mut main = String::from("async def main():\n");
    if non_ascii {
        main.push_str(
            "    # The results hold non-ASCII text: print it as UTF-8, whatever the terminal.\n    \
             sys.stdout.reconfigure(encoding=\"utf-8\")\n",
        );
    }
    if !plan.cancels.is_empty() {
        main.push_str("    loop = asyncio.get_running_loop()\n");
    }
    if !plan.children.is_empty() {
        main.push_str(
            "    # Tasks are created in the order gather would wrap these coroutines; held in\n    \
             # variables, they can be cancelled and waited for.\n",
        );
    }
    for creation in &plan.creations {
        let _ = writeln!(main, "    {creation}");
    }
    if !plan.cancels.is_empty() {
        main.push('\n');
        for (at_ms, target) in &plan.cancels {
            let _ = writeln!(
                main,
                "    loop.call_later({}, {target}.cancel)",
                seconds(*at_ms)
            );
        }
    }
    main.push_str(AWAIT_OUTER);
    if !plan.children.is_empty() {
        let tasks: Vec<String> = plan
            .children
            .iter()
            .map(|child| child.task.clone())
            .collect();
        let wait = wrapped("await asyncio.wait([", &tasks, "])", 4);
        main.push_str(
            "\n    # A failed or cancelled gather leaves its other children running: wait for\n    \
             # them all, as the playground does before it reports.\n",
        );
        let _ = writeln!(main, "    {wait}");
    }
    main.push_str("    print(\"outcome:\", json.dumps(outcome, ensure_ascii=False))\n");
    main
}

const AWAIT_OUTER: &str = r#"
    try:
        results = await outer
    except asyncio.CancelledError:
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

/// Whether any value or exception the program may print holds non-ASCII text.
fn has_non_ascii_text(gather: &GatherSpec) -> bool {
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
    gather.children.iter().any(|child| match child {
        NodeSpec::Gather(nested) => has_non_ascii_text(nested),
        NodeSpec::Future(future) => {
            result_has(&future.result)
                || future
                    .on_cancel
                    .as_ref()
                    .is_some_and(|cleanup| result_has(&cleanup.result))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{seconds, to_python};
    use crate::scenario::Scenario;
    use serde_json::json;

    fn program(children: serde_json::Value) -> String {
        let scenario = Scenario::from_value(&json!({"version": 1, "children": children}));
        to_python(&scenario.unwrap_or_else(|error| panic!("{error}")))
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
            "fetch_user_2_task = asyncio.create_task(fetch_user_2())",
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
    fn cancellations_are_scheduled_on_tasks_and_gathers() {
        let scenario =
            Scenario::from_value(&json!({"version": 1, "cancel_at_ms": 50, "children": [
                {"kind": "future", "label": "a", "delay_ms": 100, "result": {"value": 1},
                 "cancel_at_ms": 20},
                {"kind": "gather", "label": "batch", "cancel_at_ms": 30, "children": []}
            ]}));
        let text = to_python(&scenario.unwrap_or_else(|error| panic!("{error}")));
        let cancels = "    loop.call_later(0.02, a_task.cancel)\n    \
                       loop.call_later(0.03, batch.cancel)\n    \
                       loop.call_later(0.05, outer.cancel)\n";
        assert!(text.contains(cancels), "{text}");
    }
}
