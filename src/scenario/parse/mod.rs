//! Validation of scenario JSON, with the path of every problem.
//!
//! This file reads a scenario node by node; `checkers.rs` holds the field checkers (public,
//! at [`scenario`](super), the page's editor applies them too), `refusal.rs` how a refusal
//! names its path.

mod checkers;
mod refusal;
#[cfg(test)]
mod tests;

pub use checkers::{
    check_label, check_limit, check_message, check_time_ms, check_timeout_ms, check_type_name,
    check_value,
};

use refusal::{check_fields, expected, invalid, join, missing, missing_value, object};

use super::model::{FutureSpec, GatherSpec, Guard, NodeSpec, OnCancelSpec, ResultSpec, Scenario};
use super::{FieldRule, ScenarioError, ScenarioProblem, FORMAT_VERSION, MAX_DEPTH, MAX_NODES};
use crate::Exception;
use serde_json::{Map, Value};

const ROOT_FIELDS: &[&str] = &[
    "version",
    "kind",
    "label",
    "return_exceptions",
    "cancel_at_ms",
    "limit",
    "children",
    "timeout_ms",
];
const GATHER_FIELDS: &[&str] = &[
    "kind",
    "label",
    "return_exceptions",
    "cancel_at_ms",
    "limit",
    "children",
    "timeout_ms",
    "shield",
];
const FUTURE_FIELDS: &[&str] = &[
    "kind",
    "label",
    "delay_ms",
    "result",
    "cancel_at_ms",
    "on_cancel",
    "timeout_ms",
    "shield",
];
const RESULT_FIELDS: &[&str] = &["value", "error"];
const ERROR_FIELDS: &[&str] = &["type", "message"];
const ON_CANCEL_FIELDS: &[&str] = &["delay_ms", "result"];

const EXPECT_RESULT: &str = r#"{"value": ...} or {"error": {"type": ..., "message": ...}}"#;
const EXPECT_KIND: &str = r#""future" or "gather""#;
const EXPECT_ROOT_SHIELD: &str =
    "no shield on the root: only main awaits it, so there is nothing to shield it from";

pub(super) fn parse_text(text: &str) -> Result<Scenario, ScenarioError> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        ScenarioError::new("", ScenarioProblem::MalformedJson(error.to_string()))
    })?;
    parse_value(&value)
}

pub(super) fn parse_value(value: &Value) -> Result<Scenario, ScenarioError> {
    let mut parser = Parser { nodes: 0 };
    let fields = object(value, "", "a JSON object: the root gather")?;
    if fields
        .get("shield")
        .is_some_and(|shield| shield != &Value::Bool(false))
    {
        return Err(expected("shield", EXPECT_ROOT_SHIELD));
    }
    check_fields(fields, "", ROOT_FIELDS)?;
    match fields.get("version") {
        None => return Err(missing("version", "1")),
        Some(version) if version.as_u64() == Some(FORMAT_VERSION) => {}
        Some(_) => return Err(expected("version", "1 (the only format version)")),
    }
    if let Some(kind) = fields.get("kind") {
        if kind.as_str() != Some("gather") {
            return Err(expected(
                "kind",
                r#""gather" (the root is a gather) or no kind"#,
            ));
        }
    }
    let root = parser.gather(fields, "", 1)?;
    Ok(Scenario { root })
}

struct Parser {
    nodes: usize,
}

impl Parser {
    fn count_node(&mut self, path: &str) -> Result<(), ScenarioError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(ScenarioError::new(path, ScenarioProblem::TooManyNodes));
        }
        Ok(())
    }

    fn gather(
        &mut self,
        fields: &Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<GatherSpec, ScenarioError> {
        if depth > MAX_DEPTH {
            return Err(ScenarioError::new(path, ScenarioProblem::TooDeep));
        }
        self.count_node(path)?;
        let label = label(fields, path)?;
        let return_exceptions = match fields.get("return_exceptions") {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => return Err(expected(&join(path, "return_exceptions"), "true or false")),
        };
        let cancel_at_ms = optional_time(fields, path, "cancel_at_ms")?;
        let limit = optional_count(fields, path, "limit", FieldRule::Limit, check_limit)?;
        let children_path = join(path, "children");
        let children = match fields.get("children") {
            None => {
                return Err(missing(
                    &children_path,
                    "a list of children (it may be empty)",
                ))
            }
            Some(Value::Array(children)) => children,
            Some(_) => {
                return Err(expected(
                    &children_path,
                    "a list of children (it may be empty)",
                ))
            }
        };
        let mut specs = Vec::with_capacity(children.len().min(MAX_NODES));
        for (index, child) in children.iter().enumerate() {
            let child_path = format!("{children_path}[{index}]");
            specs.push(self.node(child, &child_path, depth)?);
        }
        Ok(GatherSpec {
            label,
            return_exceptions,
            cancel_at_ms,
            limit,
            children: specs,
            guard: guard(fields, path)?,
        })
    }

    fn node(&mut self, value: &Value, path: &str, depth: usize) -> Result<NodeSpec, ScenarioError> {
        let fields = object(value, path, r#"a JSON object: a child with "kind""#)?;
        let kind_path = join(path, "kind");
        match fields.get("kind").map(Value::as_str) {
            Some(Some("future")) => {
                check_fields(fields, path, FUTURE_FIELDS)?;
                self.count_node(path)?;
                Ok(NodeSpec::Future(future(fields, path)?))
            }
            Some(Some("gather")) => {
                check_fields(fields, path, GATHER_FIELDS)?;
                Ok(NodeSpec::Gather(self.gather(fields, path, depth + 1)?))
            }
            None => Err(missing(&kind_path, EXPECT_KIND)),
            Some(_) => Err(expected(&kind_path, EXPECT_KIND)),
        }
    }
}

fn future(fields: &Map<String, Value>, path: &str) -> Result<FutureSpec, ScenarioError> {
    let delay_path = join(path, "delay_ms");
    let delay_ms = match fields.get("delay_ms") {
        None => return Err(missing_value(&delay_path, FieldRule::Time)),
        Some(value) => time(value, &delay_path, FieldRule::Time)?,
    };
    let result = required_result(fields, path)?;
    let cancel_at_ms = optional_time(fields, path, "cancel_at_ms")?;
    let on_cancel_path = join(path, "on_cancel");
    let on_cancel = match fields.get("on_cancel") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let on_cancel = object(
                value,
                &on_cancel_path,
                r#"null or {"delay_ms": ..., "result": ...}"#,
            )?;
            check_fields(on_cancel, &on_cancel_path, ON_CANCEL_FIELDS)?;
            let delay_path = join(&on_cancel_path, "delay_ms");
            let delay_ms = match on_cancel.get("delay_ms") {
                None => return Err(missing_value(&delay_path, FieldRule::Time)),
                Some(value) => time(value, &delay_path, FieldRule::Time)?,
            };
            Some(OnCancelSpec {
                delay_ms,
                result: required_result(on_cancel, &on_cancel_path)?,
            })
        }
    };
    Ok(FutureSpec {
        label: label(fields, path)?,
        delay_ms,
        result,
        cancel_at_ms,
        on_cancel,
        guard: guard(fields, path)?,
    })
}

