//! One async function per case of docs/semantics.md (and rules A-F).
//!
//! Over 400 lines on purpose: one short function per case, in docs/semantics.md's order, so
//! the file reads beside it; `for_each_case!` lists them for the native and browser suites.

use super::{ok, raise, Child, Ended, Harness};
use gather_playground::{gather, Awaitable, Exception, GatherResults, Task};
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::Rc;

/// Calls `$callback!` with the name of every case, for the native and browser suites.
#[macro_export]
macro_rules! for_each_case {
    ($callback:ident) => {
        $callback!(
            t01_empty_gather_is_done_at_once,
            t02_results_in_argument_order,
            t04_first_failure_propagates_and_siblings_run_on,
            t05_first_failure_in_time_wins,
            t06_return_exceptions_puts_exceptions_in_place,
            t07_a_cancelled_child_fails_the_outer,
            t08_return_exceptions_with_a_cancelled_child,
            t11_cancelling_the_outer_cancels_every_child,
            t12_return_exceptions_waits_for_a_child_that_swallows,
            t13_cancel_after_one_child_finished,
            t15_cancel_after_a_failure_returns_false,
            t17_cancelled_error_although_the_child_returned,
            t18_one_child_swallows_one_is_cancelled,
            t19_both_children_swallow,
            t21_a_cleanup_that_raises_fails_the_outer,
            t27_repeated_cancels_interrupt_a_cleanup,
            t28_cancel_before_children_start_skips_their_bodies,
            t29_the_same_child_twice_runs_once,
            t31_nested_gathers_nest_their_lists,
            t32_an_inner_failure_propagates,
            t33_an_inner_return_exceptions_list_is_one_element,
            t34_cancel_reaches_nested_children,
            t44_a_cancelled_child_before_a_failing_one,
            a3_children_run_although_nobody_awaits_the_outer,
            a5_children_already_done_are_processed_at_once,
            e7_cancelling_the_awaiting_task_cancels_the_gather,
            f_done_callbacks_fire_once_on_the_next_turn,
            f_result_and_exception_while_pending
        );
    };
}

fn tasks(children: &[&Child]) -> Vec<Task<Value>> {
    children.iter().map(|child| child.task.clone()).collect()
}

/// Waits for the children, then one loop turn more, for their done callbacks.
async fn finish_all(h: &Harness, children: &[&Child]) {
    for child in children {
        let _ = child.task.clone().await;
    }
    h.next_turn().await;
}

/// A nested gather as an element of its parent: its list, exceptions written as objects.
fn nested(outer: gather_playground::Gather<Value>) -> Awaitable<Value> {
    Awaitable::from(outer).map(|results: GatherResults<Value>| {
        Value::Array(
            results
                .into_iter()
                .map(|result| result.unwrap_or_else(|e| json!({"exception": e.type_name()})))
                .collect(),
        )
    })
}

/// Calls `cancel` at `at_ms` and records what it returned.
fn cancel_at(
    h: &Harness,
    at_ms: u64,
    cancel: impl Fn() -> bool + 'static,
) -> Rc<Cell<Option<bool>>> {
    let returned = Rc::new(Cell::new(None));
    let record = Rc::clone(&returned);
    let harness = h.clone();
    h.runtime.spawn_detached(async move {
        harness.at(at_ms).await;
        record.set(Some(cancel()));
    });
    returned
}

fn type_name(result: &Result<impl Sized, Exception>) -> Option<&str> {
    result.as_ref().err().map(Exception::type_name)
}

pub async fn t01_empty_gather_is_done_at_once(h: Harness) {
    let outer = gather(&h.runtime, Vec::<Task<Value>>::new(), false);
    assert!(outer.done());
    assert_eq!(outer.result(), Ok(vec![]));
    assert!(!outer.cancel(), "cancel() on the empty gather");
}

pub async fn t02_results_in_argument_order(h: Harness) {
    let a = h.child(300, ok(1), None);
    let b = h.child(100, ok(2), None);
    let c = h.child(200, ok(3), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b, &c]), false);
    assert!(!outer.done());
    let results = outer.clone().await;
    h.assert_time(h.elapsed(), 300, "outer");
    assert_eq!(results, Ok(vec![ok(1), ok(2), ok(3)]));
    h.assert_child(&a, Ended::Value(json!(1)), 300, "A");
    h.assert_child(&b, Ended::Value(json!(2)), 100, "B");
    h.assert_child(&c, Ended::Value(json!(3)), 200, "C");
}

