//! Why a share link or saved state could not be read.

use crate::scenario::ScenarioError;
use std::fmt;

/// Why a share link ([`from_fragment`](super::from_fragment)) or saved state
/// ([`SavedState::from_storage_text`](super::SavedState::from_storage_text)) could not be
/// read.
///
/// Displays as one sentence a user can act on. The sentences speak of a link, since a link
/// is what a user pastes; saved state that fails to read is best dropped silently.
///
/// # Examples
///
/// ```
/// use gather_playground::share::{from_fragment, ShareError};
///
/// assert_eq!(from_fragment("#tab=2"), Err(ShareError::NoScenario));
/// assert_eq!(from_fragment("s9=zAAAA"), Err(ShareError::UnsupportedVersion("9".into())));
/// assert_eq!(from_fragment("s1=j!!!"), Err(ShareError::Corrupt("not base64url")));
/// let error = from_fragment("s1=jeyJ2ZXJzaW9uIjoxfQ").unwrap_err(); // {"version":1}
/// assert_eq!(
///     error.to_string(),
///     "the link's scenario is invalid: children: missing: expected a list of children (it may be empty)",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShareError {
    /// The fragment has no `s1=` parameter (nor any other `s<version>=`).
    NoScenario,
    /// The scenario is in a format version this crate does not read, given as written
    /// (`"2"` for `s2=` in a link, the JSON text of `version` in saved state).
    UnsupportedVersion(String),
    /// The data is damaged: bad base64url, bad DEFLATE, not UTF-8, not JSON, too large.
    /// The reason is a short phrase.
    Corrupt(&'static str),
    /// The data is intact but the scenario in it is refused by validation.
    Invalid(ScenarioError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NoScenario => write!(
                f,
                "the link has no scenario in it: a share link ends in #s1=…; copy it again in full"
            ),
            ShareError::UnsupportedVersion(version) => write!(
                f,
                "the link was made by a newer version of the playground (format {version}), \
                 which this page cannot read; reload the page to update it"
            ),
            ShareError::Corrupt(reason) => {
                write!(f, "the link is damaged ({reason}); copy it again in full")
            }
            ShareError::Invalid(error) => write!(f, "the link's scenario is invalid: {error}"),
        }
    }
}

// No `source()`: the wrapped ScenarioError is already part of the Display text, and
// reporting it twice would repeat it in error chains.
impl std::error::Error for ShareError {}

/// Why a link's DEFLATE data did not inflate: what a page that inflates it itself (see
/// [`LinkPayload`](super::LinkPayload)) reports, as a [`ShareError::Corrupt`].
///
/// # Examples
///
/// ```
/// use gather_playground::share::{InflateError, ShareError};
///
/// assert_eq!(
///     ShareError::from(InflateError::TooLarge),
///     ShareError::Corrupt("over 4 MiB once decompressed"),
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// It inflates past [`MAX_LINK_JSON_BYTES`](super::MAX_LINK_JSON_BYTES).
    TooLarge,
    /// It is not raw DEFLATE data.
    Invalid,
    /// The browser cannot inflate it (no `DecompressionStream`).
    Unavailable,
}

impl From<InflateError> for ShareError {
    fn from(error: InflateError) -> Self {
        ShareError::Corrupt(match error {
            InflateError::TooLarge => "over 4 MiB once decompressed",
            InflateError::Invalid => "not valid DEFLATE",
            InflateError::Unavailable => "compressed, and this browser cannot decompress it",
        })
    }
}
