//! The generated programs against CPython's reports.
//!
//! - `to_python`'s program (the one a person would write) and `to_python_instrumented`'s,
//!   for every scenario of both corpora, run on every CPython >= 3.11 found, on the
//!   reference's tie-aware virtual clock (`tests/codegen/virtual_clock.py` runs each
//!   program's `asyncio.run(main())` on `cpython_runner.py`'s loop): each must print the
//!   outcome line of CPython's report of its scenario. Cases that need 3.12 (timeouts and
//!   shields) are skipped on 3.11, and said so.
//! - A few of them also run with `python3 program.py`, in real time.
//! - `to_rust`'s programs for a set of corpus cases are committed under
//!   `tests/codegen/rust/` (and the format example's as `examples/`), compiled into this
//!   test and run: each must print its case's outcome; every corpus program's layout is
//!   rustfmt's.
//!
//! Over 400 lines as one binary: the committed Rust programs are compiled into it, and every
//! test shares its corpora, the CPythons found and `cpu()`, which keeps real-time runs apart.
#![cfg(not(target_arch = "wasm32"))]

use gather_playground::codegen::{outcome_line, to_python, to_python_instrumented, to_rust};
use gather_playground::scenario::{self, NodeSpec, Report, ResultSpec, Scenario};
use gather_playground::{Exception, VirtualClock};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

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

/// Short corpus cases with timeouts and shields, to run in real time on CPython 3.12+.
const SHORT_GUARDED_CASES: &[&str] = &[
    "G02 a child that swallows its timeout gives its value",
    "G03 a cancelled gather leaves its shielded child running",
    "G04 a timeout that does not cancel the work",
    "G05 a nested gather under a timeout",
    "G06 the root's timeout after a failure",
    "guarded 001",
    "guarded 005",
    "guarded 012",
    "guarded 020",
    "guarded 026",
];

/// A case of a corpus.
struct Case {
    name: String,
    scenario: Scenario,
    report: Report,
    /// The CPython it needs ("3.12" for timeouts and shields).
    python: Option<(u32, u32)>,
}

const CORPORA: &[(&str, &str)] = &[
    ("corpus.json", include_str!("conformance/corpus.json")),
    (
        "tie_corpus.json",
        include_str!("conformance/tie_corpus.json"),
    ),
];

fn cases(corpus: &str) -> Vec<Case> {
    let text = CORPORA
        .iter()
        .find(|(name, _)| *name == corpus)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no corpus {corpus}"));
    let corpus: Value = serde_json::from_str(text).expect("the corpus is JSON");
    let cases = corpus["cases"].as_array().expect("the corpus lists cases");
    cases
        .iter()
        .map(|case| {
            let name = case["name"].as_str().unwrap_or_default().to_owned();
            let scenario = Scenario::from_value(&case["scenario"])
                .unwrap_or_else(|error| panic!("{name}: refused: {error}"));
            let report = serde_json::from_value(case["report"].clone())
                .unwrap_or_else(|error| panic!("{name}: bad report: {error}"));
            let python = case["python"].as_str().map(parse_version);
            Case {
                name,
                scenario,
                report,
                python,
            }
        })
        .collect()
}

fn case<'a>(cases: &'a [Case], name: &str) -> &'a Case {
    cases
        .iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("no corpus case named {name:?}"))
}

