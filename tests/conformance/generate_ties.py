#!/usr/bin/env python3
"""Writes the tie corpus: scenarios whose timers fall due at the same moment, with the
reports CPython gives for them (on the virtual clock, equal deadlines first in, first out:
see cpython_runner.SequencedTimerHandle).

Every delay, on_cancel delay and cancel time is one of 0, 100, 200, 300 ms (cancel times
distinct within one scenario), so that sleeps, cleanups, cancels and semaphore hand-overs
meet: nested gathers to depth 3, return_exceptions both ways, cleanups that return or raise,
errors, limits 1-3. First the named cases of NAMED_TIES, each with the reason CPython gives
its outcome; then seeded random scenarios. A scenario "has a tie" when two timers reach
their deadline at the same millisecond; most must. A case whose outcome a real clock does not
determine (two timers due at one moment but scheduled by different chains of events, whose
order real latencies decide) is marked "exact_timing_only": checked on the virtual clock
only, as corpus.json's cases with events too close for real timers are.

Usage: generate_ties.py [--seed N] [--count N] OUT.json
(corpus.json is written by generate.py, unchanged by this file.)
"""

import argparse
import json
import random
import sys

from cpython_runner import real_clock_determines, run_detailed
from generate import (GUARDS_PYTHON, error, future, gather, guards_python_here, has_guard,
                      random_guards,
                      random_result, root, swallow, value)

ROUND_MS = [0, 100, 200, 300]
# At least this share of the random scenarios must have a tie (the generator stops if not).
MIN_TIE_SHARE = 0.8
# The share of the random scenarios without a tie that are kept.
KEEP_TIE_FREE = 0.3


# name: (scenario, why CPython gives its outcome). A cancel_at timer is scheduled before any
# child runs, so at an equal deadline it fires before every sleep's timer; all timers due at
# one moment reach the ready queue in the same loop turn; a timer's callback only sets its
# future's result, the task steps one turn later, and a gather hears of a child one more
# turn later (a done callback goes through call_soon).
NAMED_TIES = {
    "X01 root cancelled as a child's sleep ends": (root([
        future("f1", 100, value(None)), future("f2", 200, value(2)), future("f3", 0, value(3))],
        cancel_at_ms=100),
        "the cancel timer runs first in the turn at 100 and cancels f1's still pending sleep "
        "future; the sleep's own timer then finds it cancelled: f1 cancelled at 100"),
    "X02 own cancel as its sleep ends, zero cleanup": (root([
        future("A", 100, value(None), cancel_at_ms=100, on_cancel=swallow(0, value(None))),
        future("B", 200, value(2))]),
        "A's cancel comes before its sleep's timer, A catches the CancelledError, "
        "sleep(0) is one bare yield: A returns None at 100"),
    "X03 cancel as a cleanup ends": (root([
        future("A", 300, value(1), cancel_at_ms=100, on_cancel=swallow(100, value("a"))),
        future("B", 300, value(2))], cancel_at_ms=200),
        "the cleanup's timer (scheduled at 100) comes after the root's cancel timer "
        "(scheduled before anything ran): the cleanup's sleep is cancelled, A cancelled at 200"),
    "X04 zero-delay children": (root([
        future("A", 0, value(1)), future("B", 0, error("ValueError", "zero")),
        future("C", 100, value(3))]),
        "sleep(0) sets no timer: A and B finish two turns after they start, at 0; "
        "the root raises B's ValueError at 0, C still runs to 100"),
    "X05 zero-delay cleanups under a cancelled root": (root([
        future("A", 300, value(None), on_cancel=swallow(0, value("clean"))),
        future("B", 300, value(None), on_cancel=swallow(0, error("RuntimeError", "cleanup")))],
        return_exceptions=True, cancel_at_ms=100),
        "both catch the cancel and finish at 100 (one bare yield), but the root was "
        "cancelled, so it is cancelled although no child was"),
    "X06 slot freed and taken at one moment": (root([
        future("A", 100, value(1)), future("B", 100, value(2))], limit=1),
        "A's release at 100 sets B's waiter; B steps a turn later, still at 100, "
        "and sleeps to 200"),
    "X07 waiting child cancelled as the slot is freed": (root([
        future("A", 100, value(1)),
        future("B", 100, value(2), cancel_at_ms=100, on_cancel=swallow(0, value("b")))],
        limit=1, return_exceptions=True),
        "B's cancel comes before A's timer: B's waiter future is cancelled while B waits "
        "(no cleanup: B never got the slot), A's release then finds no waiter"),
    "X08 nested gather cancelled as its child finishes": (root([
        gather("inner", [future("A", 100, value(1)), future("B", 200, value(2))],
               cancel_at_ms=100),
        future("C", 100, value(3))]),
        "inner's cancel comes before A's timer: A and B are cancelled, inner is cancelled "
        "at 100 and so is the root (a cancelled child); C finishes at 100"),
    "X09 cancel at 0": (root([future("A", 0, value(1)), future("B", 100, value(2))],
                             cancel_at_ms=0),
        "the children's first steps run before the cancel timer (they were queued first): "
        "A is at its bare yield, so the cancel is delivered at its next step, at 0"),
    "X10 own cancel at 0, zero cleanup": (root([
        future("A", 100, value(1), cancel_at_ms=0, on_cancel=swallow(0, value("early"))),
        future("B", 0, value(2))]),
        "A has started its sleep when the cancel at 0 fires; it returns 'early' at 0"),
    "X11 two failures at one moment: argument order": (root([
        future("A", 100, error("KeyError", "a")), future("B", 100, error("ValueError", "b"))]),
        "equal deadlines fire in scheduling order, A's sleep was scheduled first: KeyError"),
    "X12 a cleanup fails as a sibling fails": (root([
        future("A", 300, value(1), cancel_at_ms=100, on_cancel=swallow(100, error("KeyError"))),
        future("B", 200, error("ValueError", "plain"))]),
        "both timers are due at 200; B's sleep was scheduled at 0, A's cleanup at 100: "
        "B's ValueError reaches the root first (on a real clock A's cleanup is first when "
        "the cancel's wake-up was quicker than B's first step after the start: "
        "exact_timing_only)"),
    "X13 nested failure and sibling failure at one moment": (root([
        gather("inner", [future("A", 100, error("KeyError", "inner"))]),
        future("B", 100, error("ValueError", "outer"))]),
        "same turn for both timers, but inner's failure needs one more turn to reach the "
        "root than B's: ValueError (on a real clock B's `when` is a few microseconds after "
        "A's and can miss A's turn, then KeyError: exact_timing_only)"),
    "X14 limit 2, four children, releases at one moment": (root([
        future("A", 100, value(1)), future("B", 100, error("KeyError", "b")),
        future("C", 100, error("ValueError", "c")), future("D", 0, value(4))],
        limit=2),
        "A and B release at 100 and wake C then D in queue order; D's bare yield makes it "
        "finish at 100 before C (at 200); the root raises B's KeyError at 100"),
}


