#!/usr/bin/env python3
# Over 400 lines as one file: the reference runs alone on any CPython found, importing only
# the standard library (check_all_pythons.sh), and virtual_clock.py imports its loop.
"""Runs gather-playground scenarios on CPython's own asyncio and writes their reports.

The reference the Rust port is checked against. Scenarios and reports are those of
docs/format.md. The event loop here is CPython's BaseEventLoop with a virtual
clock: time moves only when the loop would sleep, and then straight to the next timer, so
every time in a report is exact. One loop time unit is one millisecond.

Ties. Timers due at the same moment run in the order they were scheduled, all in the same
loop turn. On a real clock two timers are never due at exactly the same instant (`when` is
the time of the call_later plus the delay, and time moves on between two calls), so timers
scheduled in one turn with equal delays fire first in, first out there. CPython's own heap
of timers compares `when` only, so on a virtual clock it would pop equal deadlines in heap
order, not FIFO (pushed A, B, C, D pop A, C, B, D); SequencedTimerHandle adds the scheduling
sequence to the comparison.

The same scenarios also run on CPython's ordinary event loop and real clock (--check-real),
to check that the virtual clock gives CPython's real outcomes at ties; see run_real. Where
timers due at one moment were scheduled by different chains of events (a cleanup started by
a cancel at 100, a sleep started at 0, both ending at 200), a real clock orders them by the
latency each chain accumulated, either way: such a scenario's outcome is the virtual
clock's only (exact_timing_only; JitteredClockLoop finds them).

Usage:
  cpython_runner.py SCENARIO.json             print the report of one scenario
  cpython_runner.py --real SCENARIO.json      the same on the real clock (times: real ms)
  cpython_runner.py --check CORPUS.json       rerun every case of a corpus, compare reports
  cpython_runner.py --rewrite CORPUS.json     rerun every case, store the new reports
  cpython_runner.py --check-real CORPUS.json [--sample N] [--repeat R] [--scale S]
        [--resolution MS] [--workers W] [--tolerance MS] [--all-cases]
                                              run N cases (every k-th, deterministic) on
                                              the real clock, R times each, in parallel
                                              processes; outcomes must equal the virtual
                                              clock's, times be within the tolerance
"""

import argparse
import asyncio
import heapq
import json
import math
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor


class SequencedTimerHandle(asyncio.TimerHandle):
    """A TimerHandle ordered by (when, scheduling sequence): a strict total order, so the
    heap pops equal deadlines first in, first out. heapq compares with `<` only; every
    path that orders the heap (heappush in call_at, heappop in _run_once, and the heapify
    of _run_once's clean-up of cancelled timers) goes through __lt__, in 3.11, 3.12 and 3.13
    alike, so all of them keep this order."""

    __slots__ = ("_sequence",)

    def __init__(self, sequence, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._sequence = sequence

    def __lt__(self, other):
        if isinstance(other, SequencedTimerHandle):
            return (self._when, self._sequence) < (other._when, other._sequence)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SequencedTimerHandle):
            return (self._when, self._sequence) > (other._when, other._sequence)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SequencedTimerHandle):
            return (self._when, self._sequence) <= (other._when, other._sequence)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SequencedTimerHandle):
            return (self._when, self._sequence) >= (other._when, other._sequence)
        return NotImplemented

    def _run(self):
        # _run_once skips a handle cancelled after it reached the ready queue, so this
        # records the timers whose deadline came (a sleep whose future a cancel at the same
        # moment had already cancelled included).
        self._loop.deadlines_reached.append(self._when)
        super()._run()


