//! The semantics cases of docs/semantics.md, written once against the library API
//! and run twice: natively on the virtual clock (times exact) and in a real browser on real
//! timers (times within a tolerance).
#![allow(dead_code)]

pub mod cases;
pub mod fuzz_inputs;

use gather_playground::{Exception, Runtime, Task};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Where a case runs, and how late its timers may be.
#[derive(Clone)]
pub struct Harness {
    pub runtime: Runtime,
    start_ms: f64,
    /// How much later than CPython's exact time an event may come (0 on the virtual clock).
    late_ms: f64,
    /// On real timers, the first event that came later than allowed: a busy machine can
    /// delay a timer, so a case that was only late is run again rather than failed at once.
    too_late: Rc<RefCell<Option<String>>>,
}

impl Harness {
    pub fn new(runtime: Runtime, late_ms: f64) -> Self {
        let start_ms = runtime.now_ms();
        Harness {
            runtime,
            start_ms,
            late_ms,
            too_late: Rc::default(),
        }
    }

    /// The first event that came later than allowed, if any (real timers only).
    pub fn too_late(&self) -> Option<String> {
        self.too_late.borrow().clone()
    }

    pub fn elapsed(&self) -> f64 {
        self.runtime.now_ms() - self.start_ms
    }

    /// Waits until `at_ms` after the case started.
    pub async fn at(&self, at_ms: u64) {
        let remaining = (at_ms as f64 - self.elapsed()).max(0.0);
        self.runtime.sleep(remaining.ceil() as u64).await;
    }

    /// Lets one turn of the loop pass (done callbacks scheduled now run by then).
    pub async fn next_turn(&self) {
        let _ = self.runtime.spawn(|_| async { Ok(()) }).await;
    }

    /// Asserts an event came at `expected_ms`: exactly on the virtual clock; on real timers
    /// never early, and at most `late_ms` late, else it is recorded (see `too_late`).
    pub fn assert_time(&self, actual_ms: f64, expected_ms: u64, what: &str) {
        let expected = expected_ms as f64;
        let message = || {
            format!(
                "{what}: at {actual_ms:.1} ms, expected {expected_ms} ms (+{} ms allowed)",
                self.late_ms
            )
        };
        if self.late_ms == 0.0 {
            assert!(actual_ms == expected, "{}", message());
            return;
        }
        assert!(actual_ms >= expected - 1.0, "early: {}", message());
        if actual_ms > expected + self.late_ms {
            self.too_late.borrow_mut().get_or_insert_with(message);
        }
    }

    /// A child coroutine: sleeps `delay_ms`, then finishes with `result`; with a `cleanup`,
    /// catches a cancellation, keeps running `cleanup.0` ms, then finishes with `cleanup.1`.
    pub fn child(
        &self,
        delay_ms: u64,
        result: Result<Value, Exception>,
        cleanup: Option<(u64, Result<Value, Exception>)>,
    ) -> Child {
        let started = Rc::new(Cell::new(false));
        let body_started = Rc::clone(&started);
        let task = self.runtime.spawn(move |cx| async move {
            body_started.set(true);
            match cx.sleep(delay_ms).await {
                Ok(()) => result,
                Err(cancelled) => match cleanup {
                    None => Err(cancelled),
                    Some((cleanup_ms, cleanup_result)) => {
                        cx.sleep(cleanup_ms).await?;
                        cleanup_result
                    }
                },
            }
        });
        let finished_at = Rc::new(RefCell::new(None));
        let record = Rc::clone(&finished_at);
        let harness = self.clone();
        task.add_done_callback(move |_| *record.borrow_mut() = Some(harness.elapsed()));
        Child {
            task,
            started,
            finished_at,
        }
    }

    /// Asserts how and when a child ended.
    pub fn assert_child(&self, child: &Child, expected: Ended, at_ms: u64, name: &str) {
        let finished = child.finished_at.borrow().unwrap_or(f64::NAN);
        self.assert_time(finished, at_ms, &format!("{name} finished"));
        match expected {
            Ended::Value(value) => assert_eq!(child.task.result(), Ok(value), "{name}"),
            Ended::Raised(type_name) => {
                let exception = child.task.exception();
                assert_eq!(
                    exception
                        .as_ref()
                        .map(|e| e.as_ref().map(Exception::type_name)),
                    Ok(Some(type_name)),
                    "{name}"
                );
            }
            Ended::Cancelled => assert!(child.task.cancelled(), "{name} should be cancelled"),
        }
    }
}

/// How a child is expected to end.
pub enum Ended {
    Value(Value),
    Raised(&'static str),
    Cancelled,
}

pub struct Child {
    pub task: Task<Value>,
    pub started: Rc<Cell<bool>>,
    pub finished_at: Rc<RefCell<Option<f64>>>,
}

pub fn ok(value: impl Into<Value>) -> Result<Value, Exception> {
    Ok(value.into())
}

pub fn raise(type_name: &str) -> Result<Value, Exception> {
    Err(Exception::new(type_name, ""))
}
