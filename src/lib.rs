//! Python's `asyncio.gather()`, ported faithfully to Rust, running on the browser's own
//! event loop (or on a deterministic virtual clock).
//!
//! The library half of gather playground. [`gather`] has CPython's exact semantics:
//! results in argument order; `return_exceptions`; the first failure propagates at once
//! while siblings keep running; cancelling the outer cancels every child, recursively;
//! children may catch their cancellation. [`Task`]s carry asyncio's cancellation model: a
//! request delivered at the task's current await, which its code may catch.
//!
//! The crate is built in layers, each using only the ones below it:
//!
//! | layer | what it holds |
//! |---|---|
//! | [`runtime`] | the event loops gather runs on: the browser's, and a virtual clock |
//! | the asyncio port (re-exported here) | futures, tasks, [`gather`], [`task_group`], [`Semaphore`] |
//! | [`scenario`] | the JSON format of scenarios and reports, and running one |
//! | [`explore`], [`explain`], [`share`], [`codegen`] | what the page builds on scenarios: other combinators, causes and rules, links and saved state, programs |
//! | `scripting` (wasm32) | the page's `window.gatherPlayground` |
//!
//! `docs/architecture.md` in the repository says where to add what.
//!
//! # Examples
//!
//! ```
//! use gather_playground::{gather, VirtualClock};
//!
//! let clock = VirtualClock::new();
//! let runtime = clock.runtime();
//! let delayed = |delay, value| runtime.spawn(move |cx| async move {
//!     cx.sleep(delay).await?;
//!     Ok(value)
//! });
//! // Completion order is B, C, A; the results keep argument order.
//! let outer = gather(&runtime, [delayed(300, 'a'), delayed(100, 'b'), delayed(200, 'c')], false);
//! let results = clock.block_on(outer).unwrap().unwrap();
//! assert_eq!(results, [Ok('a'), Ok('b'), Ok('c')]);
//! assert_eq!(clock.now_ms(), 300);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(missing_debug_implementations)]

// ---- The event loops ----------------------------------------------------------------------
pub mod runtime;

pub use runtime::{Executor, LocalBoxFuture, Runtime, SoonCallback, TimerHandle, VirtualClock};

// ---- The asyncio port ---------------------------------------------------------------------
mod asyncio;

pub use asyncio::{
    as_completed, gather, shield, task_group, wait, AsCompleted, Awaitable, Awaiting,
    DoneAndPending, Exception, Gather, GatherResults, Outcome, ReturnWhen, Semaphore,
    SemaphorePermit, Shield, Sleep, Task, TaskContext, TaskGroup, TaskGroupError, Timeout, Wait,
};

// ---- Scenarios: the format, and running one -----------------------------------------------
pub mod scenario;

// ---- What the page builds on scenarios ----------------------------------------------------
pub mod codegen;
pub mod explain;
pub mod explore;
pub mod share;

// ---- The page's scripting API -------------------------------------------------------------
#[cfg(target_arch = "wasm32")]
pub mod scripting;
