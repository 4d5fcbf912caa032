//! The browser executor's run queue: spawned futures and `call_soon` callbacks, in one FIFO,
//! drained on a microtask.

use super::{LocalBoxFuture, SoonCallback};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;
use std::task::{Context, Wake, Waker};
use wasm_bindgen::prelude::{wasm_bindgen, Closure};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = queueMicrotask)]
    fn queue_microtask(callback: &Closure<dyn FnMut()>);
}

/// What the queue runs next: a task's next step, or a callback, as asyncio's ready queue
/// holds both. One queue for the two keeps their relative order, which done callbacks
/// depend on (they run on a later turn than the step that finished the future, and before
/// steps woken after them).
enum Runnable {
    Step { slot: usize, task: u64 },
    Callback(SoonCallback),
}

struct Slot {
    /// Never reused, unlike the slot: a waker of a finished task wakes nothing.
    task: u64,
    /// `None` while the future is being polled, and once the task has finished.
    future: Option<LocalBoxFuture>,
    /// Kept with the slot when its task finishes: the slot's next task takes it over (a new
    /// identity, no allocation) if nothing else still holds it.
    waker: Arc<TaskWaker>,
    live: bool,
    queued: bool,
}

#[derive(Default)]
struct QueueState {
    ready: VecDeque<Runnable>,
    slots: Vec<Slot>,
    free: Vec<usize>,
    live: usize,
    next_task: u64,
    /// A microtask will drain the queue (or is draining it now).
    scheduled: bool,
}

struct RunQueue {
    state: RefCell<QueueState>,
    drain: Closure<dyn FnMut()>,
}

thread_local! {
    static QUEUE: RunQueue = RunQueue {
        state: RefCell::default(),
        drain: Closure::new(drain),
    };
}

struct TaskWaker {
    slot: usize,
    task: u64,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let (slot, task) = (self.slot, self.task);
        let _ = QUEUE.try_with(|queue| {
            let mut state = queue.state.borrow_mut();
            let Some(entry) = state.slots.get_mut(slot) else {
                return;
            };
            // Woken again before its step ran: asyncio schedules a step once.
            if !entry.live || entry.task != task || entry.queued {
                return;
            }
            entry.queued = true;
            state.ready.push_back(Runnable::Step { slot, task });
            schedule(queue, &mut state);
        });
    }
}

fn schedule(queue: &RunQueue, state: &mut QueueState) {
    if !state.scheduled {
        state.scheduled = true;
        queue_microtask(&queue.drain);
    }
}

/// Runs `future` on the queue, its first step after everything already queued.
pub(super) fn spawn(future: LocalBoxFuture) {
    QUEUE.with(|queue| {
        let mut state = queue.state.borrow_mut();
        let task = state.next_task;
        state.next_task += 1;
        let slot = match state.free.pop() {
            Some(slot) => {
                let entry = &mut state.slots[slot];
                match Arc::get_mut(&mut entry.waker) {
                    Some(waker) => waker.task = task,
                    // A clone of the last task's waker is still around: it must keep
                    // naming that task, so this one gets its own.
                    None => entry.waker = Arc::new(TaskWaker { slot, task }),
                }
                entry.task = task;
                entry.future = Some(future);
                entry.live = true;
                entry.queued = true;
                slot
            }
            None => {
                let slot = state.slots.len();
                state.slots.push(Slot {
                    task,
                    future: Some(future),
                    waker: Arc::new(TaskWaker { slot, task }),
                    live: true,
                    queued: true,
                });
                slot
            }
        };
        state.live += 1;
        state.ready.push_back(Runnable::Step { slot, task });
        schedule(queue, &mut state);
    });
}

/// Runs `callback` after everything already queued, without a future or a waker for it.
#[inline]
pub(super) fn call_soon(callback: SoonCallback) {
    QUEUE.with(|queue| {
        let mut state = queue.state.borrow_mut();
        state.ready.push_back(Runnable::Callback(callback));
        schedule(queue, &mut state);
    });
}

/// The microtask: one turn of the loop, everything queued before it began. What the turn
/// queues runs in the next microtask, so that other microtasks (wasm-bindgen-futures' own
/// queue, where yew renders; promise reactions) get their turn in between, as they did when
/// every step was a wasm-bindgen-futures task.
fn drain() {
    QUEUE.with(|queue| {
        let mut turn = queue.state.borrow().ready.len();
        while turn > 0 {
            turn -= 1;
            // The borrow ends before anything runs: steps and callbacks use the queue too.
            let next = {
                let mut state = queue.state.borrow_mut();
                match state.ready.pop_front() {
                    None => break,
                    Some(Runnable::Callback(callback)) => Next::Callback(callback),
                    Some(Runnable::Step { slot, task }) => {
                        match take_step(&mut state, slot, task) {
                            Some((future, waker)) => Next::Step(slot, future, waker),
                            None => continue,
                        }
                    }
                }
            };
            match next {
                Next::Callback(callback) => callback.run(),
                Next::Step(slot, future, waker) => step(queue, slot, future, waker),
            }
        }
        let mut state = queue.state.borrow_mut();
        if state.ready.is_empty() {
            state.scheduled = false;
            release_idle_slots(&mut state);
        } else {
            queue_microtask(&queue.drain);
        }
    });
}

/// What the drain runs next, taken out of the queue in the same borrow as it was popped.
enum Next {
    Callback(SoonCallback),
    Step(usize, LocalBoxFuture, Waker),
}

/// A queued step's future and its waker, unless its task has finished since it was queued.
#[inline]
fn take_step(state: &mut QueueState, slot: usize, task: u64) -> Option<(LocalBoxFuture, Waker)> {
    let entry = state.slots.get_mut(slot)?;
    if !entry.live || entry.task != task {
        return None;
    }
    entry.queued = false;
    let future = entry.future.take()?;
    Some((future, Waker::from(Arc::clone(&entry.waker))))
}

#[inline]
fn step(queue: &RunQueue, slot: usize, mut future: LocalBoxFuture, waker: Waker) {
    let finished = future
        .as_mut()
        .poll(&mut Context::from_waker(&waker))
        .is_ready();
    drop(waker);
    if finished {
        {
            let mut state = queue.state.borrow_mut();
            state.slots[slot].live = false;
            state.free.push(slot);
            state.live -= 1;
        }
        // Dropped with the queue released: a future's drop may wake or spawn.
        drop(future);
    } else {
        let mut state = queue.state.borrow_mut();
        if let Some(entry) = state.slots.get_mut(slot) {
            entry.future = Some(future);
        }
    }
}

/// Gives the slot table's memory back once no task is left, after a run of many tasks.
fn release_idle_slots(state: &mut QueueState) {
    const KEEP: usize = 1_024;
    if state.live == 0 && state.slots.len() > KEEP {
        state.slots = Vec::new();
        state.free = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use crate::{Runtime, VirtualClock};
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
}
