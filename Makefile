# Torpedo — the commands of SPEC §8. Each target installs what is missing first
# (Debian packages, npm packages), idempotently and quickly when everything is present.
SHELL := /bin/bash
.DEFAULT_GOAL := build

JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
TORPEDO := $(RELEASE_DIR)/src/torpedo

.PHONY: deps deps-test web web-deps cpp build run demo test bench format clean

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

web-deps:
	@scripts/web-deps.sh

web: web-deps
	@cd web && npm run --silent build

cpp: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build: deps web cpp

# Builds and starts Torpedo on SQLite + local storage under ./data (Ctrl-C stops it).
run: build
	@TORPEDO_WEB_DIR=$${TORPEDO_WEB_DIR:-web/dist} exec $(TORPEDO) serve

# Like run, plus pbxsim (a simulated Asterisk) and sample data: a campaign ready to press Play.
demo: build
	@scripts/demo.sh $(TORPEDO)

# Installs, builds and runs every test: C++ (AddressSanitizer + UBSan) on SQLite and a
# throwaway MariaDB, the web unit tests, and the end-to-end test in headless Chromium.
test:
	@scripts/test.sh

bench: build
	@bench/run.sh

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build web/dist
