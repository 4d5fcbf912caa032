//! What talks to the browser: storage and the link, clipboard and files, the timeline as
//! a file.

pub mod browser;
pub mod export;
pub mod storage;
