use super::super::action::{Action, DraftEdit, LoadAction, PageAction, ReplayAction, RunAction};
use super::super::draft::{DraftKind, DraftNode, Field};
use super::super::presets::PRESETS;
use super::super::replay::{Playhead, Step};
use super::super::run_view::predict;
use super::super::run_view::tests::{finished, ok, one_raises};
use super::super::state::{Notice, State};
use super::reduce;
use gather_playground::scenario::{Report, RunEvent, Scenario};
use std::rc::Rc;

fn state() -> State {
    State::new(DraftNode::from_scenario(&one_raises()), Some(6), 1.0)
}

fn started(state: &State, run: u64) -> State {
    reduce(
        state,
        Action::Run(RunAction::Started {
            run,
            scenario: Rc::new(one_raises()),
            speed: 2.0,
        }),
    )
}

fn report(scenario: &Scenario) -> Report {
    predict(scenario).report.as_deref().cloned().unwrap()
}

fn ended(state: &State, run: u64) -> State {
    reduce(
        state,
        Action::Run(RunAction::Finished {
            run,
            events: predict(&one_raises()).events.iter().cloned().collect(),
            report: report(&one_raises()),
        }),
    )
}

fn set_label(key: u64) -> Action {
    Action::Draft(DraftEdit::SetField {
        key,
        field: Field::Label,
        text: "x".into(),
    })
}

fn scrubbed(state: &State, at_ms: f64) -> State {
    let events = state.run.as_ref().unwrap().events.clone();
    reduce(
        state,
        Action::Replay(ReplayAction::Scrubbed { at_ms, events }),
    )
}

#[test]
fn a_run_starts_ticks_and_finishes() {
    let running = started(&state(), 1);
    assert!(running.running());
    let run = running.run.as_ref().unwrap();
    assert_eq!((run.id, run.speed, run.lanes.len()), (1, 2.0, 4));
    let ticked = reduce(
        &running,
        Action::Run(RunAction::Tick {
            run: 1,
            now_ms: 50.0,
            events: vec![RunEvent::Started {
                node: 1,
                at_ms: 0.3,
            }],
        }),
    );
    let run = ticked.run.as_ref().unwrap();
    assert_eq!((run.now_ms, run.log.len()), (50.0, 1));
    // Another run's messages change nothing.
    let other = reduce(
        &ticked,
        Action::Run(RunAction::Tick {
            run: 2,
            now_ms: 90.0,
            events: vec![],
        }),
    );
    assert_eq!(other, ticked);
    let done = ended(&started(&state(), 1), 1);
    let run = done.run.as_ref().unwrap();
    assert!(run.finished() && !done.running());
    assert_eq!((run.log.len(), run.now_ms), (7, 300.0));
    // A tick after the end does not move its clock.
    let late = reduce(
        &done,
        Action::Run(RunAction::Tick {
            run: 1,
            now_ms: 900.0,
            events: vec![],
        }),
    );
    assert_eq!(late.run.as_ref().unwrap().now_ms, 300.0);
}

#[test]
fn stop_keeps_the_last_events_and_reset_returns_to_the_prediction() {
    let running = started(&state(), 3);
    let stopped = reduce(
        &running,
        Action::Run(RunAction::Stopped {
            run: 3,
            events: vec![RunEvent::Started {
                node: 1,
                at_ms: 0.1,
            }],
        }),
    );
    let run = stopped.run.as_ref().unwrap();
    assert!(run.stopped && !stopped.running());
    let texts: Vec<&str> = run.log.iter().map(|entry| entry.text.as_str()).collect();
    assert_eq!(texts, ["A started", "stopped: every task was torn down"]);
    let replaying = scrubbed(&stopped, 0.0);
    assert!(replaying.playhead.is_some());
    let reset = reduce(&replaying, Action::Run(RunAction::Cleared));
    assert_eq!((reset.run.as_ref(), reset.playhead), (None, None));
}

#[test]
fn an_edit_leaves_the_preset_the_replay_and_an_ended_run_but_not_one_in_flight() {
    let ended = scrubbed(&ended(&started(&state(), 1), 1), 150.0);
    assert!(ended.playhead.is_some());
    let key = ended.draft.key;
    let edited = reduce(&ended, set_label(key));
    assert_eq!(edited.draft.label, "x");
    assert_eq!(
        (edited.preset, edited.playhead, edited.run.as_ref()),
        (None, None, None)
    );
    let running = started(&state(), 2);
    let edited = reduce(&running, set_label(key));
    assert!(edited.running(), "a run in flight is kept until it ends");
    // A new run leaves a replay too.
    let again = started(&ended, 5);
    assert_eq!((again.playhead, again.run.as_ref().unwrap().id), (None, 5));
}