fn parse_version(text: &str) -> (u32, u32) {
    let mut parts = text.split('.').map(|part| part.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// A CPython >= 3.11 found on this machine.
struct Python {
    path: PathBuf,
    /// As `platform.python_version()` gives it.
    version: String,
    minor: (u32, u32),
}

/// Every CPython >= 3.11 there is, one per version, as `check_all_pythons.sh` finds them:
/// pyenv's versions, else `python3.11`, `python3.12`, ... on PATH, else `python3`.
fn pythons() -> Vec<Python> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    let pyenv_root = Command::new("pyenv")
        .arg("root")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
    if let Some(Ok(versions)) = pyenv_root.map(|root| std::fs::read_dir(root.join("versions"))) {
        let mut found: Vec<PathBuf> = versions
            .filter_map(Result::ok)
            .map(|entry| entry.path().join("bin/python3"))
            .filter(|path| path.exists())
            .collect();
        found.sort();
        candidates.extend(found);
    }
    if candidates.is_empty() {
        candidates.extend((11..=20).map(|minor| PathBuf::from(format!("python3.{minor}"))));
        candidates.push(PathBuf::from("python3"));
    }
    let mut pythons: Vec<Python> = Vec::new();
    for path in candidates {
        let Ok(output) = Command::new(&path)
            .args([
                "-c",
                "import platform, sys\n\
                 if platform.python_implementation() == 'CPython' and sys.version_info >= (3, 11):\n    \
                 print(platform.python_version())",
            ])
            .output()
        else {
            continue;
        };
        let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if version.is_empty() || pythons.iter().any(|python| python.version == version) {
            continue;
        }
        let minor = parse_version(&version);
        pythons.push(Python {
            path,
            version,
            minor,
        });
    }
    pythons
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

/// The JSON after `outcome: ` on a line.
fn outcome_of(line: &str) -> Option<Value> {
    serde_json::from_str(line.strip_prefix("outcome: ")?).ok()
}

fn expected_outcome(report: &Report) -> Value {
    outcome_of(&outcome_line(report)).expect("an outcome line holds JSON")
}

/// What one program printed last on the virtual clock.
struct VirtualRun {
    name: String,
    last_line: Option<String>,
    error: Option<String>,
}

/// Runs `programs` (name, text) on `python` with the reference's virtual clock.
fn run_on_virtual_clock(
    python: &Python,
    dir: &Path,
    programs: &[(String, String)],
) -> (Vec<VirtualRun>, f64) {
    let entries: Vec<Value> = programs
        .iter()
        .map(|(name, program)| serde_json::json!({"name": name, "program": program}))
        .collect();
    let path = dir.join(format!("programs-{}.json", python.version));
    std::fs::write(&path, Value::Array(entries).to_string()).expect("the programs are written");
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/codegen/virtual_clock.py");
    let output = Command::new(&python.path)
        .arg(harness)
        .arg(&path)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "virtual_clock.py failed on {}:\n{}",
        python.version,
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("virtual_clock.py's JSON");
    let runs = answer["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|result| VirtualRun {
            name: result["name"].as_str().unwrap_or_default().to_owned(),
            last_line: result["last_line"].as_str().map(str::to_owned),
            error: result["error"].as_str().map(str::to_owned),
        })
        .collect();
    (runs, answer["seconds"].as_f64().unwrap_or(0.0))
}

/// Every corpus case's program, from `generate`, on every CPython found, on the virtual
/// clock: each must print its report's outcome line exactly.
fn check_every_corpus_program(test: &str, generate: fn(&Scenario) -> String) {
    let _cpu = cpu();
    let pythons = pythons();
    assert!(
        !pythons.is_empty(),
        "no CPython >= 3.11 found (pyenv, python3.1x on PATH, python3)"
    );
    let dir = TempDir::new(test);
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for (corpus, _) in CORPORA {
        let cases = cases(corpus);
        let began = Instant::now();
        let programs: Vec<(String, String)> = cases
            .iter()
            .map(|case| (case.name.clone(), generate(&case.scenario)))
            .collect();
        let generated_in = began.elapsed().as_secs_f64();
        for python in &pythons {
            let runnable: Vec<usize> = (0..cases.len())
                .filter(|&index| {
                    cases[index]
                        .python
                        .is_none_or(|needed| python.minor >= needed)
                })
                .collect();
            let chosen: Vec<(String, String)> = runnable
                .iter()
                .map(|&index| programs[index].clone())
                .collect();
            let (runs, seconds) = run_on_virtual_clock(python, &dir.0, &chosen);
            let mut identical = 0;
            for (&index, run) in runnable.iter().zip(&runs) {
                let case = &cases[index];
                assert_eq!(run.name, case.name);
                let expected = outcome_line(&case.report);
                if run.last_line.as_deref() == Some(expected.as_str()) {
                    identical += 1;
                } else if failures.len() < 10 {
                    failures.push(format!(
                        "{corpus} {:?} on CPython {}:\n  expected: {expected}\n  printed:  {}\n{}\nprogram:\n{}",
                        case.name,
                        python.version,
                        run.last_line.as_deref().unwrap_or("(nothing)"),
                        run.error.as_deref().unwrap_or(""),
                        programs[index].1
                    ));
                } else {
                    failures.push(format!(
                        "{corpus} {:?} on CPython {}",
                        case.name, python.version
                    ));
                }
            }
            let skipped = cases.len() - runnable.len();
            summary.push(format!(
                "{corpus}, CPython {}: {identical}/{} outcome lines identical{} ({seconds:.1} s; \
                 generated in {generated_in:.2} s)",
                python.version,
                runnable.len(),
                if skipped > 0 {
                    format!(", {skipped} cases needing CPython 3.12+ skipped")
                } else {
                    String::new()
                }
            ));
        }
        if !pythons.iter().any(|python| python.minor >= (3, 12)) {
            summary.push(format!(
                "{corpus}: no CPython 3.12+ found: its timeout and shield cases were not run"
            ));
        }
    }
    eprintln!("{test}:\n  {}", summary.join("\n  "));
    assert!(
        failures.is_empty(),
        "{} programs printed another outcome:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn readable_python_programs_print_every_corpus_outcome_on_every_cpython() {
    check_every_corpus_program("readable", to_python);
}

#[test]
fn instrumented_python_programs_print_every_corpus_outcome_on_every_cpython() {
    check_every_corpus_program("instrumented", to_python_instrumented);
}

/// Writes `program` to `dir/file` and starts `python` on it.
fn start_python(python: &Path, dir: &Path, file: &str, program: &str) -> Child {
    let path = dir.join(file);
    std::fs::write(&path, program).expect("the program is written");
    Command::new(python)
        .arg(&path)
        // An ASCII-only terminal: the program must print non-ASCII results all the same.
        .env("PYTHONIOENCODING", "ascii")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs")
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
    match stdout.lines().last().and_then(outcome_of) {
        _ if !output.status.success() => Err(format!(
            "{name}: python exited with {}:\n{stderr}",
            output.status
        )),
        Some(printed) if printed == expected => Ok(()),
        _ => Err(format!(
            "{name}:\n  expected: {}\n  printed:\n{stdout}\n  stderr:\n{stderr}",
            outcome_line(report)
        )),
    }
}

/// Held by the tests that run programs in real time, and by those that keep the CPU busy,
/// so that they do not make the real-time ones late.
static CPU: Mutex<()> = Mutex::new(());

fn cpu() -> MutexGuard<'static, ()> {
    CPU.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs the named cases' programs at once, in real time, with `python program.py`. A
/// program that printed another outcome runs once more, alone: on a busy machine a real
/// clock can be late by more than the 20 ms between two events of a corpus case.
fn run_for_real(python: &Path, test: &str, names: &[&str], generate: fn(&Scenario) -> String) {
    let cases = cases("corpus.json");
    let dir = TempDir::new(test);
    let start = |index: usize, name: &str| {
        let program = generate(&case(&cases, name).scenario);
        start_python(python, &dir.0, &format!("case_{index}.py"), &program)
    };
    // All at once: the programs sleep in real time, so the test takes as long as the
    // longest, not the sum.
    let runs: Vec<(usize, &str, Child)> = names
        .iter()
        .enumerate()
        .map(|(index, name)| (index, *name, start(index, name)))
        .collect();
    let mut failures = Vec::new();
    for (index, name, child) in runs {
        let report = &case(&cases, name).report;
        if let Err(first) = check_run(name, child, report) {
            if let Err(again) = check_run(name, start(index, name), report) {
                failures.push(format!("{first}\n  and alone, again:\n{again}"));
            } else {
                eprintln!("{test}: {name:?} gave its outcome when run again alone:\n{first}");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs went wrong:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

#[test]
fn python_programs_print_cpython_s_outcome_in_real_time() {
    let _cpu = cpu();
    let python3 = Path::new("python3");
    run_for_real(python3, "real", SHORT_CASES, to_python);
    run_for_real(
        python3,
        "real-instrumented",
        &SHORT_CASES[..6],
        to_python_instrumented,
    );
}

#[test]
fn python_programs_with_timeouts_and_shields_print_cpython_s_outcome_in_real_time() {
    let Some(python) = pythons().into_iter().find(|python| python.minor >= (3, 12)) else {
        eprintln!("no CPython 3.12+ found: the timeout and shield programs were not run");
        return;
    };
    let _cpu = cpu();
    run_for_real(&python.path, "real-guarded", SHORT_GUARDED_CASES, to_python);
    run_for_real(
        &python.path,
        "real-guarded-instrumented",
        &SHORT_GUARDED_CASES[..3],
        to_python_instrumented,
    );
}

#[test]
fn hostile_labels_and_messages_cannot_break_the_python_programs() {
    let _cpu = cpu();
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
            {"kind": "gather", "label": "</script>\n#", "cancel_at_ms": 300, "children": [
                {"kind": "future", "label": "🎉", "delay_ms": 30, "result": {"value": "🎉\u{0}"}},
                {"kind": "future", "label": "", "delay_ms": 50, "result": {"value": true}}
            ]},
            {"kind": "gather", "label": "outer", "limit": 1, "children": [
                {"kind": "future", "label": "watch", "delay_ms": 10, "result": {"value": 2}},
                {"kind": "future", "label": "results", "delay_ms": 10, "result": {"value": 3}}
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

    let dir = TempDir::new("hostile");
    for (kind, program) in [
        ("readable", to_python(&scenario)),
        ("instrumented", to_python_instrumented(&scenario)),
    ] {
        for line in program.lines() {
            let code = line.trim_start();
            assert!(
                !code.starts_with('#') || !code.contains("script"),
                "{kind}: a label leaked into a comment: {line}"
            );
        }
        let child = start_python(
            Path::new("python3"),
            &dir.0,
            &format!("{kind}.py"),
            &program,
        );
        if let Err(failure) = check_run(kind, child, &report) {
            panic!("{failure}\nprogram:\n{program}");
        }
    }
}

// ---- Rust -----------------------------------------------------------------------------

/// The committed Rust programs: each is `to_rust` of a corpus case, compiled in here as a
/// module of its own (`include!`d as it is, with a way in to its private `main`). A program
/// lives in `tests/codegen/rust/<module>.rs` unless its entry names another file (the
/// format example is the one in `examples/`, which `cargo run --example` runs).
macro_rules! rust_programs {
    ($($module:ident $(in $file:literal)?: $corpus:literal, $case:literal;)*) => {
        $(
            mod $module {
                include!(rust_program_file!($module $($file)?));

                pub(crate) fn program_main() {
                    main();
                }
            }
        )*
        /// (module, file from the crate's root, corpus, case, the program's main).
        const RUST_PROGRAMS: &[(&str, &str, &str, &str, fn())] = &[$((
            stringify!($module),
            rust_program_file!($module $($file)?),
            $corpus,
            $case,
            $module::program_main,
        )),*];
    };
}

/// A committed Rust program's file, from the crate's root (and so from this file's folder's
/// parent, which is what `include!` reads from: `tests/`).
macro_rules! rust_program_file {
    ($module:ident) => {
        concat!("codegen/rust/", stringify!($module), ".rs")
    };
    ($module:ident $file:literal) => {
        concat!("../", $file)
    };
}

rust_programs! {
    format_example in "examples/generated_format_example.rs": "corpus.json", "format example";
    t12: "corpus.json", "T12 rex, cancel, one child swallows";
    t21: "corpus.json", "T21 a cleanup raises";
    t34: "corpus.json", "T34 cancel reaches nested children";
    l02: "corpus.json", "L02 cancelled while waiting: no cleanup";
    l04: "corpus.json", "L04 cancel the outer with a queue";
    l05: "corpus.json", "L05 nested gathers are not limited";
    g01: "corpus.json", "G01 a timeout on gather cancels every child and waits for their cleanups";
    g02: "corpus.json", "G02 a child that swallows its timeout gives its value";
    g03: "corpus.json", "G03 a cancelled gather leaves its shielded child running";
    g04: "corpus.json", "G04 a timeout that does not cancel the work";
    g05: "corpus.json", "G05 a nested gather under a timeout";
    g06: "corpus.json", "G06 the root's timeout after a failure";
    guarded_001: "corpus.json", "guarded 001";
    guarded_005: "corpus.json", "guarded 005";
    x01: "tie_corpus.json", "X01 root cancelled as a child's sleep ends";
    x02: "tie_corpus.json", "X02 own cancel as its sleep ends, zero cleanup";
    x03: "tie_corpus.json", "X03 cancel as a cleanup ends";
    x04: "tie_corpus.json", "X04 zero-delay children";
    x05: "tie_corpus.json", "X05 zero-delay cleanups under a cancelled root";
    x06: "tie_corpus.json", "X06 slot freed and taken at one moment";
    x07: "tie_corpus.json", "X07 waiting child cancelled as the slot is freed";
    x08: "tie_corpus.json", "X08 nested gather cancelled as its child finishes";
    x09: "tie_corpus.json", "X09 cancel at 0";
    x10: "tie_corpus.json", "X10 own cancel at 0, zero cleanup";
    x11: "tie_corpus.json", "X11 two failures at one moment: argument order";
    x12: "tie_corpus.json", "X12 a cleanup fails as a sibling fails";
    x13: "tie_corpus.json", "X13 nested failure and sibling failure at one moment";
    x14: "tie_corpus.json", "X14 limit 2, four children, releases at one moment";
    g_t01: "tie_corpus.json", "G-T01 own cancel and own timeout at one moment, cleanup returns";
    g_t02: "tie_corpus.json", "G-T02 a timeout as the sleep ends";
    g_t03: "tie_corpus.json", "G-T03 a shield cancelled as its work ends";
    g_t04: "tie_corpus.json", "G-T04 the root's timeout as a child fails";
    guarded_tie_018: "tie_corpus.json", "guarded tie 018";
    guarded_tie_035: "tie_corpus.json", "guarded tie 035";
    guarded_tie_093: "tie_corpus.json", "guarded tie 093";
    guarded_tie_120: "tie_corpus.json", "guarded tie 120";
}

/// The environment variable that makes [`one_generated_rust_program`] run a program.
const RUN_PROGRAM: &str = "GATHER_PLAYGROUND_CODEGEN_RUN";

fn blessing() -> bool {
    std::env::var_os("GATHER_PLAYGROUND_BLESS").is_some()
}

#[test]
fn the_committed_rust_programs_are_what_to_rust_writes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    let mut check = |path: PathBuf, generated: String| {
        if blessing() {
            std::fs::write(&path, &generated).expect("the program is rewritten");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(path.display().to_string());
        }
    };
    let corpora: Vec<(&str, Vec<Case>)> = CORPORA
        .iter()
        .map(|(corpus, _)| (*corpus, cases(corpus)))
        .collect();
    let cases_of = |corpus: &str| {
        let found = corpora.iter().find(|(name, _)| *name == corpus);
        &found.expect("a corpus").1
    };
    for (_, file, corpus, name, _) in RUST_PROGRAMS {
        let path = dir.join("tests").join(file);
        check(path, to_rust(&case(cases_of(corpus), name).scenario));
    }
    assert!(
        stale.is_empty(),
        "not what to_rust writes now: {}; rewrite them with \
         `GATHER_PLAYGROUND_BLESS=1 cargo test --test codegen` and check the diff",
        stale.join(", ")
    );
}

/// Runs the program named by [`RUN_PROGRAM`], when this test binary is started for it.
#[test]
fn one_generated_rust_program() {
    let Ok(module) = std::env::var(RUN_PROGRAM) else {
        return;
    };
    let (.., main) = RUST_PROGRAMS
        .iter()
        .find(|(name, ..)| *name == module)
        .unwrap_or_else(|| panic!("no program {module}"));
    main();
}

#[test]
fn generated_rust_programs_print_cpython_s_outcome() {
    let _cpu = cpu();
    let this = std::env::current_exe().expect("the test binary");
    let mut failures = Vec::new();
    let corpora: Vec<(&str, Vec<Case>)> = CORPORA
        .iter()
        .map(|(corpus, _)| (*corpus, cases(corpus)))
        .collect();
    for (module, _, corpus, name, _) in RUST_PROGRAMS {
        let found = corpora.iter().find(|(name, _)| name == corpus);
        let case = case(&found.expect("a corpus").1, name);
        let output = Command::new(&this)
            .args(["--exact", "one_generated_rust_program", "--nocapture"])
            .args(["--test-threads", "1"])
            .env(RUN_PROGRAM, module)
            .output()
            .expect("the test binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let printed = stdout
            .lines()
            .rfind(|line| line.starts_with("outcome: "))
            .and_then(outcome_of);
        if !output.status.success() || printed.as_ref() != Some(&expected_outcome(&case.report)) {
            failures.push(format!(
                "{module} ({name}):\n  expected: {}\n  printed:\n{stdout}{}",
                outcome_line(&case.report),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} Rust programs went wrong:\n{}",
        failures.len(),
        RUST_PROGRAMS.len(),
        failures.join("\n")
    );
}

/// Every corpus case's Rust program is laid out as rustfmt lays it out (when rustfmt is
/// installed).
#[test]
fn generated_rust_programs_are_formatted_as_rustfmt_formats_them() {
    let _cpu = cpu();
    let dir = TempDir::new("rustfmt");
    let mut paths = Vec::new();
    for (corpus, _) in CORPORA {
        for (index, case) in cases(corpus).iter().enumerate() {
            let path = dir
                .0
                .join(format!("{}_{index}.rs", corpus.trim_end_matches(".json")));
            std::fs::write(&path, to_rust(&case.scenario)).expect("the program is written");
            paths.push(path);
        }
    }
    let Ok(output) = Command::new("rustfmt")
        .args(["--edition", "2021", "--check"])
        .args(&paths)
        .output()
    else {
        eprintln!("no rustfmt: the layout of generated Rust programs was not checked");
        return;
    };
    assert!(
        output.status.success(),
        "rustfmt would change generated programs:\n{}",
        String::from_utf8_lossy(&output.stdout)
            .chars()
            .take(20_000)
            .collect::<String>()
    );
}
