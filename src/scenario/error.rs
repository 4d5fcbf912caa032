//! Why a scenario was refused.

use std::fmt;

/// A refused scenario: where the problem is and what it is.
///
/// Displays as `path: problem`, for example
/// `children[2].delay_ms: expected a whole number of milliseconds from 0 to 86400000`.
/// The path is empty for a problem with the whole text.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
///
/// let error = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "delay_ms": -5, "result": {"value": 1}}]}"#).unwrap_err();
/// assert_eq!(error.path(), "children[0].delay_ms");
/// assert_eq!(
///     error.to_string(),
///     "children[0].delay_ms: expected a whole number of milliseconds from 0 to 86400000",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    path: String,
    problem: ScenarioProblem,
}

/// What is wrong at a [`ScenarioError`]'s path.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScenarioProblem {
    /// The text is not JSON; serde_json's description, with line and column.
    MalformedJson(String),
    /// A required field is absent; says what was expected there.
    Missing(&'static str),
    /// A field the format does not have; lists the fields it allows there.
    UnknownField(&'static [&'static str]),
    /// A value of the wrong type or outside its range; says what was expected.
    Expected(&'static str),
    /// More than [`MAX_NODES`](super::MAX_NODES) nodes.
    TooManyNodes,
    /// Gathers nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    TooDeep,
    /// A field's value breaks its rule (which [`check_label`](super::check_label) and the
    /// other field checkers apply).
    Invalid(FieldRule),
    /// A required field is absent; its value would follow the rule.
    MissingValue(FieldRule),
}

/// What the format allows in a field: the rules the field checkers
/// ([`check_time_ms`](super::check_time_ms), [`check_label`](super::check_label), …) apply.
///
/// Displays as what is expected there, its limits taken from the format's constants
/// ([`MAX_TIME_MS`](super::MAX_TIME_MS) and the others), in the format's own terms (JSON's
/// `null` for an absent value). The editor words the same rules for its text fields.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::FieldRule;
///
/// assert_eq!(FieldRule::Label.to_string(), "text of at most 200 characters");
/// assert_eq!(
///     FieldRule::OptionalTime.to_string(),
///     "null or a whole number of milliseconds from 0 to 86400000",
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldRule {
    /// A whole number of milliseconds from 0 to [`MAX_TIME_MS`](super::MAX_TIME_MS).
    Time,
    /// A [`FieldRule::Time`], or `null` for none (a cancel time).
    OptionalTime,
    /// `null`, or a whole number of milliseconds from 1 to [`MAX_TIME_MS`](super::MAX_TIME_MS):
    /// `asyncio.wait_for`'s timeout.
    Timeout,
    /// `null`, or a whole number of slots from 1 to [`MAX_NODES`](super::MAX_NODES).
    Limit,
    /// Text of at most [`MAX_LABEL_CHARS`](super::MAX_LABEL_CHARS) characters.
    Label,
    /// An exception type name: ASCII letters, digits and `_`, not starting with a digit,
    /// at most [`MAX_TYPE_NAME_CHARS`](super::MAX_TYPE_NAME_CHARS) characters.
    TypeName,
    /// Text of at most [`MAX_MESSAGE_CHARS`](super::MAX_MESSAGE_CHARS) characters.
    Message,
    /// A number, string, boolean or null: a future's value (never a list or object).
    Value,
}

impl fmt::Display for FieldRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = format_args!(
            "a whole number of milliseconds from 0 to {}",
            super::MAX_TIME_MS
        );
        match self {
            FieldRule::Time => write!(f, "{time}"),
            FieldRule::OptionalTime => write!(f, "null or {time}"),
            FieldRule::Timeout => write!(
                f,
                "null or a whole number of milliseconds from 1 to {}",
                super::MAX_TIME_MS
            ),
            FieldRule::Limit => write!(
                f,
                "null or a whole number of slots from 1 to {}",
                super::MAX_NODES
            ),
            FieldRule::Label => write!(f, "text of at most {} characters", super::MAX_LABEL_CHARS),
            FieldRule::TypeName => write!(
                f,
                "an exception type name: letters, digits and _, not starting with a digit, \
                 1 to {} characters",
                super::MAX_TYPE_NAME_CHARS
            ),
            FieldRule::Message => {
                write!(f, "text of at most {} characters", super::MAX_MESSAGE_CHARS)
            }
            FieldRule::Value => write!(f, "a number, string, boolean or null"),
        }
    }
}

impl ScenarioError {
    pub(crate) fn new(path: impl Into<String>, problem: ScenarioProblem) -> Self {
        ScenarioError {
            path: path.into(),
            problem,
        }
    }

    /// Where the problem is, as `children[2].result.error.type`; empty for the whole text.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the problem is.
    pub fn problem(&self) -> &ScenarioProblem {
        &self.problem
    }
}

impl fmt::Display for ScenarioProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioProblem::MalformedJson(detail) => write!(f, "not valid JSON: {detail}"),
            ScenarioProblem::Missing(expected) => write!(f, "missing: expected {expected}"),
            ScenarioProblem::UnknownField(allowed) => {
                write!(f, "unknown field (allowed here: {})", allowed.join(", "))
            }
            ScenarioProblem::Expected(expected) => write!(f, "expected {expected}"),
            ScenarioProblem::TooManyNodes => write!(
                f,
                "too many nodes: a scenario may have at most {} futures and gathers",
                super::MAX_NODES
            ),
            ScenarioProblem::TooDeep => write!(
                f,
                "gathers nested too deep: at most {} levels, the root counting as one",
                super::MAX_DEPTH
            ),
            ScenarioProblem::Invalid(rule) => write!(f, "expected {rule}"),
            ScenarioProblem::MissingValue(rule) => write!(f, "missing: expected {rule}"),
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "scenario"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.problem)
    }
}

impl std::error::Error for ScenarioError {}
