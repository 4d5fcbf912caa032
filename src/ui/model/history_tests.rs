//! Undo and redo, one test per kind of step (over 400 lines: each test replays a short
//! sequence of edits and checks the whole state after every undo and redo).

use super::super::action::{Action, DraftEdit, LoadAction, PageAction, RunAction};
use super::super::draft::{DraftKind, DraftNode, Field, Flag, Key};
use super::super::presets::PRESETS;
use super::super::reducer::reduce;
use super::super::run_view::tests::one_raises;
use super::super::state::{Notice, State};
use super::super::why_state::WhyLoad;
use super::{browser_answers, history_key, HistoryAction, KeyPlace, HISTORY_STEPS};
use gather_playground::explain::{Myth, Rule};
use std::rc::Rc;

/// The person's own scenario (no preset loaded): one_raises, A, B, C under main.
fn mine() -> State {
    State::new(DraftNode::from_scenario(&one_raises()), None, 1.0)
}

fn child_key(state: &State, position: usize) -> Key {
    match &state.draft.kind {
        DraftKind::Gather { children, .. } => children[position].key,
        DraftKind::Future { .. } => unreachable!(),
    }
}

fn labels(state: &State) -> Vec<String> {
    match &state.draft.kind {
        DraftKind::Gather { children, .. } => children.iter().map(|c| c.label.clone()).collect(),
        DraftKind::Future { .. } => Vec::new(),
    }
}

fn edit(state: &State, edit: DraftEdit) -> State {
    reduce(state, Action::Draft(edit))
}

fn typed(state: &State, key: Key, field: Field, text: &str) -> State {
    edit(
        state,
        DraftEdit::SetField {
            key,
            field,
            text: text.into(),
        },
    )
}

fn history(state: &State, action: HistoryAction) -> State {
    reduce(state, Action::History(action))
}

fn undo(state: &State) -> State {
    history(state, HistoryAction::Undo)
}

fn redo(state: &State) -> State {
    history(state, HistoryAction::Redo)
}

fn rex(state: &State, on: bool) -> State {
    let key = state.draft.key;
    edit(
        state,
        DraftEdit::SetFlag {
            key,
            flag: Flag::ReturnExceptions,
            on,
        },
    )
}

fn return_exceptions(state: &State) -> bool {
    matches!(
        state.draft.kind,
        DraftKind::Gather {
            return_exceptions: true,
            ..
        }
    )
}

#[test]
fn an_edit_is_undone_and_redone() {
    let start = mine();
    assert_eq!(start.history.undo_what(), None);
    let a = child_key(&start, 0);
    let edited = typed(&start, a, Field::Label, "first");
    assert_eq!(edited.history.undo_what(), Some("edit the label of A"));
    let back = undo(&edited);
    assert_eq!(back.draft, start.draft);
    assert_eq!(back.history.undo_what(), None);
    assert_eq!(back.history.redo_what(), Some("edit the label of A"));
    let notice = back.notice.clone().unwrap();
    assert!(
        notice.text.starts_with("Undone: edit the label of A."),
        "{}",
        notice.text
    );
    let again = redo(&back);
    assert_eq!(again.draft, edited.draft);
    assert_eq!(again.history.redo_what(), None);
    assert_eq!(
        again.notice,
        Some(Notice::offering(
            "Redone: edit the label of A.",
            HistoryAction::Undo
        ))
    );
    // With nothing to undo or redo, nothing changes.
    assert_eq!(undo(&start).draft, start.draft);
    assert_eq!(redo(&edited).draft, edited.draft);
}

#[test]
fn a_new_edit_clears_what_could_be_redone() {
    let start = mine();
    let (a, b) = (child_key(&start, 0), child_key(&start, 1));
    let back = undo(&typed(&start, a, Field::Label, "first"));
    assert!(back.history.redo_what().is_some());
    let other = typed(&back, b, Field::Delay, "50");
    assert_eq!(other.history.redo_what(), None);
    assert_eq!(other.history.undo_what(), Some("edit the sleep of B"));
    assert_eq!(redo(&other).draft, other.draft);
}

