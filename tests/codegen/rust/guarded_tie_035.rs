// A gather-playground scenario as a Rust program on the `gather_playground` crate: the
// same children, gathers, cancel times, limits, timeouts and shields as its Python program.
//
// It runs on a virtual clock: it finishes at once, and its times are exact. The comments
// cite the rules of the playground's docs/semantics.md. The last line it prints is the
// outcome as the playground reports it.

use gather_playground::{
    gather, shield, Awaitable, Exception, GatherResults, Runtime, Semaphore, SoonCallback,
    TaskContext, VirtualClock,
};
use serde_json::{json, Value};

async fn a(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {
    // L1: `async with slots:` around the whole child: it waits here for a free slot, first
    // come, first served, and holds it until it ends.
    // L3: cancelled while it waits for a slot, the child ends cancelled, without its
    // cleanup.
    let _slot = slots.acquire(cx).await?;
    if cx.sleep(100).await.is_err() {
        // E4: a cancellation arrives at the child's await, here: caught, the child cleans
        // up, then finishes its own way. A second cancel interrupts the cleanup.
        // H5: sleep(0) sets no timer: it is one yield to the loop.
        cx.sleep(0).await?;
        return Ok(json!(true));
    }
    Ok(json!(true))
}

async fn c_0(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {
    let _slot = slots.acquire(cx).await?;
    cx.sleep(200).await?;
    Ok(json!(true))
}

async fn c_1_0(cx: &TaskContext) -> Result<Value, Exception> {
    cx.sleep(100).await?;
    Err(Exception::new("ValueError", "division by zero"))
}

async fn c_1_1(cx: &TaskContext) -> Result<Value, Exception> {
    cx.sleep(100).await?;
    Ok(json!(null))
}

async fn d(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {
    let _slot = slots.acquire(cx).await?;
    if cx.sleep(100).await.is_err() {
        cx.sleep(300).await?;
        return Ok(json!(null));
    }
    Ok(json!(2.5))
}

async fn e(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {
    let _slot = slots.acquire(cx).await?;
    cx.sleep(0).await?;
    Err(Exception::new("RuntimeError", "timed out"))
}

/// Python's `async def main()`, run as a task as `asyncio.run(main())` runs it.
async fn run(cx: TaskContext) -> Result<Value, Exception> {
    let runtime = cx.runtime().clone();
    // L1: a gather's limit: its children share a semaphore, so at most that many run at
    // once (gather itself has no limit).
    let main_slots = Semaphore::new(&runtime, 1);
    let c_slots = Semaphore::new(&runtime, 2);
    // Every task in the order the playground (and the Python program) creates them: tasks
    // start in that order (A1), which decides ties (H1).
    // W1, W2: when the timeout passes, the child is cancelled; once it has ended,
    // TimeoutError (or its value, if it caught the cancellation and returned).
    let a = spawn_with_timeout(&runtime, with_slots(&main_slots, a), 100);
    // E6, D1: a nested gather is one child of its parent: its whole list, exceptions in
    // place, is one result.
    let b = nested_gather(&runtime, [], true);
    let c_0 = spawn_with_timeout(&runtime, with_slots(&c_slots, c_0), 300);
    let c_1_0 = spawn_with_timeout(&runtime, c_1_0, 100);
    let c_1_1 = spawn(&runtime, c_1_1);
    let c_1 = nested_gather(&runtime, [c_1_0, c_1_1], true);
    // W1, W2: when the timeout passes, this gather and so each of its children is
    // cancelled; TimeoutError once all have ended, cleanups included.
    let c_1_in_time = spawn_wait_for(&runtime, c_1, 300);
    // E6: a nested gather is one child of its parent: its list is one result, its failure
    // (C1) one child's failure.
    let c = nested_gather(&runtime, [c_0, c_1_in_time], false);
    let d = spawn(&runtime, with_slots(&main_slots, d));
    // W4: TimeoutError when the timeout passes, without cancelling the child: the shield
    // takes the cancellation.
    let d_shield = Awaitable::from(shield(&runtime, d));
    let d_in_time = spawn_wait_for(&runtime, d_shield, 300);
    let e = spawn_with_timeout(&runtime, with_slots(&main_slots, e), 300);
    let f = nested_gather(&runtime, [], false);
    // B1, D1: the results come in argument order, exceptions in their place (B3); nothing
    // short-circuits.
    let outer = gather(&runtime, [a, b, c, d_in_time, e, f.clone()], true);
    // H6: set before any child runs, so that a cancel due just as a sleep ends comes first
    // (H4: it wins).
    // E2, E3: cancel() on a gather cancels each of its children still running; the gather
    // raises CancelledError once they have reacted.
    cancel_later(&runtime, 300, f);
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

/// `asyncio.create_task(asyncio.wait_for(awaited, timeout))`: a task that awaits `awaited`,
/// cancels it if it is not done in time, and then waits for it to end.
fn spawn_wait_for(
    runtime: &Runtime,
    awaited: Awaitable<Value>,
    timeout_ms: u64,
) -> Awaitable<Value> {
    Awaitable::from(runtime.spawn(move |cx| async move { cx.wait_for(awaited, timeout_ms).await }))
}

/// A child of a gather with a limit, given the gather's semaphore.
fn with_slots(
    slots: &Semaphore,
    child: impl AsyncFnOnce(&TaskContext, &Semaphore) -> Result<Value, Exception> + 'static,
) -> impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static {
    let slots = slots.clone();
    async move |cx: &TaskContext| child(cx, &slots).await
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
