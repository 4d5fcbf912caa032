//! A deterministic event loop whose clock jumps to the next timer.

use super::event_loop::{EventLoop, Host, WeakLoop};
use super::timer_queue::Moment;
use super::{Executor, LocalBoxFuture, Runtime, SoonCallback, TimerHandle};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::rc::Rc;

/// A deterministic event loop on a virtual clock: time stands still while anything is ready
/// to run and jumps straight to the next timer when nothing is.
///
/// Runs are exact and repeatable: the same program gives the same times to the millisecond,
/// and a scenario spanning a day of virtual time runs in microseconds. It is the same loop
/// as the browser's (turns, timers and their order at ties are CPython's), on another
/// clock, so it predicts what a real run does; and it runs natively, so tests of exact
/// times need no browser.
///
/// The clock starts at 0 and moves only inside [`VirtualClock::run_until_stalled`] and
/// [`VirtualClock::block_on`]. Deadlines are whole milliseconds (rounded up).
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
#[derive(Clone)]
pub struct VirtualClock {
    lp: EventLoop,
    now_ms: Rc<Cell<f64>>,
}

impl fmt::Debug for VirtualClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VirtualClock")
            .field("now_ms", &self.now_ms())
            .field("pending_tasks", &self.pending_tasks())
            .field("pending_timers", &self.pending_timers())
            .finish()
    }
}

/// The virtual clock as the loop's host: one clock for the loop and the wall, and nothing to
/// wake (the clock's owner drives the loop).
struct VirtualHost {
    now_ms: Rc<Cell<f64>>,
}

impl Host for VirtualHost {
    fn now_ms(&self) -> f64 {
        self.now_ms.get()
    }

    fn wall_ms(&self) -> f64 {
        self.now_ms.get()
    }

    fn wake_up(&self, _: &EventLoop) {}

    fn timers_changed(&self, _: &EventLoop, _: Option<Moment>) {}
}

impl Default for VirtualClock {
    fn default() -> Self {
        let now_ms = Rc::new(Cell::new(0.0));
        VirtualClock {
            lp: EventLoop::new(Box::new(VirtualHost {
                now_ms: Rc::clone(&now_ms),
            })),
            now_ms,
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
            lp: self.lp.downgrade(),
            now_ms: Rc::clone(&self.now_ms),
        })
    }

    /// The virtual time in milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.now_ms.get() as u64
    }

    /// How many timers are pending (sleeps not yet finished nor dropped, `call_at`
    /// callbacks not yet run nor cancelled).
    pub fn pending_timers(&self) -> usize {
        self.lp.pending_timers()
    }

    /// How many spawned futures have not finished.
    pub fn pending_tasks(&self) -> usize {
        self.lp.pending_tasks()
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
        let limit = deadline_ms as f64;
        loop {
            if self.lp.run_turn() > 0 {
                continue;
            }
            match self.lp.next_moment() {
                Some(moment) if moment.deadline_ms <= limit => {
                    self.now_ms.set(self.now_ms.get().max(moment.deadline_ms));
                }
                _ => break,
            }
        }
        if deadline_ms != u64::MAX {
            self.now_ms.set(self.now_ms.get().max(limit));
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
}

struct VirtualExecutor {
    // Weak: a loop owns its tasks, which own runtimes; a strong link would be a cycle.
    lp: WeakLoop,
    now_ms: Rc<Cell<f64>>,
}

/// Deadlines on the virtual clock are whole milliseconds, so that ties are exact.
fn whole_ms(deadline_ms: f64) -> f64 {
    deadline_ms.ceil().max(0.0)
}

impl Executor for VirtualExecutor {
    fn spawn(&self, future: LocalBoxFuture) {
        if let Some(lp) = self.lp.upgrade() {
            lp.spawn(future);
        }
    }

    fn call_soon(&self, callback: SoonCallback) {
        if let Some(lp) = self.lp.upgrade() {
            lp.call_soon(callback);
        }
    }

    fn call_at(&self, deadline_ms: f64, callback: SoonCallback) -> TimerHandle {
        let Some(lp) = self.lp.upgrade() else {
            return TimerHandle::new(|| {});
        };
        let id = lp.call_at(whole_ms(deadline_ms), callback);
        let lp = self.lp.clone();
        TimerHandle::new(move || {
            if let Some(lp) = lp.upgrade() {
                lp.cancel_timer(id);
            }
        })
    }

    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        match self.lp.upgrade() {
            Some(lp) => Box::pin(lp.sleep_until(whole_ms(deadline_ms))),
            None => Box::pin(std::future::ready(())),
        }
    }

    fn now_ms(&self) -> f64 {
        self.now_ms.get()
    }
}

#[cfg(test)]
mod tests {
    use super::VirtualClock;
    use crate::SoonCallback;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn timers_of_one_moment_run_in_setting_order_in_one_turn_before_what_they_schedule() {
        let clock = VirtualClock::new();
        let runtime = clock.runtime();
        let log = Rc::new(RefCell::new(Vec::new()));
        for name in ["A", "B", "C", "D"] {
            let log = Rc::clone(&log);
            let runtime_inner = runtime.clone();
            runtime.call_at(
                100.0,
                SoonCallback::new(move || {
                    log.borrow_mut().push(name);
                    let log = Rc::clone(&log);
                    // Scheduled by a timer: runs after every timer of the moment.
                    runtime_inner
                        .call_soon(SoonCallback::new(move || log.borrow_mut().push("soon")));
                }),
            );
        }
        clock.run_until_stalled();
        assert_eq!(
            *log.borrow(),
            ["A", "B", "C", "D", "soon", "soon", "soon", "soon"]
        );
        assert_eq!(clock.now_ms(), 100);
    }

    #[test]
    fn a_cancel_at_the_moment_a_sleep_ends_wins_whichever_timer_was_set_first() {
        for cancel_set_first in [true, false] {
            let clock = VirtualClock::new();
            let runtime = clock.runtime();
            let schedule_cancel = |task: &crate::Task<&'static str>| {
                let task = task.clone();
                runtime.call_at(100.0, SoonCallback::new(move || assert!(task.cancel())))
            };
            let body = |cx: crate::TaskContext| async move {
                cx.sleep(100).await?;
                Ok("slept")
            };
            let task = runtime.spawn(body);
            if cancel_set_first {
                let _handle = schedule_cancel(&task);
                clock.run_until_stalled();
            } else {
                // The task's first step sets its sleep's timer before the cancel's.
                clock.run_until(0);
                let _handle = schedule_cancel(&task);
                clock.run_until_stalled();
            }
            assert!(task.cancelled(), "cancel set first: {cancel_set_first}");
            assert_eq!(clock.now_ms(), 100);
        }
    }
}
