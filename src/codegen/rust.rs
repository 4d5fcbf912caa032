//! A scenario as a Rust program on this crate's public API.

use super::names::{identifier_base, Namespace};
use super::rust_literal;
use crate::scenario::{FutureSpec, GatherSpec, NodeSpec, ResultSpec, Scenario};
use std::collections::HashSet;
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
    "alloc at_ms cancel_at children clock core cx error finished gather gather_playground slot ",
    "json list_value main nested_gather outcome outer result results return_exceptions ",
    "runtime serde_json std target timer value ",
);

/// rustfmt's defaults: `max_width`, `fn_call_width` and `array_width`,
/// `short_array_element_width_threshold`.
const MAX_WIDTH: usize = 100;
const CALL_WIDTH: usize = 60;
const SHORT_ITEM: usize = 10;

/// A complete Rust program equivalent to `scenario`, on this crate's public API, formatted
/// as rustfmt formats it.
///
/// Each future node is a task spawned with [`Runtime::spawn`](crate::Runtime::spawn),
/// named after its label as in [`to_python`](super::to_python): its body sleeps with
/// [`TaskContext::sleep`](crate::TaskContext::sleep) and returns its value as a
/// `serde_json::Value` or raises its [`Exception`](crate::Exception); with `on_cancel`
/// it catches the cancellation, sleeps the cleanup, and finishes with the cleanup's result.
/// Tasks are spawned in preorder, gathers nest as in the scenario (a nested gather's value
/// is its list), and each `cancel_at_ms` is a detached future that sleeps, then calls
/// `cancel()` on its task or gather. The program runs on a
/// [`VirtualClock`](crate::VirtualClock), so it finishes at once with exact times; it prints
/// what the root gather did, then `outcome: ` and the same JSON as
/// [`outcome_line`](super::outcome_line) (in Rust's compact spelling).
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::to_rust;
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "return_exceptions": true, "children": [
///     {"kind": "future", "label": "fetch A", "delay_ms": 300, "result": {"value": 3}}
/// ]}"#).unwrap();
/// let program = to_rust(&scenario);
/// assert!(program.contains("    let fetch_a = Awaitable::from(runtime.spawn(|cx| async move {\n        cx.sleep(300).await?;\n        Ok(json!(3))\n    }));\n"));
/// assert!(program.contains("    let outer = gather(&runtime, [fetch_a], true);\n"));
/// assert!(program.contains("fn main() {"));
/// ```
pub fn to_rust(scenario: &Scenario) -> String {
    let mut names = Namespace::new(RESERVED.split_whitespace());
    let mut plan = Plan::default();
    plan.gather(&scenario.root, None, &mut names);
    let targets: HashSet<&str> = plan.cancels.iter().map(|(_, name)| name.as_str()).collect();

    let mut program = String::from(HEADER);
    let mut imports = vec!["gather", "Awaitable"];
    if plan.raises {
        imports.push("Exception");
    }
    imports.push("GatherResults");
    if plan.nests || !plan.cancels.is_empty() {
        imports.push("Runtime");
    }
    if plan.limited {
        imports.push("Semaphore");
    }
    imports.push("VirtualClock");
    let imports = imports.join(", ");
    if "use gather_playground::{};".len() + imports.len() <= MAX_WIDTH {
        let _ = writeln!(program, "use gather_playground::{{{imports}}};");
    } else {
        let _ = writeln!(program, "use gather_playground::{{\n    {imports},\n}};");
    }
    program.push_str("use serde_json::{json, Value};\n\nfn main() {\n");
    program.push_str("    let clock = VirtualClock::new();\n    let runtime = clock.runtime();\n");
    for statement in &plan.statements {
        let text = match statement {
            Statement::Future { name, spec, slots } => {
                future_statement(name, spec, slots.as_deref())
            }
            Statement::Slots { name, limit } => {
                format!("\n    // At most {limit} of its children run at once.\n    let {name} = Semaphore::new(&runtime, {limit});\n")
            }
            Statement::Gather {
                name,
                children,
                return_exceptions,
            } => gather_statement(name.as_deref(), children, *return_exceptions, &targets),
        };
        program.push_str(&text);
    }
    if !plan.cancels.is_empty() {
        program.push('\n');
        for (at_ms, target) in &plan.cancels {
            let target = if target == "outer" {
                "Awaitable::from(outer.clone())"
            } else {
                target
            };
            let _ = writeln!(program, "    cancel_at(&runtime, {at_ms}, {target});");
        }
    }
    program.push_str(AWAIT_OUTER);
    program.push_str(LIST_VALUE);
    if plan.nests {
        program.push_str(NESTED_GATHER);
    }
    if !plan.cancels.is_empty() {
        program.push_str(CANCEL_AT);
    }
    program
}

const HEADER: &str = "\
//! A gather-playground scenario as a Rust program on the `gather_playground` crate.
//!
//! It runs on a virtual clock: it finishes at once, and its times are exact. The last line
//! it prints is the outcome as the playground reports it.

";

const AWAIT_OUTER: &str = r#"
    // `block_on` runs the loop until nothing is left to run: when it returns, every child
    // has finished too, not only the gather.
    let finished = clock.block_on(outer);
    let outcome = match finished.expect("a gather finishes once its children have") {
        Ok(results) => {
            let value = list_value(results);
            println!("gather returned {value}");
            json!({"status": "ok", "value": value})
        }
        Err(error) if error.is_cancelled_error() => {
            println!("gather was cancelled");
            json!({"status": "cancelled"})
        }
        Err(error) => {
            println!("gather raised {error}");
            json!({
                "status": "raised",
                "exception": error.type_name(),
                "message": error.message(),
            })
        }
    };
    println!("outcome: {outcome}");
}
"#;

