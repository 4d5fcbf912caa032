//! Hooks: what holds handles out of the state (a live run, the explore panel's jobs, the
//! code worker's answers), what watches the page, and yew's reducer glue for the model.

mod reducers;
mod use_box_width;
mod use_explore_jobs;
mod use_generated_code;
mod use_history_keys;
mod use_live_run;
mod use_select_value;
mod use_sticky_top;
mod use_visible_span;

pub use use_box_width::use_box_width;
pub use use_explore_jobs::use_explore_jobs;
pub use use_generated_code::{use_generated_code, CodeState};
pub use use_history_keys::use_history_keys;
pub use use_live_run::use_live_run;
pub use use_select_value::use_select_value;
pub use use_sticky_top::use_sticky_top;
pub use use_visible_span::use_visible_span;
