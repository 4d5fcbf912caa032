//! Share links: the whole scenario in the URL fragment, versioned, compressed when that
//! is shorter, with no server involved.
//!
//! A fragment is `s1=` followed by a payload: `j` and the compact JSON in base64url, or
//! `z` and its raw DEFLATE in base64url, whichever is shorter. The `1` is the link format
//! version; a later format takes a new number so that old pages refuse new links plainly.

use super::{base64url, to_compact_value, InflateError, ShareError};
use crate::scenario::{json_text, Scenario};
use miniz_oxide::inflate::TINFLStatus;

/// The parameter that carries a version-1 scenario.
const PARAMETER: &str = "s1";
/// The longest fragment read, in bytes: well past any browser's URL limit, far below what
/// would strain the page.
const MAX_FRAGMENT_BYTES: usize = 2 * 1024 * 1024;
const DEFLATE_LEVEL: u8 = 9;

/// The share-link fragment for `scenario`, without the leading `#`.
///
/// `s1=j…` (the compact JSON of [`to_compact_value`], base64url) or `s1=z…` (its raw
/// DEFLATE, base64url), whichever is shorter. Both use only characters a URL fragment
/// carries as they are, so the text can be appended to a page address after `#`. Reading
/// it back with [`from_fragment`] gives an equal scenario, unless its JSON is over 4 MiB,
/// which links refuse.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
/// use gather_playground::share::{from_fragment, to_fragment};
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "label": "<b>A</b>", "delay_ms": 100, "result": {"value": 1}}
/// ]}"#).unwrap();
/// let fragment = to_fragment(&scenario);
/// assert!(fragment.starts_with("s1="));
/// assert_eq!(from_fragment(&format!("#{fragment}")), Ok(scenario));
/// ```
pub fn to_fragment(scenario: &Scenario) -> String {
    let json = json_text(&to_compact_value(scenario));
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), DEFLATE_LEVEL);
    fragment_of(&json, Some(&deflated))
}

/// The share-link fragment for a scenario's compact JSON (`to_compact_value(..)` as text)
/// and, if there is one, that JSON's raw DEFLATE made elsewhere (the page has the browser's
/// `CompressionStream` make it): [`to_fragment`] without its compressor.
///
/// `s1=z…` if `deflated` is given and shorter than the JSON, else `s1=j…`. Any valid raw
/// DEFLATE of the JSON gives a link that [`from_fragment`] reads back.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
/// use gather_playground::share::{fragment_of, from_fragment, to_compact_value};
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": []}"#).unwrap();
/// let json = to_compact_value(&scenario).to_string();
/// let fragment = fragment_of(&json, None);
/// assert!(fragment.starts_with("s1=j"));
/// assert_eq!(from_fragment(&fragment), Ok(scenario));
/// ```
pub fn fragment_of(json: &str, deflated: Option<&[u8]>) -> String {
    // Base64 length grows with byte length, so the shorter bytes give the shorter link.
    let (tag, payload) = match deflated {
        Some(deflated) if deflated.len() < json.len() => ('z', deflated),
        _ => ('j', json.as_bytes()),
    };
    format!("{PARAMETER}={tag}{}", base64url::encode(payload))
}

/// Reads the scenario of a share link's fragment.
///
/// Takes the fragment with or without its leading `#` (or a whole URL, of which the part
/// after the first `#` is read), with any `%XX` escapes a browser or a mail program may
/// have added, and possibly among other `&`-separated parameters. The scenario is the
/// first `s1=` parameter's; if there is none, any other `s<digits>=` parameter means a
/// format version this page does not know.
///
/// Never panics. Fragments over 2 MiB, and payloads that inflate past 4 MiB, are refused
/// as [`ShareError::Corrupt`] before any further work.
///
/// # Errors
///
/// [`ShareError::NoScenario`] without an `s<digits>=` parameter;
/// [`ShareError::UnsupportedVersion`] for `s2=` and the like; [`ShareError::Corrupt`] for
/// a damaged or oversized payload; [`ShareError::Invalid`] for a well-formed payload whose
/// scenario validation refuses.
///
/// # Examples
///
/// ```
/// use gather_playground::scenario::Scenario;
/// use gather_playground::share::{from_fragment, to_fragment, ShareError};
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": []}"#).unwrap();
/// let fragment = to_fragment(&scenario);
/// assert_eq!(from_fragment(&format!("view=tree&{fragment}")), Ok(scenario.clone()));
/// let escaped = fragment.replacen('=', "%3D", 1);
/// assert_eq!(from_fragment(&format!("%23{escaped}")), Ok(scenario));
/// assert_eq!(from_fragment(""), Err(ShareError::NoScenario));
/// ```
pub fn from_fragment(fragment: &str) -> Result<Scenario, ShareError> {
    let json = match link_payload(fragment)? {
        LinkPayload::Json(json) => json,
        LinkPayload::Deflated(deflated) => inflate(&deflated)?,
    };
    scenario_from_link_json(&json)
}

