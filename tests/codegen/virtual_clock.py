#!/usr/bin/env python3
"""Runs generated programs on the CPython reference's virtual clock, and says what each
printed last.

The programs are plain asyncio programs that end with `asyncio.run(main())` (inside their
outcome printing). Here `asyncio.run` is replaced, while each program runs, by a run on
tests/conformance/cpython_runner.py's VirtualClockLoop: CPython's own event loop, on a
clock that jumps from timer to timer and runs timers due at the same moment in the order
they were set, as a punctual real clock does (rules H1, H2). So every time is exact, the
ties come out as on the reference, and a corpus of programs runs in seconds. After main
returns, what is left is cancelled and finished, as asyncio.run does.

Each program runs in a fresh namespace, as `__main__`, its output going to a stream whose
encoding is ASCII (as a terminal might be): a program must print non-ASCII text all the
same.

Usage: virtual_clock.py PROGRAMS.json
  PROGRAMS.json: [{"name": ..., "program": ...}, ...]
  prints one JSON object: {"python": version, "seconds": wall time, "results":
  [{"name": ..., "last_line": ... or null, "error": ... or null}, ...]}
"""

import asyncio
import asyncio.runners
import io
import json
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))

from cpython_runner import VirtualClockLoop  # noqa: E402


def run_on_virtual_clock(main, **_options):
    """`asyncio.run(main)` on the reference's virtual clock."""
    loop = VirtualClockLoop()
    # What is left when main returns is cancelled at the end, as asyncio.run does; its
    # errors are no concern here.
    loop.set_exception_handler(lambda _loop, _context: None)
    try:
        asyncio.set_event_loop(loop)
        return loop.run_until_complete(main)
    finally:
        try:
            asyncio.runners._cancel_all_tasks(loop)
        except RuntimeError:
            pass
        asyncio.set_event_loop(None)
        loop.close()


def run_program(program):
    """The program's output as text, and its error (a traceback) if it raised."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii", newline="\n", write_through=True)
    original_run, original_stdout = asyncio.run, sys.stdout
    asyncio.run = run_on_virtual_clock
    sys.stdout = stream
    error = None
    try:
        code = compile(program, "program.py", "exec")
        exec(code, {"__name__": "__main__"})
    except BaseException:  # the test reports it, whatever it was
        error = traceback.format_exc()
    finally:
        stream.flush()
        sys.stdout = original_stdout
        asyncio.run = original_run
    return buffer.getvalue().decode("utf-8", errors="replace"), error


def main(argv):
    with open(argv[1], encoding="utf-8") as file:
        programs = json.load(file)
    began = time.monotonic()
    results = []
    for entry in programs:
        output, error = run_program(entry["program"])
        lines = output.splitlines()
        results.append({
            "name": entry["name"],
            "last_line": lines[-1] if lines else None,
            "error": error,
        })
    json.dump({
        "python": sys.version.split()[0],
        "seconds": time.monotonic() - began,
        "results": results,
    }, sys.stdout, ensure_ascii=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
