//! The explorers: the same children under other combinators, one after another, and with
//! their delays shuffled. What the page's Compare, Sequential and Shuffle panels show.
//!
//! Each takes a [`Scenario`](crate::scenario::Scenario) and runs it with
//! [`crate::scenario`] on a virtual clock (or, for JavaScript's promises, on the browser's
//! own timers); none of them reaches into the asyncio port itself.

// ---- Other combinators over the same children -------------------------------------------
mod compare;
#[cfg(target_arch = "wasm32")]
mod promises;

pub use compare::{compare, Combinator, Comparison, Fate};
#[cfg(target_arch = "wasm32")]
pub use promises::run_promises;

// ---- The same children one after another -----------------------------------------------
mod sequential;

pub use sequential::{sequential_totals, SequentialTotals};

// ---- The same children with their delays permuted --------------------------------------
mod shuffle;

pub use shuffle::{shuffle, ShuffleRuns, ShuffleSummary};

// ---- Their results as JSON, for the page's worker ---------------------------------------
mod json;