/// What a share link's `s1=` parameter carries: the scenario's JSON, or its raw DEFLATE.
///
/// [`link_payload`] and [`scenario_from_link_json`] are [`from_fragment`] in two steps, for
/// a page that inflates the DEFLATE itself (the playground has the browser's
/// `DecompressionStream` do it, into at most [`MAX_LINK_JSON_BYTES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkPayload {
    /// The scenario's compact JSON (`s1=j…`).
    Json(Vec<u8>),
    /// Its raw DEFLATE (`s1=z…`).
    Deflated(Vec<u8>),
}

/// The most bytes a link's JSON may have once inflated, so that a tiny link cannot claim
/// gigabytes: 4 MiB.
pub const MAX_LINK_JSON_BYTES: usize = 4 * 1024 * 1024;

/// The payload of a share link's fragment, decoded from base64url, not yet inflated: the
/// first step of [`from_fragment`], which says what fragments it takes.
///
/// # Errors
///
/// As [`from_fragment`], but never [`ShareError::Invalid`], nor a DEFLATE or JSON error.
///
/// # Examples
///
/// ```
/// use gather_playground::share::{link_payload, scenario_from_link_json, LinkPayload};
///
/// let payload = link_payload("#s1=jeyJ2ZXJzaW9uIjoxLCJjaGlsZHJlbiI6W119"); // {"version":1,"children":[]}
/// let Ok(LinkPayload::Json(json)) = payload else { panic!("a JSON payload") };
/// assert_eq!(scenario_from_link_json(&json).unwrap().root.children.len(), 0);
/// ```
pub fn link_payload(fragment: &str) -> Result<LinkPayload, ShareError> {
    if fragment.len() > MAX_FRAGMENT_BYTES {
        return Err(ShareError::Corrupt("longer than 2 MiB"));
    }
    let decoded = percent_decode(fragment.trim().as_bytes());
    let after_hash = match decoded.iter().position(|&byte| byte == b'#') {
        Some(hash) => decoded.get(hash + 1..).unwrap_or_default(),
        None => decoded.as_slice(),
    };
    let payload = scenario_parameter(after_hash)?;
    let Some((&tag, encoded)) = payload.split_first() else {
        return Err(ShareError::Corrupt("no scenario data after s1="));
    };
    if tag != b'j' && tag != b'z' {
        return Err(ShareError::Corrupt("unknown encoding after s1="));
    }
    let bytes = base64url::decode(encoded).map_err(|_| ShareError::Corrupt("not base64url"))?;
    Ok(if tag == b'j' {
        LinkPayload::Json(bytes)
    } else {
        LinkPayload::Deflated(bytes)
    })
}

/// The scenario of a link's JSON (as carried, or inflated): the last step of
/// [`from_fragment`].
///
/// # Errors
///
/// [`ShareError::Corrupt`] if it is not UTF-8 JSON, [`ShareError::Invalid`] if validation
/// refuses its scenario.
///
/// # Examples
///
/// ```
/// use gather_playground::share::{scenario_from_link_json, ShareError};
///
/// let scenario = scenario_from_link_json(br#"{"version": 1, "children": []}"#).unwrap();
/// assert!(scenario.root.children.is_empty());
/// assert_eq!(scenario_from_link_json(b"{\"version\""), Err(ShareError::Corrupt("not JSON")));
/// ```
pub fn scenario_from_link_json(json: &[u8]) -> Result<Scenario, ShareError> {
    let text = std::str::from_utf8(json).map_err(|_| ShareError::Corrupt("not UTF-8 text"))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| ShareError::Corrupt("not JSON"))?;
    Scenario::from_value(&value).map_err(ShareError::Invalid)
}

/// The value of the `s1` parameter, or why there is none.
fn scenario_parameter(fragment: &[u8]) -> Result<&[u8], ShareError> {
    let mut other_version = None;
    for parameter in fragment.split(|&byte| byte == b'&') {
        let (key, value) = match parameter.iter().position(|&byte| byte == b'=') {
            Some(equals) => parameter.split_at(equals),
            None => (parameter, &b""[..]),
        };
        let value = value.get(1..).unwrap_or_default();
        if key == PARAMETER.as_bytes() {
            return Ok(value);
        }
        if let Some(digits) = key.strip_prefix(b"s") {
            if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
                other_version.get_or_insert(digits);
            }
        }
    }
    match other_version {
        Some(digits) => Err(ShareError::UnsupportedVersion(
            String::from_utf8_lossy(digits).into_owned(),
        )),
        None => Err(ShareError::NoScenario),
    }
}

/// A `z…` payload's JSON, inflated by miniz_oxide into at most [`MAX_LINK_JSON_BYTES`].
fn inflate(deflated: &[u8]) -> Result<Vec<u8>, InflateError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_LINK_JSON_BYTES).map_err(
        |error| match error.status {
            TINFLStatus::HasMoreOutput => InflateError::TooLarge,
            _ => InflateError::Invalid,
        },
    )
}

/// `text` with every `%XX` escape replaced by its byte; a `%` not followed by two hex
/// digits is kept as it is (it then fails as base64url, if it is in the payload).
fn percent_decode(text: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some((&byte, tail)) = rest.split_first() {
        let escaped = match tail {
            [high, low, ..] if byte == b'%' => hex_value(*high).zip(hex_value(*low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) => {
                decoded.push(high << 4 | low);
                rest = tail.get(2..).unwrap_or_default();
            }
            None => {
                decoded.push(byte);
                rest = tail;
            }
        }
    }
    decoded
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}
