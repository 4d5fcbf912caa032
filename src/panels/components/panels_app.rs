//! The panels, one app: Compare and explore where it is mounted (the page's explore slot),
//! the code in the page's code slot, the JSON import and export in its JSON slot, all of
//! the scenario the page holds.

use super::code_panel::CodePanel;
use super::explore::Explore;
use super::json_panel::JsonPanel;
use crate::hooks::use_page_scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelsAppProps {
    /// The page's code slot, where the code panel is drawn.
    pub code_slot: web_sys::Element,
    /// The page's JSON slot, under its editor, where the JSON panel is drawn.
    pub json_slot: web_sys::Element,
}

#[function_component(PanelsApp)]
pub fn panels_app(props: &PanelsAppProps) -> Html {
    let scenario = use_page_scenario();
    html! {
        <>
            <Explore scenario={scenario.clone()} />
            { create_portal(html! { <CodePanel scenario={scenario.clone()} /> }, props.code_slot.clone()) }
            { create_portal(html! { <JsonPanel scenario={scenario} /> }, props.json_slot.clone()) }
        </>
    }
}
