//! A scenario as a Rust program on this crate's public API.

use super::names::{identifier_base, Namespace};
use super::plan::{Node, NodeIndex, Tree};
use super::rust_literal;
use crate::scenario::{FutureSpec, ResultSpec, Scenario};
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

/// rustfmt's defaults: `max_width`, `fn_call_width` and `array_width`,
/// `short_array_element_width_threshold`.
const MAX_WIDTH: usize = 100;
const CALL_WIDTH: usize = 60;
const SHORT_ITEM: usize = 10;
/// Comments are wrapped narrower than code, to read easily.
const COMMENT_WIDTH: usize = 92;

/// A complete Rust program equivalent to `scenario`, on this crate's public API, formatted
/// as rustfmt formats it, with the structure of [`to_python`](super::to_python)'s program.
///
/// Each future node is an `async fn` named after its label as in `to_python`, taking the
/// task's [`TaskContext`](crate::TaskContext) (and, in a gather with a limit, the
/// gather's [`Semaphore`](crate::Semaphore), of which it takes a slot first): it sleeps
/// with [`TaskContext::sleep`](crate::TaskContext::sleep) and returns its value as a
/// `serde_json::Value` or raises its [`Exception`](crate::Exception); with `on_cancel` it
/// catches the cancellation, sleeps the cleanup, and finishes with the cleanup's result.
///
/// `run`, Python's `async def main()`, runs as a task, as `asyncio.run(main())` runs main.
/// It spawns every child's task, in the order the playground creates them (preorder, the
/// order that decides ties); gathers nest as in the scenario (a nested gather's value is
/// its list). A timeout is a task running the child under
/// [`TaskContext::timeout`](crate::TaskContext::timeout) (CPython 3.12's `wait_for`), or
/// awaiting a gather or shield with
/// [`TaskContext::wait_for`](crate::TaskContext::wait_for); a shield is
/// [`shield`](crate::shield). Each `cancel_at_ms` is `loop.call_later`'s equivalent: a
/// [`Runtime::call_at`](crate::Runtime::call_at) timer set before any child runs, in the
/// playground's order, calling `cancel()`. `run` awaits the root gather (through
/// `wait_for` if it has a timeout). The program runs on a
/// [`VirtualClock`](crate::VirtualClock), so it finishes at once with exact times; it
/// prints what `run` received, then `outcome: ` and the same JSON as
/// [`outcome_line`](super::outcome_line) (in Rust's compact spelling).
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::to_rust;
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "return_exceptions": true, "children": [
///     {"kind": "future", "label": "fetch A", "delay_ms": 300, "result": {"value": 3},
///      "timeout_ms": 100}
/// ]}"#).unwrap();
/// let program = to_rust(&scenario);
/// assert!(program.contains(
///     "async fn fetch_a(cx: &TaskContext) -> Result<Value, Exception> {\n    cx.sleep(300).await?;\n    Ok(json!(3))\n}\n"
/// ));
/// assert!(program.contains("    let fetch_a = spawn_with_timeout(&runtime, fetch_a, 100);\n"));
/// assert!(program.contains("    let outer = gather(&runtime, [fetch_a], true);\n"));
/// assert!(program.contains("fn main() {"));
/// ```
pub fn to_rust(scenario: &Scenario) -> String {
    RustProgram::new(scenario).write()
}

struct RustProgram<'a> {
    tree: Tree<'a>,
    names: Namespace,
    functions: HashMap<NodeIndex, String>,
    slots: HashMap<NodeIndex, String>,
    /// Each node's variable in `run`, once made (the root's is `outer`).
    variables: HashMap<NodeIndex, String>,
    cancelled: HashSet<NodeIndex>,
    noted: HashSet<&'static str>,
    uses: Uses,
}

/// Which helpers and imports the program needs.
#[derive(Default)]
struct Uses {
    spawn: bool,
    slots: bool,
    shield: bool,
    with_timeout: bool,
    wait_for: bool,
    nests: bool,
    cancels: bool,
}

