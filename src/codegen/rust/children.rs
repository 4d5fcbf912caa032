//! One `async fn` per future node: its sleep, its cleanup, its result.

use super::layout::{call, width, CALL_WIDTH, MAX_WIDTH};
use super::literal;
use super::program::RustProgram;
use crate::codegen::plan::NodeIndex;
use crate::scenario::{FutureSpec, ResultSpec};
use std::fmt::Write;

impl RustProgram<'_> {
    pub(super) fn child_function(
        &mut self,
        index: NodeIndex,
        spec: &FutureSpec,
        parent: NodeIndex,
    ) -> String {
        let name = &self.functions[&index];
        let mut text = match self.slots.get(&parent) {
            Some(_) => format!(
                "async fn {name}(cx: &TaskContext, slots: &Semaphore) -> Result<Value, Exception> {{\n"
            ),
            None => format!("async fn {name}(cx: &TaskContext) -> Result<Value, Exception> {{\n"),
        };
        if width(&text) > MAX_WIDTH + 1 {
            text = format!(
                "async fn {name}(\n    cx: &TaskContext,\n    slots: &Semaphore,\n) -> Result<Value, Exception> {{\n"
            );
        }
        if self.slots.contains_key(&parent) {
            let mut comment = String::new();
            self.note(
                &mut comment,
                4,
                "L1: `async with slots:` around the whole child: it waits here for a free \
                 slot, first come, first served, and holds it until it ends.",
            );
            if spec.on_cancel.is_some() {
                self.note(
                    &mut comment,
                    4,
                    "L3: cancelled while it waits for a slot, the child ends cancelled, \
                     without its cleanup.",
                );
            }
            text.push_str(&comment);
            text.push_str("    let _slot = slots.acquire(cx).await?;\n");
        }
        match &spec.on_cancel {
            None => {
                self.sleep_zero_note(&mut text, spec.delay_ms, 4);
                let _ = writeln!(text, "    cx.sleep({}).await?;", spec.delay_ms);
                text.push_str(&finish(4, "", &spec.result, ""));
            }
            Some(cleanup) => {
                self.sleep_zero_note(&mut text, spec.delay_ms, 4);
                let _ = writeln!(text, "    if cx.sleep({}).await.is_err() {{", spec.delay_ms);
                self.note(
                    &mut text,
                    8,
                    "E4: a cancellation arrives at the child's await, here: caught, the \
                     child cleans up, then finishes its own way. A second cancel interrupts \
                     the cleanup.",
                );
                self.sleep_zero_note(&mut text, cleanup.delay_ms, 8);
                let _ = writeln!(text, "        cx.sleep({}).await?;", cleanup.delay_ms);
                text.push_str(&finish(8, "return ", &cleanup.result, ";"));
                text.push_str("    }\n");
                text.push_str(&finish(4, "", &spec.result, ""));
            }
        }
        text.push_str("}\n");
        text
    }

    pub(super) fn sleep_zero_note(&mut self, out: &mut String, delay_ms: u64, indent: usize) {
        if delay_ms == 0 {
            self.note(
                out,
                indent,
                "H5: sleep(0) sets no timer: it is one yield to the loop.",
            );
        }
    }
}

/// The line (or lines) returning `result` at `indent`.
pub(super) fn finish(indent: usize, prefix: &str, result: &ResultSpec, suffix: &str) -> String {
    let pad = " ".repeat(indent);
    match result {
        ResultSpec::Value(value) => {
            let value = literal::json_value(value);
            let line = format!("{pad}{prefix}Ok(json!({value})){suffix}\n");
            // rustfmt keeps `Ok(json!(...))` on one line while `json!(...)` fits its
            // call width.
            if "json!()".len() + width(&value) <= CALL_WIDTH && width(&line) <= MAX_WIDTH + 1 {
                line
            } else {
                format!("{pad}{prefix}Ok(json!(\n{pad}    {value}\n{pad})){suffix}\n")
            }
        }
        ResultSpec::Error(exception) => {
            let arguments = [
                literal::string(exception.type_name()),
                literal::string(exception.message()),
            ];
            let head = format!("{pad}{prefix}Err(Exception::new(");
            let tail = format!(")){suffix}");
            // As for `Ok`: the whole `Exception::new(...)` must fit rustfmt's call width.
            call(&head, &arguments, &tail, indent, "Exception::new()".len())
        }
    }
}
