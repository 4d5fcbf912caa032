//! One lane of the timeline: a node's bars, marks and drag handle, in the timeline's SVG.

use super::lane_why::LANE_WHY_ID;
use crate::ui::model::{
    axis_text, cancel_requested, guarded_name, lane_state, orphaned, python_bool, received_state,
    status_class, truncate, Ending, Float, Key, RunView,
};
use crate::ui::model::{rules_text, Marks};
use gather_playground::scenario::{NodeId, MAX_TIME_MS};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

pub const WIDTH: f64 = 760.0;
pub const LABEL_X: f64 = 8.0;
pub const PLOT_X0: f64 = 170.0;
pub const PLOT_X1: f64 = 730.0;
pub const AXIS_H: f64 = 30.0;
pub const ROW_H: f64 = 30.0;
const BAR_H: f64 = 14.0;
const GATHER_BAR_H: f64 = 8.0;
/// Arrow keys move a delay by this much; with Shift, ten times as much.
const NUDGE_MS: u64 = 10;

/// A drag of a delay handle in progress, with the scale frozen so the bar follows the
/// pointer even as the axis would grow.
#[derive(Clone, Copy, PartialEq)]
pub struct Drag {
    pub key: Key,
    pub total_ms: f64,
}

/// The time axis: `total_ms` across the plot.
#[derive(Clone, Copy, PartialEq)]
pub struct Scale {
    pub total_ms: f64,
}

impl Scale {
    pub fn x(self, ms: f64) -> f64 {
        PLOT_X0 + (ms / self.total_ms).clamp(0.0, 1.0) * (PLOT_X1 - PLOT_X0)
    }
}

/// What every lane of one render shares.
pub struct Lanes<'a> {
    pub view: &'a RunView,
    pub scale: Scale,
    pub predicted: bool,
    pub running: bool,
    /// The draft's keys in preorder, when bars may be dragged to edit delays.
    pub keys: Option<&'a Rc<Vec<Key>>>,
    pub on_drag_started: &'a Callback<Drag>,
    pub on_delay_changed: &'a Callback<(Key, u64)>,
    /// The lane whose why is shown.
    pub chosen: Option<NodeId>,
    /// A lane's label was pressed, to show or hide its why; `None` gives lanes no why.
    pub on_lane_chosen: Option<&'a Callback<NodeId>>,
    /// The events the Why panel's rules decided, marked on their lanes.
    pub marks: Option<&'a Marks>,
}

fn f(value: f64) -> String {
    Float(value).to_string()
}

