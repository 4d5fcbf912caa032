//! The rules of docs/semantics.md, by id: what the page's explanations cite.

use crate::scenario::Scenario;

/// A rule of gather's semantics (and its neighbours'), as `docs/semantics.md` numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // Each is documented by `summary()`, in words.
pub enum Rule {
    A1,
    A2,
    B1,
    B2,
    B3,
    C1,
    C2,
    C3,
    D1,
    E1,
    E2,
    E3,
    E4,
    E6,
    E7,
    H1,
    H4,
    H5,
    H6,
    H7,
    L1,
    L2,
    L3,
    W1,
    W2,
    W3,
    W4,
}

impl Rule {
    /// Every rule, in the reference's order.
    pub const ALL: [Rule; 27] = [
        Rule::A1,
        Rule::A2,
        Rule::B1,
        Rule::B2,
        Rule::B3,
        Rule::C1,
        Rule::C2,
        Rule::C3,
        Rule::D1,
        Rule::E1,
        Rule::E2,
        Rule::E3,
        Rule::E4,
        Rule::E6,
        Rule::E7,
        Rule::H1,
        Rule::H4,
        Rule::H5,
        Rule::H6,
        Rule::H7,
        Rule::L1,
        Rule::L2,
        Rule::L3,
        Rule::W1,
        Rule::W2,
        Rule::W3,
        Rule::W4,
    ];

