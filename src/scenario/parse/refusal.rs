//! How a refusal is made: the path of the field at fault (odd keys quoted, so no key can
//! make a path misleading) and what was expected there.

use crate::scenario::{FieldRule, ScenarioError, ScenarioProblem};
use serde_json::{Map, Value};

pub(super) fn object<'a>(
    value: &'a Value,
    path: &str,
    expectation: &'static str,
) -> Result<&'a Map<String, Value>, ScenarioError> {
    value.as_object().ok_or_else(|| expected(path, expectation))
}

pub(super) fn check_fields(
    fields: &Map<String, Value>,
    path: &str,
    allowed: &'static [&'static str],
) -> Result<(), ScenarioError> {
    match fields.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(unknown) => Err(ScenarioError::new(
            join(path, &display_key(unknown)),
            ScenarioProblem::UnknownField(allowed),
        )),
        None => Ok(()),
    }
}

/// A key as it appears in a path: as is if it is a plain name, else quoted, so that an odd
/// key cannot make a path misleading.
fn display_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        key.to_owned()
    } else {
        let shortened: String = key.chars().take(64).collect();
        let shortened = if shortened.len() < key.len() {
            shortened + "…"
        } else {
            shortened
        };
        serde_json::to_string(&shortened).unwrap_or_default()
    }
}

pub(super) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

pub(super) fn missing(path: &str, expectation: &'static str) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::Missing(expectation))
}

pub(super) fn expected(path: &str, expectation: &'static str) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::Expected(expectation))
}

pub(super) fn missing_value(path: &str, rule: FieldRule) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::MissingValue(rule))
}

pub(super) fn invalid(path: &str, rule: FieldRule) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::Invalid(rule))
}