pub async fn t04_first_failure_propagates_and_siblings_run_on(h: Harness) {
    let a = h.child(100, ok(1), None);
    let b = h.child(200, raise("ZeroDivisionError"), None);
    let c = h.child(300, ok(3), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b, &c]), false);
    let result = outer.clone().await;
    h.assert_time(h.elapsed(), 200, "outer");
    assert_eq!(type_name(&result), Some("ZeroDivisionError"));
    assert!(!outer.cancel(), "cancel() after the outer failed");
    finish_all(&h, &[&a, &b, &c]).await;
    h.assert_child(&a, Ended::Value(json!(1)), 100, "A");
    h.assert_child(&b, Ended::Raised("ZeroDivisionError"), 200, "B");
    h.assert_child(&c, Ended::Value(json!(3)), 300, "C (not cancelled)");
}

pub async fn t05_first_failure_in_time_wins(h: Harness) {
    let a = h.child(100, raise("ValueError"), None);
    let b = h.child(50, raise("KeyError"), None);
    let result = gather(&h.runtime, tasks(&[&a, &b]), false).await;
    h.assert_time(h.elapsed(), 50, "outer");
    assert_eq!(type_name(&result), Some("KeyError"));
    finish_all(&h, &[&a]).await;
    h.assert_child(&a, Ended::Raised("ValueError"), 100, "A");
}

pub async fn t06_return_exceptions_puts_exceptions_in_place(h: Harness) {
    let a = h.child(300, ok(3), None);
    let b = h.child(100, ok(1), None);
    let c = h.child(200, raise("ZeroDivisionError"), None);
    let d = h.child(400, raise("RuntimeError"), None);
    let results = gather(&h.runtime, tasks(&[&a, &b, &c, &d]), true).await;
    h.assert_time(h.elapsed(), 400, "outer");
    assert_eq!(
        results,
        Ok(vec![
            ok(3),
            ok(1),
            raise("ZeroDivisionError"),
            raise("RuntimeError")
        ])
    );
}

pub async fn t07_a_cancelled_child_fails_the_outer(h: Harness) {
    let a = h.child(100, ok(1), None);
    let b = h.child(1000, ok(2), None);
    let c = h.child(300, ok(3), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b, &c]), false);
    let target = b.task.clone();
    let returned = cancel_at(&h, 200, move || target.cancel());
    let result = outer.clone().await;
    h.assert_time(h.elapsed(), 200, "outer");
    assert_eq!(returned.get(), Some(true));
    assert_eq!(result, Err(Exception::cancelled_error()));
    assert!(
        !outer.cancelled(),
        "the outer holds a CancelledError, it is not cancelled"
    );
    finish_all(&h, &[&c]).await;
    h.assert_child(&b, Ended::Cancelled, 200, "B");
    h.assert_child(&c, Ended::Value(json!(3)), 300, "C");
}

pub async fn t08_return_exceptions_with_a_cancelled_child(h: Harness) {
    let a = h.child(100, ok(1), None);
    let b = h.child(150, raise("ZeroDivisionError"), None);
    let c = h.child(1000, ok(3), None);
    let d = h.child(400, ok(4), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b, &c, &d]), true);
    let target = c.task.clone();
    cancel_at(&h, 200, move || target.cancel());
    let results = outer.await;
    h.assert_time(h.elapsed(), 400, "outer");
    assert_eq!(
        results,
        Ok(vec![
            ok(1),
            raise("ZeroDivisionError"),
            Err(Exception::cancelled_error()),
            ok(4)
        ])
    );
    h.assert_child(&c, Ended::Cancelled, 200, "C");
}

