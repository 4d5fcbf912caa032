// A gather-playground scenario as a Rust program on the `gather_playground` crate: the
// same children, gathers, cancel times, limits, timeouts and shields as its Python program.
//
// It runs on a virtual clock: it finishes at once, and its times are exact. The comments
// cite the rules of the playground's docs/semantics.md. The last line it prints is the
// outcome as the playground reports it.

use gather_playground::{
    gather, Awaitable, Exception, GatherResults, Runtime, TaskContext, VirtualClock,
};
use serde_json::{json, Value};

async fn x(cx: &TaskContext) -> Result<Value, Exception> {
    cx.sleep(50).await?;
    Ok(json!(1))
}

async fn y(cx: &TaskContext) -> Result<Value, Exception> {
    if cx.sleep(1000).await.is_err() {
        // E4: a cancellation arrives at the child's await, here: caught, the child cleans
        // up, then finishes its own way. A second cancel interrupts the cleanup.
        cx.sleep(50).await?;
        return Err(Exception::new("CancelledError", ""));
    }
    Ok(json!(null))
}

async fn z(cx: &TaskContext) -> Result<Value, Exception> {
    cx.sleep(200).await?;
    Ok(json!(3))
}

/// Python's `async def main()`, run as a task as `asyncio.run(main())` runs it.
async fn run(cx: TaskContext) -> Result<Value, Exception> {
    let runtime = cx.runtime().clone();
    // Every task in the order the playground (and the Python program) creates them: tasks
    // start in that order (A1), which decides ties (H1).
    let x = spawn(&runtime, x);
    let y = spawn(&runtime, y);
    // E6: a nested gather is one child of its parent: its list is one result, its failure
    // (C1) one child's failure.
    let batch = nested_gather(&runtime, [x, y], false);
    // W1, W2: when the timeout passes, this gather and so each of its children is
    // cancelled; TimeoutError once all have ended, cleanups included.
    let batch_in_time = spawn_wait_for(&runtime, batch, 120);
    let z = spawn(&runtime, z);
    // B1, D1: the results come in argument order, exceptions in their place (B3); nothing
    // short-circuits.
    let outer = gather(&runtime, [batch_in_time, z], true);
    let results = cx.wait(outer).await?;
    Ok(list_value(results))
}

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

/// `asyncio.create_task(child())`: the child's task.
fn spawn(
    runtime: &Runtime,
    child: impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static,
) -> Awaitable<Value> {
    Awaitable::from(runtime.spawn(|cx| async move { child(&cx).await }))
}

/// `asyncio.create_task(asyncio.wait_for(awaited, timeout))`: a task that awaits `awaited`,
/// cancels it if it is not done in time, and then waits for it to end.
fn spawn_wait_for(
    runtime: &Runtime,
    awaited: Awaitable<Value>,
    timeout_ms: u64,
) -> Awaitable<Value> {
    Awaitable::from(runtime.spawn(move |cx| async move { cx.wait_for(awaited, timeout_ms).await }))
}

/// A gather as the child of another: its value is the list of its own children's values.
fn nested_gather<const N: usize>(
    runtime: &Runtime,
    children: [Awaitable<Value>; N],
    return_exceptions: bool,
) -> Awaitable<Value> {
    Awaitable::from(gather(runtime, children, return_exceptions)).map(list_value)
}

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