/// `timeout_ms` and `shield`, both optional.
fn guard(fields: &Map<String, Value>, path: &str) -> Result<Guard, ScenarioError> {
    let timeout_ms = optional_count(
        fields,
        path,
        "timeout_ms",
        FieldRule::Timeout,
        check_timeout_ms,
    )?;
    let shield = match fields.get("shield") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => return Err(expected(&join(path, "shield"), "true or false")),
    };
    Ok(Guard { timeout_ms, shield })
}

fn required_result(fields: &Map<String, Value>, path: &str) -> Result<ResultSpec, ScenarioError> {
    let result_path = join(path, "result");
    let Some(value) = fields.get("result") else {
        return Err(missing(&result_path, EXPECT_RESULT));
    };
    let result = object(value, &result_path, EXPECT_RESULT)?;
    check_fields(result, &result_path, RESULT_FIELDS)?;
    match (result.get("value"), result.get("error")) {
        (Some(value), None) => match check_value(value) {
            Ok(()) => Ok(ResultSpec::Value(value.clone())),
            Err(problem) => Err(ScenarioError::new(join(&result_path, "value"), problem)),
        },
        (None, Some(error)) => {
            let error_path = join(&result_path, "error");
            let error = object(error, &error_path, r#"{"type": ..., "message": ...}"#)?;
            check_fields(error, &error_path, ERROR_FIELDS)?;
            let type_path = join(&error_path, "type");
            let type_name = match error.get("type") {
                None => return Err(missing_value(&type_path, FieldRule::TypeName)),
                Some(Value::String(name)) if check_type_name(name).is_ok() => name,
                Some(_) => return Err(invalid(&type_path, FieldRule::TypeName)),
            };
            let message = match error.get("message") {
                None => "",
                Some(Value::String(text)) if check_message(text).is_ok() => text.as_str(),
                Some(_) => return Err(invalid(&join(&error_path, "message"), FieldRule::Message)),
            };
            Ok(ResultSpec::Error(Exception::new(
                type_name.as_str(),
                message,
            )))
        }
        _ => Err(expected(
            &result_path,
            r#"exactly one of "value" or "error""#,
        )),
    }
}

fn label(fields: &Map<String, Value>, path: &str) -> Result<String, ScenarioError> {
    match fields.get("label") {
        None => Ok(String::new()),
        Some(Value::String(text)) if check_label(text).is_ok() => Ok(text.clone()),
        Some(_) => Err(invalid(&join(path, "label"), FieldRule::Label)),
    }
}

/// An optional whole-number field (absent or `null`: none), checked by `check`; anything
/// but a whole number is refused as `rule`.
fn optional_count<T>(
    fields: &Map<String, Value>,
    path: &str,
    name: &str,
    rule: FieldRule,
    check: fn(u64) -> Result<T, ScenarioProblem>,
) -> Result<Option<T>, ScenarioError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .ok_or(ScenarioProblem::Invalid(rule))
            .and_then(check)
            .map(Some)
            .map_err(|problem| ScenarioError::new(join(path, name), problem)),
    }
}

fn optional_time(
    fields: &Map<String, Value>,
    path: &str,
    name: &str,
) -> Result<Option<u64>, ScenarioError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => time(value, &join(path, name), FieldRule::OptionalTime).map(Some),
    }
}

/// A JSON number of milliseconds: whole (`300.0` too), within [`check_time_ms`]'s range.
/// `rule` is the field's: a cancel time may also be `null`.
fn time(value: &Value, path: &str, rule: FieldRule) -> Result<u64, ScenarioError> {
    let whole = match value {
        Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|ms| ms.fract() == 0.0 && *ms >= 0.0)
                // Saturates far above the range, which the check then refuses.
                .map(|ms| ms as u64)
        }),
        _ => None,
    };
    whole
        .and_then(|ms| check_time_ms(ms).ok())
        .ok_or_else(|| invalid(path, rule))
}
