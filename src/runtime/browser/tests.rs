//! The browser loop on real timers (wasm only): callbacks and steps in the virtual clock's
//! order, a finished task's waker never stepping the next, sleeps sharing one timer and
//! leaving none behind.

use crate::{gather, Runtime, VirtualClock};
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Steps, done callbacks and yields, interleaved: the order of everything that ran.
async fn interleaving(runtime: Runtime) -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let note = |log: &Rc<RefCell<Vec<&'static str>>>, what| log.borrow_mut().push(what);
    let first = runtime.spawn({
        let log = Rc::clone(&log);
        move |_| async move {
            note(&log, "first step");
            Ok(())
        }
    });
    first.add_done_callback({
        let log = Rc::clone(&log);
        move |_| note(&log, "first's done callback")
    });
    let second = runtime.spawn({
        let log = Rc::clone(&log);
        move |cx| async move {
            note(&log, "second step");
            cx.sleep(0).await?;
            note(&log, "second after sleep(0)");
            Ok(())
        }
    });
    second.await.unwrap();
    let order = log.borrow().clone();
    order
}

#[wasm_bindgen_test]
async fn callbacks_and_steps_run_in_the_virtual_clocks_order() {
    let clock = VirtualClock::new();
    let predicted = clock.block_on(interleaving(clock.runtime())).unwrap();
    assert_eq!(
        predicted,
        [
            "first step",
            "second step",
            "first's done callback",
            "second after sleep(0)"
        ]
    );
    assert_eq!(interleaving(Runtime::browser()).await, predicted);
}

#[wasm_bindgen_test]
async fn a_finished_tasks_waker_never_wakes_the_next_task_in_its_slot() {
    let runtime = Runtime::browser();
    let stale: Rc<RefCell<Option<Waker>>> = Rc::default();
    runtime.spawn_detached({
        let stale = Rc::clone(&stale);
        poll_fn(move |cx| {
            *stale.borrow_mut() = Some(cx.waker().clone());
            Poll::Ready(())
        })
    });
    runtime.sleep(1).await;
    // The next task takes the freed slot; the first task's waker is still held here.
    let polls = Rc::new(Cell::new(0));
    let own: Rc<RefCell<Option<Waker>>> = Rc::default();
    runtime.spawn_detached({
        let (polls, own) = (Rc::clone(&polls), Rc::clone(&own));
        poll_fn(move |cx| {
            polls.set(polls.get() + 1);
            *own.borrow_mut() = Some(cx.waker().clone());
            if polls.get() < 2 {
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        })
    });
    runtime.sleep(1).await;
    assert_eq!(polls.get(), 1);
    stale.borrow_mut().take().unwrap().wake();
    runtime.sleep(1).await;
    assert_eq!(polls.get(), 1, "a stale waker stepped another task");
    own.borrow_mut().take().unwrap().wake();
    runtime.sleep(1).await;
    assert_eq!(polls.get(), 2);
}

fn pending_timers() -> f64 {
    js_sys::eval("globalThis.pendingTimers.size")
        .unwrap()
        .as_f64()
        .unwrap()
}

#[wasm_bindgen_test]
async fn sleeps_share_one_timer_wake_in_setting_order_and_leave_none_behind() {
    // Counts the page's pending timeouts, as the end-to-end tests do.
    js_sys::eval(
        "globalThis.pendingTimers = new Set(); \
         globalThis.unwrappedTimers = [globalThis.setTimeout, globalThis.clearTimeout]; \
         globalThis.setTimeout = (handler, delay, ...rest) => { \
           const id = globalThis.unwrappedTimers[0].call(globalThis, (...args) => { \
             globalThis.pendingTimers.delete(id); handler(...args); }, delay, ...rest); \
           globalThis.pendingTimers.add(id); return id; }; \
         globalThis.clearTimeout = (id) => { \
           globalThis.pendingTimers.delete(id); globalThis.unwrappedTimers[1].call(globalThis, id); };",
    )
    .unwrap();
    let runtime = Runtime::browser();
    let started = runtime.now_ms();
    let woken = Rc::new(RefCell::new(Vec::new()));
    let sleeper = |index, deadline_ms| {
        let woken = Rc::clone(&woken);
        runtime.spawn(move |cx| async move {
            cx.sleep_until(deadline_ms).await?;
            woken.borrow_mut().push(index);
            Ok(index)
        })
    };
    // Equal deadlines: one moment, woken in the order the sleeps began.
    let short: Vec<_> = (0..500)
        .map(|index| sleeper(index, started + 40.0))
        .collect();
    let long: Vec<_> = (500..1_000)
        .map(|index| sleeper(index, started + 3_600_000.0))
        .collect();
    runtime.sleep(1).await;
    let armed = pending_timers();
    let outer = gather(&runtime, short, false);
    let woke = outer.await.unwrap();
    let waited = runtime.wall_ms() - started;
    let still_armed = pending_timers();
    let sleeping = gather(&runtime, long, false);
    assert!(sleeping.cancel());
    assert!(sleeping.await.unwrap_err().is_cancelled_error());
    let left = pending_timers();
    js_sys::eval("[globalThis.setTimeout, globalThis.clearTimeout] = globalThis.unwrappedTimers;")
        .unwrap();
    assert_eq!(armed, 1.0, "timers for 1,000 sleeps");
    assert!(waited >= 40.0, "woke after {waited} ms of 40");
    assert_eq!(woke.len(), 500);
    assert_eq!(*woken.borrow(), (0..500).collect::<Vec<_>>());
    assert_eq!(still_armed, 1.0, "timers for the 500 sleeps left");
    assert_eq!(left, 0.0, "timers left after every sleep ended");
}
