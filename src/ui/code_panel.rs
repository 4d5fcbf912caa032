//! The scenario as a Python asyncio program and as Rust using this crate.

use gather_playground::scenario::Scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    pub scenario: Option<Scenario>,
}

#[function_component(CodePanel)]
pub fn code_panel(props: &CodePanelProps) -> Html {
    let text = props
        .scenario
        .as_ref()
        .and_then(|scenario| serde_json::to_string_pretty(&scenario.to_value()).ok())
        .unwrap_or_default();
    html! { <pre><code>{ text }</code></pre> }
}
