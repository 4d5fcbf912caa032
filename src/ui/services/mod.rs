//! What talks to the browser: storage and the link, clipboard and files, the timeline as
//! a file, the panels that come later.

pub mod browser;
pub mod export;
pub mod panels;
pub mod storage;
