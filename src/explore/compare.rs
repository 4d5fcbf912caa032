//! One scenario under other ways of awaiting many things at once, beside gather.
//!
//! Over 400 lines with its tests: each combinator's run is a few lines, and they read best
//! beside the one table that names them all.

use crate::scenario::{GatherSpec, NodeSpec, Report, RootCombinator, Run, Scenario, Status};
use crate::{Exception, ReturnWhen, Runtime, VirtualClock};
use futures::future::{abortable, try_join_all, Aborted, LocalBoxFuture};
use futures::FutureExt;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// A way to await a list of children, for [`compare`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Combinator {
    /// `asyncio.gather(*children)`.
    Gather,
    /// `asyncio.gather(*children, return_exceptions=True)`.
    GatherReturnExceptions,
    /// `async with asyncio.TaskGroup()`, see [`task_group`](crate::task_group).
    TaskGroup,
    /// Rust's `futures::future::try_join_all`.
    TryJoinAll,
    /// `asyncio.wait(children, return_when=FIRST_EXCEPTION)`.
    WaitFirstException,
    /// `asyncio.wait(children, return_when=FIRST_COMPLETED)`.
    WaitFirstCompleted,
    /// `for f in asyncio.as_completed(children): await f`, collecting the results.
    AsCompleted,
    /// JavaScript's `Promise.all`.
    PromiseAll,
    /// JavaScript's `Promise.allSettled`.
    PromiseAllSettled,
}

impl Combinator {
    /// Every combinator, in the order a comparison shows them.
    pub const ALL: [Combinator; 9] = [
        Combinator::Gather,
        Combinator::GatherReturnExceptions,
        Combinator::TaskGroup,
        Combinator::WaitFirstException,
        Combinator::WaitFirstCompleted,
        Combinator::AsCompleted,
        Combinator::TryJoinAll,
        Combinator::PromiseAll,
        Combinator::PromiseAllSettled,
    ];

    /// How the combinator is written in its language.
    pub fn name(self) -> &'static str {
        match self {
            Combinator::Gather => "asyncio.gather",
            Combinator::GatherReturnExceptions => "asyncio.gather(return_exceptions=True)",
            Combinator::TaskGroup => "asyncio.TaskGroup",
            Combinator::WaitFirstException => "asyncio.wait(return_when=FIRST_EXCEPTION)",
            Combinator::WaitFirstCompleted => "asyncio.wait(return_when=FIRST_COMPLETED)",
            Combinator::AsCompleted => "asyncio.as_completed",
            Combinator::TryJoinAll => "futures::future::try_join_all",
            Combinator::PromiseAll => "Promise.all",
            Combinator::PromiseAllSettled => "Promise.allSettled",
        }
    }

    /// Whether it runs as real JavaScript promises (in the browser only).
    pub fn is_javascript(self) -> bool {
        matches!(self, Combinator::PromiseAll | Combinator::PromiseAllSettled)
    }
}

/// What became of one child of the root under a combinator.
#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    /// It finished on its own, at `at_ms`.
    Finished {
        /// How.
        status: Status,
        /// When, in ms from the start.
        at_ms: u64,
    },
    /// Its future was dropped unfinished at `at_ms` (Rust): it simply stops, no cleanup.
    Dropped {
        /// When, in ms from the start.
        at_ms: u64,
    },
}

impl Fate {
    /// When it finished or was dropped.
    pub fn at_ms(&self) -> u64 {
        match self {
            Fate::Finished { at_ms, .. } | Fate::Dropped { at_ms } => *at_ms,
        }
    }
}

/// How one combinator handled the scenario's root and its direct children.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Which combinator.
    pub combinator: Combinator,
    /// What awaiting it gave: a list of values, an exception, or cancelled.
    pub outcome: Status,
    /// When that was, in ms from the start.
    pub done_at_ms: u64,
    /// Each child of the root, in argument order.
    pub children: Vec<Fate>,
    /// For a TaskGroup's `ExceptionGroup`: its exceptions, in the order they were raised.
    pub errors: Vec<Exception>,
}

impl Comparison {
    /// When the last child finished or was dropped (the run's real end).
    pub fn last_child_ms(&self) -> u64 {
        self.children
            .iter()
            .map(Fate::at_ms)
            .max()
            .unwrap_or(0)
            .max(self.done_at_ms)
    }
}

