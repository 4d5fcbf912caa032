//! Where a panel that comes later (Compare and explore, the code, the JSON panel:
//! `src/panels/`) is mounted:
//! an element the page never draws into, and above it what the page says while the panel
//! is not there yet, or did not come.

use crate::ui::model::{PANEL_FAILED, PANEL_LOADING};
use crate::ui::services::panels::PanelsStatus;
use yew::prelude::*;

pub struct PanelSlotProps {
    /// The slot element's id, which the panels look for.
    pub id: &'static str,
    pub status: PanelsStatus,
    /// Try again was pressed, after the panels did not load.
    pub on_retried: Callback<()>,
}

/// The slot (a function, not a component: see `mod.rs`).
pub fn panel_slot(props: &PanelSlotProps) -> Html {
    let on_retry = props.on_retried.reform(|_: MouseEvent| ());
    html! {
        <>
            if props.status == PanelsStatus::Loading {
                <p class="loading" role="status">{ PANEL_LOADING }</p>
            }
            if props.status == PanelsStatus::Failed {
                <p class="field-error" role="alert">
                    { PANEL_FAILED }{ " " }
                    <button class="small" onclick={on_retry}>{ "Try again" }</button>
                </p>
            }
            // Keyed by its id, so that it is never taken for another element and redrawn:
            // what is in it is the panels', not the page's.
            <div id={props.id} key={props.id}></div>
        </>
    }
}
