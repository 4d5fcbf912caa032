//! The live SVG timeline: a lane per node, bars growing in real time.

use super::cancel_list::CancelList;
use super::draft::Key;
use super::numbers::{ms_text, Float};
use super::state::{Action, RunView, Trace};
use super::visible::use_visible_span;
use gather_playground::scenario::{NodeId, Status, MAX_TIME_MS};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

const WIDTH: f64 = 760.0;
const LABEL_X: f64 = 8.0;
const PLOT_X0: f64 = 170.0;
const PLOT_X1: f64 = 730.0;
const AXIS_H: f64 = 30.0;
const ROW_H: f64 = 30.0;
const BAR_H: f64 = 14.0;
const GATHER_BAR_H: f64 = 8.0;
/// Arrow keys move a delay by this much; with Shift, ten times as much.
const NUDGE_MS: u64 = 10;
/// Above this many lanes only those on screen are drawn (an export draws them all).
const DRAW_ALL_UP_TO: usize = 80;
/// Above this many nodes, cancel() is offered through a list rather than a button for each
/// running node.
const CANCEL_BUTTONS_UP_TO: usize = 24;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub view: RunView,
    pub predicted: bool,
    /// The draft's keys in preorder, when bars may be dragged to edit delays.
    pub keys: Option<Rc<Vec<Key>>>,
    pub running: bool,
    pub on_action: Callback<Action>,
    pub on_cancel: Callback<NodeId>,
}

/// A drag of a delay handle in progress, with the scale frozen so the bar follows the
/// pointer even as the axis would grow.
#[derive(Clone, Copy, PartialEq)]
struct Drag {
    key: Key,
    total_ms: f64,
}

/// What an export saves the timeline as.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Svg,
    Png,
}

fn nice_step(total_ms: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            if total_ms / (step * factor) <= 8.0 {
                return step * factor;
            }
        }
        step *= 10.0;
    }
}

fn format_ms(ms: f64) -> String {
    if ms >= 10_000.0 && ms % 1000.0 == 0.0 {
        format!("{} s", Float(ms / 1000.0))
    } else {
        ms_text(ms)
    }
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        format!(
            "{}…",
            text.chars()
                .take(chars.saturating_sub(1))
                .collect::<String>()
        )
    }
}

fn status_class(status: Option<&Status>) -> &'static str {
    match status {
        None => "running",
        Some(Status::Ok { .. }) => "ok",
        Some(Status::Raised { .. }) => "raised",
        Some(Status::Cancelled) => "cancelled",
    }
}

fn status_glyph(status: &Status) -> &'static str {
    match status {
        Status::Ok { .. } => "✓",
        Status::Raised { .. } => "✗",
        Status::Cancelled => "⊘",
    }
}

/// The time the axis must reach to show everything planned and everything that happened.
fn horizon_ms(view: &RunView) -> f64 {
    let planned = view
        .lanes
        .iter()
        .filter_map(|lane| lane.delay_ms)
        .max()
        .unwrap_or(0) as f64;
    let happened = view
        .traces
        .iter()
        .flat_map(|trace| {
            trace
                .finished
                .iter()
                .map(|(at, _)| *at)
                .chain(trace.cancels.iter().map(|mark| mark.at_ms))
        })
        .fold(0.0, f64::max);
    (planned.max(happened).max(view.now_ms).max(view.axis_ms) * 1.08).max(100.0)
}