class VirtualClockLoop(asyncio.BaseEventLoop):
    """asyncio's own loop logic; only the clock, the wait for I/O and the order of timers
    with equal deadlines (FIFO, see SequencedTimerHandle) are replaced."""

    def __init__(self):
        super().__init__()
        self._virtual_now = 0
        self._selector = self
        self._timer_sequence = 0
        # Events observed on timers, for the generator's "no two within 20 ms" rule.
        self.timer_events = []
        # The `when` of every timer that reached its deadline (see SequencedTimerHandle).
        self.deadlines_reached = []

    # BaseEventLoop.call_at of 3.11, 3.12 and 3.13 (the same in all three), but pushing a
    # SequencedTimerHandle. call_later, asyncio.sleep and asyncio.timeout all come here.
    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, 'call_at')
        self._timer_sequence += 1
        timer = SequencedTimerHandle(self._timer_sequence, when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def time(self):
        return self._virtual_now

    # Stands in for the selector: "waiting" jumps the clock to the next timer.
    def select(self, timeout):
        if timeout is None:
            raise RuntimeError("deadlock: nothing is ready and no timer is pending")
        if timeout > 0 and self._scheduled:
            self._virtual_now = max(self._virtual_now, self._scheduled[0].when())
        return []

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


# Draws of JitteredClockLoop per scenario for real_clock_determines.
JITTER_DRAWS = 256


class JitteredClockLoop(asyncio.BaseEventLoop):
    """A simulation of CPython's ordinary loop on a real clock, to find the scenarios whose
    outcome a real clock does not determine. asyncio's own loop logic and CPython's own
    TimerHandle heap (no sequence); time is float milliseconds and moves by itself: every
    call of time() (the loop reads it twice a turn, every call_later once) takes a little
    processing time, sometimes a lot (the process was preempted), and a wait rounds its
    timeout up to a whole millisecond, as EpollSelector.select does, then wakes a little
    late (timer slack, scheduling), sometimes a lot. On a real clock two timers due at the
    same scenario moment fire in the order of their real `when`, i.e. of the latency
    accumulated along the chain of events that scheduled each (a cleanup started by a
    cancel at 100 and a sleep started at 0, both ending at 200): an order no time scale
    fixes. The latencies here are deliberately larger and more varied than this machine's,
    so that an order a real clock can take shows up in a few dozen draws."""

    def __init__(self, rng, resolution_ms=None):
        super().__init__()
        self._rng = rng
        self._now = 0.0
        self._selector = self
        # CPython's default: time.get_clock_info('monotonic').resolution, in ms.
        self._clock_resolution = (resolution_ms if resolution_ms is not None
                                  else self._clock_resolution * 1000)
        self.timer_events = []

    def time(self):
        rng = self._rng
        self._now += (rng.uniform(0.001, 0.05) if rng.random() < 0.95
                      else rng.uniform(0.05, 3.0))
        return self._now

    def select(self, timeout):
        if timeout is None:
            raise RuntimeError("deadlock: nothing is ready and no timer is pending")
        if timeout > 0:
            rng = self._rng
            self._now += math.ceil(timeout) + (rng.uniform(0.0, 1.0) if rng.random() < 0.9
                                               else rng.uniform(1.0, 6.0))
        return []

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


def run_jittered(scenario, seed, resolution_ms=None):
    """The report of one scenario on JitteredClockLoop (times: rounded ms)."""
    loop = JitteredClockLoop(random.Random(seed), resolution_ms)
    try:
        return loop.run_until_complete(run_scenario(scenario, unit=1.0))
    finally:
        loop.close()


def real_outcomes(scenario, draws=JITTER_DRAWS, resolution_ms=None):
    """The outcomes (reports without times, as JSON text) a real clock can give, as far as
    `draws` runs on JitteredClockLoop find, with how often each came."""
    found = {}
    for seed in range(draws):
        key = json.dumps(outcome(run_jittered(scenario, seed, resolution_ms)), sort_keys=True)
        found[key] = found.get(key, 0) + 1
    return found


def real_clock_determines(scenario, report, draws=JITTER_DRAWS, resolution_ms=None):
    """Whether every draw of JitteredClockLoop gives the virtual clock's outcome `report`."""
    expected = outcome(report)
    return all(outcome(run_jittered(scenario, seed, resolution_ms)) == expected
               for seed in range(draws))


_exception_types = {}


def make_exception(type_name, message):
    if type_name == "CancelledError":
        return asyncio.CancelledError(message)
    if type_name not in _exception_types:
        _exception_types[type_name] = type(type_name, (Exception,), {})
    return _exception_types[type_name](message)


def finish(result):
    if "value" in result:
        return result["value"]
    error = result["error"]
    raise make_exception(error["type"], error.get("message", ""))


async def future_child(node, loop, unit, semaphore=None):
    """`unit`: loop time units per scenario millisecond (1 on the virtual clock)."""
    if semaphore is not None:
        async with semaphore:
            return await future_child(node, loop, unit)
    try:
        await asyncio.sleep(node["delay_ms"] * unit)
        loop.timer_events.append(loop.time())
    except asyncio.CancelledError:
        on_cancel = node.get("on_cancel")
        if on_cancel is None:
            raise
        await asyncio.sleep(on_cancel["delay_ms"] * unit)
        loop.timer_events.append(loop.time())
        return finish(on_cancel["result"])
    return finish(node["result"])


def exception_message(exception):
    return str(exception.args[0]) if exception.args else ""


def to_json(value):
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, BaseException):
        return {"exception": type(value).__name__, "message": exception_message(value)}
    return value


