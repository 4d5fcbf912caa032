//! Validation of scenario JSON, with the path of every problem.

use super::model::{FutureSpec, GatherSpec, Guard, NodeSpec, OnCancelSpec, ResultSpec, Scenario};
use super::{
    FieldRule, ScenarioError, ScenarioProblem, FORMAT_VERSION, MAX_DEPTH, MAX_LABEL_CHARS,
    MAX_MESSAGE_CHARS, MAX_NODES, MAX_TIME_MS, MAX_TYPE_NAME_CHARS,
};
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
        let limit = match fields.get("limit") {
            None | Some(Value::Null) => None,
            Some(value) => Some(
                value
                    .as_u64()
                    .ok_or(ScenarioProblem::Invalid(FieldRule::Limit))
                    .and_then(check_limit)
                    .map_err(|problem| ScenarioError::new(join(path, "limit"), problem))?,
            ),
        };
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
    let timeout_ms = match fields.get("timeout_ms") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_u64()
                .ok_or(ScenarioProblem::Invalid(FieldRule::Timeout))
                .and_then(check_timeout_ms)
                .map_err(|problem| ScenarioError::new(join(path, "timeout_ms"), problem))?,
        ),
    };
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

// ---- The field checkers, which the page's editor applies too ---------------------------

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

fn object<'a>(
    value: &'a Value,
    path: &str,
    expectation: &'static str,
) -> Result<&'a Map<String, Value>, ScenarioError> {
    value.as_object().ok_or_else(|| expected(path, expectation))
}

fn check_fields(
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

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

fn missing(path: &str, expectation: &'static str) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::Missing(expectation))
}

fn expected(path: &str, expectation: &'static str) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::Expected(expectation))
}

fn missing_value(path: &str, rule: FieldRule) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::MissingValue(rule))
}

fn invalid(path: &str, rule: FieldRule) -> ScenarioError {
    ScenarioError::new(path, ScenarioProblem::Invalid(rule))
}

#[cfg(test)]
mod tests {
    use super::super::Scenario;
    use serde_json::json;

    fn refusal(text: &str) -> String {
        match Scenario::from_json(text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(error) => error.to_string(),
        }
    }

    fn with_child(child: serde_json::Value) -> String {
        json!({"version": 1, "children": [child]}).to_string()
    }

