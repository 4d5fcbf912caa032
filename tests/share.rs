//! Share links and saved state: every corpus scenario round-trips, and no input, however
//! hostile, panics or is misreported.
//!
//! Over 400 lines as one binary: twelve tests of the share module's contract, each its own
//! property (round trips, the compact form, hostile inputs, saved state), sharing the corpus.
#![cfg(not(target_arch = "wasm32"))]

use gather_playground::scenario::Scenario;
use gather_playground::share::{
    from_fragment, to_compact_value, to_fragment, SavedState, ShareError,
};
use serde_json::{json, Map, Value};

fn corpus() -> Vec<(String, Scenario)> {
    let corpus: Value = serde_json::from_str(include_str!("conformance/corpus.json")).unwrap();
    corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let name = case["name"].as_str().unwrap().to_owned();
            let scenario = Scenario::from_value(&case["scenario"]).unwrap();
            (name, scenario)
        })
        .collect()
}

/// A base64url encoder written independently of the crate's, to build payloads by hand.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bits: Vec<bool> = bytes
        .iter()
        .flat_map(|byte| (0..8).rev().map(move |bit| byte >> bit & 1 == 1))
        .collect();
    bits.chunks(6)
        .map(|sextet| {
            let value = (0..6).fold(0, |acc, i| {
                acc << 1 | usize::from(sextet.get(i) == Some(&true))
            });
            char::from(ALPHABET[value])
        })
        .collect()
}

/// A small seeded PRNG (xorshift64*), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn bytes(&mut self, length: usize) -> Vec<u8> {
        (0..length).map(|_| self.next() as u8).collect()
    }
}

fn scenario(value: Value) -> Scenario {
    Scenario::from_value(&value).unwrap()
}

fn wide_scenario(children: usize) -> Scenario {
    let child = |i: usize| {
        json!({"kind": "future", "label": format!("fetch {i}"), "delay_ms": 100 * (i % 7),
               "result": if i % 3 == 0 { json!({"error": {"type": "ValueError", "message": "boom"}}) }
                         else { json!({"value": i}) }})
    };
    scenario(
        json!({"version": 1, "label": "main", "children": (0..children).map(child).collect::<Vec<_>>()}),
    )
}

#[test]
fn every_corpus_scenario_round_trips_through_a_link_and_saved_state() {
    let cases = corpus();
    assert!(cases.len() >= 200);
    let mut settings = Map::new();
    settings.insert("speed".into(), json!(0.25));
    let (mut largest, mut largest_raw, mut largest_link) = (String::new(), 0, 0);
    for (name, scenario) in cases {
        let fragment = to_fragment(&scenario);
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)),
            "{name}: {fragment}"
        );
        assert_eq!(from_fragment(&fragment).as_ref(), Ok(&scenario), "{name}");
        assert_eq!(
            from_fragment(&format!("#{fragment}")).as_ref(),
            Ok(&scenario),
            "{name}"
        );

        let compact = to_compact_value(&scenario);
        assert_eq!(
            Scenario::from_value(&compact).as_ref(),
            Ok(&scenario),
            "{name}"
        );
        assert!(compact.to_string().len() <= scenario.to_value().to_string().len());

        let state = SavedState {
            scenario: scenario.clone(),
            settings: settings.clone(),
        };
        assert_eq!(
            SavedState::from_storage_text(&state.to_storage_text()),
            Ok(state),
            "{name}"
        );

        let raw_link = format!("s1=j{}", base64url(compact.to_string().as_bytes())).len();
        if raw_link > largest_raw {
            (largest, largest_raw, largest_link) = (name, raw_link, fragment.len());
        }
    }
    println!(
        "largest corpus scenario, {largest}: link fragment {largest_raw} characters as JSON, {largest_link} compressed"
    );
}

