//! Python-style exceptions as small typed values.

use std::fmt;
use std::rc::Rc;

/// The type name asyncio gives to cancellation.
const CANCELLED_ERROR: &str = "CancelledError";
/// The type name asyncio gives to reading a result that is not there yet.
const INVALID_STATE_ERROR: &str = "InvalidStateError";

/// An exception, as a child of a gather raises it: a type name and a message.
///
/// Exceptions compare by type name and message. `CancelledError` is an exception like any
/// other here, as in asyncio since 3.8, but gather and tasks treat it specially: a task whose
/// body ends with it is *cancelled*, and a gather without `return_exceptions` fails at once
/// with it.
///
/// Cloning is cheap: both strings are shared.
///
/// # Examples
///
/// ```
/// use gather_playground::Exception;
///
/// let error = Exception::new("ValueError", "boom");
/// assert_eq!(error.type_name(), "ValueError");
/// assert_eq!(error.to_string(), "ValueError: boom");
/// assert!(Exception::cancelled_error().is_cancelled_error());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Exception {
    type_name: Rc<str>,
    message: Rc<str>,
}

impl Exception {
    /// An exception of type `type_name` carrying `message`.
    pub fn new(type_name: impl Into<Rc<str>>, message: impl Into<Rc<str>>) -> Self {
        Exception {
            type_name: type_name.into(),
            message: message.into(),
        }
    }

    /// `CancelledError('')`: what awaiting a cancelled task or gather raises.
    pub fn cancelled_error() -> Self {
        Exception::new(CANCELLED_ERROR, "")
    }

    /// `TimeoutError()`, as a timeout raises it: no message.
    pub fn timeout_error() -> Self {
        Exception::new("TimeoutError", "")
    }

    /// `InvalidStateError`: what reading the result of an unfinished future raises.
    pub fn invalid_state_error(message: &str) -> Self {
        Exception::new(INVALID_STATE_ERROR, message)
    }

    /// The exception's type name, such as `ValueError`.
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// The exception's message (its first argument in Python); may be empty.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether this is a `CancelledError`.
    pub fn is_cancelled_error(&self) -> bool {
        &*self.type_name == CANCELLED_ERROR
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(&self.type_name)
        } else {
            write!(f, "{}: {}", self.type_name, self.message)
        }
    }
}

impl fmt::Debug for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?})", self.type_name, &*self.message)
    }
}

impl std::error::Error for Exception {}
