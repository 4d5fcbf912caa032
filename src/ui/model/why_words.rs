//! Why each event of a run happened, in words: the one place these sentences are made (the
//! outcome's, the lanes' and the slots' are built on them in `why_summaries.rs`), all from
//! the run's own causal record (`Explained`), each naming the rules of docs/semantics.md
//! that decided it, in brackets: "[C1, C2]".
//!
//! Statuses are told by `describe_status`, nodes named by `node_name` and guarded ones by
//! `guarded_name`: the words the log and the outcome use. Times are the run's own, and
//! nothing else in a sentence depends on them, so a real run's sentences are its
//! prediction's with other times.
//!
//! Over 400 lines: one sentence per kind of event and cause, which read best side by side.

use super::explained::Explained;
use super::numbers::{ms_text, plural};
use super::wording::{describe_status, guarded_name, python_bool, Ending};
use gather_playground::explain::{Refusal, Rule};
use gather_playground::scenario::{CancelSource, NodeId, RunEvent, Status};

/// " [C1, C2]", or nothing for no rule.
pub fn rules_text(rules: &[Rule]) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let ids: Vec<&str> = rules.iter().map(|rule| rule.id()).collect();
    format!(" [{}]", ids.join(", "))
}

/// "A", "A and B", "A, B and C", "A, B, C and 7 others".
pub(super) fn names_list(names: &[String]) -> String {
    const SHOWN: usize = 3;
    match names {
        [] => String::new(),
        [one] => one.clone(),
        _ if names.len() <= SHOWN => format!(
            "{} and {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
        _ => format!(
            "{} and {}",
            names[..SHOWN].join(", "),
            plural(names.len() - SHOWN, "other", "others")
        ),
    }
}

/// The rules a sentence cites: the event's own, then those of the `cancel()` that a gather,
/// a timeout or a group passed on to it, which is why it was cancelled at all (E2, E6).
fn cited(ex: &Explained, index: usize) -> Vec<Rule> {
    let Some(why) = ex.whys.get(index) else {
        return Vec::new();
    };
    let mut rules = why.rules.clone();
    let passed_on = why.cause.filter(|cause| {
        matches!(ex.events.get(*cause), Some(RunEvent::CancelCalled { source, .. })
            if !matches!(source, CancelSource::Scheduled | CancelSource::User))
    });
    if let Some(cause) = passed_on.and_then(|cause| ex.whys.get(cause)) {
        for rule in &cause.rules {
            if !rules.contains(rule) {
                rules.push(*rule);
            }
        }
    }
    rules
}

/// "cancel() on main at 150 ms (its cancel time)": one call, and who made it.
pub(super) fn call_words(ex: &Explained, call: usize) -> String {
    let Some(RunEvent::CancelCalled {
        node,
        at_ms,
        source,
        ..
    }) = ex.events.get(call)
    else {
        return "a cancel() call".into();
    };
    let by = match source {
        CancelSource::Scheduled => "its cancel time".to_owned(),
        CancelSource::User => "yours, by hand".to_owned(),
        CancelSource::Gather { gather } => format!("passed on by {}", ex.name(*gather)),
        CancelSource::TaskGroup => "by the TaskGroup".to_owned(),
        CancelSource::Timeout => "by its timeout".to_owned(),
        CancelSource::WaitFor => "passed on by its wait_for".to_owned(),
    };
    format!(
        "cancel() on {} at {} ({by})",
        ex.name(*node),
        ms_text(*at_ms)
    )
}

/// How a `cancel()` came about, from the call that began it: "cancel() on main at 100 ms
/// (its cancel time), passed on to inner, then to A".
pub(super) fn cancel_story(ex: &Explained, call: usize) -> String {
    let mut calls = vec![call];
    let mut current = call;
    while let Some(RunEvent::CancelCalled {
        source: CancelSource::Gather { .. } | CancelSource::WaitFor,
        ..
    }) = ex.events.get(current)
    {
        match ex.whys.get(current).and_then(|why| why.cause) {
            // Causes come before what they cause: the walk ends.
            Some(cause)
                if cause < current
                    && matches!(ex.events.get(cause), Some(RunEvent::CancelCalled { .. })) =>
            {
                calls.push(cause);
                current = cause;
            }
            _ => break,
        }
    }
    calls.reverse();
    let mut text = call_words(ex, calls[0]);
    for (step, later) in calls[1..].iter().enumerate() {
        let to = if step == 0 { "passed on to" } else { "then to" };
        text.push_str(&format!(", {to} {}", ex.name(ex.events[*later].node())));
    }
    text
}

/// The story as the subject of a verb: a comma closes its "passed on to …".
fn story_subject(ex: &Explained, call: usize) -> String {
    let story = cancel_story(ex, call);
    let passed_on = ex.whys.get(call).is_some_and(|why| why.cause.is_some())
        && matches!(
            ex.events.get(call),
            Some(RunEvent::CancelCalled {
                source: CancelSource::Gather { .. } | CancelSource::WaitFor,
                ..
            })
        );
    if passed_on {
        format!("{story},")
    } else {
        story
    }
}

/// The names of the children of `gather` still running just after event `index`, but
/// `except`.
pub(super) fn running_children(
    ex: &Explained,
    gather: NodeId,
    except: Option<NodeId>,
    index: usize,
) -> Vec<String> {
    let children = ex
        .facts(gather)
        .map_or(&[][..], |facts| &facts.children[..]);
    children
        .iter()
        .filter(|child| Some(**child) != except && ex.end_of(**child, index + 1).is_none())
        .map(|child| ex.name(*child))
        .collect()
}

/// "A and C keep running, not cancelled".
fn still_running(ex: &Explained, gather: NodeId, except: Option<NodeId>, index: usize) -> String {
    let names = running_children(ex, gather, except, index);
    match names.len() {
        0 => "no other child was still running".to_owned(),
        1 => format!("{} keeps running, not cancelled", names_list(&names)),
        _ => format!("{} keep running, not cancelled", names_list(&names)),
    }
}

const SAME_MOMENT: &str = "; the cancel came at the very moment its sleep was due to end, and \
                           wins, since the task had not stepped yet";

/// Why event `index` happened, in one sentence naming its rules: "C was cancelled
/// (CancelledError) at 200 ms: cancel() on main at 200 ms (its cancel time), passed on to
/// C, reached it, and with no cleanup to catch it, CancelledError ended it [E4, E2]".
pub fn event_why(ex: &Explained, index: usize) -> String {
    let (Some(event), Some(why)) = (ex.events.get(index), ex.whys.get(index)) else {
        return "Nothing was recorded here.".to_owned();
    };
    let node = event.node();
    let name = ex.name(node);
    let at = ms_text(event.at_ms());
    let Some(facts) = ex.facts(node) else {
        return format!(
            "Something happened to {name} at {at}, a node this scenario does not have: \
             nothing more is known."
        );
    };
    let parent = facts.parent.map(|parent| ex.name(parent));
    let gather = parent.as_deref().unwrap_or("its gather");
    let mut aside = String::new();
    let (what, mut reason) = match event {
        RunEvent::Started { .. } => {
            let mut reason = format!(
                "{gather}'s gather() wrapped it in a task at once, and the task took its first \
                 step on the loop's next turn, in argument order"
            );
            if why.rules.contains(&Rule::L1) {
                reason.push_str(&format!(
                    "; under {gather}'s limit it must take a slot before its sleep"
                ));
            }
            (format!("{name} started"), reason)
        }
        RunEvent::SlotAcquired { freed_by, .. } => {
            let sleep = facts
                .delay_ms
                .map(|delay| format!("; its {} sleep starts now", ms_text(delay as f64)))
                .unwrap_or_default();
            let reason = match freed_by {
                Some(freed) => format!(
                    "{} ended and freed its slot, which goes to the first child waiting{sleep}",
                    ex.name(*freed)
                ),
                None => format!("a slot was free, so it took it at once{sleep}"),
            };
            (format!("{name} got a slot of {gather}'s limit"), reason)
        }
        RunEvent::CancelCalled { returned, .. } => (
            format!("cancel() on {name} returned {}", python_bool(*returned)),
            cancel_reason(ex, index, *returned),
        ),
        RunEvent::CleanupStarted { .. } => {
            let cleanup = facts
                .cleanup_ms
                .map(|ms| format!("its {} cleanup", ms_text(ms as f64)))
                .unwrap_or_else(|| "its cleanup".into());
            let from = why.cause.map_or_else(
                || "a cancellation".to_owned(),
                |call| story_subject(ex, call),
            );
            let mut reason = format!(
                "{from} reached its await, and a cancellation is a request delivered there, \
                 which it may catch"
            );
            if why.at_the_same_moment {
                reason.push_str(SAME_MOMENT);
            }
            (
                format!("{name} caught CancelledError and began {cleanup}"),
                reason,
            )
        }
        RunEvent::TimeoutFired { .. } => {
            let after = facts
                .guard
                .timeout_ms
                .map(|ms| format!(" of {}", ms_text(ms as f64)))
                .unwrap_or_default();
            (
                format!("{name}'s timeout{after} fired"),
                format!("wait_for cancels {name} now, then waits for it to end, cleanups included"),
            )
        }
        RunEvent::Received { status, .. } => received_words(ex, index, status),
        RunEvent::Finished { status, .. } if facts.is_gather => {
            aside = although(ex, index);
            gather_end_words(ex, index, status)
        }
        RunEvent::Finished { status, .. } => (
            format!("{name} {}", describe_status(status)),
            future_end_reason(ex, index, status),
        ),
    };
    if let (Some(gather_end), RunEvent::Finished { status, .. }) = (why.after_gather, event) {
        let after = match status {
            Status::Raised { .. } => {
                "it ran on, not cancelled, and its exception is dropped silently"
            }
            Status::Ok { .. } => "it ran on, not cancelled, and its result goes nowhere",
            Status::Cancelled => "its end goes nowhere",
        };
        let gather_at = ex.events.get(gather_end).map_or(0.0, RunEvent::at_ms);
        reason.push_str(&format!(
            "; {gather} had already completed at {}, so {after}",
            ms_text(gather_at)
        ));
        if why.rules.contains(&Rule::H7) {
            reason.push_str(" (in the same millisecond, a turn after its gather)");
        }
    }
    format!(
        "{what} at {at}{aside}: {reason}{}",
        rules_text(&cited(ex, index))
    )
}

fn cancel_reason(ex: &Explained, index: usize, returned: bool) -> String {
    let why = &ex.whys[index];
    let event = &ex.events[index];
    let node = event.node();
    let name = ex.name(node);
    let is_gather = ex.facts(node).is_some_and(|facts| facts.is_gather);
    let RunEvent::CancelCalled { source, .. } = event else {
        return String::new();
    };
    let mut reason = match source {
        CancelSource::Scheduled => "its cancel time called it".to_owned(),
        CancelSource::User => "you called it, by hand".to_owned(),
        CancelSource::Gather { .. } if why.cause.is_some() => {
            format!("it came from {}", cancel_story(ex, index))
        }
        CancelSource::Gather { gather } => {
            format!("{} passed on a cancel() of its own", ex.name(*gather))
        }
        CancelSource::TaskGroup => "the TaskGroup called it, after a child failed".to_owned(),
        CancelSource::Timeout => "its timeout fired, and wait_for called it".to_owned(),
        CancelSource::WaitFor if why.cause.is_some() => {
            format!("it came from {}", cancel_story(ex, index))
        }
        CancelSource::WaitFor => {
            "its wait_for called it, passing on a cancellation of its own".to_owned()
        }
    };
    reason.push_str("; ");
    reason.push_str(&match (returned, why.refused) {
        (true, _) if is_gather => format!(
            "{name} calls cancel() on every child still running, and at least one accepted, \
             so {name} is now cancel-requested"
        ),
        (true, _) => {
            format!("{name} was still running, so the request is delivered at its current await")
        }
        (false, Some(Refusal::EveryChildDone)) => format!(
            "every child of {name} was already done, so none accepted, and {name} completes \
             normally"
        ),
        (false, _) => {
            let end = ex.end_of(node, index).map(|(end, status)| {
                format!(
                    " ({} at {})",
                    describe_status(status),
                    ms_text(ex.events[end].at_ms())
                )
            });
            let mut text = format!(
                "{name} was already done{}, so it does nothing",
                end.unwrap_or_default()
            );
            let running = running_children(ex, node, None, index);
            if is_gather && !running.is_empty() {
                let verb = if running.len() == 1 { "keeps" } else { "keep" };
                text.push_str(&format!(": {} {verb} running", names_list(&running)));
            }
            text
        }
    });
    if why.rules.contains(&Rule::H6) {
        reason.push_str(
            "; main set this cancel time before any child ran, so it comes before the \
             children's own timers of this moment",
        );
    }
    if why.rules.contains(&Rule::E7) {
        reason.push_str(
            "; cancelling what awaits a gather cancels the gather, and so every child still \
             running",
        );
    }
    reason
}

fn future_end_reason(ex: &Explained, index: usize, status: &Status) -> String {
    let why = &ex.whys[index];
    let node = ex.events[index].node();
    let cause = why
        .cause
        .and_then(|cause| ex.events.get(cause).map(|event| (cause, event)));
    let ending = Ending::of(status).word();
    let cleaned = ex
        .events_of(node, index)
        .iter()
        .any(|event| matches!(ex.events[*event], RunEvent::CleanupStarted { .. }));
    match (status, cause) {
        (Status::Cancelled, Some((call, RunEvent::CancelCalled { .. }))) => {
            let story = story_subject(ex, call);
            let mut reason = if why.rules.contains(&Rule::L3) {
                format!(
                    "{story} reached it while it waited for a slot: its try had not begun, so \
                     it ends without its cleanup"
                )
            } else if cleaned {
                format!(
                    "{}, a second cancellation, interrupted its cleanup at the cleanup's own \
                     await",
                    cancel_story(ex, call)
                )
            } else {
                format!(
                    "{story} reached it, and with no cleanup to catch it, CancelledError ended it"
                )
            };
            if why.at_the_same_moment {
                reason.push_str(SAME_MOMENT);
            }
            reason
        }
        (Status::Cancelled, Some((_, RunEvent::CleanupStarted { .. }))) => {
            "its cleanup itself ended with CancelledError, as the scenario says".to_owned()
        }
        (_, Some((cleanup, RunEvent::CleanupStarted { at_ms, .. }))) => {
            let caught = ex.whys[cleanup].cause.map_or_else(
                || format!("a cancellation at {}", ms_text(*at_ms)),
                |call| cancel_story(ex, call),
            );
            let mut reason =
                format!("it caught {caught}, cleaned up, then {ending} as the scenario says");
            if why.rules.contains(&Rule::H5) {
                reason.push_str(
                    "; its cleanup's asyncio.sleep(0) sets no timer, just one yield to the loop",
                );
            }
            reason
        }
        (Status::Cancelled, _) => {
            "it ended cancelled; the record names no cancel() that did it".to_owned()
        }
        _ => match ex.facts(node).and_then(|facts| facts.delay_ms) {
            Some(delay) => format!(
                "its {} sleep ended, and it {ending} as the scenario says",
                ms_text(delay as f64)
            ),
            None => format!("it {ending} as the scenario says"),
        },
    }
}

fn gather_end_words(ex: &Explained, index: usize, status: &Status) -> (String, String) {
    let why = &ex.whys[index];
    let RunEvent::Finished {
        node, completed_by, ..
    } = &ex.events[index]
    else {
        return (String::new(), String::new());
    };
    let name = ex.name(*node);
    let what = format!("{name} {}", describe_status(status));
    let Some(facts) = ex.facts(*node) else {
        return (what, String::new());
    };
    if why.rules.contains(&Rule::A2) {
        return (
            what,
            "a gather of no children is done at once, with []".into(),
        );
    }
    let by = completed_by.map_or_else(|| "a child".to_owned(), |child| ex.name(child));
    let by_status = why.cause.and_then(|cause| match ex.events.get(cause) {
        Some(RunEvent::Finished { status, .. } | RunEvent::Received { status, .. }) => Some(status),
        _ => None,
    });
    if why.rules.contains(&Rule::E3) {
        return cancelled_gather_words(ex, index, status, what, &by, by_status);
    }
    let keep = still_running(ex, *node, *completed_by, index);
    let reason = match status {
        Status::Raised { .. } => {
            let first_in_order = facts.children.first() == completed_by.as_ref();
            let order = if first_in_order {
                ""
            } else {
                ", though not the first in argument order"
            };
            let mut reason = format!("{by} was the first child to fail in time{order}; {keep}");
            if why.rules.contains(&Rule::H1) {
                reason.push_str(
                    "; another child failed in the same millisecond, after it: timers due at \
                     one moment run in the order they were set",
                );
            }
            reason
        }
        Status::Cancelled => format!(
            "{by} ended cancelled, which fails the gather at once (awaiting it raises \
             CancelledError, though its cancelled() is False); {keep}"
        ),
        Status::Ok { .. } if facts.return_exceptions => {
            let places = if why.rules.contains(&Rule::B3) {
                "; each exception stands in its child's place"
            } else {
                ""
            };
            format!(
                "with return_exceptions=True nothing short-circuits: it waited for every child, \
                 {by} last{places}; the list follows argument order"
            )
        }
        Status::Ok { .. } => format!(
            "no child failed, so it completed when its last child, {by}, did; the list follows \
             argument order, not completion order"
        ),
    };
    (what, reason)
}

/// ", although every child returned a value": said of a gather whose cancellation was
/// requested (rule E3) and that ended cancelled after its children returned.
fn although(ex: &Explained, index: usize) -> String {
    let (
        Some(why),
        Some(RunEvent::Finished {
            node,
            status: Status::Cancelled,
            completed_by,
            ..
        }),
    ) = (ex.whys.get(index), ex.events.get(index))
    else {
        return String::new();
    };
    let Some(facts) = ex.facts(*node).filter(|_| why.rules.contains(&Rule::E3)) else {
        return String::new();
    };
    let returned = |child: NodeId| matches!(ex.end_of(child, index), Some((_, Status::Ok { .. })));
    if !facts.children.is_empty() && facts.children.iter().all(|child| returned(*child)) {
        ", although every child returned a value".to_owned()
    } else if let Some(by) = completed_by.filter(|by| returned(*by)) {
        format!(
            ", although {} caught the cancellation and returned",
            ex.name(by)
        )
    } else {
        String::new()
    }
}

/// A gather whose `cancel()` was accepted (rule E3).
fn cancelled_gather_words(
    ex: &Explained,
    index: usize,
    status: &Status,
    what: String,
    by: &str,
    by_status: Option<&Status>,
) -> (String, String) {
    let node = ex.events[index].node();
    let Some(facts) = ex.facts(node) else {
        return (what, String::new());
    };
    let accepted = ex.events_of(node, index).iter().rev().find(|event| {
        matches!(
            ex.events[**event],
            RunEvent::CancelCalled { returned: true, .. }
        )
    });
    let call = accepted.map_or_else(
        || "its cancel() was accepted".to_owned(),
        |call| format!("{} was accepted", call_words(ex, *call)),
    );
    let when = match (facts.return_exceptions, by_status) {
        (true, _) => format!("with return_exceptions=True it waited for every child, {by} last"),
        (false, Some(ended @ Status::Ok { .. })) => format!(
            "it completed when its last child, {by}, {}",
            describe_status(ended)
        ),
        (false, Some(ended)) => {
            format!("it completed at once when {by} {}", describe_status(ended))
        }
        (false, None) => format!("it completed when {by} ended"),
    };
    match status {
        Status::Cancelled => (
            what,
            format!("{call}, and a gather whose cancellation was requested ends cancelled; {when}"),
        ),
        _ => (
            what,
            format!(
                "{call}, but {by} raised before any child ended cancelled, and without \
                 return_exceptions the first child to fail completes it with its exception; \
                 {when}"
            ),
        ),
    }
}

/// A guarded node's parent received what `wait_for` or `shield` gave it.
fn received_words(ex: &Explained, index: usize, status: &Status) -> (String, String) {
    let why = &ex.whys[index];
    let node = ex.events[index].node();
    let name = ex.name(node);
    let guard = ex.facts(node).map(|facts| facts.guard).unwrap_or_default();
    let parent = ex.facts(node).and_then(|facts| facts.parent).map_or_else(
        || "the code awaiting it".to_owned(),
        |parent| ex.name(parent),
    );
    let reason = if why.rules.contains(&Rule::W3) {
        format!(
            "the cancel() that reached it cancels only the shield, at once, which is what \
             {parent} gets; {name} runs on to its own end"
        )
    } else if why.rules.contains(&Rule::W4) {
        format!(
            "the timeout cancelled the shield, which took the cancellation, so {parent} gets \
             TimeoutError at once while {name} runs on"
        )
    } else if why.rules.contains(&Rule::W2) {
        match status {
            Status::Ok { .. } => format!(
                "the timeout cancelled {name}, which caught it and returned a value, so \
                 wait_for returns that value instead of TimeoutError"
            ),
            Status::Cancelled => "the timeout answers only its own request: another cancel() \
                                  came too, so wait_for ends cancelled"
                .to_owned(),
            Status::Raised { .. } => format!(
                "the timeout cancelled {name} and waited for it to end, then raised TimeoutError"
            ),
        }
    } else {
        format!("{name} ended first, and {parent} gets what it ended with")
    };
    (
        format!(
            "{} {} for {parent}",
            guarded_name(&name, guard),
            describe_status(status)
        ),
        reason,
    )
}

#[cfg(test)]
#[path = "why_words_tests.rs"]
mod tests;
