# gather playground: `make serve` serves the playground, `make test` runs every test.
# Both install whatever tool is missing first (idempotent; a few seconds when all is there).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TOOLS := $(CURDIR)/.tools
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(TOOLS)/bin:$(CARGO_BIN):$(PATH)
# wasm-pack and trunk must never download a binary: everything they need is on PATH.
export WASM_BINDGEN_TEST_TIMEOUT ?= 600

TRUNK_VERSION := 0.21.14
BINARYEN_VERSION := 132.0.0
TERSER_VERSION := 5.51.4
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help serve build test bench tools-build tools-test lint test-native conformance test-browser test-e2e clean-tools

help:
	@echo "make serve   build and serve the playground at http://127.0.0.1:8080 (trunk serve)"
	@echo "make test    every test: lint, native, CPython conformance, browser, end-to-end"
	@echo "make build   release build into dist/ (works from any static host path)"
	@echo "make bench   performance benchmarks"

serve: tools-build
	trunk serve

build: tools-build
	trunk build --release

test: tools-test lint test-native conformance test-browser test-e2e
	@echo "make test: all passed"

# The release page and the benchmarks' own page (bench/index.html, the `bench` feature; not
# shipped), measured in headless Chromium: a table, and bench/results.json.
bench: build
	trunk build --release=true --dist target/bench-dist bench/index.html
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@[ -f tests/e2e/node_modules/playwright-core/package.json ] \
	  || (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
	node bench/run.mjs

# ---- tools -------------------------------------------------------------------------------

tools-build:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qx 'trunk $(TRUNK_VERSION)' \
	  || cargo install --locked trunk --version $(TRUNK_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
	  || cargo install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@# Debian's wasm-opt is too old for rustc's wasm; npm's binaryen has a working one. terser
	@# minifies the release build's JS glue (www/shrink-release.mjs). One npm install for both:
	@# npm removes what an install does not name.
	@{ $(TOOLS)/bin/wasm-opt --version 2>/dev/null | grep -q 'version_$(firstword $(subst ., ,$(BINARYEN_VERSION)))' \
	  && grep -q '"version": "$(TERSER_VERSION)"' $(TOOLS)/node_modules/terser/package.json 2>/dev/null; } || { \
	  npm install --prefix $(TOOLS) --no-save --no-audit --no-fund --loglevel=error \
	    binaryen@$(BINARYEN_VERSION) terser@$(TERSER_VERSION); \
	  mkdir -p $(TOOLS)/bin; \
	  printf '#!/bin/sh\nexec node "%s/node_modules/binaryen/bin/wasm-opt" "$$@"\n' "$(TOOLS)" > $(TOOLS)/bin/wasm-opt; \
	  chmod +x $(TOOLS)/bin/wasm-opt; }

tools-test: tools-build
	@command -v wasm-pack >/dev/null || cargo install --locked wasm-pack
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v firefox >/dev/null || { \
	  $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium chromium-driver firefox-esr; }
	@command -v geckodriver >/dev/null || cargo install --locked geckodriver
	@command -v python3 >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q python3; }
	@[ -f tests/e2e/node_modules/playwright-core/package.json ] \
	  || (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

clean-tools:
	rm -rf $(TOOLS) tests/e2e/node_modules

# ---- tests -------------------------------------------------------------------------------

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test

# The checked-in CPython reports of both corpora must be what CPython gives today, on every
# CPython >= 3.11 the machine has (pyenv's, else python3.1x, else python3; missing ones are
# named and skipped); and the tie-aware virtual runner must give the outcomes of CPython's
# ordinary loop on the real clock.
conformance:
	tests/conformance/check_all_pythons.sh

# The browser tests in Chromium, then in Firefox ESR.
test-browser:
	wasm-pack test --headless --chrome
	wasm-pack test --headless --firefox

test-e2e: build
	cd tests/e2e && node --test
