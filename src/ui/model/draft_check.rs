//! The draft checked against the format: the scenario, or every field to fix and why.
//!
//! The rules are the library's field checkers ([`check_label`] and the others), the ones
//! its parser applies; only their words are the editor's, since a person types text where
//! the format has JSON (an empty field where JSON has `null`).

use super::draft::{DraftCleanup, DraftKind, DraftNode, DraftOutcome, Field, Key};
use super::numbers::grouped;
use gather_playground::scenario::{
    check_label, check_limit, check_message, check_time_ms, check_timeout_ms, check_type_name,
    check_value, FutureSpec, GatherSpec, Guard, NodeSpec, OnCancelSpec, ResultSpec, Scenario,
    MAX_LABEL_CHARS, MAX_MESSAGE_CHARS, MAX_NODES, MAX_TIME_MS, MAX_TYPE_NAME_CHARS,
};
use gather_playground::Exception;
use serde_json::Value;

/// A field that does not hold what the format allows, and why, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub key: Key,
    pub field: Field,
    pub message: String,
}

/// The editor's words for each rule. A text too long is kept as typed (cutting a paste
/// short would lose its end unseen), and the words say by how much.
fn too_long(chars: usize, text: &str) -> String {
    format!(
        "at most {chars} characters; this has {}",
        grouped(text.chars().count())
    )
}

fn time_words() -> String {
    // MAX_TIME_MS is a day: the editor says so.
    format!("a whole number of milliseconds from 0 to {MAX_TIME_MS} (a day)")
}

const TIME_REQUIRED: &str = "required: a whole number of milliseconds";
const VALUE_WORDS: &str = "a value is a number, text, true, false or null (not a list or object)";

fn timeout_words() -> String {
    format!(
        "a whole number of milliseconds from 1 to {MAX_TIME_MS} (a day), or empty for no timeout"
    )
}

fn limit_words() -> String {
    format!("a whole number of slots from 1 to {MAX_NODES}, or empty for no limit")
}

fn type_name_words() -> String {
    format!(
        "an exception name: letters, digits and _, not starting with a digit, at most \
         {MAX_TYPE_NAME_CHARS} characters (e.g. ValueError)"
    )
}

/// A value as typed: a JSON number, quoted string, true, false or null; any other text is
/// a string, so that `hello` means "hello".
pub fn parse_value(text: &str) -> Result<Value, &'static str> {
    let trimmed = text.trim();
    match serde_json::from_str::<Value>(trimmed) {
        Ok(value) if check_value(&value).is_err() => Err(VALUE_WORDS),
        Ok(value) if !trimmed.is_empty() => Ok(value),
        _ => Ok(Value::String(text.to_owned())),
    }
}

/// A whole number as typed (spaces around it allowed), if it is one.
fn whole(text: &str) -> Option<u64> {
    text.trim().parse::<u64>().ok()
}