/// Runs `scenario` under `combinator` on a virtual clock (exact times, at once), in place
/// of its root gather; nested gathers stay as they are, except under
/// [`Combinator::TryJoinAll`], where each nested gather is a nested `try_join_all`.
///
/// - Gather, with `return_exceptions` off and on: the scenario as is, the root's flag set.
/// - TaskGroup: the root's children in a task group; its `cancel_at_ms` cancels the group.
/// - try_join_all: the real `futures` combinator over futures that sleep on the virtual
///   clock. A `cancel_at_ms` is an [`abortable`] future's abort, which ends that future
///   with an error (`Aborted`), so it fails the join like any error; the first error
///   anywhere drops every future still running, without cleanups (`on_cancel` never
///   runs) and without limits (`limit` is ignored).
///
/// The JavaScript combinators need the browser's event loop: `None` for them.
///
/// # Examples
///
/// ```
/// use gather_playground::explore::{compare, Combinator, Fate};
/// use gather_playground::scenario::{Scenario, Status};
///
/// let scenario = Scenario::from_json(r#"{"version": 1, "children": [
///     {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}},
///     {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2},
///      "on_cancel": {"delay_ms": 50, "result": {"value": "cleaned"}}}]}"#).unwrap();
/// let gather = compare(&scenario, Combinator::Gather).unwrap();
/// assert_eq!((gather.done_at_ms, gather.children[1].at_ms()), (100, 300), "B runs on");
/// let group = compare(&scenario, Combinator::TaskGroup).unwrap();
/// assert_eq!(group.done_at_ms, 150, "B was cancelled, and the group waited for its cleanup");
/// let join = compare(&scenario, Combinator::TryJoinAll).unwrap();
/// assert_eq!(join.children[1], Fate::Dropped { at_ms: 100 });
/// assert!(compare(&scenario, Combinator::PromiseAll).is_none());
/// ```
pub fn compare(scenario: &Scenario, combinator: Combinator) -> Option<Comparison> {
    let clock = VirtualClock::new();
    let runtime = clock.runtime();
    let report = |root: RootCombinator, scenario: &Scenario| {
        let live = Run::start_with(runtime.clone(), scenario, root, |_| {});
        clock.block_on(live.report())
    };
    let from_report = |report: Report| Comparison {
        combinator,
        outcome: report.status,
        done_at_ms: report.done_at_ms,
        children: report
            .children
            .unwrap_or_default()
            .into_iter()
            .map(|child| Fate::Finished {
                status: child.status,
                at_ms: child.done_at_ms,
            })
            .collect(),
        errors: Vec::new(),
    };
    match combinator {
        Combinator::Gather | Combinator::GatherReturnExceptions => {
            let mut scenario = scenario.clone();
            scenario.root.return_exceptions = combinator == Combinator::GatherReturnExceptions;
            report(RootCombinator::Gather, &scenario).map(from_report)
        }
        Combinator::TaskGroup => report(RootCombinator::TaskGroup, scenario).map(|report| {
            // Only an ExceptionGroup carries the children's errors.
            let errors = if matches!(report.status, Status::Raised { .. }) {
                report_errors(&report)
            } else {
                Vec::new()
            };
            Comparison {
                errors,
                ..from_report(report)
            }
        }),
        Combinator::WaitFirstException => {
            report(RootCombinator::Wait(ReturnWhen::FirstException), scenario).map(from_report)
        }
        Combinator::WaitFirstCompleted => {
            report(RootCombinator::Wait(ReturnWhen::FirstCompleted), scenario).map(from_report)
        }
        Combinator::AsCompleted => report(RootCombinator::AsCompleted, scenario).map(from_report),
        Combinator::TryJoinAll => Some(join_all_tree(&clock, &scenario.root)),
        Combinator::PromiseAll | Combinator::PromiseAllSettled => None,
    }
}

/// The exceptions the root's children raised, in the order they were raised: a
/// TaskGroup's `ExceptionGroup`.
fn report_errors(report: &Report) -> Vec<Exception> {
    let children: Vec<_> = report.children.iter().flatten().collect();
    let mut raised: Vec<(u64, usize)> = children
        .iter()
        .enumerate()
        .filter(|(_, child)| matches!(child.status, Status::Raised { .. }))
        .map(|(position, child)| (child.done_at_ms, position))
        .collect();
    // Plain `(u64, usize)` pairs in their own order, as the page sorts everything: its wasm
    // then carries one copy of the standard sort (~4 KB each) instead of one per sort.
    raised.sort();
    raised
        .into_iter()
        .filter_map(|(_, position)| match &children[position].status {
            Status::Raised { exception, message } => {
                Some(Exception::new(exception.as_str(), message.as_str()))
            }
            _ => None,
        })
        .collect()
}

