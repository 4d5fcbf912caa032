//! The page: a scenario editor (JSON for now), a Run button and the report.

use gather_playground::scenario::{self, Scenario};
use gather_playground::Runtime;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

const EXAMPLE: &str = r#"{
  "version": 1,
  "label": "main",
  "return_exceptions": false,
  "cancel_at_ms": null,
  "children": [
    {"kind": "future", "label": "fetch A", "delay_ms": 300, "result": {"value": 3}},
    {"kind": "future", "label": "fetch B", "delay_ms": 100,
     "result": {"error": {"type": "ValueError", "message": "boom"}}},
    {"kind": "future", "label": "slow C", "delay_ms": 900, "result": {"value": "c"},
     "cancel_at_ms": 200},
    {"kind": "future", "label": "careful D", "delay_ms": 1000, "result": {"value": null},
     "on_cancel": {"delay_ms": 100, "result": {"value": "cleaned up"}}},
    {"kind": "gather", "label": "batch", "return_exceptions": true, "children": [
      {"kind": "future", "label": "E", "delay_ms": 150, "result": {"value": true}}
    ]}
  ]
}"#;

#[derive(Clone, PartialEq)]
struct State {
    text: String,
    error: Option<String>,
    running: bool,
    report: Option<String>,
}

enum Action {
    Edit(String),
    Refused(String),
    Started,
    Finished(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => {
                next.text = text;
                next.error = None;
            }
            Action::Refused(error) => next.error = Some(error),
            Action::Started => {
                next.running = true;
                next.error = None;
                next.report = None;
            }
            Action::Finished(report) => {
                next.running = false;
                next.report = Some(report);
            }
        }
        Rc::new(next)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        text: EXAMPLE.to_owned(),
        error: None,
        running: false,
        report: None,
    });

    let on_input = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            state.dispatch(Action::Edit(area.value()));
        })
    };

    let on_run = {
        let state = state.clone();
        Callback::from(
            move |_: MouseEvent| match Scenario::from_json(&state.text) {
                Err(error) => state.dispatch(Action::Refused(error.to_string())),
                Ok(parsed) => {
                    state.dispatch(Action::Started);
                    let state = state.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let report = scenario::run(Runtime::browser(), parsed).await;
                        let text = serde_json::to_string_pretty(&report).unwrap_or_default();
                        state.dispatch(Action::Finished(text));
                    });
                }
            },
        )
    };

    html! {
        <main class="page">
            <header>
                <h1>{ "gather playground" }</h1>
                <p class="tagline">
                    { "Python's asyncio.gather(), ported faithfully to Rust and running on your \
                       browser's event loop. Edit a scenario, run it on real timers, read the report." }
                </p>
            </header>
            <section class="editor" aria-label="Scenario">
                <label for="scenario">{ "Scenario (JSON)" }</label>
                <textarea id="scenario" spellcheck="false" value={state.text.clone()}
                    oninput={on_input} aria-invalid={state.error.is_some().to_string()}
                    aria-describedby="scenario-error" />
                <p id="scenario-error" class="error" role="alert">
                    { state.error.clone().unwrap_or_default() }
                </p>
                <button onclick={on_run} disabled={state.running}>
                    { if state.running { "Running…" } else { "Run" } }
                </button>
            </section>
            <section class="report" aria-label="Report" aria-live="polite">
                <h2>{ "Report" }</h2>
                <pre id="report">{ state.report.clone().unwrap_or_else(|| "Run the scenario to see its report.".into()) }</pre>
            </section>
        </main>
    }
}
