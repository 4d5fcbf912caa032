//! A scenario as a Rust program on this crate's public API.

// ---- The program: what it is written from, and its parts in order -----------------------
mod program;
// One `async fn` per child.
mod children;
// `run`, Python's `main()`: the tasks, the cancel times, the root awaited.
mod run_fn;

// ---- How it is spelled -----------------------------------------------------------------
// The fixed text: the header, `main()`, the helpers.
mod snippets;
// Calls, arrays and comments laid out as rustfmt lays them out.
mod layout;
// String literals and `json!` arguments.
mod literal;

#[cfg(test)]
mod tests;

use crate::scenario::Scenario;
use program::RustProgram;

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