#[test]
fn the_compact_form_leaves_out_every_default() {
    let full = json!({"version": 1, "label": "", "return_exceptions": false, "cancel_at_ms": null,
        "children": [
            {"kind": "gather", "label": "", "return_exceptions": false, "cancel_at_ms": null, "children": []},
            {"kind": "future", "label": "", "delay_ms": 0, "cancel_at_ms": null, "on_cancel": null,
             "result": {"error": {"type": "E", "message": ""}}},
            {"kind": "future", "delay_ms": 5, "result": {"value": null},
             "on_cancel": {"delay_ms": 1, "result": {"error": {"type": "E", "message": ""}}}}]});
    let compact = to_compact_value(&scenario(full));
    assert_eq!(
        compact,
        json!({"version": 1, "children": [
            {"kind": "gather", "children": []},
            {"kind": "future", "delay_ms": 0, "result": {"error": {"type": "E"}}},
            {"kind": "future", "delay_ms": 5, "result": {"value": null},
             "on_cancel": {"delay_ms": 1, "result": {"error": {"type": "E"}}}}]})
    );
    let set = json!({"version": 1, "label": "m", "return_exceptions": true, "cancel_at_ms": 0,
        "children": [{"kind": "future", "label": "f", "delay_ms": 1, "cancel_at_ms": 3,
                      "result": {"error": {"type": "E", "message": "m"}}}]});
    assert_eq!(to_compact_value(&scenario(set.clone())), set);
}