fn orphaned(view: &RunView, node: NodeId, trace: &Trace) -> bool {
    trace.finished.is_none()
        && view.lanes[node]
            .parent
            .and_then(|parent| view.traces.get(parent))
            .is_some_and(|parent| parent.finished.is_some())
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let drag = use_state(|| None::<Drag>);
    let svg_ref = use_node_ref();
    let export_error = use_state(|| None::<String>);
    // An export asked for: the next render draws every lane, then the effect saves them.
    let exporting = use_state_eq(|| None::<Export>);
    {
        let (svg_ref, export_error, exporting) =
            (svg_ref.clone(), export_error.clone(), exporting.clone());
        use_effect_with(*exporting, move |asked| {
            if let (Some(format), Some(svg)) = (asked, svg_ref.cast::<Element>()) {
                let saved = match format {
                    Export::Png => super::export::export_png(&svg),
                    Export::Svg => super::export::export_svg(&svg),
                };
                export_error.set(saved.err());
                exporting.set(None);
            }
        });
    }
    let export = |format: Export| {
        let exporting = exporting.clone();
        Callback::from(move |_: MouseEvent| exporting.set(Some(format)))
    };
    let scroll_ref = use_node_ref();
    let tall = props.view.lanes.len() > DRAW_ALL_UP_TO;
    let span = use_visible_span(svg_ref.clone(), Some(scroll_ref.clone()), tall);
    let view = &props.view;
    let total_ms = drag.map_or_else(|| horizon_ms(view), |drag| drag.total_ms);
    let x = |ms: f64| PLOT_X0 + (ms / total_ms).clamp(0.0, 1.0) * (PLOT_X1 - PLOT_X0);
    let height = AXIS_H + ROW_H * view.lanes.len() as f64 + 8.0;
    let step = nice_step(total_ms);
    let ticks: Vec<f64> = (0..)
        .map(|i| i as f64 * step)
        .take_while(|ms| *ms <= total_ms)
        .collect();

    let ms_at_pointer = {
        let svg_ref = svg_ref.clone();
        move |client_x: i32, total_ms: f64| -> Option<u64> {
            let svg = svg_ref.cast::<Element>()?;
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return None;
            }
            let units = (client_x as f64 - rect.left()) / rect.width() * WIDTH;
            let ms = ((units - PLOT_X0) / (PLOT_X1 - PLOT_X0) * total_ms).max(0.0);
            Some(((ms / 10.0).round() * 10.0).min(MAX_TIME_MS as f64) as u64)
        }
    };
    let on_pointer_move = {
        let drag = drag.clone();
        let on_action = props.on_action.clone();
        let ms_at_pointer = ms_at_pointer.clone();
        Callback::from(move |event: PointerEvent| {
            if let Some(active) = *drag {
                if let Some(ms) = ms_at_pointer(event.client_x(), active.total_ms) {
                    on_action.emit(Action::SetDelay(active.key, ms));
                }
            }
        })
    };
    let on_pointer_up = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };

    // A tall timeline keeps its axis in sight, in a header of its own that stays at the top
    // of its box; the timeline's own axis is then cut off its viewBox (an export keeps it).
    let axis_apart = tall && exporting.is_none();
    let view_top = if axis_apart { AXIS_H } else { 0.0 };
    let drawn = if !tall || exporting.is_some() {
        0..view.lanes.len()
    } else {
        // Rendered height over the viewBox's: CSS pixels per unit.
        let scale = span.height_px / (height - view_top);
        if scale > 0.0 {
            span.rows((AXIS_H - view_top) * scale, ROW_H * scale, view.lanes.len())
        } else {
            0..view.lanes.len().min(DRAW_ALL_UP_TO)
        }
    };
    let lanes = view.lanes[drawn.clone()].iter().zip(drawn).map(|(lane, node)| {
        let trace = &view.traces[node];
        let y = AXIS_H + ROW_H * node as f64;
        let mid = y + ROW_H / 2.0;
        let status = trace.finished.as_ref().map(|(_, status)| status);
        let end_ms = trace
            .finished
            .as_ref()
            .map(|(at, _)| *at)
            // Unfinished bars reach the present: of a live run, a stop, or a replay.
            .or((props.running || view.stopped || view.replay_at.is_some()).then_some(view.now_ms));
        let orphan = orphaned(view, node, trace);
        let cancel_requested =
            trace.finished.is_none() && trace.cancels.iter().any(|mark| mark.returned);
        let name = view.name(node);
        let bar_h = if lane.is_gather { GATHER_BAR_H } else { BAR_H };
        let class = classes!(
            "bar",
            status_class(status),
            lane.is_gather.then_some("outer"),
            orphan.then_some("orphan"),
            cancel_requested.then_some("cancel-requested"),
            props.predicted.then_some("predicted")
        );
        let describe = match (status, orphan) {
            (Some(status), _) => super::state::describe_status(status),
            (None, _) if cancel_requested => "cancel requested, still running".into(),
            (None, true) => "still running after its gather completed".into(),
            (None, false) if lane.limited && trace.started_ms.is_some() && trace.slot_ms.is_none() => {
                "waiting for a slot".into()
            }
            (None, false) if trace.started_ms.is_some() => "running".into(),
            (None, false) => "not started".into(),
        };
        let bars = match (trace.started_ms, end_ms) {
            (Some(queued), Some(end)) => {
                let start = if lane.limited { trace.slot_ms.unwrap_or(end).min(end) } else { queued };
                let cleanup = trace.cleanup_ms.filter(|at| *at < end);
                let main_end = cleanup.unwrap_or(end);
                let waited = (start > queued).then(|| html! {
                    <rect class="bar waiting" x={Float(x(queued)).to_string()} y={Float(mid - bar_h / 2.0 + 2.0).to_string()}
                        width={Float((x(start) - x(queued)).max(1.5)).to_string()} height={Float(bar_h - 4.0).to_string()} rx="2">
                        <title>{ format!("{name}: waiting for a slot of its gather's limit, {} to {}", format_ms(queued), format_ms(start)) }</title>
                    </rect>
                });
                let waiting_only = lane.limited && trace.slot_ms.is_none();
                html! {
                    <>
                        { for waited }
                        if !waiting_only || status.is_some() {
                        <rect class={class.clone()} x={Float(x(start)).to_string()} y={Float(mid - bar_h / 2.0).to_string()}
                            width={Float((x(main_end) - x(start)).max(1.5)).to_string()} height={Float(bar_h).to_string()} rx="2">
                            <title>{ format!("{name}: {describe}") }</title>
                        </rect>
                        }
                        if let Some(cleanup) = cleanup {
                            <rect class={classes!("bar", "cleanup", status_class(status))} x={Float(x(cleanup)).to_string()}
                                y={Float(mid - bar_h / 2.0).to_string()} width={Float((x(end) - x(cleanup)).max(1.5)).to_string()}
                                height={Float(bar_h).to_string()} rx="2">
                                <title>{ format!("{name}: caught CancelledError at {}, cleaning up", format_ms(cleanup)) }</title>
                            </rect>
                        }
                        if let Some((at, status)) = &trace.finished {
                            if lane.is_gather {
                                <path class={classes!("diamond", status_class(Some(status)))}
                                    d={format!("M{} {}l6 6l-6 6l-6 -6z", Float(x(*at)), Float(mid - 6.0))} />
                            }
                            <text class={classes!("glyph", status_class(Some(status)))} x={Float(x(*at) + 9.0).to_string()}
                                y={Float(mid + 4.5).to_string()}>{ status_glyph(status) }</text>
                        }
                    </>
                }
            }
            _ => Html::default(),
        };
        // A child still waiting for its slot has no planned sleep yet: it starts at the slot.
        let planned_from = match (trace.started_ms, lane.limited) {
            (None, _) => Some(0.0),
            (Some(_), true) => trace.slot_ms,
            (Some(started), false) => Some(started),
        };
        let planned = lane.delay_ms.zip(planned_from).map(|(delay, start)| {
            html! {
                <rect class="planned" x={Float(x(start)).to_string()} y={Float(mid - BAR_H / 2.0 - 3.0).to_string()}
                    width={Float((x(start + delay as f64) - x(start)).max(0.0)).to_string()} height={Float(BAR_H + 6.0).to_string()} rx="3" />
            }
        });
        let handle = match (&props.keys, lane.delay_ms) {
            (Some(keys), Some(delay)) if props.predicted => keys.get(node).map(|key| {
                let key = *key;
                let on_down = {
                    let drag = drag.clone();
                    Callback::from(move |event: PointerEvent| {
                        event.prevent_default();
                        if let Some(target) = event.target_dyn_into::<Element>() {
                            let _ = target.set_pointer_capture(event.pointer_id());
                        }
                        drag.set(Some(Drag { key, total_ms }));
                    })
                };
                let on_key = {
                    let on_action = props.on_action.clone();
                    Callback::from(move |event: KeyboardEvent| {
                        let by = if event.shift_key() { NUDGE_MS * 10 } else { NUDGE_MS };
                        let next = match event.key().as_str() {
                            "ArrowRight" | "ArrowUp" => delay.saturating_add(by).min(MAX_TIME_MS),
                            "ArrowLeft" | "ArrowDown" => delay.saturating_sub(by),
                            "Home" => 0,
                            _ => return,
                        };
                        event.prevent_default();
                        on_action.emit(Action::SetDelay(key, next));
                    })
                };
                html! {
                    <rect class="handle" x={Float(x(delay as f64) - 5.0).to_string()} y={Float(mid - 11.0).to_string()}
                        width="10" height="22" rx="3" tabindex="0" role="slider"
                        aria-label={format!("Delay of {name}, in milliseconds (arrow keys change it)")}
                        aria-valuemin="0" aria-valuemax={MAX_TIME_MS.to_string()} aria-valuenow={delay.to_string()}
                        aria-valuetext={format!("{delay} ms")}
                        onpointerdown={on_down} onkeydown={on_key} />
                }
            }),
            _ => None,
        };
        let cancels = trace.cancels.iter().map(|mark| {
            let text = format!("cancel() → {}", if mark.returned { "True" } else { "False" });
            html! {
                <g class={classes!("cancel-mark", (!mark.returned).then_some("refused"))}>
                    <line x1={Float(x(mark.at_ms)).to_string()} x2={Float(x(mark.at_ms)).to_string()}
                        y1={Float(y + 2.0).to_string()} y2={Float(y + ROW_H - 2.0).to_string()} />
                    <text x={Float(x(mark.at_ms) + 3.0).to_string()} y={Float(y + 9.0).to_string()}>{ text.clone() }</text>
                    <title>{ format!("{text} at {}", format_ms(mark.at_ms)) }</title>
                </g>
            }
        });
        let label_chars = 22usize.saturating_sub(lane.depth * 2).max(8);
        html! {
            <g class={classes!("lane", lane.is_gather.then_some("gather-lane"), (node % 2 == 1).then_some("alt"))} key={node}>
                <rect class="lane-bg" x="0" y={Float(y).to_string()} width={Float(WIDTH).to_string()} height={Float(ROW_H).to_string()} />
                <text class="lane-label" x={Float(LABEL_X + lane.depth as f64 * 12.0).to_string()} y={Float(mid + 4.0).to_string()}>
                    { if lane.is_gather { "⋔ " } else { "" } }{ truncate(&name, label_chars) }
                    <title>{ format!("{name}: {describe}") }</title>
                </text>
                { for planned }
                { bars }
                { for cancels }
                { for handle }
            </g>
        }
    });

    // A scenario of many nodes has the list, on the page from the start and its button
    // enabled during a run: see cancel_list.rs for why it must not come and go with the run.
    let many_nodes = view.lanes.len() > CANCEL_BUTTONS_UP_TO;
    let cancel_controls = (many_nodes || props.running).then(|| {
        if many_nodes {
            return html! {
                <CancelList view={view.clone()} running={props.running} on_cancel={props.on_cancel.clone()} />
            };
        }
        let running = view
            .traces
            .iter()
            .enumerate()
            .filter(|(_, trace)| trace.finished.is_none())
            .map(|(node, _)| node);
        html! {
            <div class="cancel-controls" role="group" aria-label="Cancel while running">
                <span>{ "cancel():" }</span>
                { for running.map(|node| {
                    let name = view.name(node);
                    let last = view.traces[node].cancels.last().map(|mark| if mark.returned { " → True" } else { " → False" });
                    html! {
                        <button class="small" onclick={props.on_cancel.reform(move |_: MouseEvent| node)}
                            aria-label={format!("Call cancel() on {name}")}>
                            { truncate(&name, 18) }{ last.unwrap_or_default() }
                        </button>
                    }
                }) }
            </div>
        }
    });

    let summary = format!(
        "Timeline of {} nodes{}, axis to {}",
        view.lanes.len(),
        if props.predicted {
            ", predicted on a virtual clock"
        } else {
            ""
        },
        format_ms(total_ms)
    );
    // The time axis and the present, with their lines reaching down to `bottom`.
    let axis = |bottom: f64| {
        html! {
            <g class="axis">
                { for ticks.iter().map(|ms| html! {
                    <g>
                        <line x1={Float(x(*ms)).to_string()} x2={Float(x(*ms)).to_string()} y1={Float(AXIS_H - 6.0).to_string()} y2={Float(bottom).to_string()} />
                        <text x={Float(x(*ms)).to_string()} y={Float(AXIS_H - 10.0).to_string()}>{ format_ms(*ms) }</text>
                    </g>
                }) }
            </g>
        }
    };
    let now_line = |bottom: f64| {
        (props.running || view.replay_at.is_some()).then(|| {
            html! {
                <line class={classes!("now", view.replay_at.is_some().then_some("playhead"))}
                    x1={Float(x(view.now_ms)).to_string()} x2={Float(x(view.now_ms)).to_string()}
                    y1={Float(AXIS_H - 6.0).to_string()} y2={Float(bottom).to_string()} />
            }
        })
    };
    html! {
        <div class="timeline">
            // A tall timeline scrolls in its own box, so the controls and results around it
            // stay in reach; the list of running nodes to cancel comes above it.
            if tall { { for cancel_controls.clone() } }
            <div ref={scroll_ref} class={classes!("timeline-scroll", tall.then_some("tall"))}>
                if axis_apart {
                    <svg class="axis-head" viewBox={format!("0 0 {} {}", Float(WIDTH), Float(AXIS_H))} width="100%" aria-hidden="true">
                        { axis(AXIS_H) }
                        { now_line(AXIS_H) }
                    </svg>
                }
                <svg ref={svg_ref} viewBox={format!("0 {} {} {}", Float(view_top), Float(WIDTH), Float(height - view_top))} width="100%" role="group"
                    aria-label={summary} class={classes!(drag.is_some().then_some("dragging"))}
                    onpointermove={on_pointer_move} onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}>
                    <defs>
                        <pattern id="hatch-raised" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                            <rect width="6" height="6" class="hatch-bg raised" /><line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                        </pattern>
                        <pattern id="hatch-cleanup" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                            <rect width="6" height="6" class="hatch-bg cleanup" /><line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                        </pattern>
                        <pattern id="dots-cancelled" width="5" height="5" patternUnits="userSpaceOnUse">
                            <rect width="5" height="5" class="hatch-bg cancelled" /><circle cx="2.5" cy="2.5" r="1" class="hatch-dot" />
                        </pattern>
                    </defs>
                    { axis(height) }
                    { for lanes }
                    { now_line(height) }
                </svg>
            </div>
            if !tall { { for cancel_controls } }
            <div class="export-row">
                <button class="small" onclick={export(Export::Svg)} aria-label="Export SVG: download the timeline as an SVG file">{ "Export SVG" }</button>
                <button class="small" onclick={export(Export::Png)} aria-label="Export PNG: download the timeline as a PNG image">{ "Export PNG" }</button>
                if let Some(message) = (*export_error).clone() {
                    <span class="field-error" role="alert">{ message }</span>
                }
            </div>
            <ul class="legend" aria-label="Legend">
                <li><span class="swatch running"></span>{ "running" }</li>
                <li><span class="swatch ok"></span>{ "returned ✓" }</li>
                <li><span class="swatch raised"></span>{ "raised ✗" }</li>
                <li><span class="swatch cancelled"></span>{ "cancelled ⊘" }</li>
                if view.lanes.iter().any(|lane| lane.limited) {
                    <li><span class="swatch waiting"></span>{ "waiting for a slot (limit)" }</li>
                }
                <li><span class="swatch cleanup"></span>{ "caught the cancellation, cleaning up" }</li>
                <li><span class="swatch cancel-requested"></span>{ "cancel requested, not finished yet" }</li>
                <li><span class="swatch orphan"></span>{ "still running after its gather completed" }</li>
                <li><span class="swatch cancel-call"></span>{ "cancel() called, with what it returned" }</li>
                <li><span class="swatch planned"></span>{ "planned sleep" }{ if props.keys.is_some() { " (drag its handle, or use arrow keys)" } else { "" } }</li>
            </ul>
        </div>
    }
}
