//! The programs' fixed text: the headers, `watch()`, the outcome and its helpers, and the
//! comment of each rule a line shows.

use super::statements::Note;

pub(super) const HEADER: &str = r#""""A gather-playground scenario as a plain asyncio program.

Run it with `python3 program.py` (Python 3.11 or later). Its sleeps are real: 300 ms sleeps
0.3 s. The comments cite the rules of the playground's docs/semantics.md (B1, C1, ...). The
last line it prints is the outcome as the playground reports it.
"#;

pub(super) const HEADER_INSTRUMENTED: &str = r#""""A gather-playground scenario as an asyncio program that shows its work.

Run it with `python3 program.py` (Python 3.11 or later). Its sleeps are real: 300 ms sleeps
0.3 s. It prints every task's, shield's and gather's end as it comes, waits for every
child, and prints last the outcome as the playground reports it.
"#;

pub(super) const HEADER_GUARDS: &str = r#"
Its timeouts and shields behave as the playground shows them on Python 3.12 or later, where
asyncio.wait_for runs the awaited coroutine in its own task (rules W).
"#;

pub(super) const WATCH: &str = r#"def watch(name, future):
    """Prints how `future` ends, and when: ms since it was created here."""
    loop = asyncio.get_running_loop()
    start = loop.time()

    def report(done):
        at = round((loop.time() - start) * 1000)
        if done.cancelled():
            how = "cancelled"
        elif done.exception() is not None:
            how = f"raised {done.exception()!r}"
        else:
            how = f"returned {done.result()!r}"
        print(f"{at:>7} ms  {name!r} {how}")

    future.add_done_callback(report)
    return future
"#;

pub(super) const AWAIT_OUTER: &str = r#"    except asyncio.CancelledError:
        print("gather was cancelled")
        outcome = {"status": "cancelled"}
    except Exception as error:
        print(f"gather raised {error!r}")
        outcome = {
            "status": "raised",
            "exception": type(error).__name__,
            "message": message_of(error),
        }
    else:
        print(f"gather returned {results!r}")
        outcome = {"status": "ok", "value": to_json(results)}
"#;

pub(super) const OUTCOME: &str = r#"

# What follows only prints the outcome as the playground reports it, to compare this run
# with the playground's.
def outcome():
    try:
        results = asyncio.run(main())
    except asyncio.CancelledError:
        return {"status": "cancelled"}
    except Exception as error:
        return {
            "status": "raised",
            "exception": type(error).__name__,
            "message": message_of(error),
        }
    return {"status": "ok", "value": to_json(results)}
"#;

pub(super) const HELPERS: &str = r#"

def message_of(error):
    return str(error.args[0]) if error.args else ""


def to_json(results):
    """gather's results as JSON: lists stay lists, exceptions become objects."""
    if isinstance(results, list):
        return [to_json(item) for item in results]
    if isinstance(results, BaseException):
        return {"exception": type(results).__name__, "message": message_of(results)}
    return results
"#;

/// The text of a note.
pub(super) fn note_text(note: Note) -> &'static str {
    match note {
        Note::Gather {
            return_exceptions: false,
            nested: false,
        } => {
            "B1: the results come in argument order. C1: the first exception propagates at \
             once, and the other children keep running (C2)."
        }
        Note::Gather {
            return_exceptions: true,
            nested: false,
        } => {
            "B1, D1: the results come in argument order, exceptions in their place (B3); \
             nothing short-circuits."
        }
        Note::Gather {
            return_exceptions: false,
            nested: true,
        } => {
            "E6: a nested gather is one child of its parent: its list is one result, its \
             failure (C1) one child's failure."
        }
        Note::Gather {
            return_exceptions: true,
            nested: true,
        } => {
            "E6, D1: a nested gather is one child of its parent: its whole list, exceptions \
             in place, is one result."
        }
        Note::InOrder { nested: false } => {
            "B1: the results come in argument order, not in the order the children finish."
        }
        Note::InOrder { nested: true } => {
            "E6: a nested gather is one child of its parent: its list is one result."
        }
        Note::FutureTimeout => {
            "W1, W2: when the timeout passes, the child is cancelled; once it has ended, \
             TimeoutError (or its value, if it caught the cancellation and returned)."
        }
        Note::FutureShield => {
            "W3: cancelling the shield (its gather cancelled, say) leaves the child running."
        }
        Note::FutureShieldTimeout => {
            "W4: TimeoutError when the timeout passes, without cancelling the child: the \
             shield takes the cancellation."
        }
        Note::GatherTimeout => {
            "W1, W2: when the timeout passes, this gather and so each of its children is \
             cancelled; TimeoutError once all have ended, cleanups included."
        }
        Note::GatherShield => {
            "W3: cancelling the shield leaves this gather and its children running."
        }
        Note::GatherShieldTimeout => {
            "W4: TimeoutError when the timeout passes, without cancelling this gather: the \
             shield takes the cancellation."
        }
        Note::RootTimeout => {
            "W1, W2: when the timeout passes, main is cancelled, and so the gather and each \
             child (E7); TimeoutError once they have all ended."
        }
    }
}
