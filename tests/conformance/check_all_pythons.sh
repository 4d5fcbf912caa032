#!/usr/bin/env bash
# Runs the CPython conformance checks on every CPython >= 3.11 there is: --check of
# corpus.json, tie_corpus.json and compare_corpus.json (virtual clock, reports must be
# identical; cases marked "python": "3.12" are skipped on 3.11, which says so), then
# --check-real of both (CPython's ordinary loop on the real clock, outcomes must be identical).
#
# Interpreters: pyenv's versions (`pyenv root`/versions/*/bin/python3) when pyenv exists, else
# python3.11, python3.12, ... on PATH, else python3 if it is >= 3.11. Prints the versions it
# checked and which of 3.11, 3.12, 3.13 it did not find (those are skipped); fails if a check
# fails or if there is no CPython >= 3.11 at all.
#
# Usage: tests/conformance/check_all_pythons.sh [--no-real]

set -u -o pipefail
cd "$(dirname "$0")"
real=1
[ "${1:-}" = "--no-real" ] && real=0

version_of() {  # prints "3.12.1" for a CPython >= 3.11, nothing otherwise
  "$1" -c 'import platform, sys
if platform.python_implementation() == "CPython" and sys.version_info >= (3, 11):
    print(platform.python_version())' 2>/dev/null
}

candidates=()
if command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null) && [ -d "$root/versions" ]; then
  for python in "$root"/versions/*/bin/python3; do
    [ -x "$python" ] && candidates+=("$python")
  done
fi
if [ ${#candidates[@]} -eq 0 ]; then
  for minor in $(seq 11 20); do
    python=$(command -v "python3.$minor" 2>/dev/null) && candidates+=("$python")
  done
fi
if [ ${#candidates[@]} -eq 0 ] && python=$(command -v python3 2>/dev/null); then
  candidates+=("$python")
fi

declare -A seen=()
pythons=() versions=()
for python in "${candidates[@]}"; do
  version=$(version_of "$python")
  [ -n "$version" ] || continue
  resolved=$(readlink -f "$python")
  [ -z "${seen[$resolved]:-}" ] || continue
  seen[$resolved]=1
  pythons+=("$python") versions+=("$version")
done
if [ ${#pythons[@]} -eq 0 ]; then
  echo "check_all_pythons: no CPython >= 3.11 found (pyenv, python3.1x on PATH, python3)" >&2
  exit 1
fi

failed=()
for i in "${!pythons[@]}"; do
  python=${pythons[$i]} version=${versions[$i]}
  echo "== CPython $version ($python)"
  "$python" cpython_runner.py --check corpus.json || failed+=("$version corpus.json")
  "$python" cpython_runner.py --check tie_corpus.json || failed+=("$version tie_corpus.json")
  "$python" cpython_runner.py --check compare_corpus.json || failed+=("$version compare_corpus.json")
  if [ $real = 1 ]; then
    "$python" cpython_runner.py --check-real tie_corpus.json || failed+=("$version real tie_corpus.json")
    "$python" cpython_runner.py --check-real corpus.json || failed+=("$version real corpus.json")
  fi
done

missing=()
for minor in 3.11 3.12 3.13; do
  found=0
  for version in "${versions[@]}"; do
    [[ $version == "$minor".* ]] && found=1
  done
  [ $found = 1 ] || missing+=("$minor")
done
echo "check_all_pythons: checked CPython ${versions[*]}"
[ ${#missing[@]} -eq 0 ] || echo "check_all_pythons: not found, skipped: ${missing[*]}"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'check_all_pythons: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "check_all_pythons: all passed"
