//! Why a run went as it did: the cause of every event and the rule that decided it, from
//! the run's own record; the rules themselves; common myths and the scenarios that test
//! them. The page's explanations are made of these (their sentences are the page's).
//!
//! The rules are those of `docs/semantics.md`, by id. [`explain`] walks a run's events in
//! the order the loop ran them and, for each, finds the earlier event that caused it (the
//! `cancel()` a cleanup caught, the child end that completed a gather, the gather
//! `cancel()` that passed the request on) and the rules at work.

// ---- The rules ----------------------------------------------------------------------------
mod rules;

pub use rules::{DemoEvent, Rule};

// ---- Causes ---------------------------------------------------------------------------------
mod causes;

// What the causes tell as a whole: chains, the outcome's event, rule counts.
mod chains;

pub use causes::{explain, Refusal, Why};
pub use chains::{chain, outcome_event, rule_counts};

// ---- In JSON, for the report API ---------------------------------------------------------
mod json;

pub use json::events_json;

// ---- Myths ----------------------------------------------------------------------------------
mod myths;

pub use myths::Myth;

#[cfg(test)]
mod tests;
