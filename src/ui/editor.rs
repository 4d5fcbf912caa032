//! The scenario tree editor.

use super::draft::{DraftNode, FieldError};
use super::node_card::NodeCard;
use super::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Above this many nodes the editor scrolls in a box of its own.
const TALL_ABOVE: usize = 40;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Shared with the page's state: comparing it on every redraw of a run looks at a
    /// pointer, not at the whole draft (ten thousand nodes of it at most).
    pub draft: Rc<DraftNode>,
    pub errors: Rc<Vec<FieldError>>,
    pub on_action: Callback<Action>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    // A big tree scrolls in its own box, so that what follows it (the JSON panel, and the
    // timeline when the panels are stacked) stays within reach.
    let tall = props.draft.node_count() > TALL_ABOVE;
    html! {
        <div class={classes!("editor", tall.then_some("tall"))}>
            <NodeCard node={(*props.draft).clone()} errors={props.errors.clone()} depth={0}
                position={0} siblings={1} on_action={props.on_action.clone()} />
        </div>
    }
}
