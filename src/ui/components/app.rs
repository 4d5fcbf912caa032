//! The page: compose a scenario, run it on the browser's loop, watch and share it.
//!
//! About 400 lines: the page's one component that wires the state to every panel; each
//! callback is a line or two, and they read best in one place.

use super::editor::Editor;
use super::event_log::EventLog;
use super::guess_choices::{guess_choices, GuessChoicesProps};
use super::guess_verdict::{guess_verdict, GuessVerdictProps};
use super::outcome_why::OutcomeWhy;
use super::panel_slot::{panel_slot, PanelSlotProps};
use super::replay::Replay;
use super::results::Results;
use super::skip_links::skip_links;
use super::stale_timeline::{stale_timeline, StaleTimelineProps};
use super::timeline::Timeline;
use super::toolbar::Toolbar;
use super::why_panel::{why_panel, WhyPanelProps};
use crate::ui::hooks::{use_history_keys, use_kept_across_reloads, use_live_run, use_panels};
use crate::ui::model::{
    offered, outcome_why, predict, verdict, Action, Choice, DraftEdit, Explained, Explainer,
    ExplainerKey, LoadAction, Marks, Notice, PageAction, QuizAction, ReplayAction, RunView, State,
    Step, WhyAction, WhyLoad, TAGLINE_CODE, TAGLINE_REST,
};
use crate::ui::services::panels::{CODE_SLOT, EXPLORE_SLOT, JSON_SLOT};
use crate::ui::services::{browser, storage};
use gather_playground::explain::{Myth, Rule};
use gather_playground::scenario::{NodeId, Scenario};
use gather_playground::share::ShareError;
use std::rc::Rc;
use yew::prelude::*;

/// What the page starts from.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// What the page's link carries, read before the app started
    /// ([`storage::read_link`]).
    pub link: Rc<Option<Result<Scenario, ShareError>>>,
}