impl<'a> RustProgram<'a> {
    fn new(scenario: &'a Scenario) -> Self {
        let tree = Tree::new(&scenario.root);
        let mut names = Namespace::new(RESERVED.split_whitespace());
        let mut functions = HashMap::new();
        let mut slots = HashMap::new();
        let mut futures = 0;
        let mut uses = Uses::default();
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
                            identifier_base(&spec.label, "inner_")
                                .unwrap_or_else(|| "inner".to_owned())
                        };
                        slots.insert(index, names.claim(&format!("{base}_slots")));
                        uses.slots = true;
                    }
                }
            }
        }
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

    fn write(mut self) -> String {
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
    fn note(&mut self, out: &mut String, indent: usize, text: &'static str) {
        if self.noted.insert(text) {
            push_comment(out, indent, text);
        }
    }

    fn child_function(&mut self, index: NodeIndex, spec: &FutureSpec, parent: NodeIndex) -> String {
        let name = &self.functions[&index];
        let mut text = match self.slots.get(&parent) {
            Some(_) => format!(
                "async fn {name}(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {{\n"
            ),
            None => format!("async fn {name}(cx: &TaskContext) -> Result<Value, Exception> {{\n"),
        };
        if width(&text) > MAX_WIDTH + 1 {
            text = format!(
                "async fn {name}(\n    cx: &TaskContext,\n    slots: &Semaphore,\n) -> Result<Value, Exception> {{\n"
            );
        }
        if self.slots.contains_key(&parent) {
            let mut comment = String::new();
            self.note(
                &mut comment,
                4,
                "L1: `async with slots:` around the whole child: it waits here for a free \
                 slot, first come, first served, and holds it until it ends.",
            );
            if spec.on_cancel.is_some() {
                self.note(
                    &mut comment,
                    4,
                    "L3: cancelled while it waits for a slot, the child ends cancelled, \
                     without its cleanup.",
                );
            }
            text.push_str(&comment);
            text.push_str("    let _slot = slots.acquire(cx).await?;\n");
        }
        match &spec.on_cancel {
            None => {
                self.sleep_zero_note(&mut text, spec.delay_ms, 4);
                let _ = writeln!(text, "    cx.sleep({}).await?;", spec.delay_ms);
                text.push_str(&finish(4, "", &spec.result, ""));
            }
            Some(cleanup) => {
                self.sleep_zero_note(&mut text, spec.delay_ms, 4);
                let _ = writeln!(text, "    if cx.sleep({}).await.is_err() {{", spec.delay_ms);
                self.note(
                    &mut text,
                    8,
                    "E4: a cancellation arrives at the child's await, here: caught, the \
                     child cleans up, then finishes its own way. A second cancel interrupts \
                     the cleanup.",
                );
                self.sleep_zero_note(&mut text, cleanup.delay_ms, 8);
                let _ = writeln!(text, "        cx.sleep({}).await?;", cleanup.delay_ms);
                text.push_str(&finish(8, "return ", &cleanup.result, ";"));
                text.push_str("    }\n");
                text.push_str(&finish(4, "", &spec.result, ""));
            }
        }
        text.push_str("}\n");
        text
    }

    fn sleep_zero_note(&mut self, out: &mut String, delay_ms: u64, indent: usize) {
        if delay_ms == 0 {
            self.note(
                out,
                indent,
                "H5: sleep(0) sets no timer: it is one yield to the loop.",
            );
        }
    }

    fn variable(&mut self, base: &str) -> String {
        self.names.claim(base)
    }

    /// A use of `name` that consumes it: a clone if a cancel time still needs it.
    fn consumed(&self, node: NodeIndex, name: &str) -> String {
        if self.cancelled.contains(&node) && self.variables.get(&node).is_some_and(|v| v == name) {
            format!("{name}.clone()")
        } else {
            name.to_owned()
        }
    }

    /// `run`: Python's main.
    fn run_function(&mut self) -> String {
        let mut body = String::new();
        body.push_str("    let runtime = cx.runtime().clone();\n");
        let slot_nodes: Vec<(NodeIndex, String)> = {
            let mut slots: Vec<(NodeIndex, String)> =
                self.slots.iter().map(|(n, s)| (*n, s.clone())).collect();
            slots.sort();
            slots
        };
        for (position, (node, name)) in slot_nodes.iter().enumerate() {
            if position == 0 {
                push_comment(
                    &mut body,
                    4,
                    "L1: a gather's limit: its children share a semaphore, so at most that \
                     many run at once (gather itself has no limit).",
                );
            }
            let limit = match &self.tree.nodes[*node] {
                Node::Gather { spec, .. } => spec.limit.unwrap_or(1),
                Node::Future { .. } => 1,
            };
            let _ = writeln!(body, "    let {name} = Semaphore::new(&runtime, {limit});");
        }
        push_comment(
            &mut body,
            4,
            "Every task in the order the playground (and the Python program) creates them: \
             tasks start in that order (A1), which decides ties (H1).",
        );
        let root_children: Vec<NodeIndex> = self.tree.children(0).to_vec();
        let items: Vec<String> = root_children
            .iter()
            .map(|&child| self.given(child, &mut body))
            .collect();
        let (return_exceptions, guard) = match &self.tree.nodes[0] {
            Node::Gather { spec, .. } => (spec.return_exceptions, spec.guard),
            Node::Future { .. } => unreachable!("the root is a gather"),
        };
        self.variables.insert(0, "outer".to_owned());
        let note = if !self.tree.can_fail() {
            "B1: the results come in argument order, not in the order the children finish."
        } else if return_exceptions {
            "B1, D1: the results come in argument order, exceptions in their place (B3); \
             nothing short-circuits."
        } else {
            "B1: the results come in argument order. C1: the first exception propagates at \
             once, and the other children keep running (C2)."
        };
        self.note(&mut body, 4, note);
        body.push_str(&gather_statement(
            "outer",
            "gather",
            &items,
            return_exceptions,
        ));
        let cancels = self.tree.cancels();
        for (position, (at_ms, node)) in cancels.iter().enumerate() {
            if position == 0 {
                push_comment(
                    &mut body,
                    4,
                    "H6: set before any child runs, so that a cancel due just as a sleep ends \
                     comes first (H4: it wins).",
                );
            }
            if matches!(self.tree.nodes[*node], Node::Gather { .. }) {
                self.note(
                    &mut body,
                    4,
                    "E2, E3: cancel() on a gather cancels each of its children still running; \
                     the gather raises CancelledError once they have reacted.",
                );
            }
            let target = if *node == 0 {
                "Awaitable::from(outer.clone())".to_owned()
            } else {
                self.variables.get(node).cloned().unwrap_or_default()
            };
            body.push_str(&call_statement(
                None,
                "cancel_later",
                &["&runtime".to_owned(), at_ms.to_string(), target],
            ));
        }
        match guard.timeout_ms {
            Some(timeout_ms) => {
                push_comment(
                    &mut body,
                    4,
                    "W1, W2: when the timeout passes, run is cancelled, and so the gather and \
                     each child (E7); TimeoutError once they have all ended.",
                );
                let _ = writeln!(
                    body,
                    "    let results = cx.wait_for(outer, {timeout_ms}).await?;"
                );
            }
            None => body.push_str("    let results = cx.wait(outer).await?;\n"),
        }
        body.push_str("    Ok(list_value(results))\n");
        format!(
            "/// Python's `async def main()`, run as a task as `asyncio.run(main())` runs it.\n\
             async fn run(cx: TaskContext) -> Result<Value, Exception> {{\n{body}}}\n"
        )
    }

    /// The statements creating a node (in the order the playground does), and what its
    /// gather is given for it.
    fn given(&mut self, node: NodeIndex, body: &mut String) -> String {
        match &self.tree.nodes[node] {
            Node::Future { spec, parent } => {
                let (spec, parent) = (*spec, *parent);
                self.future(node, spec, parent, body)
            }
            Node::Gather { spec, children } => {
                let (return_exceptions, guard) = (spec.return_exceptions, spec.guard);
                let base =
                    identifier_base(&spec.label, "inner_").unwrap_or_else(|| "inner".to_owned());
                let children = children.clone();
                let items: Vec<String> = children
                    .iter()
                    .map(|&child| self.given(child, body))
                    .collect();
                self.uses.nests = true;
                let name = self.variable(&base);
                self.variables.insert(node, name.clone());
                let note = if !self.tree.can_fail() {
                    "E6: a nested gather is one child of its parent: its list is one result."
                } else if return_exceptions {
                    "E6, D1: a nested gather is one child of its parent: its whole list, \
                     exceptions in place, is one result."
                } else {
                    "E6: a nested gather is one child of its parent: its list is one result, \
                     its failure (C1) one child's failure."
                };
                self.note(body, 4, note);
                body.push_str(&gather_statement(
                    &name,
                    "nested_gather",
                    &items,
                    return_exceptions,
                ));
                let mut given = self.consumed(node, &name);
                if guard.shield {
                    let note = if guard.timeout_ms.is_some() {
                        "W4: TimeoutError when the timeout passes, without cancelling what \
                         it shields: the shield takes the cancellation."
                    } else {
                        "W3: cancelling the shield leaves this gather and its children running."
                    };
                    given = self.shielded(&base, given, note, body);
                }
                if let Some(timeout_ms) = guard.timeout_ms {
                    if !guard.shield {
                        self.note(
                            body,
                            4,
                            "W1, W2: when the timeout passes, this gather and so each of its \
                             children is cancelled; TimeoutError once all have ended, \
                             cleanups included.",
                        );
                    }
                    given = self.wait_for_task(&base, given, timeout_ms, body);
                }
                given
            }
        }
    }

    fn future(
        &mut self,
        node: NodeIndex,
        spec: &FutureSpec,
        parent: NodeIndex,
        body: &mut String,
    ) -> String {
        let function = self.functions[&node].clone();
        let child = match self.slots.get(&parent) {
            Some(slots) => format!("with_slots(&{slots}, {function})"),
            None => function.clone(),
        };
        let guard = spec.guard;
        self.variables.insert(node, function.clone());
        if let (Some(timeout_ms), false) = (guard.timeout_ms, guard.shield) {
            self.uses.with_timeout = true;
            self.note(
                body,
                4,
                "W1, W2: when the timeout passes, the child is cancelled; once it has ended, \
                 TimeoutError (or its value, if it caught the cancellation and returned).",
            );
            body.push_str(&call_statement(
                Some(&function),
                "spawn_with_timeout",
                &["&runtime".to_owned(), child, timeout_ms.to_string()],
            ));
            return self.consumed(node, &function);
        }
        self.uses.spawn = true;
        body.push_str(&call_statement(
            Some(&function),
            "spawn",
            &["&runtime".to_owned(), child],
        ));
        let mut given = self.consumed(node, &function);
        if guard.shield {
            let note = if guard.timeout_ms.is_some() {
                "W4: TimeoutError when the timeout passes, without cancelling the child: the \
                 shield takes the cancellation."
            } else {
                "W3: cancelling the shield (its gather cancelled, say) leaves the child running."
            };
            given = self.shielded(&function, given, note, body);
        }
        if let Some(timeout_ms) = guard.timeout_ms {
            given = self.wait_for_task(&function, given, timeout_ms, body);
        }
        given
    }

    fn shielded(
        &mut self,
        base: &str,
        inner: String,
        note: &'static str,
        body: &mut String,
    ) -> String {
        self.uses.shield = true;
        self.note(body, 4, note);
        let name = self.variable(&format!("{base}_shield"));
        let shield = format!("shield(&runtime, {inner})");
        body.push_str(&call_statement(Some(&name), "Awaitable::from", &[shield]));
        name
    }

    fn wait_for_task(
        &mut self,
        base: &str,
        awaited: String,
        timeout_ms: u64,
        body: &mut String,
    ) -> String {
        self.uses.wait_for = true;
        let name = self.variable(&format!("{base}_in_time"));
        body.push_str(&call_statement(
            Some(&name),
            "spawn_wait_for",
            &["&runtime".to_owned(), awaited, timeout_ms.to_string()],
        ));
        name
    }
}

