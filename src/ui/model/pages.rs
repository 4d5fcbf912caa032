//! A long children list shown a page of cards at a time.
//!
//! Creating a card's inputs is what makes a big scenario slow to load (10,000 cards took
//! seconds), so a long list shows one page of cards, with a way to every other page and
//! to the fields still to fix on them.

use super::draft::{DraftNode, Field, Key};
use super::draft_check::FieldError;
use super::numbers::grouped;

/// How many children's cards a page shows.
pub const PAGE_SIZE: usize = 100;

/// The first position of the page holding `position`.
pub fn page_start(position: usize) -> usize {
    position - position % PAGE_SIZE
}

/// "101–200": a page's children, counted from one as the cards' users count them.
pub fn span_text(first: usize, total: usize) -> String {
    let last = (first + PAGE_SIZE).min(total);
    format!("{}–{}", grouped(first + 1), grouped(last))
}

/// Where a card at `position` that moves by `step` (or whose copy lands at `step`) ends
/// up, if that is on another page.
pub fn crossing(position: usize, step: isize) -> Option<usize> {
    let target = position.checked_add_signed(step)?;
    (page_start(target) != page_start(position)).then_some(target)
}

/// Positions of the children holding a field to fix (themselves or a node below them).
pub fn positions_to_fix(children: &[DraftNode], errors: &[FieldError]) -> Vec<usize> {
    if errors.is_empty() {
        return Vec::new();
    }
    // Sorted `(key, 0)` pairs, searched: `(u64, usize)` is the one element type the page
    // sorts, so no set type or other sort is added to its wasm for this.
    let mut wrong: Vec<(Key, usize)> = errors.iter().map(|error| (error.key, 0)).collect();
    wrong.sort();
    children
        .iter()
        .enumerate()
        .filter(|(_, child)| child.any_key(&|key| wrong.binary_search(&(key, 0)).is_ok()))
        .map(|(position, _)| position)
        .collect()
}

/// The next child to fix off the page starting at `first`, wrapping round, so that pressing
/// "show it" again and again visits each in turn; and how many there are off the page.
pub fn next_to_fix(problems: &[usize], first: usize) -> (Option<usize>, usize) {
    let on_page = |position: &usize| (first..first + PAGE_SIZE).contains(position);
    let elsewhere: Vec<usize> = problems.iter().copied().filter(|p| !on_page(p)).collect();
    let next = elsewhere
        .iter()
        .copied()
        .find(|&position| position > first)
        .or_else(|| elsewhere.first().copied());
    (next, elsewhere.len())
}

/// The pager's pointer to a child to fix on another page.
pub fn to_fix_text(position: usize, elsewhere: usize) -> String {
    match elsewhere {
        1 => format!(
            "⚠ Child {}, on another page, has a field to fix: show it",
            grouped(position + 1)
        ),
        count => format!(
            "⚠ {count} children on other pages have fields to fix: show child {}",
            grouped(position + 1)
        ),
    }
}

/// The message of `field` of node `key`, if it is wrong.
pub fn error_for(errors: &[FieldError], key: Key, field: Field) -> Option<String> {
    errors
        .iter()
        .find(|error| error.key == key && error.field == field)
        .map(|error| error.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gather_playground::scenario::Scenario;
    use serde_json::json;

    #[test]
    fn pages_of_a_hundred() {
        assert_eq!(page_start(0), 0);
        assert_eq!(page_start(199), 100);
        assert_eq!(span_text(100, 250), "101–200");
        assert_eq!(span_text(200, 250), "201–250");
        assert_eq!(span_text(0, 2000), "1–100");
        assert_eq!(crossing(99, 1), Some(100));
        assert_eq!(crossing(100, -1), Some(99));
        assert_eq!(crossing(50, 1), None);
        assert_eq!(crossing(0, -1), None);
    }

    #[test]
    fn fields_to_fix_on_other_pages_are_pointed_to_in_turn() {
        let children: Vec<serde_json::Value> = (0..250)
            .map(|index| json!({"kind": "future", "label": format!("p{index}"), "delay_ms": 1, "result": {"value": 1}}))
            .collect();
        let scenario = Scenario::from_value(&json!({"version": 1, "children": children})).unwrap();
        let mut draft = DraftNode::from_scenario(&scenario);
        let keys = draft.preorder_keys();
        for position in [5, 120] {
            draft.find_mut(keys[position + 1]).unwrap().cancel_at = "soon".into();
        }
        let errors = draft.to_scenario().unwrap_err();
        let super::super::draft::DraftKind::Gather { children, .. } = &draft.kind else {
            unreachable!()
        };
        let problems = positions_to_fix(children, &errors);
        assert_eq!(problems, [5, 120]);
        assert_eq!(next_to_fix(&problems, 0), (Some(120), 1));
        assert_eq!(next_to_fix(&problems, 100), (Some(5), 1));
        assert_eq!(next_to_fix(&problems, 200), (Some(5), 2));
        assert_eq!(
            to_fix_text(5, 1),
            "⚠ Child 6, on another page, has a field to fix: show it"
        );
        assert_eq!(
            to_fix_text(1999, 2),
            "⚠ 2 children on other pages have fields to fix: show child 2,000"
        );
        assert!(error_for(&errors, keys[6], Field::CancelAt).is_some());
        assert_eq!(error_for(&errors, keys[6], Field::Label), None);
    }
}
