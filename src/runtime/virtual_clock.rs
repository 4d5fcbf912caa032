//! A deterministic event loop whose clock jumps to the next timer.

use super::id_map::IdMap;
use super::{Executor, LocalBoxFuture, Runtime};
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// A deterministic event loop on a virtual clock: time stands still while anything is ready
/// to run and jumps straight to the next timer when nothing is.
///
/// Runs are exact and repeatable: the same program gives the same times to the millisecond,
/// and a scenario spanning a day of virtual time runs in microseconds. It drives the same
/// gather code as the browser, so it can predict what a real run will do, and it runs
/// natively, so tests of exact times need no browser.
///
/// The clock starts at 0 and moves only inside [`VirtualClock::run_until_stalled`] and
/// [`VirtualClock::block_on`].
///
/// # Examples
///
/// ```
/// use gather_playground::{gather, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let slow = runtime.spawn(|cx| async move { cx.sleep(300).await?; Ok(1) });
/// let fast = runtime.spawn(|cx| async move { cx.sleep(100).await?; Ok(2) });
/// let outer = gather(&runtime, [slow, fast], false);
/// let values = clock.block_on(outer).unwrap().unwrap();
/// assert_eq!(values, [Ok(1), Ok(2)]);
/// assert_eq!(clock.now_ms(), 300);
/// ```
#[derive(Clone, Default)]
pub struct VirtualClock {
    shared: Rc<Shared>,
}

#[derive(Default)]
struct Shared {
    now_ms: Cell<u64>,
    // Task ids only grow too. A task's slot is empty while it is polled.
    tasks: RefCell<IdMap<Option<LocalBoxFuture>>>,
    // Wakers may be sent anywhere, so the run queue they push to is shareable.
    ready: Arc<Mutex<VecDeque<u64>>>,
    timer_queue: RefCell<BinaryHeap<Reverse<(u64, u64)>>>,
    // Timer ids only grow, so a sorted deque serves as well as an ordered map, in less code.
    timer_wakers: RefCell<IdMap<Waker>>,
}

struct TaskWaker {
    task_id: u64,
    ready: Arc<Mutex<VecDeque<u64>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Ok(mut ready) = self.ready.lock() {
            ready.push_back(self.task_id);
        }
    }
}

impl VirtualClock {
    /// A new loop with its clock at 0 and nothing scheduled.
    pub fn new() -> Self {
        Self::default()
    }

    /// A [`Runtime`] that spawns and sleeps on this loop.
    pub fn runtime(&self) -> Runtime {
        Runtime::new(VirtualExecutor {
            shared: Rc::downgrade(&self.shared),
        })
    }