const HEADER: &str = "\
// A gather-playground scenario as a Rust program on the `gather_playground` crate: the
// same children, gathers, cancel times, limits, timeouts and shields as its Python program.
//
// It runs on a virtual clock: it finishes at once, and its times are exact. The comments
// cite the rules of the playground's docs/semantics.md. The last line it prints is the
// outcome as the playground reports it.

";

const MAIN: &str = r#"
fn main() {
    let clock = VirtualClock::new();
    let main_task = clock.runtime().spawn(run);
    // `block_on` runs the loop until nothing is left to run: when it returns, every child
    // has finished too, not only the gather.
    let finished = clock.block_on(main_task);
    let outcome = match finished.expect("run finishes once its gather has") {
        Ok(value) => {
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

const SPAWN: &str = r#"
/// `asyncio.create_task(child())`: the child's task.
fn spawn(
    runtime: &Runtime,
    child: impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static,
) -> Awaitable<Value> {
    Awaitable::from(runtime.spawn(|cx| async move { child(&cx).await }))
}
"#;

const SPAWN_WITH_TIMEOUT: &str = r#"
/// `asyncio.create_task(asyncio.wait_for(child(), timeout))`: one task, which runs the
/// child under `asyncio.timeout` (CPython 3.12's `wait_for`).
fn spawn_with_timeout(
    runtime: &Runtime,
    child: impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static,
    timeout_ms: u64,
) -> Awaitable<Value> {
    Awaitable::from(
        runtime.spawn(move |cx| async move { cx.timeout(timeout_ms, child(&cx)).await }),
    )
}
"#;

const SPAWN_WAIT_FOR: &str = r#"
/// `asyncio.create_task(asyncio.wait_for(awaited, timeout))`: a task that awaits `awaited`,
/// cancels it if it is not done in time, and then waits for it to end.
fn spawn_wait_for(
    runtime: &Runtime,
    awaited: Awaitable<Value>,
    timeout_ms: u64,
) -> Awaitable<Value> {
    Awaitable::from(runtime.spawn(move |cx| async move { cx.wait_for(awaited, timeout_ms).await }))
}
"#;

const WITH_SLOTS: &str = r#"
/// A child of a gather with a limit, given the gather's semaphore.
fn with_slots(
    slots: &Semaphore,
    child: impl AsyncFnOnce(&TaskContext, &Semaphore) -> Result<Value, Exception> + 'static,
) -> impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static {
    let slots = slots.clone();
    async move |cx: &TaskContext| child(cx, &slots).await
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

const CANCEL_LATER: &str = r#"
/// `loop.call_later(delay, target.cancel)`: calls `cancel()` on `target` `delay_ms`
/// milliseconds from now.
fn cancel_later<T: Clone + 'static>(runtime: &Runtime, delay_ms: u64, target: Awaitable<T>) {
    let at_ms = runtime.now_ms() + delay_ms as f64;
    runtime.call_at(
        at_ms,
        SoonCallback::new(move || {
            target.cancel();
        }),
    );
}
"#;

/// `text` as `// ` comment lines at `indent`, wrapped at rustfmt's width.
fn push_comment(out: &mut String, indent: usize, text: &str) {
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

/// `let name = callee(arguments);` (or `callee(arguments);`) in `run`, as rustfmt lays it
/// out: on one line if it fits (the arguments in the call width), else with the call on
/// the next line if it fits there, else one argument a line.
fn call_statement(name: Option<&str>, callee: &str, arguments: &[String]) -> String {
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

fn gather_statement(
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
fn width(text: &str) -> usize {
    text.chars().count()
}

/// An array as a call's argument at `indent`, laid out as rustfmt lays it out: on one line
/// when it fits, else several short plain names a line, else one item a line.
fn array_argument(items: &[String], indent: usize) -> String {
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
        assert!(text.contains("    let main_slots = Semaphore::new(&runtime, 2);\n"));
        assert!(text.contains("    let a = spawn(&runtime, with_slots(&main_slots, a));\n"));
        assert!(text.contains(
            "async fn a(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {\n"
        ));
        assert!(
            text.contains("    let _slot = slots.acquire(cx).await?;\n    cx.sleep(5).await?;\n")
        );
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
            text.contains("    let child_1 = spawn(&runtime, child_1);\n"),
            "{text}"
        );
        assert!(
            text.contains("    let child_2 = spawn(&runtime, child_2);\n"),
            "{text}"
        );
        assert!(
            text.contains("    let main_2 = spawn(&runtime, main_2);\n"),
            "{text}"
        );
        assert!(text.contains("    let inner = nested_gather(&runtime, [child_2], false);"));
        assert!(text.contains("    let outer = gather(&runtime, [child_1, inner, main_2], false);"));
    }

    #[test]
    fn the_program_imports_and_defines_only_what_it_uses() {
        let text = program(json!({"version": 1, "children": [
            {"kind": "future", "delay_ms": 1, "result": {"value": 1}}
        ]}));
        assert!(text.contains(
            "use gather_playground::{gather, Awaitable, Exception, GatherResults, Runtime, TaskContext, VirtualClock};"
        ) || text.contains("use gather_playground::{\n"), "{text}");
        assert!(!text.contains("fn nested_gather") && !text.contains("fn cancel_later"));
        let text = program(json!({"version": 1, "cancel_at_ms": 5, "children": []}));
        assert!(text.contains("gather(&runtime, Vec::<Awaitable<Value>>::new(), false)"));
        assert!(text.contains("    cancel_later(&runtime, 5, Awaitable::from(outer.clone()));\n"));
        assert!(text.contains("fn cancel_later<T: Clone + 'static>("));
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
            text.contains("    cancel_later(&runtime, 200, slow);\n"),
            "{text}"
        );
        assert!(text.contains("        return Err(Exception::new(\"E\", \"\"));\n"));
    }

    #[test]
    fn timeouts_and_shields_use_the_crate_s_api() {
        let text = program(json!({"version": 1, "timeout_ms": 500, "children": [
            {"kind": "future", "label": "a", "delay_ms": 10, "result": {"value": 1},
             "timeout_ms": 100},
            {"kind": "future", "label": "b", "delay_ms": 10, "result": {"value": 1},
             "shield": true},
            {"kind": "gather", "label": "c", "timeout_ms": 100, "shield": true, "children": []},
        ]}));
        for expected in [
            "    let a = spawn_with_timeout(&runtime, a, 100);\n",
            "    let b_shield = Awaitable::from(shield(&runtime, b));\n",
            "    let c = nested_gather(&runtime, [], false);\n",
            "    let c_shield = Awaitable::from(shield(&runtime, c));\n",
            "    let c_in_time = spawn_wait_for(&runtime, c_shield, 100);\n",
            "    let outer = gather(&runtime, [a, b_shield, c_in_time], false);\n",
            "    let results = cx.wait_for(outer, 500).await?;\n",
            "cx.timeout(timeout_ms, child(&cx))",
            "cx.wait_for(awaited, timeout_ms)",
        ] {
            assert!(text.contains(expected), "no {expected:?} in:\n{text}");
        }
    }
}
