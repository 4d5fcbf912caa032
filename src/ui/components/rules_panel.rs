//! Every rule of docs/semantics.md in plain words, each with "Show me" (its smallest
//! scenario, in place of the editor's) and how many times it decided an event of the run
//! shown, which marks those events in the log and on the timeline.

use crate::ui::model::{marked_words, rule_count_words, Explained, ExplainerKey, Marks};
use gather_playground::explain::Rule;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RulesPanelProps {
    /// The run shown, explained whole; `None` while a run is in flight.
    pub explained: Option<Rc<Explained>>,
    pub predicted: bool,
    /// The rules whose events are marked.
    pub marked: Vec<Rule>,
    /// The marks, to say how many events they are.
    pub marks: Option<Rc<Marks>>,
    /// "Show me" was pressed on a rule.
    pub on_demo_asked: Callback<Rule>,
    /// A rule's count was pressed: mark its events (none: mark nothing).
    pub on_marked: Callback<Vec<Rule>>,
}

#[function_component(RulesPanel)]
pub fn rules_panel(props: &RulesPanelProps) -> Html {
    // Counted once per explanation: the panel redraws with everything else.
    let counts = use_memo(props.explained.clone().map(ExplainerKey::Whole), {
        move |key| {
            let mut counts = [0usize; Rule::ALL.len()];
            if let Some(ExplainerKey::Whole(explained)) = key {
                for (rule, count) in explained.rule_counts() {
                    if let Some(place) = Rule::ALL.iter().position(|one| *one == rule) {
                        counts[place] = count;
                    }
                }
            }
            counts
        }
    });
    let status = props
        .marks
        .as_ref()
        .filter(|marks| !marks.rules.is_empty())
        .map(|marks| marked_words(&marks.rules, marks.count));
    html! {
        <div class="rules">
            <h3 id="rules-heading">{ "The rules" }</h3>
            <p class="hint">
                { "Every explanation on this page names the rules that decided it, in brackets. \
                   Show me loads a rule's smallest scenario in place of yours; a count marks \
                   where the rule acted in the run shown." }
            </p>
            <p class="marked-status" role="status">{ status.unwrap_or_default() }</p>
            <ul class="rule-list" aria-labelledby="rules-heading">
                { for Rule::ALL.iter().zip(counts.iter()).map(|(rule, count)| {
                    let rule = *rule;
                    let id = rule.id();
                    let pressed = props.marked == [rule];
                    let counted = match (&props.explained, *count) {
                        (None, _) => html! { <span class="rule-count muted">{ "counted when the run ends" }</span> },
                        (Some(_), 0) => html! { <span class="rule-count muted">{ rule_count_words(0, props.predicted) }</span> },
                        (Some(_), count) => {
                            let words = rule_count_words(count, props.predicted);
                            let on_marked = props.on_marked.clone();
                            let onclick = Callback::from(move |_: MouseEvent| {
                                on_marked.emit(if pressed { Vec::new() } else { vec![rule] })
                            });
                            html! {
                                <button class="small rule-count" aria-pressed={pressed.to_string()} onclick={onclick}
                                    aria-label={format!("{id}: {words}, mark its events")}>
                                    { words }
                                </button>
                            }
                        }
                    };
                    html! {
                        <li id={format!("rule-{id}")} class={classes!("rule", pressed.then_some("marked"))}>
                            <span class="rule-id">{ id }</span>
                            <span class="rule-summary">{ rule.summary() }</span>
                            <span class="rule-actions">
                                <button class="small" onclick={props.on_demo_asked.reform(move |_: MouseEvent| rule)}
                                    aria-label={format!("Show me {id}: load its smallest scenario in place of yours")}>
                                    { "Show me" }
                                </button>
                                { counted }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