impl Lanes<'_> {
    /// Lane `node`'s `<g>`.
    pub fn lane(&self, node: usize) -> Html {
        let (view, scale) = (self.view, self.scale);
        let x = |ms: f64| scale.x(ms);
        let lane = &view.lanes[node];
        let trace = &view.traces[node];
        let y = AXIS_H + ROW_H * node as f64;
        let mid = y + ROW_H / 2.0;
        let status = trace.finished.as_ref().map(|finish| &finish.status);
        let end_ms = trace
            .finished
            .as_ref()
            .map(|finish| finish.at_ms)
            // Unfinished bars reach the present: of a live run, a stop, or a replay.
            .or((self.running || view.stopped || view.replay_at.is_some()).then_some(view.now_ms));
        let orphan = orphaned(view, node, trace);
        let requested = cancel_requested(trace);
        let name = view.name(node);
        let bar_h = if lane.is_gather { GATHER_BAR_H } else { BAR_H };
        let class = classes!(
            "bar",
            status_class(status),
            lane.is_gather.then_some("outer"),
            orphan.then_some("orphan"),
            requested.then_some("cancel-requested"),
            self.predicted.then_some("predicted")
        );
        let describe = lane_state(view, node);
        let bars = match (trace.started_ms, end_ms) {
            (Some(queued), Some(end)) => {
                let start = if lane.limited {
                    trace.slot_ms.unwrap_or(end).min(end)
                } else {
                    queued
                };
                let cleanup = trace.cleanup_ms.filter(|at| *at < end);
                let main_end = cleanup.unwrap_or(end);
                let waited = (start > queued).then(|| html! {
                    <rect class="bar waiting" x={f(x(queued))} y={f(mid - bar_h / 2.0 + 2.0)}
                        width={f((x(start) - x(queued)).max(1.5))} height={f(bar_h - 4.0)} rx="2">
                        <title>{ format!("{name}: waiting for a slot of its gather's limit, {} to {}", axis_text(queued), axis_text(start)) }</title>
                    </rect>
                });
                let waiting_only = lane.limited && trace.slot_ms.is_none();
                html! {
                    <>
                        { for waited }
                        if !waiting_only || status.is_some() {
                        <rect class={class.clone()} x={f(x(start))} y={f(mid - bar_h / 2.0)}
                            width={f((x(main_end) - x(start)).max(1.5))} height={f(bar_h)} rx="2">
                            <title>{ format!("{name}: {describe}") }</title>
                        </rect>
                        }
                        if let Some(cleanup) = cleanup {
                            <rect class={classes!("bar", "cleanup", status_class(status))} x={f(x(cleanup))}
                                y={f(mid - bar_h / 2.0)} width={f((x(end) - x(cleanup)).max(1.5))}
                                height={f(bar_h)} rx="2">
                                <title>{ format!("{name}: caught CancelledError at {}, cleaning up", axis_text(cleanup)) }</title>
                            </rect>
                        }
                        if let Some(finish) = &trace.finished {
                            if lane.is_gather {
                                <path class={classes!("diamond", status_class(Some(&finish.status)))}
                                    d={format!("M{} {}l6 6l-6 6l-6 -6z", Float(x(finish.at_ms)), Float(mid - 6.0))} />
                            }
                            <text class={classes!("glyph", status_class(Some(&finish.status)))} x={f(x(finish.at_ms) + 9.0)}
                                y={f(mid + 4.5)}>{ Ending::of(&finish.status).glyph() }</text>
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
                <rect class="planned" x={f(x(start))} y={f(mid - BAR_H / 2.0 - 3.0)}
                    width={f((x(start + delay as f64) - x(start)).max(0.0))} height={f(BAR_H + 6.0)} rx="3" />
            }
        });
        let handle = match (self.keys, lane.delay_ms) {
            (Some(keys), Some(delay)) if self.predicted => keys
                .get(node)
                .map(|key| self.handle(*key, delay, &name, mid)),
            _ => None,
        };
        let cancels = trace.cancels.iter().map(|mark| {
            let text = format!("cancel() → {}", python_bool(mark.returned));
            html! {
                <g class={classes!("cancel-mark", (!mark.returned).then_some("refused"))}>
                    <line x1={f(x(mark.at_ms))} x2={f(x(mark.at_ms))} y1={f(y + 2.0)} y2={f(y + ROW_H - 2.0)} />
                    <text x={f(x(mark.at_ms) + 3.0)} y={f(y + 9.0)}>{ text.clone() }</text>
                    <title>{ format!("{text} at {}", axis_text(mark.at_ms)) }</title>
                </g>
            }
        });
        // What its parent awaits through a timeout or a shield: a thin line under the bar,
        // from the node's start to what the parent got (a shield's end can come long
        // before the node's own), ending in a cap.
        let received = lane
            .guard
            .is_set()
            .then(|| {
                let start = trace.started_ms?;
                let got = trace.received.as_ref();
                let end = got.map(|got| got.at_ms).or(end_ms)?;
                // Below the planned sleep's outline, within the lane.
                let line_y = mid + BAR_H / 2.0 + 4.0;
                let class = status_class(got.map(|got| &got.status));
                let title = received_state(view, node).unwrap_or_else(|| {
                    format!(
                        "{} has not ended for its parent yet",
                        guarded_name(&name, lane.guard)
                    )
                });
                Some(html! {
                    <g class={classes!("received", class)}>
                        <rect class="received-line" x={f(x(start))} y={f(line_y)}
                            width={f((x(end) - x(start)).max(1.5))} height="2.5" />
                        if got.is_some() {
                            <line class="received-end" x1={f(x(end))} x2={f(x(end))}
                                y1={f(line_y - 3.0)} y2={f(line_y + 3.5)} />
                        }
                        <title>{ title }</title>
                    </g>
                })
            })
            .flatten();
        let timeout = trace.timeout_ms.map(|at_ms| {
            let limit = lane
                .guard
                .timeout_ms
                .map_or_else(String::new, |ms| format!(" of {ms} ms"));
            html! {
                <g class="timeout-mark">
                    <line x1={f(x(at_ms))} x2={f(x(at_ms))} y1={f(y + 2.0)} y2={f(y + ROW_H - 2.0)} />
                    <text x={f(x(at_ms) + 3.0)} y={f(y + 9.0)}>{ "timeout" }</text>
                    <title>{ format!("{name}'s timeout{limit} fired at {}: wait_for cancels {}", axis_text(at_ms),
                        if lane.guard.shield { format!("shield({name})") } else { name.clone() }) }</title>
                </g>
            }
        });
        let label_chars = 22usize.saturating_sub(lane.depth * 2).max(8);
        let marks = self.marks.filter(|marks| !marks.rules.is_empty());
        let marked_at = marks
            .and_then(|marks| marks.times.get(node))
            .filter(|times| !times.is_empty());
        let rule_marks = marked_at.zip(marks).map(|(times, marks)| {
            let rules = rules_text(&marks.rules);
            html! {
                <>
                    { for times.iter().map(|at_ms| html! {
                        <circle class="rule-mark" cx={f(x(*at_ms))} cy={f(mid)} r="7">
                            <title>{ format!("{name} at {}: decided by{rules}", axis_text(*at_ms)) }</title>
                        </circle>
                    }) }
                </>
            }
        });
        let label = html! {
            <text class="lane-label" x={f(LABEL_X + lane.depth as f64 * 12.0)} y={f(mid + 4.0)}>
                { if lane.is_gather { "⋔ " } else { "" } }{ truncate(&name, label_chars) }
                <title>{ format!("{name}: {describe}") }</title>
            </text>
        };
        // The label is the lane's why button: pressed, or Enter, Space or ? on it.
        let label = match self.on_lane_chosen {
            Some(chosen) => {
                let open = self.chosen == Some(node);
                let on_key = {
                    let chosen = chosen.clone();
                    Callback::from(move |event: KeyboardEvent| {
                        if matches!(event.key().as_str(), "Enter" | " " | "?") {
                            event.prevent_default();
                            chosen.emit(node);
                        }
                    })
                };
                let marked = if marked_at.is_some() { ", marked" } else { "" };
                html! {
                    <g class="lane-why-button" role="button" tabindex="0" aria-expanded={open.to_string()}
                        aria-controls={LANE_WHY_ID} aria-label={format!("Why {name}? {describe}{marked}")}
                        onclick={chosen.reform(move |_: MouseEvent| node)} onkeydown={on_key}>
                        <rect class="lane-focus" x="2" y={f(y + 2.0)} width={f(PLOT_X0 - 8.0)} height={f(ROW_H - 4.0)} rx="4" />
                        { label }
                    </g>
                }
            }
            None => label,
        };
        html! {
            <g class={classes!("lane", lane.is_gather.then_some("gather-lane"), (node % 2 == 1).then_some("alt"),
                marked_at.is_some().then_some("marked"))} key={node}>
                <rect class="lane-bg" x="0" y={f(y)} width={f(WIDTH)} height={f(ROW_H)} />
                { label }
                { for planned }
                { bars }
                { for received }
                { for cancels }
                { for timeout }
                { for rule_marks }
                { for handle }
            </g>
        }
    }

    /// The handle at the end of a planned sleep: dragged, or moved with the arrow keys.
    fn handle(&self, key: Key, delay: u64, name: &str, mid: f64) -> Html {
        let total_ms = self.scale.total_ms;
        let on_down = {
            let started = self.on_drag_started.clone();
            Callback::from(move |event: PointerEvent| {
                event.prevent_default();
                if let Some(target) = event.target_dyn_into::<Element>() {
                    let _ = target.set_pointer_capture(event.pointer_id());
                }
                started.emit(Drag { key, total_ms });
            })
        };
        let on_key = {
            let changed = self.on_delay_changed.clone();
            Callback::from(move |event: KeyboardEvent| {
                let by = if event.shift_key() {
                    NUDGE_MS * 10
                } else {
                    NUDGE_MS
                };
                let next = match event.key().as_str() {
                    "ArrowRight" | "ArrowUp" => delay.saturating_add(by).min(MAX_TIME_MS),
                    "ArrowLeft" | "ArrowDown" => delay.saturating_sub(by),
                    "Home" => 0,
                    _ => return,
                };
                event.prevent_default();
                changed.emit((key, next));
            })
        };
        html! {
            <rect class="handle" x={f(self.scale.x(delay as f64) - 5.0)} y={f(mid - 11.0)}
                width="10" height="22" rx="3" tabindex="0" role="slider"
                aria-label={format!("Delay of {name}, in milliseconds (arrow keys change it)")}
                aria-valuemin="0" aria-valuemax={MAX_TIME_MS.to_string()} aria-valuenow={delay.to_string()}
                aria-valuetext={format!("{delay} ms")}
                onpointerdown={on_down} onkeydown={on_key} />
        }
    }
}