async def wait_root(children, return_when):
    """`done, pending = await asyncio.wait(children, return_when=...)`, as positions."""
    done, _ = await asyncio.wait(children, return_when=return_when)
    positions = range(len(children))
    return {"done": [p for p in positions if children[p] in done],
            "pending": [p for p in positions if children[p] not in done]}


async def as_completed_root(children):
    """`for f in asyncio.as_completed(children): results.append(await f)`."""
    results = []
    for next_done in asyncio.as_completed(children):
        results.append(await next_done)
    return results


# What combines the root's children other than gather (the Compare panel's rows):
# a task awaiting asyncio.wait or looping over asyncio.as_completed.
ROOT_COMBINATORS = {
    "wait_first_exception": lambda children: wait_root(children, asyncio.FIRST_EXCEPTION),
    "wait_first_completed": lambda children: wait_root(children, asyncio.FIRST_COMPLETED),
    "wait_all_completed": lambda children: wait_root(children, asyncio.ALL_COMPLETED),
    "as_completed": as_completed_root,
}


def build(node, loop, unit, records, cancels, all_done, semaphore=None, combinator=None):
    """Creates the node's task or gather (children first, in preorder, as Python evaluates
    nested gather(...) calls), and records when and how it completes.

    Returns what the parent gather is given and the node's shape. With `timeout_ms` that is
    `asyncio.wait_for(node, timeout)` in a task of its own (which runs a future node's
    coroutine itself); with `shield`, `asyncio.shield(node)`; with both,
    `asyncio.wait_for(asyncio.shield(node), timeout)`. The node's own end and what its
    parent received are recorded apart, and so is the moment its timeout fired."""
    index = len(records.own)
    records.own.append(None)
    timeout, shielded = node.get("timeout_ms"), node.get("shield", False)
    if node.get("kind", "gather") == "future":
        coroutine = future_child(node, loop, unit, semaphore)
        if timeout is not None and not shielded:
            # wait_for runs the coroutine inside its own task: the node's task is that one.
            own = None
            awaitable = loop.create_task(
                asyncio.wait_for(observed(coroutine, loop, records, index), timeout * unit))
            node_task = awaitable
        else:
            own = loop.create_task(coroutine)
            node_task = own
        children = []
    else:
        limit = node.get("limit")
        semaphore = asyncio.Semaphore(limit) if limit is not None else None
        children = [build(child, loop, unit, records, cancels, all_done, semaphore)
                    for child in node.get("children", [])]
        if combinator is None:
            own = asyncio.gather(
                *[child for child, _ in children],
                return_exceptions=node.get("return_exceptions", False),
            )
        else:
            own = loop.create_task(ROOT_COMBINATORS[combinator]([c for c, _ in children]))
        node_task = own

    def recorder(slot):
        def on_done(future):
            slot[index] = (loop.time(), future)
            if records.complete() and not all_done.done():
                all_done.set_result(None)
        return on_done

    if own is not None:
        own.add_done_callback(recorder(records.own))
        awaitable = own
    if timeout is not None or shielded:
        records.received[index] = None
        if shielded:
            awaitable = asyncio.shield(own)
        if timeout is not None and (shielded or own is not None):
            awaitable = loop.create_task(asyncio.wait_for(awaitable, timeout * unit))
        records.tasks[awaitable] = index
        awaitable.add_done_callback(recorder(records.received))
    if node.get("cancel_at_ms") is not None:
        cancels.append((node["cancel_at_ms"], node_task))
    return awaitable, (index, node, [shape for _, shape in children])


class Records:
    """When and how each node ended (`own`), what the parents of nodes with a timeout or a
    shield received (`received`, by node index), and when timeouts fired."""

    def __init__(self):
        self.own = []
        self.received = {}
        self.timeouts = {}
        # The task awaiting each node's wait_for, to tell whose timeout fired.
        self.tasks = {}

    def complete(self):
        return (all(record is not None for record in self.own)
                and all(record is not None for record in self.received.values()))


