//! The page: compose a scenario, run it on the browser's loop, watch and share it.

use super::browser;
use super::code_panel::CodePanel;
use super::editor::Editor;
use super::event_log::EventLog;
use super::explore::Explore;
use super::json_panel::JsonPanel;
use super::replay::Replay;
use super::results::Results;
use super::state::{Action, Notice, RunView};
use super::storage;
use super::timeline::Timeline;
use super::toolbar::Toolbar;
use gather_playground::scenario::{NodeId, Run, RunEvent, Scenario};
use gather_playground::share::ShareError;
use gather_playground::{Runtime, VirtualClock};
use gloo_timers::callback::Interval;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// How often the live timeline redraws while a run is in flight. Only what is on screen is
/// drawn, so a thousand-node run redraws as often as a three-node one.
const TICK_MS: u32 = 50;

/// Events of a run in flight not yet shown. A run sends thousands of events; the page
/// takes them in batches, one per redraw, rather than re-rendering for each.
type PendingEvents = Rc<RefCell<Vec<RunEvent>>>;

/// What a run in flight needs kept alive: not state, so not compared or cloned.
struct Live {
    id: u64,
    run: Rc<Run>,
    ticks: Option<Interval>,
    pending: PendingEvents,
}

/// Ends the run in flight, if any: dropping it tears it down, which wakes its tasks, so the
/// borrow is released first. Gives its id and the events it sent that are not shown yet.
fn end_live(live: &RefCell<Option<Live>>) -> Option<(u64, Vec<RunEvent>)> {
    let ended = live.borrow_mut().take();
    ended.map(|ended| {
        let events = std::mem::take(&mut *ended.pending.borrow_mut());
        (ended.id, events)
    })
}

thread_local! {
    static NEXT_RUN_ID: Cell<u64> = const { Cell::new(1) };
}

fn next_run_id() -> u64 {
    NEXT_RUN_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    })
}

/// The scenario run on a virtual clock: what a real run should show, instantly.
fn predict(scenario: &Scenario) -> RunView {
    let clock = VirtualClock::new();
    let view = Rc::new(RefCell::new(RunView::new(0, scenario, 1.0)));
    let sink = Rc::clone(&view);
    let run = Run::start(clock.runtime(), scenario, move |event| {
        sink.borrow_mut().apply(event)
    });
    let report = clock.block_on(run.report());
    let mut predicted = view.borrow().clone();
    if let Some(report) = report {
        predicted.now_ms = predicted.now_ms.max(report.done_at_ms as f64);
        predicted.report = Some(Rc::new(report));
    }
    predicted
}

