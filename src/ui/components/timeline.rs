//! The live SVG timeline: a lane per node, bars growing in real time.

use super::cancel_buttons::{cancel_buttons, CancelButtonsProps};
use super::cancel_list::CancelList;
use super::lane_why::LaneWhy;
use super::timeline_caption::caption;
use super::timeline_lane::{Drag, Lanes, AXIS_H, ROW_H};
use super::timeline_legend::{timeline_legend, TimelineLegendProps};
use crate::ui::hooks::{use_box_width, use_visible_span};
use crate::ui::model::{
    axis_text, axis_times, lane_state, Axis, AxisBreak, Explainer, Float, Key, Layout, LegendFlags,
    Marks, RunView,
};
use crate::ui::services::export;
use gather_playground::scenario::{NodeId, MAX_TIME_MS};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

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
    /// A future's delay was dragged or keyed to a new value.
    pub on_delay_changed: Callback<(Key, u64)>,
    /// An arrow key on a handle moved a delay by this much.
    #[prop_or_default]
    pub on_delay_nudged: Callback<(Key, i64)>,
    /// cancel() was called on a node of the run.
    pub on_cancel_called: Callback<NodeId>,
    /// Where each lane's why is read from.
    #[prop_or_default]
    pub explainer: Option<Explainer>,
    /// The events the Why panel's rules decided.
    #[prop_or_default]
    pub marks: Option<Rc<Marks>>,
}

/// What an export saves the timeline as.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Svg,
    Png,
}

fn f(value: f64) -> String {
    Float(value).to_string()
}

