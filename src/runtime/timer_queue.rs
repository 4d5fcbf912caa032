//! The loop's timers: asyncio's `_scheduled` heap, with CPython's order at ties made exact.

use super::id_map::IdMap;
use super::SoonCallback;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::task::Waker;

/// A timer's identity, which is also its place in the order timers were set: ids only grow.
pub(crate) type TimerId = u64;

/// Deadlines closer together than this are one moment. Deadlines the loop computes from
/// whole milliseconds meet exactly; this only absorbs the last bit of rounding that sums of
/// non-dyadic numbers may leave (a clock run at an odd speed), far below a millisecond.
const SAME_MOMENT_MS: f64 = 1e-3;

/// What a timer does when the loop runs it.
pub(crate) enum TimerAction {
    /// Ends a sleep: wakes the sleeping task (its latest waker), whose step then runs on a
    /// later turn, as the task's wake-up does once asyncio's timer has set the sleep's
    /// future.
    Wake(Waker),
    /// Runs a callback (asyncio's `call_at`), in the timer's own turn.
    Call(SoonCallback),
}

struct Timer {
    /// The wall-clock time before which the timer must not run, however early its moment
    /// comes: the time it was set plus its delay. On a virtual clock, its deadline.
    not_before_ms: f64,
    /// Moved to the ready queue: its heap entry is gone, and it runs when its turn comes.
    moved: bool,
    action: TimerAction,
}

/// The moment the earliest pending timers are due: their deadline, and the wall-clock time
/// by which every one of them may run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Moment {
    pub(crate) deadline_ms: f64,
    pub(crate) not_before_ms: f64,
}

/// Every pending timer of a loop.
///
/// CPython's rules, which a plain heap of deadlines breaks at ties:
/// - timers due at the same moment run in the order they were set (a real clock moves on
///   between two `call_at` calls, so their deadlines differ by the microseconds between);
/// - every timer due at a moment moves to the ready queue in the same turn of the loop,
///   before anything they schedule runs.
///
/// A moment is only moved once its last timer may run by the wall clock: the browser may
/// deliver a timer late, or a sleep set late in a turn may end a little after another of
/// the same moment, and the moment still runs whole, in order.
#[derive(Default)]
pub(crate) struct Timers {
    /// `(deadline, id)`, the deadline as [`ordered`] bits. A timer that was cancelled or
    /// has moved to the ready queue leaves its entry here, skipped, until it comes to the
    /// top or such entries outnumber the timers.
    order: BinaryHeap<Reverse<(u64, TimerId)>>,
    /// Pending timers, and those moved to the ready queue that have not run yet.
    timers: IdMap<Timer>,
    /// Timers moved to the ready queue and not yet run or cancelled.
    moved: usize,
}

impl Timers {
    /// How many timers are pending or about to run.
    pub(crate) fn len(&self) -> usize {
        self.timers.len()
    }

    /// Whether no timer is pending (moved ones included).
    pub(crate) fn is_empty(&self) -> bool {
        self.timers.len() == 0
    }

    /// Sets a timer; it runs after every timer set before it with the same deadline.
    pub(crate) fn insert(
        &mut self,
        deadline_ms: f64,
        not_before_ms: f64,
        action: TimerAction,
    ) -> TimerId {
        // A deadline that is not a number never comes; as infinity it sorts after the rest.
        let deadline_ms = if deadline_ms.is_nan() {
            f64::INFINITY
        } else {
            deadline_ms
        };
        let id = self.timers.insert(Timer {
            not_before_ms,
            moved: false,
            action,
        });
        self.order.push(Reverse((ordered(deadline_ms), id)));
        id
    }

    /// Whether `id` is the first timer of the earliest moment.
    pub(crate) fn is_earliest(&mut self, id: TimerId) -> bool {
        while let Some(&Reverse((_, top))) = self.order.peek() {
            if self.timers.get(top).is_some_and(|timer| !timer.moved) {
                return top == id;
            }
            self.order.pop();
        }
        false
    }

    /// Keeps `waker` as the one a sleep's timer wakes; false once the timer has run.
    pub(crate) fn refresh(&mut self, id: TimerId, waker: &Waker) -> bool {
        match self.timers.get_mut(id) {
            Some(Timer {
                action: TimerAction::Wake(known),
                ..
            }) => {
                if !known.will_wake(waker) {
                    known.clone_from(waker);
                }
                true
            }
            Some(_) => true,
            None => false,
        }
    }

