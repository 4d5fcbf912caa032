//! Where the page starts from: a link's scenario, what was saved, or a preset; and what is
//! saved.

use super::draft::DraftNode;
use super::history::opened_link;
use super::presets::{DEFAULT_PRESET, PRESETS};
use super::state::{Notice, State, SPEEDS};
use gather_playground::scenario::Scenario;
use gather_playground::share::{SavedState, ShareError};
use serde_json::{json, Map, Value};
use std::rc::Rc;

pub fn default_scenario() -> Scenario {
    PRESETS
        .get(DEFAULT_PRESET)
        .and_then(|preset| preset.scenario())
        .unwrap_or_default()
}

/// What the page found when it opened.
#[derive(Debug, Default)]
pub struct Opening<'a> {
    /// `?reset`: the crash banner's way out, which forgets what was saved.
    pub reset: bool,
    /// What storage held, read.
    pub saved: Option<Result<SavedState, ShareError>>,
    /// What the link carried.
    pub link: Option<&'a Result<Scenario, ShareError>>,
}

/// The page's state at start: the link's scenario if it has one, else what was saved, else
/// a preset. A broken link or saved state says so and falls back.
pub fn initial_state(opening: Opening<'_>) -> State {
    let mut state = State::new(
        DraftNode::from_scenario(&default_scenario()),
        Some(DEFAULT_PRESET),
        1.0,
    );
    if opening.reset {
        state.notice = Some(Notice::info(
            "Started over: your saved scenario was replaced by a preset.",
        ));
        return state;
    }
    let mut notice = None;
    let mut restored = false;
    match opening.saved {
        None => {}
        Some(Ok(saved)) => {
            restore(&mut state, &saved);
            restored = true;
        }
        Some(Err(error)) => {
            notice = Some(Notice::error(format!(
                "Your saved scenario could not be read ({error}), so a preset is shown."
            )))
        }
    }
    match opening.link {
        None => {}
        Some(Ok(scenario)) => {
            let saved = std::mem::replace(
                &mut state.draft,
                Rc::new(DraftNode::from_scenario(scenario)),
            );
            let preset = state.preset.take();
            notice = Some(if restored {
                // What was saved is one Undo away.
                opened_link(&mut state, saved, preset);
                Notice::undoable(
                    "Opened the scenario from the link in place of your saved one. Undo \
                     (Ctrl/⌘+Z) brings yours back.",
                )
            } else {
                Notice::info("Opened the scenario from the link.")
            });
        }
        Some(Err(error)) => {
            notice = Some(Notice::error(format!(
                "This link could not be opened: {error}. Your last scenario is shown instead."
            )))
        }
    }
    state.notice = notice;
    state
}

fn restore(state: &mut State, saved: &SavedState) {
    let settings = &saved.settings;
    // The draft as typed (possibly invalid); else the last valid scenario.
    state.draft = Rc::new(
        settings
            .get("draft")
            .and_then(DraftNode::from_saved)
            .unwrap_or_else(|| DraftNode::from_scenario(&saved.scenario)),
    );
    state.speed = settings
        .get("speed")
        .and_then(Value::as_f64)
        .filter(|speed| SPEEDS.contains(speed))
        .unwrap_or(1.0);
    state.preset = settings
        .get("preset")
        .and_then(Value::as_u64)
        .map(|index| index as usize)
        .filter(|index| *index < PRESETS.len());
    state.predict_first = settings
        .get("predict_first")
        .and_then(Value::as_bool)
        .unwrap_or(false);
}

