//! The browser's event loop as an [`Executor`]: the shared loop's turns on microtasks, its
//! timers on one `setTimeout` at a time, and a loop clock that keeps each moment whole.

use super::event_loop::{EventLoop, Host};
use super::timer_queue::Moment;
use super::{Executor, LocalBoxFuture, SoonCallback, TimerHandle};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::{wasm_bindgen, Closure, JsValue};
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    // `performance` rather than `window.performance` so that workers work too.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    #[wasm_bindgen(js_name = queueMicrotask)]
    fn queue_microtask(callback: &Closure<dyn FnMut()>);

    // Looked up on every call, so that a page (or a test) that wraps setTimeout sees ours.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Closure<dyn FnMut()>, delay_ms: f64) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The page's one loop: every `Runtime::browser()` runs on it, so runs in flight at once
/// share its turns and its order.
pub(super) struct BrowserExecutor;

thread_local! {
    static LOOP: EventLoop = EventLoop::new(Box::new(BrowserHost));
    static STATE: HostState = HostState::new();
}

struct HostState {
    turn: Closure<dyn FnMut()>,
    on_timer: Closure<dyn FnMut()>,
    /// Never called from Rust: held so that the port's `onmessage` stays alive.
    #[allow(dead_code)]
    on_due: Closure<dyn FnMut()>,
    end_task_moment: Closure<dyn FnMut()>,
    /// A microtask will run a turn (or one is running).
    turn_scheduled: Cell<bool>,
    /// The browser timer armed for the earliest moment, and the wall-clock time it fires at.
    armed: RefCell<Option<(JsValue, f64)>>,
    /// For a moment already due: a message to ourselves runs it as the browser's next task,
    /// where a timer set from a timer would wait at least 4 ms (browsers clamp nested
    /// timeouts), and a run of many moments a millisecond apart would fall seconds behind.
    due_now: Option<web_sys::MessageChannel>,
    due_now_posted: Cell<bool>,
    /// The loop's clock while `in_moment`.
    moment_ms: Cell<f64>,
    /// The loop's clock stands at `moment_ms`: a moment is being handled.
    in_moment: Cell<bool>,
}

impl HostState {
    fn new() -> Self {
        let on_due = Closure::<dyn FnMut()>::new(on_due_message);
        let due_now = web_sys::MessageChannel::new().ok();
        if let Some(channel) = &due_now {
            channel
                .port1()
                .set_onmessage(Some(on_due.as_ref().unchecked_ref()));
        }
        HostState {
            turn: Closure::new(turn),
            on_timer: Closure::new(on_timer),
            on_due,
            end_task_moment: Closure::new(end_task_moment),
            turn_scheduled: Cell::new(false),
            armed: RefCell::new(None),
            due_now,
            due_now_posted: Cell::new(false),
            moment_ms: Cell::new(0.0),
            in_moment: Cell::new(false),
        }
    }
}

/// The loop's clock stands on a grid of 1/1024 ms, so that sums of whole milliseconds from
/// it are exact and deadlines of one moment meet exactly.
fn on_grid(ms: f64) -> f64 {
    (ms * 1024.0).floor() / 1024.0
}

struct BrowserHost;

impl Host for BrowserHost {
    fn now_ms(&self) -> f64 {
        STATE.with(|state| {
            if !state.in_moment.get() {
                // Outside a timer's moment: the browser's current task is the moment, until
                // it and the microtasks it queued have run.
                state.moment_ms.set(on_grid(performance_now()));
                state.in_moment.set(true);
                if !state.turn_scheduled.get() {
                    queue_microtask(&state.end_task_moment);
                }
            }
            state.moment_ms.get()
        })
    }

    fn wall_ms(&self) -> f64 {
        performance_now()
    }

    fn wake_up(&self, _: &EventLoop) {
        STATE.with(|state| {
            if !state.turn_scheduled.replace(true) {
                queue_microtask(&state.turn);
            }
        });
    }

    fn timers_changed(&self, _: &EventLoop, earliest_set: Option<Moment>) {
        match earliest_set {
            Some(moment) => arm_by(moment.not_before_ms),
            None => disarm(),
        }
    }
}

