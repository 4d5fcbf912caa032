#!/usr/bin/env python3
"""Writes the conformance corpus: scenarios with the reports CPython gives for them.

The corpus holds the cases of docs/semantics.md that the scenario format can
express (T01...T44), then seeded random scenarios: nested gathers, cancellations of futures
and gathers, on_cancel cleanups, both return_exceptions values. A random scenario is kept
only if no two timer events (a sleep ending, a cancel_at firing) fall within 20 ms of each
other, so that real browser timers, a few milliseconds late, still give one answer. A named
case that breaks the rule is kept with "exact_timing_only": true (checked on the virtual
clock only).

Usage: generate.py [--seed N] [--count N] OUT.json
"""

import argparse
import json
import random
import sys

from cpython_runner import run

MIN_GAP_MS = 20

ERROR_TYPES = ["ValueError", "KeyError", "ZeroDivisionError", "RuntimeError", "TimeoutError",
               "ConnectionError", "HTTPError", "CancelledError"]
MESSAGES = ["boom", "", "division by zero", "timed out", "нет связи", "404: not found",
            "<b>not html</b>"]
WORDS = ["a", "b", "abc", "def", "result", "данные", "ok", "", "42"]


def guarded(node, timeout_ms=None, shield=False):
    """The node awaited through asyncio.wait_for (timeout_ms) and/or asyncio.shield."""
    if timeout_ms is not None:
        node["timeout_ms"] = timeout_ms
    if shield:
        node["shield"] = True
    return node


def future(label, delay_ms, result, cancel_at_ms=None, on_cancel=None, timeout_ms=None,
           shield=False):
    node = {"kind": "future", "label": label, "delay_ms": delay_ms, "result": result}
    if cancel_at_ms is not None:
        node["cancel_at_ms"] = cancel_at_ms
    if on_cancel is not None:
        node["on_cancel"] = on_cancel
    return guarded(node, timeout_ms, shield)


def gather(label, children, return_exceptions=False, cancel_at_ms=None, limit=None,
           timeout_ms=None, shield=False):
    node = {"kind": "gather", "label": label, "return_exceptions": return_exceptions,
            "children": children}
    if cancel_at_ms is not None:
        node["cancel_at_ms"] = cancel_at_ms
    if limit is not None:
        node["limit"] = limit
    return guarded(node, timeout_ms, shield)


def root(children, return_exceptions=False, cancel_at_ms=None, label="main", limit=None,
         timeout_ms=None):
    node = gather(label, children, return_exceptions, cancel_at_ms, limit, timeout_ms)
    del node["kind"]
    return {"version": 1, **node}


# Scenarios with timeout_ms or shield need CPython 3.12 or later: 3.12 reimplemented
# wait_for on asyncio.timeout, and where events tie 3.11 gives other outcomes.
GUARDS_PYTHON = "3.12"


def guards_python_here():
    """Whether this CPython can give the reports of timeouts and shields; says why not."""
    if sys.version_info >= (3, 12):
        return True
    print(f"timeouts and shields need CPython {GUARDS_PYTHON}+ for their reports; "
          f"this is {sys.version.split()[0]}", file=sys.stderr)
    return False


def has_guard(node):
    return ("timeout_ms" in node or node.get("shield", False)
            or any(has_guard(child) for child in node.get("children", [])))


def random_guards(rng, node, timeout_choices, depth=0):
    """Gives some nodes of a random scenario a timeout, a shield or both (not the root's
    shield: nothing but main awaits it)."""
    if depth > 0 or rng.random() < 0.3:
        if rng.random() < 0.3:
            node["timeout_ms"] = rng.choice(timeout_choices)
    if depth > 0 and rng.random() < 0.2:
        node["shield"] = True
    for child in node.get("children", []):
        random_guards(rng, child, timeout_choices, depth + 1)
    return node


def value(v):
    return {"value": v}


def error(type_name, message=""):
    return {"error": {"type": type_name, "message": message}}


def swallow(delay_ms, result):
    return {"delay_ms": delay_ms, "result": result}


NEVER = 1000  # long enough to be cancelled first

