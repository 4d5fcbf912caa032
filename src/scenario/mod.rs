//! The playground's scenarios: parse and validate them, run them, report what happened.
//!
//! One JSON format (version 1, described in `docs/format.md`) serves the editor, share
//! links, saved state, the page's scripting API and the conformance tests. A [`Scenario`]
//! says what to run; a [`Report`] says what happened.
//!
//! # Examples
//!
//! ```
//! use gather_playground::scenario::{self, Scenario, Status};
//! use gather_playground::VirtualClock;
//!
//! let scenario = Scenario::from_json(r#"{"version": 1, "children": [
//!     {"kind": "future", "label": "slow", "delay_ms": 300, "result": {"value": 1}},
//!     {"kind": "future", "label": "fast", "delay_ms": 100,
//!      "result": {"error": {"type": "ValueError", "message": "boom"}}}
//! ]}"#).unwrap();
//! let clock = VirtualClock::new();
//! let report = clock.block_on(scenario::run(clock.runtime(), scenario)).unwrap();
//! assert_eq!(report.status, Status::Raised { exception: "ValueError".into(), message: "boom".into() });
//! assert_eq!(report.done_at_ms, 100);
//! // The report is complete only when every node has finished: "slow" ran on to 300.
//! assert_eq!(report.children.unwrap()[0].done_at_ms, 300);
//! ```

// ---- The format: what a scenario says, how it is checked, what a report says ----------
mod error;
mod json_text;
mod model;
mod parse;
mod report;

pub use error::{FieldRule, ScenarioError, ScenarioProblem};
pub use json_text::json_text;
pub use model::{
    FlatNode, FutureSpec, GatherSpec, Guard, NodeSpec, NodeView, OnCancelSpec, ResultSpec, Scenario,
};
pub use parse::{
    check_label, check_limit, check_message, check_time_ms, check_timeout_ms, check_type_name,
    check_value,
};
pub use report::{Received, Report, Status};

// ---- Running one on the asyncio port ----------------------------------------------------
mod run;

pub(crate) use run::RootCombinator;
pub use run::{run, CancelSource, NodeId, Run, RunEvent};

// ---- The format's limits --------------------------------------------------------------
/// The scenario and report format version this crate reads and writes.
pub const FORMAT_VERSION: u64 = 1;
/// The longest time a scenario may name: a day, in milliseconds.
pub const MAX_TIME_MS: u64 = 86_400_000;
/// The most nodes (futures and gathers, the root included) a scenario may have.
pub const MAX_NODES: usize = 10_000;
/// The deepest gathers may nest, the root counting as one.
pub const MAX_DEPTH: usize = 32;
/// The longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// The longest exception type name, in characters.
pub const MAX_TYPE_NAME_CHARS: usize = 100;
/// The longest exception message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1000;
