//! Scenarios as programs: the same run as a plain asyncio program for CPython, or as a Rust
//! program on this crate.
//!
//! - [`to_python`] writes what a person would write to explain the scenario with asyncio:
//!   one `async def` per child, `await asyncio.gather(...)` in `main()`, `wait_for` and
//!   `shield` where the scenario has timeouts and shields, a semaphore for a limit,
//!   `loop.call_later` for cancel times, and comments citing the rules of
//!   docs/semantics.md where they act.
//! - [`to_python_instrumented`] writes the same run with every task created up front and
//!   every task, shield and gather watched: it prints each end as it comes.
//! - [`to_rust`] writes the same with this crate's API (`gather`, `TaskContext::timeout`
//!   and `wait_for`, `shield`, `Semaphore`).
//!
//! All three print, last, the [`outcome_line`] of the scenario's report, so a run of any of
//! them can be checked against a run of the scenario; `tests/codegen.rs` does, for every
//! scenario of the conformance corpora, on every CPython found.
//!
//! **Order.** At ties the order in which tasks are created decides outcomes (rules H of
//! docs/semantics.md), so every program creates them in the order the playground and its
//! CPython reference do: preorder (a gather's children in argument order, a nested
//! gather's before its later siblings). Python's own spelling does not always: see
//! `python/order.rs` for how `to_python` keeps it and proves it.
//!
//! # Examples
//!
//! ```
//! use gather_playground::codegen::{outcome_line, to_python};
//! use gather_playground::scenario::{self, Scenario};
//! use gather_playground::VirtualClock;
//!
//! let scenario = Scenario::from_json(r#"{"version": 1, "children": [
//!     {"kind": "future", "label": "fetch", "delay_ms": 10, "result": {"value": "ok"}}
//! ]}"#).unwrap();
//! let clock = VirtualClock::new();
//! let report = clock.block_on(scenario::run(clock.runtime(), scenario.clone())).unwrap();
//! // `python3` on this program prints this line last.
//! assert_eq!(outcome_line(&report), r#"outcome: {"status": "ok", "value": ["ok"]}"#);
//! assert!(to_python(&scenario).contains("async def fetch():"));
//! ```

// ---- What every program is written from ------------------------------------------------
// What a scenario creates, in the order both programs must keep (preorder).
mod plan;
// Labels turned into identifiers that cannot clash.
mod names;
// The line every program prints last.
mod outcome;

pub use outcome::outcome_line;

// ---- The programs ---------------------------------------------------------------------
// The Python programs, and how Python spells values (python_repr for the page too).
mod python;
// The Rust program on this crate.
mod rust;
// Which of them to write, by name (the page's worker is asked for one).
mod program;

pub use program::Program;
pub use python::{python_exception_repr, python_repr, to_python, to_python_instrumented};
pub use rust::to_rust;
