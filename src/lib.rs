//! Python's `asyncio.gather()`, ported faithfully to Rust, running on the browser's own
//! event loop (or on a deterministic virtual clock).
//!
//! The library half of gather playground. [`gather`] has CPython's exact semantics:
//! results in argument order; `return_exceptions`; the first failure propagates at once
//! while siblings keep running; cancelling the outer cancels every child, recursively;
//! children may catch their cancellation. [`Task`]s carry asyncio's cancellation model: a
//! request delivered at the task's current await, which its code may catch.
//!
//! [`scenario`] parses the playground's JSON scenarios, runs them with this library and
//! reports what happened.
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

mod awaitable;
mod cancel_signal;
mod exception;
mod future_cell;
mod gather;
mod outcome;
mod runtime;
pub mod scenario;
#[cfg(target_arch = "wasm32")]
pub mod scripting;
mod semaphore;
mod task;
mod task_context;
mod task_group;

pub use awaitable::Awaitable;
pub use exception::Exception;
pub use gather::{gather, Gather, GatherResults};
pub use outcome::Outcome;
pub use runtime::{Executor, LocalBoxFuture, Runtime, SoonCallback, VirtualClock};
pub use semaphore::{Semaphore, SemaphorePermit};
pub use task::Task;
pub use task_context::{Sleep, TaskContext, Wait};
pub use task_group::{task_group, TaskGroup, TaskGroupError};