    /// Takes a timer out: cancelled, or run now. `None` if it has run or was cancelled.
    pub(crate) fn remove(&mut self, id: TimerId) -> Option<TimerAction> {
        let timer = self.timers.remove(id)?;
        if timer.moved {
            self.moved -= 1;
        } else {
            // Each sweep is paid for by as many removals as it sweeps.
            if self.order.len() > 2 * (self.timers.len() - self.moved) + 16 {
                let timers = &self.timers;
                self.order
                    .retain(|&Reverse((_, id))| timers.get(id).is_some_and(|t| !t.moved));
            }
        }
        Some(timer.action)
    }

    /// The earliest moment that has pending timers.
    pub(crate) fn next_moment(&mut self) -> Option<Moment> {
        let ids = self.pop_moment();
        let moment = self.moment_of(&ids);
        self.order.extend(ids);
        moment
    }

    /// Takes out the timers of the earliest moment if it has come: its deadline is at most
    /// `now_ms` on the loop's clock and every one of its timers may run by `wall_ms`. They
    /// come in the order they were set, to be run by [`Timers::remove`] from the ready queue.
    pub(crate) fn take_due(&mut self, now_ms: f64, wall_ms: f64) -> Option<(f64, Vec<TimerId>)> {
        let ids = self.pop_moment();
        match self.moment_of(&ids) {
            Some(moment)
                if moment.deadline_ms <= now_ms + SAME_MOMENT_MS
                    && moment.not_before_ms <= wall_ms =>
            {
                let mut due: Vec<TimerId> = ids.into_iter().map(|Reverse((_, id))| id).collect();
                due.sort_unstable();
                for id in &due {
                    if let Some(timer) = self.timers.get_mut(*id) {
                        timer.moved = true;
                    }
                }
                self.moved += due.len();
                Some((moment.deadline_ms, due))
            }
            _ => {
                self.order.extend(ids);
                None
            }
        }
    }

    /// Pops the heap entries of the earliest moment's live timers.
    fn pop_moment(&mut self) -> Vec<Reverse<(u64, TimerId)>> {
        let mut ids = Vec::new();
        let mut first = None;
        while let Some(&Reverse((deadline, id))) = self.order.peek() {
            if self.timers.get(id).is_none_or(|timer| timer.moved) {
                self.order.pop();
                continue;
            }
            let deadline_ms = unordered(deadline);
            match first {
                None => first = Some(deadline_ms),
                Some(first) if deadline_ms > first + SAME_MOMENT_MS => break,
                Some(_) => {}
            }
            self.order.pop();
            ids.push(Reverse((deadline, id)));
        }
        ids
    }

    fn moment_of(&self, ids: &[Reverse<(u64, TimerId)>]) -> Option<Moment> {
        let first = ids.first()?;
        let not_before_ms = ids
            .iter()
            .filter_map(|Reverse((_, id))| self.timers.get(*id))
            .map(|timer| timer.not_before_ms)
            .fold(f64::MIN, f64::max);
        Some(Moment {
            deadline_ms: unordered(first.0 .0),
            not_before_ms,
        })
    }
}

/// A number of milliseconds as a `u64` that sorts as `f64::total_cmp` sorts them, so that
/// deadlines share the integer heap.
fn ordered(ms: f64) -> u64 {
    const SIGN: u64 = 1 << 63;
    let bits = ms.to_bits();
    if bits & SIGN == 0 {
        bits | SIGN
    } else {
        !bits
    }
}