NAMED = {
    "T01 empty gather": root([]),
    "T02 argument order": root([future("A", 300, value(1)), future("B", 100, value(2)),
                                future("C", 200, value(3))]),
    "T04 first failure, siblings run on": root([
        future("A", 100, value(1)), future("B", 200, error("ZeroDivisionError", "division by zero")),
        future("C", 300, value(3))]),
    "T05 first in time wins": root([future("A", 100, error("ValueError")),
                                    future("B", 50, error("KeyError"))]),
    "T06 return_exceptions": root([
        future("A", 300, value(3)), future("B", 100, value(1)),
        future("C", 200, error("ZeroDivisionError", "division by zero")),
        future("D", 400, error("RuntimeError", "late"))], return_exceptions=True),
    "T07 a cancelled child fails the outer": root([
        future("A", 100, value(1)), future("B", NEVER, value(2), cancel_at_ms=200),
        future("C", 300, value(3))]),
    "T08 return_exceptions with a cancelled child": root([
        future("A", 100, value(1)), future("B", 150, error("ZeroDivisionError")),
        future("C", NEVER, value(3), cancel_at_ms=200), future("D", 400, value(4))],
        return_exceptions=True),
    "T11 cancel the outer": root([future("A", 100, value(1)), future("B", 200, value(2))],
                                 cancel_at_ms=50),
    "T12 rex, cancel, one child swallows": root([
        future("A", 100, value(1)), future("B", 200, value(2), on_cancel=swallow(100, value("b")))],
        return_exceptions=True, cancel_at_ms=50),
    "T13 cancel after one child finished": root([
        future("A", 100, value("a")), future("B", 500, value("b"))], cancel_at_ms=150),
    "T15 cancel after a failure does nothing": root([
        future("A", 100, error("ValueError")), future("B", 300, value("b"))], cancel_at_ms=120),
    "T17 CancelledError although the child returned": root([
        future("A", NEVER, value(None), on_cancel=swallow(100, value("s")))], cancel_at_ms=50),
    "T18 one swallows, one is cancelled": root([
        future("A", NEVER, value(None), on_cancel=swallow(100, value("s"))),
        future("B", NEVER, value(None))], cancel_at_ms=50),
    "T19 both swallow": root([
        future("A", NEVER, value(None), on_cancel=swallow(100, value("sa"))),
        future("B", NEVER, value(None), on_cancel=swallow(200, value("sb")))], cancel_at_ms=50),
    "T21 a cleanup raises": root([
        future("A", NEVER, value(None), on_cancel=swallow(100, value("sa"))),
        future("B", NEVER, value(None), on_cancel=swallow(50, value("sb"))),
        future("C", NEVER, value(None), on_cancel=swallow(20, error("ValueError")))],
        cancel_at_ms=50),
    "T31 nested gathers": root([gather("inner", [future("A", 200, value("a")),
                                                 future("B", 100, value("b"))]),
                                future("C", 50, value("c"))]),
    "T32 inner failure propagates": root([
        gather("inner", [future("A", 100, error("KeyError")), future("B", 300, value("b"))]),
        future("C", 200, value("c"))]),
    "T33 inner return_exceptions": root([
        gather("inner", [future("A", 100, error("KeyError")), future("B", 300, value("b"))],
               return_exceptions=True),
        future("C", 200, value("c"))]),
    "T34 cancel reaches nested children": root([
        gather("inner", [future("A", NEVER, value(1)), future("B", NEVER, value(2))]),
        future("C", NEVER, value(3))], cancel_at_ms=100),
    "T44 cancelled child before a failing one": root([
        future("A", 200, error("ValueError")), future("B", NEVER, value(None), cancel_at_ms=100)]),
    "format example": root([
        future("fetch A", 300, value(3)), future("fetch B", 100, error("ValueError", "boom")),
        future("slow C", 900, value("c"), cancel_at_ms=200),
        future("careful D", 1000, value(None), on_cancel=swallow(100, value("cleaned up"))),
        gather("batch", [future("E", 150, value(True))], return_exceptions=True)]),
}


