//! The browser executor's sleeps, on the page's shared, coalesced `setTimeout` timers.

use super::timer_queue::{HostTimers, SleeperKey, TimerQueue};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::prelude::{wasm_bindgen, Closure, JsValue};

#[wasm_bindgen]
extern "C" {
    // `performance` rather than `window.performance` so that workers work too.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    // Looked up on every call, so that a page (or a test) that wraps setTimeout sees ours.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Closure<dyn FnMut(f64)>, delay_ms: f64, bucket: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The current time on the browser's clock, `performance.now()`.
pub(super) fn now_ms() -> f64 {
    performance_now()
}

/// Every browser sleep of this thread, whichever `Runtime::browser()` made it: one event
/// loop, so one queue, and timers ordered across runtimes.
struct BrowserTimers {
    queue: RefCell<TimerQueue<JsValue>>,
    /// The one handler every timer calls, with its bucket: no closure per timer.
    on_timer: Closure<dyn FnMut(f64)>,
}

struct Host<'a>(&'a Closure<dyn FnMut(f64)>);

impl HostTimers for Host<'_> {
    type Handle = JsValue;

    fn arm(&mut self, bucket: f64, delay_ms: f64) -> JsValue {
        set_timeout(self.0, delay_ms, bucket)
    }

    fn disarm(&mut self, handle: JsValue) {
        clear_timeout(&handle);
    }
}

thread_local! {
    static TIMERS: BrowserTimers = BrowserTimers {
        queue: RefCell::new(TimerQueue::default()),
        on_timer: Closure::new(on_timer),
    };
}

fn on_timer(bucket: f64) {
    let due = TIMERS.with(|timers| {
        timers
            .queue
            .borrow_mut()
            .fire(bucket, performance_now(), &mut Host(&timers.on_timer))
    });
    // Woken with the queue released: a waker may do anything, sleeping again included.
    for waker in due {
        waker.wake();
    }
}

/// A sleep until `performance.now()` reads a deadline: never earlier, even when the browser
/// fires a timer a fraction of a millisecond early. Dropping it leaves the queue, and clears
/// the browser timer if no other sleep shares it.
pub(super) struct BrowserSleep {
    deadline_ms: f64,
    key: Option<SleeperKey>,
}

impl BrowserSleep {
    pub(super) fn until(deadline_ms: f64) -> Self {
        BrowserSleep {
            deadline_ms,
            key: None,
        }
    }
}

impl Future for BrowserSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.key {
            Some(key) => {
                let waiting =
                    TIMERS.with(|timers| timers.queue.borrow_mut().refresh(key, cx.waker()));
                if waiting {
                    Poll::Pending
                } else {
                    // Only a due sleeper leaves the queue while its sleep lives.
                    self.key = None;
                    Poll::Ready(())
                }
            }
            None => {
                let now = performance_now();
                if now >= self.deadline_ms {
                    return Poll::Ready(());
                }
                let deadline_ms = self.deadline_ms;
                self.key = Some(TIMERS.with(|timers| {
                    timers.queue.borrow_mut().insert(
                        deadline_ms,
                        cx.waker(),
                        now,
                        &mut Host(&timers.on_timer),
                    )
                }));
                Poll::Pending
            }
        }
    }
}

impl Drop for BrowserSleep {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            // `try_with`: nothing to clear once the thread's timers are gone.
            let _ = TIMERS.try_with(|timers| {
                timers
                    .queue
                    .borrow_mut()
                    .remove(key, &mut Host(&timers.on_timer));
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{gather, Runtime};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn pending_timers() -> f64 {
        js_sys::eval("globalThis.pendingTimers.size")
            .unwrap()
            .as_f64()
            .unwrap()
    }

    #[wasm_bindgen_test]
    async fn sleeps_share_timers_wake_in_deadline_order_and_leave_none_behind() {
        // Counts the page's pending timeouts, as the end-to-end tests do.
        js_sys::eval(
            "globalThis.pendingTimers = new Set(); \
             globalThis.unwrappedTimers = [globalThis.setTimeout, globalThis.clearTimeout]; \
             globalThis.setTimeout = (handler, delay, ...rest) => { \
               const id = globalThis.unwrappedTimers[0].call(globalThis, (...args) => { \
                 globalThis.pendingTimers.delete(id); handler(...args); }, delay, ...rest); \
               globalThis.pendingTimers.add(id); return id; }; \
             globalThis.clearTimeout = (id) => { \
               globalThis.pendingTimers.delete(id); globalThis.unwrappedTimers[1].call(globalThis, id); };",
        )
        .unwrap();
        let runtime = Runtime::browser();
        let started = runtime.now_ms();
        let woken = Rc::new(RefCell::new(Vec::new()));
        let sleeper = |index, deadline_ms| {
            let woken = Rc::clone(&woken);
            runtime.spawn(move |cx| async move {
                cx.sleep_until(deadline_ms).await?;
                woken.borrow_mut().push(index);
                Ok(index)
            })
        };
        // Equal deadlines: one timer each group, and wakes in the order the sleeps began.
        let short: Vec<_> = (0..500)
            .map(|index| sleeper(index, started + 40.0))
            .collect();
        let long: Vec<_> = (500..1_000)
            .map(|index| sleeper(index, started + 3_600_000.0))
            .collect();
        runtime.sleep(1).await;
        let armed = pending_timers();
        let outer = gather(&runtime, short, false);
        let woke = outer.await.unwrap();
        let waited = runtime.now_ms() - started;
        let still_armed = pending_timers();
        let sleeping = gather(&runtime, long, false);
        assert!(sleeping.cancel());
        assert!(sleeping.await.unwrap_err().is_cancelled_error());
        let left = pending_timers();
        js_sys::eval(
            "[globalThis.setTimeout, globalThis.clearTimeout] = globalThis.unwrappedTimers;",
        )
        .unwrap();
        assert_eq!(armed, 2.0, "timers for 1,000 sleeps");
        assert!(waited >= 40.0, "woke after {waited} ms of 40");
        assert_eq!(woke.len(), 500);
        assert_eq!(*woken.borrow(), (0..500).collect::<Vec<_>>());
        assert_eq!(still_armed, 1.0, "timers for the 500 sleeps left");
        assert_eq!(left, 0.0, "timers left after every sleep ended");
    }
}
