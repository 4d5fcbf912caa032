//! Scenarios as programs: the same run as a plain asyncio program for CPython, or as a Rust
//! program on this crate.
//!
//! [`to_python`] writes what a person would write to explain the scenario with asyncio;
//! [`to_rust`] writes the same with this crate's `gather`. Both print, last, the
//! [`outcome_line`] of the scenario's report, so a run of either program can be checked
//! against a run of the scenario.
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

mod names;
mod outcome;
mod python;
mod python_literal;
mod rust;
mod rust_literal;

pub use outcome::outcome_line;
pub use python::to_python;
pub use python_literal::{python_exception_repr, python_repr};
pub use rust::to_rust;