# The playground's `limit` (an asyncio.Semaphore around each future child of a gather).
LIMITED = {
    "L01 two slots for four children": root([
        future("A", 100, value(1)), future("B", 300, value(2)), future("C", 100, value(3)),
        future("D", 100, value(4))], limit=2),
    "L02 cancelled while waiting: no cleanup": root([
        future("A", 100, value(1)),
        future("B", 100, value(2), cancel_at_ms=50, on_cancel=swallow(30, value("b"))),
        future("C", 100, value(3))], limit=1, return_exceptions=True),
    "L03 a failure while siblings wait": root([
        future("A", 100, error("ValueError", "first")), future("B", 100, value(2)),
        future("C", 100, value(3))], limit=1),
    "L04 cancel the outer with a queue": root([
        future("A", 300, value(1), on_cancel=swallow(50, value("a"))), future("B", 100, value(2))],
        limit=1, cancel_at_ms=100),
    "L05 nested gathers are not limited": root([
        future("A", 200, value(1)),
        gather("inner", [future("B", 100, value(2)), future("C", 100, value(3))], limit=1),
        future("D", 50, value(4))], limit=1),
}


# asyncio.wait_for and asyncio.shield (CPython 3.12+), as the issue that added them states.
def careful(label, delay_ms=NEVER, cleanup_ms=50):
    """Catches its cancellation, cleans up, and re-raises it."""
    return future(label, delay_ms, value(None),
                  on_cancel=swallow(cleanup_ms, error("CancelledError")))


GUARDED = {
    "G01 a timeout on gather cancels every child and waits for their cleanups": root(
        [careful("b"), careful("c")], timeout_ms=100),
    "G02 a child that swallows its timeout gives its value": root([
        future("a", NEVER, value(1), timeout_ms=100, on_cancel=swallow(50, value("swallowed")))]),
    "G03 a cancelled gather leaves its shielded child running": root([
        future("inner", 300, value("kept"), shield=True), careful("t")], cancel_at_ms=100),
    "G04 a timeout that does not cancel the work": root([
        future("work", 300, value("done"), timeout_ms=100, shield=True),
        future("other", 200, value(2))]),
    "G05 a nested gather under a timeout": root([
        gather("batch", [future("x", 50, value(1)), careful("y")], timeout_ms=120),
        future("z", 200, value(3))], return_exceptions=True),
    "G06 the root's timeout after a failure": root([
        future("a", 50, error("ValueError", "early")), future("b", 300, value(2))],
        timeout_ms=100),
}


def with_random_limits(rng, node):
    if node.get("kind", "gather") == "gather":
        if "version" in node or rng.random() < 0.5:
            node["limit"] = rng.choice([1, 1, 2, 2, 3])
        for child in node["children"]:
            with_random_limits(rng, child)
    return node


def random_result(rng):
    if rng.random() < 0.3:
        return error(rng.choice(ERROR_TYPES[:-1] if rng.random() < 0.95 else ERROR_TYPES),
                     rng.choice(MESSAGES))
    kind = rng.random()
    if kind < 0.4:
        return value(rng.randint(-5, 100))
    if kind < 0.7:
        return value(rng.choice(WORDS))
    if kind < 0.8:
        return value(rng.random() < 0.5)
    if kind < 0.9:
        return value(None)
    return value(rng.choice([2.5, -0.25, 1e-3, 123.75]))


def random_time(rng, horizon):
    return rng.randint(MIN_GAP_MS, horizon)


def random_children(rng, depth, budget, path, horizon):
    count = rng.choice([0, 1, 2, 2, 3, 3, 4, 5]) if depth > 0 else rng.choice([1, 2, 3, 4, 5, 6])
    children = []
    for position in range(count):
        if budget[0] <= 0:
            break
        budget[0] -= 1
        label = f"{path}{chr(ord('A') + position)}" if depth == 0 else f"{path}.{position}"
        if depth < 3 and rng.random() < 0.22:
            children.append(gather(
                label, random_children(rng, depth + 1, budget, label, horizon),
                return_exceptions=rng.random() < 0.4,
                cancel_at_ms=random_time(rng, horizon) if rng.random() < 0.25 else None))
        else:
            children.append(future(
                label, random_time(rng, horizon), random_result(rng),
                cancel_at_ms=random_time(rng, horizon) if rng.random() < 0.25 else None,
                on_cancel=swallow(rng.choice([0, rng.randint(MIN_GAP_MS, 400)]),
                                  random_result(rng)) if rng.random() < 0.3 else None))
    return children


