//! Where the scenario lives between visits: the share link and saved state.

use super::browser;
use super::draft::DraftNode;
use super::presets::{DEFAULT_PRESET, PRESETS};
use super::state::{Notice, State, SPEEDS};
use gather_playground::scenario::{json_text, Scenario};
use gather_playground::share::{
    fragment_of, link_payload, scenario_from_link_json, to_compact_value, LinkPayload, SavedState,
    ShareError, MAX_LINK_JSON_BYTES,
};
use serde_json::{json, Map, Value};
use std::rc::Rc;

const STORAGE_KEY: &str = "gather-playground/state";

fn default_scenario() -> Scenario {
    PRESETS
        .get(DEFAULT_PRESET)
        .and_then(|preset| preset.scenario())
        .unwrap_or(Scenario {
            root: Default::default(),
        })
}

/// What the page's link carries, read before the app starts (`None` without a fragment): a
/// compressed link is inflated by the browser, which takes a turn of the event loop.
pub async fn read_link() -> Option<Result<Scenario, ShareError>> {
    let fragment = browser::fragment();
    if fragment.is_empty() {
        return None;
    }
    let json = match link_payload(&fragment) {
        Err(error) => return Some(Err(error)),
        Ok(LinkPayload::Json(json)) => json,
        Ok(LinkPayload::Deflated(deflated)) => {
            match browser::inflate_raw(&deflated, MAX_LINK_JSON_BYTES).await {
                Ok(json) => json,
                Err(error) => return Some(Err(error.into())),
            }
        }
    };
    Some(scenario_from_link_json(&json))
}

/// The page's state at start: the `link`'s scenario if it has one ([`read_link`]), else
/// what was saved, else a preset. A broken link or saved state says so and falls back;
/// nothing panics.
pub fn initial_state(link: Option<&Result<Scenario, ShareError>>) -> State {
    let mut state = State::new(
        DraftNode::from_scenario(&default_scenario()),
        Some(DEFAULT_PRESET),
        1.0,
    );
    let mut notice = None;
    if browser::take_reset_request() {
        // The escape hatch the crash banner offers: forget what was saved.
        state.notice = Some(Notice {
            text: "Started over: your saved scenario was replaced by a preset.".into(),
            is_error: false,
        });
        return state;
    }
    match browser::storage_get(STORAGE_KEY).map(|text| SavedState::from_storage_text(&text)) {
        None => {}
        Some(Ok(saved)) => restore(&mut state, &saved),
        Some(Err(error)) => {
            notice = Some(Notice {
                text: format!(
                    "Your saved scenario could not be read ({error}), so a preset is shown."
                ),
                is_error: true,
            })
        }
    }
    match link {
        None => {}
        Some(Ok(scenario)) => {
            state.draft = Rc::new(DraftNode::from_scenario(scenario));
            state.preset = None;
            notice = Some(Notice {
                text: "Opened the scenario from the link.".into(),
                is_error: false,
            });
            // Later edits are kept across reloads, not replaced by the link again.
            browser::set_fragment("");
        }
        Some(Err(error)) => {
            notice = Some(Notice {
                text: format!(
                    "This link could not be opened: {error}. Your last scenario is shown instead."
                ),
                is_error: true,
            })
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
}

/// Saves the draft (as typed) and settings; the scenario saved is the draft's if valid,
/// else the last valid one saved.
pub fn save(draft: &DraftNode, speed: f64, preset: Option<usize>) {
    let scenario = draft.to_scenario().ok().or_else(|| {
        browser::storage_get(STORAGE_KEY)
            .and_then(|text| SavedState::from_storage_text(&text).ok())
            .map(|saved| saved.scenario)
    });
    let mut settings = Map::new();
    settings.insert("speed".into(), json!(speed));
    settings.insert("preset".into(), json!(preset));
    settings.insert("draft".into(), draft.to_saved());
    let saved = SavedState {
        scenario: scenario.unwrap_or_else(default_scenario),
        settings,
    };
    browser::storage_set(STORAGE_KEY, &saved.to_storage_text());
}

/// Puts the scenario in the page's URL and returns that URL.
pub async fn share_url(scenario: &Scenario) -> Option<String> {
    let json = json_text(&to_compact_value(scenario));
    let deflated = browser::deflate_raw(json.as_bytes()).await;
    browser::set_fragment(&fragment_of(&json, deflated.as_deref()))
}
