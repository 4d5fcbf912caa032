//! How a finished future ended.

use super::Exception;

/// How a finished task or gather ended: asyncio's three final states.
///
/// `Cancelled` is the *cancelled state* (`future.cancelled()` is true). A gather's outer
/// future never enters it: when cancelled it finishes instead as `Raised` with a
/// `CancelledError`, exactly as CPython's `_GatheringFuture` does. Awaiting either raises
/// `CancelledError`.
///
/// # Examples
///
/// ```
/// use gather_playground::{Exception, Outcome};
///
/// let outcome: Outcome<i32> = Outcome::Cancelled;
/// assert_eq!(outcome.into_result(), Err(Exception::cancelled_error()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome<T> {
    /// Returned a value.
    Value(T),
    /// Raised an exception (possibly a `CancelledError`, for a gather).
    Raised(Exception),
    /// Ended in the cancelled state.
    Cancelled,
}

impl<T> Outcome<T> {
    /// What awaiting the future gives: the value, or the exception it raises.
    pub fn into_result(self) -> Result<T, Exception> {
        match self {
            Outcome::Value(value) => Ok(value),
            Outcome::Raised(exception) => Err(exception),
            Outcome::Cancelled => Err(Exception::cancelled_error()),
        }
    }

    /// Whether awaiting the future raises `CancelledError` (cancelled state, or a raised
    /// `CancelledError`).
    pub fn is_cancellation(&self) -> bool {
        match self {
            Outcome::Value(_) => false,
            Outcome::Raised(exception) => exception.is_cancelled_error(),
            Outcome::Cancelled => true,
        }
    }

    /// The outcome with its value transformed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Value(value) => Outcome::Value(f(value)),
            Outcome::Raised(exception) => Outcome::Raised(exception),
            Outcome::Cancelled => Outcome::Cancelled,
        }
    }
}
