use super::super::action::{Action, DraftEdit, LoadAction, RunAction};
use super::super::draft::{DraftNode, Field};
use super::super::reducer::reduce;
use super::super::run_view::tests::one_raises;
use super::super::state::State;
use super::{Loaded, WhyAction, WhyLoad};
use gather_playground::explain::{Myth, Rule};
use std::rc::Rc;

fn state() -> State {
    State::new(DraftNode::from_scenario(&one_raises()), Some(6), 1.0)
}

fn load(state: &State, load: WhyLoad) -> State {
    reduce(state, Action::Load(LoadAction::Why(load)))
}

#[test]
fn show_me_loads_a_rules_demo_in_place_of_the_scenario_and_marks_its_events() {
    let mine = state();
    let shown = load(&mine, WhyLoad::Demo { rule: Rule::C1 });
    assert_eq!(shown.draft.to_scenario().unwrap(), Rule::C1.demo());
    assert_eq!(shown.preset, None);
    assert_eq!(shown.why.marked, [Rule::C1]);
    assert_eq!(shown.why.loaded, Some(Loaded::Demo(Rule::C1)));
    let notice = shown.notice.clone().unwrap();
    assert!(
        notice.text.contains("rule C1 in place of yours"),
        "{}",
        notice.text
    );
    assert!(!notice.is_error);
    // Another demo straight after: what is put back is still the person's scenario.
    let again = load(&shown, WhyLoad::Demo { rule: Rule::E3 });
    assert_eq!(again.draft.to_scenario().unwrap(), Rule::E3.demo());
    let back = load(&again, WhyLoad::PutBack);
    assert_eq!(back.draft, mine.draft);
    assert_eq!(back.preset, Some(6));
    assert_eq!(back.why, Default::default());
    assert_eq!(back.notice.as_ref().unwrap().text, "Your scenario is back.");
    // Nothing to put back: nothing changes.
    assert_eq!(load(&back, WhyLoad::PutBack).draft, mine.draft);
}

#[test]
fn a_demo_edited_then_replaced_is_what_comes_back() {
    let shown = load(&state(), WhyLoad::Demo { rule: Rule::B1 });
    let edited = reduce(
        &shown,
        Action::Draft(DraftEdit::SetField {
            key: shown.draft.key,
            field: Field::Label,
            text: "mine now".into(),
        }),
    );
    let myth = load(
        &edited,
        WhyLoad::Myth {
            myth: Myth::CompletionOrder,
        },
    );
    assert_eq!(
        myth.draft.to_scenario().unwrap(),
        Myth::CompletionOrder.scenario()
    );
    assert_eq!(myth.why.marked, Myth::CompletionOrder.rules());
    assert!(myth.notice.clone().unwrap().text.contains("on real timers"));
    let back = load(&myth, WhyLoad::PutBack);
    assert_eq!(back.draft.label, "mine now");
}

#[test]
fn a_load_ends_the_run_shown_and_a_preset_forgets_what_the_why_panel_did() {
    let running = reduce(
        &state(),
        Action::Run(RunAction::Started {
            run: 4,
            scenario: Rc::new(one_raises()),
            speed: 1.0,
        }),
    );
    assert!(running.run.as_ref().unwrap().scenario.is_some());
    let shown = load(&running, WhyLoad::Demo { rule: Rule::A1 });
    assert_eq!(shown.run, None);
    let preset = reduce(&shown, Action::Load(LoadAction::Preset { index: 0 }));
    assert_eq!(preset.why, Default::default());
}

#[test]
fn marks_are_set_and_cleared() {
    let marked = reduce(
        &state(),
        Action::Why(WhyAction::Marked {
            rules: vec![Rule::C2],
        }),
    );
    assert_eq!(marked.why.marked, [Rule::C2]);
    let cleared = reduce(&marked, Action::Why(WhyAction::Marked { rules: vec![] }));
    assert!(cleared.why.marked.is_empty());
}
