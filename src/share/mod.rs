//! Keeping and passing on a scenario: share links in the URL fragment, and the page's saved
//! state, both in the compact form of the scenario format.

// ---- The compact form both use -----------------------------------------------------------
mod compact;

pub use compact::to_compact_value;

// ---- Share links -------------------------------------------------------------------------
mod base64url;
mod error;
mod link;

pub use error::{InflateError, ShareError};
pub use link::{
    fragment_of, from_fragment, link_payload, scenario_from_link_json, to_fragment, LinkPayload,
    MAX_LINK_JSON_BYTES,
};

// ---- The page's saved state --------------------------------------------------------------
mod saved_state;

pub use saved_state::SavedState;
