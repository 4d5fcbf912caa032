//! The field checkers, which the page's editor applies too: each field's rule, written once
//! for the parser and the editor.

use crate::scenario::{
    FieldRule, ScenarioProblem, MAX_LABEL_CHARS, MAX_MESSAGE_CHARS, MAX_NODES, MAX_TIME_MS,
    MAX_TYPE_NAME_CHARS,
};
use serde_json::Value;

/// Checks a label: at most [`MAX_LABEL_CHARS`] characters (any characters; empty is fine).
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_label, FieldRule, ScenarioProblem};
///
/// assert_eq!(check_label("fetch A"), Ok(()));
/// assert_eq!(check_label(&"x".repeat(201)), Err(ScenarioProblem::Invalid(FieldRule::Label)));
/// ```
pub fn check_label(label: &str) -> Result<(), ScenarioProblem> {
    if label.chars().count() <= MAX_LABEL_CHARS {
        Ok(())
    } else {
        Err(ScenarioProblem::Invalid(FieldRule::Label))
    }
}

/// Checks an exception's message: at most [`MAX_MESSAGE_CHARS`] characters.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_message, FieldRule, ScenarioProblem};
///
/// assert_eq!(check_message(""), Ok(()));
/// let problem = check_message(&"m".repeat(1001)).unwrap_err();
/// assert_eq!(problem.to_string(), "expected text of at most 1000 characters");
/// ```
pub fn check_message(message: &str) -> Result<(), ScenarioProblem> {
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        Ok(())
    } else {
        Err(ScenarioProblem::Invalid(FieldRule::Message))
    }
}

/// Checks an exception type name: ASCII letters, digits and `_`, not starting with a
/// digit, 1 to [`MAX_TYPE_NAME_CHARS`] characters (a Python identifier, in ASCII).
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_type_name, FieldRule, ScenarioProblem};
///
/// assert_eq!(check_type_name("ValueError"), Ok(()));
/// assert_eq!(check_type_name("_Err2"), Ok(()));
/// for bad in ["", "9lives", "Bad-Name", "Ünicode"] {
///     assert_eq!(check_type_name(bad), Err(ScenarioProblem::Invalid(FieldRule::TypeName)));
/// }
/// ```
pub fn check_type_name(name: &str) -> Result<(), ScenarioProblem> {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    if starts_well
        && name.len() <= MAX_TYPE_NAME_CHARS
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        Ok(())
    } else {
        Err(ScenarioProblem::Invalid(FieldRule::TypeName))
    }
}

/// Checks a time (a delay, a cleanup's, a cancel time): from 0 to [`MAX_TIME_MS`]
/// milliseconds. Gives the time back.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_time_ms, FieldRule, ScenarioProblem, MAX_TIME_MS};
///
/// assert_eq!(check_time_ms(300), Ok(300));
/// assert_eq!(check_time_ms(MAX_TIME_MS + 1), Err(ScenarioProblem::Invalid(FieldRule::Time)));
/// ```
pub fn check_time_ms(ms: u64) -> Result<u64, ScenarioProblem> {
    if ms <= MAX_TIME_MS {
        Ok(ms)
    } else {
        Err(ScenarioProblem::Invalid(FieldRule::Time))
    }
}

/// Checks a timeout (`asyncio.wait_for`'s): from 1 to [`MAX_TIME_MS`] milliseconds.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_timeout_ms, FieldRule, ScenarioProblem};
///
/// assert_eq!(check_timeout_ms(50), Ok(50));
/// assert_eq!(check_timeout_ms(0), Err(ScenarioProblem::Invalid(FieldRule::Timeout)));
/// ```
pub fn check_timeout_ms(ms: u64) -> Result<u64, ScenarioProblem> {
    if (1..=MAX_TIME_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(ScenarioProblem::Invalid(FieldRule::Timeout))
    }
}

/// Checks a gather's limit: from 1 to [`MAX_NODES`] slots. Gives it back as a count.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_limit, FieldRule, ScenarioProblem};
///
/// assert_eq!(check_limit(33), Ok(33));
/// assert_eq!(check_limit(0), Err(ScenarioProblem::Invalid(FieldRule::Limit)));
/// assert_eq!(check_limit(10_001), Err(ScenarioProblem::Invalid(FieldRule::Limit)));
/// ```
pub fn check_limit(slots: u64) -> Result<usize, ScenarioProblem> {
    match usize::try_from(slots) {
        Ok(slots) if (1..=MAX_NODES).contains(&slots) => Ok(slots),
        _ => Err(ScenarioProblem::Invalid(FieldRule::Limit)),
    }
}

/// Checks a future's value: a number, string, boolean or null, never a list or object
/// (a gather's list is made by the gather).
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::{check_value, FieldRule, ScenarioProblem};
/// use serde_json::json;
///
/// assert_eq!(check_value(&json!("alice")), Ok(()));
/// assert_eq!(check_value(&json!([1])), Err(ScenarioProblem::Invalid(FieldRule::Value)));
/// ```
pub fn check_value(value: &Value) -> Result<(), ScenarioProblem> {
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => Ok(()),
        Value::Array(_) | Value::Object(_) => Err(ScenarioProblem::Invalid(FieldRule::Value)),
    }
}
