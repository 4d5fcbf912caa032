//! The panels, one app: Compare and explore where it is mounted (the page's explore slot),
//! the code in the page's code slot, both of the scenario the page holds.

use super::code_panel::CodePanel;
use super::explore::Explore;
use crate::hooks::use_page_scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelsAppProps {
    /// The page's code slot, where the code panel is drawn.
    pub code_slot: web_sys::Element,
}

#[function_component(PanelsApp)]
pub fn panels_app(props: &PanelsAppProps) -> Html {
    let scenario = use_page_scenario();
    html! {
        <>
            <Explore scenario={scenario.clone()} />
            { create_portal(html! { <CodePanel scenario={scenario} /> }, props.code_slot.clone()) }
        </>
    }
}
