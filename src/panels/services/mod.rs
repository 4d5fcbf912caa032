//! What the panels talk to: the page's worker (code and comparisons), and the page itself
//! (the scenario it holds).

pub mod page;
pub mod worker;
