use super::super::draft::{DraftKind, DraftNode, Field, Flag};
use super::{apply, DraftEdit};
use gather_playground::scenario::Scenario;
use gather_playground::scenario::MAX_TIME_MS;
use serde_json::json;

/// main: [A (future), g (gather: [g1])]
fn draft() -> DraftNode {
    let scenario = Scenario::from_value(&json!({"version": 1, "label": "main", "children": [
        {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
        {"kind": "gather", "label": "g", "children": [
            {"kind": "future", "label": "g1", "delay_ms": 5, "result": {"value": 2}}]}]}))
    .unwrap();
    DraftNode::from_scenario(&scenario)
}

fn labels(node: &DraftNode) -> Vec<String> {
    match &node.kind {
        DraftKind::Gather { children, .. } => children.iter().map(|c| c.label.clone()).collect(),
        DraftKind::Future { .. } => Vec::new(),
    }
}

fn future_parts(node: &DraftNode) -> (&str, &super::super::draft::DraftOutcome, bool) {
    match &node.kind {
        DraftKind::Future {
            delay,
            outcome,
            cleanup,
        } => (delay, outcome, cleanup.is_some()),
        DraftKind::Gather { .. } => panic!("a gather"),
    }
}

#[test]
fn fields_are_set_as_typed_on_the_node_that_has_them() {
    let mut draft = draft();
    let keys = draft.preorder_keys();
    let set = |draft: &mut DraftNode, key, field, text: &str| {
        apply(
            draft,
            DraftEdit::SetField {
                key,
                field,
                text: text.into(),
            },
        )
    };
    set(&mut draft, keys[1], Field::Delay, "25x");
    set(&mut draft, keys[1], Field::Label, "renamed");
    set(&mut draft, keys[1], Field::CancelAt, "40");
    set(&mut draft, keys[1], Field::Value, "hello");
    set(&mut draft, keys[1], Field::ErrorType, "KeyError");
    set(&mut draft, keys[1], Field::ErrorMessage, "gone");
    set(&mut draft, keys[0], Field::Limit, "2");
    // Fields a node does not have: nothing happens.
    set(&mut draft, keys[0], Field::Delay, "7");
    set(&mut draft, keys[1], Field::Limit, "7");
    set(&mut draft, keys[1], Field::CleanupDelay, "7");
    set(&mut draft, 999_999, Field::Label, "nobody");
    let a = draft.find_mut(keys[1]).unwrap().clone();
    assert_eq!((a.label.as_str(), a.cancel_at.as_str()), ("renamed", "40"));
    let (delay, outcome, has_cleanup) = future_parts(&a);
    assert_eq!(delay, "25x");
    assert_eq!(
        (
            outcome.value.as_str(),
            outcome.error_type.as_str(),
            outcome.error_message.as_str()
        ),
        ("hello", "KeyError", "gone")
    );
    assert!(!has_cleanup);
    assert!(matches!(&draft.kind, DraftKind::Gather { limit, .. } if limit == "2"));
}

#[test]
fn flags_switch_outcomes_cleanups_and_return_exceptions() {
    let mut draft = draft();
    let keys = draft.preorder_keys();
    let flag =
        |draft: &mut DraftNode, key, flag, on| apply(draft, DraftEdit::SetFlag { key, flag, on });
    flag(&mut draft, keys[1], Flag::Raises, true);
    flag(&mut draft, keys[1], Flag::HasCleanup, true);
    flag(&mut draft, keys[1], Flag::CleanupRaises, true);
    flag(&mut draft, keys[0], Flag::ReturnExceptions, true);
    // A gather has no outcome: nothing happens.
    flag(&mut draft, keys[0], Flag::Raises, true);
    let a = draft.find_mut(keys[1]).unwrap().clone();
    let DraftKind::Future {
        outcome,
        cleanup: Some(cleanup),
        ..
    } = &a.kind
    else {
        panic!("no cleanup")
    };
    assert!(outcome.raises);
    assert_eq!(cleanup.delay, "100");
    assert_eq!(cleanup.outcome.value, "\"cleaned up\"");
    assert!(cleanup.outcome.raises);
    assert!(matches!(
        draft.kind,
        DraftKind::Gather {
            return_exceptions: true,
            ..
        }
    ));
    // Ticked again, a cleanup keeps what was typed; unticked, it goes.
    apply(
        &mut draft,
        DraftEdit::SetField {
            key: keys[1],
            field: Field::CleanupDelay,
            text: "7".into(),
        },
    );
    flag(&mut draft, keys[1], Flag::HasCleanup, true);
    assert!(matches!(&draft.find_mut(keys[1]).unwrap().kind,
        DraftKind::Future { cleanup: Some(cleanup), .. } if cleanup.delay == "7"));
    flag(&mut draft, keys[1], Flag::HasCleanup, false);
    assert!(!future_parts(draft.find_mut(keys[1]).unwrap()).2);
}

#[test]
fn children_are_added_named_by_their_place_and_expand_their_gather() {
    let mut draft = draft();
    let keys = draft.preorder_keys();
    draft.find_mut(keys[2]).unwrap().collapsed = true;
    apply(
        &mut draft,
        DraftEdit::AddChild {
            parent: keys[2],
            nested_gather: false,
        },
    );
    let g = draft.find_mut(keys[2]).unwrap().clone();
    assert!(!g.collapsed);
    assert_eq!(labels(&g), ["g1", "B"]);
    assert_eq!(
        future_parts(&match &g.kind {
            DraftKind::Gather { children, .. } => children[1].clone(),
            _ => unreachable!(),
        })
        .0,
        "300"
    );
    apply(
        &mut draft,
        DraftEdit::AddChild {
            parent: keys[0],
            nested_gather: true,
        },
    );
    assert_eq!(labels(&draft), ["A", "g", "group C"]);
    let DraftKind::Gather { children, .. } = &draft.kind else {
        unreachable!()
    };
    assert_eq!(labels(&children[2]), ["C1"]);
    // The 27th child is A1, the 28th B1; a future has no children to add.
    for _ in 3..28 {
        apply(
            &mut draft,
            DraftEdit::AddChild {
                parent: keys[0],
                nested_gather: false,
            },
        );
    }
    assert_eq!(labels(&draft)[26..], ["A1", "B1"]);
    let before = draft.clone();
    apply(
        &mut draft,
        DraftEdit::AddChild {
            parent: keys[1],
            nested_gather: false,
        },
    );
    assert_eq!(draft, before);
}

#[test]
fn nodes_are_removed_duplicated_moved_and_their_delays_set() {
    let mut draft = draft();
    let keys = draft.preorder_keys();
    apply(&mut draft, DraftEdit::Duplicate { key: keys[1] });
    assert_eq!(labels(&draft), ["A", "A", "g"]);
    let copy_key = draft.preorder_keys()[2];
    assert!(!keys.contains(&copy_key), "the copy has keys of its own");
    apply(
        &mut draft,
        DraftEdit::Move {
            key: keys[2],
            by: -1,
        },
    );
    assert_eq!(labels(&draft), ["A", "g", "A"]);
    // Past either end: nothing moves.
    apply(
        &mut draft,
        DraftEdit::Move {
            key: keys[1],
            by: -1,
        },
    );
    apply(
        &mut draft,
        DraftEdit::Move {
            key: copy_key,
            by: 1,
        },
    );
    apply(
        &mut draft,
        DraftEdit::Move {
            key: copy_key,
            by: isize::MIN,
        },
    );
    assert_eq!(labels(&draft), ["A", "g", "A"]);
    apply(
        &mut draft,
        DraftEdit::SetDelay {
            key: copy_key,
            delay_ms: 420,
        },
    );
    assert_eq!(future_parts(draft.find_mut(copy_key).unwrap()).0, "420");
    // Arrow keys nudge from the delay as it is now, however fast they come; never below 0
    // or past the format's maximum.
    for by_ms in [10, 100, -1_000] {
        apply(
            &mut draft,
            DraftEdit::NudgeDelay {
                key: copy_key,
                by_ms,
            },
        );
    }
    assert_eq!(future_parts(draft.find_mut(copy_key).unwrap()).0, "0");
    apply(
        &mut draft,
        DraftEdit::NudgeDelay {
            key: copy_key,
            by_ms: i64::MAX,
        },
    );
    assert_eq!(
        future_parts(draft.find_mut(copy_key).unwrap()).0,
        MAX_TIME_MS.to_string()
    );
    apply(
        &mut draft,
        DraftEdit::SetDelay {
            key: copy_key,
            delay_ms: 420,
        },
    );
    // A gather has no delay; the root cannot be removed.
    let before = draft.clone();
    apply(
        &mut draft,
        DraftEdit::SetDelay {
            key: keys[2],
            delay_ms: 1,
        },
    );
    apply(&mut draft, DraftEdit::Remove { key: keys[0] });
    assert_eq!(draft, before);
    apply(&mut draft, DraftEdit::Remove { key: keys[3] });
    let g = draft.find_mut(keys[2]).unwrap().clone();
    assert!(labels(&g).is_empty());
    apply(&mut draft, DraftEdit::Remove { key: keys[1] });
    assert_eq!(labels(&draft), ["g", "A"]);
}

#[test]
fn a_timeout_is_kept_as_typed_and_a_shield_goes_on_any_node_but_the_root() {
    let mut draft = draft();
    let keys = draft.preorder_keys();
    for (key, text) in [(keys[0], "100"), (keys[1], "25x"), (keys[2], "")] {
        apply(
            &mut draft,
            DraftEdit::SetField {
                key,
                field: Field::Timeout,
                text: text.into(),
            },
        );
    }
    for key in [keys[0], keys[1], keys[2]] {
        apply(
            &mut draft,
            DraftEdit::SetFlag {
                key,
                flag: Flag::Shield,
                on: true,
            },
        );
    }
    assert_eq!((draft.timeout.as_str(), draft.shield), ("100", false));
    let a = draft.find_mut(keys[1]).unwrap();
    assert_eq!((a.timeout.as_str(), a.shield), ("25x", true));
    let g = draft.find_mut(keys[2]).unwrap();
    assert_eq!((g.timeout.as_str(), g.shield), ("", true));
    apply(
        &mut draft,
        DraftEdit::SetFlag {
            key: keys[2],
            flag: Flag::Shield,
            on: false,
        },
    );
    assert!(!draft.find_mut(keys[2]).unwrap().shield);
    // A copy keeps them.
    apply(&mut draft, DraftEdit::Duplicate { key: keys[1] });
    let DraftKind::Gather { children, .. } = &draft.kind else {
        unreachable!()
    };
    assert_eq!(
        (children[1].timeout.as_str(), children[1].shield),
        ("25x", true)
    );
}