pub async fn t11_cancelling_the_outer_cancels_every_child(h: Harness) {
    let a = h.child(100, ok(1), None);
    let b = h.child(200, ok(2), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let target = outer.clone();
    let returned = cancel_at(&h, 50, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 50, "outer");
    assert_eq!(returned.get(), Some(true));
    assert_eq!(result, Err(Exception::cancelled_error()));
    finish_all(&h, &[&a, &b]).await;
    h.assert_child(&a, Ended::Cancelled, 50, "A");
    h.assert_child(&b, Ended::Cancelled, 50, "B");
}

pub async fn t12_return_exceptions_waits_for_a_child_that_swallows(h: Harness) {
    let a = h.child(100, ok(1), None);
    let b = h.child(200, ok(2), Some((100, ok("b"))));
    let outer = gather(&h.runtime, tasks(&[&a, &b]), true);
    let target = outer.clone();
    cancel_at(&h, 50, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 150, "outer");
    assert_eq!(result, Err(Exception::cancelled_error()), "not a list");
    h.assert_child(&a, Ended::Cancelled, 50, "A");
    h.assert_child(&b, Ended::Value(json!("b")), 150, "B");
}

pub async fn t13_cancel_after_one_child_finished(h: Harness) {
    let a = h.child(100, ok("a"), None);
    let b = h.child(500, ok("b"), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let target = outer.clone();
    let returned = cancel_at(&h, 150, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 150, "outer");
    assert_eq!(returned.get(), Some(true));
    assert_eq!(result, Err(Exception::cancelled_error()));
    finish_all(&h, &[&b]).await;
    h.assert_child(&a, Ended::Value(json!("a")), 100, "A");
    h.assert_child(&b, Ended::Cancelled, 150, "B");
}

pub async fn t15_cancel_after_a_failure_returns_false(h: Harness) {
    let a = h.child(100, raise("ValueError"), None);
    let b = h.child(300, ok("b"), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let result = outer.clone().await;
    h.assert_time(h.elapsed(), 100, "outer");
    assert!(!outer.cancel(), "cancel() after the failure");
    assert_eq!(type_name(&result), Some("ValueError"));
    assert_eq!(type_name(&outer.result()), Some("ValueError"));
    finish_all(&h, &[&b]).await;
    h.assert_child(&b, Ended::Value(json!("b")), 300, "B (not cancelled)");
}

pub async fn t17_cancelled_error_although_the_child_returned(h: Harness) {
    let a = h.child(1000, ok(0), Some((100, ok("s"))));
    let outer = gather(&h.runtime, tasks(&[&a]), false);
    let target = outer.clone();
    cancel_at(&h, 50, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 150, "outer");
    assert_eq!(result, Err(Exception::cancelled_error()));
    h.assert_child(&a, Ended::Value(json!("s")), 150, "A");
}

pub async fn t18_one_child_swallows_one_is_cancelled(h: Harness) {
    let a = h.child(1000, ok(0), Some((100, ok("s"))));
    let b = h.child(1000, ok(0), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let target = outer.clone();
    cancel_at(&h, 50, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 50, "outer");
    assert_eq!(result, Err(Exception::cancelled_error()));
    finish_all(&h, &[&a]).await;
    h.assert_child(&a, Ended::Value(json!("s")), 150, "A");
    h.assert_child(&b, Ended::Cancelled, 50, "B");
}

pub async fn t19_both_children_swallow(h: Harness) {
    let a = h.child(1000, ok(0), Some((100, ok("sa"))));
    let b = h.child(1000, ok(0), Some((200, ok("sb"))));
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let target = outer.clone();
    cancel_at(&h, 50, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 250, "outer");
    assert_eq!(result, Err(Exception::cancelled_error()));
    h.assert_child(&a, Ended::Value(json!("sa")), 150, "A");
    h.assert_child(&b, Ended::Value(json!("sb")), 250, "B");
}

pub async fn t21_a_cleanup_that_raises_fails_the_outer(h: Harness) {
    let a = h.child(1000, ok(0), Some((100, ok("sa"))));
    let b = h.child(1000, ok(0), Some((50, ok("sb"))));
    let c = h.child(1000, ok(0), Some((20, raise("ValueError"))));
    let outer = gather(&h.runtime, tasks(&[&a, &b, &c]), false);
    let target = outer.clone();
    cancel_at(&h, 50, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 70, "outer");
    assert_eq!(type_name(&result), Some("ValueError"));
    finish_all(&h, &[&a, &b]).await;
    h.assert_child(&c, Ended::Raised("ValueError"), 70, "C");
    h.assert_child(&b, Ended::Value(json!("sb")), 100, "B");
    h.assert_child(&a, Ended::Value(json!("sa")), 150, "A");
}

pub async fn t27_repeated_cancels_interrupt_a_cleanup(h: Harness) {
    let a = h.child(1000, ok(0), Some((300, ok("late"))));
    let outer = gather(&h.runtime, tasks(&[&a]), true);
    let target = outer.clone();
    let first_two = cancel_at(&h, 50, move || target.cancel() && target.cancel());
    let target = outer.clone();
    let third = cancel_at(&h, 200, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 200, "outer");
    assert_eq!(first_two.get(), Some(true));
    assert_eq!(third.get(), Some(true));
    assert_eq!(result, Err(Exception::cancelled_error()));
    h.assert_child(
        &a,
        Ended::Cancelled,
        200,
        "A (the third cancel interrupts its cleanup)",
    );
}

pub async fn t28_cancel_before_children_start_skips_their_bodies(h: Harness) {
    let a = h.child(100, ok(1), None);
    let b = h.child(100, ok(2), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    assert!(outer.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 0, "outer");
    assert_eq!(result, Err(Exception::cancelled_error()));
    finish_all(&h, &[&a, &b]).await;
    assert!(a.task.cancelled() && b.task.cancelled());
    assert!(!a.started.get() && !b.started.get(), "bodies never ran");
}

pub async fn t29_the_same_child_twice_runs_once(h: Harness) {
    let runs = Rc::new(Cell::new(0));
    let counted = Rc::clone(&runs);
    let c = h.runtime.spawn(move |cx| async move {
        counted.set(counted.get() + 1);
        cx.sleep(100).await?;
        Ok(json!("abc"))
    });
    let d = h.child(50, ok("def"), None);
    let outer = gather(&h.runtime, [c.clone(), c.clone(), d.task.clone(), c], false);
    let results = outer.await;
    h.assert_time(h.elapsed(), 100, "outer");
    assert_eq!(
        results,
        Ok(vec![ok("abc"), ok("abc"), ok("def"), ok("abc")])
    );
    assert_eq!(runs.get(), 1);
}

pub async fn t31_nested_gathers_nest_their_lists(h: Harness) {
    let a = h.child(200, ok("a"), None);
    let b = h.child(100, ok("b"), None);
    let c = h.child(50, ok("c"), None);
    let inner = nested(gather(&h.runtime, tasks(&[&a, &b]), false));
    let outer = gather(&h.runtime, [inner, c.task.clone().into()], false);
    let results = outer.await;
    h.assert_time(h.elapsed(), 200, "outer");
    assert_eq!(results, Ok(vec![ok(json!(["a", "b"])), ok("c")]));
}

pub async fn t32_an_inner_failure_propagates(h: Harness) {
    let a = h.child(100, raise("KeyError"), None);
    let b = h.child(300, ok("b"), None);
    let c = h.child(200, ok("c"), None);
    let inner = nested(gather(&h.runtime, tasks(&[&a, &b]), false));
    let result = gather(&h.runtime, [inner, c.task.clone().into()], false).await;
    h.assert_time(h.elapsed(), 100, "outer");
    assert_eq!(type_name(&result), Some("KeyError"));
    finish_all(&h, &[&b, &c]).await;
    h.assert_child(&b, Ended::Value(json!("b")), 300, "B");
    h.assert_child(&c, Ended::Value(json!("c")), 200, "C");
}

pub async fn t33_an_inner_return_exceptions_list_is_one_element(h: Harness) {
    let a = h.child(100, raise("KeyError"), None);
    let b = h.child(300, ok("b"), None);
    let c = h.child(200, ok("c"), None);
    let inner = nested(gather(&h.runtime, tasks(&[&a, &b]), true));
    let results = gather(&h.runtime, [inner, c.task.clone().into()], false).await;
    h.assert_time(h.elapsed(), 300, "outer");
    assert_eq!(
        results,
        Ok(vec![ok(json!([{"exception": "KeyError"}, "b"])), ok("c")])
    );
}

pub async fn t34_cancel_reaches_nested_children(h: Harness) {
    let a = h.child(1000, ok(1), None);
    let b = h.child(1000, ok(2), None);
    let c = h.child(1000, ok(3), None);
    let inner_outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let outer = gather(
        &h.runtime,
        [nested(inner_outer.clone()), c.task.clone().into()],
        false,
    );
    let target = outer.clone();
    let returned = cancel_at(&h, 100, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 100, "outer");
    assert_eq!(returned.get(), Some(true));
    assert_eq!(result, Err(Exception::cancelled_error()));
    finish_all(&h, &[&a, &b, &c]).await;
    for (child, name) in [(&a, "A"), (&b, "B"), (&c, "C")] {
        h.assert_child(child, Ended::Cancelled, 100, name);
    }
    assert_eq!(
        inner_outer.exception(),
        Ok(Some(Exception::cancelled_error()))
    );
}

pub async fn t44_a_cancelled_child_before_a_failing_one(h: Harness) {
    let a = h.child(200, raise("ValueError"), None);
    let b = h.child(1000, ok(0), None);
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let target = b.task.clone();
    cancel_at(&h, 100, move || target.cancel());
    let result = outer.await;
    h.assert_time(h.elapsed(), 100, "outer");
    assert_eq!(result, Err(Exception::cancelled_error()));
    finish_all(&h, &[&a]).await;
    h.assert_child(&a, Ended::Raised("ValueError"), 200, "A (silently)");
}

pub async fn a3_children_run_although_nobody_awaits_the_outer(h: Harness) {
    let a = h.child(50, ok(1), None);
    let callback_ran = Rc::new(Cell::new(false));
    let flag = Rc::clone(&callback_ran);
    let outer = gather(&h.runtime, tasks(&[&a]), false);
    outer.add_done_callback(move |_| flag.set(true));
    drop(outer);
    finish_all(&h, &[&a]).await;
    h.assert_child(&a, Ended::Value(json!(1)), 50, "A");
    h.next_turn().await;
    assert!(callback_ran.get(), "the dropped outer still completed");
}

pub async fn a5_children_already_done_are_processed_at_once(h: Harness) {
    let a = h.child(0, ok("ready"), None);
    finish_all(&h, &[&a]).await;
    let outer = gather(&h.runtime, tasks(&[&a]), false);
    assert!(
        outer.done(),
        "all children done: the outer is done on return"
    );
    assert_eq!(outer.result(), Ok(vec![ok("ready")]));
}

pub async fn e7_cancelling_the_awaiting_task_cancels_the_gather(h: Harness) {
    let a = h.child(1000, ok(1), None);
    let b = h.child(1000, ok(2), Some((50, ok("cleaned"))));
    let outer = gather(&h.runtime, tasks(&[&a, &b]), false);
    let awaited = outer.clone();
    let waiter = h
        .runtime
        .spawn(move |cx| async move { cx.wait(awaited).await.map(|_| ()) });
    let target = waiter.clone();
    let returned = cancel_at(&h, 100, move || target.cancel());
    let result = waiter.clone().await;
    h.assert_time(h.elapsed(), 100, "the waiting task");
    assert_eq!(returned.get(), Some(true));
    assert_eq!(result, Err(Exception::cancelled_error()));
    assert!(waiter.cancelled());
    finish_all(&h, &[&a, &b]).await;
    h.assert_child(&a, Ended::Cancelled, 100, "A");
    h.assert_child(&b, Ended::Value(json!("cleaned")), 150, "B");
}

pub async fn f_done_callbacks_fire_once_on_the_next_turn(h: Harness) {
    let calls = Rc::new(Cell::new(0));
    let a = h.child(10, ok(1), None);
    let outer = gather(&h.runtime, tasks(&[&a]), false);
    let counter = Rc::clone(&calls);
    outer.add_done_callback(move |done| {
        assert!(done.done());
        counter.set(counter.get() + 1);
    });
    let _ = outer.clone().await;
    h.next_turn().await;
    assert_eq!(calls.get(), 1);
    // On a finished future: not synchronously, but on the next turn, once.
    let counter = Rc::clone(&calls);
    outer.add_done_callback(move |_| counter.set(counter.get() + 1));
    assert_eq!(calls.get(), 1);
    h.next_turn().await;
    assert_eq!(calls.get(), 2);
    assert!(!outer.cancel());
    h.next_turn().await;
    assert_eq!(calls.get(), 2);
}

pub async fn f_result_and_exception_while_pending(h: Harness) {
    let a = h.child(10, ok(1), None);
    let outer = gather(&h.runtime, tasks(&[&a]), false);
    assert_eq!(type_name(&outer.result()), Some("InvalidStateError"));
    assert_eq!(type_name(&outer.exception()), Some("InvalidStateError"));
    assert_eq!(type_name(&a.task.result()), Some("InvalidStateError"));
    assert!(!outer.done() && !outer.cancelled());
    let _ = outer.clone().await;
    assert_eq!(outer.exception(), Ok(None));
    assert_eq!(a.task.exception(), Ok(None));
}
