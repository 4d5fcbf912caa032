//! The timeline as a file: a self-contained SVG, or a PNG drawn on a canvas.
//!
//! Both read the timeline as the page renders it, colours from the computed styles, so the
//! files match what is on screen (light or dark). Neither loads anything into the page, so
//! both work under the strict content security policy (no inline styles, no blob: images).

use super::browser::{self, browser_number};
use crate::ui::model::Float;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, Node, Window};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// Presentation properties copied from the computed style onto each exported element.
const STYLE_PROPERTIES: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
];
const PNG_SCALE: f64 = 2.0;
/// The largest canvas side every current browser draws (Firefox's limit; Chromium's is
/// larger): a taller timeline is drawn smaller, down to `MIN_PNG_SCALE`.
const MAX_CANVAS_PX: f64 = 32_767.0;
/// Below this scale a lane's text could not be read: such a timeline is refused.
const MIN_PNG_SCALE: f64 = 0.5;

fn failed<E>(_: E) -> String {
    "Your browser would not export the timeline.".to_owned()
}

fn window() -> Result<Window, String> {
    web_sys::window().ok_or_else(|| failed(()))
}

/// The timeline `svg` as a standalone SVG document.
pub fn svg_text(svg: &Element) -> Result<String, String> {
    let window = window()?;
    let mut text = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let background = panel_colour(&window, svg);
    write_element(&window, svg, &mut text, Some(&background))?;
    Ok(text)
}

/// Offers the timeline as `timeline.svg`.
pub fn export_svg(svg: &Element) -> Result<(), String> {
    let text = svg_text(svg)?;
    browser::download_as("timeline.svg", "image/svg+xml", &text)
}

/// Offers the timeline as `timeline.png`, at twice its size (smaller for a very tall one,
/// which a canvas could not hold).
pub fn export_png(svg: &Element) -> Result<(), String> {
    let window = window()?;
    let document = window.document().ok_or_else(|| failed(()))?;
    let (width, height) = view_box(svg).ok_or_else(|| failed(()))?;
    let scale = PNG_SCALE
        .min(MAX_CANVAS_PX / width)
        .min(MAX_CANVAS_PX / height);
    if scale < MIN_PNG_SCALE {
        return Err(
            "This timeline is too tall for a PNG a browser can draw: export it as SVG instead."
                .to_owned(),
        );
    }
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    canvas.set_width((width * scale) as u32);
    canvas.set_height((height * scale) as u32);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(failed)?
        .ok_or_else(|| failed(()))?
        .dyn_into()
        .map_err(failed)?;
    context.scale(scale, scale).map_err(failed)?;
    context.set_fill_style_str(&panel_colour(&window, svg));
    context.fill_rect(0.0, 0.0, width, height);
    paint_children(&window, &context, svg)?;
    let url = canvas.to_data_url().map_err(failed)?;
    // A canvas the browser could not allocate gives an empty picture rather than an error.
    if url == "data:," {
        return Err(failed(()));
    }
    browser::download_url("timeline.png", &url)
}

fn view_box(svg: &Element) -> Option<(f64, f64)> {
    let text = svg.get_attribute("viewBox")?;
    let numbers: Vec<f64> = text.split_whitespace().filter_map(browser_number).collect();
    match numbers.as_slice() {
        [_, _, width, height] => Some((*width, *height)),
        _ => None,
    }
}

fn panel_colour(window: &Window, element: &Element) -> String {
    window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("--panel").ok())
        .map(|colour| colour.trim().to_owned())
        .filter(|colour| !colour.is_empty())
        .unwrap_or_else(|| "#ffffff".to_owned())
}

fn style_of(window: &Window, element: &Element, property: &str) -> String {
    window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value(property).ok())
        .unwrap_or_default()
}

