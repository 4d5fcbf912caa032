//! One event loop, two clocks: the ready queue, the timers and CPython's turns, which the
//! virtual clock and the browser's executor share so that both order every event alike.
//!
//! A turn is CPython's `BaseEventLoop._run_once`: move every timer that has come to the
//! end of the ready queue (all of one moment together, in the order they were set), then
//! run exactly what the queue held at that point; what those runs schedule waits for the
//! next turn. The queue holds what asyncio's does: a task's next step, a callback
//! (`call_soon`), a timer that has come. A sleep's timer wakes its task, whose step then
//! runs a turn later, as asyncio's timer sets the sleep's future and the task's wake-up
//! comes on the next turn; a `call_at` callback runs in the timer's own turn. Those two
//! turns are what make a cancellation scheduled for the very moment a sleep ends win, as
//! it does in CPython.

use super::id_map::IdMap;
use super::timer_queue::{Moment, TimerAction, TimerId, Timers};
pub(crate) use super::timer_sleep::TimerSleep;
use super::{LocalBoxFuture, SoonCallback};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Wake, Waker};

/// What the ready queue holds: asyncio's handles.
enum Runnable {
    /// A task's next step: its future polled once.
    Step {
        slot: usize,
        task: u64,
    },
    Callback(SoonCallback),
    /// A timer whose moment has come.
    Timer(TimerId),
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
    /// Its step is in the ready queue: woken again meanwhile, it is not queued twice, as
    /// asyncio schedules a task's step once.
    queued: bool,
}

#[derive(Default)]
struct Core {
    ready: VecDeque<Runnable>,
    slots: Vec<Slot>,
    free: Vec<usize>,
    live: usize,
    timers: Timers,
}

/// What the loop asks of its clock and its host.
pub(crate) trait Host {
    /// The loop's clock, which deadlines are measured from.
    fn now_ms(&self) -> f64;
    /// The wall clock, which no timer may run before its delay has passed on.
    fn wall_ms(&self) -> f64;
    /// The ready queue got work: a turn must come.
    fn wake_up(&self, lp: &EventLoop);
    /// A timer was set earlier than any other (or the last one went): time a wake-up for it.
    fn timers_changed(&self, lp: &EventLoop, earliest_set_ms: Option<Moment>);
}

/// A handle to one event loop. Cloning is cheap.
#[derive(Clone)]
pub(crate) struct EventLoop {
    inner: Rc<LoopInner>,
}

struct LoopInner {
    id: u64,
    core: RefCell<Core>,
    host: Box<dyn Host>,
}

thread_local! {
    /// Every loop of the thread, for the wakers, which must be `Send` and so hold ids.
    static LOOPS: RefCell<IdMap<Weak<LoopInner>>> = RefCell::default();
    static NEXT_TASK: Cell<u64> = const { Cell::new(0) };
}

impl Drop for LoopInner {
    fn drop(&mut self) {
        let _ = LOOPS.try_with(|loops| loops.borrow_mut().remove(self.id));
    }
}

struct TaskWaker {
    loop_id: u64,
    slot: usize,
    task: u64,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let target = LOOPS
            .try_with(|loops| loops.borrow().get(self.loop_id).and_then(Weak::upgrade))
            .ok()
            .flatten();
        if let Some(inner) = target {
            EventLoop { inner }.wake(self.slot, self.task);
        }
    }
}

impl EventLoop {
    pub(crate) fn new(host: Box<dyn Host>) -> Self {
        let inner = Rc::new_cyclic(|weak: &Weak<LoopInner>| {
            let id = LOOPS.with(|loops| loops.borrow_mut().insert(weak.clone()));
            LoopInner {
                id,
                core: RefCell::default(),
                host,
            }
        });
        EventLoop { inner }
    }

    pub(crate) fn downgrade(&self) -> WeakLoop {
        WeakLoop(Rc::downgrade(&self.inner))
    }

