//! The code panel's programs, in the order of its tabs, and their words: first the program
//! a person would write, then the harness that checks the playground, then Rust.

pub use gather_playground::codegen::Program;

/// The words of a program's tab (the programs themselves are the library's).
pub trait ProgramWords {
    fn tab(self) -> &'static str;
    fn id(self) -> &'static str;
    fn hint(self) -> &'static str;
    fn file_name(self) -> &'static str;
}

impl ProgramWords for Program {
    /// The tab's name (also its accessible name).
    fn tab(self) -> &'static str {
        match self {
            Program::Python => "Python",
            Program::PythonInstrumented => "Python, instrumented",
            Program::Rust => "Rust",
        }
    }

    /// The tab's id, unique on the page.
    fn id(self) -> &'static str {
        match self {
            Program::Python => "tab-python",
            Program::PythonInstrumented => "tab-python-instrumented",
            Program::Rust => "tab-rust",
        }
    }

    /// What the program is, above it.
    fn hint(self) -> &'static str {
        match self {
            Program::Python => {
                "The program a person would write: await asyncio.gather(…) in main, cancel \
                 times and cleanups as a tutorial writes them. Runs unchanged on CPython \
                 3.11+ (python3 scenario.py); its last line is the outcome."
            }
            Program::PythonInstrumented => {
                "The same scenario instrumented, to check the playground against CPython: \
                 every task created first and watched, each end printed with its time as it \
                 happens, every child awaited before the last line, the same outcome. Not \
                 how you would write it."
            }
            Program::Rust => {
                "A main() using this crate's API on a virtual clock; it prints the same \
                 outcome line."
            }
        }
    }

    /// The name Download gives it.
    fn file_name(self) -> &'static str {
        match self {
            Program::Python => "scenario.py",
            Program::PythonInstrumented => "scenario_instrumented.py",
            Program::Rust => "main.rs",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Program, ProgramWords};
    use gather_playground::scenario::Scenario;

    #[test]
    fn the_readable_program_comes_first_the_harness_second_each_named() {
        assert_eq!(
            Program::ALL.map(Program::tab),
            ["Python", "Python, instrumented", "Rust"]
        );
        let scenario = Scenario::from_json(
            r#"{"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}}]}"#,
        )
        .unwrap();
        let readable = Program::Python.write(&scenario);
        assert!(readable.contains("await asyncio.gather(a())"), "{readable}");
        assert!(!readable.contains("watch("), "no harness in it");
        let harness = Program::PythonInstrumented.write(&scenario);
        assert!(harness.contains("watch("), "{harness}");
        assert!(Program::PythonInstrumented
            .hint()
            .contains("Not how you would write it"));
        let files = Program::ALL.map(Program::file_name);
        assert_eq!(
            files,
            ["scenario.py", "scenario_instrumented.py", "main.rs"]
        );
        let ids = Program::ALL.map(Program::id);
        assert!(ids
            .iter()
            .all(|id| ids.iter().filter(|other| *other == id).count() == 1));
    }
}
