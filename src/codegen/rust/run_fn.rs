//! `run`, Python's `main()`: every task spawned in the playground's order, the cancel
//! times set before any child runs, the root awaited.

use super::layout::{call_statement, gather_statement, push_comment};
use super::program::RustProgram;
use crate::codegen::names::identifier_base;
use crate::codegen::plan::{Node, NodeIndex};
use crate::scenario::FutureSpec;
use std::fmt::Write;

impl RustProgram<'_> {
    fn variable(&mut self, base: &str) -> String {
        self.names.claim(base)
    }

    /// A use of `name` that consumes it: a clone if a cancel time still needs it.
    fn consumed(&self, node: NodeIndex, name: &str) -> String {
        if self.cancelled.contains(&node) && self.variables.get(&node).is_some_and(|v| v == name) {
            format!("{name}.clone()")
        } else {
            name.to_owned()
        }
    }

    /// `run`: Python's main.
    pub(super) fn run_function(&mut self) -> String {
        let mut body = String::new();
        body.push_str("    let runtime = cx.runtime().clone();\n");
        let slot_nodes: Vec<(NodeIndex, String)> = {
            let mut slots: Vec<(NodeIndex, String)> =
                self.slots.iter().map(|(n, s)| (*n, s.clone())).collect();
            slots.sort();
            slots
        };
        for (position, (node, name)) in slot_nodes.iter().enumerate() {
            if position == 0 {
                push_comment(
                    &mut body,
                    4,
                    "L1: a gather's limit: its children share a semaphore, so at most that \
                     many run at once (gather itself has no limit).",
                );
            }
            let limit = match &self.tree.nodes[*node] {
                Node::Gather { spec, .. } => spec.limit.unwrap_or(1),
                Node::Future { .. } => 1,
            };
            let _ = writeln!(body, "    let {name} = Semaphore::new(&runtime, {limit});");
        }
        push_comment(
            &mut body,
            4,
            "Every task in the order the playground (and the Python program) creates them: \
             tasks start in that order (A1), which decides ties (H1).",
        );
        let root_children: Vec<NodeIndex> = self.tree.children(0).to_vec();
        let items: Vec<String> = root_children
            .iter()
            .map(|&child| self.given(child, &mut body))
            .collect();
        let (return_exceptions, guard) = match &self.tree.nodes[0] {
            Node::Gather { spec, .. } => (spec.return_exceptions, spec.guard),
            Node::Future { .. } => unreachable!("the root is a gather"),
        };
        self.variables.insert(0, "outer".to_owned());
        let note = if !self.tree.can_fail() {
            "B1: the results come in argument order, not in the order the children finish."
        } else if return_exceptions {
            "B1, D1: the results come in argument order, exceptions in their place (B3); \
             nothing short-circuits."
        } else {
            "B1: the results come in argument order. C1: the first exception propagates at \
             once, and the other children keep running (C2)."
        };
        self.note(&mut body, 4, note);
        body.push_str(&gather_statement(
            "outer",
            "gather",
            &items,
            return_exceptions,
        ));
        let cancels = self.tree.cancels();
        for (position, (at_ms, node)) in cancels.iter().enumerate() {
            if position == 0 {
                push_comment(
                    &mut body,
                    4,
                    "H6: set before any child runs, so that a cancel due just as a sleep ends \
                     comes first (H4: it wins).",
                );
            }
            if matches!(self.tree.nodes[*node], Node::Gather { .. }) {
                self.note(
                    &mut body,
                    4,
                    "E2, E3: cancel() on a gather cancels each of its children still running; \
                     the gather raises CancelledError once they have reacted.",
                );
            }
            let target = if *node == 0 {
                "Awaitable::from(outer.clone())".to_owned()
            } else {
                self.variables.get(node).cloned().unwrap_or_default()
            };
            body.push_str(&call_statement(
                None,
                "cancel_later",
                &["&runtime".to_owned(), at_ms.to_string(), target],
            ));
        }
        match guard.timeout_ms {
            Some(timeout_ms) => {
                push_comment(
                    &mut body,
                    4,
                    "W1, W2: when the timeout passes, run is cancelled, and so the gather and \
                     each child (E7); TimeoutError once they have all ended.",
                );
                let _ = writeln!(
                    body,
                    "    let results = cx.wait_for(outer, {timeout_ms}).await?;"
                );
            }
            None => body.push_str("    let results = cx.wait(outer).await?;\n"),
        }
        body.push_str("    Ok(list_value(results))\n");
        format!(
            "/// Python's `async def main()`, run as a task as `asyncio.run(main())` runs it.\n\
             async fn run(cx: TaskContext) -> Result<Value, Exception> {{\n{body}}}\n"
        )
    }

    /// The statements creating a node (in the order the playground does), and what its
    /// gather is given for it.
    fn given(&mut self, node: NodeIndex, body: &mut String) -> String {
        match &self.tree.nodes[node] {
            Node::Future { spec, parent } => {
                let (spec, parent) = (*spec, *parent);
                self.future(node, spec, parent, body)
            }
            Node::Gather { spec, children } => {
                let (return_exceptions, guard) = (spec.return_exceptions, spec.guard);
                let base =
                    identifier_base(&spec.label, "inner_").unwrap_or_else(|| "inner".to_owned());
                let children = children.clone();
                let items: Vec<String> = children
                    .iter()
                    .map(|&child| self.given(child, body))
                    .collect();
                self.uses.nests = true;
                let name = self.variable(&base);
                self.variables.insert(node, name.clone());
                let note = if !self.tree.can_fail() {
                    "E6: a nested gather is one child of its parent: its list is one result."
                } else if return_exceptions {
                    "E6, D1: a nested gather is one child of its parent: its whole list, \
                     exceptions in place, is one result."
                } else {
                    "E6: a nested gather is one child of its parent: its list is one result, \
                     its failure (C1) one child's failure."
                };
                self.note(body, 4, note);
                body.push_str(&gather_statement(
                    &name,
                    "nested_gather",
                    &items,
                    return_exceptions,
                ));
                let mut given = self.consumed(node, &name);
                if guard.shield {
                    let note = if guard.timeout_ms.is_some() {
                        "W4: TimeoutError when the timeout passes, without cancelling what \
                         it shields: the shield takes the cancellation."
                    } else {
                        "W3: cancelling the shield leaves this gather and its children running."
                    };
                    given = self.shielded(&base, given, note, body);
                }
                if let Some(timeout_ms) = guard.timeout_ms {
                    if !guard.shield {
                        self.note(
                            body,
                            4,
                            "W1, W2: when the timeout passes, this gather and so each of its \
                             children is cancelled; TimeoutError once all have ended, \
                             cleanups included.",
                        );
                    }
                    given = self.wait_for_task(&base, given, timeout_ms, body);
                }
                given
            }
        }
    }

    fn future(
        &mut self,
        node: NodeIndex,
        spec: &FutureSpec,
        parent: NodeIndex,
        body: &mut String,
    ) -> String {
        let function = self.functions[&node].clone();
        let child = match self.slots.get(&parent) {
            Some(slots) => format!("with_slots(&{slots}, {function})"),
            None => function.clone(),
        };
        let guard = spec.guard;
        self.variables.insert(node, function.clone());
        if let (Some(timeout_ms), false) = (guard.timeout_ms, guard.shield) {
            self.uses.with_timeout = true;
            self.note(
                body,
                4,
                "W1, W2: when the timeout passes, the child is cancelled; once it has ended, \
                 TimeoutError (or its value, if it caught the cancellation and returned).",
            );
            body.push_str(&call_statement(
                Some(&function),
                "spawn_with_timeout",
                &["&runtime".to_owned(), child, timeout_ms.to_string()],
            ));
            return self.consumed(node, &function);
        }
        self.uses.spawn = true;
        body.push_str(&call_statement(
            Some(&function),
            "spawn",
            &["&runtime".to_owned(), child],
        ));
        let mut given = self.consumed(node, &function);
        if guard.shield {
            let note = if guard.timeout_ms.is_some() {
                "W4: TimeoutError when the timeout passes, without cancelling the child: the \
                 shield takes the cancellation."
            } else {
                "W3: cancelling the shield (its gather cancelled, say) leaves the child running."
            };
            given = self.shielded(&function, given, note, body);
        }
        if let Some(timeout_ms) = guard.timeout_ms {
            given = self.wait_for_task(&function, given, timeout_ms, body);
        }
        given
    }

    fn shielded(
        &mut self,
        base: &str,
        inner: String,
        note: &'static str,
        body: &mut String,
    ) -> String {
        self.uses.shield = true;
        self.note(body, 4, note);
        let name = self.variable(&format!("{base}_shield"));
        let shield = format!("shield(&runtime, {inner})");
        body.push_str(&call_statement(Some(&name), "Awaitable::from", &[shield]));
        name
    }

    fn wait_for_task(
        &mut self,
        base: &str,
        awaited: String,
        timeout_ms: u64,
        body: &mut String,
    ) -> String {
        self.uses.wait_for = true;
        let name = self.variable(&format!("{base}_in_time"));
        body.push_str(&call_statement(
            Some(&name),
            "spawn_wait_for",
            &["&runtime".to_owned(), awaited, timeout_ms.to_string()],
        ));
        name
    }
}
