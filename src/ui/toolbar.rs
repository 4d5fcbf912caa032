//! Presets, run controls, speed and sharing.

use super::numbers::{browser_number, Float};
use super::presets::PRESETS;
use super::state::{Action, Notice, SPEEDS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub preset: Option<usize>,
    pub speed: f64,
    pub running: bool,
    pub has_run: bool,
    /// How many fields are invalid (the scenario cannot run while any is).
    pub blocked: usize,
    pub notice: Option<Notice>,
    pub on_action: Callback<Action>,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_reset: Callback<()>,
    pub on_share: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let on_preset = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                on_action.emit(Action::LoadPreset(index));
            }
        })
    };
    let on_speed = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(speed) = browser_number(&select.value()) {
                on_action.emit(Action::SetSpeed(speed));
            }
        })
    };
    let run = props.on_run.reform(|_: MouseEvent| ());
    let stop = props.on_stop.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    let share = props.on_share.reform(|_: MouseEvent| ());
    let dismiss = props
        .on_action
        .reform(|_: MouseEvent| Action::SetNotice(None));
    let why_not = (props.blocked > 0).then(|| {
        if props.blocked == 1 {
            "Can't run yet: 1 field needs fixing (marked in red).".to_owned()
        } else {
            format!(
                "Can't run yet: {} fields need fixing (marked in red).",
                props.blocked
            )
        }
    });
    let preset_note = props
        .preset
        .and_then(|index| PRESETS.get(index))
        .map(|preset| preset.notice);

    html! {
        <section class="toolbar" aria-label="Controls">
            <div class="toolbar-row">
                <label class="inline-field">
                    <span>{ "Preset" }</span>
                    <select onchange={on_preset} aria-describedby="preset-note">
                        <option value="" selected={props.preset.is_none()} disabled=true>{ "Your scenario" }</option>
                        { for PRESETS.iter().enumerate().map(|(index, preset)| html! {
                            <option value={index.to_string()} selected={props.preset == Some(index)}>{ preset.name }</option>
                        }) }
                    </select>
                </label>
                <button class="primary" onclick={run} disabled={props.blocked > 0}
                    aria-describedby="run-blocked" title="Run (Ctrl/⌘+Enter)">
                    { if props.running { "Run again" } else { "Run" } }
                </button>
                <button onclick={stop} disabled={!props.running}>{ "Stop" }</button>
                <button onclick={reset} disabled={!props.has_run}>{ "Reset" }</button>
                <label class="inline-field">
                    <span>{ "Speed" }</span>
                    <select onchange={on_speed} aria-label="Speed: scales every time in the run">
                        { for SPEEDS.iter().map(|speed| html! {
                            <option value={Float(*speed).to_string()} selected={(props.speed - speed).abs() < 1e-9}>{ format!("{}×", Float(*speed)) }</option>
                        }) }
                    </select>
                </label>
                <button onclick={share}>{ "Copy share link" }</button>
            </div>
            <p id="run-blocked" class="run-blocked" role="status">{ why_not.unwrap_or_default() }</p>
            if let Some(note) = preset_note {
                <p id="preset-note" class="preset-note"><strong>{ "Notice: " }</strong>{ note }</p>
            }
            if let Some(notice) = &props.notice {
                <p class={classes!("notice", notice.is_error.then_some("error"))} role={if notice.is_error { "alert" } else { "status" }}>
                    { notice.text.clone() }
                    <button class="link" onclick={dismiss} aria-label="Dismiss this message">{ "×" }</button>
                </p>
            }
        </section>
    }
}