    pub(crate) fn now_ms(&self) -> f64 {
        self.inner.host.now_ms()
    }

    pub(crate) fn wall_ms(&self) -> f64 {
        self.inner.host.wall_ms()
    }

    /// Queues `runnable`, asking the host for a turn if the queue was empty.
    fn push(&self, runnable: Runnable) {
        let was_empty = {
            let mut core = self.inner.core.borrow_mut();
            let was_empty = core.ready.is_empty();
            core.ready.push_back(runnable);
            was_empty
        };
        if was_empty {
            self.inner.host.wake_up(self);
        }
    }

    /// Runs `future` as a task, its first step after everything already queued.
    pub(crate) fn spawn(&self, future: LocalBoxFuture) {
        let task = NEXT_TASK.with(|next| next.replace(next.get() + 1));
        let loop_id = self.inner.id;
        let slot = {
            let mut core = self.inner.core.borrow_mut();
            core.live += 1;
            match core.free.pop() {
                Some(slot) => {
                    let entry = &mut core.slots[slot];
                    match Arc::get_mut(&mut entry.waker) {
                        Some(waker) => waker.task = task,
                        // A clone of the last task's waker is still around: it must keep
                        // naming that task, so this one gets its own.
                        None => {
                            entry.waker = Arc::new(TaskWaker {
                                loop_id,
                                slot,
                                task,
                            })
                        }
                    }
                    entry.task = task;
                    entry.future = Some(future);
                    entry.live = true;
                    entry.queued = true;
                    slot
                }
                None => {
                    let slot = core.slots.len();
                    core.slots.push(Slot {
                        task,
                        future: Some(future),
                        waker: Arc::new(TaskWaker {
                            loop_id,
                            slot,
                            task,
                        }),
                        live: true,
                        queued: true,
                    });
                    slot
                }
            }
        };
        self.push(Runnable::Step { slot, task });
    }

    /// Runs `callback` after everything already queued (asyncio's `call_soon`).
    pub(crate) fn call_soon(&self, callback: SoonCallback) {
        self.push(Runnable::Callback(callback));
    }

    fn wake(&self, slot: usize, task: u64) {
        {
            let mut core = self.inner.core.borrow_mut();
            let Some(entry) = core.slots.get_mut(slot) else {
                return;
            };
            if !entry.live || entry.task != task || entry.queued {
                return;
            }
            entry.queued = true;
        }
        self.push(Runnable::Step { slot, task });
    }

    /// Sets a timer due at `deadline_ms` on the loop's clock; on the wall clock it runs no
    /// earlier than its delay from now.
    pub(super) fn set_timer(&self, deadline_ms: f64, action: TimerAction) -> TimerId {
        let (now, wall) = (self.now_ms(), self.wall_ms());
        let not_before_ms = wall + (deadline_ms - now).max(0.0);
        let (id, earliest) = {
            let mut core = self.inner.core.borrow_mut();
            let id = core.timers.insert(deadline_ms, not_before_ms, action);
            (id, core.timers.is_earliest(id))
        };
        if earliest {
            let moment = Moment {
                deadline_ms,
                not_before_ms,
            };
            self.inner.host.timers_changed(self, Some(moment));
        }
        id
    }

    /// asyncio's `call_at`: runs `callback` in the turn its moment comes.
    pub(crate) fn call_at(&self, deadline_ms: f64, callback: SoonCallback) -> TimerId {
        self.set_timer(deadline_ms, TimerAction::Call(callback))
    }

    /// Cancels a timer that has not run; nothing if it has.
    pub(crate) fn cancel_timer(&self, id: TimerId) {
        let (action, empty) = {
            let mut core = self.inner.core.borrow_mut();
            let action = core.timers.remove(id);
            (action, core.timers.is_empty())
        };
        // Dropped with the loop released: a callback may own anything.
        drop(action);
        if empty {
            self.inner.host.timers_changed(self, None);
        }
    }

