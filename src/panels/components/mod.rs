//! The panels' yew components, one per file, as the page's are.

// ---- Compare and explore ----------------------------------------------------------------
mod compare_table;
mod explore;
mod sequential_summary;
mod shuffle_summary;

// ---- The code ------------------------------------------------------------------------------
mod code_panel;

// ---- The JSON import and export, under the page's editor ----------------------------------
mod json_panel;

// ---- Both, mounted into the page's slots ---------------------------------------------------
mod panels_app;

pub use panels_app::{PanelsApp, PanelsAppProps};
