//! One lane of the timeline: a node's bars, marks and drag handle, in the timeline's SVG.

use super::lane_why::LANE_WHY_ID;
use crate::ui::model::{
    axis_text, bar, describe_status, guarded_name, lane_state, planned_from, python_bool,
    received_state, status_class, truncate, Axis, Float, Key, Layout, Phase, RunView,
};
use crate::ui::model::{rules_text, Marks};
use gather_playground::scenario::{NodeId, MAX_TIME_MS};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

pub const LABEL_X: f64 = 8.0;
pub const AXIS_H: f64 = 30.0;
pub const ROW_H: f64 = 30.0;
const BAR_H: f64 = 14.0;
const GATHER_BAR_H: f64 = 8.0;
/// Arrow keys move a delay by this much; with Shift, ten times as much.
const NUDGE_MS: u64 = 10;
/// A mark's words go left of it when they would not fit on its right.
const MARK_TEXT_W: f64 = 90.0;

/// A drag of a delay handle in progress, with the axis frozen so the bar follows the
/// pointer even as the axis would change.
#[derive(Clone, PartialEq)]
pub struct Drag {
    pub key: Key,
    pub axis: Rc<Axis>,
}

/// What every lane of one render shares.
pub struct Lanes<'a> {
    pub view: &'a RunView,
    pub axis: &'a Rc<Axis>,
    pub layout: Layout,
    pub predicted: bool,
    pub running: bool,
    /// The draft's keys in preorder, when bars may be dragged to edit delays.
    pub keys: Option<&'a Rc<Vec<Key>>>,
    pub on_drag_started: &'a Callback<Drag>,
    pub on_delay_changed: &'a Callback<(Key, u64)>,
    /// An arrow key moved a delay by this much (the model adds it to the delay as it is).
    pub on_delay_nudged: &'a Callback<(Key, i64)>,
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
        let (view, axis, layout) = (self.view, self.axis, self.layout);
        let x = |ms: f64| axis.x(ms);
        let lane = &view.lanes[node];
        let trace = &view.traces[node];
        let y = AXIS_H + ROW_H * node as f64;
        let mid = y + ROW_H / 2.0;
        // Unfinished bars reach the present: of a live run, a stop, or a replay.
        let open_until =
            (self.running || view.stopped || view.replay_at.is_some()).then_some(view.now_ms);
        let end_ms = trace
            .finished
            .as_ref()
            .map(|finish| finish.at_ms)
            .or(open_until);
        let name = view.name(node);
        let bar_h = if lane.is_gather { GATHER_BAR_H } else { BAR_H };
        let describe = lane_state(view, node);
        let shape = bar(view, node, open_until);
        // Each state over the stretch it held: the bar never takes its end's colour.
        let segments = shape.segments.iter().map(|segment| {
            let waiting = segment.phase == Phase::Waiting;
            let (top, height) = if waiting {
                (mid - bar_h / 2.0 + 2.0, bar_h - 4.0)
            } else {
                (mid - bar_h / 2.0, bar_h)
            };
            let class = classes!(
                "bar",
                segment.phase.class(),
                (segment.phase == Phase::CancelRequested).then_some("running"),
                lane.is_gather.then_some("outer"),
                segment.late.then_some("orphan"),
                segment.open.then_some("live"),
                self.predicted.then_some("predicted")
            );
            let late = if segment.late {
                ", after its gather completed"
            } else {
                ""
            };
            html! {
                <rect class={class} x={f(x(segment.from_ms))} y={f(top)}
                    width={f((x(segment.to_ms) - x(segment.from_ms)).max(1.5))} height={f(height)} rx="2">
                    <title>{ format!("{name}: {}{late}, {} to {}", segment.phase.words(),
                        axis_text(segment.from_ms), axis_text(segment.to_ms)) }</title>
                </rect>
            }
        });
        // How it ended: a mark at its end, coloured as the legend says, and its glyph.
        let end_mark = shape.end.as_ref().map(|(at_ms, status)| {
            let class = shape.end_class().unwrap_or_default();
            let glyph = shape.end_glyph().unwrap_or_default();
            let at = x(*at_ms);
            let words = format!("{name} {} at {}", describe_status(status), axis_text(*at_ms));
            html! {
                <g class={classes!("end-mark", class)}>
                    if lane.is_gather {
                        <path class={classes!("diamond", class)}
                            d={format!("M{} {}l6 6l-6 6l-6 -6z", Float(at), Float(mid - 6.0))} />
                    } else {
                        <rect class={classes!("end-cap", class)} x={f(at - 2.0)} y={f(mid - bar_h / 2.0 - 2.0)}
                            width="4" height={f(bar_h + 4.0)} rx="1" />
                    }
                    <text class={classes!("glyph", class)} x={f(at + 9.0)} y={f(mid + 4.5)}>{ glyph }</text>
                    <title>{ words }</title>
                </g>
            }
        });
        let bars = html! { <>{ for segments }{ for end_mark }</> };
        // A child still waiting for its slot has no planned sleep yet: it starts at the slot.
        let planned = lane.delay_ms.zip(planned_from(lane, trace)).map(|(delay, start)| {
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
        // A mark's words, right of it, or left of it near the timeline's right edge.
        let mark_text = |at: f64, text: String| {
            if at + MARK_TEXT_W > layout.width {
                html! { <text x={f(at - 3.0)} y={f(y + 10.0)} text-anchor="end">{ text }</text> }
            } else {
                html! { <text x={f(at + 3.0)} y={f(y + 10.0)}>{ text }</text> }
            }
        };
        let cancels = trace.cancels.iter().map(|mark| {
            let text = format!("cancel() → {}", python_bool(mark.returned));
            html! {
                <g class={classes!("cancel-mark", (!mark.returned).then_some("refused"))}>
                    <line x1={f(x(mark.at_ms))} x2={f(x(mark.at_ms))} y1={f(y + 2.0)} y2={f(y + ROW_H - 2.0)} />
                    { mark_text(x(mark.at_ms), text.clone()) }
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
                    { mark_text(x(at_ms), "timeout".to_owned()) }
                    <title>{ format!("{name}'s timeout{limit} fired at {}: wait_for cancels {}", axis_text(at_ms),
                        if lane.guard.shield { format!("shield({name})") } else { name.clone() }) }</title>
                </g>
            }
        });
        let label_chars = layout.label_chars(lane.depth);
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
                        <rect class="lane-focus" x="2" y={f(y + 2.0)} width={f(layout.plot_x0 - 8.0)} height={f(ROW_H - 4.0)} rx="4" />
                        { label }
                    </g>
                }
            }
            None => label,
        };
        html! {
            <g class={classes!("lane", lane.is_gather.then_some("gather-lane"), (node % 2 == 1).then_some("alt"),
                marked_at.is_some().then_some("marked"))} key={node}>
                <rect class="lane-bg" x="0" y={f(y)} width={f(layout.width)} height={f(ROW_H)} />
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
        let axis = Rc::clone(self.axis);
        let on_down = {
            let started = self.on_drag_started.clone();
            Callback::from(move |event: PointerEvent| {
                event.prevent_default();
                if let Some(target) = event.target_dyn_into::<Element>() {
                    let _ = target.set_pointer_capture(event.pointer_id());
                }
                started.emit(Drag {
                    key,
                    axis: Rc::clone(&axis),
                });
            })
        };
        let on_key = {
            let (changed, nudged) = (self.on_delay_changed.clone(), self.on_delay_nudged.clone());
            Callback::from(move |event: KeyboardEvent| {
                let by = if event.shift_key() {
                    NUDGE_MS * 10
                } else {
                    NUDGE_MS
                } as i64;
                match event.key().as_str() {
                    "ArrowRight" | "ArrowUp" => nudged.emit((key, by)),
                    "ArrowLeft" | "ArrowDown" => nudged.emit((key, -by)),
                    "Home" => changed.emit((key, 0)),
                    _ => return,
                }
                event.prevent_default();
            })
        };
        let at = self.axis.x(delay as f64);
        // The knob is drawn 10 × 22; a finger gets 26 × 28 around it (WCAG 2.5.8), and the
        // focus ring sits around the knob as every control's outline does.
        html! {
            <g class="handle" tabindex="0" role="slider"
                aria-label={format!("Delay of {name}, in milliseconds (arrow keys change it)")}
                aria-valuemin="0" aria-valuemax={MAX_TIME_MS.to_string()} aria-valuenow={delay.to_string()}
                aria-valuetext={format!("{delay} ms")}
                onpointerdown={on_down} onkeydown={on_key}>
                <rect class="handle-hit" x={f(at - 13.0)} y={f(mid - 14.0)} width="26" height="28" />
                <rect class="handle-focus" x={f(at - 8.5)} y={f(mid - 14.5)} width="17" height="29" rx="5" />
                <rect class="handle-knob" x={f(at - 5.0)} y={f(mid - 11.0)} width="10" height="22" rx="3" />
            </g>
        }
    }
}
