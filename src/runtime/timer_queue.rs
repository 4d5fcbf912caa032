//! Sleepers sharing a few host timers: one per whole millisecond that has a deadline in it.

use super::id_map::IdMap;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::task::Waker;

/// The host's one-shot timers (the browser's `setTimeout`), as a [`TimerQueue`] drives them.
pub(crate) trait HostTimers {
    /// What cancels an armed timer.
    type Handle;
    /// Arms a timer that calls [`TimerQueue::fire`] with `bucket` in `delay_ms` milliseconds.
    fn arm(&mut self, bucket: f64, delay_ms: f64) -> Self::Handle;
    /// Cancels an armed timer that has not fired.
    fn disarm(&mut self, handle: Self::Handle);
}

/// A number of milliseconds as a `u64` that sorts as `f64::total_cmp` sorts them, so that
/// deadlines share the integer heap and searches the virtual clock already has in the page.
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

/// Where a sleeper waits in a [`TimerQueue`]: its deadline, and the order it arrived in,
/// which is the order sleepers of one deadline wake in (asyncio's, and the virtual clock's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SleeperKey {
    deadline: u64,
    arrival: u64,
}

struct Bucket<H> {
    sleepers: usize,
    /// `None` once it has fired and until it is armed again.
    timer: Option<H>,
}

/// Every pending sleep of an event loop, on one host timer per whole millisecond (deadlines
/// rounded up) rather than one per sleep.
///
/// Thousands of children sleeping the same 50 ms arm a handful of timers, and cancelling
/// them all clears a handful: a sleep that ends early only leaves the queue, and a timer is
/// cleared only when no sleeper is left in its millisecond, so none outlives the sleepers.
/// A timer that fires wakes every sleeper due by its millisecond whose deadline has passed,
/// in deadline order then arrival order, and none whose deadline has not (hosts may fire a
/// timer a little early). Sleepers of later milliseconds wait for their own timer even when
/// overdue (a busy page), so that the page can render between them as it could between
/// one timer per sleep; earlier ones wake with it if the host fired their timer late.
pub(crate) struct TimerQueue<H> {
    /// Wake order, `(deadline, arrival)`: a sleeper that left early stays here, skipped,
    /// until it comes to the top or such leftovers outnumber the sleepers.
    order: BinaryHeap<Reverse<(u64, u64)>>,
    /// The waker of each sleeper, by arrival.
    sleepers: IdMap<Waker>,
    /// The milliseconds with sleepers, sorted: few, and mostly added at the back and taken
    /// from the front.
    buckets: VecDeque<(u64, Bucket<H>)>,
}

impl<H> Default for TimerQueue<H> {
    fn default() -> Self {
        TimerQueue {
            order: BinaryHeap::new(),
            sleepers: IdMap::default(),
            buckets: VecDeque::new(),
        }
    }
}

/// How long to arm a host timer so that it fires no earlier than `bucket`: setTimeout
/// takes whole milliseconds and at most 2^31 − 1 of them (a longer wait re-arms on firing).
fn delay_until(bucket: f64, now_ms: f64) -> f64 {
    const LONGEST_TIMEOUT_MS: f64 = 2_147_483_647.0;
    let delay = (bucket - now_ms).ceil();
    if delay.is_nan() {
        LONGEST_TIMEOUT_MS
    } else {
        delay.clamp(0.0, LONGEST_TIMEOUT_MS)
    }
}

