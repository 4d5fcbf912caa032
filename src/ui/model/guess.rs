//! "Predict first": the outcomes a learner picks from before the prediction is shown, the
//! one that is right, and what the page says of the pick.

use super::results::{completion_order, main_awaits, root_children};
use super::run_view::RunView;
use super::state::State;
use super::wording::describe_status;
use super::Float;
use gather_playground::scenario::{NodeSpec, ResultSpec, Scenario, Status};
use std::rc::Rc;

/// What `await gather(…)` might do, as the learner picks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Returns a list: in argument order (what gather does), or in the order the children
    /// finished (a common belief, offered where the two orders differ).
    Returns { finish_order: bool },
    /// Raises this exception (one a child, a cleanup or a timeout of the scenario raises).
    Raises { exception: String, message: String },
    /// Is cancelled (main gets `CancelledError`).
    Cancelled,
}

impl Choice {
    /// The choice in words; `return_exceptions` is the root gather's.
    pub fn words(&self, return_exceptions: bool) -> String {
        let list = if return_exceptions {
            "returns a list, each exception in its child's place,"
        } else {
            "returns a list of the results,"
        };
        match self {
            Choice::Returns {
                finish_order: false,
            } => {
                format!("{list} in the order the children were passed")
            }
            Choice::Returns { finish_order: true } => {
                format!("{list} in the order the children finished")
            }
            Choice::Raises { exception, message } if message.is_empty() => {
                format!("raises {exception}")
            }
            Choice::Raises { exception, message } => format!("raises {exception}: {message}"),
            Choice::Cancelled => "is cancelled (CancelledError)".into(),
        }
    }
}

/// Every exception the scenario can raise, in preorder, each once.
fn raised(node: &NodeSpec, found: &mut Vec<(String, String)>) {
    let mut add = |exception: &str, message: &str| {
        let pair = (exception.to_owned(), message.to_owned());
        if !found.contains(&pair) {
            found.push(pair);
        }
    };
    match node {
        NodeSpec::Future(future) => {
            if future.guard.timeout_ms.is_some() {
                add("TimeoutError", "");
            }
            let cleanup = future.on_cancel.as_ref().map(|cleanup| &cleanup.result);
            for result in std::iter::once(&future.result).chain(cleanup) {
                if let ResultSpec::Error(error) = result {
                    add(error.type_name(), error.message());
                }
            }
        }
        NodeSpec::Gather(gather) => {
            if gather.guard.timeout_ms.is_some() {
                add("TimeoutError", "");
            }
            gather
                .children
                .iter()
                .for_each(|child| raised(child, found));
        }
    }
}

/// The choices offered for `scenario`, whose prediction is `prediction`: a list (in
/// argument order, and in finishing order where that differs), each exception the scenario
/// can raise, and cancellation. They name only what the scenario itself holds, never which
/// of them happens.
pub fn choices(scenario: &Scenario, prediction: &RunView) -> Vec<Choice> {
    let mut choices = vec![Choice::Returns {
        finish_order: false,
    }];
    let children = root_children(prediction);
    let finished: Vec<usize> = completion_order(prediction, &children)
        .iter()
        .map(|done| done.slot)
        .collect();
    if finished.windows(2).any(|pair| pair[0] > pair[1]) {
        choices.push(Choice::Returns { finish_order: true });
    }
    let mut found = Vec::new();
    raised(&NodeSpec::Gather(scenario.root.clone()), &mut found);
    choices.extend(
        found
            .into_iter()
            .map(|(exception, message)| Choice::Raises { exception, message }),
    );
    choices.push(Choice::Cancelled);
    choices
}

/// The right choice: what main got from the prediction (`None` if it never completed).
pub fn answer(prediction: &RunView) -> Option<Choice> {
    let (_, finish) = main_awaits(prediction);
    Some(match &finish?.status {
        Status::Ok { .. } => Choice::Returns {
            finish_order: false,
        },
        Status::Raised { exception, message } => Choice::Raises {
            exception: exception.clone(),
            message: message.clone(),
        },
        Status::Cancelled => Choice::Cancelled,
    })
}

