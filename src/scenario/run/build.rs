//! Building a scenario out of the port: a task per future node (its coroutine), a gather
//! per gather node, a semaphore per limit, `wait_for`'s task per timeout, a shield per
//! shield; in the order the Python program creates them.

use super::{CancelAt, End, RootCombinator, Shared};
use crate::scenario::report::results_to_value;
use crate::scenario::{FutureSpec, GatherSpec, Guard, NodeId, NodeSpec, RunEvent};
use crate::{
    as_completed, gather, shield, task_group, wait, Awaitable, Exception, Outcome, Semaphore,
    SoonCallback, TaskContext, TimerHandle,
};
use serde_json::{json, Value};
use std::cell::Cell;
use std::rc::{Rc, Weak};

/// Builds a gather node and its children (children first, in preorder), and returns what
/// its parent is given. The root's own timeout is [`guard_root`]'s, set after the cancel
/// times.
pub(super) fn build_gather(
    shared: &Rc<Shared>,
    spec: &GatherSpec,
    combinator: RootCombinator,
    cancels: &mut Vec<CancelAt>,
) -> Awaitable<Value> {
    let node = shared.reserve(spec.guard.is_set());
    let slots = spec
        .limit
        .map(|limit| Semaphore::new(&shared.runtime, limit));
    let children: Vec<Awaitable<Value>> = spec
        .children
        .iter()
        .map(|child| match child {
            NodeSpec::Future(future) => build_future(shared, future, slots.clone(), cancels),
            NodeSpec::Gather(nested) => {
                build_gather(shared, nested, RootCombinator::Gather, cancels)
            }
        })
        .collect();
    let outer = match combinator {
        RootCombinator::Gather => {
            Awaitable::from(gather(&shared.runtime, children, spec.return_exceptions))
                .map(results_to_value)
        }
        RootCombinator::TaskGroup => {
            Awaitable::from(task_group(&shared.runtime, children)).map(|outcomes| {
                results_to_value(outcomes.into_iter().map(Outcome::into_result).collect())
            })
        }
        RootCombinator::Wait(return_when) => {
            let task = shared.runtime.spawn(move |cx| async move {
                let (done, _) = wait(&cx, children.iter().cloned(), return_when).await?;
                let (done, pending): (Vec<usize>, Vec<usize>) =
                    (0..children.len()).partition(|&position| {
                        done.iter()
                            .any(|child| child.id() == children[position].id())
                    });
                Ok(json!({"done": done, "pending": pending}))
            });
            shared.tasks.borrow_mut().push(task.clone());
            Awaitable::from(task)
        }
        RootCombinator::AsCompleted => {
            let task = shared.runtime.spawn(move |cx| async move {
                let mut completed = as_completed(children);
                let mut results = Vec::new();
                while let Some(result) = completed.next(&cx).await {
                    results.push(result?);
                }
                Ok(Value::Array(results))
            });
            shared.tasks.borrow_mut().push(task.clone());
            Awaitable::from(task)
        }
    };
    shared.nodes.borrow_mut()[node] = Some(outer.clone());
    shared.watch(node, End::Own, &outer);
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((node, at_ms));
    }
    if node == 0 {
        outer
    } else {
        guarded(shared, node, spec.guard, outer)
    }
}

/// Builds a future node, and returns what its gather is given.
fn build_future(
    shared: &Rc<Shared>,
    spec: &FutureSpec,
    slots: Option<Semaphore>,
    cancels: &mut Vec<CancelAt>,
) -> Awaitable<Value> {
    let node = shared.reserve(spec.guard.is_set());
    let body = ChildBody {
        spec: spec.clone(),
        slots,
        node,
        events: Rc::downgrade(shared),
    };
    let given = match spec.guard {
        Guard {
            timeout_ms: Some(timeout_ms),
            shield: false,
        } => {
            // wait_for(child(), timeout) runs the coroutine inside its own task, which is
            // then the node's task: its timeout cancels that task, and so the coroutine.
            let (own_end, fired) = (Rc::downgrade(shared), Rc::downgrade(shared));
            let task = shared.runtime.spawn(move |cx| async move {
                let coroutine = async {
                    let result = body.run(&cx).await;
                    if let Some(shared) = own_end.upgrade() {
                        shared.record(node, End::Own, outcome_of(&result));
                    }
                    result
                };
                cx.timeout(timeout_ms, coroutine)
                    .on_fire(move || {
                        if let Some(shared) = fired.upgrade() {
                            shared.timeout_fired(node);
                        }
                    })
                    .await
            });
            shared.tasks.borrow_mut().push(task.clone());
            let task = Awaitable::from(task);
            shared.nodes.borrow_mut()[node] = Some(task.clone());
            shared.watch(node, End::Received, &task);
            task
        }
        guard => {
            let task = shared
                .runtime
                .spawn(move |cx| async move { body.run(&cx).await });
            shared.tasks.borrow_mut().push(task.clone());
            let task = Awaitable::from(task);
            shared.nodes.borrow_mut()[node] = Some(task.clone());
            shared.watch(node, End::Own, &task);
            guarded(shared, node, guard, task)
        }
    };
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((node, at_ms));
    }
    given
}

