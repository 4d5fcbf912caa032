//! The run's events in plain text, read out as they happen, each real one with how late it
//! came against the prediction.

use super::spacer::spacer;
use super::why_text::WhyText;
use crate::ui::hooks::use_visible_span;
use crate::ui::model::{
    rules_text, stopped_why, Explainer, Float, LogEntry, Marks, PredictedEntries, RunView,
};
use std::rc::Rc;
use yew::prelude::*;

/// Above this many events only those in sight are drawn, each on one line of this height.
const DRAW_ALL_UP_TO: usize = 200;
/// Tall enough for each line's why button, 24 px, the smallest target WCAG 2.2 allows.
const LINE_PX: f64 = 26.0;
/// A run's log is this many lines high from its start (if its prediction has as many), more
/// than its box shows: the box is at its full height at once, rather than growing with the
/// first events and moving what follows, which lays out the whole page (a big editor too).
const RESERVED_LINES: usize = 14;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub view: RunView,
    pub predicted: bool,
    /// The virtual-clock prediction of the same scenario, to show each real event's
    /// lateness against it.
    #[prop_or_default]
    pub prediction: Option<RunView>,
    /// Where each line's why is read from.
    #[prop_or_default]
    pub explainer: Option<Explainer>,
    /// The events the rules chosen in the Why panel decided.
    #[prop_or_default]
    pub marks: Option<Rc<Marks>>,
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let (list_ref, scroll_ref) = (use_node_ref(), use_node_ref());
    let count = props.view.log.len();
    let windowed = count > DRAW_ALL_UP_TO;
    let span = use_visible_span(list_ref.clone(), Some(scroll_ref.clone()), windowed);
    let drawn = if windowed {
        span.rows(0.0, LINE_PX, count)
    } else {
        0..count
    };
    // Built once per prediction, then looked up for the lines in sight only.
    let entries = use_memo(props.prediction.clone(), |prediction| {
        prediction.as_ref().map(PredictedEntries::new)
    });
    let reserved = match &props.prediction {
        Some(prediction) if !props.predicted => prediction.log.len().min(RESERVED_LINES),
        _ => 0,
    };
    // The line whose why is open, by its place in the log, for the run it was opened in;
    // one at a time, so that a windowed log's lines keep their height but one.
    let open = use_state_eq(|| None::<(u64, bool, usize)>);
    let run = (props.view.id, props.predicted);
    let is_open = |index: usize| *open == Some((run.0, run.1, index));
    let toggle = |index: usize| {
        let (open, shut) = (open.clone(), is_open(index));
        Callback::from(move |_: MouseEvent| open.set((!shut).then_some((run.0, run.1, index))))
    };
    let marked = |entry: &LogEntry| -> Option<String> {
        let (marks, explainer) = (props.marks.as_ref()?, props.explainer.as_ref()?);
        let rules = marks.rules_of(explainer.whole()?, entry.event?);
        (!rules.is_empty()).then(|| rules_text(&rules))
    };
    let late = |entry: &LogEntry| match (&props.prediction, entries.as_ref()) {
        (Some(prediction), Some(entries)) if !props.predicted => {
            entries.lateness(entry, prediction)
        }
        _ => None,
    };
    html! {
        <div class="event-log">
            <h3 id="log-heading">{ if props.predicted { "Predicted events" } else { "Events" } }</h3>
            // Focusable, so that a log longer than its box scrolls by keyboard too.
            <div ref={scroll_ref} class={classes!("log", windowed.then_some("windowed"))} tabindex="0"
                role="region" aria-labelledby="log-heading">
            <ol ref={list_ref} aria-labelledby="log-heading" aria-live={if props.predicted { "off" } else { "polite" }}>
                { for spacer(drawn.start, LINE_PX) }
                { for props.view.log.range(drawn.clone()).zip(drawn.clone()).map(|(entry, index)| {
                    let opened = is_open(index);
                    let why_id = format!("log-why-{index}");
                    let mark = marked(entry);
                    html! {
                    <li title={windowed.then(|| entry.text.clone())}
                        class={classes!(opened.then_some("open"), mark.is_some().then_some("marked"))}
                        aria-posinset={windowed.then(|| (index + 1).to_string())} aria-setsize={windowed.then(|| count.to_string())}>
                        <span class="log-time">{ format!("{:>6} ms", Float(entry.at_ms.round())) }</span>
                        { entry.text.clone() }
                        if let Some(late) = late(entry) {
                            <span class="lateness" title="Real time minus the virtual-clock prediction">
                                { format!(" ({:+} ms vs predicted)", Float(late.round())) }
                            </span>
                        }
                        if let Some(mark) = mark { <span class="rule-badge">{ mark }</span> }
                        if props.explainer.is_some() || entry.event.is_none() {
                            <button class="why-toggle small" aria-expanded={opened.to_string()} aria-controls={why_id.clone()}
                                aria-label={format!("Why: {}", entry.text)} onclick={toggle(index)}>{ "why?" }</button>
                        }
                        if opened {
                            { match (&props.explainer, entry.event) {
                                (Some(explainer), Some(event)) => html! {
                                    <WhyText explainer={explainer.clone()} event={event} id={AttrValue::from(why_id)} />
                                },
                                (_, None) => html! { <p class="why" id={why_id}>{ stopped_why() }</p> },
                                (None, Some(_)) => Html::default(),
                            } }
                        }
                    </li>
                    }
                }) }
                { for spacer(count - drawn.end, LINE_PX) }
                { for spacer(reserved.saturating_sub(count), LINE_PX) }
            </ol>
            </div>
        </div>
    }
}
