//! What the panels talk to: the page's worker (code and comparisons), the page itself (the
//! scenario it holds), and the browser's downloads.

pub mod files;
pub mod page;
pub mod worker;