/// What storage keeps: the draft as typed and the settings, with the draft's scenario if it
/// is valid, else `last_valid` (what was saved before), else the default one.
pub fn to_save(
    draft: &DraftNode,
    speed: f64,
    preset: Option<usize>,
    predict_first: bool,
    last_valid: impl FnOnce() -> Option<Scenario>,
) -> SavedState {
    let scenario = draft.to_scenario().ok().or_else(last_valid);
    let mut settings = Map::new();
    settings.insert("speed".into(), json!(speed));
    settings.insert("preset".into(), json!(preset));
    settings.insert("draft".into(), draft.to_saved());
    // Written only when on: what older pages saved reads the same.
    if predict_first {
        settings.insert("predict_first".into(), json!(true));
    }
    SavedState {
        scenario: scenario.unwrap_or_else(default_scenario),
        settings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gather_playground::share::SavedState;

    #[test]
    fn the_page_starts_from_a_preset_what_was_saved_or_a_link() {
        let fresh = initial_state(Opening::default());
        assert_eq!(fresh.preset, Some(DEFAULT_PRESET));
        assert_eq!(fresh.notice, None);

        let mut draft = DraftNode::from_scenario(&PRESETS[0].scenario().unwrap());
        draft.label = "mine".into();
        draft.cancel_at = "soon".into();
        let saved = to_save(&draft, 2.0, None, true, || None);
        assert_eq!(
            saved.scenario,
            default_scenario(),
            "an invalid draft saves the default"
        );
        let text = saved.to_storage_text();
        let back = initial_state(Opening {
            saved: Some(SavedState::from_storage_text(&text)),
            ..Opening::default()
        });
        assert_eq!(
            (back.draft.label.as_str(), back.draft.cancel_at.as_str()),
            ("mine", "soon")
        );
        assert_eq!((back.speed, back.preset), (2.0, None));
        assert!(back.predict_first, "predict first is kept");
        assert!(back.prediction_hidden(), "and asks again after a reload");

        let link = Ok(PRESETS[1].scenario().unwrap());
        let linked = initial_state(Opening {
            saved: Some(SavedState::from_storage_text(&text)),
            link: Some(&link),
            ..Opening::default()
        });
        assert_eq!(linked.draft.to_scenario().ok().as_ref(), link.as_ref().ok());
        assert!(linked
            .notice
            .unwrap()
            .text
            .starts_with("Opened the scenario from the link in place of your saved one."));
        assert_eq!(linked.history.undo_what(), Some("open the shared link"));
        let no_saved = initial_state(Opening {
            link: Some(&link),
            ..Opening::default()
        });
        assert_eq!(
            no_saved.notice,
            Some(Notice::info("Opened the scenario from the link."))
        );
        assert_eq!(no_saved.history.undo_what(), None);

        let reset = initial_state(Opening {
            reset: true,
            saved: Some(SavedState::from_storage_text(&text)),
            link: Some(&link),
        });
        assert_eq!(reset.preset, Some(DEFAULT_PRESET));
        assert!(reset.notice.unwrap().text.starts_with("Started over"));
    }

    /// Off, the setting is not written: storage reads as older pages wrote it.
    fn odd_has_predict_first() -> bool {
        let draft = DraftNode::from_scenario(&default_scenario());
        to_save(&draft, 1.0, None, false, || None)
            .settings
            .contains_key("predict_first")
    }

    #[test]
    fn broken_storage_or_links_are_told_and_fall_back() {
        let broken = initial_state(Opening {
            saved: Some(SavedState::from_storage_text("{not json")),
            ..Opening::default()
        });
        let notice = broken.notice.unwrap();
        assert!(notice.is_error);
        assert!(notice
            .text
            .starts_with("Your saved scenario could not be read ("));
        assert_eq!(broken.preset, Some(DEFAULT_PRESET));
        // A saved speed the page does not offer, or a preset past the list, is dropped.
        let mut odd = to_save(
            &DraftNode::from_scenario(&default_scenario()),
            3.0,
            Some(999),
            false,
            || None,
        );
        odd.settings.insert("draft".into(), json!("not a draft"));
        let restored = initial_state(Opening {
            saved: Some(Ok(odd)),
            ..Opening::default()
        });
        assert_eq!((restored.speed, restored.preset), (1.0, None));
        assert!(!restored.predict_first);
        assert!(!odd_has_predict_first());
        assert_eq!(restored.draft.to_scenario().ok(), Some(default_scenario()));
    }
}
