//! The asyncio port: CPython's futures, tasks and combinators on the [`runtime`] seam.
//!
//! Read it bottom-up, as asyncio is built:
//!
//! 1. **Primitives**: how a future ends ([`Outcome`], [`Exception`]), the result slot with
//!    its done callbacks that every task and combinator shares (`future_cell`), and how a
//!    cancellation request reaches a task's current await (`cancel_signal`).
//! 2. **Tasks**: [`Task`] (asyncio's Task, made by [`Runtime::spawn`]), the cancellation
//!    points its body awaits ([`TaskContext`]), and [`Awaitable`], anything a combinator
//!    can take as a child.
//! 3. **Combinators**: [`gather`], [`task_group`] and [`Semaphore`], each CPython's own
//!    algorithm on the primitives above.
//!
//! Nothing here knows scenarios, the page or yew; `crate::runtime` is all it runs on.
//!
//! [`runtime`]: crate::runtime
//! [`Runtime::spawn`]: crate::Runtime::spawn

// ---- Primitives -----------------------------------------------------------------------
mod cancel_signal;
mod exception;
mod future_cell;
mod outcome;

pub use exception::Exception;
pub use outcome::Outcome;

// ---- Tasks ----------------------------------------------------------------------------
mod awaitable;
mod task;
mod task_context;

pub use awaitable::Awaitable;
pub use task::Task;
pub use task_context::{Sleep, TaskContext, Wait};

// ---- Combinators ----------------------------------------------------------------------
mod gather;
mod semaphore;
mod task_group;

pub use gather::{gather, Gather, GatherResults};
pub use semaphore::{Semaphore, SemaphorePermit};
pub use task_group::{task_group, TaskGroup, TaskGroupError};
