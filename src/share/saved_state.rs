//! What the page keeps in localStorage between visits: the scenario and the UI's settings.

use super::{to_compact_value, ShareError};
use crate::scenario::{json_text, Scenario};
use serde_json::{Map, Value};

/// The saved state's own format version, independent of the scenario format's.
const STATE_VERSION: u64 = 1;

/// The page's saved state: the scenario being edited and the UI's settings.
///
/// Stored as the text `{"version":1,"scenario":{…},"settings":{…}}`. The scenario is in
/// its compact JSON form ([`to_compact_value`]). The settings are whatever key/value pairs
/// the UI keeps (a speed, a theme); this crate never interprets them, and keeps every key,
/// known or not, so that an older page does not erase a newer page's settings.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
/// use gather_playground::share::SavedState;
/// use serde_json::json;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": []}"#).unwrap();
/// let mut settings = serde_json::Map::new();
/// settings.insert("speed".into(), json!(0.5));
/// let state = SavedState { scenario, settings };
/// let text = state.to_storage_text();
/// assert_eq!(text, r#"{"version":1,"scenario":{"children":[],"version":1},"settings":{"speed":0.5}}"#);
/// assert_eq!(SavedState::from_storage_text(&text), Ok(state));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SavedState {
    /// The scenario in the editor.
    pub scenario: Scenario,
    /// The UI's settings, opaque here.
    pub settings: Map<String, Value>,
}

impl SavedState {
    /// The text to store: `{"version":1,"scenario":{…},"settings":{…}}`.
    ///
    /// Written with `version` first so that the stored text reads well in the browser's
    /// developer tools. [`SavedState::from_storage_text`] reads it back to an equal state.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::scenario::Scenario;
    /// use gather_playground::share::SavedState;
    ///
    /// let scenario = Scenario::from_json(r#"{"version": 1, "label": "x", "children": []}"#).unwrap();
    /// let state = SavedState { scenario, settings: serde_json::Map::new() };
    /// assert_eq!(
    ///     state.to_storage_text(),
    ///     r#"{"version":1,"scenario":{"children":[],"label":"x","version":1},"settings":{}}"#,
    /// );
    /// ```
    pub fn to_storage_text(&self) -> String {
        let scenario = json_text(&to_compact_value(&self.scenario));
        let settings = json_text(&Value::Object(self.settings.clone()));
        format!(r#"{{"version":{STATE_VERSION},"scenario":{scenario},"settings":{settings}}}"#)
    }

    /// Reads saved state written by [`SavedState::to_storage_text`].
    ///
    /// Fields other than `version`, `scenario` and `settings` are ignored; a missing
    /// `settings` reads as none. Never panics.
    ///
    /// # Errors
    ///
    /// [`ShareError::Corrupt`] if the text is not JSON or not a saved-state object (no
    /// `version`, no `scenario`, `settings` not an object); [`ShareError::UnsupportedVersion`]
    /// with the JSON text of `version` if it is not 1; [`ShareError::Invalid`] if the
    /// scenario is refused by validation.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::share::{SavedState, ShareError};
    ///
    /// let state = SavedState::from_storage_text(
    ///     r#"{"version": 1, "scenario": {"version": 1, "children": []}, "settings": {"speed": 2}}"#,
    /// ).unwrap();
    /// assert_eq!(state.settings["speed"], 2);
    /// assert_eq!(SavedState::from_storage_text("{"), Err(ShareError::Corrupt("not JSON")));
    /// assert_eq!(
    ///     SavedState::from_storage_text(r#"{"version": 2}"#),
    ///     Err(ShareError::UnsupportedVersion("2".into())),
    /// );
    /// ```
    pub fn from_storage_text(text: &str) -> Result<SavedState, ShareError> {
        let value: Value =
            serde_json::from_str(text).map_err(|_| ShareError::Corrupt("not JSON"))?;
        let Value::Object(fields) = value else {
            return Err(ShareError::Corrupt("not a saved-state object"));
        };
        match fields.get("version") {
            None => return Err(ShareError::Corrupt("no version")),
            Some(version) if version.as_u64() == Some(STATE_VERSION) => {}
            Some(version) => return Err(ShareError::UnsupportedVersion(json_text(version))),
        }
        let scenario = fields
            .get("scenario")
            .ok_or(ShareError::Corrupt("no scenario"))?;
        let scenario = Scenario::from_value(scenario).map_err(ShareError::Invalid)?;
        let settings = match fields.get("settings") {
            None => Map::new(),
            Some(Value::Object(settings)) => settings.clone(),
            Some(_) => return Err(ShareError::Corrupt("settings are not an object")),
        };
        Ok(SavedState { scenario, settings })
    }
}
