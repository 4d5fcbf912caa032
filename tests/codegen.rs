//! The generated programs against CPython's reports: `to_python` programs run on `python3`
//! in real time and must print the outcome CPython's report of the same scenario gives. The
//! `to_rust` program of the format's example is committed as an example, so `cargo test`
//! proves that generated Rust compiles.
#![cfg(not(target_arch = "wasm32"))]

use gather_playground::codegen::{outcome_line, to_python, to_rust};
use gather_playground::scenario::{self, NodeSpec, Report, ResultSpec, Scenario};
use gather_playground::{Exception, VirtualClock};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Corpus cases short enough to run in real time: none lasts more than 1.1 s, and they
/// cover return_exceptions, failures, cancelled children and gathers, cleanups and nesting.
const SHORT_CASES: &[&str] = &[
    "T02 argument order",
    "T04 first failure, siblings run on",
    "T06 return_exceptions",
    "T07 a cancelled child fails the outer",
    "T11 cancel the outer",
    "T12 rex, cancel, one child swallows",
    "T17 CancelledError although the child returned",
    "T21 a cleanup raises",
    "T31 nested gathers",
    "T33 inner return_exceptions",
    "T44 cancelled child before a failing one",
    "format example",
    "L02 cancelled while waiting: no cleanup",
    "L04 cancel the outer with a queue",
    "L05 nested gathers are not limited",
    "random 010",
    "random 018",
    "random 026",
];

fn corpus() -> Value {
    serde_json::from_str(include_str!("conformance/corpus.json")).expect("the corpus is JSON")
}

/// The scenario of a corpus case and CPython's report of it.
fn corpus_case(corpus: &Value, name: &str) -> (Scenario, Report) {
    let cases = corpus["cases"].as_array().expect("the corpus lists cases");
    let case = cases
        .iter()
        .find(|case| case["name"] == name)
        .unwrap_or_else(|| panic!("no corpus case named {name:?}"));
    let scenario = Scenario::from_value(&case["scenario"])
        .unwrap_or_else(|error| panic!("{name}: refused: {error}"));
    let report = serde_json::from_value(case["report"].clone())
        .unwrap_or_else(|error| panic!("{name}: bad report: {error}"));
    (scenario, report)
}

/// A directory of its own for one test's programs, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "gather-playground-codegen-{}-{test}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("a temporary directory");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `program` to `dir/file` and starts `python3` on it.
fn start_python(dir: &Path, file: &str, program: &str) -> Child {
    let path = dir.join(file);
    std::fs::write(&path, program).expect("the program is written");
    Command::new("python3")
        .arg(&path)
        // An ASCII-only terminal: the program must print non-ASCII results all the same.
        .env("PYTHONIOENCODING", "ascii")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is on PATH")
}

/// The JSON after `outcome: ` on the last line a program printed.
fn printed_outcome(stdout: &str) -> Option<Value> {
    let last = stdout.lines().last()?;
    serde_json::from_str(last.strip_prefix("outcome: ")?).ok()
}

fn expected_outcome(report: &Report) -> Value {
    let line = outcome_line(report);
    let json = line.strip_prefix("outcome: ").expect("an outcome line");
    serde_json::from_str(json).expect("the outcome line holds JSON")
}