async def observed(coroutine, loop, records, index):
    """Runs a future node's coroutine inside wait_for's task, noting when and how it ends
    (no await of its own: it adds no turn)."""
    try:
        result = await coroutine
    except BaseException as exception:
        records.own[index] = (loop.time(), Ended(exception=exception))
        raise
    records.own[index] = (loop.time(), Ended(result=result))
    return result


class Ended:
    """A coroutine's end, read like a done future's."""

    def __init__(self, result=None, exception=None):
        self._result, self._exception = result, exception

    def cancelled(self):
        return isinstance(self._exception, asyncio.CancelledError)

    def exception(self):
        return self._exception

    def result(self):
        return self._result


def record_timeouts(loop, records):
    """Notes when each wait_for's timeout fires (3.12+: wait_for is asyncio.timeout)."""
    original = asyncio.timeouts.Timeout._on_timeout

    def on_timeout(self):
        index = records.tasks.get(self._task)
        if index is not None:
            records.timeouts[index] = loop.time()
        loop.timer_events.append(loop.time())
        original(self)

    asyncio.timeouts.Timeout._on_timeout = on_timeout
    return original


def status_fields(future):
    """A report's status fields for a done future (or a coroutine's end)."""
    exception = None if future.cancelled() else future.exception()
    if future.cancelled() or isinstance(exception, asyncio.CancelledError):
        return {"status": "cancelled"}
    if exception is not None:
        return {"status": "raised", "exception": type(exception).__name__,
                "message": exception_message(exception)}
    return {"status": "ok", "value": to_json(future.result())}


def report_node(shape, records, ms=int):
    """`ms`: the report's milliseconds from a record's loop time (the virtual clock's
    loop times are already whole milliseconds)."""
    index, node, children = shape
    done_at, future = records.own[index]
    report = {"label": node.get("label", "")}
    report.update(status_fields(future))
    report["done_at_ms"] = ms(done_at)
    if index in records.received:
        received_at, received = records.received[index]
        report["received"] = {**status_fields(received), "done_at_ms": ms(received_at)}
        if index in records.timeouts:
            report["timeout_at_ms"] = ms(records.timeouts[index])
    if node.get("kind", "gather") == "gather":
        report["children"] = [report_node(child, records, ms) for child in children]
    return report


async def run_scenario(scenario, unit=1, combinator=None):
    loop = asyncio.get_running_loop()
    start = loop.time()
    records, cancels = Records(), []
    # The report is complete only when every node has finished, not just the root.
    all_done = loop.create_future()
    root, shape = build(scenario, loop, unit, records, cancels, all_done,
                        combinator=combinator)
    original_on_timeout = record_timeouts(loop, records) if has_timeout(scenario) else None

    def fire_cancel(awaitable):
        loop.timer_events.append(loop.time())
        awaitable.cancel()

    try:
        handles = [loop.call_at(start + at * unit, fire_cancel, target)
                   for at, target in cancels]
        if scenario.get("timeout_ms") is not None:
            # main awaits the root through wait_for itself: its timeout is main's.
            records.received[0] = None
            records.tasks[asyncio.current_task()] = 0
            try:
                value = await asyncio.wait_for(root, scenario["timeout_ms"] * unit)
            except BaseException as exception:
                if not isinstance(exception, Exception | asyncio.CancelledError):
                    raise
                records.received[0] = (loop.time(), Ended(exception=exception))
            else:
                records.received[0] = (loop.time(), Ended(result=value))
            if records.complete() and not all_done.done():
                all_done.set_result(None)
        await all_done
        for handle in handles:
            handle.cancel()
    finally:
        if original_on_timeout is not None:
            asyncio.timeouts.Timeout._on_timeout = original_on_timeout
    if unit == 1 and start == 0:
        return report_node(shape, records)
    return report_node(shape, records, lambda at: round((at - start) / unit))


def has_timeout(node):
    return node.get("timeout_ms") is not None or any(
        has_timeout(child) for child in node.get("children", []))


