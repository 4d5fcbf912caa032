//! The page's logic, plain Rust: its state and every change to it, the draft and its
//! checks, and every wording. Compiled on every target and tested natively (`cargo test`);
//! the yew components, hooks and browser services around it are wasm32 only.

// ---- State and actions ------------------------------------------------------------------
mod action;
mod history;
mod history_patch;
mod history_words;
mod reducer;
mod state;

pub use action::{Action, DraftEdit, LoadAction, PageAction, QuizAction, ReplayAction, RunAction};
pub use history::{browser_answers, history_key, History, HistoryAction, KeyPlace};
pub use reducer::reduce;
pub use state::{Notice, State, SPEEDS};

// ---- The draft: the scenario as typed -----------------------------------------------------
mod draft;
mod draft_check;
mod draft_edit;
mod saved_draft;

pub use draft::{DraftKind, DraftNode, DraftOutcome, Field, Flag, Key};
pub use draft_check::FieldError;

// ---- A run as shown, its replay, its panels' figures ---------------------------------------
mod axis;
mod lateness;
mod replay;
mod results;
mod run_view;
mod segments;
mod timeline;

pub use axis::{axis_times, Axis, AxisBreak, Layout};
pub use lateness::PredictedEntries;
pub use replay::{Playhead, Step};
pub use results::{
    completion_order, completion_target, guarded_slots_note, guards_python_note, list_heading,
    main_awaits, no_list_words, parent_end, return_exceptions_note, root_children, root_own_end,
    slot_label, slot_note, slot_value,
};
pub use run_view::{lane_name, predict, LogEntry, RunView};
pub use segments::{bar, legend_entries, planned_from, LegendFlags, Phase};
pub use timeline::{axis_text, lane_state, outcome_caption, received_state, truncate};

// ---- Why: every event and outcome explained by its rule ---------------------------------------
mod explained;
mod why_state;
mod why_summaries;
mod why_words;

pub use explained::{Explained, Explainer, ExplainerKey, Marks};
pub use why_state::{Loaded, WhyAction, WhyLoad, WhyState};
pub use why_summaries::{
    lane_why, marked_words, outcome_pending, outcome_why, rule_count_words, rule_ids, slot_why,
    stopped_why,
};
pub use why_words::{event_why, rules_text};

// ---- Predict first: the learner's pick before the prediction is shown -------------------------
mod guess;

pub use guess::{offered, verdict, Choice, Verdict};

// ---- Wording, numbers and long lists ------------------------------------------------------
mod cancel_search;
mod chunked;
pub(crate) mod numbers;
mod pages;
mod span;
pub(crate) mod wording;

pub use cancel_search::{button_label, find, hint, lower_names};
pub use numbers::{grouped, ms_text, Float};
pub use pages::{
    crossing, error_for, next_to_fix, page_start, positions_to_fix, span_text, to_fix_text,
    PAGE_SIZE,
};
pub use span::VisibleSpan;
pub use wording::{
    describe_status, guarded_name, node_name, python_bool, run_blocked, status_class,
    FIX_TO_PREDICT, PANEL_FAILED, PANEL_LOADING, SEMAPHORE_HINT, SEMAPHORE_LABEL,
    SEMAPHORE_PLACEHOLDER, STALE_PREDICTION,
};

// ---- What the page says of itself: its tagline, the legend its help repeats ---------------------
mod help_words;
mod tagline;

pub use help_words::HELP_KEYS;
pub use tagline::{TAGLINE_CODE, TAGLINE_REST};

// ---- Where the page starts from, what it saves ----------------------------------------------
mod presets;
mod stored;

pub use presets::PRESETS;
pub use stored::{initial_state, to_save, Opening};
