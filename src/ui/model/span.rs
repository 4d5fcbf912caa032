//! Which rows of a long list are on screen, so that only those are drawn.
//!
//! A thousand-child run would otherwise lay out and repaint thousands of rows on every
//! redraw; rows out of sight are left out and replaced by empty space of the same height.

use std::ops::Range;

/// The span of an element that is on screen (within the viewport and within the scrolling
/// box it sits in, if any), widened and rounded, in CSS pixels from the element's top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VisibleSpan {
    pub top_px: f64,
    pub bottom_px: f64,
    /// The element's rendered height, to turn pixels into the element's own units.
    pub height_px: f64,
}

impl VisibleSpan {
    /// The rows of a list of `count` rows, each `row_px` high, starting `offset_px` below
    /// the element's top, that fall in the span.
    pub fn rows(&self, offset_px: f64, row_px: f64, count: usize) -> Range<usize> {
        let row = |px: f64| ((px - offset_px) / row_px).max(0.0);
        let first = (row(self.top_px).floor() as usize).min(count);
        let last = (row(self.bottom_px).ceil() as usize).clamp(first, count);
        first..last
    }
}

#[cfg(test)]
mod tests {
    use super::VisibleSpan;

    #[test]
    fn the_rows_in_sight_and_never_past_the_list() {
        let span = VisibleSpan {
            top_px: 300.0,
            bottom_px: 900.0,
            height_px: 20_000.0,
        };
        assert_eq!(span.rows(0.0, 20.0, 1000), 15..45);
        assert_eq!(span.rows(100.0, 20.0, 1000), 10..40);
        assert_eq!(span.rows(0.0, 20.0, 30), 15..30);
        assert_eq!(span.rows(0.0, 20.0, 10), 10..10);
    }
}
