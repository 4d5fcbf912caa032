//! The Why panel: the myths, tried on the page, and every rule, with a way back to the
//! scenario a demo or a myth replaced.

use super::myth_list::MythList;
use super::rules_panel::RulesPanel;
use crate::ui::model::{Explained, Loaded, Marks, WhyState};
use gather_playground::explain::{Myth, Rule};
use std::rc::Rc;
use yew::prelude::*;

pub struct WhyPanelProps {
    pub why: WhyState,
    pub explained: Option<Rc<Explained>>,
    pub marks: Option<Rc<Marks>>,
    pub predicted: bool,
    pub running: bool,
    pub on_demo_asked: Callback<Rule>,
    pub on_myth_tried: Callback<Myth>,
    pub on_marked: Callback<Vec<Rule>>,
    /// "Put my scenario back" was pressed.
    pub on_put_back: Callback<()>,
}

/// The panel's body (a function, not a component: see `mod.rs`).
pub fn why_panel(props: &WhyPanelProps) -> Html {
    let tried = match props.why.loaded {
        Some(Loaded::Myth(myth)) => Some(myth),
        _ => None,
    };
    let replaced_by = match props.why.loaded {
        Some(Loaded::Demo(rule)) => format!("rule {}'s demo", rule.id()),
        Some(Loaded::Myth(_)) => "a myth's scenario".to_owned(),
        None => String::new(),
    };
    html! {
        <div class="why-panel-body">
            if props.why.replaced.is_some() {
                <p class="put-back">
                    { format!("The editor holds {replaced_by}, in place of your scenario. ") }
                    <button class="small" onclick={props.on_put_back.reform(|_: MouseEvent| ())}>{ "Put my scenario back" }</button>
                </p>
            }
            <MythList explained={props.explained.clone()} tried={tried} running={props.running}
                predicted={props.predicted} on_tried={props.on_myth_tried.clone()} />
            <RulesPanel explained={props.explained.clone()} predicted={props.predicted}
                marked={props.why.marked.clone()} marks={props.marks.clone()}
                on_demo_asked={props.on_demo_asked.clone()} on_marked={props.on_marked.clone()} />
        </div>
    }
}
