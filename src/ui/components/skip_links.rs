//! Links at the very start of the page to each of its main regions, shown when focused: a
//! keyboard skips a thousand cards in one press.

use crate::ui::services::browser;
use yew::prelude::*;

/// Each region: its link's words and the id of the heading it leads to.
const REGIONS: [(&str, &str); 7] = [
    ("Scenario", "editor-heading"),
    ("Timeline", "timeline-heading"),
    ("Outcome", "results-heading"),
    ("Events", "log-heading"),
    ("Compare", "explore-heading"),
    ("Code", "code-heading"),
    ("Why", "why-heading"),
];

/// Where a link leads when its region is not on the page (the outcome and the events while
/// the prediction waits for a guess, or the scenario has errors).
const FALLBACK: &str = "timeline-heading";

/// The links. A function, not a component: it has no state and no properties, and each
/// component type costs the wasm some 2 KB of yew's machinery.
pub fn skip_links() -> Html {
    // Focus moves to the heading itself, not by the link's fragment: the page's fragment is
    // its share link's.
    let go = |id: &'static str| {
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            if !browser::focus_region(id) {
                browser::focus_region(FALLBACK);
            }
        })
    };
    html! {
        <nav class="skip-links" aria-label="Skip to">
            <ul>
                { for REGIONS.iter().map(|(words, id)| html! {
                    <li><a href={format!("#{id}")} onclick={go(id)}>{ format!("Skip to {}", words) }</a></li>
                }) }
            </ul>
        </nav>
    }
}