/// What the page starts from.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// What the page's link carries, read before the app started
    /// ([`storage::read_link`]).
    pub link: Rc<Option<Result<Scenario, ShareError>>>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| storage::initial_state(props.link.as_ref().as_ref()));
    let live: Rc<RefCell<Option<Live>>> = use_mut_ref(|| None);

    {
        // Unmounting drops the run (which tears it down) and its ticks.
        let live = Rc::clone(&live);
        use_effect_with((), move |_| {
            move || {
                end_live(&live);
            }
        });
    }
    use_effect_with(
        (state.draft.clone(), state.speed, state.preset),
        |(draft, speed, preset)| storage::save(draft, *speed, *preset),
    );

    // Shared, as are the draft and the runs: every redraw hands them to components, whose
    // properties are compared by pointer first.
    let checked = use_memo(state.draft.clone(), |draft| {
        draft.to_scenario().map(Rc::new).map_err(Rc::new)
    });
    let prediction = use_memo(checked.clone(), |checked| {
        checked
            .as_ref()
            .as_ref()
            .ok()
            .map(|scenario| predict(scenario))
    });
    let preorder_keys = use_memo(state.draft.clone(), |draft| draft.preorder_keys());

    // Kept the same from render to render: a new callback would make every child that takes
    // it (the editor's thousand cards among them) re-render on every tick of a run.
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };

    let on_run = {
        let state = state.clone();
        let live = Rc::clone(&live);
        let checked = checked.clone();
        Callback::from(move |()| {
            let Ok(scenario) = checked.as_ref() else {
                return;
            };
            end_live(&live);
            let id = next_run_id();
            let runtime = Runtime::browser().scaled(state.speed);
            let dispatcher = state.dispatcher();
            let pending: PendingEvents = Rc::new(RefCell::new(Vec::new()));
            let sink = Rc::clone(&pending);
            // Started before the view changes, so that the children's first steps are not
            // queued behind the render of the new run.
            let run = Run::start(runtime.clone(), scenario, move |event| {
                sink.borrow_mut().push(event.clone())
            });
            state.dispatch(Action::RunStarted(RunView::new(id, scenario, state.speed)));
            let started_ms = runtime.wall_ms();
            let (ticker, batch) = (dispatcher.clone(), Rc::clone(&pending));
            let ticks = Interval::new(TICK_MS, move || {
                let events = std::mem::take(&mut *batch.borrow_mut());
                ticker.dispatch(Action::Tick(id, runtime.wall_ms() - started_ms, events))
            });
            let report = run.report();
            let (finished, last_batch) = (Rc::clone(&live), Rc::clone(&pending));
            wasm_bindgen_futures::spawn_local(async move {
                let report = report.await;
                // Stop redrawing: nothing moves once every node has finished.
                let ticks = finished
                    .borrow_mut()
                    .as_mut()
                    .filter(|current| current.id == id)
                    .and_then(|current| current.ticks.take());
                drop(ticks);
                let events = std::mem::take(&mut *last_batch.borrow_mut());
                dispatcher.dispatch(Action::RunEvents(id, events));
                dispatcher.dispatch(Action::RunFinished(id, report));
            });
            *live.borrow_mut() = Some(Live {
                id,
                run: Rc::new(run),
                ticks: Some(ticks),
                pending,
            });
            browser::reveal_when_stacked("timeline-heading");
        })
    };

    let on_stop = {
        let state = state.clone();
        let live = Rc::clone(&live);
        Callback::from(move |()| {
            if let Some((id, events)) = end_live(&live) {
                state.dispatch(Action::RunEvents(id, events));
                state.dispatch(Action::Stopped(id));
            }
        })
    };

    let on_reset = {
        let state = state.clone();
        let live = Rc::clone(&live);
        Callback::from(move |()| {
            end_live(&live);
            state.dispatch(Action::ClearRun);
        })
    };

    let on_cancel_node = {
        let live = Rc::clone(&live);
        use_callback((), move |node: NodeId, _| {
            // cancel() sends events (dispatches): no borrow may be held meanwhile.
            let run = live
                .borrow()
                .as_ref()
                .map(|current| Rc::clone(&current.run));
            if let Some(run) = run {
                run.cancel(node);
            }
        })
    };

    let on_share = {
        let state = state.clone();
        let checked = checked.clone();
        Callback::from(move |()| match checked.as_ref() {
            Ok(scenario) => {
                let scenario = Rc::clone(scenario);
                let dispatcher = state.dispatcher();
                wasm_bindgen_futures::spawn_local(async move {
                    let Some(url) = storage::share_url(&scenario).await else {
                        return;
                    };
                    let text = if browser::copy(&url).await {
                        "Link copied: it carries the whole scenario, no server needed.".to_owned()
                    } else {
                        "The link is in the address bar: it carries the whole scenario.".to_owned()
                    };
                    dispatcher.dispatch(Action::SetNotice(Some(Notice {
                        text,
                        is_error: false,
                    })));
                });
            }
            Err(_) => state.dispatch(Action::SetNotice(Some(Notice {
                text: "Fix the fields marked in red first: a link carries a valid scenario.".into(),
                is_error: true,
            }))),
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

    let running = state
        .run
        .as_ref()
        .is_some_and(|run| !run.finished() && !run.stopped);
    let errors = match checked.as_ref() {
        Ok(_) => Rc::new(Vec::new()),
        Err(errors) => Rc::clone(errors),
    };
    let scenario = checked.as_ref().as_ref().ok().cloned();
    let (recorded, predicted) = match (&state.run, prediction.as_ref()) {
        (Some(run), _) => (Some(run.clone()), false),
        (None, Some(prediction)) => (Some(prediction.clone()), true),
        (None, None) => (None, true),
    };
    // A replay shows the recorded run as it stood at the playhead.
    let shown = match (&recorded, state.playhead) {
        (Some(run), Some(at)) if !running => Some(run.at(at)),
        _ => recorded.clone(),
    };

    html! {
        <div class="app" onkeydown={on_keydown}>
            <header class="masthead">
                <h1>{ "gather playground" }</h1>
                <p class="tagline">
                    { "Python's " }<code>{ "asyncio.gather()" }</code>
                    { ", ported faithfully to Rust and running on your browser's own event loop. \
                       Compose children, run them on real timers, watch the order and the exceptions." }
                </p>
            </header>
            <Toolbar
                preset={state.preset}
                speed={state.speed}
                running={running}
                has_run={state.run.is_some()}
                blocked={errors.len()}
                notice={state.notice.clone()}
                on_action={on_action.clone()}
                on_run={on_run}
                on_stop={on_stop}
                on_reset={on_reset}
                on_share={on_share}
            />
            <main class="workspace">
                <section class="panel editor-panel" aria-labelledby="editor-heading">
                    <h2 id="editor-heading">{ "Scenario" }</h2>
                    <Editor draft={state.draft.clone()} errors={errors.clone()} on_action={on_action.clone()} />
                    <JsonPanel
                        scenario={scenario.clone()}
                        text={state.json_text.clone()}
                        error={state.json_error.clone()}
                        on_action={on_action.clone()}
                    />
                </section>
                <section class="panel watch-panel" aria-labelledby="timeline-heading">
                    <h2 id="timeline-heading">
                        { if predicted { "Timeline (predicted)" } else if running { "Timeline (running)" } else { "Timeline" } }
                    </h2>
                    if let Some(view) = shown.clone() {
                        <Timeline
                            view={view.clone()}
                            predicted={predicted}
                            keys={predicted.then(|| preorder_keys.clone())}
                            running={running}
                            on_action={on_action.clone()}
                            on_cancel={on_cancel_node}
                        />
                        if let Some(whole) = recorded.clone() {
                            // Disabled during a run rather than taken off the page: its controls
                            // coming back would have Chromium's autofill read every field of
                            // the page again (see cancel_list.rs).
                            <Replay view={whole} running={running} playhead={state.playhead} on_action={on_action.clone()} />
                        }
                        <Results view={view.clone()} predicted={predicted} />
                        <EventLog view={view} predicted={predicted} prediction={(*prediction).clone()} />
                    } else {
                        <p class="placeholder">{ "Fix the fields marked in red to see the predicted timeline." }</p>
                    }
                </section>
                <section class="panel explore-panel" aria-labelledby="explore-heading">
                    <h2 id="explore-heading">{ "Compare and explore" }</h2>
                    <Explore scenario={scenario.clone()} />
                </section>
                <section class="panel code-panel" aria-labelledby="code-heading">
                    <h2 id="code-heading">{ "The same in code" }</h2>
                    <CodePanel scenario={scenario} />
                </section>
            </main>
            <footer class="footer">
                <p>
                    { "Semantics: CPython 3.12's asyncio.gather, checked against CPython on 306 scenarios. \
                       Keyboard: Ctrl/⌘+Enter runs. Scripting: " }<code>{ "window.gatherPlayground.run(scenario)" }</code>{ "." }
                </p>
            </footer>
        </div>
    }
}