#[test]
fn the_history_keeps_the_last_hundred_steps() {
    let mut state = mine();
    let extra = 7;
    for step in 0..HISTORY_STEPS + extra {
        state = rex(&state, step % 2 == 0);
    }
    assert_eq!(state.history.len(), HISTORY_STEPS);
    for _ in 0..HISTORY_STEPS {
        state = undo(&state);
    }
    assert!(state.history.is_empty());
    // Back to the state after the first `extra` toggles (the oldest are forgotten).
    assert_eq!(return_exceptions(&state), extra % 2 == 1);
    let stuck = undo(&state);
    assert_eq!(stuck.draft, state.draft);
    // And all the way forward again.
    for _ in 0..HISTORY_STEPS {
        state = redo(&state);
    }
    assert_eq!(return_exceptions(&state), (HISTORY_STEPS + extra) % 2 == 1);
    assert_eq!(state.history.redo_what(), None);
}

#[test]
fn a_burst_of_typing_in_one_field_is_one_step_until_the_field_is_left() {
    let start = mine();
    let a = child_key(&start, 0);
    let mut state = start.clone();
    for text in ["A", "Ab", "Abc", "Abcd"] {
        state = typed(&state, a, Field::Label, text);
    }
    assert!(state.history.typing());
    assert_eq!(state.history.len(), 1);
    assert_eq!(undo(&state).draft, start.draft);
    // A drag of the same child's delay on the timeline, then typing in it: one burst each.
    let dragged = (0..5).fold(state.clone(), |state, delay_ms| {
        edit(&state, DraftEdit::SetDelay { key: a, delay_ms })
    });
    assert_eq!(dragged.history.len(), 2);
    assert_eq!(
        dragged.history.undo_what(),
        Some("change the sleep of Abcd")
    );
    // The field left: typing in it again is another step.
    let left = history(&state, HistoryAction::Seal);
    assert!(!left.history.typing());
    let more = typed(&left, a, Field::Label, "Abcde");
    assert_eq!(more.history.len(), 2);
    assert_eq!(undo(&more).draft, state.draft);
    // Another field is another step.
    let other = typed(&state, a, Field::Delay, "5");
    assert_eq!(other.history.len(), 2);
}

#[test]
fn a_burst_that_puts_the_field_back_is_no_step() {
    // As the browser's own text undo in a field does: the typing taken back.
    let start = {
        let start = mine();
        let a = child_key(&start, 0);
        typed(&start, a, Field::Delay, "7")
    };
    let start = history(&start, HistoryAction::Seal);
    let b = child_key(&start, 1);
    let typed_twice = typed(
        &typed(&start, b, Field::Label, "Bx"),
        b,
        Field::Label,
        "Bxy",
    );
    assert_eq!(typed_twice.history.len(), 2);
    let taken_back = typed(
        &typed(&typed_twice, b, Field::Label, "Bx"),
        b,
        Field::Label,
        "B",
    );
    assert_eq!(taken_back.draft, start.draft);
    assert_eq!(taken_back.history.len(), 1);
    assert!(!taken_back.history.typing());
    // The next Ctrl+Z is the page's: the step before.
    assert_eq!(taken_back.history.undo_what(), Some("edit the sleep of A"));
    // An edit that changes nothing, or of a node no longer there, is no step either.
    let same = typed(&start, b, Field::Label, "B");
    assert_eq!(same.history.len(), 1);
    let stale = typed(&start, 987_654, Field::Label, "gone");
    assert_eq!(stale.history.len(), 1);
}

#[test]
fn structure_edits_are_undone_and_redone_with_the_same_nodes() {
    let start = mine();
    let root = start.draft.key;
    let (a, b) = (child_key(&start, 0), child_key(&start, 1));
    let steps: [(DraftEdit, &str); 6] = [
        (
            DraftEdit::AddChild {
                parent: root,
                nested_gather: false,
            },
            "add a child to main",
        ),
        (
            DraftEdit::AddChild {
                parent: root,
                nested_gather: true,
            },
            "add a nested gather to main",
        ),
        (DraftEdit::Remove { key: b }, "remove B"),
        (DraftEdit::Duplicate { key: a }, "duplicate A"),
        (DraftEdit::Move { key: a, by: 1 }, "move A down"),
        (DraftEdit::Move { key: b, by: -1 }, "move B up"),
    ];
    for (change, what) in steps {
        let done = edit(&start, change);
        assert_ne!(done.draft, start.draft, "{what}");
        assert_eq!(done.history.undo_what(), Some(what));
        let back = undo(&done);
        assert_eq!(back.draft, start.draft, "{what} undone");
        let again = redo(&back);
        assert_eq!(again.draft, done.draft, "{what} redone, keys and all");
    }
    // A move past the end changes nothing: no step.
    assert!(edit(&start, DraftEdit::Move { key: a, by: -1 })
        .history
        .is_empty());
    // Undoing a removal brings back the very node: later steps on it still apply.
    let removed = edit(&start, DraftEdit::Remove { key: b });
    let back = undo(&removed);
    let renamed = history(&typed(&back, b, Field::Label, "again"), HistoryAction::Seal);
    assert_eq!(labels(&renamed), ["A", "again", "C"]);
    let flags = edit(
        &renamed,
        DraftEdit::SetFlag {
            key: b,
            flag: Flag::HasCleanup,
            on: true,
        },
    );
    assert_eq!(flags.history.undo_what(), Some("give again a cleanup"));
    assert_eq!(undo(&undo(&flags)).draft, back.draft);
}

