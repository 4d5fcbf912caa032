//! The scenario tree editor.

use super::draft::{DraftNode, FieldError};
use super::node_card::NodeCard;
use super::state::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub draft: DraftNode,
    pub errors: Rc<Vec<FieldError>>,
    pub on_action: Callback<Action>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    html! {
        <div class="editor">
            <NodeCard node={props.draft.clone()} errors={props.errors.clone()} depth={0}
                position={0} siblings={1} on_action={props.on_action.clone()} />
        </div>
    }
}