#[test]
fn short_scenarios_travel_as_json_and_long_ones_compressed_and_much_shorter() {
    let empty = scenario(json!({"version": 1, "children": []}));
    assert_eq!(
        to_fragment(&empty),
        format!("s1=j{}", base64url(br#"{"children":[],"version":1}"#))
    );

    let wide = wide_scenario(300);
    let fragment = to_fragment(&wide);
    let raw = format!(
        "s1=j{}",
        base64url(to_compact_value(&wide).to_string().as_bytes())
    );
    assert!(fragment.starts_with("s1=z"), "{fragment}");
    assert!(
        fragment.len() * 4 < raw.len(),
        "compressed {} vs raw {}",
        fragment.len(),
        raw.len()
    );
    assert_eq!(from_fragment(&fragment), Ok(wide.clone()));
    // The uncompressed form is still read.
    assert_eq!(from_fragment(&raw), Ok(wide));
    println!(
        "300 futures: raw link {} characters, compressed {}",
        raw.len(),
        fragment.len()
    );
}

#[test]
fn fixed_hostile_inputs_give_the_right_error() {
    let corrupt = ShareError::Corrupt;
    let cases: Vec<(String, ShareError)> = vec![
        ("".into(), ShareError::NoScenario),
        ("#".into(), ShareError::NoScenario),
        ("  ".into(), ShareError::NoScenario),
        ("&&&".into(), ShareError::NoScenario),
        ("s=jAA".into(), ShareError::NoScenario),
        ("sx=jAA".into(), ShareError::NoScenario),
        ("S1=jAA".into(), ShareError::NoScenario),
        ("https://example.com/play/".into(), ShareError::NoScenario),
        ("s1".into(), corrupt("no scenario data after s1=")),
        ("s1=".into(), corrupt("no scenario data after s1=")),
        ("#s1=".into(), corrupt("no scenario data after s1=")),
        (
            "s1=qeyJ2ZXJzaW9uIjoxfQ".into(),
            corrupt("unknown encoding after s1="),
        ),
        ("s1=J".into(), corrupt("unknown encoding after s1=")),
        ("s1=j!!!".into(), corrupt("not base64url")),
        ("s1=j====".into(), corrupt("not base64url")),
        ("s1=jA".into(), corrupt("not base64url")),
        ("s1=z!!!".into(), corrupt("not base64url")),
        ("s1=j%".into(), corrupt("not base64url")),
        ("s1=j%zz".into(), corrupt("not base64url")),
        ("s1=j".into(), corrupt("not JSON")),
        ("s1=z".into(), corrupt("not valid DEFLATE")),
        (
            format!("s1=z{}", base64url(b"plain text")),
            corrupt("not valid DEFLATE"),
        ),
        (
            format!("s1=j{}", base64url(&[0xff, 0xfe])),
            corrupt("not UTF-8 text"),
        ),
        (
            format!("s1=j{}", base64url(b"{\"version\": 1,")),
            corrupt("not JSON"),
        ),
        (
            format!("s1=j{}", base64url(&[b'['; 10_000])),
            corrupt("not JSON"),
        ),
        ("s1=j%FF".into(), corrupt("not base64url")),
        (
            "s9=zAAAA".into(),
            ShareError::UnsupportedVersion("9".into()),
        ),
        (
            "s2=anything&s3=else".into(),
            ShareError::UnsupportedVersion("2".into()),
        ),
        (
            "#view=1&s10=".into(),
            ShareError::UnsupportedVersion("10".into()),
        ),
        (
            format!("s1={}", "j".repeat(2 * 1024 * 1024 + 1)),
            corrupt("longer than 2 MiB"),
        ),
    ];
    for (input, error) in cases {
        let shown: String = input.chars().take(60).collect();
        assert_eq!(from_fragment(&input), Err(error), "input: {shown}");
    }

    let invalid = from_fragment(&format!("s1=j{}", base64url(b"[]"))).unwrap_err();
    assert!(matches!(&invalid, ShareError::Invalid(e) if e.path().is_empty()));
    let invalid = from_fragment(&format!(
        "s1=j{}",
        base64url(
            br#"{"version":1,"children":[{"kind":"future","delay_ms":-5,"result":{"value":1}}]}"#
        )
    ))
    .unwrap_err();
    assert_eq!(
        invalid.to_string(),
        "the link's scenario is invalid: children[0].delay_ms: expected a whole number of milliseconds from 0 to 86400000"
    );
}

#[test]
fn a_known_version_wins_over_unknown_ones_and_other_parameters_are_ignored() {
    let scenario = wide_scenario(3);
    let fragment = to_fragment(&scenario);
    for input in [
        format!("s2=future-stuff&{fragment}"),
        format!("{fragment}&s2=future-stuff"),
        format!("#tab=report&{fragment}&speed=2"),
        format!("https://example.com/play/?x=1#{fragment}"),
        format!("{fragment}\n"),
    ] {
        assert_eq!(from_fragment(&input).as_ref(), Ok(&scenario), "{input}");
    }
}

#[test]
fn every_truncation_of_a_link_is_refused_as_damaged() {
    let short = scenario(json!({"version": 1, "label": "A", "children": []}));
    for (scenario, form) in [(short, "s1=j"), (wide_scenario(40), "s1=z")] {
        let fragment = to_fragment(&scenario);
        assert!(fragment.starts_with(form), "{fragment}");
        for cut in 0..fragment.len() {
            let prefix = &fragment[..cut];
            let result = from_fragment(prefix);
            match cut {
                0 | 1 => assert_eq!(result, Err(ShareError::NoScenario), "{prefix}"),
                _ => assert!(
                    matches!(result, Err(ShareError::Corrupt(_))),
                    "{prefix}: {result:?}"
                ),
            }
        }
        assert_eq!(from_fragment(&fragment), Ok(scenario));
    }
}

#[test]
fn ten_thousand_random_inputs_never_panic_nor_pass() {
    let mut rng = Rng(0x5eed_0f11_04e5);
    let soup = b"s1=jz%#&ABCxyz019-_/+=!\x00\xff";
    for round in 0..10_000 {
        let length = rng.below(300);
        let input = match round % 4 {
            0 => String::from_utf8_lossy(&rng.bytes(length)).into_owned(),
            1 => {
                let picked: Vec<u8> = (0..length).map(|_| soup[rng.below(soup.len())]).collect();
                format!("s1={}", String::from_utf8_lossy(&picked))
            }
            2 => format!("s1=z{}", base64url(&rng.bytes(length))),
            _ => format!("s1=j{}", base64url(&rng.bytes(length))),
        };
        let result = from_fragment(&input);
        assert!(result.is_err(), "accepted: {input:?}");
        if round % 4 == 2 {
            assert!(
                matches!(result, Err(ShareError::Corrupt(_))),
                "{input:?}: {result:?}"
            );
        }
    }
}

#[test]
fn a_deflate_bomb_is_refused_without_inflating_it() {
    let zeros = vec![0u8; 100 * 1024 * 1024];
    let bomb = miniz_oxide::deflate::compress_to_vec(&zeros, 9);
    drop(zeros);
    let fragment = format!("s1=z{}", base64url(&bomb));
    assert!(fragment.len() < 2 * 1024 * 1024, "{}", fragment.len());
    assert_eq!(
        from_fragment(&fragment),
        Err(ShareError::Corrupt("over 4 MiB once decompressed"))
    );
}

#[test]
fn labels_with_markup_and_odd_characters_survive_unchanged() {
    let labels = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"'`&amp;</textarea>#s2=x&s1=jAAA%20%",
        "naïve — 日本語 🎉",
        "\u{0}\u{1f}\u{7f}\u{2028}",
    ];
    for label in labels {
        let scenario = scenario(json!({"version": 1, "label": label, "children": [
            {"kind": "future", "label": label, "delay_ms": 1,
             "result": {"error": {"type": "E", "message": label}}}]}));
        let read = from_fragment(&to_fragment(&scenario)).unwrap();
        assert_eq!(read.root.label, label);
        assert_eq!(read, scenario);
        let state = SavedState {
            scenario: scenario.clone(),
            settings: Map::new(),
        };
        let text = state.to_storage_text();
        assert_eq!(
            SavedState::from_storage_text(&text).unwrap().scenario,
            scenario
        );
    }
}

#[test]
fn percent_encoded_fragments_are_read() {
    let scenario = wide_scenario(5);
    let fragment = to_fragment(&scenario);
    let payload = fragment.trim_start_matches("s1=");
    let everything: String = format!("#{fragment}")
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect();
    for input in [
        format!("s1%3D{payload}"),
        format!("s1%3d{payload}"),
        format!("%23s1%3D{payload}"),
        format!("view%3Dtree%26s1%3D{payload}"),
        everything.to_lowercase(),
        everything,
    ] {
        assert_eq!(from_fragment(&input).as_ref(), Ok(&scenario), "{input}");
    }
}

#[test]
fn saved_state_keeps_unknown_settings_and_refuses_what_it_cannot_read() {
    let text = r#"{"version": 1, "future_field": [1],
        "scenario": {"version": 1, "children": []},
        "settings": {"speed": 2, "theme": "dark", "from_a_newer_page": {"nested": [true]}}}"#;
    let state = SavedState::from_storage_text(text).unwrap();
    assert_eq!(
        Value::Object(state.settings.clone()),
        json!({"speed": 2, "theme": "dark", "from_a_newer_page": {"nested": [true]}})
    );
    let again = SavedState::from_storage_text(&state.to_storage_text()).unwrap();
    assert_eq!(again, state);

    let no_settings = SavedState::from_storage_text(
        r#"{"version": 1, "scenario": {"version": 1, "children": []}}"#,
    )
    .unwrap();
    assert!(no_settings.settings.is_empty());

    let corrupt = ShareError::Corrupt;
    let cases = [
        ("", corrupt("not JSON")),
        ("{\"version\": 1,", corrupt("not JSON")),
        ("[1]", corrupt("not a saved-state object")),
        ("null", corrupt("not a saved-state object")),
        ("{}", corrupt("no version")),
        (r#"{"version": 1}"#, corrupt("no scenario")),
        (
            r#"{"version": 1, "scenario": {"version": 1, "children": []}, "settings": []}"#,
            corrupt("settings are not an object"),
        ),
        (
            r#"{"version": 2, "scenario": {}}"#,
            ShareError::UnsupportedVersion("2".into()),
        ),
        (
            r#"{"version": "1"}"#,
            ShareError::UnsupportedVersion("\"1\"".into()),
        ),
        (
            r#"{"version": 1.5}"#,
            ShareError::UnsupportedVersion("1.5".into()),
        ),
    ];
    for (text, error) in cases {
        assert_eq!(SavedState::from_storage_text(text), Err(error), "{text}");
    }
    let invalid = SavedState::from_storage_text(r#"{"version": 1, "scenario": {"version": 1}}"#);
    assert!(
        matches!(&invalid, Err(ShareError::Invalid(e)) if e.path() == "children"),
        "{invalid:?}"
    );
}

#[test]
fn errors_read_as_sentences_a_user_can_act_on() {
    assert_eq!(
        ShareError::NoScenario.to_string(),
        "the link has no scenario in it: a share link ends in #s1=…; copy it again in full"
    );
    assert_eq!(
        ShareError::UnsupportedVersion("2".into()).to_string(),
        "the link was made by a newer version of the playground (format 2), which this page cannot read; reload the page to update it"
    );
    assert_eq!(
        ShareError::Corrupt("not base64url").to_string(),
        "the link is damaged (not base64url); copy it again in full"
    );
    let error: Box<dyn std::error::Error> = Box::new(ShareError::NoScenario);
    assert!(error.source().is_none());
}
