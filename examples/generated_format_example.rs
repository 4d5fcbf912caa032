//! A gather-playground scenario as a Rust program on the `gather_playground` crate.
//!
//! It runs on a virtual clock: it finishes at once, and its times are exact. The last line
//! it prints is the outcome as the playground reports it.

use gather_playground::{gather, Awaitable, Exception, GatherResults, Runtime, VirtualClock};
use serde_json::{json, Value};

fn main() {
    let clock = VirtualClock::new();
    let runtime = clock.runtime();

    let fetch_a = Awaitable::from(runtime.spawn(|cx| async move {
        cx.sleep(300).await?;
        Ok(json!(3))
    }));

    let fetch_b = Awaitable::from(runtime.spawn(|cx| async move {
        cx.sleep(100).await?;
        Err(Exception::new("ValueError", "boom"))
    }));

    let slow_c = Awaitable::from(runtime.spawn(|cx| async move {
        cx.sleep(900).await?;
        Ok(json!("c"))
    }));

    let careful_d = Awaitable::from(runtime.spawn(|cx| async move {
        if cx.sleep(1000).await.is_err() {
            // Catching the cancellation lets this child clean up, then finish its own way.
            cx.sleep(100).await?;
            return Ok(json!("cleaned up"));
        }
        Ok(json!(null))
    }));

    let e = Awaitable::from(runtime.spawn(|cx| async move {
        cx.sleep(150).await?;
        Ok(json!(true))
    }));
    let batch = nested_gather(&runtime, [e], true);
    let outer = gather(
        &runtime,
        [fetch_a, fetch_b, slow_c.clone(), careful_d, batch],
        false,
    );

    cancel_at(&runtime, 200, slow_c);

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

/// A gather as the child of another: its value is the list of its own children's values.
fn nested_gather<const N: usize>(
    runtime: &Runtime,
    children: [Awaitable<Value>; N],
    return_exceptions: bool,
) -> Awaitable<Value> {
    Awaitable::from(gather(runtime, children, return_exceptions)).map(list_value)
}

/// Calls `cancel()` on `target` `at_ms` milliseconds from now, as Python's
/// `loop.call_later(at_ms / 1000, target.cancel)` does.
fn cancel_at<T: Clone + 'static>(runtime: &Runtime, at_ms: u64, target: Awaitable<T>) {
    let timer = runtime.clone();
    runtime.spawn_detached(async move {
        timer.sleep(at_ms).await;
        target.cancel();
    });
}
