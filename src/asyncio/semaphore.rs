//! asyncio.Semaphore: a counter of free slots with a first-come, first-served queue.

use super::plain_future::PlainFuture;
use super::{Exception, Outcome, TaskContext};
use crate::runtime::Runtime;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

/// Limits how many tasks hold a slot at once, as `asyncio.Semaphore(value)`.
///
/// Ported from CPython 3.11's `asyncio.locks.Semaphore`: [`Semaphore::acquire`] takes a
/// slot at once, without yielding, when one is free and nobody is queued; otherwise the
/// task waits in first-come, first-served order. [`Semaphore::release`] hands the slot to
/// the first waiter, which resumes on the loop's next turn. A task cancelled while it waits
/// leaves the queue without a slot (and passes on a slot it had been handed but not yet
/// taken), so cancellation never leaks or loses a slot. `async with semaphore:` is
/// [`Semaphore::acquire`], then [`SemaphorePermit`] dropped at the end of the block.
///
/// # Examples
///
/// ```
/// use gather_playground::{gather, Semaphore, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let slots = Semaphore::new(&runtime, 2);
/// // Three 100 ms jobs, two at a time: the third starts when the first slot frees.
/// let jobs: Vec<_> = (0..3)
///     .map(|job| {
///         let slots = slots.clone();
///         runtime.spawn(move |cx| async move {
///             let _permit = slots.acquire(&cx).await?;
///             cx.sleep(100).await?;
///             Ok(job)
///         })
///     })
///     .collect();
/// let results = clock.block_on(gather(&runtime, jobs, false)).unwrap().unwrap();
/// assert_eq!(results, [Ok(0), Ok(1), Ok(2)]);
/// assert_eq!(clock.now_ms(), 200);
/// ```
#[derive(Clone)]
pub struct Semaphore {
    inner: Rc<SemaphoreInner>,
}

struct SemaphoreInner {
    runtime: Runtime,
    value: Cell<usize>,
    waiters: RefCell<VecDeque<Rc<PlainFuture<()>>>>,
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Semaphore")
            .field("available", &self.available())
            .field("waiting", &self.inner.waiters.borrow().len())
            .finish()
    }
}

/// A slot taken from a [`Semaphore`]; dropping it releases the slot.
#[must_use = "dropping the permit releases the slot at once"]
pub struct SemaphorePermit {
    semaphore: Semaphore,
}

impl fmt::Debug for SemaphorePermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SemaphorePermit")
    }
}

impl Drop for SemaphorePermit {
    fn drop(&mut self) {
        self.semaphore.release();
    }
}

impl Semaphore {
    /// A semaphore with `value` free slots.
    pub fn new(runtime: &Runtime, value: usize) -> Self {
        Semaphore {
            inner: Rc::new(SemaphoreInner {
                runtime: runtime.clone(),
                value: Cell::new(value),
                waiters: RefCell::new(VecDeque::new()),
            }),
        }
    }

    /// Whether [`Semaphore::acquire`] would have to wait: no free slot, or someone queued
    /// who has not been cancelled.
    pub fn locked(&self) -> bool {
        self.inner.value.get() == 0
            || self
                .inner
                .waiters
                .borrow()
                .iter()
                .any(|waiter| !waiter.cell().cancelled())
    }

    /// How many tasks wait for a slot (a cancelled waiter no longer counts).
    pub fn waiting(&self) -> usize {
        self.inner
            .waiters
            .borrow()
            .iter()
            .filter(|waiter| !waiter.cell().done())
            .count()
    }

    /// Free slots.
    pub fn available(&self) -> usize {
        self.inner.value.get()
    }

    /// Takes a slot, waiting for one if needed; `Err(CancelledError)` if the task is
    /// cancelled while it waits (it then holds no slot). Holding the permit holds the slot.
    pub async fn acquire(&self, cx: &TaskContext) -> Result<SemaphorePermit, Exception> {
        if !self.locked() {
            self.inner.value.set(self.inner.value.get() - 1);
            return Ok(self.permit());
        }
        let waiter = PlainFuture::new(&self.inner.runtime);
        self.inner
            .waiters
            .borrow_mut()
            .push_back(Rc::clone(&waiter));
        let waited = cx.wait(waiter.awaitable()).await;
        self.inner
            .waiters
            .borrow_mut()
            .retain(|queued| !Rc::ptr_eq(queued, &waiter));
        if let Err(cancelled) = waited {
            // Handed a slot but cancelled before taking it: pass the slot on.
            if !waiter.cell().cancelled() {
                self.inner.value.set(self.inner.value.get() + 1);
                self.wake_up_next();
            }
            return Err(cancelled);
        }
        if self.inner.value.get() > 0 {
            self.wake_up_next();
        }
        Ok(self.permit())
    }