const LIST_VALUE: &str = r#"
/// A gather's results as the playground reports them: a list, with
/// `{"exception": T, "message": M}` in place of a failed child's value.
fn list_value(results: GatherResults<Value>) -> Value {
    results
        .into_iter()
        .map(|result| match result {
            Ok(value) => value,
            Err(error) => json!({"exception": error.type_name(), "message": error.message()}),
        })
        .collect()
}
"#;

const NESTED_GATHER: &str = r#"
/// A gather as the child of another: its value is the list of its own children's values.
fn nested_gather<const N: usize>(
    runtime: &Runtime,
    children: [Awaitable<Value>; N],
    return_exceptions: bool,
) -> Awaitable<Value> {
    Awaitable::from(gather(runtime, children, return_exceptions)).map(list_value)
}
"#;

const CANCEL_AT: &str = r#"
/// Calls `cancel()` on `target` `at_ms` milliseconds from now, as Python's
/// `loop.call_later(at_ms / 1000, target.cancel)` does.
fn cancel_at<T: Clone + 'static>(runtime: &Runtime, at_ms: u64, target: Awaitable<T>) {
    let timer = runtime.clone();
    runtime.spawn_detached(async move {
        timer.sleep(at_ms).await;
        target.cancel();
    });
}
"#;

/// One statement of `main`, before formatting.
enum Statement<'a> {
    Future {
        name: String,
        spec: &'a FutureSpec,
        /// The semaphore of its gather's limit.
        slots: Option<String>,
    },
    /// The semaphore of a gather's limit.
    Slots { name: String, limit: usize },
    /// `name` is `None` for the root.
    Gather {
        name: Option<String>,
        children: Vec<String>,
        return_exceptions: bool,
    },
}

/// What `main()` creates, in the order the scenario runner creates it.
#[derive(Default)]
struct Plan<'a> {
    statements: Vec<Statement<'a>>,
    /// `(cancel_at_ms, the task or gather)`, in the order the runner schedules them.
    cancels: Vec<(u64, String)>,
    /// How many future nodes so far, for the names of unlabelled ones.
    futures: usize,
    /// Whether a child raises, so the program needs `Exception`.
    raises: bool,
    /// Whether a gather has a limit, so the program needs `Semaphore`.
    limited: bool,
    /// Whether gathers nest, so the program needs `nested_gather`.
    nests: bool,
}

