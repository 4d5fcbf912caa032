//! A card's arrangement buttons: up, down, duplicate, remove.

use crate::ui::model::{DraftEdit, Key};
use yew::prelude::*;

pub struct CardActionsProps {
    pub node: Key,
    /// The node as the card names it.
    pub name: AttrValue,
    pub position: usize,
    pub siblings: usize,
    /// The node was moved (by -1 or 1), duplicated or removed.
    pub on_edit: Callback<DraftEdit>,
    /// After a move by the step given (or a copy landing 1 further), for the card's page to
    /// follow it.
    pub on_moved: Callback<isize>,
}

/// The buttons (a function, not a component: see `mod.rs`).
pub fn card_actions(props: &CardActionsProps) -> Html {
    let key = props.node;
    let name = &props.name;
    let then_follow = |edit: DraftEdit, step: isize| {
        let (on_edit, on_moved) = (props.on_edit.clone(), props.on_moved.clone());
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(edit.clone());
            on_moved.emit(step);
        })
    };
    let remove = props
        .on_edit
        .reform(move |_: MouseEvent| DraftEdit::Remove { key });
    html! {
        <div class="card-actions" role="group" aria-label={format!("Arrange {name}")}>
            <button class="icon" onclick={then_follow(DraftEdit::Move { key, by: -1 }, -1)} disabled={props.position == 0}
                aria-label={format!("Move {name} up")} title="Move up">{ "↑" }</button>
            <button class="icon" onclick={then_follow(DraftEdit::Move { key, by: 1 }, 1)} disabled={props.position + 1 >= props.siblings}
                aria-label={format!("Move {name} down")} title="Move down">{ "↓" }</button>
            <button class="icon" onclick={then_follow(DraftEdit::Duplicate { key }, 1)}
                aria-label={format!("Duplicate {name}")} title="Duplicate">
                <svg class="icon-svg" viewBox="0 0 16 16" aria-hidden="true">
                    <rect x="1.5" y="4.5" width="9" height="9" rx="1.5" /><rect x="5.5" y="1.5" width="9" height="9" rx="1.5" />
                </svg>
            </button>
            <button class="icon danger" onclick={remove}
                aria-label={format!("Remove {name}")} title="Remove">{ "✕" }</button>
        </div>
    }
}
