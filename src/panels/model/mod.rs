//! The panels' logic, plain Rust, compiled on every target and tested natively: Compare's,
//! Sequential's and Shuffle's state and wording, the code panel's programs and the JSON
//! panel's paste box. The words they share with the rest of the page (a status, a name, a
//! number) are the page's own (`crate::ui::model`).

// ---- Compare and explore ----------------------------------------------------------------
mod compare_words;
mod explore;
mod explore_words;

pub use compare_words::{
    caption, difference, fate_text, fates_summary, outcome_text, pending_text, run_on, why,
    CHILD_COLUMNS_UP_TO, EDITOR_ROW_NOTE,
};
pub use explore::{
    child_names, compare_order, parse_runs, reduce as reduce_explore, ExploreAction, ExploreState,
};
pub use explore_words::{
    sequential_cancel_note, sequential_sentence, shuffle_heading, shuffle_lines, shuffling_text,
};

// ---- The code panel's programs ----------------------------------------------------------
mod code_view;

pub use code_view::{Program, ProgramWords};

// ---- The JSON panel's paste box ---------------------------------------------------------
mod paste_box;

pub use paste_box::PasteBox;

// ---- The long texts of the code and JSON panels: their first lines -----------------------
mod text_head;

pub use text_head::{text_head, TextHead};
