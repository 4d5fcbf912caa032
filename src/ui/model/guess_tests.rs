use super::*;
use crate::ui::model::presets::PRESETS;
use crate::ui::model::{predict, reduce, Action, DraftEdit, LoadAction, RunAction};

fn preset(name: &str) -> (usize, Scenario, RunView) {
    let (index, preset) = PRESETS
        .iter()
        .enumerate()
        .find(|(_, preset)| preset.name == name)
        .unwrap_or_else(|| panic!("no preset {name}"));
    let scenario = preset.scenario().unwrap();
    let prediction = predict(&scenario);
    (index, scenario, prediction)
}

fn raises(exception: &str, message: &str) -> Choice {
    Choice::Raises {
        exception: exception.into(),
        message: message.into(),
    }
}

const IN_ORDER: Choice = Choice::Returns {
    finish_order: false,
};
const FINISH_ORDER: Choice = Choice::Returns { finish_order: true };

#[test]
fn every_preset_offers_its_answer_among_what_it_names_each_once() {
    for preset in PRESETS {
        let scenario = preset.scenario().unwrap();
        let prediction = predict(&scenario);
        let choices = choices(&scenario, &prediction);
        let answer = answer(&prediction).unwrap_or_else(|| panic!("{}: no answer", preset.name));
        assert!(
            choices.contains(&answer),
            "{}: {answer:?} not in {choices:?}",
            preset.name
        );
        assert_eq!(offered(&scenario, &prediction), choices, "{}", preset.name);
        assert_eq!(choices.first(), Some(&IN_ORDER), "{}", preset.name);
        assert_eq!(choices.last(), Some(&Choice::Cancelled), "{}", preset.name);
        assert!(choices.len() >= 2, "{}", preset.name);
        for (at, choice) in choices.iter().enumerate() {
            assert!(
                !choices[at + 1..].contains(choice),
                "{}: twice",
                preset.name
            );
        }
    }
}

#[test]
fn the_choices_name_the_scenarios_exceptions_and_a_finishing_order_where_it_differs() {
    let (_, scenario, prediction) = preset("One child raises, siblings run on");
    assert_eq!(
        choices(&scenario, &prediction),
        vec![
            IN_ORDER,
            raises("ZeroDivisionError", "division by zero"),
            Choice::Cancelled
        ]
    );
    // Finished 1, 2, 0: a list in that order is what many expect.
    let (_, scenario, prediction) = preset("Results in argument order");
    assert_eq!(
        choices(&scenario, &prediction),
        vec![IN_ORDER, FINISH_ORDER, Choice::Cancelled]
    );
    let (_, scenario, prediction) =
        preset("A timeout on gather cancels every child — and waits for their cleanup");
    assert!(choices(&scenario, &prediction).contains(&raises("TimeoutError", "")));
    assert_eq!(answer(&prediction), Some(raises("TimeoutError", "")));
    let (_, _, prediction) = preset("Cancel the whole gather");
    assert_eq!(answer(&prediction), Some(Choice::Cancelled));
}

#[test]
fn the_words_follow_return_exceptions() {
    assert_eq!(
        IN_ORDER.words(false),
        "returns a list of the results, in the order the children were passed"
    );
    assert_eq!(
        FINISH_ORDER.words(true),
        "returns a list, each exception in its child's place, in the order the children finished"
    );
    assert_eq!(raises("KeyError", "").words(false), "raises KeyError");
    assert_eq!(
        raises("ValueError", "bad").words(false),
        "raises ValueError: bad"
    );
    assert_eq!(
        Choice::Cancelled.words(false),
        "is cancelled (CancelledError)"
    );
}

#[test]
fn a_verdict_says_whether_the_pick_was_right_what_happened_and_the_rule_missed() {
    let (_, scenario, prediction) = preset("One child raises, siblings run on");
    let right = verdict(
        &raises("ZeroDivisionError", "division by zero"),
        &scenario,
        &prediction,
    );
    assert!(right.right);
    assert_eq!(
        right.head,
        "Right: you picked “raises ZeroDivisionError: division by zero”."
    );
    assert_eq!(
        right.outcome,
        "await gather(…) raised ZeroDivisionError: division by zero — at 200 ms."
    );
    assert_eq!(right.lesson, None);
    let wrong = verdict(&IN_ORDER, &scenario, &prediction);
    assert!(!wrong.right);
    assert!(wrong
        .head
        .starts_with("Not this time: you picked “returns a list"));
    assert!(wrong.lesson.unwrap().contains("first exception"));

    let (_, scenario, prediction) = preset("Results in argument order");
    let wrong = verdict(&FINISH_ORDER, &scenario, &prediction);
    assert!(!wrong.right);
    assert!(wrong
        .lesson
        .unwrap()
        .contains("in the order the children were passed"));
    assert!(verdict(&IN_ORDER, &scenario, &prediction).right);

    let (_, scenario, prediction) = preset("return_exceptions=True");
    assert_eq!(answer(&prediction), Some(IN_ORDER));
    let picked = choices(&scenario, &prediction)
        .into_iter()
        .find(|choice| matches!(choice, Choice::Raises { .. }))
        .unwrap();
    assert!(verdict(&picked, &scenario, &prediction)
        .lesson
        .unwrap()
        .contains("return_exceptions=True"));
}

#[test]
fn the_prediction_waits_for_a_pick_after_each_load_not_after_each_edit() {
    let (index, scenario, _) = preset("One child raises, siblings run on");
    let mut state = State::new(
        crate::ui::model::DraftNode::from_scenario(&scenario),
        Some(index),
        1.0,
    );
    assert!(!state.prediction_hidden(), "off by default");
    state = reduce(&state, Action::Quiz(QuizAction::SetMode { on: true }));
    assert!(state.prediction_hidden());
    let scenario = Rc::new(state.draft.to_scenario().unwrap());
    state = reduce(
        &state,
        Action::Quiz(QuizAction::Picked {
            picked: Choice::Cancelled,
            scenario: Rc::clone(&scenario),
        }),
    );
    assert!(!state.prediction_hidden());
    assert_eq!(state.guess_for(Some(&scenario)), Some(&Choice::Cancelled));
    // An edit (a dragged delay, say) keeps the prediction shown; the pick no longer
    // describes the scenario.
    let key = state.draft.preorder_keys()[1];
    state = reduce(
        &state,
        Action::Draft(DraftEdit::SetDelay { key, delay_ms: 5 }),
    );
    assert!(!state.prediction_hidden());
    let edited = Rc::new(state.draft.to_scenario().unwrap());
    assert_eq!(state.guess_for(Some(&edited)), None);
    // Guess again hides it; so does another scenario loaded.
    let again = reduce(&state, Action::Quiz(QuizAction::Again));
    assert!(again.prediction_hidden());
    state = reduce(&state, Action::Load(LoadAction::Preset { index: 0 }));
    assert!(state.prediction_hidden());
    // A run the learner starts shows itself.
    state = reduce(
        &state,
        Action::Run(RunAction::Started {
            run: 1,
            scenario: Rc::new(PRESETS[0].scenario().unwrap()),
            speed: 1.0,
        }),
    );
    assert!(!state.prediction_hidden());
    // Off: nothing is hidden, and no verdict is told.
    state = reduce(&state, Action::Quiz(QuizAction::SetMode { on: false }));
    assert!(!state.prediction_hidden());
    assert_eq!(state.guess_for(Some(&scenario)), None);
}
