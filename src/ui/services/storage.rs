//! Where the scenario lives between visits: the share link and the page's storage.

use super::browser;
use crate::ui::model::{initial_state, to_save, DraftNode, Opening, State};
use gather_playground::scenario::{json_text, Scenario};
use gather_playground::share::{
    fragment_of, link_payload, scenario_from_link_json, to_compact_value, LinkPayload, SavedState,
    ShareError, MAX_LINK_JSON_BYTES,
};

const STORAGE_KEY: &str = "gather-playground/state";

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

fn saved() -> Option<Result<SavedState, ShareError>> {
    browser::storage_get(STORAGE_KEY).map(|text| SavedState::from_storage_text(&text))
}

/// The page's state at start, from the `link` ([`read_link`]), the storage and the query.
pub fn opening_state(link: Option<&Result<Scenario, ShareError>>) -> State {
    let reset = browser::take_reset_request();
    let state = initial_state(Opening {
        reset,
        saved: if reset { None } else { saved() },
        link,
    });
    if !reset && matches!(link, Some(Ok(_))) {
        // Later edits are kept across reloads, not replaced by the link again.
        browser::set_fragment("");
    }
    state
}

/// Saves the draft (as typed) and settings; the scenario saved is the draft's if valid,
/// else the last valid one saved.
pub fn save(draft: &DraftNode, speed: f64, preset: Option<usize>, predict_first: bool) {
    let saved = to_save(draft, speed, preset, predict_first, || {
        saved().and_then(Result::ok).map(|saved| saved.scenario)
    });
    browser::storage_set(STORAGE_KEY, &saved.to_storage_text());
}

/// Puts the scenario in the page's URL and returns that URL.
pub async fn share_url(scenario: &Scenario) -> Option<String> {
    let json = json_text(&to_compact_value(scenario));
    let deflated = browser::deflate_raw(json.as_bytes()).await;
    browser::set_fragment(&fragment_of(&json, deflated.as_deref()))
}