/// A break on the axis in words, for its title and the timeline's label.
fn break_words(cut: &AxisBreak) -> String {
    format!(
        "axis break: {} to {} ({}) cut out, nothing starts or ends in it; the rest is to one scale",
        axis_text(cut.from_ms),
        axis_text(cut.to_ms),
        axis_text(cut.to_ms - cut.from_ms)
    )
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
                    Export::Png => export::export_png(&svg),
                    Export::Svg => export::export_svg(&svg),
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
    // Laid out for its box: one unit per pixel on a phone, scaled up on a wide screen.
    let layout = Layout::for_width(use_box_width(scroll_ref.clone()));
    let view = &props.view;
    let axis = match &*drag {
        Some(drag) => Rc::clone(&drag.axis),
        None => Rc::new(Axis::new(axis_times(view), layout.plot_x0, layout.plot_x1)),
    };
    let width = layout.width;
    let lanes_height = AXIS_H + ROW_H * view.lanes.len() as f64 + 8.0;
    let ticks = axis.ticks();
    let flags = LegendFlags {
        limited: view.lanes.iter().any(|lane| lane.limited),
        draggable: props.keys.is_some(),
        guarded: view.lanes.iter().any(|lane| lane.guard.is_set()),
        timeouts: view
            .lanes
            .iter()
            .any(|lane| lane.guard.timeout_ms.is_some()),
        broken_axis: !axis.breaks().is_empty(),
    };
    // An export explains itself: the outcome and the legend, drawn under the lanes.
    let (caption, caption_height) = match *exporting {
        Some(_) => caption(view, props.predicted, flags, width, lanes_height),
        None => (Html::default(), 0.0),
    };
    let height = lanes_height + caption_height;

    let on_pointer_move = {
        let (drag, changed, svg_ref) = (
            drag.clone(),
            props.on_delay_changed.clone(),
            svg_ref.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let (Some(active), Some(svg)) = ((*drag).clone(), svg_ref.cast::<Element>()) else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let units = (event.client_x() as f64 - rect.left()) / rect.width() * width;
            let ms = active.axis.ms(units).max(0.0);
            let ms = ((ms / 10.0).round() * 10.0).min(MAX_TIME_MS as f64) as u64;
            changed.emit((active.key, ms));
        })
    };
    let on_pointer_up = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let on_drag_started = {
        let drag = drag.clone();
        Callback::from(move |started: Drag| drag.set(Some(started)))
    };

    // A tall timeline keeps its axis in sight, in a header of its own that stays at the top
    // of its box; the timeline's own axis is then cut off its viewBox (an export keeps it).
    let axis_apart = tall && exporting.is_none();
    let view_top = if axis_apart { AXIS_H } else { 0.0 };
    let drawn = if !tall || exporting.is_some() {
        0..view.lanes.len()
    } else {
        // Rendered height over the viewBox's: CSS pixels per unit.
        let pixels_per_unit = span.height_px / (lanes_height - view_top);
        if pixels_per_unit > 0.0 {
            span.rows(
                (AXIS_H - view_top) * pixels_per_unit,
                ROW_H * pixels_per_unit,
                view.lanes.len(),
            )
        } else {
            0..view.lanes.len().min(DRAW_ALL_UP_TO)
        }
    };
    // The lane whose why is shown, for the run it was chosen in.
    let chosen = use_state_eq(|| None::<(u64, bool, NodeId)>);
    let run = (view.id, props.predicted);
    let chosen_node = (*chosen)
        .filter(|(id, predicted, _)| (*id, *predicted) == run)
        .map(|(_, _, node)| node);
    let on_lane_chosen = {
        let chosen = chosen.clone();
        Callback::from(move |node: NodeId| {
            let again = chosen_node == Some(node);
            chosen.set((!again).then_some((run.0, run.1, node)));
        })
    };
    let on_lane_why_closed = {
        let chosen = chosen.clone();
        Callback::from(move |()| chosen.set(None))
    };
    let lanes = Lanes {
        view,
        axis: &axis,
        layout,
        predicted: props.predicted,
        running: props.running,
        keys: props.keys.as_ref(),
        on_drag_started: &on_drag_started,
        on_delay_changed: &props.on_delay_changed,
        on_delay_nudged: &props.on_delay_nudged,
        chosen: chosen_node,
        on_lane_chosen: props.explainer.is_some().then_some(&on_lane_chosen),
        marks: props.marks.as_deref(),
    };
    let drawn_lanes: Vec<Html> = drawn.map(|node| lanes.lane(node)).collect();

    // A scenario of many nodes has the list, on the page from the start and its button
    // enabled during a run: see cancel_list.rs for why it must not come and go with the run.
    let many_nodes = view.lanes.len() > CANCEL_BUTTONS_UP_TO;
    let cancel_controls = (many_nodes || props.running).then(|| {
        if many_nodes {
            html! {
                <CancelList view={view.clone()} running={props.running} on_cancel_called={props.on_cancel_called.clone()} />
            }
        } else {
            cancel_buttons(&CancelButtonsProps { view: view.clone(), on_cancel_called: props.on_cancel_called.clone() })
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
        axis_text(axis.end_ms())
    );
    let summary = axis.breaks().iter().fold(summary, |summary, cut| {
        format!("{summary}; {}", break_words(cut))
    });
    // The time axis and the present, with their lines reaching down to `bottom`.
    let axis_lines = |bottom: f64| {
        html! {
            <g class="axis">
                { for ticks.iter().map(|ms| html! {
                    <g>
                        <line x1={f(axis.x(*ms))} x2={f(axis.x(*ms))} y1={f(AXIS_H - 6.0)} y2={f(bottom)} />
                        <text x={f(axis.x(*ms))} y={f(AXIS_H - 10.0)}>{ axis_text(*ms) }</text>
                    </g>
                }) }
            </g>
        }
    };
    // Each break: a gap across the axis and the lanes, with zigzag edges, that interrupts
    // the bars; it sits near the break's right end, so that what ended just before it keeps
    // its end mark in sight.
    let breaks = |top: f64, bottom: f64| {
        let zigzag = move |x: f64| {
            let mut d = format!("M{} {}", Float(x), Float(top));
            let (mut y, mut left) = (top, true);
            while y < bottom {
                y = (y + 6.0).min(bottom);
                d.push_str(&format!(
                    "L{} {}",
                    Float(if left { x - 2.5 } else { x }),
                    Float(y)
                ));
                left = !left;
            }
            d
        };
        html! {
            <>
            { for axis.breaks().iter().map(|cut| html! {
                <g class="axis-break">
                    <rect class="axis-break-band" x={f(cut.x1 - 14.0)} y={f(top)} width="6" height={f(bottom - top)} />
                    <path class="axis-break-edge" d={zigzag(cut.x1 - 13.0)} />
                    <path class="axis-break-edge" d={zigzag(cut.x1 - 7.0)} />
                    <title>{ break_words(cut) }</title>
                </g>
            }) }
            </>
        }
    };
    let now_line = |bottom: f64| {
        (props.running || view.replay_at.is_some()).then(|| {
            html! {
                <line class={classes!("now", view.replay_at.is_some().then_some("playhead"))}
                    x1={f(axis.x(view.now_ms))} x2={f(axis.x(view.now_ms))}
                    y1={f(AXIS_H - 6.0)} y2={f(bottom)} />
            }
        })
    };
    html! {
        <div class="timeline">
            // A tall timeline scrolls in its own box, so the controls and results around it
            // stay in reach; the list of running nodes to cancel comes above it.
            if tall { { for cancel_controls.clone() } }
            // Focusable and named: it scrolls (a tall timeline, a phone's width), by keyboard too.
            <div ref={scroll_ref} class={classes!("timeline-scroll", tall.then_some("tall"))} tabindex="0"
                role="region" aria-label="Timeline lanes">
                if axis_apart {
                    <svg class="axis-head" viewBox={format!("0 0 {} {}", Float(width), Float(AXIS_H))} width="100%" aria-hidden="true">
                        { axis_lines(AXIS_H) }
                        { breaks(AXIS_H - 6.0, AXIS_H) }
                        { now_line(AXIS_H) }
                    </svg>
                }
                <svg ref={svg_ref} viewBox={format!("0 {} {} {}", Float(view_top), Float(width), Float(height - view_top))} width="100%" role="group"
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
                    { axis_lines(lanes_height) }
                    { for drawn_lanes }
                    { breaks(AXIS_H - 6.0, lanes_height) }
                    { now_line(lanes_height) }
                    { caption }
                </svg>
            </div>
            if !tall { { for cancel_controls } }
            <LaneWhy explainer={props.explainer.clone()} node={chosen_node} upto={view.events.len()}
                state={AttrValue::from(chosen_node.map(|node| lane_state(view, node)).unwrap_or_default())}
                on_closed={on_lane_why_closed} />
            <div class="export-row">
                <button class="small" onclick={export(Export::Svg)} aria-label="Export SVG: download the timeline as an SVG file">{ "Export SVG" }</button>
                <button class="small" onclick={export(Export::Png)} aria-label="Export PNG: download the timeline as a PNG image">{ "Export PNG" }</button>
                if let Some(message) = (*export_error).clone() {
                    <span class="field-error" role="alert">{ message }</span>
                }
            </div>
            { timeline_legend(&TimelineLegendProps { flags }) }
        </div>
    }
}