# Timeouts and shields at ties (CPython 3.12+; 3.11's wait_for differs here, see G-T01).
NAMED_GUARD_TIES = {
    "G-T01 own cancel and own timeout at one moment, cleanup returns": (root([
        future("A", 300, value(1), cancel_at_ms=100, timeout_ms=100,
               on_cancel=swallow(100, value("cleaned")))]),
        "the cancel timer (set by main) and the timeout (set by wait_for's task as it starts) "
        "both cancel A at 100; the timeout answers its own request (uncancel) but another "
        "is left, so no TimeoutError: A's cleanup ends and returns at 200. On 3.11, whose "
        "wait_for is not asyncio.timeout, A ends cancelled at 100"),
    "G-T02 a timeout as the sleep ends": (root([
        future("A", 100, value("on time"), timeout_ms=100), future("B", 200, value(2))]),
        "wait_for's timer is set before A's sleep's (the task enters the timeout first): it "
        "cancels A's pending sleep, TimeoutError at 100"),
    "G-T03 a shield cancelled as its work ends": (root([
        future("A", 100, value("saved"), shield=True), future("B", 200, value(2))],
        cancel_at_ms=100),
        "main's cancel runs first at 100: the shield's outer future is cancelled at once, A's "
        "task is not; A's sleep ends in the same turn and A returns at 100, too late for the "
        "gather, which raised CancelledError"),
    "G-T04 the root's timeout as a child fails": (root([
        future("A", 100, error("ValueError", "late")), future("B", 300, value(2))],
        timeout_ms=100),
        "main's timeout timer comes after the cancel times and before any sleep: it cancels "
        "the root at 100 before A's sleep ends; A is cancelled, main gets TimeoutError"),
}


def tie_count(deadlines):
    """How many timers reached their deadline at a moment another one also did."""
    counts = {}
    for when in deadlines:
        counts[when] = counts.get(when, 0) + 1
    return sum(count for count in counts.values() if count > 1)


class Budget:
    def __init__(self, rng):
        self.futures = rng.randint(3, 10)
        self.cancel_times = rng.sample(ROUND_MS, k=len(ROUND_MS))

    def cancel_time(self, rng, probability):
        if self.cancel_times and rng.random() < probability:
            return self.cancel_times.pop()
        return None


def random_delay(rng):
    return rng.choice([0, 100, 100, 100, 200, 200, 300])