def run_detailed(scenario, combinator=None):
    """The report of one scenario on the virtual clock, the times at which its sleeps ended
    and its cancels fired, and the deadlines of all timers that reached them. `combinator`:
    one of ROOT_COMBINATORS in place of the root gather."""
    loop = VirtualClockLoop()
    try:
        report = loop.run_until_complete(run_scenario(scenario, combinator=combinator))
        return report, sorted(loop.timer_events), sorted(loop.deadlines_reached)
    finally:
        loop.close()


def run(scenario, combinator=None):
    """The report of one scenario, and the times at which its timers fired."""
    report, timer_events, _ = run_detailed(scenario, combinator)
    return report, timer_events


# The real-clock check's configuration. Measured on CPython 3.11.7, 2 cores, 32-96 worker
# processes (a "different outcome" is one run whose report, times aside, is not the virtual
# clock's):
# - An outcome that depends on the order of timers due at one moment but scheduled by
#   different chains is not determined by a real clock, whatever the configuration. Two
#   cleanups started by cancels at 100 and 200, both raising at 300: different outcome in
#   27/200 runs at 1 real ms per scenario ms and CPython's clock resolution, 25/200 at 5 ms,
#   51/200 at 10 ms, 15/200 at 1 ms with a 50 ms _clock_resolution, 21/200 at 5 ms with it;
#   a sleep from 0 and a cleanup from a cancel at 100, both raising at 200 (tie corpus X12):
#   3/200, 0/200, 1/200, 1/200, 4/200. Latency does not scale with the time scale, and a
#   coarser clock puts both timers in one turn but still in the order of their real `when`.
# - So the generator marks exact_timing_only every case whose outcome JitteredClockLoop
#   (a simulation of this loop with exaggerated latencies) can change: 8 of the 334 cases
#   of tie_corpus.json (X12 and X13 among them: 1/300 real runs each differ), 0 of
#   corpus.json's. Checked on 1,500 fresh tie scenarios (15 marked): 10 real runs each,
#   0 different outcomes in 14,850 runs of the unmarked ones (1 in 150 of the marked); with
#   two CPU-bound processes besides and 96 workers, 0 in 8,898 (2 in 102 of the marked).
# - The rest agree with CPython's loop as it is: 1 real ms per scenario ms, its own clock
#   resolution (a 50 ms one, how CPython behaves on a clock that coarse, also gave 0
#   different outcomes in 15,000 runs, but would only spare 14 of those 15 marked cases:
#   not worth a loop CPython does not ship). tie_corpus.json: 326/326 cases x 20 runs.
# - Times: never early (beyond the rounding), late by 0-3 ms mostly, 20-30 ms in bursts
#   that hit every run in flight (the machine, not the scenario), 73 ms once: a run late
#   beyond REAL_TOLERANCE_MS but with the right outcome is run again alone, twice at most.
REAL_SCALE = 1.0
REAL_RESOLUTION_MS = None
REAL_WORKERS = 32
REAL_TOLERANCE_MS = 50


def run_real(scenario, scale=1.0, resolution_ms=None):
    """The report of one scenario on CPython's ordinary event loop (asyncio.new_event_loop(),
    real asyncio.sleep, real clock): `scale` real milliseconds per scenario millisecond;
    times in the report are scenario milliseconds, rounded. `resolution_ms` (scenario ms),
    if given, replaces the loop's _clock_resolution; see REAL_RESOLUTION_MS."""
    loop = asyncio.new_event_loop()
    loop.timer_events = []
    if resolution_ms is not None:
        loop._clock_resolution = resolution_ms * scale / 1000
    try:
        return loop.run_until_complete(run_scenario(scenario, unit=scale / 1000))
    finally:
        loop.close()


def outcome(report):
    """A report without its times (a node's own, what its parent received, its timeout's)."""
    result = {key: value for key, value in report.items()
              if key not in ("done_at_ms", "timeout_at_ms")}
    if "received" in report:
        result["received"] = {key: value for key, value in report["received"].items()
                              if key != "done_at_ms"}
    if "timeout_at_ms" in report:
        result["timed_out"] = True
    if "children" in report:
        result["children"] = [outcome(child) for child in report["children"]]
    return result


