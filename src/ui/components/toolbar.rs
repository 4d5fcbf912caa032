//! Presets, undo and redo, run controls, speed and sharing, predict first and help, and the
//! page's messages.

use super::checkbox::{checkbox, CheckboxProps};
use super::help::Help;
use crate::ui::hooks::{use_select_value, use_sticky_top};
use crate::ui::model::{run_blocked, Float, HistoryAction, Notice, PRESETS, SPEEDS};
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
    /// What Undo would take back and Redo do again ("load preset ‘…’"), if anything.
    pub undo_what: Option<AttrValue>,
    pub redo_what: Option<AttrValue>,
    /// A preset was chosen and Load pressed, by its place in [`PRESETS`].
    pub on_preset_chosen: Callback<usize>,
    /// Undo or Redo was pressed (in the toolbar or in a notice).
    pub on_history: Callback<HistoryAction>,
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
    // Picking a preset in the list only picks it (Chromium fires `change` on every arrow
    // key); Load, or Enter in the list, loads it. A load or an edit shows what the editor
    // holds again.
    let picked = use_state_eq(|| props.preset);
    {
        let picked = picked.setter();
        use_effect_with(props.preset, move |preset| picked.set(*preset));
    }
    let select_ref = use_select_value(Some(
        picked.map(|index| index.to_string()).unwrap_or_default(),
    ));
    // The preset loaded can be loaded again: fresh, with no run.
    let loadable = *picked;
    let on_pick = {
        let picked = picked.setter();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                picked.set(Some(index));
            }
        })
    };
    let on_load = {
        let chosen = props.on_preset_chosen.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(index) = loadable {
                chosen.emit(index);
            }
        })
    };
    let on_list_key = {
        let chosen = props.on_preset_chosen.clone();
        Callback::from(move |event: KeyboardEvent| {
            if let (Some(index), "Enter") = (loadable, event.key().as_str()) {
                event.prevent_default();
                chosen.emit(index);
            }
        })
    };
    let history = |action: HistoryAction| props.on_history.reform(move |_: MouseEvent| action);
    let history_label = |verb: &str, nothing: &str, what: &Option<AttrValue>| match what {
        Some(what) => format!("{verb}: {what}"),
        None => format!("{verb}: {nothing}"),
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
                    <select ref={select_ref} onchange={on_pick} onkeydown={on_list_key} aria-describedby="preset-note">
                        <option value="" selected={picked.is_none()} disabled=true>{ "Your scenario" }</option>
                        { for PRESETS.iter().enumerate().map(|(index, preset)| html! {
                            <option value={index.to_string()} selected={*picked == Some(index)}>{ preset.name }</option>
                        }) }
                    </select>
                </label>
                <button onclick={on_load} disabled={loadable.is_none()}
                    title="Load the preset picked in place of the scenario (Undo brings it back)">{ "Load" }</button>
                <button class="history" onclick={history(HistoryAction::Undo)} disabled={props.undo_what.is_none()}
                    aria-label={history_label("Undo", "nothing to undo", &props.undo_what)} title="Undo (Ctrl/⌘+Z)">
                    <span aria-hidden="true">{ "↶ " }</span>{ "Undo" }
                </button>
                <button class="history" onclick={history(HistoryAction::Redo)} disabled={props.redo_what.is_none()}
                    aria-label={history_label("Redo", "nothing to redo", &props.redo_what)} title="Redo (Shift+Ctrl/⌘+Z)">
                    <span aria-hidden="true">{ "↷ " }</span>{ "Redo" }
                </button>
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
                { checkbox(&CheckboxProps { id: "predict-first".into(), label: "Predict first".into(),
                    checked: props.predict_first, on_changed: props.on_predict_first_changed.clone() }) }
                <Help />
            </div>
            <p id="run-blocked" class="run-blocked" role="status">{ run_blocked(props.blocked).unwrap_or_default() }</p>
            if let Some(note) = preset_note {
                <p id="preset-note" class="preset-note"><strong>{ "Notice: " }</strong>{ note }</p>
            }
            // Always there, so that a screen reader hears what comes into it.
            <div class="notices" role="status">
                if let Some(notice) = &props.notice {
                    <p class={classes!("notice", notice.is_error.then_some("error"))} role={notice.is_error.then_some("alert")}>
                        <span class="notice-text">{ notice.text.clone() }</span>
                        if let Some(offer) = notice.offer {
                            <button class="link" onclick={history(offer)}>
                                { if offer == HistoryAction::Undo { "Undo" } else { "Redo" } }
                            </button>
                        }
                        <button class="link" onclick={pressed(&props.on_notice_dismissed)} aria-label="Dismiss this message">{ "×" }</button>
                    </p>
                }
            </div>
        </section>
    }
}
