//! Room for the rows of a list left undrawn (see the model's `span.rs`).

use crate::ui::model::Float;
use yew::prelude::*;

/// `rows` rows of `row_px` left out of a list, as empty space of their height: an SVG's
/// height attribute, since the page's CSP allows no inline style.
pub fn spacer(rows: usize, row_px: f64) -> Option<Html> {
    (rows > 0).then(|| {
        html! {
            <li class="spacer" aria-hidden="true"><svg width="1" height={Float(rows as f64 * row_px).to_string()}></svg></li>
        }
    })
}
