//! Which program to write: the code generators by name, for a caller that picks one (the
//! page's code panel, through its worker).

use super::{to_python, to_python_instrumented, to_rust};
use crate::scenario::Scenario;

/// One of the programs the code generators write.
///
/// # Examples
///
/// ```
/// use gather_playground::codegen::{to_python, Program};
/// use gather_playground::scenario::Scenario;
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": []}"#).unwrap();
/// assert_eq!(Program::from_key(Program::Python.key()), Some(Program::Python));
/// assert_eq!(Program::Python.write(&scenario), to_python(&scenario));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Program {
    /// [`to_python`]: `results = await asyncio.gather(a(), b())` as a tutorial writes it.
    Python,
    /// [`to_python_instrumented`]: the same scenario, every end printed as it happens.
    PythonInstrumented,
    /// [`to_rust`]: this crate's API.
    Rust,
}

impl Program {
    /// Every program: the readable Python first.
    pub const ALL: [Program; 3] = [Program::Python, Program::PythonInstrumented, Program::Rust];

    /// Its name in a request: `python`, `python_instrumented`, `rust`.
    pub fn key(self) -> &'static str {
        match self {
            Program::Python => "python",
            Program::PythonInstrumented => "python_instrumented",
            Program::Rust => "rust",
        }
    }

    /// The program [`Program::key`] names, if any.
    pub fn from_key(key: &str) -> Option<Program> {
        Program::ALL
            .into_iter()
            .find(|program| program.key() == key)
    }

    /// The program for `scenario`.
    pub fn write(self, scenario: &Scenario) -> String {
        match self {
            Program::Python => to_python(scenario),
            Program::PythonInstrumented => to_python_instrumented(scenario),
            Program::Rust => to_rust(scenario),
        }
    }
}