/// Waits for a program and checks its last line against `report`'s outcome; `Err` says how
/// it went wrong.
fn check_run(name: &str, child: Child, report: &Report) -> Result<(), String> {
    let output = child
        .wait_with_output()
        .map_err(|error| format!("{name}: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = expected_outcome(report);
    match printed_outcome(&stdout) {
        _ if !output.status.success() => Err(format!(
            "{name}: python3 exited with {}:\n{stderr}",
            output.status
        )),
        Some(printed) if printed == expected => Ok(()),
        _ => Err(format!(
            "{name}:\n  expected: {}\n  printed:\n{stdout}\n  stderr:\n{stderr}",
            outcome_line(report)
        )),
    }
}

#[test]
fn python_programs_print_cpython_s_outcome_for_corpus_cases() {
    let corpus = corpus();
    let dir = TempDir::new("corpus");
    // All at once: the programs sleep in real time, so the test takes as long as the
    // longest, not the sum.
    let runs: Vec<(&str, Child, Report)> = SHORT_CASES
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let (scenario, report) = corpus_case(&corpus, name);
            let child = start_python(&dir.0, &format!("case_{index}.py"), &to_python(&scenario));
            (*name, child, report)
        })
        .collect();
    let failures: Vec<String> = runs
        .into_iter()
        .filter_map(|(name, child, report)| check_run(name, child, &report).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} programs went wrong:\n{}",
        failures.len(),
        SHORT_CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn hostile_labels_and_messages_cannot_break_the_python_program() {
    let nasty = "quote \" apostrophe ' backslash \\ newline \n triple \"\"\" ''' </script> \
                 <b>html</b> 🎉 \u{1F600} \u{2028} \u{202e} \0 end \\";
    let text = serde_json::json!({
        "version": 1,
        "label": nasty,
        "return_exceptions": true,
        "children": [
            {"kind": "future", "label": nasty, "delay_ms": 20, "result": {"value": nasty}},
            {"kind": "future", "label": "\"\"\"", "delay_ms": 40,
             "result": {"error": {"type": "ValueError", "message": nasty}}},
            {"kind": "future", "label": "9 lives", "delay_ms": 60,
             "result": {"error": {"type": "Custom_Error9", "message": nasty}}},
            {"kind": "future", "label": "dup", "delay_ms": 80, "result": {"value": 1.5}},
            {"kind": "future", "label": "dup", "delay_ms": 100, "result": {"value": -7}},
            {"kind": "future", "label": "DUP!", "delay_ms": 120,
             "result": {"error": {"type": "print", "message": "shadows nothing"}}},
            {"kind": "future", "label": "main", "delay_ms": 500, "result": {"value": null},
             "cancel_at_ms": 140,
             "on_cancel": {"delay_ms": 20, "result": {"error": {"type": "None", "message": nasty}}}},
            {"kind": "gather", "label": "</script>\n#", "children": [
                {"kind": "future", "label": "🎉", "delay_ms": 30, "result": {"value": "🎉\u{0}"}},
                {"kind": "future", "label": "", "delay_ms": 50, "result": {"value": true}}
            ]}
        ]
    });
    let mut scenario = Scenario::from_value(&text).expect("a valid scenario");
    // Built directly, a scenario escapes validation: an exception type may be no identifier.
    if let Some(NodeSpec::Future(future)) = scenario.root.children.get_mut(1) {
        future.result = ResultSpec::Error(Exception::new("Bad-Name \"\n", nasty));
    }
    let clock = VirtualClock::new();
    let report = clock
        .block_on(scenario::run(clock.runtime(), scenario.clone()))
        .expect("the run finishes");

    let program = to_python(&scenario);
    for line in program.lines() {
        let code = line.trim_start();
        assert!(
            !code.starts_with('#') || !code.contains("script"),
            "a label leaked into a comment: {line}"
        );
    }
    let dir = TempDir::new("hostile");
    let child = start_python(&dir.0, "hostile.py", &program);
    if let Err(failure) = check_run("hostile", child, &report) {
        panic!("{failure}\nprogram:\n{program}");
    }
}

#[test]
fn the_committed_rust_example_is_what_to_rust_writes_for_the_format_example() {
    let (scenario, _) = corpus_case(&corpus(), "format example");
    let generated = to_rust(&scenario);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/generated_format_example.rs");
    if std::env::var_os("GATHER_PLAYGROUND_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("the example is rewritten");
        return;
    }
    assert!(
        generated == include_str!("../examples/generated_format_example.rs"),
        "examples/generated_format_example.rs is not what to_rust writes now; rewrite it with \
         `GATHER_PLAYGROUND_BLESS=1 cargo test --test codegen` and check the diff"
    );
}
