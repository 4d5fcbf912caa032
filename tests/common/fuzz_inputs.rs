//! Random and mutated scenario inputs for the fuzz tests (native and browser).

use serde_json::{json, Value};

/// xorshift64*: small, seeded, reproducible.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ODD_TEXT: &[&str] = &[
    "",
    "A",
    "<script>alert(1)</script>",
    "\u{202e}evil",
    "emoji 🎉🧵",
    "\0nul",
    "line\nbreak",
    "\"quoted\"",
    "back\\slash",
    "ﬁ ligature",
    "דוגמה",
    "日本語のラベル",
    "\u{fffd}",
    "  spaces  ",
];

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 => json!(-1),
        1 => json!(86_400_001u64),
        2 => json!(1e300),
        3 => json!(1.5),
        4 => json!("100"),
        5 => json!(null),
        6 => json!(true),
        7 => json!([]),
        8 => json!({}),
        9 => json!(u64::MAX),
        10 => json!(-0.0),
        11 => json!(0),
        12 => json!(86_400_000u64),
        13 => json!("x".repeat(201)),
        14 => json!(*rng.pick(ODD_TEXT)),
        _ => json!(rng.below(2000)),
    }
}

fn random_result(rng: &mut Rng) -> Value {
    if rng.chance(30) {
        json!({"error": {"type": rng.pick(&["ValueError", "KeyError", "CancelledError", "E_1"]), "message": rng.pick(ODD_TEXT)}})
    } else {
        json!({"value": match rng.below(5) { 0 => json!(rng.below(100)), 1 => json!(rng.pick(ODD_TEXT)), 2 => json!(true), 3 => json!(null), _ => json!(2.5) }})
    }
}

fn random_node(rng: &mut Rng, depth: usize, budget: &mut usize) -> Value {
    *budget = budget.saturating_sub(1);
    if depth < 5 && rng.chance(20) && *budget > 0 {
        let count = rng.below(5);
        let children: Vec<Value> = (0..count)
            .map(|_| random_node(rng, depth + 1, budget))
            .collect();
        let mut node = json!({"kind": "gather", "label": rng.pick(ODD_TEXT), "return_exceptions": rng.chance(40), "children": children});
        if rng.chance(25) {
            node["cancel_at_ms"] = json!(rng.below(1500));
        }
        node
    } else {
        let mut node = json!({"kind": "future", "label": rng.pick(ODD_TEXT), "delay_ms": rng.below(1500), "result": random_result(rng)});
        if rng.chance(25) {
            node["cancel_at_ms"] = json!(rng.below(1500));
        }
        if rng.chance(25) {
            node["on_cancel"] = json!({"delay_ms": rng.below(400), "result": random_result(rng)});
        }
        node
    }
}

fn random_scenario(rng: &mut Rng) -> Value {
    let mut budget = 1 + rng.below(30);
    let children: Vec<Value> = (0..rng.below(6))
        .map(|_| random_node(rng, 1, &mut budget))
        .collect();
    json!({"version": 1, "return_exceptions": rng.chance(40), "children": children})
}

/// How many objects the tree holds, for picking one to break.
fn count_objects(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(count_objects).sum::<usize>(),
        Value::Array(items) => items.iter().map(count_objects).sum(),
        _ => 0,
    }
}

/// Breaks one thing in the scenario: a field removed, added, or given an odd value.
fn mutate(rng: &mut Rng, mut scenario: Value) -> Value {
    let targets = count_objects(&scenario);
    let index = rng.below(targets);
    let mut position = 0;
    fn edit(value: &mut Value, index: usize, position: &mut usize, rng: &mut Rng) -> bool {
        match value {
            Value::Object(map) => {
                if *position == index {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    match rng.below(3) {
                        0 if !keys.is_empty() => {
                            map.remove(rng.pick(&keys).as_str());
                        }
                        1 => {
                            map.insert(
                                rng.pick(&[
                                    "dleay_ms", "extra", "<b>", "children", "kind", "value",
                                    "error",
                                ])
                                .to_string(),
                                odd_value(rng),
                            );
                        }
                        _ if !keys.is_empty() => {
                            let key = rng.pick(&keys).clone();
                            map.insert(key, odd_value(rng));
                        }
                        _ => {}
                    }
                    return true;
                }
                *position += 1;
                map.values_mut()
                    .any(|child| edit(child, index, position, rng))
            }
            Value::Array(items) => items
                .iter_mut()
                .any(|item| edit(item, index, position, rng)),
            _ => false,
        }
    }
    edit(&mut scenario, index, &mut position, rng);
    scenario
}

fn nested(depth: usize) -> Value {
    let mut node = json!({"kind": "future", "delay_ms": 1, "result": {"value": 1}});
    for _ in 0..depth {
        node = json!({"kind": "gather", "children": [node]});
    }
    json!({"version": 1, "children": [node]})
}

/// One input: random, mutated from the corpus, truncated, garbage, deep, or huge.
pub fn input(rng: &mut Rng, corpus: &[Value]) -> String {
    // Scenarios at the node limit are large (600 kB): one input in 500 is enough.
    if rng.below(500) == 0 {
        let count = 9_990 + rng.below(20);
        let future = json!({"kind": "future", "delay_ms": 5, "result": {"value": 1}});
        return json!({"version": 1, "children": vec![future; count]}).to_string();
    }
    match rng.below(9) {
        0..=2 => random_scenario(rng).to_string(),
        3..=5 => {
            let mut scenario = rng.pick(corpus).clone();
            for _ in 0..=rng.below(3) {
                scenario = mutate(rng, scenario);
            }
            scenario.to_string()
        }
        6 => {
            // Truncated text.
            let text = rng.pick(corpus).to_string();
            let mut cut = rng.below(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_owned()
        }
        7 => {
            // Random bytes, lossily text.
            let bytes: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        _ => nested(25 + rng.below(20)).to_string(),
    }
}
