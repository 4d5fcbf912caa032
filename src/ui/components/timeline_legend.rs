//! What the timeline's colours, patterns and marks mean.

use crate::ui::model::{legend_entries, LegendFlags};
use yew::prelude::*;

pub struct TimelineLegendProps {
    /// Which of the marks that only some scenarios have are on this timeline.
    pub flags: LegendFlags,
}

/// The legend (a function, not a component: see `mod.rs`).
pub fn timeline_legend(props: &TimelineLegendProps) -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for legend_entries(props.flags).into_iter().map(|(class, words)| html! {
                <li><span class={classes!("swatch", class)}></span>{ words }</li>
            }) }
        </ul>
    }
}