/// The choices to show: [`choices`], with the answer among them even were it something the
/// scenario does not name (the tests check that it always does).
pub fn offered(scenario: &Scenario, prediction: &RunView) -> Vec<Choice> {
    let mut offered = choices(scenario, prediction);
    if let Some(answer) = answer(prediction) {
        if !offered.contains(&answer) {
            offered.insert(offered.len() - 1, answer);
        }
    }
    offered
}

/// What the page says of a pick: whether it was right, and what happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub right: bool,
    /// "Right: you picked …" or "Not this time: you picked …".
    pub head: String,
    /// What main really got, and when.
    pub outcome: String,
    /// Why a wrong pick was wrong, in the terms of the rule it missed.
    pub lesson: Option<&'static str>,
}

/// The verdict on `picked` for `scenario`, whose prediction is `prediction`.
pub fn verdict(picked: &Choice, scenario: &Scenario, prediction: &RunView) -> Verdict {
    let return_exceptions = scenario.root.return_exceptions;
    let answer = answer(prediction);
    let right = answer.as_ref() == Some(picked);
    let (awaited, finish) = main_awaits(prediction);
    let outcome = match finish {
        Some(finish) => format!(
            "{awaited} {} — at {} ms.",
            describe_status(&finish.status),
            Float(finish.at_ms.round())
        ),
        None => format!("{awaited} never completed."),
    };
    let lesson = match (picked, &answer) {
        _ if right => None,
        (Choice::Returns { finish_order: true }, Some(Choice::Returns { .. })) => Some(
            "gather puts each result in its child's place: the list is in the order the \
             children were passed, however they finish.",
        ),
        (_, Some(Choice::Raises { .. })) if !return_exceptions => Some(
            "without return_exceptions, the first exception a child raises is passed on to \
             the await at once; the other children run on.",
        ),
        (Choice::Raises { .. }, Some(Choice::Returns { .. })) if return_exceptions => Some(
            "with return_exceptions=True, a child's exception is put in its place in the list \
             instead of being raised.",
        ),
        (_, Some(Choice::Cancelled)) => Some(
            "a cancelled gather, or a cancelled child without return_exceptions, ends the \
             await with CancelledError.",
        ),
        _ => None,
    };
    let head = format!(
        "{}: you picked “{}”.",
        if right { "Right" } else { "Not this time" },
        picked.words(return_exceptions)
    );
    Verdict {
        right,
        head,
        outcome,
        lesson,
    }
}

/// Where the learner stands with the scenario in the editor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quiz {
    /// The prediction is shown (a pick was made, or not asked for).
    pub revealed: bool,
    /// The last pick, and the scenario it was made for.
    pub guess: Option<Guess>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub picked: Choice,
    pub scenario: Rc<Scenario>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum QuizAction {
    /// "Predict first" was switched on or off.
    SetMode { on: bool },
    /// A choice was picked for this scenario: the prediction is shown.
    Picked {
        picked: Choice,
        scenario: Rc<Scenario>,
    },
    /// "Guess again": the prediction is hidden again until the next pick.
    Again,
}

pub(super) fn reduce(state: &mut State, change: QuizAction) {
    match change {
        QuizAction::SetMode { on } => {
            state.predict_first = on;
            state.quiz = Quiz::default();
        }
        QuizAction::Picked { picked, scenario } => {
            state.quiz = Quiz {
                revealed: true,
                guess: Some(Guess { picked, scenario }),
            }
        }
        QuizAction::Again => state.quiz = Quiz::default(),
    }
}

impl State {
    /// Whether the prediction waits for a pick: "predict first" is on, no real run is shown
    /// (a run the learner started shows itself) and nothing was picked since the scenario
    /// was loaded.
    pub fn prediction_hidden(&self) -> bool {
        self.predict_first && self.run.is_none() && !self.quiz.revealed
    }

    /// The pick made for `scenario`, if it is still the one in the editor.
    pub fn guess_for(&self, scenario: Option<&Rc<Scenario>>) -> Option<&Choice> {
        let guess = self.quiz.guess.as_ref()?;
        let same = scenario.is_some_and(|scenario| {
            Rc::ptr_eq(scenario, &guess.scenario) || **scenario == *guess.scenario
        });
        (same && self.predict_first).then_some(&guess.picked)
    }
}

#[cfg(test)]
#[path = "guess_tests.rs"]
mod tests;
