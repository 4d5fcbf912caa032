#!/usr/bin/env python3
"""Writes the Compare corpus: scenarios whose root's children are combined by asyncio.wait
(each return_when) or an as_completed loop instead of gather, with CPython's reports.

The scenarios are the tie corpus's (named and random, timeouts and shields included), so that
wait's done and pending sets are checked at ties too. A report's root value is
{"done": [positions], "pending": [positions]} for wait, the results in completion order for
as_completed. The port runs the same through its Compare rows (src/explore/compare.rs).

Usage: generate_compare.py [--count N] OUT.json   (reads tie_corpus.json beside it)
"""

import argparse
import json
import sys
from pathlib import Path

from cpython_runner import ROOT_COMBINATORS, run
from generate import guards_python_here


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=120, help="scenarios per combinator")
    parser.add_argument("out")
    args = parser.parse_args()
    if not guards_python_here():
        return 1
    ties = json.loads((Path(__file__).parent / "tie_corpus.json").read_text(encoding="utf-8"))
    scenarios = [case for case in ties["cases"] if case["scenario"]["children"]]
    # Every k-th, so that named, random and guarded cases all come in.
    step = max(1, len(scenarios) // args.count)
    chosen = scenarios[::step][:args.count]
    cases = []
    for combinator in ROOT_COMBINATORS:
        for case in chosen:
            report, _ = run(case["scenario"], combinator)
            entry = {"name": f"{combinator}: {case['name']}", "combinator": combinator,
                     "scenario": case["scenario"], "report": report}
            if "python" in case:
                entry["python"] = case["python"]
            cases.append(entry)
    corpus = {
        "about": "The tie corpus's scenarios with the root's children combined by "
                 "asyncio.wait or as_completed, and CPython's reports. Made by "
                 "tests/conformance/generate_compare.py; checked by cpython_runner.py --check.",
        "cases": cases,
    }
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(corpus, file, indent=1, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {len(cases)} cases ({len(chosen)} scenarios x {len(ROOT_COMBINATORS)} "
          "combinators)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
