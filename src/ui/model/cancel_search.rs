//! cancel() in a run of many nodes: the nodes a search finds, and what the list says.

use super::run_view::{lane_name, Lane, RunView};
use gather_playground::scenario::NodeId;

/// The list holds at most this many nodes; nobody scrolls through thousands of options,
/// and each would be built and laid out.
pub const LISTED_UP_TO: usize = 50;

/// The nodes a search finds: how many, and the first few, with the one named exactly as
/// searched (or numbered so, as `#12`) put first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub count: usize,
    pub listed: Vec<NodeId>,
}

/// The nodes of `nodes` whose lowercase name (`lower_names`) holds `search` (lowercase,
/// trimmed); every node for an empty search.
pub fn find(nodes: usize, lower_names: &[String], search: &str) -> Found {
    let by_number = search
        .strip_prefix('#')
        .and_then(|number| number.trim().parse::<NodeId>().ok());
    let mut found = Found {
        count: 0,
        listed: Vec::with_capacity(LISTED_UP_TO),
    };
    let mut exact = None;
    for node in 0..nodes {
        let name = lower_names.get(node).map(String::as_str);
        let is_exact = by_number == Some(node) || name == Some(search);
        let matches =
            search.is_empty() || is_exact || name.is_some_and(|name| name.contains(search));
        if !matches {
            continue;
        }
        found.count += 1;
        if is_exact && exact.is_none() {
            exact = Some(node);
        }
        if found.listed.len() < LISTED_UP_TO {
            found.listed.push(node);
        }
    }
    if let Some(exact) = exact {
        found.listed.retain(|node| *node != exact);
        found.listed.insert(0, exact);
        found.listed.truncate(LISTED_UP_TO);
    }
    found
}

/// Every node's name in lowercase, for the search (ASCII case only: Unicode's case tables
/// would add 15 KB to the page for a search box).
pub fn lower_names(lanes: &[Lane]) -> Vec<String> {
    (0..lanes.len())
        .map(|node| lane_name(lanes, node).to_ascii_lowercase())
        .collect()
}

/// The hint beside the list: what runs, what the search found, and whether the chosen node
/// can still be cancelled.
pub fn hint(
    view: &RunView,
    running: bool,
    search: &str,
    found: &Found,
    chosen: Option<NodeId>,
) -> String {
    let no_match = !search.is_empty() && found.count == 0;
    if !running {
        return if no_match {
            "No node matches the search; cancel() is called on a node while the scenario runs"
                .to_owned()
        } else {
            "cancel() is called on a node while the scenario runs".to_owned()
        };
    }
    let still_running = view
        .traces
        .iter()
        .filter(|trace| trace.finished.is_none())
        .count();
    let shown = found.listed.len();
    let listed = match found.count {
        _ if search.is_empty() && view.lanes.len() > shown => {
            format!("the first {shown} nodes listed, search for any other")
        }
        _ if search.is_empty() => "every node listed".to_owned(),
        0 => "no node matches the search".to_owned(),
        count if count > shown => format!("{count} nodes match, the first {shown} listed"),
        1 => "1 node matches".to_owned(),
        count => format!("{count} nodes match"),
    };
    let finished = chosen
        .filter(|node| {
            view.traces
                .get(*node)
                .is_some_and(|trace| trace.finished.is_some())
        })
        .map(|node| {
            format!(
                "; {} has finished, so cancel() returns False",
                view.name(node)
            )
        })
        .unwrap_or_default();
    format!("{still_running} running; {listed}{finished}")
}

/// The cancel button's accessible name: whom it cancels.
pub fn button_label(view: &RunView, chosen: Option<NodeId>) -> String {
    match chosen {
        Some(node) => format!("Call cancel() on {}", view.name(node)),
        None => "Call cancel(): no node matches the search".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gather_playground::scenario::Scenario;
    use serde_json::json;

    fn view(count: usize) -> RunView {
        let children: Vec<serde_json::Value> = (0..count)
            .map(|index| json!({"kind": "future", "label": format!("c{index}"), "delay_ms": 10, "result": {"value": 1}}))
            .collect();
        let scenario =
            Scenario::from_value(&json!({"version": 1, "label": "main", "children": children}))
                .unwrap();
        RunView::new(1, &scenario, 1.0)
    }

    #[test]
    fn a_search_lists_a_few_with_the_exact_match_first() {
        let view = view(1000);
        let names = lower_names(&view.lanes);
        let all = find(view.lanes.len(), &names, "");
        assert_eq!((all.count, all.listed.len(), all.listed[0]), (1001, 50, 0));
        let c99 = find(view.lanes.len(), &names, "c99");
        assert_eq!(c99.count, 11);
        assert_eq!(c99.listed[0], 100, "c99 itself first");
        assert_eq!(find(view.lanes.len(), &names, "#1000").listed[0], 1000);
        assert_eq!(find(view.lanes.len(), &names, "no such").count, 0);
        assert_eq!(
            hint(&view, true, "", &all, Some(0)),
            "1001 running; the first 50 nodes listed, search for any other"
        );
        assert_eq!(
            hint(&view, true, "c99", &c99, Some(100)),
            "1001 running; 11 nodes match"
        );
        assert_eq!(
            hint(
                &view,
                false,
                "zz",
                &Found {
                    count: 0,
                    listed: vec![]
                },
                None
            ),
            "No node matches the search; cancel() is called on a node while the scenario runs"
        );
        assert_eq!(button_label(&view, Some(100)), "Call cancel() on c99");
        assert_eq!(
            button_label(&view, None),
            "Call cancel(): no node matches the search"
        );
    }
}
