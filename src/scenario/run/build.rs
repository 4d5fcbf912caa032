//! Building a scenario out of the port: a task per future node (its coroutine), a gather
//! per gather node, a semaphore per limit, `wait_for`'s task per timeout, a shield per
//! shield; in the order the Python program creates them.

use super::{CancelAt, End, RootCombinator, Shared};
use crate::scenario::report::results_to_value;
use crate::scenario::{CancelSource, FutureSpec, GatherSpec, Guard, NodeId, NodeSpec, RunEvent};
use crate::{
    as_completed, gather, shield, task_group, wait, Awaitable, Exception, Outcome, Semaphore,
    SemaphorePermit, SoonCallback, TaskContext, TimerHandle,
};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
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
    let slots = spec.limit.map(|limit| Slots {
        semaphore: Semaphore::new(&shared.runtime, limit),
        freed: Rc::default(),
    });
    let built: Vec<(NodeId, Awaitable<Value>)> = spec
        .children
        .iter()
        .map(|child| match child {
            NodeSpec::Future(future) => build_future(shared, future, slots.clone(), cancels),
            NodeSpec::Gather(nested) => {
                let child = shared.nodes.borrow().len();
                (
                    child,
                    build_gather(shared, nested, RootCombinator::Gather, cancels),
                )
            }
        })
        .collect();
    let child_nodes: Vec<NodeId> = built.iter().map(|(child, _)| *child).collect();
    // Every cancel() the combinator passes on to a child is told, with who passed it on.
    let source = match combinator {
        RootCombinator::TaskGroup => CancelSource::TaskGroup,
        _ => CancelSource::Gather { gather: node },
    };
    let children: Vec<Awaitable<Value>> = built
        .into_iter()
        .map(|(child, given)| {
            let watcher = Rc::downgrade(shared);
            given.watch_cancel(move |cancel| match watcher.upgrade() {
                Some(shared) => shared.cancel_through(child, source, cancel),
                None => cancel(),
            })
        })
        .collect();
    let mut completed_by: Option<Box<dyn Fn() -> Option<NodeId>>> = None;
    let outer = match combinator {
        RootCombinator::Gather => {
            let outer = gather(&shared.runtime, children, spec.return_exceptions);
            let handle = outer.clone();
            completed_by = Some(Box::new(move || {
                handle
                    .completed_by()
                    .and_then(|position| child_nodes.get(position).copied())
            }));
            Awaitable::from(outer).map(results_to_value)
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
    shared.watch(node, End::Own, &outer, completed_by);
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((node, at_ms));
    }
    if node == 0 {
        outer
    } else {
        guarded(shared, node, spec.guard, outer)
    }
}

/// A gather's `limit`: its semaphore, and the children whose end handed a slot to one
/// that waited, in order, so that each waiter knows whose slot it got.
#[derive(Clone)]
struct Slots {
    semaphore: Semaphore,
    freed: Rc<RefCell<VecDeque<NodeId>>>,
}

/// A slot held by a child (`async with semaphore:`): released when the body ends,
/// however it ends, noting whose slot goes to a waiter.
struct Held {
    permit: Option<SemaphorePermit>,
    slots: Slots,
    node: NodeId,
}

impl Drop for Held {
    fn drop(&mut self) {
        let hands_over = self.slots.semaphore.waiting() > 0;
        drop(self.permit.take());
        if hands_over {
            self.slots.freed.borrow_mut().push_back(self.node);
        }
    }
}

/// Builds a future node, and returns what its gather is given.
fn build_future(
    shared: &Rc<Shared>,
    spec: &FutureSpec,
    slots: Option<Slots>,
    cancels: &mut Vec<CancelAt>,
) -> (NodeId, Awaitable<Value>) {
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
                        shared.record(node, End::Own, outcome_of(&result), None);
                    }
                    result
                };
                cx.timeout(timeout_ms, coroutine)
                    .on_fire(move || {
                        if let Some(shared) = fired.upgrade() {
                            shared.timeout_fired(node);
                            // The timeout cancels this very task, which is running.
                            shared.cancel_through(node, CancelSource::Timeout, &|| true);
                        }
                    })
                    .await
            });
            shared.tasks.borrow_mut().push(task.clone());
            let task = Awaitable::from(task);
            shared.nodes.borrow_mut()[node] = Some(task.clone());
            shared.watch(node, End::Received, &task, None);
            task
        }
        guard => {
            let task = shared
                .runtime
                .spawn(move |cx| async move { body.run(&cx).await });
            shared.tasks.borrow_mut().push(task.clone());
            let task = Awaitable::from(task);
            shared.nodes.borrow_mut()[node] = Some(task.clone());
            shared.watch(node, End::Own, &task, None);
            guarded(shared, node, guard, task)
        }
    };
    if let Some(at_ms) = spec.cancel_at_ms {
        cancels.push((node, at_ms));
    }
    (node, given)
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
        let (fired, watcher) = (Rc::downgrade(shared), Rc::downgrade(shared));
        // Set when the timeout fires, which cancels wait_for's task and, through it, at once
        // what it awaits: that one cancel() is the timeout's; any other is wait_for's task
        // passing on a cancellation it was given.
        let firing = Rc::new(Cell::new(false));
        let fires = Rc::clone(&firing);
        let awaited = given.watch_cancel(move |cancel| {
            let source = if firing.replace(false) {
                CancelSource::Timeout
            } else {
                CancelSource::WaitFor
            };
            match watcher.upgrade() {
                Some(shared) => shared.cancel_through(node, source, cancel),
                None => cancel(),
            }
        });
        let task = shared.runtime.spawn(move |cx| async move {
            cx.timeout(timeout_ms, cx.wait(awaited))
                .on_fire(move || {
                    fires.set(true);
                    if let Some(shared) = fired.upgrade() {
                        shared.timeout_fired(node);
                    }
                })
                .await
        });
        shared.tasks.borrow_mut().push(task.clone());
        given = Awaitable::from(task);
    }
    shared.watch(node, End::Received, &given, None);
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
            let refused = match shared.upgrade() {
                Some(shared) => {
                    shared.timeout_fired(0);
                    !shared.cancel_through(0, CancelSource::Timeout, &|| root.cancel())
                }
                None => !root.cancel(),
            };
            main.set(Main::Fired { refused });
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
            shared.record(0, End::Received, received, None);
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
    slots: Option<Slots>,
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
        let _held = match &self.slots {
            Some(slots) => {
                let waits = slots.semaphore.locked();
                let permit = slots.semaphore.acquire(cx).await?;
                let freed_by = if waits {
                    slots.freed.borrow_mut().pop_front()
                } else {
                    None
                };
                if let Some(shared) = self.events.upgrade() {
                    shared.emit(RunEvent::SlotAcquired {
                        node: self.node,
                        at_ms: shared.elapsed_ms(),
                        freed_by,
                    });
                }
                Some(Held {
                    permit: Some(permit),
                    slots: slots.clone(),
                    node: self.node,
                })
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