/// Drag handles are controls, not part of the picture (nor is a lane's focus ring).
fn is_control(element: &Element) -> bool {
    element.class_list().contains("handle")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `url("#id")` as computed styles write it, as SVG attributes take it.
fn plain_url(value: &str) -> String {
    value.replace("url(\"", "url(").replace("\")", ")")
}

fn write_element(
    window: &Window,
    element: &Element,
    out: &mut String,
    background: Option<&str>,
) -> Result<(), String> {
    let tag = element.tag_name();
    out.push('<');
    out.push_str(&tag);
    let attributes = element.attributes();
    for index in 0..attributes.length() {
        let Some(attribute) = attributes.item(index) else {
            continue;
        };
        let name = attribute.name();
        // The root's width is the page's "100%"; it gets its own below. Every other
        // element keeps its width (a bar's, a pattern's).
        let root_width = background.is_some() && name == "width";
        if root_width
            || matches!(name.as_str(), "class" | "tabindex" | "role")
            || name.starts_with("aria-")
        {
            continue;
        }
        out.push_str(&format!(" {name}=\"{}\"", escape(&attribute.value())));
    }
    if background.is_some() {
        if let Some((width, height)) = view_box(element) {
            out.push_str(&format!(
                " xmlns=\"{SVG_NS}\" width=\"{}\" height=\"{}\"",
                Float(width),
                Float(height)
            ));
        }
    }
    for property in STYLE_PROPERTIES {
        let value = style_of(window, element, property);
        if !value.is_empty() && value != "normal" {
            out.push_str(&format!(" {property}=\"{}\"", escape(&plain_url(&value))));
        }
    }
    out.push('>');
    if let Some(colour) = background {
        out.push_str(&format!(
            "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            escape(colour)
        ));
    }
    let children = element.child_nodes();
    for index in 0..children.length() {
        let Some(child) = children.item(index) else {
            continue;
        };
        if child.node_type() == Node::TEXT_NODE {
            out.push_str(&escape(&child.text_content().unwrap_or_default()));
        } else if let Some(child) = child.dyn_ref::<Element>() {
            if !is_control(child) {
                write_element(window, child, out, None)?;
            }
        }
    }
    out.push_str(&format!("</{tag}>"));
    Ok(())
}

fn number(element: &Element, name: &str) -> f64 {
    element
        .get_attribute(name)
        .and_then(|value| browser_number(&value))
        .unwrap_or(0.0)
}

fn css_number(value: &str) -> f64 {
    browser_number(value).unwrap_or(0.0)
}

fn dashes(value: &str) -> js_sys::Array {
    value
        .split([',', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| wasm_bindgen::JsValue::from_f64(css_number(part)))
        .collect()
}

/// Only the text of `element` itself, not of its `<title>`.
fn own_text(element: &Element) -> String {
    let children = element.child_nodes();
    (0..children.length())
        .filter_map(|index| children.item(index))
        .filter(|child| child.node_type() == Node::TEXT_NODE)
        .filter_map(|child| child.text_content())
        .collect()
}

fn paint_children(
    window: &Window,
    context: &CanvasRenderingContext2d,
    parent: &Element,
) -> Result<(), String> {
    let children = parent.children();
    for index in 0..children.length() {
        let Some(child) = children.item(index) else {
            continue;
        };
        match child.tag_name().as_str() {
            "defs" | "title" => {}
            "g" => paint_children(window, context, &child)?,
            _ if is_control(&child) => {}
            _ => paint(window, context, &child),
        }
    }
    Ok(())
}

/// The fills of the patterns (hatches, dots) as a tint with lines or dots over it, since
/// a canvas cannot use the SVG's own patterns.
fn paint_pattern(context: &CanvasRenderingContext2d, pattern: &str, colour: &str, rect: [f64; 4]) {
    let [x, y, width, height] = rect;
    context.save();
    context.begin_path();
    context.rect(x, y, width, height);
    context.clip();
    context.set_global_alpha(0.3);
    context.set_fill_style_str(colour);
    context.fill_rect(x, y, width, height);
    context.set_global_alpha(0.9);
    context.set_stroke_style_str(colour);
    context.set_line_width(1.0);
    let _ = context.set_line_dash(&js_sys::Array::new());
    if pattern.contains("dots") {
        let mut dot_y = y + 2.5;
        while dot_y < y + height {
            let mut dot_x = x + 2.5;
            while dot_x < x + width {
                context.begin_path();
                let _ = context.arc(dot_x, dot_y, 1.0, 0.0, std::f64::consts::TAU);
                context.fill();
                dot_x += 5.0;
            }
            dot_y += 5.0;
        }
    } else {
        let rising = !pattern.contains("cleanup");
        let mut offset = -height;
        while offset < width + height {
            context.begin_path();
            if rising {
                context.move_to(x + offset, y + height);
                context.line_to(x + offset + height, y);
            } else {
                context.move_to(x + offset, y);
                context.line_to(x + offset + height, y + height);
            }
            context.stroke();
            offset += 6.0;
        }
    }
    context.restore();
}

fn paint(window: &Window, context: &CanvasRenderingContext2d, element: &Element) {
    let style = |property: &str| style_of(window, element, property);
    let (fill, stroke) = (style("fill"), style("stroke"));
    let opacity = browser_number(&style("opacity")).unwrap_or(1.0);
    let fill_opacity = browser_number(&style("fill-opacity")).unwrap_or(1.0);
    let stroke_width = css_number(&style("stroke-width"));
    context.save();
    context.set_global_alpha(opacity);
    let _ = context.set_line_dash(&dashes(&style("stroke-dasharray")));
    context.set_line_width(stroke_width.max(0.0));
    let has = |paint: &str| !paint.is_empty() && paint != "none";
    match element.tag_name().as_str() {
        "rect" => {
            let rect = [
                number(element, "x"),
                number(element, "y"),
                number(element, "width"),
                number(element, "height"),
            ];
            if fill.starts_with("url(") {
                let tint = if has(&stroke) {
                    stroke.clone()
                } else {
                    "#888".into()
                };
                paint_pattern(context, &fill, &tint, rect);
            } else if has(&fill) {
                context.set_global_alpha(opacity * fill_opacity);
                context.set_fill_style_str(&fill);
                context.fill_rect(rect[0], rect[1], rect[2], rect[3]);
                context.set_global_alpha(opacity);
            }
            if has(&stroke) && stroke_width > 0.0 {
                let _ = context.set_line_dash(&dashes(&style("stroke-dasharray")));
                context.set_stroke_style_str(&stroke);
                context.stroke_rect(rect[0], rect[1], rect[2], rect[3]);
            }
        }
        "line" if has(&stroke) => {
            context.set_stroke_style_str(&stroke);
            context.begin_path();
            context.move_to(number(element, "x1"), number(element, "y1"));
            context.line_to(number(element, "x2"), number(element, "y2"));
            context.stroke();
        }
        "path" => {
            if let Some(path) = element
                .get_attribute("d")
                .and_then(|d| web_sys::Path2d::new_with_path_string(&d).ok())
            {
                if has(&fill) {
                    context.set_fill_style_str(&fill);
                    context.fill_with_path_2d(&path);
                }
                if has(&stroke) {
                    context.set_stroke_style_str(&stroke);
                    context.stroke_with_path(&path);
                }
            }
        }
        "text" => {
            context.set_font(&format!(
                "{} {} {}",
                style("font-weight"),
                style("font-size"),
                style("font-family")
            ));
            let anchor = style("text-anchor");
            context.set_text_align(match anchor.as_str() {
                "middle" => "center",
                "end" => "end",
                _ => "start",
            });
            context.set_fill_style_str(if has(&fill) { &fill } else { "#000" });
            let _ = context.fill_text(
                &own_text(element),
                number(element, "x"),
                number(element, "y"),
            );
        }
        _ => {}
    }
    context.restore();
}