/// The fates of the root's children, filled in as they finish or are dropped.
type Fates = Rc<RefCell<Vec<Option<Fate>>>>;

fn join_all_tree(clock: &VirtualClock, root: &GatherSpec) -> Comparison {
    let runtime = clock.runtime();
    let fates: Fates = Rc::new(RefCell::new(vec![None; root.children.len()]));
    let children: Vec<_> = root
        .children
        .iter()
        .enumerate()
        .map(|(position, child)| {
            let future = join_node(&runtime, child);
            watched(&runtime, future, Rc::clone(&fates), position)
        })
        .collect();
    let joined = aborted_at(&runtime, root.cancel_at_ms, join_list(children));
    let finished = clock.block_on({
        let runtime = runtime.clone();
        async move {
            let result = joined.await;
            (result, runtime.now_ms() as u64)
        }
    });
    let (result, done_at_ms) = finished.unwrap_or((Err(aborted_error()), 0));
    let children = fates
        .borrow()
        .iter()
        .cloned()
        .map(|fate| fate.unwrap_or(Fate::Dropped { at_ms: done_at_ms }))
        .collect();
    Comparison {
        combinator: Combinator::TryJoinAll,
        outcome: Status::from_result(result),
        done_at_ms,
        children,
        errors: Vec::new(),
    }
}

type Joined = LocalBoxFuture<'static, Result<Value, Exception>>;

fn join_node(runtime: &Runtime, node: &NodeSpec) -> Joined {
    match node {
        NodeSpec::Future(spec) => {
            let (sleeper, delay_ms, result) = (runtime.clone(), spec.delay_ms, spec.result.clone());
            let body = async move {
                sleeper.sleep(delay_ms).await;
                result.to_result()
            };
            aborted_at(runtime, spec.cancel_at_ms, body)
        }
        NodeSpec::Gather(spec) => {
            let children = spec
                .children
                .iter()
                .map(|child| join_node(runtime, child))
                .collect();
            aborted_at(runtime, spec.cancel_at_ms, join_list(children))
        }
    }
}

fn join_list(children: Vec<Joined>) -> Joined {
    try_join_all(children)
        .map(|joined| joined.map(Value::Array))
        .boxed_local()
}

/// `future`, made abortable and aborted at `cancel_at_ms` (from the start) if it has one.
fn aborted_at(
    runtime: &Runtime,
    cancel_at_ms: Option<u64>,
    future: impl std::future::Future<Output = Result<Value, Exception>> + 'static,
) -> Joined {
    let Some(at_ms) = cancel_at_ms else {
        return future.boxed_local();
    };
    let (future, handle) = abortable(future);
    let timer = runtime.clone();
    let deadline_ms = at_ms.saturating_sub(runtime.now_ms() as u64);
    runtime.spawn_detached(async move {
        timer.sleep(deadline_ms).await;
        handle.abort();
    });
    future
        .map(|result| result.unwrap_or_else(|Aborted| Err(aborted_error())))
        .boxed_local()
}

fn aborted_error() -> Exception {
    Exception::new("Aborted", "")
}

/// Records the fate of a root child: finished, or dropped unfinished.
struct Watch {
    runtime: Runtime,
    fates: Fates,
    position: usize,
    finished: bool,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if !self.finished {
            let at_ms = self.runtime.now_ms() as u64;
            self.fates.borrow_mut()[self.position] = Some(Fate::Dropped { at_ms });
        }
    }
}

fn watched(runtime: &Runtime, future: Joined, fates: Fates, position: usize) -> Joined {
    let mut watch = Watch {
        runtime: runtime.clone(),
        fates,
        position,
        finished: false,
    };
    async move {
        let result = future.await;
        watch.finished = true;
        let fate = Fate::Finished {
            status: Status::from_result(result.clone()),
            at_ms: watch.runtime.now_ms() as u64,
        };
        watch.fates.borrow_mut()[watch.position] = Some(fate);
        result
    }
    .boxed_local()
}

#[cfg(test)]
mod tests {
    use super::{compare, Combinator, Fate};
    use crate::scenario::{Scenario, Status};
    use crate::Exception;
    use serde_json::json;

    fn scenario(value: serde_json::Value) -> Scenario {
        Scenario::from_value(&value).unwrap()
    }

