//! Scrub a recorded run: a playhead, and steps from event to event (see the model's
//! `replay.rs`).

use super::why_text::WhyText;
use crate::ui::model::{ms_text, Explainer, Float, Playhead, RunView, Step};
use crate::ui::services::browser::browser_number;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    /// The whole recorded run (or prediction).
    pub view: RunView,
    /// While a run is in flight the replay stays, disabled, so that the page does not move
    /// under the run: putting it back would lay out the whole page, a big editor's too.
    pub running: bool,
    pub playhead: Option<Playhead>,
    /// The slider was moved to a moment.
    pub on_scrubbed: Callback<f64>,
    pub on_stepped: Callback<Step>,
    /// "Whole run" was pressed.
    pub on_whole_run: Callback<()>,
    /// Where the why of the moment under the playhead is read from.
    #[prop_or_default]
    pub explainer: Option<Explainer>,
}

#[function_component(Replay)]
pub fn replay(props: &ReplayProps) -> Html {
    // During a run it keeps what it showed: each new value of the slider has Chromium save
    // the state of every field on the page again (a big editor's thousands).
    let kept = use_mut_ref(|| (0usize, 0.0));
    if !props.running {
        *kept.borrow_mut() = (props.view.events.len(), props.view.end_ms().ceil());
    }
    let (events, end) = *kept.borrow();
    let shown = props
        .playhead
        .map_or(events, |playhead| playhead.shown.min(events));
    let at = props
        .playhead
        .map_or(end, |playhead| playhead.at_ms)
        .min(end);
    let step = |step: Step| props.on_stepped.reform(move |_: MouseEvent| step);
    let on_input = {
        let scrubbed = props.on_scrubbed.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(at_ms) = browser_number(&input.value()) {
                scrubbed.emit(at_ms);
            }
        })
    };
    let whole = props.on_whole_run.reform(|_: MouseEvent| ());
    // The event just shown: what the moment under the playhead is.
    let moment = props
        .playhead
        .filter(|_| !props.running)
        .and_then(|_| shown.checked_sub(1))
        .zip(props.explainer.clone());
    html! {
        <>
        <div class="replay" role="group" aria-label="Replay the run">
            <button onclick={step(Step::Back)} disabled={props.running || shown == 0} aria-label="Step back: the previous event">
                { "◀ Step back" }
            </button>
            <label class="playhead">
                <span>{ "Playhead" }</span>
                <input type="range" min="0" max={Float(end).to_string()} step="1" value={Float(at.round()).to_string()}
                    aria-valuetext={ms_text(at)} oninput={on_input} disabled={props.running} />
            </label>
            <button onclick={step(Step::Forward)} disabled={props.running || shown >= events} aria-label="Step forward: the next event">
                { "Step forward ▶" }
            </button>
            <output class="playhead-time" aria-live="polite">
                // No wider than a time, so that the row does not wrap and move what follows.
                { if props.running { "live".to_owned() } else { ms_text(at) } }
            </output>
            <button onclick={whole} disabled={props.playhead.is_none()} aria-label="Show the whole run">{ "Whole run" }</button>
        </div>
        <div class="replay-why" aria-live="polite">
            if let Some((event, explainer)) = moment {
                <WhyText explainer={explainer} event={event} lead={AttrValue::from("At the playhead: ")} />
            }
        </div>
        </>
    }
}
