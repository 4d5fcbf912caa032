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
//! 3. **Deadlines and shields**: [`TaskContext::timeout`] and [`TaskContext::wait_for`]
//!    (CPython 3.12's, on `asyncio.timeout`), [`shield`].
//! 4. **Combinators**: [`gather`], [`task_group`], [`wait`], [`as_completed`] and
//!    [`Semaphore`], each CPython's own algorithm on the primitives above.
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
mod plain_future;

pub use exception::Exception;
pub use outcome::Outcome;

// ---- Tasks ----------------------------------------------------------------------------
mod awaitable;
mod task;
mod task_context;

pub use awaitable::Awaitable;
pub use task::Task;
pub use task_context::{Awaiting, Sleep, TaskContext};

// ---- Deadlines ------------------------------------------------------------------------
mod shield;
mod timeout;

pub use shield::{shield, Shield};
pub use timeout::Timeout;

// ---- Combinators ----------------------------------------------------------------------
mod as_completed;
mod gather;
mod semaphore;
mod task_group;
mod wait;

pub use as_completed::{as_completed, AsCompleted};
pub use gather::{gather, Gather, GatherResults};
pub use semaphore::{Semaphore, SemaphorePermit};
pub use task_group::{task_group, TaskGroup, TaskGroupError};
pub use wait::{wait, DoneAndPending, ReturnWhen, Wait};
