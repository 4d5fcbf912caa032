//! The page's yew components, one per file: each takes its `XxxProps` and tells what
//! happened through `on_*` callbacks; the page's state and its changes are the model's.
//!
//! A piece with no state of its own whose parent is redrawn only when its props change
//! anyway (a card's fields and buttons, the legend, the Why panel's frame) is a plain
//! function of its props, `xxx(&XxxProps { .. })`, not a component: each component type
//! costs the page's wasm about 0.6 KB gzip of yew's machinery (4.6 KB for the eight turned
//! into functions at once), and the page's wasm is most of the time to ready on a slow
//! phone. Components stay where yew's skipping of unchanged props saves work: the cards,
//! the editor, the timeline and its lanes, the results, the log, the lists.

// ---- The page ---------------------------------------------------------------------------
mod app;
mod toolbar;

// ---- First contact: skip links, help, predict first ---------------------------------------
mod guess_choices;
mod guess_verdict;
mod help;
mod skip_links;

pub use app::{App, AppProps};

// ---- The editor -------------------------------------------------------------------------
mod card_actions;
mod checkbox;
mod editor;
mod node_card;
mod outcome_fields;
mod pager;
mod text_field;

// ---- Watching a run: timeline, replay, results, log -------------------------------------
mod cancel_buttons;
mod cancel_list;
mod event_log;
mod replay;
mod results;
mod spacer;
mod stale_timeline;
mod timeline;
mod timeline_caption;
mod timeline_lane;
mod timeline_legend;

// ---- Why: each event, lane, slot and outcome explained; the rules and the myths ---------
mod lane_why;
mod myth_list;
mod outcome_why;
mod rules_panel;
mod why_panel;
mod why_text;

// ---- Where the panels that come later are mounted -------------------------------------------
mod panel_slot;