def random_scenario(rng):
    horizon = rng.choice([400, 800, 1500])
    budget = [rng.randint(2, 14)]
    return root(random_children(rng, 0, budget, "", horizon),
                return_exceptions=rng.random() < 0.4,
                cancel_at_ms=random_time(rng, horizon) if rng.random() < 0.2 else None)


def timers_well_apart(timer_events):
    return all(later - earlier >= MIN_GAP_MS
               for earlier, later in zip(timer_events, timer_events[1:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--count", type=int, default=240)
    parser.add_argument("--limited-count", type=int, default=40)
    parser.add_argument("--guarded-count", type=int, default=80)
    parser.add_argument("out")
    args = parser.parse_args()
    if args.guarded_count and not guards_python_here():
        return 1
    cases = []
    for name, scenario in NAMED.items():
        report, timer_events = run(scenario)
        case = {"name": name, "scenario": scenario, "report": report}
        if not timers_well_apart(timer_events):
            case["exact_timing_only"] = True
        cases.append(case)
    rng = random.Random(args.seed)
    tried = 0
    while len(cases) < len(NAMED) + args.count:
        tried += 1
        scenario = random_scenario(rng)
        report, timer_events = run(scenario)
        if timers_well_apart(timer_events):
            cases.append({"name": f"random {len(cases) - len(NAMED) + 1:03d}",
                          "scenario": scenario, "report": report})
    for name, scenario in LIMITED.items():
        report, timer_events = run(scenario)
        case = {"name": name, "scenario": scenario, "report": report}
        if not timers_well_apart(timer_events):
            case["exact_timing_only"] = True
        cases.append(case)
    # A separate random stream, so that the cases above stay as they were.
    limited_rng = random.Random(args.seed + 1)
    limited = 0
    while limited < args.limited_count:
        tried += 1
        scenario = with_random_limits(limited_rng, random_scenario(limited_rng))
        report, timer_events = run(scenario)
        if timers_well_apart(timer_events):
            limited += 1
            cases.append({"name": f"limited {limited:03d}", "scenario": scenario,
                          "report": report})
    for name, scenario in GUARDED.items():
        report, timer_events = run(scenario)
        case = {"name": name, "python": GUARDS_PYTHON, "scenario": scenario, "report": report}
        if not timers_well_apart(timer_events):
            case["exact_timing_only"] = True
        cases.append(case)
    # Timeouts and shields: a stream of their own, so that the cases above stay as they were.
    guarded_rng = random.Random(args.seed + 2)
    guarded_count = 0
    while guarded_count < args.guarded_count:
        tried += 1
        scenario = random_scenario(guarded_rng)
        random_guards(guarded_rng, scenario, list(range(MIN_GAP_MS, 600, 10)))
        if not has_guard(scenario):
            continue
        report, timer_events = run(scenario)
        if timers_well_apart(timer_events):
            guarded_count += 1
            cases.append({"name": f"guarded {guarded_count:03d}", "python": GUARDS_PYTHON,
                          "scenario": scenario, "report": report})
    corpus = {
        "about": "Scenarios with the reports CPython's asyncio gives for them, on a virtual "
                 "clock. Made by tests/conformance/generate.py; checked by "
                 "cpython_runner.py --check. A case with \"python\" needs that CPython or "
                 "later.",
        "seed": args.seed,
        "min_gap_ms": MIN_GAP_MS,
        "cases": cases,
    }
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(corpus, file, indent=1, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {len(cases)} cases ({len(NAMED) + len(LIMITED) + len(GUARDED)} named, "
          f"{args.count + args.limited_count + args.guarded_count} random from {tried} tried)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
