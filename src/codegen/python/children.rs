//! The children: the semaphores of limited gathers, and one `async def` per future node.

use super::layout::push_comment;
use super::literal::{self, seconds};
use super::program::Program;
use crate::codegen::plan::{Node, NodeIndex};
use crate::scenario::{FutureSpec, ResultSpec};
use std::collections::HashSet;
use std::fmt::Write;

/// A comment in a child's function or at a semaphore.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum ChildNote {
    Cleanup,
    SleepZero,
    RaiseCancelled,
    Limit,
    SlotWait,
}

impl Program<'_> {
    /// The module-level semaphores of the gathers with a limit.
    pub(super) fn semaphores(&mut self) -> String {
        let mut text = String::new();
        for (index, node) in self.tree.nodes.iter().enumerate() {
            let Node::Gather { spec, .. } = node else {
                continue;
            };
            let (Some(limit), Some(name)) = (spec.limit, self.slots.get(&index)) else {
                continue;
            };
            if self.child_notes.insert(ChildNote::Limit) {
                push_comment(
                    &mut text,
                    0,
                    "L1: a gather's limit: its children share a semaphore, so at most that \
                     many run at once, and the others wait for a slot, first come, first \
                     served (L2). gather itself has no limit.",
                );
            }
            let _ = writeln!(text, "{name} = asyncio.Semaphore({limit})");
        }
        text
    }

    pub(super) fn child_function(
        &mut self,
        index: NodeIndex,
        spec: &FutureSpec,
        parent: NodeIndex,
    ) -> String {
        let finish = |result: &ResultSpec| match result {
            ResultSpec::Value(value) => format!("return {}", literal::value(value)),
            ResultSpec::Error(exception) => self.exceptions.raise_statement(exception),
        };
        let raises_cancelled = |result: &ResultSpec| matches!(result, ResultSpec::Error(exception) if exception.type_name() == "CancelledError");
        let mut body = Vec::new();
        let sleep =
            |lines: &mut Vec<String>, notes: &mut HashSet<ChildNote>, ms: u64, pad: &str| {
                if ms == 0 && notes.insert(ChildNote::SleepZero) {
                    lines.push(format!(
                        "{pad}# H5: sleep(0) sets no timer: it is one yield to the loop."
                    ));
                }
                lines.push(format!("{pad}await asyncio.sleep({})", seconds(ms)));
            };
        let finish_lines = |lines: &mut Vec<String>,
                            notes: &mut HashSet<ChildNote>,
                            result: &ResultSpec,
                            pad: &str| {
            if raises_cancelled(result) && notes.insert(ChildNote::RaiseCancelled) {
                lines.push(format!(
                    "{pad}# C3: raising CancelledError ends this child as cancelled."
                ));
            }
            lines.push(format!("{pad}{}", finish(result)));
        };
        match &spec.on_cancel {
            None => {
                sleep(&mut body, &mut self.child_notes, spec.delay_ms, "");
            }
            Some(cleanup) => {
                body.push("try:".to_owned());
                sleep(&mut body, &mut self.child_notes, spec.delay_ms, "    ");
                body.push("except asyncio.CancelledError:".to_owned());
                if self.child_notes.insert(ChildNote::Cleanup) {
                    let then = match &cleanup.result {
                        ResultSpec::Value(_) => "returns",
                        ResultSpec::Error(exception)
                            if exception.type_name() == "CancelledError" =>
                        {
                            "ends cancelled"
                        }
                        ResultSpec::Error(_) => "raises",
                    };
                    let mut comment = String::new();
                    push_comment(
                        &mut comment,
                        8,
                        &format!(
                            "E4: a cancellation arrives at the child's await, here: caught, \
                             the child cleans up, then {then}. A second cancel interrupts \
                             the cleanup."
                        ),
                    );
                    body.extend(comment.lines().map(|line| line[4..].to_owned()));
                }
                sleep(&mut body, &mut self.child_notes, cleanup.delay_ms, "    ");
                finish_lines(&mut body, &mut self.child_notes, &cleanup.result, "    ");
            }
        }
        finish_lines(&mut body, &mut self.child_notes, &spec.result, "");

        let name = &self.functions.names[&index];
        let mut function = format!("async def {name}():\n");
        let pad = match self.slots.get(&parent) {
            Some(slots) => {
                if spec.on_cancel.is_some() && self.child_notes.insert(ChildNote::SlotWait) {
                    push_comment(
                        &mut function,
                        4,
                        "L3: cancelled while it waits for a slot, the child ends cancelled, \
                         without its cleanup: its try has not begun.",
                    );
                }
                let _ = writeln!(function, "    async with {slots}:");
                "        "
            }
            None => "    ",
        };
        for line in body {
            let _ = writeln!(function, "{pad}{line}");
        }
        function
    }
}
