//! A scenario as a plain asyncio program for CPython: the program a person would write
//! ([`to_python`]), and the same with every task and gather watched
//! ([`to_python_instrumented`]).

// ---- The program: what it is written from, and its parts in order -----------------------
mod program;
// The exception classes at the top, and how `raise` names each type.
mod exceptions;
// The semaphores of limited gathers, and one `async def` per child.
mod children;

// ---- `main()`: planned as statements, then written -------------------------------------
// Its expressions and statements as data, with the notes they carry.
mod statements;
// How many tasks it creates first, so that Python creates them all in the reference's
// order; checked by following Python's evaluation.
mod order;
// Its statements spelled for a given number of tasks created first.
mod emit;
// Written out: the tasks it creates first, the cancel times, what it awaits.
mod write_main;

// ---- How it is spelled -----------------------------------------------------------------
// The fixed text: headers, `watch`, the outcome's helpers, each rule's comment.
mod snippets;
// Calls on one line or one argument a line, comments wrapped, as black lays them out.
mod layout;
// String literals, JSON values as literals, milliseconds as seconds.
mod literal;
// `repr()` of a report's values and exceptions, as the page shows them.
mod repr;
// `json.dumps`, for the outcome line.
mod dumps;
// Integers and floats as Python writes them.
mod float;

#[cfg(test)]
mod tests;

use crate::scenario::Scenario;
pub(super) use dumps::dumps;
use program::Program;
pub use repr::{python_exception_repr, python_repr};
use statements::Style;

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
