//! The benchmarks' page (`make bench`, `bench/index.html`): `window.gatherBench`, timing
//! gather against `futures::future::join_all` inside the wasm module. Built only with the
//! `bench` feature, so none of it is in the shipped playground.

#[cfg(target_arch = "wasm32")]
mod bench {
    use futures::future::join_all;
    use gather_playground::{gather, Exception, Outcome, Runtime, Task};
    use js_sys::{Function, Object, Promise, Reflect};
    use std::future::Future;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::future_to_promise;

    /// `performance.now()`, through the library's browser clock (importing it a second
    /// time here would clash with the library's own import at link time).
    fn performance_now() -> f64 {
        Runtime::browser().wall_ms()
    }

    fn ready_tasks(runtime: &Runtime, n: u32) -> Vec<Task<u32>> {
        (0..n)
            .map(|i| runtime.spawn(move |_| async move { Ok(i) }))
            .collect()
    }

    fn sleeping_tasks(runtime: &Runtime, n: u32, delay_ms: u64) -> Vec<Task<u32>> {
        (0..n)
            .map(|i| {
                runtime.spawn(move |cx| async move {
                    cx.sleep(delay_ms).await?;
                    Ok(i)
                })
            })
            .collect()
    }

    fn check(ok: bool, what: &str) -> Result<(), JsValue> {
        if ok {
            Ok(())
        } else {
            Err(js_sys::Error::new(what).into())
        }
    }

    /// Milliseconds from the gather call to its result, over `n` tasks spawned at that
    /// moment that return at once (`runtime.spawn(|_| async { Ok(i) })`): spawning
    /// included.
    async fn gather_spawned(n: u32) -> Result<f64, JsValue> {
        let runtime = Runtime::browser();
        let start = performance_now();
        let outer = gather(&runtime, ready_tasks(&runtime, n), false);
        let results = outer.await.map_err(|e| JsValue::from(e.to_string()))?;
        let elapsed = performance_now() - start;
        check(results.len() == n as usize, "gather: wrong result count")?;
        Ok(elapsed)
    }

    /// Milliseconds from the gather call to its result, over `n` tasks already done.
    async fn gather_done(n: u32) -> Result<f64, JsValue> {
        let runtime = Runtime::browser();
        let tasks = ready_tasks(&runtime, n);
        for task in &tasks {
            task.clone()
                .await
                .map_err(|e| JsValue::from(e.to_string()))?;
        }
        let start = performance_now();
        let outer = gather(&runtime, tasks, false);
        let results = outer.await.map_err(|e| JsValue::from(e.to_string()))?;
        let elapsed = performance_now() - start;
        check(results.len() == n as usize, "gather: wrong result count")?;
        Ok(elapsed)
    }

    /// `futures::future::join_all` over `n` async blocks that return at once.
    async fn join_all_ready(n: u32) -> Result<f64, JsValue> {
        let start = performance_now();
        let futures = (0..n).map(|i| async move { Ok::<u32, Exception>(i) });
        let results = join_all(futures).await;
        let elapsed = performance_now() - start;
        check(results.len() == n as usize, "join_all: wrong result count")?;
        Ok(elapsed)
    }

    /// `join_all` over `n` spawned tasks that return at once (spawning included): the same
    /// children as `gather_spawned`.
    async fn join_all_spawned(n: u32) -> Result<f64, JsValue> {
        let runtime = Runtime::browser();
        let start = performance_now();
        let results = join_all(ready_tasks(&runtime, n)).await;
        let elapsed = performance_now() - start;
        check(results.len() == n as usize, "join_all: wrong result count")?;
        Ok(elapsed)
    }

