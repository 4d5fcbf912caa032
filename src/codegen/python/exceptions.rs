//! The scenario's exception types as Python classes: built-ins as such, `CancelledError`
//! as asyncio's, any other defined at the top, and how `raise` names each.

use super::literal;
use crate::codegen::names::{is_ascii_identifier, Namespace};
use crate::scenario::{GatherSpec, NodeSpec, ResultSpec};
use crate::Exception;
use std::collections::HashMap;

/// Exception types raised as Python's own built-in class of that name.
pub(super) const BUILTIN_EXCEPTIONS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "ConnectionError",
    "Exception",
    "FileNotFoundError",
    "IndexError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "OSError",
    "PermissionError",
    "RuntimeError",
    "TimeoutError",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
];

/// The classes of the scenario's exception types, and how `raise` names each type.
pub(super) struct ExceptionClasses {
    pub(super) definitions: Vec<String>,
    /// Classes bound to a name other than their own, as `identifier = type(...)`.
    pub(super) aliases: Vec<String>,
    pub(super) raise_names: HashMap<String, String>,
}

impl ExceptionClasses {
    pub(super) fn new(root: &GatherSpec, names: &mut Namespace) -> Self {
        let mut classes = ExceptionClasses {
            definitions: Vec::new(),
            aliases: Vec::new(),
            raise_names: HashMap::new(),
        };
        let mut types = Vec::new();
        collect_exception_types(root, &mut types);
        for type_name in types {
            if classes.raise_names.contains_key(type_name) {
                continue;
            }
            let raise_name = if type_name == "CancelledError" {
                "asyncio.CancelledError".to_owned()
            } else if BUILTIN_EXCEPTIONS.contains(&type_name) {
                type_name.to_owned()
            } else {
                let identifier = names.claim(&class_base(type_name));
                if identifier == type_name && is_ascii_identifier(type_name) {
                    classes
                        .definitions
                        .push(format!("class {identifier}(Exception):\n    pass\n"));
                } else {
                    let name = literal::string(type_name);
                    classes
                        .aliases
                        .push(format!("{identifier} = type({name}, (Exception,), {{}})\n"));
                }
                identifier
            };
            classes.raise_names.insert(type_name.to_owned(), raise_name);
        }
        classes
    }

    pub(super) fn raise_statement(&self, exception: &Exception) -> String {
        let class = self
            .raise_names
            .get(exception.type_name())
            .map_or("Exception", String::as_str);
        if exception.message().is_empty() {
            format!("raise {class}()")
        } else {
            let message = literal::string(exception.message());
            format!("raise {class}({message})")
        }
    }
}

fn collect_exception_types<'a>(gather: &'a GatherSpec, types: &mut Vec<&'a str>) {
    for child in &gather.children {
        match child {
            NodeSpec::Gather(nested) => collect_exception_types(nested, types),
            NodeSpec::Future(future) => {
                let cleanup = future.on_cancel.as_ref().map(|cleanup| &cleanup.result);
                for result in std::iter::once(&future.result).chain(cleanup) {
                    if let ResultSpec::Error(exception) = result {
                        types.push(exception.type_name());
                    }
                }
            }
        }
    }
}

/// An identifier close to an exception type's name (the name itself when it is one).
fn class_base(type_name: &str) -> String {
    let base: String = type_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    match base.chars().next() {
        None => "CustomError".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("Error_{base}"),
        Some(_) => base,
    }
}