/// What a parent is given for `own` (the node's task or gather, already watched):
/// `shield(own)`, `wait_for(own, timeout)` in a task of its own, both, or `own` itself.
fn guarded(
    shared: &Rc<Shared>,
    node: NodeId,
    guard: Guard,
    own: Awaitable<Value>,
) -> Awaitable<Value> {
    if !guard.is_set() {
        return own;
    }
    let mut given = own;
    if guard.shield {
        given = shield(&shared.runtime, given).into();
    }
    if let Some(timeout_ms) = guard.timeout_ms {
        let fired = Rc::downgrade(shared);
        let awaited = given;
        let task = shared.runtime.spawn(move |cx| async move {
            cx.timeout(timeout_ms, cx.wait(awaited))
                .on_fire(move || {
                    if let Some(shared) = fired.upgrade() {
                        shared.timeout_fired(node);
                    }
                })
                .await
        });
        shared.tasks.borrow_mut().push(task.clone());
        given = Awaitable::from(task);
    }
    shared.watch(node, End::Received, &given);
    given
}

/// main's `await asyncio.wait_for(root, timeout)`: set right after the cancel times, in
/// main's own step, as the Python program does. When it fires, main is cancelled, which
/// cancels the root it awaits; main hears of the root's end on the turn after (its wait
/// ends) and receives `TimeoutError` if the timeout fired meanwhile, unless the root
/// nonetheless returned a value to a `cancel()` it accepted (a gather never does).
pub(super) fn guard_root(
    shared: &Rc<Shared>,
    root: &Awaitable<Value>,
    deadline_ms: f64,
) -> TimerHandle {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Main {
        Waiting,
        /// The timeout fired; the root refused the cancel if it was done, or every child
        /// of it was (main's next step then raises CancelledError all the same).
        Fired {
            refused: bool,
        },
        Resumed,
    }
    let main = Rc::new(Cell::new(Main::Waiting));
    let on_fire = {
        let (shared, root, main) = (Rc::downgrade(shared), root.clone(), Rc::clone(&main));
        SoonCallback::new(move || {
            if main.get() != Main::Waiting {
                return;
            }
            if let Some(shared) = shared.upgrade() {
                shared.timeout_fired(0);
            }
            main.set(Main::Fired {
                refused: !root.cancel(),
            });
        })
    };
    let resumed = {
        let (shared, ended, main) = (Rc::downgrade(shared), root.clone(), Rc::clone(&main));
        SoonCallback::new(move || {
            let (Some(shared), Some(outcome)) = (shared.upgrade(), ended.outcome()) else {
                return;
            };
            let received = match main.replace(Main::Resumed) {
                Main::Fired { refused } if refused || ends_cancelled(&outcome) => {
                    Outcome::Raised(Exception::timeout_error())
                }
                _ => outcome,
            };
            shared.record(0, End::Received, received);
        })
    };
    root.add_done_callback(resumed);
    shared.runtime.call_at(deadline_ms, on_fire)
}

fn ends_cancelled(outcome: &Outcome<Value>) -> bool {
    match outcome {
        Outcome::Cancelled => true,
        Outcome::Raised(exception) => exception.is_cancelled_error(),
        Outcome::Value(_) => false,
    }
}

/// How a coroutine's result ends it, as a task would end.
fn outcome_of(result: &Result<Value, Exception>) -> Outcome<Value> {
    match result {
        Ok(value) => Outcome::Value(value.clone()),
        Err(exception) if exception.is_cancelled_error() => Outcome::Cancelled,
        Err(exception) => Outcome::Raised(exception.clone()),
    }
}

/// The child coroutine of a future node.
struct ChildBody {
    spec: FutureSpec,
    slots: Option<Semaphore>,
    node: NodeId,
    events: Weak<Shared>,
}

impl ChildBody {
    /// As the Python equivalent reads:
    /// `try: await sleep(delay) except CancelledError: (cleanup or raise) ... return result`,
    /// the whole inside `async with semaphore:` when its gather has a limit.
    async fn run(self, cx: &TaskContext) -> Result<Value, Exception> {
        let emit = |event: fn(NodeId, f64) -> RunEvent| {
            if let Some(shared) = self.events.upgrade() {
                shared.emit(event(self.node, shared.elapsed_ms()));
            }
        };
        emit(|node, at_ms| RunEvent::Started { node, at_ms });
        // Dropped when the body ends, however it ends: `async with` releases the slot.
        let _permit = match &self.slots {
            Some(slots) => {
                let permit = slots.acquire(cx).await?;
                emit(|node, at_ms| RunEvent::SlotAcquired { node, at_ms });
                Some(permit)
            }
            None => None,
        };
        match cx.sleep(self.spec.delay_ms).await {
            Ok(()) => self.spec.result.to_result(),
            Err(cancelled) => match &self.spec.on_cancel {
                None => Err(cancelled),
                Some(cleanup) => {
                    emit(|node, at_ms| RunEvent::CleanupStarted { node, at_ms });
                    cx.sleep(cleanup.delay_ms).await?;
                    cleanup.result.to_result()
                }
            },
        }
    }
}