/// The milliseconds that [`ordered`] turned into `key`.
fn unordered(key: u64) -> f64 {
    const SIGN: u64 = 1 << 63;
    f64::from_bits(if key & SIGN == 0 { !key } else { key & !SIGN })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    fn call(log: &Rc<RefCell<Vec<&'static str>>>, name: &'static str) -> TimerAction {
        let log = Rc::clone(log);
        TimerAction::Call(SoonCallback::new(move || log.borrow_mut().push(name)))
    }

    fn run_due(timers: &mut Timers, now: f64, wall: f64) -> Option<f64> {
        let (deadline, due) = timers.take_due(now, wall)?;
        for id in due {
            if let Some(TimerAction::Call(callback)) = timers.remove(id) {
                callback.run();
            }
        }
        Some(deadline)
    }

    #[test]
    fn equal_deadlines_run_in_the_order_they_were_set_and_together() {
        let log = Rc::default();
        let mut timers = Timers::default();
        // A heap of deadlines alone pops these A, C, B, D (as CPython's heapq does).
        for name in ["A", "B", "C", "D"] {
            timers.insert(100.0, 100.0, call(&log, name));
        }
        timers.insert(50.0, 50.0, call(&log, "early"));
        timers.insert(100.0, 100.0, call(&log, "E"));
        assert_eq!(run_due(&mut timers, 100.0, 100.0), Some(50.0));
        assert_eq!(*log.borrow(), ["early"]);
        assert_eq!(run_due(&mut timers, 100.0, 100.0), Some(100.0));
        assert_eq!(*log.borrow(), ["early", "A", "B", "C", "D", "E"]);
        assert!(timers.is_empty());
    }

    #[test]
    fn a_moment_waits_for_its_latest_timer_by_the_wall_clock() {
        let log = Rc::default();
        let mut timers = Timers::default();
        // Both due at 200 on the loop's clock; the second was set 0.8 ms late by the wall.
        timers.insert(200.0, 200.0, call(&log, "cancel"));
        timers.insert(200.0, 200.8, call(&log, "cleanup ends"));
        timers.insert(300.0, 300.0, call(&log, "later"));
        assert_eq!(
            timers.next_moment(),
            Some(Moment {
                deadline_ms: 200.0,
                not_before_ms: 200.8
            })
        );
        assert_eq!(run_due(&mut timers, 200.0, 200.5), None);
        assert!(log.borrow().is_empty());
        assert_eq!(run_due(&mut timers, 200.0, 200.8), Some(200.0));
        assert_eq!(*log.borrow(), ["cancel", "cleanup ends"]);
        assert_eq!(
            run_due(&mut timers, 200.0, 999.0),
            None,
            "not its moment yet"
        );
        assert_eq!(timers.len(), 1);
    }

    #[test]
    fn deadlines_a_rounding_apart_are_one_moment_in_setting_order() {
        let log = Rc::default();
        let mut timers = Timers::default();
        let start = 1234.567_f64;
        timers.insert(start + 200.0, 0.0, call(&log, "set first"));
        timers.insert(
            (start + 100.0) + 100.0 - 1e-9,
            0.0,
            call(&log, "set second"),
        );
        run_due(&mut timers, start + 200.0, f64::MAX);
        assert_eq!(*log.borrow(), ["set first", "set second"]);
    }

    #[test]
    fn cancelled_and_moved_timers_are_skipped_and_swept() {
        let log = Rc::default();
        let mut timers = Timers::default();
        let ids: Vec<_> = (0..1_000)
            .map(|index| timers.insert(f64::from(index % 7), 0.0, call(&log, "x")))
            .collect();
        for id in ids.iter().step_by(2) {
            assert!(timers.remove(*id).is_some());
        }
        assert!(timers.order.len() <= 2 * timers.len() + 16);
        let (_, due) = timers.take_due(0.0, 0.0).unwrap();
        assert!(due.windows(2).all(|pair| pair[0] < pair[1]));
        // A moved timer cancelled before it runs is gone, and counted so.
        let before = timers.len();
        assert!(timers.remove(due[0]).is_some());
        assert!(timers.remove(due[0]).is_none());
        assert_eq!(timers.len(), before - 1);
        assert_eq!(timers.next_moment().map(|m| m.deadline_ms), Some(1.0));
    }

    #[test]
    fn a_deadline_that_is_not_a_number_never_comes() {
        let log = Rc::default();
        let mut timers = Timers::default();
        timers.insert(f64::NAN, 0.0, call(&log, "never"));
        timers.insert(1e12, 0.0, call(&log, "far"));
        assert_eq!(run_due(&mut timers, 1e12, 1e12), Some(1e12));
        assert_eq!(run_due(&mut timers, 1e15, 1e15), None);
        assert_eq!(timers.len(), 1);
    }
}
