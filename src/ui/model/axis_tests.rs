use super::super::replay::Playhead;
use super::super::run_view::predict;
use super::*;
use gather_playground::scenario::Scenario;
use serde_json::json;

const X0: f64 = 170.0;
const X1: f64 = 730.0;

fn long_run() -> RunView {
    predict(
        &Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "future", "label": "B", "delay_ms": 200, "result": {"value": 2}},
        {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": 3}},
        {"kind": "future", "label": "slow", "delay_ms": 600_000, "result": {"value": 4}}]}))
        .unwrap(),
    )
}

#[test]
fn a_linear_axis_while_it_shows_everything() {
    let axis = Axis::new([100.0, 300.0, 1000.0], X0, X1);
    assert!(axis.breaks().is_empty());
    assert_eq!(axis.end_ms(), 1080.0);
    assert_eq!(axis.x(0.0), X0);
    assert_eq!(axis.x(1080.0), X1);
    assert_eq!(axis.x(540.0), (X0 + X1) / 2.0);
    assert_eq!(axis.ms(axis.x(300.0)).round(), 300.0);
    assert_eq!(axis.x(-5.0), X0);
    assert_eq!(axis.x(5e9), X1);
    assert_eq!(axis.ticks()[..3], [0.0, 200.0, 400.0]);
    // Nothing at all: the least axis.
    assert_eq!(Axis::new([], X0, X1).end_ms(), 100.0);
    assert_eq!(Axis::new([f64::NAN, -3.0], X0, X1).end_ms(), 100.0);
}

#[test]
fn a_long_empty_stretch_is_cut_out_and_the_rest_keeps_one_scale() {
    let view = long_run();
    let axis = Axis::new(axis_times(&view), X0, X1);
    assert_eq!(axis.breaks().len(), 1);
    let cut = axis.breaks()[0];
    assert_eq!((cut.from_ms, cut.to_ms), (300.0, 600_000.0));
    assert_eq!(cut.x1 - cut.x0, BREAK_W);
    // The short children keep most of the width: 100 ms is over a sixth of the plot.
    let per_100 = axis.x(100.0) - axis.x(0.0);
    assert!(per_100 > (X1 - X0) / 6.0, "{per_100}");
    // One scale on both sides of the break.
    assert!((axis.x(200.0) - axis.x(100.0) - per_100).abs() < 1e-9);
    let after = axis.x(600_000.0 + 10.0) - axis.x(600_000.0);
    assert!((after - per_100 / 10.0).abs() < 1e-9);
    assert_eq!(axis.x(axis.end_ms()), X1);
    assert!(axis.x(600_000.0) < X1 - 20.0, "room for the end mark");
    // Labels: round times before the break, where it resumes after it, none overlapping.
    let ticks = axis.ticks();
    assert!(ticks.contains(&0.0) && ticks.contains(&100.0) && ticks.contains(&600_000.0));
    assert!(!ticks
        .iter()
        .any(|at| (300.0..600_000.0).contains(at) && *at > 300.0));
    for pair in ticks.windows(2) {
        assert!(axis.x(pair[1]) - axis.x(pair[0]) >= 50.0, "{ticks:?}");
    }
    // Inverse through the break, monotonic.
    assert!(axis.ms(cut.x0 + BREAK_W / 2.0) > 300.0);
    assert!(axis.ms(cut.x0 + BREAK_W / 2.0) < 600_000.0);
}

#[test]
fn a_replay_keeps_the_whole_runs_axis() {
    let view = long_run();
    let whole = Axis::new(axis_times(&view), X0, X1);
    let replay = view.at(Playhead::at(&view.events, 150.0));
    assert_eq!(Axis::new(axis_times(&replay), X0, X1), whole);
}

#[test]
fn several_long_stretches_each_get_a_break() {
    let axis = Axis::new([100.0, 50_000.0, 600_000.0], X0, X1);
    assert_eq!(axis.breaks().len(), 2);
    assert!(axis.x(100.0) - axis.x(0.0) > 100.0);
    // A stretch not much longer than the rest stays linear.
    assert!(Axis::new([100.0, 1500.0], X0, X1).breaks().is_empty());
}

#[test]
fn the_layout_fits_the_box() {
    let phone = Layout::for_width(336.0);
    assert_eq!(phone.width, 336.0);
    assert_eq!(phone.plot_x1, 306.0);
    assert!(phone.plot_x0 >= 100.0 && phone.plot_x1 - phone.plot_x0 >= 180.0);
    assert!(phone.label_chars(0) >= 12);
    assert_eq!(Layout::for_width(0.0).width, Layout::WIDE);
    assert_eq!(Layout::for_width(1400.0).width, Layout::WIDE);
    assert_eq!(Layout::for_width(1400.0).plot_x0, 170.0);
    assert_eq!(Layout::for_width(1400.0).label_chars(0), 22);
    assert_eq!(Layout::for_width(200.0).width, Layout::NARROW);
    // Fewer ticks on a narrow plot, never overlapping.
    let axis = Axis::new([300.0], phone.plot_x0, phone.plot_x1);
    assert_eq!(axis.ticks(), [0.0, 100.0, 200.0, 300.0]);
    for pair in axis.ticks().windows(2) {
        assert!(axis.x(pair[1]) - axis.x(pair[0]) >= 50.0);
    }
}
