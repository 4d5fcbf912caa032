//! What talks to the browser: storage and the link, clipboard and files, the timeline as
//! a file, the page's worker (code and comparisons).

pub mod browser;
pub mod export;
pub mod storage;
pub mod worker;