    #[test]
    fn every_refusal_names_its_path_and_what_was_expected() {
        let whole = "a whole number of milliseconds from 0 to 86400000";
        let time = format!("expected {whole}");
        let cases = [
            ("", "scenario: not valid JSON: EOF while parsing a value at line 1 column 0".to_owned()),
            ("[]", "scenario: expected a JSON object: the root gather".to_owned()),
            ("{}", "version: missing: expected 1".to_owned()),
            (r#"{"version": "1", "children": []}"#, "version: expected 1 (the only format version)".to_owned()),
            (r#"{"version": 1}"#, "children: missing: expected a list of children (it may be empty)".to_owned()),
            (r#"{"version": 1, "children": {}}"#, "children: expected a list of children (it may be empty)".to_owned()),
            (r#"{"version": 1, "kind": "future", "children": []}"#, r#"kind: expected "gather" (the root is a gather) or no kind"#.to_owned()),
            (r#"{"version": 1, "children": [], "label": 7}"#, "label: expected text of at most 200 characters".to_owned()),
            (r#"{"version": 1, "children": [], "return_exceptions": "yes"}"#, "return_exceptions: expected true or false".to_owned()),
            (r#"{"version": 1, "children": [], "cancel_at_ms": -1}"#, format!("cancel_at_ms: expected null or {whole}")),
            (r#"{"version": 1, "children": [], "colour": "red"}"#, "colour: unknown field (allowed here: version, kind, label, return_exceptions, cancel_at_ms, limit, children, timeout_ms)".to_owned()),
            (&with_child(json!(5)), r#"children[0]: expected a JSON object: a child with "kind""#.to_owned()),
            (&with_child(json!({})), r#"children[0].kind: missing: expected "future" or "gather""#.to_owned()),
            (&with_child(json!({"kind": "task"})), r#"children[0].kind: expected "future" or "gather""#.to_owned()),
            (&with_child(json!({"kind": "future", "result": {"value": 1}})), format!("children[0].delay_ms: missing: expected {whole}")),
            (&with_child(json!({"kind": "future", "delay_ms": 2.5, "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
            (&with_child(json!({"kind": "future", "delay_ms": 86_400_001, "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
            (&with_child(json!({"kind": "future", "delay_ms": 1e300, "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
            (&with_child(json!({"kind": "future", "delay_ms": "100", "result": {"value": 1}})), format!("children[0].delay_ms: {time}")),
            (&with_child(json!({"kind": "future", "delay_ms": 1})), r#"children[0].result: missing: expected {"value": ...} or {"error": {"type": ..., "message": ...}}"#.to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {}})), r#"children[0].result: expected exactly one of "value" or "error""#.to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1, "error": {"type": "E"}}})), r#"children[0].result: expected exactly one of "value" or "error""#.to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": [1]}})), "children[0].result.value: expected a number, string, boolean or null".to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"type": "1Error"}}})), "children[0].result.error.type: expected an exception type name: letters, digits and _, not starting with a digit, 1 to 100 characters".to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"type": "Bad-Name"}}})), "children[0].result.error.type: expected an exception type name: letters, digits and _, not starting with a digit, 1 to 100 characters".to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"message": "m"}}})), "children[0].result.error.type: missing: expected an exception type name: letters, digits and _, not starting with a digit, 1 to 100 characters".to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"error": {"type": "E", "message": "m".repeat(1001)}}})), "children[0].result.error.message: expected text of at most 1000 characters".to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "on_cancel": 5})), r#"children[0].on_cancel: expected null or {"delay_ms": ..., "result": ...}"#.to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "on_cancel": {"result": {"value": 1}}})), format!("children[0].on_cancel.delay_ms: missing: expected {whole}")),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "label": "x".repeat(201)})), "children[0].label: expected text of at most 200 characters".to_owned()),
            (&with_child(json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}, "children": []})), "children[0].children: unknown field (allowed here: kind, label, delay_ms, result, cancel_at_ms, on_cancel, timeout_ms, shield)".to_owned()),
            (&with_child(json!({"kind": "gather", "children": [], "version": 1})), "children[0].version: unknown field (allowed here: kind, label, return_exceptions, cancel_at_ms, limit, children, timeout_ms, shield)".to_owned()),
            (r#"{"version": 1, "limit": 0, "children": []}"#, "limit: expected null or a whole number of slots from 1 to 10000".to_owned()),
            (&with_child(json!({"kind": "gather", "children": [], "limit": 2.5})), "children[0].limit: expected null or a whole number of slots from 1 to 10000".to_owned()),
            (&with_child(json!({"kind": "gather", "children": [], "limit": 10_001})), "children[0].limit: expected null or a whole number of slots from 1 to 10000".to_owned()),
            (&with_child(json!({"kind": "gather", "children": [], "<img src=x>": 1})), r#"children[0]."<img src=x>": unknown field (allowed here: kind, label, return_exceptions, cancel_at_ms, limit, children, timeout_ms, shield)"#.to_owned()),
        ];
        for (input, message) in cases {
            assert_eq!(refusal(input), message, "input: {input}");
        }
    }

    #[test]
    fn the_field_checkers_draw_the_parsers_lines() {
        use super::super::{
            check_label, check_limit, check_message, check_time_ms, check_type_name, FieldRule,
            ScenarioProblem, MAX_LABEL_CHARS, MAX_MESSAGE_CHARS, MAX_NODES, MAX_TIME_MS,
            MAX_TYPE_NAME_CHARS,
        };
        let invalid = |rule| Err(ScenarioProblem::Invalid(rule));
        assert_eq!(check_label(&"é".repeat(MAX_LABEL_CHARS)), Ok(()));
        assert_eq!(
            check_label(&"é".repeat(MAX_LABEL_CHARS + 1)),
            invalid(FieldRule::Label)
        );
        assert_eq!(check_message(&"m".repeat(MAX_MESSAGE_CHARS)), Ok(()));
        assert_eq!(
            check_message(&"m".repeat(MAX_MESSAGE_CHARS + 1)),
            invalid(FieldRule::Message)
        );
        assert_eq!(check_type_name(&"E".repeat(MAX_TYPE_NAME_CHARS)), Ok(()));
        assert_eq!(
            check_type_name(&"E".repeat(MAX_TYPE_NAME_CHARS + 1)),
            invalid(FieldRule::TypeName)
        );
        assert_eq!(check_time_ms(MAX_TIME_MS), Ok(MAX_TIME_MS));
        assert_eq!(check_limit(MAX_NODES as u64), Ok(MAX_NODES));
        assert_eq!(
            check_limit(u64::MAX),
            Err(ScenarioProblem::Invalid(FieldRule::Limit))
        );
        // What the parser accepts at a limit, and the message it gives past it.
        let child = |fields: serde_json::Value| {
            let mut child = json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}});
            child
                .as_object_mut()
                .unwrap()
                .extend(fields.as_object().unwrap().clone());
            with_child(child)
        };
        assert!(Scenario::from_json(&child(json!({"delay_ms": MAX_TIME_MS}))).is_ok());
        assert_eq!(
            refusal(&child(json!({"delay_ms": MAX_TIME_MS + 1}))),
            format!("children[0].delay_ms: expected {}", FieldRule::Time)
        );
        assert_eq!(
            refusal(&child(json!({"timeout_ms": 0}))),
            format!("children[0].timeout_ms: expected {}", FieldRule::Timeout)
        );
        assert!(FieldRule::Time
            .to_string()
            .ends_with(&MAX_TIME_MS.to_string()));
        assert!(FieldRule::Limit
            .to_string()
            .ends_with(&MAX_NODES.to_string()));
    }

    #[test]
    fn limits_are_enforced_at_the_node_that_passes_them() {
        let future = json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}});
        let at_limit =
            json!({"version": 1, "children": vec![future.clone(); super::MAX_NODES - 1]});
        assert!(Scenario::from_value(&at_limit).is_ok());
        let over = json!({"version": 1, "children": vec![future; super::MAX_NODES]});
        assert_eq!(
            Scenario::from_value(&over).unwrap_err().to_string(),
            "children[9999]: too many nodes: a scenario may have at most 10000 futures and gathers"
        );

        let mut nested = json!({"kind": "gather", "children": []});
        for _ in 0..(super::MAX_DEPTH - 2) {
            nested = json!({"kind": "gather", "children": [nested]});
        }
        let at_depth = json!({"version": 1, "children": [nested.clone()]});
        assert!(Scenario::from_value(&at_depth).is_ok());
        let too_deep =
            json!({"version": 1, "children": [{"kind": "gather", "children": [nested]}]});
        let error = Scenario::from_value(&too_deep).unwrap_err();
        assert_eq!(
            error.path(),
            format!("children[0]{}", ".children[0]".repeat(31))
        );
        assert!(error
            .to_string()
            .ends_with("gathers nested too deep: at most 32 levels, the root counting as one"));

        // Past serde_json's own nesting limit: refused, not a stack overflow.
        let deep_text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(
            refusal(&deep_text).starts_with("scenario: not valid JSON: recursion limit exceeded")
        );
    }

    #[test]
    fn defaults_and_lenient_forms_are_accepted() {
        let scenario = Scenario::from_json(
            r#"{"version": 1, "kind": "gather", "children": [
                {"kind": "future", "delay_ms": 300.0, "result": {"error": {"type": "_Err2"}},
                 "cancel_at_ms": null, "on_cancel": null}]}"#,
        )
        .unwrap();
        let expected = json!({"version": 1, "label": "", "return_exceptions": false,
            "cancel_at_ms": null, "children": [{"kind": "future", "label": "", "delay_ms": 300,
            "result": {"error": {"type": "_Err2", "message": ""}}, "cancel_at_ms": null}]});
        assert_eq!(scenario.to_value(), expected);
    }

    #[test]
    fn every_corpus_scenario_survives_a_round_trip() {
        let corpus: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/conformance/corpus.json")).unwrap();
        for case in corpus["cases"].as_array().unwrap() {
            let scenario = Scenario::from_value(&case["scenario"]).unwrap();
            assert_eq!(Scenario::from_value(&scenario.to_value()), Ok(scenario));
        }
    }
}
