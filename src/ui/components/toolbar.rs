//! Presets, run controls, speed and sharing, predict first and help, and the page's
//! messages.

use super::checkbox::Checkbox;
use super::help::Help;
use crate::ui::hooks::use_sticky_top;
use crate::ui::model::{run_blocked, Float, Notice, PRESETS, SPEEDS};
use crate::ui::services::browser::browser_number;
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
    /// A preset was chosen, by its place in [`PRESETS`].
    pub on_preset_chosen: Callback<usize>,
    pub on_speed_chosen: Callback<f64>,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_reset: Callback<()>,
    pub on_share: Callback<()>,
    pub on_notice_dismissed: Callback<()>,
    /// "Predict first": the prediction hidden until the learner picks an outcome.
    pub predict_first: bool,
    pub on_predict_first_changed: Callback<bool>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let toolbar_ref = use_node_ref();
    use_sticky_top(toolbar_ref.clone());
    let on_preset = {
        let chosen = props.on_preset_chosen.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                chosen.emit(index);
            }
        })
    };
    let on_speed = {
        let chosen = props.on_speed_chosen.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(speed) = browser_number(&select.value()) {
                chosen.emit(speed);
            }
        })
    };
    let pressed = |callback: &Callback<()>| callback.reform(|_: MouseEvent| ());
    let preset_note = props
        .preset
        .and_then(|index| PRESETS.get(index))
        .map(|preset| preset.notice);

    html! {
        <section ref={toolbar_ref} class="toolbar" aria-label="Controls">
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
                <button class="primary" onclick={pressed(&props.on_run)} disabled={props.blocked > 0}
                    aria-describedby="run-blocked" title="Run (Ctrl/⌘+Enter)">
                    { if props.running { "Run again" } else { "Run" } }
                </button>
                <button onclick={pressed(&props.on_stop)} disabled={!props.running}>{ "Stop" }</button>
                <button onclick={pressed(&props.on_reset)} disabled={!props.has_run}>{ "Reset" }</button>
                <label class="inline-field">
                    <span>{ "Speed" }</span>
                    <select onchange={on_speed} aria-label="Speed: scales every time in the run">
                        { for SPEEDS.iter().map(|speed| html! {
                            <option value={Float(*speed).to_string()} selected={(props.speed - speed).abs() < 1e-9}>{ format!("{}×", Float(*speed)) }</option>
                        }) }
                    </select>
                </label>
                <button onclick={pressed(&props.on_share)}>{ "Copy share link" }</button>
                <Checkbox id="predict-first" label="Predict first" checked={props.predict_first}
                    on_changed={props.on_predict_first_changed.clone()} />
                <Help />
            </div>
            <p id="run-blocked" class="run-blocked" role="status">{ run_blocked(props.blocked).unwrap_or_default() }</p>
            if let Some(note) = preset_note {
                <p id="preset-note" class="preset-note"><strong>{ "Notice: " }</strong>{ note }</p>
            }
            if let Some(notice) = &props.notice {
                <p class={classes!("notice", notice.is_error.then_some("error"))} role={if notice.is_error { "alert" } else { "status" }}>
                    { notice.text.clone() }
                    <button class="link" onclick={pressed(&props.on_notice_dismissed)} aria-label="Dismiss this message">{ "×" }</button>
                </p>
            }
        </section>
    }
}