/// A callback that dispatches the action `to_action` makes of what it is given.
fn dispatching<T: 'static>(
    dispatcher: UseReducerDispatcher<State>,
    to_action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    Callback::from(move |value| dispatcher.dispatch(to_action(value)))
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| storage::opening_state(props.link.as_ref().as_ref()));
    let live = use_live_run(state.dispatcher());
    use_history_keys(state.dispatcher(), state.history.clone());
    use_kept_across_reloads(
        state.draft.clone(),
        state.speed,
        state.preset,
        state.predict_first,
    );

    // Shared, as are the draft and the runs: every redraw hands them to components, whose
    // properties are compared by pointer first.
    let checked = use_memo(state.draft.clone(), |draft| {
        draft.to_scenario().map(Rc::new).map_err(Rc::new)
    });
    let prediction = use_memo(checked.clone(), |checked| {
        checked.as_ref().as_ref().ok().map(|scenario| {
            let mut prediction = predict(scenario);
            prediction.scenario = Some(Rc::clone(scenario));
            prediction
        })
    });
    let on_pasted = use_callback(state.dispatcher(), |scenario, dispatcher| {
        dispatcher.dispatch(Action::Load(LoadAction::Pasted { scenario }))
    });
    let (panels, on_panels_retried) =
        use_panels(checked.as_ref().as_ref().ok().cloned(), on_pasted);
    let preorder_keys = use_memo(state.draft.clone(), |draft| draft.preorder_keys());
    // The last valid scenario's prediction: shown, dimmed, while the draft has errors.
    let last_valid = use_mut_ref(|| None::<RunView>);
    if let Some(prediction) = prediction.as_ref() {
        *last_valid.borrow_mut() = Some(prediction.clone());
    }
    let last_valid = last_valid.borrow().clone();

    // Kept the same from render to render: a new callback would make every child that takes
    // it (the editor's thousand cards among them) re-render on every tick of a run.
    let on_edit = use_callback(state.dispatcher(), |edit, dispatcher| {
        dispatcher.dispatch(Action::Draft(edit))
    });
    let on_collapsed = use_callback(state.dispatcher(), |(key, collapsed), dispatcher| {
        dispatcher.dispatch(Action::Page(PageAction::SetCollapsed { key, collapsed }))
    });
    let on_delay_changed = use_callback(state.dispatcher(), |(key, delay_ms), dispatcher| {
        dispatcher.dispatch(Action::Draft(DraftEdit::SetDelay { key, delay_ms }))
    });
    let on_delay_nudged = use_callback(state.dispatcher(), |(key, by_ms), dispatcher| {
        dispatcher.dispatch(Action::Draft(DraftEdit::NudgeDelay { key, by_ms }))
    });
    let on_notice = use_callback(state.dispatcher(), |notice, dispatcher| {
        dispatcher.dispatch(Action::Page(PageAction::ShowNotice { notice }))
    });
    let on_cancel_called = {
        let live = live.clone();
        use_callback((), move |node: NodeId, _| live.cancel(node))
    };

    let on_run = {
        let (live, checked, speed) = (live.clone(), checked.clone(), state.speed);
        Callback::from(move |()| {
            if let Ok(scenario) = checked.as_ref() {
                live.start(scenario, speed);
                browser::reveal_when_stacked("timeline-heading");
            }
        })
    };
    let on_stop = {
        let live = live.clone();
        Callback::from(move |()| live.stop())
    };
    let on_reset = {
        let live = live.clone();
        Callback::from(move |()| live.reset())
    };
    let on_share = {
        let (checked, on_notice) = (checked.clone(), on_notice.clone());
        Callback::from(move |()| match checked.as_ref() {
            Ok(scenario) => {
                let (scenario, on_notice) = (Rc::clone(scenario), on_notice.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let Some(url) = storage::share_url(&scenario).await else {
                        return;
                    };
                    on_notice.emit(Notice::info(if browser::copy(&url).await {
                        "Link copied: it carries the whole scenario, no server needed."
                    } else {
                        "The link is in the address bar: it carries the whole scenario."
                    }));
                });
            }
            Err(_) => on_notice.emit(Notice::error(
                "Fix the fields marked in red first: a link carries a valid scenario.",
            )),
        })
    };
    let on_keydown = {
        let on_run = on_run.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                on_run.emit(());
            }
        })
    };
    let on_preset_chosen = use_callback(state.dispatcher(), |index, dispatcher| {
        dispatcher.dispatch(Action::Load(LoadAction::Preset { index }))
    });
    let on_history = use_callback(state.dispatcher(), |action, dispatcher| {
        dispatcher.dispatch(Action::History(action))
    });
    let on_speed_chosen = use_callback(state.dispatcher(), |speed, dispatcher| {
        dispatcher.dispatch(Action::Page(PageAction::SetSpeed { speed }))
    });
    let on_notice_dismissed = use_callback(state.dispatcher(), |(), dispatcher| {
        dispatcher.dispatch(Action::Page(PageAction::DismissNotice))
    });
    let on_predict_first_changed = use_callback(state.dispatcher(), |on, dispatcher| {
        dispatcher.dispatch(Action::Quiz(QuizAction::SetMode { on }))
    });
    let on_again = use_callback(state.dispatcher(), |(), dispatcher| {
        dispatcher.dispatch(Action::Quiz(QuizAction::Again))
    });

    let running = state.running();
    let errors = match checked.as_ref() {
        Ok(_) => Rc::new(Vec::new()),
        Err(errors) => Rc::clone(errors),
    };
    let scenario = checked.as_ref().as_ref().ok().cloned();
    let shown = state.shown(prediction.as_ref().as_ref());
    let predicted = shown.as_ref().is_none_or(|shown| shown.predicted);
    // The replay moves through the events of the run it shows.
    let events = shown
        .as_ref()
        .map(|shown| shown.recorded.events.clone())
        .unwrap_or_default();
    let on_scrubbed = {
        let events = events.clone();
        dispatching(state.dispatcher(), move |at_ms| {
            Action::Replay(ReplayAction::Scrubbed {
                at_ms,
                events: events.clone(),
            })
        })
    };
    let on_stepped = dispatching(state.dispatcher(), move |step: Step| {
        Action::Replay(ReplayAction::Stepped {
            step,
            events: events.clone(),
        })
    });
    let on_whole_run = dispatching(state.dispatcher(), |()| {
        Action::Replay(ReplayAction::WholeRun)
    });

    // Why: the run shown explained whole, once per prediction and once per real run when it
    // has ended or stopped (explain is O(events)); while a run is in flight, each why is
    // worked out only when asked, from the events up to it.
    let recorded = shown.as_ref().map(|shown| shown.recorded.clone());
    // Keyed by the scenario itself, not its address, which a new one may reuse.
    let settled = recorded
        .as_ref()
        .filter(|run| !run.running())
        .map(|run| (run.id, predicted, run.events.len(), run.scenario.clone()));
    let explained = {
        let recorded = recorded.clone();
        use_memo(settled, move |settled| {
            let run = recorded.filter(|_| settled.is_some())?;
            let scenario = run.scenario.as_ref()?;
            Some(Rc::new(Explained::new(scenario, run.events.iter())))
        })
    };
    let explained = (*explained).clone();
    let explainer = match (&recorded, &explained) {
        (_, Some(explained)) => Some(Explainer::Whole(Rc::clone(explained))),
        (Some(run), None) if run.running() => {
            run.scenario.clone().map(|scenario| Explainer::Live {
                run: run.id,
                scenario,
                events: run.events.clone(),
            })
        }
        _ => None,
    };
    let marks = {
        let marked = state.why.marked.clone();
        let key = explained.clone().map(ExplainerKey::Whole);
        use_memo((key, marked), move |(key, marked)| match key {
            Some(ExplainerKey::Whole(explained)) if !marked.is_empty() => {
                Some(Rc::new(Marks::new(explained, marked)))
            }
            _ => None,
        })
    };
    let marks = (*marks).clone();

    // Predict first: the choices while the prediction is hidden; once picked, the verdict
    // beside the prediction, until the scenario is edited.
    let hidden = state.prediction_hidden() && scenario.is_some();
    let quiz = scenario.as_ref().zip((*prediction).as_ref());
    let choices = quiz
        .filter(|_| hidden)
        .map(|(scenario, prediction)| Rc::new(offered(scenario, prediction)));
    let return_exceptions = scenario
        .as_ref()
        .is_some_and(|scenario| scenario.root.return_exceptions);
    let told = quiz
        .filter(|_| predicted && !hidden)
        .and_then(|(scenario, prediction)| {
            let picked = state.guess_for(Some(scenario))?;
            let why = explained
                .as_ref()
                .and_then(|explained| outcome_why(explained, explained.events.len()).pop());
            Some((verdict(picked, scenario, prediction), why))
        });
    let on_picked = {
        let (dispatcher, scenario) = (state.dispatcher(), scenario.clone());
        Callback::from(move |picked: Choice| {
            if let Some(scenario) = scenario.clone() {
                dispatcher.dispatch(Action::Quiz(QuizAction::Picked { picked, scenario }));
            }
        })
    };
    // Kept the same from render to render, as the callbacks above.
    let on_demo_asked = {
        let live = live.clone();
        use_callback(state.dispatcher(), move |rule: Rule, dispatcher| {
            // A deliberate click: the demo replaces the scenario (the notice says so, and
            // the Why panel puts it back); a run in flight is of the scenario replaced.
            live.reset();
            dispatcher.dispatch(Action::Load(LoadAction::Why(WhyLoad::Demo { rule })));
        })
    };
    let on_myth_tried = {
        let live = live.clone();
        use_callback(
            (state.dispatcher(), state.speed),
            move |myth: Myth, (dispatcher, speed)| {
                dispatcher.dispatch(Action::Load(LoadAction::Why(WhyLoad::Myth { myth })));
                // Run on real timers, as the Run button does.
                live.start(&Rc::new(myth.scenario()), *speed);
            },
        )
    };
    let on_marked = use_callback(state.dispatcher(), |rules: Vec<Rule>, dispatcher| {
        dispatcher.dispatch(Action::Why(WhyAction::Marked { rules }))
    });
    let on_put_back = {
        let live = live.clone();
        use_callback(state.dispatcher(), move |(), dispatcher| {
            live.reset();
            dispatcher.dispatch(Action::Load(LoadAction::Why(WhyLoad::PutBack)));
        })
    };

    html! {
        <div class="app" onkeydown={on_keydown}>
            { skip_links() }
            <header class="masthead">
                <h1>{ "gather playground" }</h1>
                <p class="tagline"><code>{ TAGLINE_CODE }</code>{ TAGLINE_REST }</p>
            </header>
            <Toolbar
                preset={state.preset}
                speed={state.speed}
                running={running}
                has_run={state.run.is_some()}
                blocked={errors.len()}
                notice={state.notice.clone()}
                undo_what={state.history.undo_what().map(|what| AttrValue::from(what.to_owned()))}
                redo_what={state.history.redo_what().map(|what| AttrValue::from(what.to_owned()))}
                on_preset_chosen={on_preset_chosen}
                on_history={on_history}
                on_speed_chosen={on_speed_chosen}
                on_run={on_run}
                on_stop={on_stop}
                on_reset={on_reset}
                on_share={on_share}
                on_notice_dismissed={on_notice_dismissed}
                predict_first={state.predict_first}
                on_predict_first_changed={on_predict_first_changed}
            />
            <main class="workspace">
                <section class="panel editor-panel" aria-labelledby="editor-heading">
                    <h2 id="editor-heading">{ "Scenario" }</h2>
                    <Editor draft={state.draft.clone()} errors={errors.clone()} on_edit={on_edit} on_collapsed={on_collapsed} />
                    { panel_slot(&PanelSlotProps { id: JSON_SLOT, status: panels, on_retried: on_panels_retried.clone() }) }
                </section>
                <section class="panel watch-panel" aria-labelledby="timeline-heading">
                    <h2 id="timeline-heading">
                        { if predicted { "Timeline (predicted)" } else if running { "Timeline (running)" } else { "Timeline" } }
                    </h2>
                    if let Some(choices) = choices {
                        { guess_choices(&GuessChoicesProps { choices, return_exceptions, on_picked }) }
                    } else if let Some(shown) = shown {
                        if let Some((verdict, why)) = told {
                            { guess_verdict(&GuessVerdictProps { verdict, why, on_again }) }
                        }
                        <Timeline
                            view={shown.view.clone()}
                            predicted={predicted}
                            keys={predicted.then(|| preorder_keys.clone())}
                            running={running}
                            on_delay_changed={on_delay_changed}
                            on_delay_nudged={on_delay_nudged}
                            on_cancel_called={on_cancel_called}
                            explainer={explainer.clone()}
                            marks={marks.clone()}
                        />
                        // Disabled during a run rather than taken off the page: its controls
                        // coming back would have Chromium's autofill read every field of
                        // the page again (see cancel_list.rs).
                        <Replay view={shown.recorded} running={running} playhead={state.playhead}
                            on_scrubbed={on_scrubbed} on_stepped={on_stepped} on_whole_run={on_whole_run}
                            explainer={explainer.clone()} />
                        <Results view={shown.view.clone()} predicted={predicted} explained={explained.clone()}>
                            if let Some(explainer) = explainer.clone() {
                                <OutcomeWhy explainer={explainer} upto={shown.view.events.len()} stopped={shown.view.stopped} />
                            }
                        </Results>
                        <EventLog view={shown.view} predicted={predicted} prediction={(*prediction).clone()}
                            explainer={explainer.clone()} marks={marks.clone()} />
                    } else {
                        { stale_timeline(&StaleTimelineProps { view: last_valid }) }
                    }
                </section>
                <section class="panel explore-panel" aria-labelledby="explore-heading">
                    <h2 id="explore-heading">{ "Compare and explore" }</h2>
                    { panel_slot(&PanelSlotProps { id: EXPLORE_SLOT, status: panels, on_retried: on_panels_retried.clone() }) }
                </section>
                <section class="panel code-panel" aria-labelledby="code-heading">
                    <h2 id="code-heading">{ "The same in code" }</h2>
                    { panel_slot(&PanelSlotProps { id: CODE_SLOT, status: panels, on_retried: on_panels_retried }) }
                </section>
                <section class="panel why-panel" aria-labelledby="why-heading">
                    <h2 id="why-heading">{ "Why" }</h2>
                    { why_panel(&WhyPanelProps {
                        why: state.why.clone(), explained: explained.clone(), marks: marks.clone(),
                        predicted, running, on_demo_asked, on_myth_tried, on_marked, on_put_back,
                    }) }
                </section>
            </main>
            <footer class="footer">
                <p>
                    { "Semantics: CPython's asyncio (gather agrees on 3.11 to 3.13; timeouts and shields follow 3.12 and later), checked against CPython on 1,370 scenarios, ties included. \
                       Keyboard: Ctrl/⌘+Enter runs; Ctrl/⌘+Z undoes and Shift+Ctrl/⌘+Z redoes (in a field you are typing in, the typing first). Scripting: " }<code>{ "window.gatherPlayground.run(scenario)" }</code>{ "." }
                </p>
            </footer>
        </div>
    }
}