/// Makes sure the browser timer fires by `wall_ms` (it may already fire earlier).
fn arm_by(wall_ms: f64) {
    STATE.with(|state| {
        if wall_ms <= performance_now() {
            if let Some(channel) = &state.due_now {
                if !state.due_now_posted.replace(true) {
                    let _ = channel.port2().post_message(&JsValue::NULL);
                }
                return;
            }
        }
        let mut armed = state.armed.borrow_mut();
        if let Some((handle, at)) = armed.as_ref() {
            if *at <= wall_ms {
                return;
            }
            clear_timeout(handle);
        }
        let delay = (wall_ms - performance_now())
            .ceil()
            .clamp(0.0, LONGEST_TIMEOUT_MS);
        *armed = Some((set_timeout(&state.on_timer, delay), wall_ms));
    });
}

/// setTimeout takes at most 2^31 − 1 ms; a longer wait fires early and arms again.
const LONGEST_TIMEOUT_MS: f64 = 2_147_483_647.0;

fn disarm() {
    STATE.with(|state| {
        if let Some((handle, _)) = state.armed.borrow_mut().take() {
            clear_timeout(&handle);
        }
    });
}

/// The browser timer fired: it is no longer armed.
fn on_timer() {
    STATE.with(|state| state.armed.borrow_mut().take());
    run_due_moment();
}

/// The message for a moment already due came.
fn on_due_message() {
    STATE.with(|state| state.due_now_posted.set(false));
    run_due_moment();
}

/// If the earliest moment may run by now, it becomes the loop's clock and a turn moves its
/// timers; otherwise the browser is asked again for it.
fn run_due_moment() {
    let Some(moment) = LOOP.with(EventLoop::next_moment) else {
        return;
    };
    let started = STATE.with(|state| {
        if moment.not_before_ms > performance_now() || state.turn_scheduled.get() {
            return false;
        }
        state.moment_ms.set(moment.deadline_ms);
        state.in_moment.set(true);
        state.turn_scheduled.set(true);
        queue_microtask(&state.turn);
        true
    });
    if !started {
        // Early (the browser fires a timer up to a millisecond before its time), or a
        // timer of the same moment was set later: wait for the last one, exactly.
        disarm();
        arm_by(moment.not_before_ms.max(performance_now()));
    }
}

/// One turn of the loop per microtask: what a turn queues runs in the next microtask, so
/// that other microtasks (wasm-bindgen-futures' own queue, where yew renders; promise
/// reactions) get their turn in between.
fn turn() {
    LOOP.with(|lp| {
        lp.run_turn();
        if lp.has_ready() {
            STATE.with(|state| queue_microtask(&state.turn));
            return;
        }
        STATE.with(|state| {
            state.turn_scheduled.set(false);
            state.in_moment.set(false);
        });
        lp.release_idle_slots();
        match lp.next_moment() {
            Some(moment) => arm_by(moment.not_before_ms),
            None => disarm(),
        }
    });
}

/// The end of a browser task that read the loop's clock but queued no turn.
fn end_task_moment() {
    STATE.with(|state| {
        if !state.turn_scheduled.get() {
            state.in_moment.set(false);
        }
    });
}

impl Executor for BrowserExecutor {
    fn spawn(&self, future: LocalBoxFuture) {
        LOOP.with(|lp| lp.spawn(future));
    }

    fn call_soon(&self, callback: SoonCallback) {
        LOOP.with(|lp| lp.call_soon(callback));
    }

    fn call_at(&self, deadline_ms: f64, callback: SoonCallback) -> TimerHandle {
        let id = LOOP.with(|lp| lp.call_at(deadline_ms, callback));
        TimerHandle::new(move || {
            // `try_with`: nothing to clear once the thread's loop is gone.
            let _ = LOOP.try_with(|lp| lp.cancel_timer(id));
        })
    }

    fn sleep_until(&self, deadline_ms: f64) -> LocalBoxFuture {
        Box::pin(LOOP.with(|lp| lp.sleep_until(deadline_ms)))
    }

    fn now_ms(&self) -> f64 {
        LOOP.with(EventLoop::now_ms)
    }

    fn wall_ms(&self) -> f64 {
        performance_now()
    }
}

#[cfg(test)]
mod tests;
