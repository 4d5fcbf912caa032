//! The playground's front end (yew). It uses the library only through its public API.

mod app;

pub use app::App;
