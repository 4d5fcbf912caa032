//! The playground's front end (yew). It uses the library only through its public API.

mod app;
mod browser;
mod cancel_list;
mod chunked;
mod code_panel;
mod draft;
mod editor;
mod event_log;
mod explore;
mod export;
mod json_panel;
mod node_card;
mod numbers;
mod pager;
mod presets;
mod replay;
mod results;
mod saved_draft;
mod select_value;
mod state;
mod storage;
mod text_field;
mod text_head;
mod timeline;
mod toolbar;
mod visible;

pub use app::{App, AppProps};
pub use storage::read_link;
