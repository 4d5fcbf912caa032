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
