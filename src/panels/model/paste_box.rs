//! The JSON panel's paste box: what is typed in it, and why it would not load.

use gather_playground::scenario::Scenario;

/// What is typed in the paste box, and why it would not load (said until it is typed in
/// again).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PasteBox {
    pub text: String,
    pub error: Option<String>,
}

impl PasteBox {
    /// The box as typed in: what was said of the text before no longer applies.
    pub fn typed(text: String) -> Self {
        Self { text, error: None }
    }

    /// Whether "Load JSON" has anything to load.
    pub fn can_load(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// "Load JSON": the scenario the text holds, or the box saying why it holds none (the
    /// parser's own words, which name the field and what it accepts). The text is kept
    /// either way.
    pub fn load(&self) -> Result<Scenario, Self> {
        Scenario::from_json(&self.text).map_err(|error| Self {
            text: self.text.clone(),
            error: Some(error.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_that_does_not_load_says_why_and_keeps_the_text() {
        let text = r#"{"version": 1, "children": [{"kind": "future"}]}"#;
        let refused = PasteBox::typed(text.into()).load().unwrap_err();
        assert_eq!(
            refused.error.as_deref(),
            Some(
                "children[0].delay_ms: missing: expected a whole number of milliseconds from 0 to 86400000"
            )
        );
        assert_eq!(refused.text, text);
        let broken = PasteBox::typed("{".into()).load().unwrap_err();
        assert!(broken.error.is_some());
        // Typing again clears it.
        assert_eq!(PasteBox::typed("{}".into()).error, None);
    }

    #[test]
    fn json_that_loads_is_the_scenario() {
        let pasted = PasteBox::typed(r#"{"version": 1, "children": []}"#.into());
        assert_eq!(pasted.load().unwrap().node_count(), 1);
    }

    #[test]
    fn only_text_can_be_loaded() {
        assert!(!PasteBox::default().can_load());
        assert!(!PasteBox::typed(" \n\t".into()).can_load());
        assert!(PasteBox::typed("{".into()).can_load());
    }
}