    /// Its id in docs/semantics.md: `"E2"`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::A1 => "A1",
            Rule::A2 => "A2",
            Rule::B1 => "B1",
            Rule::B2 => "B2",
            Rule::B3 => "B3",
            Rule::C1 => "C1",
            Rule::C2 => "C2",
            Rule::C3 => "C3",
            Rule::D1 => "D1",
            Rule::E1 => "E1",
            Rule::E2 => "E2",
            Rule::E3 => "E3",
            Rule::E4 => "E4",
            Rule::E6 => "E6",
            Rule::E7 => "E7",
            Rule::H1 => "H1",
            Rule::H4 => "H4",
            Rule::H5 => "H5",
            Rule::H6 => "H6",
            Rule::H7 => "H7",
            Rule::L1 => "L1",
            Rule::L2 => "L2",
            Rule::L3 => "L3",
            Rule::W1 => "W1",
            Rule::W2 => "W2",
            Rule::W3 => "W3",
            Rule::W4 => "W4",
        }
    }

    /// The rule with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.id() == id)
    }

    /// The rule in plain words, one sentence.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::A1 => "gather wraps each child in a task at once; the tasks take their first step on the loop's next turn, in argument order, and run concurrently.",
            Rule::A2 => "A gather of no children is done at once, with the result [].",
            Rule::B1 => "The result list follows argument order, never the order the children finished in.",
            Rule::B2 => "Without a failure, the outer completes when its last child does.",
            Rule::B3 => "With return_exceptions=True a failed child's exception takes its place in the list, and a cancelled child's a fresh CancelledError('').",
            Rule::C1 => "Without return_exceptions, the first child to fail (first in time, not in argument order) completes the outer at once with that exception.",
            Rule::C2 => "The other children are not cancelled: they run to their own end, and their later exceptions are dropped silently.",
            Rule::C3 => "A child that ends cancelled fails the outer at once with CancelledError, while its siblings run on.",
            Rule::D1 => "With return_exceptions=True nothing short-circuits: the outer waits for every child.",
            Rule::E1 => "cancel() on something already done returns False and does nothing, even if children of a gather still run.",
            Rule::E2 => "cancel() on a gather calls cancel() on every child, and returns True if any accepted; if every child was done it returns False.",
            Rule::E3 => "Once its cancel was accepted, a gather raises CancelledError when it completes, even if every child caught the cancellation and returned a value.",
            Rule::E4 => "A cancellation is a request delivered at the child's current await: it may catch it, clean up, then return or raise; a second one interrupts the cleanup.",
            Rule::E6 => "Cancelling a gather cancels the gathers nested in it, and so their children, recursively.",
            Rule::E7 => "Cancelling what awaits a gather, a timeout around it say, cancels the gather and so every child still running.",
            Rule::H1 => "Timers due at the same time run in the order they were set, all in one turn of the loop, before what they schedule.",
            Rule::H4 => "A cancel due at the very moment a sleep ends wins: the task has not stepped yet, so its next step raises CancelledError.",
            Rule::H5 => "asyncio.sleep(0) sets no timer: it yields to the loop once.",
            Rule::H6 => "The cancel times are set by main before any child runs, so they come before the children's own timers of the same moment (a cancel at 0 after their first steps).",
            Rule::H7 => "A gather hears of a child a turn after the child ends, and completes then; a child ending later in the same millisecond ends after its gather.",
            Rule::L1 => "With a limit, each child runs inside `async with asyncio.Semaphore(limit):` — it takes a free slot at once, or waits its turn, first come first served, before its delay starts.",
            Rule::L2 => "A slot a child frees goes to the first child waiting, which resumes on a later turn.",
            Rule::L3 => "A child cancelled while it waits for a slot ends cancelled without its cleanup: its `try` had not begun.",
            Rule::W1 => "asyncio.wait_for(node, timeout) cancels the node when the timeout fires, then waits for it to end (cleanups included).",
            Rule::W2 => "wait_for then raises TimeoutError, unless the node caught the cancellation and returned a value, which it returns instead.",
            Rule::W3 => "Cancelling asyncio.shield(node) cancels only the shield, at once; the node runs on to its own end.",
            Rule::W4 => "wait_for(shield(node), timeout) times out without cancelling the work: the shield takes the cancellation.",
        }
    }

    /// The smallest scenario that shows the rule at work.
    pub fn demo(self) -> Scenario {
        // JSON text rather than `json!`, whose expansion was 36 KB of the page's code.
        let text = match self {
            Rule::A1 | Rule::B1 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}},
                {"kind": "future", "label": "C", "delay_ms": 200, "result": {"value": 3}}
            ]}"#
            }
            Rule::A2 => r#"{"version": 1, "label": "main", "children": []}"#,
            Rule::B2 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 200, "result": {"value": 2}}
            ]}"#
            }
            Rule::B3 | Rule::D1 => {
                r#"{"version": 1, "label": "main", "return_exceptions": true, "children": [
                {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}},
                {"kind": "future", "label": "C", "delay_ms": 1000, "result": {"value": 3}, "cancel_at_ms": 200}
            ]}"#
            }
            Rule::C1 | Rule::C2 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 200, "result": {"error": {"type": "KeyError", "message": "boom"}}},
                {"kind": "future", "label": "B", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}},
                {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": 3}}
            ]}"#
            }
            Rule::C3 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2}, "cancel_at_ms": 200},
                {"kind": "future", "label": "C", "delay_ms": 300, "result": {"value": 3}}
            ]}"#
            }
            Rule::E1 => {
                r#"{"version": 1, "label": "main", "cancel_at_ms": 150, "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}},
                {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2}}
            ]}"#
            }
            Rule::E2 => {
                r#"{"version": 1, "label": "main", "cancel_at_ms": 150, "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 300, "result": {"value": 2}}
            ]}"#
            }
            Rule::E3 | Rule::E4 => {
                r#"{"version": 1, "label": "main", "cancel_at_ms": 100, "children": [
                {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": "A"}, "on_cancel": {"delay_ms": 100, "result": {"value": "cleaned up"}}},
                {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": "B"}, "on_cancel": {"delay_ms": 200, "result": {"value": "cleaned up"}}}
            ]}"#
            }
            Rule::E6 => {
                r#"{"version": 1, "label": "main", "cancel_at_ms": 100, "children": [
                {"kind": "gather", "label": "inner", "children": [
                    {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": 1}},
                    {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2}}
                ]},
                {"kind": "future", "label": "C", "delay_ms": 1000, "result": {"value": 3}}
            ]}"#
            }
            Rule::E7 | Rule::W1 | Rule::W2 => {
                r#"{"version": 1, "label": "main", "timeout_ms": 100, "children": [
                {"kind": "future", "label": "A", "delay_ms": 1000, "result": {"value": "A"}, "on_cancel": {"delay_ms": 50, "result": {"value": "cleaned up"}}},
                {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": "B"}, "on_cancel": {"delay_ms": 50, "result": {"value": "cleaned up"}}}
            ]}"#
            }
            Rule::H1 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "KeyError", "message": "boom"}}},
                {"kind": "future", "label": "B", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}}
            ]}"#
            }
            Rule::H4 | Rule::H6 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": "finished"}, "cancel_at_ms": 100},
                {"kind": "future", "label": "B", "delay_ms": 200, "result": {"value": 2}}
            ]}"#
            }
            Rule::H5 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": "own"}, "cancel_at_ms": 100, "on_cancel": {"delay_ms": 0, "result": {"value": "caught"}}}
            ]}"#
            }
            Rule::H7 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"error": {"type": "ValueError", "message": "boom"}}},
                {"kind": "gather", "label": "inner", "children": [
                    {"kind": "future", "label": "X", "delay_ms": 100, "result": {"value": 2}}
                ]}
            ]}"#
            }
            Rule::L1 | Rule::L2 => {
                r#"{"version": 1, "label": "main", "limit": 1, "children": [
                {"kind": "future", "label": "A", "delay_ms": 100, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}},
                {"kind": "future", "label": "C", "delay_ms": 100, "result": {"value": 3}}
            ]}"#
            }
            Rule::L3 => {
                r#"{"version": 1, "label": "main", "return_exceptions": true, "limit": 1, "children": [
                {"kind": "future", "label": "A", "delay_ms": 200, "result": {"value": 1}},
                {"kind": "future", "label": "B", "delay_ms": 100, "result": {"value": 2}, "cancel_at_ms": 100, "on_cancel": {"delay_ms": 50, "result": {"value": "never"}}}
            ]}"#
            }
            Rule::W3 => {
                r#"{"version": 1, "label": "main", "cancel_at_ms": 100, "children": [
                {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": "kept"}, "shield": true},
                {"kind": "future", "label": "B", "delay_ms": 1000, "result": {"value": 2}}
            ]}"#
            }
            Rule::W4 => {
                r#"{"version": 1, "label": "main", "children": [
                {"kind": "future", "label": "A", "delay_ms": 300, "result": {"value": "done"}, "timeout_ms": 100, "shield": true},
                {"kind": "future", "label": "B", "delay_ms": 200, "result": {"value": 2}}
            ]}"#
            }
        };
        // Written here, so any refusal is a bug caught by the rules' own test.
        Scenario::from_json(text).unwrap_or_default()
    }

    /// The event of [`Rule::demo`]'s run at which the rule is at work: the one whose
    /// explanation names it (its kind as [`RunEvent::kind`] names it, the node's label, and
    /// when, on the virtual clock). The explanations' tests hold each rule to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use gather_playground::explain::{DemoEvent, Rule};
    ///
    /// let shown = Rule::C1.demo_event();
    /// assert_eq!(shown, DemoEvent { kind: "finished", node: "main", at_ms: 100.0 });
    /// ```
    ///
    /// [`RunEvent::kind`]: crate::scenario::RunEvent::kind
    pub fn demo_event(self) -> DemoEvent {
        let (kind, node, at_ms) = match self {
            Rule::A1 => ("started", "A", 0.0),
            Rule::A2 => ("finished", "main", 0.0),
            Rule::B1 => ("finished", "main", 300.0),
            Rule::B2 => ("finished", "main", 200.0),
            Rule::B3 => ("finished", "main", 300.0),
            Rule::D1 => ("finished", "main", 300.0),
            Rule::C1 => ("finished", "main", 100.0),
            Rule::C2 => ("finished", "C", 300.0),
            Rule::C3 => ("finished", "main", 200.0),
            Rule::E1 => ("cancel", "main", 150.0),
            Rule::E2 => ("cancel", "main", 150.0),
            Rule::E3 => ("finished", "main", 300.0),
            Rule::E4 => ("cleanup", "A", 100.0),
            Rule::E6 => ("cancel", "inner", 100.0),
            Rule::E7 => ("cancel", "main", 100.0),
            Rule::H1 => ("finished", "main", 100.0),
            Rule::H4 => ("finished", "A", 100.0),
            Rule::H5 => ("finished", "A", 100.0),
            Rule::H6 => ("cancel", "A", 100.0),
            Rule::H7 => ("finished", "inner", 100.0),
            Rule::L1 => ("slot", "A", 0.0),
            Rule::L2 => ("slot", "B", 100.0),
            Rule::L3 => ("finished", "B", 100.0),
            Rule::W1 => ("timeout", "main", 100.0),
            Rule::W2 => ("received", "main", 150.0),
            Rule::W3 => ("received", "A", 100.0),
            Rule::W4 => ("received", "A", 100.0),
        };
        DemoEvent { kind, node, at_ms }
    }
}

/// An event of a rule's demo, by what a reader sees of it ([`Rule::demo_event`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DemoEvent {
    /// As [`RunEvent::kind`](crate::scenario::RunEvent::kind) names it.
    pub kind: &'static str,
    /// The label of the node it happened to.
    pub node: &'static str,
    /// On the virtual clock, from the run's start.
    pub at_ms: f64,
}