    #[test]
    fn task_group_collects_errors_raised_in_cleanups_and_waits_for_them() {
        let scenario = scenario(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "a"}}},
            {"kind": "future", "label": "B", "delay_ms": 500, "result": {"value": 1},
             "on_cancel": {"delay_ms": 40, "result": {"error": {"type": "KeyError", "message": "b"}}}},
            {"kind": "gather", "label": "inner", "children": [
                {"kind": "future", "label": "C", "delay_ms": 900, "result": {"value": 2}}]}]}));
        let group = compare(&scenario, Combinator::TaskGroup).unwrap();
        assert_eq!(group.done_at_ms, 140);
        assert_eq!(
            group.errors,
            [
                Exception::new("ValueError", "a"),
                Exception::new("KeyError", "b")
            ]
        );
        assert_eq!(
            group.outcome,
            Status::Raised {
                exception: "ExceptionGroup".into(),
                message: "unhandled errors in a TaskGroup (2 sub-exceptions)".into()
            }
        );
        assert!(matches!(
            group.children[2],
            Fate::Finished {
                status: Status::Cancelled,
                at_ms: 100
            }
        ));
    }

    #[test]
    fn try_join_all_fails_on_a_nested_error_or_an_abort_and_drops_the_rest() {
        let scenario = scenario(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
            {"kind": "gather", "label": "inner", "return_exceptions": true, "children": [
                {"kind": "future", "label": "B", "delay_ms": 500, "result": {"value": 2}, "cancel_at_ms": 200}]},
            {"kind": "future", "label": "C", "delay_ms": 50, "result": {"value": 3}}]}));
        let join = compare(&scenario, Combinator::TryJoinAll).unwrap();
        assert_eq!(join.done_at_ms, 200);
        assert_eq!(
            join.outcome,
            Status::Raised {
                exception: "Aborted".into(),
                message: String::new()
            }
        );
        assert_eq!(join.children[0], Fate::Dropped { at_ms: 200 });
        assert!(matches!(
            join.children[1],
            Fate::Finished { at_ms: 200, .. }
        ));
        assert!(matches!(join.children[2], Fate::Finished { at_ms: 50, .. }));
        let gather = compare(&scenario, Combinator::Gather).unwrap();
        let rex = compare(&scenario, Combinator::GatherReturnExceptions).unwrap();
        assert_eq!(
            gather.done_at_ms, 300,
            "the inner gather returned B's CancelledError"
        );
        assert_eq!(rex.outcome, gather.outcome);
    }

    #[test]
    fn wait_returns_done_and_pending_and_as_completed_raises_in_completion_order() {
        let scenario = scenario(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"error": {"type": "KeyError"}}},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}},
            {"kind": "future", "label": "C", "delay_ms": 200, "result": {"error": {"type": "ValueError"}}}]}));
        let first_exception = compare(&scenario, Combinator::WaitFirstException).unwrap();
        assert_eq!(
            (&first_exception.outcome, first_exception.done_at_ms),
            (
                &Status::Ok {
                    value: json!({"done": [1, 2], "pending": [0]})
                },
                200
            )
        );
        assert_eq!(
            first_exception.children[0].at_ms(),
            300,
            "nothing is cancelled"
        );
        let first_completed = compare(&scenario, Combinator::WaitFirstCompleted).unwrap();
        assert_eq!(
            first_completed.outcome,
            Status::Ok {
                value: json!({"done": [1], "pending": [0, 2]})
            }
        );
        let looped = compare(&scenario, Combinator::AsCompleted).unwrap();
        assert_eq!(
            (&looped.outcome, looped.done_at_ms),
            (
                &Status::Raised {
                    exception: "ValueError".into(),
                    message: String::new()
                },
                200
            ),
            "C fails first in completion order, A runs on"
        );
    }

    #[test]
    fn the_same_outcome_everywhere_when_nothing_fails() {
        let scenario = scenario(json!({"version": 1, "children": [
            {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
            {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}}]}));
        let gather = compare(&scenario, Combinator::Gather).unwrap();
        for combinator in [
            Combinator::GatherReturnExceptions,
            Combinator::TaskGroup,
            Combinator::TryJoinAll,
        ] {
            let other = compare(&scenario, combinator).unwrap();
            assert_eq!(
                (&other.outcome, other.done_at_ms),
                (&gather.outcome, 300),
                "{combinator:?}"
            );
        }
    }
}