impl<'a> Plan<'a> {
    /// Plans `gather` and its subtree, in the runner's order: the children first (tasks
    /// in preorder), then the gather itself. `name` is its variable, `None` for the root.
    fn gather(&mut self, gather: &'a GatherSpec, name: Option<String>, names: &mut Namespace) {
        let mut children = Vec::new();
        let slots = gather.limit.map(|limit| {
            self.limited = true;
            let slots = names.claim(&format!("{}_slots", name.as_deref().unwrap_or("outer")));
            self.statements.push(Statement::Slots {
                name: slots.clone(),
                limit,
            });
            slots
        });
        for child in &gather.children {
            match child {
                NodeSpec::Future(future) => {
                    self.futures += 1;
                    let base = identifier_base(&future.label, "child_")
                        .unwrap_or_else(|| format!("child_{}", self.futures));
                    let name = names.claim(&base);
                    let cleanup = future.on_cancel.as_ref().map(|cleanup| &cleanup.result);
                    self.raises |= std::iter::once(&future.result)
                        .chain(cleanup)
                        .any(|result| matches!(result, ResultSpec::Error(_)));
                    if let Some(at_ms) = future.cancel_at_ms {
                        self.cancels.push((at_ms, name.clone()));
                    }
                    children.push(name.clone());
                    self.statements.push(Statement::Future {
                        name,
                        spec: future,
                        slots: slots.clone(),
                    });
                }
                NodeSpec::Gather(nested) => {
                    self.nests = true;
                    let base = identifier_base(&nested.label, "inner_")
                        .unwrap_or_else(|| "inner".to_owned());
                    let name = names.claim(&base);
                    self.gather(nested, Some(name.clone()), names);
                    children.push(name);
                }
            }
        }
        if let Some(at_ms) = gather.cancel_at_ms {
            let target = name.clone().unwrap_or_else(|| "outer".to_owned());
            self.cancels.push((at_ms, target));
        }
        self.statements.push(Statement::Gather {
            name,
            children,
            return_exceptions: gather.return_exceptions,
        });
    }
}

fn future_statement(name: &str, spec: &FutureSpec, slots: Option<&str>) -> String {
    let mut text = match slots {
        None => format!("\n    let {name} = Awaitable::from(runtime.spawn(|cx| async move {{\n"),
        Some(slots) => format!(
            "\n    let {name} = Awaitable::from(runtime.spawn({{\n        let {slots} = {slots}.clone();\n        \
             move |cx| async move {{\n            // `async with slots:` around the whole child.\n            \
             let _slot = {slots}.acquire(&cx).await?;\n"
        ),
    };
    if slots.is_some() {
        // The body sits one block deeper.
        let body = future_body(spec);
        for line in body.lines() {
            if line.is_empty() {
                text.push('\n');
            } else {
                text.push_str("    ");
                text.push_str(line);
                text.push('\n');
            }
        }
        text.push_str("        }\n    }));\n");
        return text;
    }
    text.push_str(&future_body(spec));
    text.push_str("    }));\n");
    text
}

/// A future's body at the indentation of a `spawn(|cx| async move {` block.
fn future_body(spec: &FutureSpec) -> String {
    let mut text = String::new();
    match &spec.on_cancel {
        None => {
            let _ = writeln!(text, "        cx.sleep({}).await?;", spec.delay_ms);
            text.push_str(&finish(8, "", &spec.result, ""));
        }
        Some(cleanup) => {
            let _ = writeln!(
                text,
                "        if cx.sleep({}).await.is_err() {{\n            \
                 // Catching the cancellation lets this child clean up, then finish its own way.\n            \
                 cx.sleep({}).await?;",
                spec.delay_ms, cleanup.delay_ms
            );
            text.push_str(&finish(12, "return ", &cleanup.result, ";"));
            text.push_str("        }\n");
            text.push_str(&finish(8, "", &spec.result, ""));
        }
    }
    text
}

