//! How a coroutine (or its cleanup) ends: the returns / raises choice, and the value or the
//! exception.

use super::text_field::{text_field, TextFieldProps};
use crate::ui::model::{error_for, DraftEdit, DraftOutcome, Field, FieldError, Flag, Key};
use std::rc::Rc;
use yew::prelude::*;

pub struct OutcomeFieldsProps {
    /// The node's key.
    pub node: Key,
    /// Tells these fields' ids from the other outcome's of the same node.
    pub prefix: AttrValue,
    pub outcome: DraftOutcome,
    /// Its value, exception type and message fields.
    pub fields: [Field; 3],
    /// The flag that says it raises.
    pub raises_flag: Flag,
    pub errors: Rc<Vec<FieldError>>,
    /// How its legend starts: "after its sleep, it".
    pub lead: AttrValue,
    pub on_edit: Callback<DraftEdit>,
}

/// The outcome's fields (a function, not a component: see `mod.rs`).
pub fn outcome_fields(props: &OutcomeFieldsProps) -> Html {
    let key = props.node;
    let [value_field, type_field, message_field] = props.fields;
    let set = |field: Field| {
        props
            .on_edit
            .reform(move |text: String| DraftEdit::SetField { key, field, text })
    };
    let choose = |raises: bool| {
        let flag = props.raises_flag;
        props.on_edit.reform(move |_: Event| DraftEdit::SetFlag {
            key,
            flag,
            on: raises,
        })
    };
    let (prefix, outcome, errors) = (&props.prefix, &props.outcome, &props.errors);
    // One of its text fields: its id, its error and its edits follow from the field.
    let field = |field: Field, id: &str, label: &'static str, value: &str| TextFieldProps {
        id: format!("{prefix}-{key}-{id}").into(),
        label: label.into(),
        value: value.to_owned().into(),
        error: error_for(errors, key, field),
        on_input: set(field),
        ..Default::default()
    };
    let group = format!("{prefix}-{key}-outcome");
    html! {
        <fieldset class="outcome">
            <legend>{ format!("{} then", props.lead) }</legend>
            <label class="check"><input type="radio" name={group.clone()} checked={!outcome.raises} onchange={choose(false)} />{ "returns" }</label>
            <label class="check"><input type="radio" name={group} checked={outcome.raises} onchange={choose(true)} />{ "raises" }</label>
            if outcome.raises {
                { text_field(&TextFieldProps {
                    placeholder: "ValueError".into(),
                    ..field(type_field, "type", "Exception", &outcome.error_type)
                }) }
                { text_field(&TextFieldProps {
                    placeholder: "(empty)".into(),
                    ..field(message_field, "message", "Message", &outcome.error_message)
                }) }
            } else {
                { text_field(&TextFieldProps {
                    hint: "A number, true, false, null, or any text".into(),
                    ..field(value_field, "value", "Value", &outcome.value)
                }) }
            }
        </fieldset>
    }
}