#[test]
fn undoing_a_gathers_own_setting_keeps_its_children_and_folding() {
    let start = mine();
    let root = start.draft.key;
    let labelled = history(
        &typed(&start, root, Field::Label, "outer"),
        HistoryAction::Seal,
    );
    let added = edit(
        &labelled,
        DraftEdit::AddChild {
            parent: root,
            nested_gather: false,
        },
    );
    let folded = reduce(
        &added,
        Action::Page(PageAction::SetCollapsed {
            key: root,
            collapsed: true,
        }),
    );
    // Folding is not a step.
    assert_eq!(folded.history.len(), 2);
    let limited = typed(&folded, root, Field::Limit, "2");
    let back = undo(&limited);
    assert_eq!(back.draft, folded.draft);
    assert!(back.draft.collapsed);
    assert_eq!(labels(&back).len(), 4);
}

#[test]
fn loading_a_preset_over_a_composed_scenario_is_one_step_and_is_announced() {
    let start = {
        let start = mine();
        let a = child_key(&start, 0);
        typed(&start, a, Field::Label, "mine")
    };
    let index = 4;
    let name = PRESETS[index].name;
    let loaded = reduce(&start, Action::Load(LoadAction::Preset { index }));
    assert_eq!(loaded.preset, Some(index));
    let what = format!("load preset ‘{name}’");
    assert_eq!(loaded.history.undo_what(), Some(what.as_str()));
    let notice = loaded.notice.clone().unwrap();
    assert_eq!(
        notice.text,
        format!(
            "Loaded preset ‘{name}’ — your scenario was replaced. Undo (Ctrl/⌘+Z) brings it back."
        )
    );
    assert!(notice.offer == Some(HistoryAction::Undo) && !notice.is_error);
    let back = undo(&loaded);
    assert_eq!(back.draft, start.draft);
    assert_eq!(back.preset, None);
    assert_eq!(back.history.undo_what(), Some("edit the label of A"));
    let again = redo(&back);
    assert_eq!(again.draft, loaded.draft);
    assert_eq!(again.preset, Some(index));
    // An edit after it: the notice's Undo would take back the edit, so it is withdrawn.
    let edited = rex(&loaded, true);
    assert_eq!(edited.notice.as_ref().unwrap().offer, None);
    // Undoing the edit of a preset brings back the preset's note.
    assert_eq!(undo(&edited).preset, Some(index));
    // Over an unedited preset: a step, but nothing of the person's was replaced.
    let over_preset = reduce(&loaded, Action::Load(LoadAction::Preset { index: 0 }));
    assert_eq!(over_preset.notice, None);
    assert_eq!(undo(&over_preset).preset, Some(index));
}

#[test]
fn a_pasted_import_is_one_step() {
    let start = mine();
    let imported = reduce(
        &start,
        Action::Load(LoadAction::Pasted {
            scenario: Rc::new(PRESETS[0].scenario().unwrap()),
        }),
    );
    assert_eq!(imported.history.undo_what(), Some("import the pasted JSON"));
    let notice = imported.notice.clone().unwrap();
    assert!(notice
        .text
        .starts_with("Loaded the pasted scenario — your scenario was replaced."));
    assert_eq!(notice.offer, Some(HistoryAction::Undo));
    assert_eq!(undo(&imported).draft, start.draft);
}