    /// The virtual time in milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.shared.now_ms.get()
    }

    /// How many timers are pending (sleeps not yet finished nor dropped).
    pub fn pending_timers(&self) -> usize {
        self.shared.timer_wakers.borrow().len()
    }

    /// How many spawned futures have not finished.
    pub fn pending_tasks(&self) -> usize {
        self.shared.tasks.borrow().len()
    }

    /// Runs everything that is ready, then moves the clock to the next timer and repeats,
    /// until nothing is ready and no timer is pending.
    pub fn run_until_stalled(&self) {
        self.run_until(u64::MAX);
    }

    /// Like [`VirtualClock::run_until_stalled`], but fires no timer due after
    /// `deadline_ms`; the clock then stands at `deadline_ms` (or later, if it already was).
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::VirtualClock;
    ///
    /// let clock = VirtualClock::new();
    /// let task = clock.runtime().spawn(|cx| async move { cx.sleep(100).await?; Ok(()) });
    /// clock.run_until(99);
    /// assert!(!task.done());
    /// clock.run_until(100);
    /// assert!(task.done());
    /// ```
    pub fn run_until(&self, deadline_ms: u64) {
        loop {
            self.run_ready();
            if !self.fire_next_timers(deadline_ms) {
                break;
            }
        }
        if deadline_ms != u64::MAX {
            self.shared
                .now_ms
                .set(self.shared.now_ms.get().max(deadline_ms));
        }
    }

    /// Spawns `future`, runs the loop until it stalls, and returns the future's output, or
    /// `None` if it never finished (it waits for something that cannot happen).
    pub fn block_on<F>(&self, future: F) -> Option<F::Output>
    where
        F: Future + 'static,
    {
        let output = Rc::new(RefCell::new(None));
        let slot = Rc::clone(&output);
        self.runtime().spawn_detached(async move {
            let value = future.await;
            *slot.borrow_mut() = Some(value);
        });
        self.run_until_stalled();
        let value = output.borrow_mut().take();
        value
    }

    fn run_ready(&self) {
        loop {
            let next = self
                .shared
                .ready
                .lock()
                .ok()
                .and_then(|mut q| q.pop_front());
            let Some(task_id) = next else { break };
            // Taken out of its slot while polled, so the task may spawn others freely.
            let taken = self
                .shared
                .tasks
                .borrow_mut()
                .get_mut(task_id)
                .and_then(Option::take);
            let Some(mut future) = taken else {
                continue;
            };
            let waker = Waker::from(Arc::new(TaskWaker {
                task_id,
                ready: Arc::clone(&self.shared.ready),
            }));
            let mut context = Context::from_waker(&waker);
            let pending = future.as_mut().poll(&mut context).is_pending();
            let finished = {
                let mut tasks = self.shared.tasks.borrow_mut();
                match tasks.get_mut(task_id) {
                    Some(slot) if pending => {
                        *slot = Some(future);
                        None
                    }
                    _ => {
                        tasks.remove(task_id);
                        Some(future)
                    }
                }
            };
            // Dropped with the map released: a future's drop may spawn or wake.
            drop(finished);
        }
    }

    /// Moves the clock to the earliest live timer, if it is due by `limit_ms`, and wakes
    /// every timer due then, in the order they were set. Returns whether any timer fired.
    fn fire_next_timers(&self, limit_ms: u64) -> bool {
        let mut due = Vec::new();
        {
            let mut queue = self.shared.timer_queue.borrow_mut();
            let mut wakers = self.shared.timer_wakers.borrow_mut();
            let mut deadline = None;
            while let Some(Reverse((at, timer_id))) = queue.peek().copied() {
                if !wakers.contains(timer_id) {
                    queue.pop();
                    continue;
                }
                match deadline {
                    None if at > limit_ms => return false,
                    None => deadline = Some(at),
                    Some(first) if at > first => break,
                    Some(_) => {}
                }
                queue.pop();
                if let Some(waker) = wakers.remove(timer_id) {
                    due.push(waker);
                }
            }
            if let Some(at) = deadline {
                self.shared.now_ms.set(self.shared.now_ms.get().max(at));
            } else {
                return false;
            }
        }
        for waker in due {
            waker.wake();
        }
        true
    }
}

struct VirtualExecutor {
    // Weak: a loop owns its tasks, which own runtimes; a strong link would be a cycle.
    shared: Weak<Shared>,
}

impl Executor for VirtualExecutor {
    fn spawn(&self, future: LocalBoxFuture) {
        let Some(shared) = self.shared.upgrade() else {
            return;
        };
        let task_id = shared.tasks.borrow_mut().insert(Some(future));
        if let Ok(mut ready) = shared.ready.lock() {
            ready.push_back(task_id);
        };
    }

    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        Box::pin(VirtualSleep {
            shared: self.shared.clone(),
            deadline_ms: deadline_ms.ceil().max(0.0) as u64,
            timer_id: None,
        })
    }

    fn now_ms(&self) -> f64 {
        self.shared
            .upgrade()
            .map_or(0.0, |shared| shared.now_ms.get() as f64)
    }
}

struct VirtualSleep {
    shared: Weak<Shared>,
    deadline_ms: u64,
    timer_id: Option<u64>,
}

impl Future for VirtualSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(shared) = self.shared.upgrade() else {
            return Poll::Ready(());
        };
        if shared.now_ms.get() >= self.deadline_ms {
            if let Some(timer_id) = self.timer_id.take() {
                shared.timer_wakers.borrow_mut().remove(timer_id);
            }
            return Poll::Ready(());
        }
        match self.timer_id {
            Some(timer_id) => {
                // Store the latest waker: the task may have moved to another waker since.
                if let Some(known) = shared.timer_wakers.borrow_mut().get_mut(timer_id) {
                    known.clone_from(cx.waker());
                }
            }
            None => {
                let timer_id = shared.timer_wakers.borrow_mut().insert(cx.waker().clone());
                shared
                    .timer_queue
                    .borrow_mut()
                    .push(Reverse((self.deadline_ms, timer_id)));
                self.timer_id = Some(timer_id);
            }
        }
        Poll::Pending
    }
}

impl Drop for VirtualSleep {
    fn drop(&mut self) {
        if let (Some(timer_id), Some(shared)) = (self.timer_id, self.shared.upgrade()) {
            shared.timer_wakers.borrow_mut().remove(timer_id);
        }
    }
}