    /// A future that ends when its timer, due at `deadline_ms`, runs.
    pub(crate) fn sleep_until(&self, deadline_ms: f64) -> TimerSleep {
        TimerSleep::new(self.downgrade(), deadline_ms)
    }

    /// Keeps `waker` as the one the sleep's timer wakes; false once the timer has run.
    pub(super) fn refresh_timer(&self, id: TimerId, waker: &Waker) -> bool {
        self.inner.core.borrow_mut().timers.refresh(id, waker)
    }

    /// The earliest moment with pending timers.
    pub(crate) fn next_moment(&self) -> Option<Moment> {
        self.inner.core.borrow_mut().timers.next_moment()
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) fn has_ready(&self) -> bool {
        !self.inner.core.borrow().ready.is_empty()
    }

    pub(crate) fn pending_timers(&self) -> usize {
        self.inner.core.borrow().timers.len()
    }

    pub(crate) fn pending_tasks(&self) -> usize {
        self.inner.core.borrow().live
    }

    /// One turn: moves the timers that have come to the ready queue, then runs what the
    /// queue holds, and nothing queued meanwhile. Returns how many runnables it ran.
    pub(crate) fn run_turn(&self) -> usize {
        let (now, wall) = (self.now_ms(), self.wall_ms());
        let count = {
            let mut core = self.inner.core.borrow_mut();
            while let Some((_, due)) = core.timers.take_due(now, wall) {
                core.ready.extend(due.into_iter().map(Runnable::Timer));
            }
            core.ready.len()
        };
        for _ in 0..count {
            // The borrow ends before anything runs: steps and callbacks use the loop too.
            let next = self.inner.core.borrow_mut().ready.pop_front();
            match next {
                None => break,
                Some(Runnable::Callback(callback)) => callback.run(),
                Some(Runnable::Timer(id)) => self.run_timer(id),
                Some(Runnable::Step { slot, task }) => self.step(slot, task),
            }
        }
        count
    }

    fn run_timer(&self, id: TimerId) {
        let (action, empty) = {
            let mut core = self.inner.core.borrow_mut();
            let action = core.timers.remove(id);
            (action, core.timers.is_empty())
        };
        match action {
            Some(TimerAction::Wake(waker)) => waker.wake(),
            Some(TimerAction::Call(callback)) => callback.run(),
            None => {}
        }
        if empty {
            self.inner.host.timers_changed(self, None);
        }
    }

    fn step(&self, slot: usize, task: u64) {
        let taken = {
            let mut core = self.inner.core.borrow_mut();
            core.slots.get_mut(slot).and_then(|entry| {
                if !entry.live || entry.task != task {
                    return None;
                }
                entry.queued = false;
                let future = entry.future.take()?;
                Some((future, Waker::from(Arc::clone(&entry.waker))))
            })
        };
        let Some((mut future, waker)) = taken else {
            return;
        };
        let finished = future
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready();
        drop(waker);
        let mut core = self.inner.core.borrow_mut();
        if finished {
            core.slots[slot].live = false;
            core.free.push(slot);
            core.live -= 1;
            drop(core);
            // Dropped with the loop released: a future's drop may wake or spawn.
            drop(future);
        } else if let Some(entry) = core.slots.get_mut(slot) {
            entry.future = Some(future);
        }
    }

    /// Gives the slot table's memory back once no task is left, after a run of many tasks.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn release_idle_slots(&self) {
        const KEEP: usize = 1_024;
        let mut core = self.inner.core.borrow_mut();
        if core.live == 0 && core.slots.len() > KEEP {
            core.slots = Vec::new();
            core.free = Vec::new();
        }
    }
}

/// A loop that may have gone.
#[derive(Clone)]
pub(crate) struct WeakLoop(Weak<LoopInner>);

impl WeakLoop {
    pub(crate) fn upgrade(&self) -> Option<EventLoop> {
        self.0.upgrade().map(|inner| EventLoop { inner })
    }
}
