//! `main()` spelled for a given prefix of tasks created first: each node's expression
//! (a call, a task, a `wait_for`, a shield, a gather), named where it must be.

use super::statements::{Arg, Assign, Expr, Functions, Main, Note, Style, Watched};
use crate::codegen::names::Namespace;
use crate::codegen::plan::{Event, Node, NodeIndex, Tree};
use std::collections::{HashMap, HashSet};

pub(super) struct Emitter<'t, 'a> {
    tree: &'t Tree<'a>,
    functions: &'t Functions,
    names: &'t mut Namespace,
    style: Style,
    /// How many of the reference's first events main creates itself, first.
    hoisted: usize,
    positions: HashMap<Event, usize>,
    early: Vec<Assign>,
    late: Vec<Assign>,
    /// The variable of each node cancelled at a set time.
    targets: HashMap<NodeIndex, String>,
    cancelled: HashSet<NodeIndex>,
}

impl<'t, 'a> Emitter<'t, 'a> {
    pub(super) fn run(
        tree: &'t Tree<'a>,
        functions: &'t Functions,
        names: &'t mut Namespace,
        style: Style,
        hoisted: usize,
    ) -> Main {
        let cancels = tree.cancels();
        let mut emitter = Emitter {
            tree,
            functions,
            names,
            style,
            hoisted,
            positions: tree
                .events
                .iter()
                .enumerate()
                .map(|(position, event)| (*event, position))
                .collect(),
            early: Vec::new(),
            late: Vec::new(),
            targets: HashMap::new(),
            cancelled: cancels.iter().map(|&(_, node)| node).collect(),
        };
        let args = emitter.arguments(0);
        let root = &tree.nodes[0];
        let mut gather = Expr::Gather { node: 0, args };
        let named = root.cancel_at_ms().is_some() || style.instrumented;
        let (root_statement, mut awaited) = if named {
            let name = functions.root.clone();
            if style.instrumented {
                gather = watch(0, Watched::Own, gather);
            }
            emitter.targets.insert(0, name.clone());
            let statement = Assign {
                name: name.clone(),
                expr: gather,
                note: None,
            };
            (Some(statement), Expr::Name(name))
        } else {
            (None, gather)
        };
        if let Some(timeout_ms) = root.guard().timeout_ms {
            awaited = Expr::WaitFor {
                inner: Box::new(awaited),
                timeout_ms,
                node: None,
            };
        }
        let targets: HashSet<Event> = cancels
            .iter()
            .filter_map(|&(_, node)| tree.cancelled_event(node))
            .collect();
        let mut hoisted_tasks = 0;
        let mut for_order = 0;
        for event in &tree.events[..hoisted] {
            if let Event::Task(_) | Event::WaitFor(_) = *event {
                hoisted_tasks += 1;
                for_order += usize::from(!targets.contains(event));
            }
        }
        let mut statements = std::mem::take(&mut emitter.early);
        statements.append(&mut emitter.late);
        let cancels = cancels
            .iter()
            .map(|&(at_ms, node)| {
                let name = emitter.targets.get(&node).cloned().unwrap_or_default();
                (at_ms, name, node)
            })
            .collect();
        Main {
            statements,
            hoisted_tasks,
            hoisted_for_order: for_order,
            cancels,
            root_statement,
            awaited,
            root_note: gather_note(tree, root_return_exceptions(tree), false),
        }
    }

    fn is_hoisted(&self, event: Event) -> bool {
        self.positions
            .get(&event)
            .is_some_and(|&position| position < self.hoisted)
    }

    fn arguments(&mut self, gather: NodeIndex) -> Vec<Arg> {
        self.tree
            .children(gather)
            .to_vec()
            .into_iter()
            .map(|child| self.given(child))
            .collect()
    }

    /// What the node's gather is given for it; pushes the statements that create it.
    fn given(&mut self, node: NodeIndex) -> Arg {
        match &self.tree.nodes[node] {
            Node::Future { .. } => self.future(node),
            Node::Gather { .. } => self.gather(node),
        }
    }

    fn task_name(&mut self, node: NodeIndex, suffix: &str) -> String {
        let function = self.functions.names[&node].clone();
        self.names.claim(&format!("{function}{suffix}"))
    }

    /// `name = expr` among the statements main runs first.
    fn hoist(&mut self, name: &str, expr: Expr, note: Option<Note>) -> Expr {
        self.early.push(Assign {
            name: name.to_owned(),
            expr,
            note,
        });
        Expr::Name(name.to_owned())
    }

    fn watched(&self, node: NodeIndex, what: Watched, expr: Expr) -> Expr {
        if self.style.instrumented {
            watch(node, what, expr)
        } else {
            expr
        }
    }

    fn future(&mut self, node: NodeIndex) -> Arg {
        let guard = self.tree.nodes[node].guard();
        let call = Expr::Call(node);
        // The node's own task, created first if its place in the order says so.
        let own = |emitter: &mut Self| {
            if emitter.is_hoisted(Event::Task(node)) {
                let name = emitter.task_name(node, "_task");
                let task = emitter.watched(node, Watched::Own, create_task(call.clone()));
                emitter.targets.insert(node, name.clone());
                emitter.hoist(&name, task, None)
            } else {
                call.clone()
            }
        };
        match (guard.timeout_ms, guard.shield) {
            (None, false) => Arg {
                expr: own(self),
                note: None,
            },
            (Some(timeout_ms), false) => {
                let wait_for = Expr::WaitFor {
                    inner: Box::new(call.clone()),
                    timeout_ms,
                    node: Some(node),
                };
                if self.is_hoisted(Event::WaitFor(node)) {
                    let name = self.task_name(node, "_task");
                    let task = self.watched(node, Watched::Own, create_task(wait_for));
                    self.targets.insert(node, name.clone());
                    let expr = self.hoist(&name, task, Some(Note::FutureTimeout));
                    Arg { expr, note: None }
                } else {
                    Arg {
                        expr: wait_for,
                        note: Some(Note::FutureTimeout),
                    }
                }
            }
            (None, true) => {
                let inner = own(self);
                let expr = self.shield(node, inner);
                Arg {
                    expr,
                    note: Some(Note::FutureShield),
                }
            }
            (Some(timeout_ms), true) => {
                let inner = own(self);
                let shielded = self.shield(node, inner);
                let wait_for = Expr::WaitFor {
                    inner: Box::new(shielded),
                    timeout_ms,
                    node: Some(node),
                };
                self.timed(node, wait_for, Note::FutureShieldTimeout)
            }
        }
    }