def time_differences(expected, actual):
    """(label path, expected ms, actual ms) of every node, for reports with equal outcomes."""
    pairs = [(expected["label"], expected["done_at_ms"], actual["done_at_ms"])]
    if "received" in expected and "received" in actual:
        pairs.append((f"{expected['label']} (received)", expected["received"]["done_at_ms"],
                      actual["received"]["done_at_ms"]))
    if "timeout_at_ms" in expected and "timeout_at_ms" in actual:
        pairs.append((f"{expected['label']} (timeout)", expected["timeout_at_ms"],
                      actual["timeout_at_ms"]))
    for left, right in zip(expected.get("children", []), actual.get("children", [])):
        pairs += [(f"{expected['label']}/{path}", a, b) for path, a, b in
                  time_differences(left, right)]
    return pairs


def _real_job(job):
    """One run on the real clock, in a worker process: (case index, report or error text,
    wall seconds)."""
    index, scenario, scale, resolution_ms = job
    began = time.monotonic()
    try:
        report = run_real(scenario, scale, resolution_ms)
    except Exception as exception:  # reported as a disagreement, with its text
        report = f"{type(exception).__name__}: {exception}"
    return index, report, time.monotonic() - began


def sample_cases(cases, sample):
    """`sample` cases spread evenly over the corpus (the first included); all if None."""
    if sample is None or sample >= len(cases):
        return list(range(len(cases)))
    return sorted({len(cases) * i // sample for i in range(sample)})


def compare_real(expected, actual, tolerance_ms):
    """None if the real report agrees (same outcome, every time at most `tolerance_ms` late
    and at most 1 ms early, the rounding), else "outcome" or "times"."""
    if not isinstance(actual, dict) or outcome(actual) != outcome(expected):
        return "outcome"
    if any(not -1 <= b - a <= tolerance_ms for _, a, b in time_differences(expected, actual)):
        return "times"
    return None


def check_real(path, sample, repeat, scale, resolution_ms, workers, tolerance_ms,
               all_cases=False):
    with open(path, encoding="utf-8") as file:
        corpus = json.load(file)
    cases = corpus["cases"]
    # A case marked exact_timing_only has an outcome a real clock does not determine (see
    # JitteredClockLoop), or events too close for real timers: virtual clock only.
    eligible = [index for index, case in enumerate(cases)
                if (all_cases or not case.get("exact_timing_only")) and runs_here(case)]
    chosen = [eligible[position] for position in sample_cases(eligible, sample)]
    # The tie-aware virtual clock's reports, run afresh (--check compares them with the
    # checked-in ones).
    virtual = {index: run(cases[index]["scenario"])[0] for index in chosen}
    jobs = [(index, cases[index]["scenario"], scale, resolution_ms)
            for _ in range(repeat) for index in chosen]
    began = time.monotonic()
    failures = {}  # index -> [(kind, report)]
    runs = {index: 0 for index in chosen}
    slowest = 0.0
    worst_ms = 0
    workers = min(workers, len(jobs))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Start every worker before the first scenario: forking them while scenarios run
        # made those scenarios up to 25 ms late.
        list(pool.map(time.sleep, [0.2] * workers))
        for index, report, seconds in pool.map(_real_job, jobs, chunksize=1):
            runs[index] += 1
            slowest = max(slowest, seconds)
            expected = virtual[index]
            kind = compare_real(expected, report, tolerance_ms)
            if kind != "outcome":
                worst_ms = max([worst_ms] + [abs(b - a) for _, a, b in
                                             time_differences(expected, report)])
            if kind:
                failures.setdefault(index, []).append((kind, report))
    # A run late only in its times (the machine was busy) is run again alone, at most twice;
    # a different outcome is never run again.
    late = [index for index, found in failures.items()
            if all(kind == "times" for kind, _ in found)]
    for index in late:
        for _ in range(2):
            _, report, _ = _real_job((index, cases[index]["scenario"], scale, resolution_ms))
            if compare_real(virtual[index], report, tolerance_ms) is None:
                del failures[index]
                break
    seconds = time.monotonic() - began
    agreeing = len(chosen) - len(failures)
    rerun = sum(1 for index in late if index not in failures)
    print(f"cpython real clock ({sys.version.split()[0]}, {scale:g} real ms per scenario ms, "
          f"clock resolution {'default' if resolution_ms is None else f'{resolution_ms:g} ms'}"
          f"): {agreeing}/{len(chosen)} cases of {path} agree with the virtual clock "
          f"({len(cases) - len(eligible)} exact_timing_only cases not run; "
          f"{repeat} run{'s' if repeat > 1 else ''} each, {len(jobs)} runs in {seconds:.1f} s; "
          f"largest time difference {worst_ms} ms, tolerance {tolerance_ms:g} late"
          f"{f', {rerun} late case(s) run again alone and in time' if rerun else ''}; "
          f"slowest run {slowest:.2f} s)")
    for index, found in sorted(failures.items()):
        kinds = [kind for kind, _ in found]
        print(f"DISAGREES: {cases[index]['name']!r}: {kinds.count('outcome')} of {runs[index]} "
              f"runs a different outcome, {kinds.count('times')} late beyond the tolerance",
              file=sys.stderr)
        print("  scenario: " + json.dumps(cases[index]["scenario"], ensure_ascii=False),
              file=sys.stderr)
        print("  virtual:  " + json.dumps(virtual[index], ensure_ascii=False),
              file=sys.stderr)
        shown = next((report for kind, report in found if kind == "outcome"), found[0][1])
        print("  real:     " + json.dumps(shown, ensure_ascii=False), file=sys.stderr)
    return 1 if failures else 0


def runs_here(case):
    """Whether this CPython is new enough for the case ("python": "3.12" means 3.12+)."""
    needed = case.get("python")
    return needed is None or sys.version_info >= tuple(int(part) for part in needed.split("."))


def skipped_note(skipped):
    if not skipped:
        return ""
    return (f"; {skipped} cases need a newer CPython (timeouts and shields: 3.12+) and were "
            f"not run on {sys.version.split()[0]}")


def main(argv):
    if len(argv) >= 3 and argv[1] == "--check-real":
        parser = argparse.ArgumentParser(prog="cpython_runner.py --check-real")
        parser.add_argument("corpus")
        parser.add_argument("--sample", type=int, default=None)
        parser.add_argument("--repeat", type=int, default=1)
        parser.add_argument("--scale", type=float, default=REAL_SCALE)
        parser.add_argument("--resolution", type=float, default=REAL_RESOLUTION_MS,
                            help="the loop's _clock_resolution in scenario ms; "
                                 "a negative value keeps CPython's default")
        parser.add_argument("--workers", type=int, default=REAL_WORKERS)
        parser.add_argument("--all-cases", action="store_true",
                            help="exact_timing_only cases too (to measure them)")
        parser.add_argument("--tolerance", type=float, default=None,
                            help="scenario ms (default: REAL_TOLERANCE_MS real ms)")
        args = parser.parse_args(argv[2:])
        resolution = (None if args.resolution is None or args.resolution < 0
                      else args.resolution)
        tolerance = (args.tolerance if args.tolerance is not None
                     else REAL_TOLERANCE_MS / args.scale)
        return check_real(args.corpus, args.sample, args.repeat, args.scale, resolution,
                          args.workers, tolerance, args.all_cases)
    if len(argv) == 3 and argv[1] == "--real":
        with open(argv[2], encoding="utf-8") as file:
            report = run_real(json.load(file), REAL_SCALE, REAL_RESOLUTION_MS)
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if len(argv) == 2 and not argv[1].startswith("--"):
        with open(argv[1], encoding="utf-8") as file:
            report, _ = run(json.load(file))
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if len(argv) == 3 and argv[1] in ("--check", "--rewrite"):
        with open(argv[2], encoding="utf-8") as file:
            corpus = json.load(file)
        differing = []
        skipped = 0
        for case in corpus["cases"]:
            if not runs_here(case):
                skipped += 1
                continue
            report, _ = run(case["scenario"], case.get("combinator"))
            if report != case["report"]:
                differing.append(case["name"])
                case["report"] = report
        if argv[1] == "--rewrite":
            with open(argv[2], "w", encoding="utf-8") as file:
                json.dump(corpus, file, indent=1, ensure_ascii=False)
                file.write("\n")
            print(f"rewrote {len(corpus['cases'])} reports ({len(differing)} changed)")
            return 0
        if differing:
            print(f"{len(differing)} of {len(corpus['cases'])} CPython reports differ from the "
                  f"checked-in ones: {', '.join(differing[:10])}", file=sys.stderr)
            return 1
        print(f"cpython {sys.version.split()[0]}: {argv[2]}: "
              f"{len(corpus['cases']) - skipped} reports regenerated, all identical"
              f"{skipped_note(skipped)}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
