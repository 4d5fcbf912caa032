//! The scenario tree editor.

use super::node_card::NodeCard;
use crate::ui::model::{DraftEdit, DraftNode, FieldError, Key};
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
    /// The scenario was edited.
    pub on_edit: Callback<DraftEdit>,
    /// A gather's card was collapsed (true) or expanded.
    pub on_collapsed: Callback<(Key, bool)>,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    // A big tree scrolls in its own box, so that what follows it (the JSON panel, and the
    // timeline when the panels are stacked) stays within reach.
    let tall = props.draft.node_count() > TALL_ABOVE;
    html! {
        <div class={classes!("editor", tall.then_some("tall"))}>
            <NodeCard node={(*props.draft).clone()} node_id={0} errors={props.errors.clone()} depth={0}
                position={0} siblings={1} on_edit={props.on_edit.clone()} on_collapsed={props.on_collapsed.clone()} />
        </div>
    }
}