impl<H> TimerQueue<H> {
    /// How many sleepers wait.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.sleepers.len()
    }

    /// How many host timers are armed.
    #[cfg(test)]
    pub(crate) fn armed(&self) -> usize {
        self.buckets
            .iter()
            .filter(|(_, b)| b.timer.is_some())
            .count()
    }

    /// Where `bucket` is in the sorted buckets, or would be.
    fn find_bucket(&self, bucket: u64) -> Result<usize, usize> {
        self.buckets.binary_search_by_key(&bucket, |&(at, _)| at)
    }

    /// Adds a sleeper due at `deadline_ms`, arming a host timer for its millisecond unless
    /// one is armed already.
    pub(crate) fn insert(
        &mut self,
        deadline_ms: f64,
        waker: &Waker,
        now_ms: f64,
        host: &mut impl HostTimers<Handle = H>,
    ) -> SleeperKey {
        // A deadline that is not a number never comes; as infinity it sorts after the rest.
        let deadline_ms = if deadline_ms.is_nan() {
            f64::INFINITY
        } else {
            deadline_ms
        };
        let key = SleeperKey {
            deadline: ordered(deadline_ms),
            arrival: self.sleepers.insert(waker.clone()),
        };
        self.order.push(Reverse((key.deadline, key.arrival)));
        let bucket = deadline_ms.ceil();
        let index = match self.find_bucket(ordered(bucket)) {
            Ok(index) => index,
            Err(index) => {
                let empty = Bucket {
                    sleepers: 0,
                    timer: None,
                };
                self.buckets.insert(index, (ordered(bucket), empty));
                index
            }
        };
        if let Some((_, entry)) = self.buckets.get_mut(index) {
            entry.sleepers += 1;
            if entry.timer.is_none() {
                entry.timer = Some(host.arm(bucket, delay_until(bucket, now_ms)));
            }
        }
        key
    }

    /// Stores the waker of the sleeper's latest poll; false if it is no longer waiting
    /// (its deadline has passed and it was woken).
    pub(crate) fn refresh(&mut self, key: SleeperKey, waker: &Waker) -> bool {
        match self.sleepers.get_mut(key.arrival) {
            Some(known) => {
                if !known.will_wake(waker) {
                    known.clone_from(waker);
                }
                true
            }
            None => false,
        }
    }

    /// Forgets a sleeper (its sleep was dropped), clearing its millisecond's host timer if
    /// it was the last one there.
    pub(crate) fn remove(&mut self, key: SleeperKey, host: &mut impl HostTimers<Handle = H>) {
        if self.sleepers.remove(key.arrival).is_some() {
            self.leave_bucket(key.deadline, host);
            // Each sweep is paid for by as many removals as it sweeps.
            if self.order.len() > 2 * self.sleepers.len() + 16 {
                let sleepers = &self.sleepers;
                self.order
                    .retain(|&Reverse((_, arrival))| sleepers.contains(arrival));
            }
        }
    }

    fn leave_bucket(&mut self, deadline: u64, host: &mut impl HostTimers<Handle = H>) {
        let bucket = ordered(unordered(deadline).ceil());
        let Ok(index) = self.find_bucket(bucket) else {
            return;
        };
        if let Some((_, entry)) = self.buckets.get_mut(index) {
            entry.sleepers -= 1;
            if entry.sleepers == 0 {
                if let Some(timer) = self.buckets.remove(index).and_then(|(_, b)| b.timer) {
                    host.disarm(timer);
                }
            }
        }
    }

    /// The host timer of `bucket` has fired at `now_ms`: takes out every sleeper due by
    /// now and by `bucket`, in wake order, and returns their wakers for the caller to wake (after releasing
    /// any borrow of this queue). A timer that fired early is armed again.
    pub(crate) fn fire(
        &mut self,
        bucket: f64,
        now_ms: f64,
        host: &mut impl HostTimers<Handle = H>,
    ) -> Vec<Waker> {
        let fired = self.find_bucket(ordered(bucket)).ok();
        if let Some((_, entry)) = fired.and_then(|index| self.buckets.get_mut(index)) {
            entry.timer = None;
        }
        let limit = now_ms.min(bucket);
        let mut due = Vec::new();
        while let Some(&Reverse((deadline, arrival))) = self.order.peek() {
            if unordered(deadline) > limit {
                break;
            }
            self.order.pop();
            if let Some(waker) = self.sleepers.remove(arrival) {
                due.push(waker);
                self.leave_bucket(deadline, host);
            }
        }
        let fired = self.find_bucket(ordered(bucket)).ok();
        if let Some((_, entry)) = fired.and_then(|index| self.buckets.get_mut(index)) {
            if entry.timer.is_none() {
                entry.timer = Some(host.arm(bucket, delay_until(bucket, now_ms)));
            }
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::task::Wake;

    #[derive(Default)]
    struct FakeHost {
        next: u32,
        armed: Vec<(u32, f64, f64)>,
        disarmed: Vec<u32>,
    }

    impl HostTimers for FakeHost {
        type Handle = u32;
        fn arm(&mut self, bucket: f64, delay_ms: f64) -> u32 {
            self.next += 1;
            self.armed.push((self.next, bucket, delay_ms));
            self.next
        }
        fn disarm(&mut self, handle: u32) {
            self.disarmed.push(handle);
        }
    }

    struct Named(&'static str, Arc<Mutex<Vec<&'static str>>>);

    impl Wake for Named {
        fn wake(self: Arc<Self>) {
            self.1.lock().unwrap().push(self.0);
        }
    }

    fn waker(name: &'static str, log: &Arc<Mutex<Vec<&'static str>>>) -> Waker {
        Waker::from(Arc::new(Named(name, Arc::clone(log))))
    }

    #[test]
    fn one_timer_per_millisecond_cleared_with_the_last_sleeper() {
        let log = Arc::default();
        let mut host = FakeHost::default();
        let mut queue = TimerQueue::default();
        let a = queue.insert(50.2, &waker("a", &log), 0.1, &mut host);
        let b = queue.insert(50.7, &waker("b", &log), 0.6, &mut host);
        let c = queue.insert(51.1, &waker("c", &log), 1.1, &mut host);
        assert_eq!(host.armed, [(1, 51.0, 51.0), (2, 52.0, 51.0)]);
        queue.remove(a, &mut host);
        queue.remove(c, &mut host);
        assert_eq!(host.disarmed, [2]);
        queue.remove(b, &mut host);
        assert_eq!(host.disarmed, [2, 1]);
        assert_eq!((queue.len(), queue.armed()), (0, 0));
    }

    #[test]
    fn firing_wakes_every_due_sleeper_in_deadline_then_arrival_order() {
        let log = Arc::default();
        let mut host = FakeHost::default();
        let mut queue = TimerQueue::default();
        queue.insert(30.0, &waker("late", &log), 0.0, &mut host);
        queue.insert(20.0, &waker("first", &log), 0.0, &mut host);
        queue.insert(20.0, &waker("second", &log), 0.0, &mut host);
        queue.insert(19.5, &waker("earliest", &log), 0.0, &mut host);
        // The 30 ms timer fires first (a host may fire timers out of order): everything due
        // by then wakes, in order.
        let due = queue.fire(30.0, 30.0, &mut host);
        due.into_iter().for_each(Waker::wake);
        assert_eq!(
            *log.lock().unwrap(),
            ["earliest", "first", "second", "late"]
        );
        // The 20 ms timer, still armed, is cleared: no timer outlives its sleepers.
        assert_eq!(host.disarmed, [2]);
        assert_eq!((queue.len(), queue.armed()), (0, 0));
    }

    #[test]
    fn overdue_sleepers_of_later_milliseconds_wait_for_their_own_timer() {
        let log = Arc::default();
        let mut host = FakeHost::default();
        let mut queue = TimerQueue::default();
        queue.insert(20.0, &waker("20", &log), 0.0, &mut host);
        queue.insert(25.5, &waker("25.5", &log), 0.0, &mut host);
        // The page was busy until 40: the 20 ms timer fires first and wakes its own only.
        queue
            .fire(20.0, 40.0, &mut host)
            .into_iter()
            .for_each(Waker::wake);
        assert_eq!(*log.lock().unwrap(), ["20"]);
        assert_eq!((queue.len(), queue.armed()), (1, 1));
        queue
            .fire(26.0, 40.0, &mut host)
            .into_iter()
            .for_each(Waker::wake);
        assert_eq!(*log.lock().unwrap(), ["20", "25.5"]);
        assert_eq!((queue.len(), queue.armed(), host.disarmed.len()), (0, 0, 0));
    }

    #[test]
    fn a_timer_that_fires_early_wakes_nobody_early_and_is_armed_again() {
        let log = Arc::default();
        let mut host = FakeHost::default();
        let mut queue = TimerQueue::default();
        let key = queue.insert(99.6, &waker("a", &log), 0.0, &mut host);
        assert!(queue.fire(100.0, 99.5, &mut host).is_empty());
        assert_eq!(host.armed.last(), Some(&(2, 100.0, 1.0)));
        assert!(queue.refresh(key, &waker("a2", &log)));
        queue
            .fire(100.0, 99.6, &mut host)
            .into_iter()
            .for_each(Waker::wake);
        assert_eq!(*log.lock().unwrap(), ["a2"]);
        assert!(!queue.refresh(key, &waker("a3", &log)));
        assert_eq!((queue.len(), queue.armed()), (0, 0));
    }

    #[test]
    fn sleepers_that_left_are_skipped_and_swept_without_changing_the_order() {
        let log = Arc::default();
        let mut host = FakeHost::default();
        let mut queue = TimerQueue::default();
        // Deadlines out of arrival order, two sleepers a millisecond, half of them leaving.
        let deadline = |index: usize| 999.5 - (index / 2 % 500) as f64;
        let names: Vec<&'static str> = (0..1_000)
            .map(|index| &*Box::leak(index.to_string().into_boxed_str()))
            .collect();
        let keys: Vec<_> = (0..1_000)
            .map(|index| queue.insert(deadline(index), &waker(names[index], &log), 0.0, &mut host))
            .collect();
        assert_eq!(queue.armed(), 500);
        for key in keys.iter().skip(1).step_by(2) {
            queue.remove(*key, &mut host);
        }
        assert!(queue.order.len() <= 2 * queue.len() + 16);
        assert_eq!(
            (queue.len(), queue.armed(), host.disarmed.len()),
            (500, 500, 0)
        );
        let due = queue.fire(1_000.0, 1_000.0, &mut host);
        due.into_iter().for_each(Waker::wake);
        let mut expected: Vec<usize> = (0..1_000).step_by(2).collect();
        expected.sort_by(|a, b| deadline(*a).total_cmp(&deadline(*b)).then(a.cmp(b)));
        let expected: Vec<&str> = expected.into_iter().map(|index| names[index]).collect();
        assert_eq!(*log.lock().unwrap(), expected);
        assert_eq!((queue.len(), queue.armed()), (0, 0));
        assert_eq!(host.disarmed.len(), 499);
    }

    #[test]
    fn deadlines_beyond_the_longest_timeout_rearm() {
        let log = Arc::default();
        let mut host = FakeHost::default();
        let mut queue = TimerQueue::default();
        queue.insert(1e12, &waker("a", &log), 0.0, &mut host);
        queue.insert(f64::NAN, &waker("never", &log), 0.0, &mut host);
        assert_eq!(host.armed[0].2, 2_147_483_647.0);
        assert!(queue.fire(1e12, 2_147_483_647.0, &mut host).is_empty());
        assert_eq!(host.armed.len(), 3);
        assert_eq!(queue.fire(1e12, 1e12, &mut host).len(), 1);
        assert_eq!(queue.len(), 1);
    }
}
