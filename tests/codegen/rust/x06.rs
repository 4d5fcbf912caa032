// A gather-playground scenario as a Rust program on the `gather_playground` crate: the
// same children, gathers, cancel times, limits, timeouts and shields as its Python program.
//
// It runs on a virtual clock: it finishes at once, and its times are exact. The comments
// cite the rules of the playground's docs/semantics.md. The last line it prints is the
// outcome as the playground reports it.

use gather_playground::{
    gather, Awaitable, Exception, GatherResults, Runtime, Semaphore, TaskContext, VirtualClock,
};
use serde_json::{json, Value};

async fn a(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {
    // L1: `async with slots:` around the whole child: it waits here for a free slot, first
    // come, first served, and holds it until it ends.
    let _slot = slots.acquire(cx).await?;
    cx.sleep(100).await?;
    Ok(json!(1))
}

async fn b(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {
    let _slot = slots.acquire(cx).await?;
    cx.sleep(100).await?;
    Ok(json!(2))
}

/// Python's `async def main()`, run as a task as `asyncio.run(main())` runs it.
async fn run(cx: TaskContext) -> Result<Value, Exception> {
    let runtime = cx.runtime().clone();
    // L1: a gather's limit: its children share a semaphore, so at most that many run at
    // once (gather itself has no limit).
    let main_slots = Semaphore::new(&runtime, 1);
    // Every task in the order the playground (and the Python program) creates them: tasks
    // start in that order (A1), which decides ties (H1).
    let a = spawn(&runtime, with_slots(&main_slots, a));
    let b = spawn(&runtime, with_slots(&main_slots, b));
    // B1: the results come in argument order, not in the order the children finish.
    let outer = gather(&runtime, [a, b], false);
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

/// A child of a gather with a limit, given the gather's semaphore.
fn with_slots(
    slots: &Semaphore,
    child: impl AsyncFnOnce(&TaskContext, &Semaphore) -> Result<Value, Exception> + 'static,
) -> impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static {
    let slots = slots.clone();
    async move |cx: &TaskContext| child(cx, &slots).await
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
