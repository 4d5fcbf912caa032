//! Scrub a recorded run: a playhead, and steps from event to event.

use super::numbers::{browser_number, ms_text, Float};
use super::state::{Action, RunView};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    /// The whole recorded run (or prediction).
    pub view: RunView,
    /// While a run is in flight the replay stays, disabled, so that the page does not move
    /// under the run: putting it back would lay out the whole page, a big editor's too.
    pub running: bool,
    pub playhead: Option<f64>,
    pub on_action: Callback<Action>,
}

#[function_component(Replay)]
pub fn replay(props: &ReplayProps) -> Html {
    // During a run it keeps what it showed: following the run would cost a sort of all its
    // events per redraw, and each new value of the slider has Chromium save the state of
    // every field on the page again (a big editor's thousands).
    let kept = use_mut_ref(|| (Vec::new(), 0.0));
    if !props.running {
        *kept.borrow_mut() = (props.view.moments(), props.view.end_ms().ceil());
    }
    let (moments, end) = kept.borrow().clone();
    let at = props.playhead.unwrap_or(end).min(end);
    let step = |direction: i32| {
        let moments = moments.clone();
        props
            .on_action
            .reform(move |_: MouseEvent| Action::StepPlayhead(direction, moments.clone()))
    };
    let on_input = props.on_action.reform(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        Action::SetPlayhead(browser_number(&input.value()))
    });
    let live = props
        .on_action
        .reform(|_: MouseEvent| Action::SetPlayhead(None));
    let first = moments.first().copied().unwrap_or(0.0);
    let last = moments.last().copied().unwrap_or(0.0);
    html! {
        <div class="replay" role="group" aria-label="Replay the run">
            <button onclick={step(-1)} disabled={props.running || at <= first + 0.5} aria-label="Step back: the previous event">
                { "◀ Step back" }
            </button>
            <label class="playhead">
                <span>{ "Playhead" }</span>
                <input type="range" min="0" max={Float(end).to_string()} step="1" value={Float(at.round()).to_string()}
                    aria-valuetext={ms_text(at)} oninput={on_input} disabled={props.running} />
            </label>
            <button onclick={step(1)} disabled={props.running || at >= last - 0.5} aria-label="Step forward: the next event">
                { "Step forward ▶" }
            </button>
            <output class="playhead-time" aria-live="polite">
                // No wider than a time, so that the row does not wrap and move what follows.
                { if props.running { "live".to_owned() } else { ms_text(at) } }
            </output>
            <button onclick={live} disabled={props.playhead.is_none()} aria-label="Show the whole run">{ "Whole run" }</button>
        </div>
    }
}