    /// Milliseconds past `delay_ms` until a gather of `n` children each sleeping
    /// `delay_ms` completes, from the gather call.
    async fn timers(n: u32, delay_ms: u32) -> Result<f64, JsValue> {
        let runtime = Runtime::browser();
        let start = performance_now();
        let outer = gather(
            &runtime,
            sleeping_tasks(&runtime, n, delay_ms.into()),
            false,
        );
        let results = outer.await.map_err(|e| JsValue::from(e.to_string()))?;
        let elapsed = performance_now() - start;
        check(results.len() == n as usize, "timers: wrong result count")?;
        Ok(elapsed - f64::from(delay_ms))
    }

    /// `outer.cancel()` on a gather of `n` children all sleeping `sleep_ms`: the
    /// milliseconds until the outer raised `CancelledError` and until every child ended
    /// cancelled.
    async fn cancel(n: u32, sleep_ms: u32) -> Result<JsValue, JsValue> {
        let runtime = Runtime::browser();
        let tasks = sleeping_tasks(&runtime, n, sleep_ms.into());
        let outer = gather(&runtime, tasks.clone(), false);
        // Let every child start and arm its timer.
        runtime.sleep(20).await;
        check(
            tasks.iter().all(|task| !task.done()),
            "cancel: a child ended early",
        )?;
        let start = performance_now();
        let accepted = outer.cancel();
        let raised = outer.clone().await;
        let outer_ms = performance_now() - start;
        for task in &tasks {
            // Each has ended (or ends now): a done task's await is immediate.
            let _ = task.clone().await;
        }
        let ms = performance_now() - start;
        let all_cancelled = tasks
            .iter()
            .all(|task| matches!(task.outcome(), Some(Outcome::Cancelled)));
        let outer_cancelled = matches!(&raised, Err(e) if e.is_cancelled_error());
        let report = Object::new();
        Reflect::set(&report, &"accepted".into(), &accepted.into())?;
        Reflect::set(&report, &"outer_cancelled".into(), &outer_cancelled.into())?;
        Reflect::set(&report, &"all_cancelled".into(), &all_cancelled.into())?;
        Reflect::set(&report, &"outer_ms".into(), &outer_ms.into())?;
        Reflect::set(&report, &"ms".into(), &ms.into())?;
        Ok(report.into())
    }

    fn promise_of<F>(future: F) -> Promise
    where
        F: Future<Output = Result<f64, JsValue>> + 'static,
    {
        future_to_promise(async move { future.await.map(JsValue::from) })
    }

    fn define(api: &Object, name: &str, function: &JsValue) -> Result<(), JsValue> {
        Reflect::set(api, &name.into(), function)?;
        Ok(())
    }

    pub fn install() -> Result<(), JsValue> {
        let api = Object::new();
        let one = |name: &str, f: fn(u32) -> Promise| -> Result<(), JsValue> {
            let closure = Closure::<dyn Fn(u32) -> Promise>::new(f);
            define(&api, name, closure.as_ref().unchecked_ref::<Function>())?;
            closure.forget();
            Ok(())
        };
        one("gatherSpawned", |n| promise_of(gather_spawned(n)))?;
        one("gatherDone", |n| promise_of(gather_done(n)))?;
        one("joinAll", |n| promise_of(join_all_ready(n)))?;
        one("joinAllSpawned", |n| promise_of(join_all_spawned(n)))?;
        let two = |name: &str, f: fn(u32, u32) -> Promise| -> Result<(), JsValue> {
            let closure = Closure::<dyn Fn(u32, u32) -> Promise>::new(f);
            define(&api, name, closure.as_ref().unchecked_ref::<Function>())?;
            closure.forget();
            Ok(())
        };
        two("timers", |n, delay| promise_of(timers(n, delay)))?;
        two("cancel", |n, sleep| future_to_promise(cancel(n, sleep)))?;
        Object::freeze(&api);
        Reflect::set(&js_sys::global(), &"gatherBench".into(), &api)?;
        Ok(())
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    if let Err(error) = bench::install() {
        web_sys::console::error_2(&"gather bench: not installed".into(), &error);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gather-bench is a web page: run `make bench`");
}
