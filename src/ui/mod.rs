//! The playground's front end. It uses the library only through its public API.
//!
//! - `model/`: the page's logic (state, actions and reducers, the draft and its checks,
//!   every wording), plain Rust, compiled on every target and unit-tested natively.
//! - `components/`: the yew components, one per file, each with its `XxxProps` and `on_*`
//!   callbacks that say what happened.
//! - `hooks/`: what holds handles (a live run, the explore panel's jobs) or watches the
//!   page (what is on screen, a select's value), and yew's reducer glue.
//! - `services/`: the browser: storage and the link, clipboard, files, compression; the
//!   panels that come later (Compare and explore, the code, JSON import and export:
//!   `src/panels/`, a module of their own, which shares this tree's words and services).

// Natively only the model's tests use it: the page itself is wasm32.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub(crate) mod model;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
pub(crate) mod services;

#[cfg(target_arch = "wasm32")]
pub use components::{App, AppProps};
#[cfg(target_arch = "wasm32")]
pub use services::storage::read_link;
