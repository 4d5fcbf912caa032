//! The panels' hooks: the scenario the page holds, the explore panel's jobs, the code
//! worker's answers, and yew's reducer glue for the explore state.

mod reducers;
mod use_explore_jobs;
mod use_generated_code;
mod use_page_scenario;

pub use use_explore_jobs::use_explore_jobs;
pub use use_generated_code::{use_generated_code, CodeState};
pub use use_page_scenario::use_page_scenario;
