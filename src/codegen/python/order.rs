//! What the Python program's `main()` creates, as statements and expressions, before they
//! are written out: chosen so that evaluating them creates the scenario's tasks in the
//! reference's order (see [`plan`](crate::codegen::plan)), and checked to, by following Python's
//! evaluation of them.
//!
//! Python's natural spelling does not keep that order: `asyncio.gather(a(), gather(b(),
//! c()), d())` evaluates its arguments first, so the nested gather wraps b and c in tasks
//! before the outer gather wraps a and d: b, c, a, d. `asyncio.shield(a())` wraps `a()` at
//! once; `asyncio.wait_for(a(), t)` is a coroutine that its gather wraps later. So `main()`
//! creates some tasks itself, first, with `asyncio.create_task`: a prefix of the
//! reference's order, as short as it can be. Tasks that are cancelled at a set time need a
//! name anyway, so the prefix reaches at least the last of them.
//!
//! This file chooses that prefix and checks it; `emit.rs` spells `main()` for a given one.

use super::emit::Emitter;
use super::statements::{Expr, Functions, Main, Style};
use crate::codegen::names::Namespace;
use crate::codegen::plan::{Event, Tree};
use std::collections::{HashMap, HashSet};

/// The first `main()` that creates the scenario's tasks in the reference's order, with as
/// few tasks created first as can be; with `style.instrumented`, the one that creates
/// every task first.
pub(crate) fn plan_main(
    tree: &Tree<'_>,
    functions: &Functions,
    names: &Namespace,
    style: Style,
) -> (Main, Namespace) {
    let root_event = tree
        .events
        .last()
        .is_some_and(|event| *event == Event::Gather(0));
    // Hoisting the root's own creation means nothing: it is created last anyway.
    let most = tree.events.len() - usize::from(root_event);
    let least = if style.instrumented {
        most
    } else {
        let positions: HashMap<Event, usize> = tree
            .events
            .iter()
            .enumerate()
            .map(|(position, event)| (*event, position))
            .collect();
        tree.cancels()
            .iter()
            .filter_map(|&(_, node)| tree.cancelled_event(node))
            .filter_map(|event| positions.get(&event))
            .map(|position| position + 1)
            .max()
            .unwrap_or(0)
    };
    let attempt = |hoisted: usize| {
        let mut names = names.clone();
        let main = Emitter::run(tree, functions, &mut names, style, hoisted);
        let exact = creation_order(tree, &main) == tree.events;
        (main, names, exact)
    };
    let first = attempt(least);
    if first.2 {
        return (first.0, first.1);
    }
    // Hoisting more never breaks an order that a shorter prefix kept (the tasks left to
    // Python's spelling only lose their left part), so the shortest prefix that works is
    // found by bisection; every candidate is checked, and all of it always works.
    let (mut failing, mut working) = (least, most);
    while working - failing > 1 {
        let middle = failing + (working - failing) / 2;
        if attempt(middle).2 {
            working = middle;
        } else {
            failing = middle;
        }
    }
    let (main, names, exact) = attempt(working);
    debug_assert!(
        exact,
        "creating every task first keeps the reference's order"
    );
    (main, names)
}

/// What evaluating an expression gives: a coroutine (and what wrapping it creates), or a
/// future.
enum Evaluated {
    Coroutine(Option<Event>),
    Future,
}

/// The events main's statements create, in order, as Python evaluates them: arguments
/// left to right, `create_task` and `shield` wrapping a coroutine at once, `gather`
/// wrapping its coroutine arguments once all its arguments are evaluated, in order.
pub(crate) fn creation_order(tree: &Tree<'_>, main: &Main) -> Vec<Event> {
    let counted: HashSet<Event> = tree.events.iter().copied().collect();
    let mut created = Vec::new();
    let statements = main.statements.iter().chain(&main.root_statement);
    for statement in statements {
        evaluate(&statement.expr, &mut created);
    }
    // main awaits a coroutine (the root's wait_for) itself: no task.
    evaluate(&main.awaited, &mut created);
    created.retain(|event| counted.contains(event));
    created
}

fn evaluate(expr: &Expr, created: &mut Vec<Event>) -> Evaluated {
    match expr {
        Expr::Call(node) => Evaluated::Coroutine(Some(Event::Task(*node))),
        Expr::Name(_) => Evaluated::Future,
        Expr::CreateTask(inner) | Expr::Shield(inner) => {
            if let Evaluated::Coroutine(Some(event)) = evaluate(inner, created) {
                created.push(event);
            }
            Evaluated::Future
        }
        Expr::WaitFor { inner, node, .. } => {
            // The coroutine it is given runs inside it (a timeout is at least 1 ms).
            evaluate(inner, created);
            Evaluated::Coroutine(node.map(Event::WaitFor))
        }
        Expr::Gather { node, args } => {
            let wrapped: Vec<Evaluated> = args
                .iter()
                .map(|arg| evaluate(&arg.expr, created))
                .collect();
            for argument in wrapped {
                if let Evaluated::Coroutine(Some(event)) = argument {
                    created.push(event);
                }
            }
            created.push(Event::Gather(*node));
            Evaluated::Future
        }
        Expr::Watch { future, .. } => evaluate(future, created),
    }
}