    /// Gives a slot back and hands it to the first waiter still waiting. Dropping a
    /// [`SemaphorePermit`] calls this.
    pub fn release(&self) {
        self.inner.value.set(self.inner.value.get() + 1);
        self.wake_up_next();
    }

    fn permit(&self) -> SemaphorePermit {
        SemaphorePermit {
            semaphore: self.clone(),
        }
    }

    fn wake_up_next(&self) {
        let next = self
            .inner
            .waiters
            .borrow()
            .iter()
            .find(|waiter| !waiter.cell().done())
            .cloned();
        if let Some(waiter) = next {
            self.inner.value.set(self.inner.value.get() - 1);
            // The queue's borrow is released: finishing wakes the waiting task.
            waiter.set(Outcome::Value(()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Semaphore;
    use crate::{gather, VirtualClock};
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn a_task_cancelled_while_queued_neither_takes_nor_loses_a_slot() {
        let clock = VirtualClock::new();
        let runtime = clock.runtime();
        let slots = Semaphore::new(&runtime, 1);
        let started = Rc::new(RefCell::new(Vec::new()));
        let job = |name: &'static str| {
            let (slots, started) = (slots.clone(), Rc::clone(&started));
            runtime.spawn(move |cx| async move {
                let _permit = slots.acquire(&cx).await?;
                started.borrow_mut().push((name, cx.runtime().now_ms()));
                cx.sleep(100).await?;
                Ok(name)
            })
        };
        let (first, queued, last) = (job("first"), job("queued"), job("last"));
        runtime.spawn_detached({
            let (runtime, queued) = (runtime.clone(), queued.clone());
            async move {
                runtime.sleep(50).await;
                assert!(queued.cancel());
            }
        });
        let outer = gather(&runtime, [first, queued, last], true);
        let results = clock.block_on(outer).unwrap().unwrap();
        assert!(results[1].as_ref().unwrap_err().is_cancelled_error());
        assert_eq!(*started.borrow(), [("first", 0.0), ("last", 100.0)]);
        assert_eq!(slots.available(), 1);
        assert!(!slots.locked());
    }

    #[test]
    fn a_slot_handed_to_a_task_cancelled_before_it_resumes_passes_on() {
        let clock = VirtualClock::new();
        let runtime = clock.runtime();
        let slots = Semaphore::new(&runtime, 1);
        let to_cancel = Rc::new(RefCell::new(None::<crate::Task<&str>>));
        let holder = runtime.spawn({
            let (slots, to_cancel) = (slots.clone(), Rc::clone(&to_cancel));
            move |cx| async move {
                let permit = slots.acquire(&cx).await?;
                cx.sleep(100).await?;
                // Hands the slot to `handed`, then cancels it in the same turn, before
                // it resumes to take the slot.
                drop(permit);
                let handed = to_cancel.borrow_mut().take();
                if let Some(handed) = handed {
                    handed.cancel();
                }
                Ok("holder")
            }
        });
        let waiting = |name: &'static str| {
            let slots = slots.clone();
            runtime.spawn(move |cx| async move {
                let _permit = slots.acquire(&cx).await?;
                cx.sleep(10).await?;
                Ok(name)
            })
        };
        let (handed, next) = (waiting("handed"), waiting("next"));
        *to_cancel.borrow_mut() = Some(handed.clone());
        let outer = gather(&runtime, [holder, handed, next], true);
        let results = clock.block_on(outer).unwrap().unwrap();
        assert!(results[1].as_ref().unwrap_err().is_cancelled_error());
        assert_eq!(results[2], Ok("next"));
        assert_eq!(clock.now_ms(), 110);
        assert_eq!(slots.available(), 1);
    }
}