#[test]
fn the_why_panels_loads_are_steps_and_undo_puts_its_state_back() {
    let start = mine();
    let demo = reduce(
        &start,
        Action::Load(LoadAction::Why(WhyLoad::Demo { rule: Rule::C1 })),
    );
    assert_eq!(demo.history.undo_what(), Some("show rule C1"));
    assert_eq!(
        demo.notice.clone().unwrap().offer,
        Some(HistoryAction::Undo)
    );
    let back = undo(&demo);
    assert_eq!(back.draft, start.draft);
    assert_eq!(back.why, start.why, "nothing to put back once undone");
    assert_eq!(redo(&back).why, demo.why);
    let myth = reduce(
        &demo,
        Action::Load(LoadAction::Why(WhyLoad::Myth { myth: Myth::ALL[0] })),
    );
    let what = myth.history.undo_what().unwrap().to_owned();
    assert!(what.starts_with("try the myth ‘"), "{what}");
    let put_back = reduce(&myth, Action::Load(LoadAction::Why(WhyLoad::PutBack)));
    assert_eq!(put_back.draft, start.draft);
    assert_eq!(put_back.history.undo_what(), Some("put your scenario back"));
    assert_eq!(undo(&put_back).draft, myth.draft);
    assert_eq!(put_back.history.len(), 3);
    // A preset over an unedited demo replaced nothing of the person's: no notice of it.
    let preset = reduce(&demo, Action::Load(LoadAction::Preset { index: 0 }));
    assert_eq!(preset.notice, None);
}

#[test]
fn undo_leaves_an_ended_run_and_a_replay_but_not_a_run_in_flight() {
    let start = {
        let start = mine();
        let a = child_key(&start, 0);
        typed(&start, a, Field::Delay, "5")
    };
    let running = reduce(
        &start,
        Action::Run(RunAction::Started {
            run: 1,
            scenario: Rc::new(one_raises()),
            speed: 1.0,
        }),
    );
    assert!(undo(&running).running());
    let stopped = reduce(
        &running,
        Action::Run(RunAction::Stopped {
            run: 1,
            events: vec![],
        }),
    );
    assert_eq!(undo(&stopped).run, None);
}

#[test]
fn ctrl_z_undoes_and_shift_ctrl_z_or_ctrl_y_redo() {
    use HistoryAction::{Redo, Undo};
    assert_eq!(history_key("z", true, false, false, false), Some(Undo));
    assert_eq!(history_key("z", false, true, false, false), Some(Undo));
    assert_eq!(history_key("Z", true, false, true, false), Some(Redo));
    assert_eq!(history_key("Z", false, true, true, false), Some(Redo));
    assert_eq!(history_key("y", true, false, false, false), Some(Redo));
    assert_eq!(history_key("z", false, false, false, false), None);
    assert_eq!(history_key("z", true, false, false, true), None);
    assert_eq!(history_key("y", false, true, false, false), None);
    assert_eq!(history_key("x", true, false, false, false), None);
}

#[test]
fn in_a_field_being_typed_in_the_browser_undoes_the_typing() {
    use HistoryAction::{Redo, Undo};
    let start = mine();
    let a = child_key(&start, 0);
    let typing = typed(&rex(&start, true), a, Field::Label, "Ax");
    let left = history(&typing, HistoryAction::Seal);
    assert!(browser_answers(KeyPlace::EditorText, &typing.history, Undo));
    assert!(browser_answers(KeyPlace::EditorText, &typing.history, Redo));
    assert!(!browser_answers(KeyPlace::EditorText, &left.history, Undo));
    // Nothing to redo: the field's own redo.
    assert!(browser_answers(KeyPlace::EditorText, &left.history, Redo));
    assert!(!browser_answers(KeyPlace::Page, &typing.history, Undo));
    assert!(!browser_answers(KeyPlace::Page, &start.history, Undo));
    assert!(browser_answers(KeyPlace::OtherText, &left.history, Undo));
}

#[test]
fn a_long_name_is_cut_short_in_a_steps_words() {
    let start = mine();
    let a = child_key(&start, 0);
    let long = "W".repeat(5_000);
    let named = history(&typed(&start, a, Field::Label, &long), HistoryAction::Seal);
    let moved = edit(&named, DraftEdit::Move { key: a, by: 1 });
    let what = moved.history.undo_what().unwrap();
    assert!(what.chars().count() < 60, "{what}");
    assert!(
        what.starts_with("move WWW") && what.ends_with("… down"),
        "{what}"
    );
    // An unnamed child is named as everywhere else.
    let unnamed = history(&typed(&start, a, Field::Label, ""), HistoryAction::Seal);
    let removed = edit(&unnamed, DraftEdit::Remove { key: a });
    assert_eq!(removed.history.undo_what(), Some("remove child #1"));
}
