//! What puts a step of the history back: a node's own settings, a node put back or taken
//! out, two siblings swapped, or the whole scenario. Applying one gives the one that undoes
//! it, so that Undo and Redo go through the same steps.

use super::draft::{DraftKind, DraftNode, Key};
use super::state::State;
use super::why_state::WhyState;
use std::rc::Rc;

/// What puts a change back. Applying one gives the patch that makes the change again.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Patch {
    /// A node's own settings as they were (the node without its children, which stay).
    Own(Box<DraftNode>),
    /// A node back at its place among a gather's children.
    Insert {
        parent: Key,
        index: usize,
        node: Rc<DraftNode>,
    },
    /// The node at a place among a gather's children taken out.
    RemoveAt { parent: Key, index: usize },
    /// Two of a gather's children swap places.
    Swap { parent: Key, a: usize, b: usize },
    /// The whole scenario (a load), and what the why panel had loaded and would put back.
    Whole {
        draft: Rc<DraftNode>,
        why: Box<WhyState>,
    },
}

/// Applies `patch`, giving the one that undoes it.
pub(super) fn apply(state: &mut State, patch: Patch) -> Patch {
    if let Patch::Whole { draft, why } = patch {
        let draft = std::mem::replace(&mut state.draft, draft);
        let why = std::mem::replace(&mut state.why, *why);
        return Patch::Whole {
            draft,
            why: Box::new(why),
        };
    }
    let draft = Rc::make_mut(&mut state.draft);
    match patch {
        Patch::Own(node) => match draft.find_mut(node.key) {
            Some(target) => Patch::Own(Box::new(restore_own(target, *node))),
            None => Patch::Own(node),
        },
        Patch::Insert {
            parent,
            index,
            node,
        } => match children_mut(draft, parent) {
            Some(children) => {
                let index = index.min(children.len());
                children.insert(index, Rc::unwrap_or_clone(node));
                Patch::RemoveAt { parent, index }
            }
            None => Patch::Insert {
                parent,
                index,
                node,
            },
        },
        Patch::RemoveAt { parent, index } => match children_mut(draft, parent) {
            Some(children) if index < children.len() => Patch::Insert {
                parent,
                index,
                node: Rc::new(children.remove(index)),
            },
            _ => Patch::RemoveAt { parent, index },
        },
        Patch::Swap { parent, a, b } => {
            if let Some(children) = children_mut(draft, parent) {
                if a < children.len() && b < children.len() {
                    children.swap(a, b);
                }
            }
            Patch::Swap { parent, a, b }
        }
        Patch::Whole { .. } => unreachable!("applied above"),
    }
}

/// The node's own settings, without its children.
pub(super) fn own(node: &DraftNode) -> DraftNode {
    let kind = match &node.kind {
        DraftKind::Gather {
            return_exceptions,
            limit,
            ..
        } => DraftKind::Gather {
            return_exceptions: *return_exceptions,
            limit: limit.clone(),
            children: Vec::new(),
        },
        future => future.clone(),
    };
    DraftNode {
        key: node.key,
        label: node.label.clone(),
        cancel_at: node.cancel_at.clone(),
        timeout: node.timeout.clone(),
        shield: node.shield,
        // Whether its card is folded is the page's, not the scenario's.
        collapsed: false,
        kind,
    }
}

/// Puts `settings` (a node's own, from [`own`]) on `target`, keeping its children and its
/// folding; gives the settings it had.
fn restore_own(target: &mut DraftNode, mut settings: DraftNode) -> DraftNode {
    let children = match &mut target.kind {
        DraftKind::Gather { children, .. } => std::mem::take(children),
        DraftKind::Future { .. } => Vec::new(),
    };
    settings.collapsed = target.collapsed;
    let mut old = std::mem::replace(target, settings);
    old.collapsed = false;
    if let DraftKind::Gather { children: slot, .. } = &mut target.kind {
        *slot = children;
    }
    old
}

pub(super) fn find(draft: &DraftNode, key: Key) -> Option<&DraftNode> {
    if draft.key == key {
        return Some(draft);
    }
    match &draft.kind {
        DraftKind::Gather { children, .. } => children.iter().find_map(|child| find(child, key)),
        DraftKind::Future { .. } => None,
    }
}

/// The gather holding `key`, its place there, and the node.
pub(super) fn place_of(draft: &DraftNode, key: Key) -> Option<(Key, usize, &DraftNode)> {
    let DraftKind::Gather { children, .. } = &draft.kind else {
        return None;
    };
    match children.iter().position(|child| child.key == key) {
        Some(index) => Some((draft.key, index, &children[index])),
        None => children.iter().find_map(|child| place_of(child, key)),
    }
}

fn children_mut(draft: &mut DraftNode, parent: Key) -> Option<&mut Vec<DraftNode>> {
    match draft.find_mut(parent).map(|node| &mut node.kind) {
        Some(DraftKind::Gather { children, .. }) => Some(children),
        _ => None,
    }
}
