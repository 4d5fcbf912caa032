//! The programs' fixed text: the header, `main()`, and each helper, included only when
//! the program uses it.

pub(super) const HEADER: &str = "\
// A gather-playground scenario as a Rust program on the `gather_playground` crate: the
// same children, gathers, cancel times, limits, timeouts and shields as its Python program.
//
// It runs on a virtual clock: it finishes at once, and its times are exact. The comments
// cite the rules of the playground's docs/semantics.md. The last line it prints is the
// outcome as the playground reports it.

";

pub(super) const MAIN: &str = r#"
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

pub(super) const SPAWN: &str = r#"
/// `asyncio.create_task(child())`: the child's task.
fn spawn(
    runtime: &Runtime,
    child: impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static,
) -> Awaitable<Value> {
    Awaitable::from(runtime.spawn(|cx| async move { child(&cx).await }))
}
"#;

pub(super) const SPAWN_WITH_TIMEOUT: &str = r#"
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

pub(super) const SPAWN_WAIT_FOR: &str = r#"
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

pub(super) const WITH_SLOTS: &str = r#"
/// A child of a gather with a limit, given the gather's semaphore.
fn with_slots(
    slots: &Semaphore,
    child: impl AsyncFnOnce(&TaskContext, &Semaphore) -> Result<Value, Exception> + 'static,
) -> impl AsyncFnOnce(&TaskContext) -> Result<Value, Exception> + 'static {
    let slots = slots.clone();
    async move |cx: &TaskContext| child(cx, &slots).await
}
"#;

pub(super) const NESTED_GATHER: &str = r#"
/// A gather as the child of another: its value is the list of its own children's values.
fn nested_gather<const N: usize>(
    runtime: &Runtime,
    children: [Awaitable<Value>; N],
    return_exceptions: bool,
) -> Awaitable<Value> {
    Awaitable::from(gather(runtime, children, return_exceptions)).map(list_value)
}
"#;

pub(super) const LIST_VALUE: &str = r#"
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

pub(super) const CANCEL_LATER: &str = r#"
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
