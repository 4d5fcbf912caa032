//! asyncio.as_completed: the results of several futures in the order they complete.

use super::awaitable::distinct;
use super::plain_future::PlainFuture;
use super::{Awaitable, Exception, Outcome, TaskContext};
use crate::runtime::SoonCallback;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

/// The children of `for f in asyncio.as_completed(children): await f`, in completion order:
/// a port of CPython's (3.12 and 3.13 agree on this use).
///
/// **Ordering.** A child counts as completed when its done callback runs (the turn after
/// it ends), which puts it in a queue; each [`AsCompleted::next`] takes the queue's first,
/// waiting for one if the queue is empty. Results come in that order, never argument
/// order. The same child passed twice comes once.
///
/// **Errors.** `next` gives each child's own result: a child that raised gives its
/// exception (CancelledError if it was cancelled), which a loop with `await` raises in
/// its turn. The others are not cancelled.
///
/// **Cancellation.** Cancelling the task awaiting `next` ends that wait with
/// `CancelledError`; no child is cancelled.
///
/// # Examples
///
/// ```
/// use gather_playground::{as_completed, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let runtime = clock.runtime();
/// let child = |delay, value| runtime.spawn(move |cx| async move { cx.sleep(delay).await?; Ok(value) });
/// let children = [child(300, 'a'), child(100, 'b'), child(200, 'c')];
/// let looped = runtime.spawn(move |cx| async move {
///     let mut completed = as_completed(children);
///     let mut order = Vec::new();
///     while let Some(result) = completed.next(&cx).await {
///         order.push(result?);
///     }
///     Ok(order)
/// });
/// clock.run_until_stalled();
/// assert_eq!(looped.result(), Ok(vec!['b', 'c', 'a']));
/// ```
pub fn as_completed<T: Clone + 'static, A: Into<Awaitable<T>>>(
    children: impl IntoIterator<Item = A>,
) -> AsCompleted<T> {
    let unique = distinct(children);
    let queue = Rc::new(RefCell::new(CompletedQueue {
        done: VecDeque::new(),
        getters: VecDeque::new(),
    }));
    for child in &unique {
        let (queue, completed) = (Rc::clone(&queue), child.clone());
        child.add_done_callback(SoonCallback::new(move || {
            let getter = {
                let mut queue = queue.borrow_mut();
                queue.done.push_back(completed);
                queue.next_getter()
            };
            // Set with the queue released: setting wakes the waiting task.
            if let Some(getter) = getter {
                getter.set(Outcome::Value(()));
            }
        }));
    }
    AsCompleted {
        left: unique.len(),
        queue,
    }
}

/// The iterator of an [`as_completed`]: call [`AsCompleted::next`] in a task.
pub struct AsCompleted<T> {
    left: usize,
    queue: Rc<RefCell<CompletedQueue<T>>>,
}

/// An `asyncio.Queue` of completed children, and the tasks waiting for one.
struct CompletedQueue<T> {
    done: VecDeque<Awaitable<T>>,
    getters: VecDeque<Rc<PlainFuture<()>>>,
}

impl<T: Clone + 'static> CompletedQueue<T> {
    /// `Queue._wakeup_next`: the first getter still waiting.
    fn next_getter(&mut self) -> Option<Rc<PlainFuture<()>>> {
        while let Some(getter) = self.getters.pop_front() {
            if !getter.cell().done() {
                return Some(getter);
            }
        }
        None
    }
}

impl<T> fmt::Debug for AsCompleted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsCompleted")
            .field("left", &self.left)
            .finish_non_exhaustive()
    }
}

impl<T: Clone + 'static> AsCompleted<T> {
    /// The next child to complete, as `await f` of the loop gives it: `None` once every
    /// child has come. Waits (a cancellation point of `cx`'s task) while none is queued;
    /// takes a queued one without yielding.
    pub async fn next(&mut self, cx: &TaskContext) -> Option<Result<T, Exception>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        loop {
            let next = self.queue.borrow_mut().done.pop_front();
            if let Some(child) = next {
                return Some(child.outcome().map_or_else(
                    || Err(Exception::invalid_state_error("Result is not set.")),
                    Outcome::into_result,
                ));
            }
            let getter = PlainFuture::new(cx.runtime());
            self.queue
                .borrow_mut()
                .getters
                .push_back(Rc::clone(&getter));
            if let Err(cancelled) = cx.wait(getter.awaitable()).await {
                // `Queue.get`: a getter cancelled after it was woken passes the wake-up on.
                getter.cancel_plain();
                let next = {
                    let mut queue = self.queue.borrow_mut();
                    queue.getters.retain(|known| !Rc::ptr_eq(known, &getter));
                    if queue.done.is_empty() || getter.cell().cancelled() {
                        None
                    } else {
                        queue.next_getter()
                    }
                };
                if let Some(next) = next {
                    next.set(Outcome::Value(()));
                }
                return Some(Err(cancelled));
            }
        }
    }
}
