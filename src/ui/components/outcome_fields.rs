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
    let group = format!("{prefix}-{key}-outcome");
    html! {
        <fieldset class="outcome">
            <legend>{ format!("{} then", props.lead) }</legend>
            <label class="check"><input type="radio" name={group.clone()} checked={!outcome.raises} onchange={choose(false)} />{ "returns" }</label>
            <label class="check"><input type="radio" name={group} checked={outcome.raises} onchange={choose(true)} />{ "raises" }</label>
            if outcome.raises {
                { text_field(&TextFieldProps {
                    id: format!("{prefix}-{key}-type").into(),
                    label: "Exception".into(),
                    value: outcome.error_type.clone().into(),
                    placeholder: "ValueError".into(),
                    error: error_for(errors, key, type_field),
                    on_input: set(type_field),
                    ..Default::default()
                }) }
                { text_field(&TextFieldProps {
                    id: format!("{prefix}-{key}-message").into(),
                    label: "Message".into(),
                    value: outcome.error_message.clone().into(),
                    placeholder: "(empty)".into(),
                    error: error_for(errors, key, message_field),
                    on_input: set(message_field),
                    ..Default::default()
                }) }
            } else {
                { text_field(&TextFieldProps {
                    id: format!("{prefix}-{key}-value").into(),
                    label: "Value".into(),
                    value: outcome.value.clone().into(),
                    hint: "A number, true, false, null, or any text".into(),
                    error: error_for(errors, key, value_field),
                    on_input: set(value_field),
                    ..Default::default()
                }) }
            }
        </fieldset>
    }
}
