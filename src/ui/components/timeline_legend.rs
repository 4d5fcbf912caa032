//! What the timeline's colours, patterns and marks mean.

use crate::ui::model::Ending;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineLegendProps {
    /// Whether some child waits for a slot of a limit.
    pub limited: bool,
    /// Whether the planned bars' handles can be dragged.
    pub draggable: bool,
    /// Whether some node has a timeout or a shield.
    #[prop_or_default]
    pub guarded: bool,
    /// Whether some node has a timeout.
    #[prop_or_default]
    pub timeouts: bool,
}

#[function_component(TimelineLegend)]
pub fn timeline_legend(props: &TimelineLegendProps) -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            <li><span class="swatch running"></span>{ "running" }</li>
            { for Ending::ALL.iter().map(|ending| html! {
                <li><span class={classes!("swatch", ending.class())}></span>{ ending.legend() }</li>
            }) }
            if props.limited {
                <li><span class="swatch waiting"></span>{ "waiting for a slot (limit)" }</li>
            }
            <li><span class="swatch cleanup"></span>{ "caught the cancellation, cleaning up" }</li>
            <li><span class="swatch cancel-requested"></span>{ "cancel requested, not finished yet" }</li>
            <li><span class="swatch orphan"></span>{ "still running after its gather completed" }</li>
            <li><span class="swatch cancel-call"></span>{ "cancel() called, with what it returned" }</li>
            if props.timeouts {
                <li><span class="swatch timeout-mark"></span>{ "timeout fired: wait_for cancels" }</li>
            }
            if props.guarded {
                <li><span class="swatch received"></span>{ "thin line: its wait_for or shield, as its gather awaits it, to what that gave" }</li>
            }
            <li><span class="swatch planned"></span>{ "planned sleep" }{ if props.draggable { " (drag its handle, or use arrow keys)" } else { "" } }</li>
        </ul>
    }
}