/// The line (or lines) returning `result` at `indent`.
fn finish(indent: usize, prefix: &str, result: &ResultSpec, suffix: &str) -> String {
    let pad = " ".repeat(indent);
    match result {
        ResultSpec::Value(value) => {
            let value = rust_literal::json_value(value);
            let line = format!("{pad}{prefix}Ok(json!({value})){suffix}\n");
            // rustfmt keeps `Ok(json!(...))` on one line while `json!(...)` fits its
            // call width.
            if "json!()".len() + width(&value) <= CALL_WIDTH && width(&line) <= MAX_WIDTH + 1 {
                line
            } else {
                format!("{pad}{prefix}Ok(json!(\n{pad}    {value}\n{pad})){suffix}\n")
            }
        }
        ResultSpec::Error(exception) => {
            let arguments = [
                rust_literal::string(exception.type_name()),
                rust_literal::string(exception.message()),
            ];
            let head = format!("{pad}{prefix}Err(Exception::new(");
            let tail = format!(")){suffix}");
            // As for `Ok`: the whole `Exception::new(...)` must fit rustfmt's call width.
            call(&head, &arguments, &tail, indent, "Exception::new()".len())
        }
    }
}

/// `head` + the arguments + `tail`, on one line when they fit in rustfmt's widths (the
/// arguments with `callee` more characters in its call width), else one argument a line.
fn call(head: &str, arguments: &[String], tail: &str, indent: usize, callee: usize) -> String {
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

fn gather_statement(
    name: Option<&str>,
    children: &[String],
    return_exceptions: bool,
    targets: &HashSet<&str>,
) -> String {
    let (head, function) = match name {
        Some(name) => (format!("    let {name} = nested_gather("), "nested_gather"),
        None => ("    let outer = gather(".to_owned(), "gather"),
    };
    let items: Vec<String> = children
        .iter()
        .map(|child| {
            if targets.contains(child.as_str()) {
                format!("{child}.clone()")
            } else {
                child.clone()
            }
        })
        .collect();
    let flag = return_exceptions.to_string();
    let array = if items.is_empty() && function == "gather" {
        // An empty array would leave the children's type to guess.
        "Vec::<Awaitable<Value>>::new()".to_owned()
    } else {
        format!("[{}]", items.join(", "))
    };
    let arguments = ["&runtime".to_owned(), array, flag.clone()];
    let joined = arguments.join(", ");
    if joined.len() <= CALL_WIDTH && head.len() + joined.len() + 2 <= MAX_WIDTH {
        return format!("{head}{joined});\n");
    }
    let mut text = format!("{head}\n        &runtime,\n");
    text.push_str(&array_argument(&items, 8));
    let _ = writeln!(text, "        {flag},\n    );");
    text
}

/// How wide rustfmt takes `text` to be, near enough: one column a character (it counts
/// wide characters, such as emoji, as two).
fn width(text: &str) -> usize {
    text.chars().count()
}

/// An array as a call's argument at `indent`, laid out as rustfmt lays it out: on one line
/// when it fits, else several short plain names a line, else one item a line.
fn array_argument(items: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let joined = items.join(", ");
    if joined.len() <= CALL_WIDTH && indent + joined.len() + 3 <= MAX_WIDTH {
        return format!("{pad}[{joined}],\n");
    }
    let inner = " ".repeat(indent + 4);
    let mut text = format!("{pad}[\n");
    let short = items
        .iter()
        .all(|item| item.len() <= SHORT_ITEM && !item.contains('.'));
    if short {
        let mut line = String::new();
        for item in items {
            if !line.is_empty() && indent + 4 + line.len() + 1 + item.len() + 1 > MAX_WIDTH {
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

#[cfg(test)]
mod tests {
    use super::{array_argument, to_rust};
    use crate::scenario::Scenario;
    use serde_json::json;

    fn program(scenario: serde_json::Value) -> String {
        let scenario = Scenario::from_value(&scenario);
        to_rust(&scenario.unwrap_or_else(|error| panic!("{error}")))
    }

    fn names(prefix: &str, count: usize) -> Vec<String> {
        (0..count).map(|index| format!("{prefix}{index}")).collect()
    }

    #[test]
    fn arrays_fit_one_line_or_pack_short_names_or_go_one_a_line() {
        assert_eq!(array_argument(&names("a", 3), 8), "        [a0, a1, a2],\n");
        let packed = array_argument(&names("c", 30), 8);
        assert_eq!(packed.lines().count(), 4, "{packed}");
        assert!(packed.contains("            c0, c1, c2,"), "{packed}");
        let long = array_argument(&names("a_rather_long_name_", 5), 8);
        assert_eq!(long.lines().count(), 7, "{long}");
        assert!(
            long.contains("            a_rather_long_name_4,\n        ],"),
            "{long}"
        );
    }

    #[test]
    fn a_limited_gather_s_children_take_a_slot_of_its_semaphore() {
        let text = program(json!({"version": 1, "limit": 2, "children": [
            {"kind": "future", "label": "a", "delay_ms": 5, "result": {"value": 1}}]}));
        assert!(text.contains("    let outer_slots = Semaphore::new(&runtime, 2);\n"));
        assert!(text.contains(
            "        let outer_slots = outer_slots.clone();\n        move |cx| async move {\n"
        ));
        assert!(text.contains("            let _slot = outer_slots.acquire(&cx).await?;\n            cx.sleep(5).await?;\n"));
    }

    #[test]
    fn unlabelled_nodes_get_numbered_names() {
        let text = program(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 1, "result": {"value": 1}},
            {"kind": "gather", "children": [
                {"kind": "future", "label": "!", "delay_ms": 1, "result": {"value": 2}}
            ]},
            {"kind": "future", "label": "main", "delay_ms": 1, "result": {"value": 3}}
        ]}));
        assert!(
            text.contains("    let child_1 = Awaitable::from("),
            "{text}"
        );
        assert!(
            text.contains("    let child_2 = Awaitable::from("),
            "{text}"
        );
        assert!(text.contains("    let main_2 = Awaitable::from("), "{text}");
        assert!(text.contains("    let inner = nested_gather(&runtime, [child_2], false);"));
        assert!(text.contains("    let outer = gather(&runtime, [child_1, inner, main_2], false);"));
    }

    #[test]
    fn the_program_imports_and_defines_only_what_it_uses() {
        let text = program(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 1, "result": {"value": 1}}
        ]}));
        assert!(text
            .contains("use gather_playground::{gather, Awaitable, GatherResults, VirtualClock};"));
        assert!(!text.contains("fn nested_gather") && !text.contains("fn cancel_at"));
        let text = program(json!({"version": 1, "cancel_at_ms": 5, "children": []}));
        assert!(text.contains("gather(&runtime, Vec::<Awaitable<Value>>::new(), false)"));
        assert!(text.contains("    cancel_at(&runtime, 5, Awaitable::from(outer.clone()));\n"));
        assert!(text.contains("fn cancel_at<T: Clone + 'static>("));
    }

    #[test]
    fn a_cancelled_child_is_cloned_into_its_gather_and_moved_into_its_cancel() {
        let text = program(json!({"version": 1, "children": [
            {"kind": "future", "label": "slow", "delay_ms": 900, "result": {"value": 1},
             "cancel_at_ms": 200,
             "on_cancel": {"delay_ms": 10, "result": {"error": {"type": "E", "message": ""}}}}
        ]}));
        assert!(
            text.contains("gather(&runtime, [slow.clone()], false)"),
            "{text}"
        );
        assert!(
            text.contains("    cancel_at(&runtime, 200, slow);\n"),
            "{text}"
        );
        assert!(text.contains("            return Err(Exception::new(\"E\", \"\"));\n"));
    }
}