impl DraftNode {
    /// The scenario, or every field that is wrong.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        let root = self.gather_spec(&mut errors, true);
        match root {
            Some(root) if errors.is_empty() => Ok(Scenario { root }),
            _ => Err(errors),
        }
    }

    fn gather_spec(&self, errors: &mut Vec<FieldError>, is_root: bool) -> Option<GatherSpec> {
        let DraftKind::Gather {
            return_exceptions,
            limit,
            children,
        } = &self.kind
        else {
            return None;
        };
        let label = self.checked_label(errors);
        let cancel_at_ms = self.optional_time(&self.cancel_at, Field::CancelAt, errors);
        let limit = self.limit(limit, errors);
        let guard = self.guard(is_root, errors);
        let children: Vec<Option<NodeSpec>> = children
            .iter()
            .map(|child| match &child.kind {
                DraftKind::Future { .. } => child.future_spec(errors).map(NodeSpec::Future),
                DraftKind::Gather { .. } => child.gather_spec(errors, false).map(NodeSpec::Gather),
            })
            .collect();
        Some(GatherSpec {
            label: label?,
            return_exceptions: *return_exceptions,
            cancel_at_ms: cancel_at_ms?,
            limit: limit?,
            children: children.into_iter().collect::<Option<Vec<_>>>()?,
            guard: guard?,
        })
    }

    fn future_spec(&self, errors: &mut Vec<FieldError>) -> Option<FutureSpec> {
        let DraftKind::Future {
            delay,
            outcome,
            cleanup,
        } = &self.kind
        else {
            return None;
        };
        let label = self.checked_label(errors);
        let delay_ms = self.time(delay, Field::Delay, errors);
        let cancel_at_ms = self.optional_time(&self.cancel_at, Field::CancelAt, errors);
        let result = self.result(
            outcome,
            [Field::Value, Field::ErrorType, Field::ErrorMessage],
            errors,
        );
        let on_cancel = match cleanup {
            None => Some(None),
            Some(cleanup) => self.cleanup(cleanup, errors).map(Some),
        };
        let guard = self.guard(false, errors);
        Some(FutureSpec {
            label: label?,
            delay_ms: delay_ms?,
            result: result?,
            cancel_at_ms: cancel_at_ms?,
            on_cancel: on_cancel?,
            guard: guard?,
        })
    }

    fn cleanup(
        &self,
        cleanup: &DraftCleanup,
        errors: &mut Vec<FieldError>,
    ) -> Option<OnCancelSpec> {
        let delay_ms = self.time(&cleanup.delay, Field::CleanupDelay, errors);
        let result = self.result(
            &cleanup.outcome,
            [
                Field::CleanupValue,
                Field::CleanupErrorType,
                Field::CleanupErrorMessage,
            ],
            errors,
        );
        Some(OnCancelSpec {
            delay_ms: delay_ms?,
            result: result?,
        })
    }

    fn error(&self, field: Field, message: impl Into<String>, errors: &mut Vec<FieldError>) {
        errors.push(FieldError {
            key: self.key,
            field,
            message: message.into(),
        });
    }

    fn checked_label(&self, errors: &mut Vec<FieldError>) -> Option<String> {
        match check_label(&self.label) {
            Ok(()) => Some(self.label.clone()),
            Err(_) => {
                self.error(Field::Label, too_long(MAX_LABEL_CHARS, &self.label), errors);
                None
            }
        }
    }

    fn time(&self, text: &str, field: Field, errors: &mut Vec<FieldError>) -> Option<u64> {
        if text.trim().is_empty() {
            self.error(field, TIME_REQUIRED, errors);
            return None;
        }
        let checked = whole(text).and_then(|ms| check_time_ms(ms).ok());
        if checked.is_none() {
            self.error(field, time_words(), errors);
        }
        checked
    }

    fn optional_time(
        &self,
        text: &str,
        field: Field,
        errors: &mut Vec<FieldError>,
    ) -> Option<Option<u64>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            self.time(text, field, errors).map(Some)
        }
    }

    /// Its timeout and shield. The root has no shield (only `main` awaits it): a shield
    /// there, which only a hand-edited saved draft could hold, is left out.
    fn guard(&self, is_root: bool, errors: &mut Vec<FieldError>) -> Option<Guard> {
        let timeout_ms = if self.timeout.trim().is_empty() {
            None
        } else {
            let checked = whole(&self.timeout).and_then(|ms| check_timeout_ms(ms).ok());
            if checked.is_none() {
                self.error(Field::Timeout, timeout_words(), errors);
            }
            Some(checked?)
        };
        Some(Guard {
            timeout_ms,
            shield: self.shield && !is_root,
        })
    }

    fn limit(&self, text: &str, errors: &mut Vec<FieldError>) -> Option<Option<usize>> {
        if text.trim().is_empty() {
            return Some(None);
        }
        let checked = whole(text).and_then(|slots| check_limit(slots).ok());
        if checked.is_none() {
            self.error(Field::Limit, limit_words(), errors);
        }
        checked.map(Some)
    }

    fn result(
        &self,
        outcome: &DraftOutcome,
        [value_field, type_field, message_field]: [Field; 3],
        errors: &mut Vec<FieldError>,
    ) -> Option<ResultSpec> {
        if !outcome.raises {
            return match parse_value(&outcome.value) {
                Ok(value) => Some(ResultSpec::Value(value)),
                Err(message) => {
                    self.error(value_field, message, errors);
                    None
                }
            };
        }
        let type_name = outcome.error_type.trim();
        let valid_type = check_type_name(type_name).is_ok();
        if !valid_type {
            self.error(type_field, type_name_words(), errors);
        }
        if check_message(&outcome.error_message).is_err() {
            self.error(
                message_field,
                too_long(MAX_MESSAGE_CHARS, &outcome.error_message),
                errors,
            );
            return None;
        }
        valid_type
            .then(|| ResultSpec::Error(Exception::new(type_name, outcome.error_message.as_str())))
    }
}

#[cfg(test)]
#[path = "draft_check_tests.rs"]
mod tests;
