#!/usr/bin/env python3
"""Runs gather-playground scenarios on CPython's own asyncio and writes their reports.

The reference the Rust port is checked against. Scenarios and reports are those of
shared/scenario-format.md. The event loop here is CPython's BaseEventLoop with a virtual
clock: time moves only when the loop would sleep, and then straight to the next timer, so
every time in a report is exact. One loop time unit is one millisecond.

Usage:
  cpython_runner.py SCENARIO.json             print the report of one scenario
  cpython_runner.py --check CORPUS.json       rerun every case of a corpus, compare reports
  cpython_runner.py --rewrite CORPUS.json     rerun every case, store the new reports
"""

import asyncio
import json
import sys


class VirtualClockLoop(asyncio.BaseEventLoop):
    """asyncio's own loop logic; only the clock and the wait for I/O are replaced."""

    def __init__(self):
        super().__init__()
        self._virtual_now = 0
        self._selector = self
        # Events observed on timers, for the generator's "no two within 20 ms" rule.
        self.timer_events = []

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


async def future_child(node, loop, semaphore=None):
    if semaphore is not None:
        async with semaphore:
            return await future_child(node, loop)
    try:
        await asyncio.sleep(node["delay_ms"])
        loop.timer_events.append(loop.time())
    except asyncio.CancelledError:
        on_cancel = node.get("on_cancel")
        if on_cancel is None:
            raise
        await asyncio.sleep(on_cancel["delay_ms"])
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


def build(node, loop, records, cancels, all_done, semaphore=None):
    """Creates the node's task or gather (children first, in preorder, as Python evaluates
    nested gather(...) calls), and records when and how it completes."""
    index = len(records)
    records.append(None)
    if node.get("kind", "gather") == "future":
        awaitable = loop.create_task(future_child(node, loop, semaphore))
        children = []
    else:
        limit = node.get("limit")
        semaphore = asyncio.Semaphore(limit) if limit is not None else None
        children = [build(child, loop, records, cancels, all_done, semaphore)
                    for child in node.get("children", [])]
        awaitable = asyncio.gather(
            *[child for child, _ in children],
            return_exceptions=node.get("return_exceptions", False),
        )

    def on_done(future):
        records[index] = (loop.time(), future)
        if all(record is not None for record in records) and not all_done.done():
            all_done.set_result(None)

    awaitable.add_done_callback(on_done)
    if node.get("cancel_at_ms") is not None:
        cancels.append((node["cancel_at_ms"], awaitable))
    return awaitable, (index, node, [shape for _, shape in children])


def report_node(shape, records):
    index, node, children = shape
    done_at, future = records[index]
    report = {"label": node.get("label", "")}
    exception = None if future.cancelled() else future.exception()
    if future.cancelled() or isinstance(exception, asyncio.CancelledError):
        report["status"] = "cancelled"
    elif exception is not None:
        report["status"] = "raised"
        report["exception"] = type(exception).__name__
        report["message"] = exception_message(exception)
    else:
        report["status"] = "ok"
        report["value"] = to_json(future.result())
    report["done_at_ms"] = int(done_at)
    if node.get("kind", "gather") == "gather":
        report["children"] = [report_node(child, records) for child in children]
    return report


async def run_scenario(scenario):
    loop = asyncio.get_running_loop()
    start = loop.time()
    records, cancels = [], []
    # The report is complete only when every node has finished, not just the root.
    all_done = loop.create_future()
    _, shape = build(scenario, loop, records, cancels, all_done)

    def fire_cancel(awaitable):
        loop.timer_events.append(loop.time())
        awaitable.cancel()

    handles = [loop.call_at(start + at, fire_cancel, target) for at, target in cancels]
    await all_done
    for handle in handles:
        handle.cancel()
    return report_node(shape, records)


def run(scenario):
    """The report of one scenario, and the times at which its timers fired."""
    loop = VirtualClockLoop()
    try:
        report = loop.run_until_complete(run_scenario(scenario))
        return report, sorted(loop.timer_events)
    finally:
        loop.close()


def main(argv):
    if len(argv) == 2 and not argv[1].startswith("--"):
        with open(argv[1], encoding="utf-8") as file:
            report, _ = run(json.load(file))
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if len(argv) == 3 and argv[1] in ("--check", "--rewrite"):
        with open(argv[2], encoding="utf-8") as file:
            corpus = json.load(file)
        differing = []
        for case in corpus["cases"]:
            report, _ = run(case["scenario"])
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
        print(f"cpython conformance corpus: {len(corpus['cases'])} reports regenerated, all identical")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
