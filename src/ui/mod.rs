//! The playground's front end (yew). It uses the library only through its public API.

// The page's logic, compiled on every target and tested natively; its components move onto
// it next.
#[allow(dead_code, unused_imports)]
mod model;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod cancel_list;
#[cfg(target_arch = "wasm32")]
mod chunked;
#[cfg(target_arch = "wasm32")]
mod code_panel;
#[cfg(target_arch = "wasm32")]
mod draft;
#[cfg(target_arch = "wasm32")]
mod editor;
#[cfg(target_arch = "wasm32")]
mod event_log;
#[cfg(target_arch = "wasm32")]
mod explore;
#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
mod json_panel;
#[cfg(target_arch = "wasm32")]
mod node_card;
#[cfg(target_arch = "wasm32")]
mod numbers;
#[cfg(target_arch = "wasm32")]
mod pager;
#[cfg(target_arch = "wasm32")]
mod presets;
#[cfg(target_arch = "wasm32")]
mod replay;
#[cfg(target_arch = "wasm32")]
mod results;
#[cfg(target_arch = "wasm32")]
mod saved_draft;
#[cfg(target_arch = "wasm32")]
mod select_value;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod text_field;
#[cfg(target_arch = "wasm32")]
mod text_head;
#[cfg(target_arch = "wasm32")]
mod timeline;
#[cfg(target_arch = "wasm32")]
mod toolbar;
#[cfg(target_arch = "wasm32")]
mod visible;

#[cfg(target_arch = "wasm32")]
pub use app::{App, AppProps};
#[cfg(target_arch = "wasm32")]
pub use storage::read_link;
