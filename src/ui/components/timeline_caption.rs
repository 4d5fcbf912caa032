//! What an exported timeline carries under its lanes so that it explains itself: the
//! outcome, and the legend with the same swatches as the bars.

use crate::ui::model::{legend_entries, outcome_caption, truncate, Float, LegendFlags, RunView};
use yew::prelude::*;

const MARGIN: f64 = 10.0;
const LINE_H: f64 = 20.0;
const SWATCH_W: f64 = 22.0;
/// A legend entry's text width per character, at the legend's 12 px (a little generous).
const CHAR_W: f64 = 6.2;

fn f(value: f64) -> String {
    Float(value).to_string()
}

/// A legend swatch drawn as the timeline draws what it stands for.
fn swatch(class: &str, x: f64, y: f64) -> Html {
    let (top, mid) = (y - 5.0, y);
    match class {
        "cancel-call" | "timeout-mark" => html! {
            <g class={if class == "cancel-call" { "cancel-mark" } else { "timeout-mark" }}><line x1={f(x + SWATCH_W / 2.0)} x2={f(x + SWATCH_W / 2.0)} y1={f(top - 2.0)} y2={f(top + 12.0)} /></g>
        },
        "received" => html! {
            <g class="received"><rect class="received-line" x={f(x)} y={f(mid - 1.0)} width={f(SWATCH_W)} height="2.5" /></g>
        },
        "planned" => html! {
            <rect class="planned" x={f(x)} y={f(top - 1.0)} width={f(SWATCH_W)} height="12" rx="3" />
        },
        "axis-break" => html! {
            <g class="axis-break">
                <path class="axis-break-edge" d={format!("M{} {}l-2.5 6l2.5 6", Float(x + 8.0), Float(top - 1.0))} />
                <path class="axis-break-edge" d={format!("M{} {}l-2.5 6l2.5 6", Float(x + 14.0), Float(top - 1.0))} />
            </g>
        },
        "ok" | "raised" | "cancelled" => html! {
            <>
                <rect class={classes!("end-cap", class.to_owned())} x={f(x + SWATCH_W - 4.0)} y={f(top - 2.0)} width="4" height="14" rx="1" />
            </>
        },
        "cancel-requested" | "orphan" => html! {
            <rect class={classes!("bar", "running", class.to_owned())} x={f(x)} y={f(top)} width={f(SWATCH_W)} height="10" rx="2" />
        },
        _ => html! {
            <rect class={classes!("bar", class.to_owned())} x={f(x)} y={f(top)} width={f(SWATCH_W)} height="10" rx="2" />
        },
    }
}

/// The caption's drawing, from `top` down, for a timeline `width` wide, and its height.
pub fn caption(
    view: &RunView,
    predicted: bool,
    flags: LegendFlags,
    width: f64,
    top: f64,
) -> (Html, f64) {
    let chars = ((width - 2.0 * MARGIN) / 7.2).max(20.0) as usize;
    let outcome = truncate(&outcome_caption(view, predicted), chars);
    let mut y = top + 8.0 + LINE_H;
    let outcome_y = y - 6.0;
    y += 4.0;
    let mut x = MARGIN;
    let mut items = Vec::new();
    let mut line_y = y;
    for (class, words) in legend_entries(flags) {
        let words = truncate(&words, chars.saturating_sub(4));
        let item_w = SWATCH_W + 6.0 + words.chars().count() as f64 * CHAR_W + 14.0;
        if x > MARGIN && x + item_w > width - MARGIN {
            x = MARGIN;
            line_y += LINE_H;
        }
        let text_x = x + SWATCH_W + 6.0;
        items.push(html! {
            <g class="caption-entry">
                { swatch(class, x, line_y) }
                <text class="caption-text" x={f(text_x)} y={f(line_y + 4.0)}>{ words }</text>
            </g>
        });
        x += item_w;
    }
    let bottom = line_y + 12.0;
    let drawn = html! {
        <g class="export-caption">
            <line class="caption-rule" x1={f(MARGIN)} x2={f(width - MARGIN)} y1={f(top + 4.0)} y2={f(top + 4.0)} />
            <text class="caption-outcome" x={f(MARGIN)} y={f(outcome_y)}>{ outcome }</text>
            { for items }
        </g>
    };
    (drawn, bottom - top)
}
