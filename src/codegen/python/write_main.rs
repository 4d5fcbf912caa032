//! `main()` written out: the tasks it creates first, the cancel times it sets, what it
//! awaits; each rule's comment once, where it acts.

use super::layout::{push_comment, render, wrapped, Doc};
use super::literal::{self, seconds};
use super::program::Program;
use super::snippets::{note_text, AWAIT_OUTER};
use super::statements::{Arg, Assign, Expr, Note, Watched};
use crate::codegen::plan::{Node, NodeIndex};
use std::fmt::Write;

impl Program<'_> {
    /// A note's comment, the first time it is cited.
    fn note(&mut self, note: Option<Note>) -> Option<String> {
        let note = note?;
        if !self.noted.insert(note) {
            return None;
        }
        Some(note_text(note).to_owned())
    }

    fn doc(&mut self, expr: &Expr) -> Doc {
        match expr {
            Expr::Call(node) => Doc::Text(format!("{}()", self.functions.names[node])),
            Expr::Name(name) => Doc::Text(name.clone()),
            Expr::CreateTask(inner) => {
                let inner = self.doc(inner);
                Doc::call("asyncio.create_task(", vec![(None, inner)])
            }
            Expr::WaitFor {
                inner, timeout_ms, ..
            } => {
                let inner = self.doc(inner);
                Doc::call(
                    "asyncio.wait_for(",
                    vec![(None, inner), (None, Doc::Text(seconds(*timeout_ms)))],
                )
            }
            Expr::Shield(inner) => {
                let inner = self.doc(inner);
                Doc::call("asyncio.shield(", vec![(None, inner)])
            }
            Expr::Gather { node, args } => {
                let mut items = Vec::with_capacity(args.len() + 1);
                for Arg { expr, note } in args {
                    let comment = self.note(*note);
                    let doc = self.doc(expr);
                    items.push((comment, doc));
                }
                if let Node::Gather { spec, .. } = &self.tree.nodes[*node] {
                    if spec.return_exceptions {
                        items.push((None, Doc::Text("return_exceptions=True".to_owned())));
                    }
                }
                Doc::call("asyncio.gather(", items)
            }
            Expr::Watch { node, what, future } => {
                let label = self.watch_label(*node, *what);
                let future = self.doc(future);
                Doc::call(
                    "watch(",
                    vec![(None, Doc::Text(literal::string(&label))), (None, future)],
                )
            }
        }
    }

    fn watch_label(&self, node: NodeIndex, what: Watched) -> String {
        let label = match &self.tree.nodes[node] {
            Node::Future { spec, .. } => {
                let timed_task = spec.guard.timeout_ms.is_some() && !spec.guard.shield;
                return match (what, timed_task) {
                    (Watched::Own, false) => spec.label.clone(),
                    (Watched::Shield, _) => format!("{} (shield)", spec.label),
                    (Watched::WaitFor, _) | (Watched::Own, true) => {
                        format!("{} (wait_for)", spec.label)
                    }
                };
            }
            Node::Gather { spec, .. } => &spec.label,
        };
        match what {
            Watched::Own => label.clone(),
            Watched::Shield => format!("{label} (shield)"),
            Watched::WaitFor => format!("{label} (wait_for)"),
        }
    }

    fn statement(&mut self, out: &mut String, statement: &Assign) {
        if let Some(comment) = self.note(statement.note) {
            push_comment(out, 4, &comment);
        }
        let doc = self.doc(&statement.expr);
        render(&doc, 4, &format!("{} = ", statement.name), "", out);
    }

    fn creation_statements(&mut self, out: &mut String) {
        let statements = std::mem::take(&mut self.main.statements);
        let (tasks, for_order) = (self.main.hoisted_tasks, self.main.hoisted_for_order);
        if tasks > 0 && !self.style.instrumented {
            let comment = if for_order == 0 {
                "Tasks, so that the children cancelled at a set time have names to cancel."
                    .to_owned()
            } else {
                format!(
                    "A1: tasks start in the order they are created, and gather wraps its \
                     coroutines only once all its arguments are evaluated (nested gathers \
                     and shields wrap theirs then). So these are created first, in argument \
                     order, to start in the order they are listed{}.",
                    if tasks > for_order {
                        " (and to be cancelled by name)"
                    } else {
                        ""
                    }
                )
            };
            push_comment(out, 4, &comment);
        }
        for statement in &statements {
            self.statement(out, statement);
        }
        if let Some(root) = self.main.root_statement.take() {
            if let Some(comment) = self.note(Some(self.main.root_note)) {
                push_comment(out, 4, &comment);
            }
            let doc = self.doc(&root.expr);
            render(&doc, 4, &format!("{} = ", root.name), "", out);
        }
    }

    fn cancel_statements(&mut self, out: &mut String) {
        let mut gather_noted = self.style.instrumented;
        for (position, (at_ms, target, node)) in self.main.cancels.iter().enumerate() {
            if position == 0 && !self.style.instrumented {
                push_comment(
                    out,
                    4,
                    "H6: set before any child runs, so that a cancel due just as a sleep \
                     ends comes first (H4: it wins).",
                );
            }
            if !gather_noted && matches!(self.tree.nodes[*node], Node::Gather { .. }) {
                gather_noted = true;
                push_comment(
                    out,
                    4,
                    "E2, E3: cancel() on a gather cancels each of its children still \
                     running; the gather raises CancelledError once they have reacted.",
                );
            }
            let _ = writeln!(
                out,
                "    loop.call_later({}, {target}.cancel)",
                seconds(*at_ms)
            );
        }
    }

    fn awaited(&mut self, out: &mut String, prefix: &str, indent: usize) {
        if self.main.root_statement.is_none() {
            if let Some(comment) = self.note(Some(self.main.root_note)) {
                push_comment(out, indent, &comment);
            }
        }
        if matches!(self.main.awaited, Expr::WaitFor { .. }) {
            if let Some(comment) = self.note(Some(Note::RootTimeout)) {
                push_comment(out, indent, &comment);
            }
        }
        let awaited = self.main.awaited.clone();
        let doc = self.doc(&awaited);
        render(&doc, indent, prefix, "", out);
    }

    pub(super) fn main_function(&mut self) -> String {
        let mut main = String::from("async def main():\n");
        if !self.main.cancels.is_empty() {
            main.push_str("    loop = asyncio.get_running_loop()\n");
        }
        let mut creations = String::new();
        self.creation_statements(&mut creations);
        main.push_str(&creations);
        if !self.main.cancels.is_empty() {
            self.cancel_statements(&mut main);
        }
        self.awaited(&mut main, "results = await ", 4);
        main.push_str("    print(results)\n    return results\n");
        main
    }

    pub(super) fn instrumented_main(&mut self, non_ascii: bool) -> String {
        let mut main = String::from("async def main():\n");
        if non_ascii {
            main.push_str(
                "    # The output holds non-ASCII text: print it as UTF-8, whatever the terminal.\n    \
                 sys.stdout.reconfigure(encoding=\"utf-8\")\n",
            );
        }
        if !self.main.cancels.is_empty() {
            main.push_str("    loop = asyncio.get_running_loop()\n");
        }
        main.push_str(
            "    # Every task is created here, in the order the playground creates them; watch()\n    \
             # prints how each task, shield and gather ends.\n",
        );
        let watched: Vec<String> = self
            .main
            .statements
            .iter()
            .chain(&self.main.root_statement)
            .map(|statement| statement.name.clone())
            .collect();
        self.creation_statements(&mut main);
        if !self.main.cancels.is_empty() {
            main.push('\n');
            self.cancel_statements(&mut main);
        }
        main.push_str("\n    try:\n");
        self.awaited(&mut main, "results = await ", 8);
        main.push_str(AWAIT_OUTER);
        main.push_str(
            "\n    # A failed or cancelled gather leaves its other children running: wait for\n    \
             # them all, as the playground does before it reports.\n",
        );
        let wait = wrapped("await asyncio.wait([", &watched, "])", 4);
        let _ = writeln!(main, "    {wait}");
        main.push_str("    print(\"outcome:\", json.dumps(outcome, ensure_ascii=False))\n");
        main
    }
}