    /// `asyncio.shield(inner)`, named in the instrumented program.
    fn shield(&mut self, node: NodeIndex, inner: Expr) -> Expr {
        let shield = Expr::Shield(Box::new(inner));
        if !self.style.instrumented {
            return shield;
        }
        let base = match &self.tree.nodes[node] {
            Node::Future { .. } => self.functions.names[&node].clone(),
            Node::Gather { .. } => self.gather_base(node),
        };
        let name = self.names.claim(&format!("{base}_shield"));
        let shield = watch(node, Watched::Shield, shield);
        let statement = Assign {
            name: name.clone(),
            expr: shield,
            note: None,
        };
        // After what it shields: a gather's shield comes with the gather.
        if self.statement_is_late(node) {
            self.late.push(statement);
        } else {
            self.early.push(statement);
        }
        Expr::Name(name)
    }

    /// A `wait_for(...)` given to a gather: its task created first if its place says so.
    fn timed(&mut self, node: NodeIndex, wait_for: Expr, note: Note) -> Arg {
        if self.is_hoisted(Event::WaitFor(node)) {
            let base = match &self.tree.nodes[node] {
                Node::Future { .. } => self.functions.names[&node].clone(),
                Node::Gather { .. } => self.gather_base(node),
            };
            let name = self.names.claim(&format!("{base}_timeout_task"));
            let task = self.watched(node, Watched::WaitFor, create_task(wait_for));
            let expr = self.hoist(&name, task, Some(note));
            Arg { expr, note: None }
        } else {
            Arg {
                expr: wait_for,
                note: Some(note),
            }
        }
    }

    fn gather_base(&self, node: NodeIndex) -> String {
        match &self.tree.nodes[node] {
            Node::Gather { spec, .. } => {
                crate::codegen::names::identifier_base(&spec.label, "inner_")
                    .unwrap_or_else(|| "inner".to_owned())
            }
            Node::Future { .. } => self.functions.names[&node].clone(),
        }
    }

    /// Whether a named gather's statement comes after the tasks main creates first
    /// (some of its subtree is left to Python's spelling).
    fn statement_is_late(&self, node: NodeIndex) -> bool {
        match &self.tree.nodes[node] {
            Node::Gather { .. } => self.tree.subtree[node].end > self.hoisted,
            Node::Future { .. } => false,
        }
    }

    fn gather(&mut self, node: NodeIndex) -> Arg {
        let Node::Gather { spec, .. } = &self.tree.nodes[node] else {
            unreachable!("a gather node");
        };
        let (guard, return_exceptions) = (spec.guard, spec.return_exceptions);
        let args = self.arguments(node);
        let note = gather_note(self.tree, return_exceptions, true);
        let mut gather = Expr::Gather { node, args };
        let named = self.cancelled.contains(&node)
            || self.style.instrumented
            || self.is_hoisted(Event::Gather(node));
        let mut arg_note = None;
        let mut given = if named {
            let name = self.names.claim(&self.gather_base(node));
            gather = self.watched(node, Watched::Own, gather);
            let statement = Assign {
                name: name.clone(),
                expr: gather,
                note: Some(note),
            };
            if self.statement_is_late(node) {
                self.late.push(statement);
            } else {
                self.early.push(statement);
            }
            self.targets.insert(node, name.clone());
            Expr::Name(name)
        } else {
            arg_note = Some(note);
            gather
        };
        if guard.shield {
            given = self.shield(node, given);
        }
        let guard_note = match (guard.timeout_ms, guard.shield) {
            (None, false) => None,
            (None, true) => Some(Note::GatherShield),
            (Some(_), false) => Some(Note::GatherTimeout),
            (Some(_), true) => Some(Note::GatherShieldTimeout),
        };
        match (guard.timeout_ms, guard_note) {
            (Some(timeout_ms), Some(guard_note)) => {
                let wait_for = Expr::WaitFor {
                    inner: Box::new(given),
                    timeout_ms,
                    node: Some(node),
                };
                self.timed(node, wait_for, guard_note)
            }
            _ => Arg {
                expr: given,
                note: guard_note.or(arg_note),
            },
        }
    }
}

fn gather_note(tree: &Tree<'_>, return_exceptions: bool, nested: bool) -> Note {
    if tree.can_fail() {
        Note::Gather {
            return_exceptions,
            nested,
        }
    } else {
        Note::InOrder { nested }
    }
}

fn root_return_exceptions(tree: &Tree<'_>) -> bool {
    match &tree.nodes[0] {
        Node::Gather { spec, .. } => spec.return_exceptions,
        Node::Future { .. } => false,
    }
}

fn create_task(coroutine: Expr) -> Expr {
    Expr::CreateTask(Box::new(coroutine))
}

fn watch(node: NodeIndex, what: Watched, future: Expr) -> Expr {
    Expr::Watch {
        node,
        what,
        future: Box::new(future),
    }
}
