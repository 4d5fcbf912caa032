//! What the timeline's colours, patterns and marks mean (the words are the model's
//! `legend_entries`, which the help lists too).

use crate::ui::model::{legend_entries, LegendShown};
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
    let shown = LegendShown {
        limited: props.limited,
        guarded: props.guarded,
        timeouts: props.timeouts,
        draggable: props.draggable,
    };
    html! {
        <ul class="legend" aria-label="Legend">
            { for legend_entries(shown).into_iter().map(|(class, words)| html! {
                <li><span class={classes!("swatch", class)}></span>{ words }</li>
            }) }
        </ul>
    }
}