def random_tie_children(rng, depth, budget, path):
    count = rng.choice([2, 3, 3, 4, 4, 5, 6]) if depth == 0 else rng.choice([0, 1, 2, 2, 3, 3])
    children = []
    for position in range(count):
        if budget.futures <= 0:
            break
        label = f"{path}{chr(ord('A') + position)}" if depth == 0 else f"{path}.{position}"
        if depth < 3 and rng.random() < (0.35 if depth == 0 else 0.25):
            children.append(gather(
                label, random_tie_children(rng, depth + 1, budget, label),
                return_exceptions=rng.random() < 0.5,
                cancel_at_ms=budget.cancel_time(rng, 0.3),
                limit=rng.choice([1, 2, 3]) if rng.random() < 0.35 else None))
        else:
            budget.futures -= 1
            children.append(future(
                label, random_delay(rng), random_result(rng),
                cancel_at_ms=budget.cancel_time(rng, 0.3),
                on_cancel=swallow(rng.choice(ROUND_MS), random_result(rng))
                if rng.random() < 0.4 else None))
    return children


def random_tie_scenario(rng):
    budget = Budget(rng)
    children = random_tie_children(rng, 0, budget, "")
    return root(children, return_exceptions=rng.random() < 0.5,
                cancel_at_ms=budget.cancel_time(rng, 0.35),
                limit=rng.choice([1, 2, 3]) if rng.random() < 0.4 else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--count", type=int, default=320)
    parser.add_argument("--guarded-count", type=int, default=160)
    parser.add_argument("out")
    args = parser.parse_args()
    if args.guarded_count and not guards_python_here():
        return 1
    cases = []
    for name, (scenario, _why) in NAMED_TIES.items():
        report, _, deadlines = run_detailed(scenario)
        cases.append({"name": name, "scenario": scenario, "report": report})
    rng = random.Random(args.seed)
    with_ties = tried = 0
    while len(cases) < len(NAMED_TIES) + args.count:
        tried += 1
        scenario = random_tie_scenario(rng)
        report, _, deadlines = run_detailed(scenario)
        has_tie = tie_count(deadlines) > 0
        # About one random scenario in five has no tie (a few futures, or cancelled early);
        # keep only some of those.
        if not has_tie and rng.random() >= KEEP_TIE_FREE:
            continue
        with_ties += has_tie
        cases.append({"name": f"tie {len(cases) - len(NAMED_TIES) + 1:03d}",
                      "scenario": scenario, "report": report})
    for name, (scenario, _why) in NAMED_GUARD_TIES.items():
        report, _, _ = run_detailed(scenario)
        cases.append({"name": name, "python": GUARDS_PYTHON, "scenario": scenario,
                      "report": report})
    # Timeouts and shields: a stream of their own, so that the cases above stay as they were.
    guarded_rng = random.Random(args.seed + 1)
    guarded = guarded_ties = 0
    while guarded < args.guarded_count:
        tried += 1
        scenario = random_tie_scenario(guarded_rng)
        random_guards(guarded_rng, scenario, [100, 200, 300])
        if not has_guard(scenario):
            continue
        report, _, deadlines = run_detailed(scenario)
        has_tie = tie_count(deadlines) > 0
        if not has_tie and guarded_rng.random() >= KEEP_TIE_FREE:
            continue
        guarded += 1
        guarded_ties += has_tie
        cases.append({"name": f"guarded tie {guarded:03d}", "python": GUARDS_PYTHON,
                      "scenario": scenario, "report": report})
    # The cases whose outcome depends on how a real clock's latencies order timers due at
    # one moment (cpython_runner.JitteredClockLoop) are checked on the virtual clock only.
    undetermined = 0
    for case in cases:
        if not real_clock_determines(case["scenario"], case["report"]):
            case["exact_timing_only"] = True
            undetermined += 1
    if with_ties < MIN_TIE_SHARE * args.count:
        print(f"only {with_ties} of {args.count} random scenarios have a tie", file=sys.stderr)
        return 1
    corpus = {
        "about": "Scenarios whose timers fall due at the same moment (every delay and cancel "
                 "time 0, 100, 200 or 300 ms), with the reports CPython's asyncio gives for "
                 "them on a virtual clock whose equal deadlines run in scheduling order. Made "
                 "by tests/conformance/generate_ties.py; checked by cpython_runner.py --check "
                 "and, on CPython's real clock, --check-real.",
        "seed": args.seed,
        "random_cases_with_ties": with_ties,
        "random_guarded_cases_with_ties": guarded_ties,
        "exact_timing_only_means": "an outcome a real clock does not determine: at a tie between "
                                   "timers scheduled by different chains of events, real "
                                   "latencies can order them either way; such a case is "
                                   "checked on the virtual clock only "
                                   "(cpython_runner.JitteredClockLoop)",
        "cases": cases,
    }
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(corpus, file, indent=1, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {len(cases)} cases ({len(NAMED_TIES) + len(NAMED_GUARD_TIES)} named, "
          f"{args.count} random and {args.guarded_count} with timeouts or shields, from "
          f"{tried} tried, {with_ties} and {guarded_ties} of them with a tie; "
          f"{undetermined} exact_timing_only; seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
