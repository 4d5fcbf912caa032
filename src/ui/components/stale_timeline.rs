//! While the draft has errors: the last valid scenario's prediction, dimmed and labelled so,
//! rather than nothing where the timeline was.

use super::timeline::Timeline;
use crate::ui::model::{RunView, FIX_TO_PREDICT, STALE_PREDICTION};
use yew::prelude::*;

pub struct StaleTimelineProps {
    /// The last valid scenario's prediction, if there was one since the page opened.
    pub view: Option<RunView>,
}

/// The stale prediction, or the note that there is none (a function, not a component: see `mod.rs`).
pub fn stale_timeline(props: &StaleTimelineProps) -> Html {
    html! {
        <div class="timeline-stale">
            <p class="placeholder" role="status">{ FIX_TO_PREDICT }</p>
            if let Some(view) = props.view.clone() {
                <p class="stale-note">{ STALE_PREDICTION }</p>
                // Inert: nothing in it can be used (it is not this scenario's), only read.
                <div class="stale-view" inert={true}>
                    <Timeline view={view} predicted={true} running={false} keys={None}
                        on_delay_changed={Callback::noop()} on_cancel_called={Callback::noop()} />
                </div>
            }
        </div>
    }
}