#[test]
fn collapsing_is_not_an_edit() {
    let ended = ended(&started(&state(), 1), 1);
    let collapsed = reduce(
        &ended,
        Action::Page(PageAction::SetCollapsed {
            key: ended.draft.key,
            collapsed: true,
        }),
    );
    assert!(collapsed.draft.collapsed);
    assert_eq!((collapsed.preset, collapsed.run.is_some()), (Some(6), true));
    // Only a gather's card collapses.
    let DraftKind::Gather { children, .. } = &collapsed.draft.kind else {
        unreachable!()
    };
    let future = children[0].key;
    let same = reduce(
        &collapsed,
        Action::Page(PageAction::SetCollapsed {
            key: future,
            collapsed: true,
        }),
    );
    assert_eq!(same.draft, collapsed.draft);
}

#[test]
fn presets_and_pasted_json_replace_the_scenario() {
    let ended = scrubbed(&ended(&started(&state(), 1), 1), 100.0);
    let loaded = reduce(&ended, Action::Load(LoadAction::Preset { index: 0 }));
    assert_eq!(loaded.preset, Some(0));
    assert_eq!(loaded.draft.to_scenario().ok(), PRESETS[0].scenario());
    assert_eq!(
        (loaded.run.as_ref(), loaded.playhead, loaded.notice.as_ref()),
        (None, None, None)
    );
    assert_eq!(
        reduce(&loaded, Action::Load(LoadAction::Preset { index: 999 })),
        loaded
    );

    // What the JSON panel says of JSON that does not load is its own (src/panels/model).
    let scenario = Scenario::from_json(r#"{"version": 1, "children": []}"#).unwrap();
    let pasted = reduce(
        &ended,
        Action::Load(LoadAction::Pasted {
            scenario: Rc::new(scenario),
        }),
    );
    assert_eq!(
        pasted.notice,
        Some(Notice::undoable(
            "Loaded the pasted scenario. Undo (Ctrl/⌘+Z) takes it back."
        ))
    );
    assert_eq!(
        (pasted.preset, pasted.run.as_ref(), pasted.node_count()),
        (None, None, 1)
    );
}

#[test]
fn the_replay_scrubs_steps_and_returns_to_the_whole_run() {
    let ended = ended(&started(&state(), 1), 1);
    let events = ended.run.as_ref().unwrap().events.clone();
    let step = |state: &State, step| {
        reduce(
            state,
            Action::Replay(ReplayAction::Stepped {
                step,
                events: events.clone(),
            }),
        )
    };
    let back = step(&ended, Step::Back);
    assert_eq!(
        back.playhead,
        Some(Playhead {
            shown: 6,
            at_ms: 200.0
        })
    );
    let forward = step(&back, Step::Forward);
    assert_eq!(
        forward.playhead,
        Some(Playhead {
            shown: 7,
            at_ms: 300.0
        })
    );
    let at = scrubbed(&forward, 150.0);
    assert_eq!(
        at.playhead,
        Some(Playhead {
            shown: 4,
            at_ms: 150.0
        })
    );
    let whole = reduce(&at, Action::Replay(ReplayAction::WholeRun));
    assert_eq!(whole.playhead, None);
    // What the panel shows: the run at the playhead; never a replay of a run in flight.
    let shown = at.shown(None).unwrap();
    assert!(!shown.predicted);
    assert_eq!(shown.view.log.len(), 4);
    assert_eq!(shown.recorded.log.len(), 7);
    let running = started(&at, 2);
    let live = State {
        playhead: at.playhead,
        ..running
    };
    assert_eq!(live.shown(None).unwrap().view.replay_at, None);
    // Without a run, the prediction.
    let prediction = predict(&one_raises());
    let predicted = State {
        run: None,
        ..at.clone()
    }
    .shown(Some(&prediction))
    .unwrap();
    assert!(predicted.predicted);
    assert_eq!(predicted.view.log.len(), 4);
    assert!(State { run: None, ..at }.shown(None).is_none());
}

#[test]
fn settings_and_notices() {
    let state = state();
    let fast = reduce(&state, Action::Page(PageAction::SetSpeed { speed: 4.0 }));
    assert_eq!(fast.speed, 4.0);
    let told = reduce(
        &fast,
        Action::Page(PageAction::ShowNotice {
            notice: Notice::error("no"),
        }),
    );
    assert_eq!(told.notice, Some(Notice::error("no")));
    // A run starting keeps the notice: taking it away would move the page.
    assert_eq!(started(&told, 1).notice, Some(Notice::error("no")));
    let dismissed = reduce(&told, Action::Page(PageAction::DismissNotice));
    assert_eq!(dismissed.notice, None);
    let _ = finished(0, 0.0, ok(serde_json::json!(1)));
}

impl State {
    fn node_count(&self) -> usize {
        self.draft.node_count()
    }
}
