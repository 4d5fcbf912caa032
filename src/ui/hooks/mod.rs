//! Hooks: what holds handles out of the state (a live run and its interval, the panels that
//! come later, the draft kept across reloads), what watches the page, and yew's reducer glue for the model.

mod reducers;
mod use_box_width;
mod use_history_keys;
mod use_kept_across_reloads;
mod use_live_run;
mod use_panels;
mod use_select_value;
mod use_sticky_top;
mod use_visible_span;

pub use use_box_width::use_box_width;
pub use use_history_keys::use_history_keys;
pub use use_kept_across_reloads::use_kept_across_reloads;
pub use use_live_run::use_live_run;
pub use use_panels::use_panels;
pub use use_select_value::use_select_value;
pub use use_sticky_top::use_sticky_top;
pub use use_visible_span::use_visible_span;
