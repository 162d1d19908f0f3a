# Two commands matter (see README): `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAUNCHER_JAR := launcher/target/peergraph-neo4j-launcher.jar
LAUNCHER_SRC := launcher/pom.xml $(shell find launcher/src -type f 2>/dev/null)

.PHONY: install run test lint bench-deps clean postgres

WEB_DEPS := web/dist/fcose.esm.min.mjs
CHROMIUM := /usr/bin/chromium
# the accounts-store tests run against SQLite and a throwaway PostgreSQL (Debian's package)
POSTGRES_INITDB := $(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb))

NATIVE_SRC := native/Cargo.toml native/Cargo.lock native/pyproject.toml native/peergraph_native.pyi \
	$(wildcard native/src/*.rs)

install: $(VENV)/.installed $(VENV)/.native $(LAUNCHER_JAR) $(WEB_DEPS)
	$(BIN)/peergraph setup-env

# web explorer: the graph library from npm, pinned by web/package-lock.json; esbuild bundles
# the fcose layout into one ES module (web/dist)
$(WEB_DEPS): web/package.json web/package-lock.json web/fcose.entry.mjs
	npm ci --prefix web --no-audit --no-fund
	npm run --prefix web --silent build

# web explorer tests: Debian's Chromium, driven by Playwright (never `playwright install`)
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# accounts-store tests: PostgreSQL from Debian, started by the tests in a throwaway folder
postgres:
	@[ -n "$(POSTGRES_INITDB)" ] || (apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# the bulk import's transform in Rust (cargo, crates pinned by native/Cargo.lock), built by
# maturin into the venv as the peergraph_native module
$(VENV)/.native: $(VENV)/.installed $(NATIVE_SRC)
	$(BIN)/pip install --quiet ./native
	touch $@

$(LAUNCHER_JAR): $(LAUNCHER_SRC)
	mvn --batch-mode --quiet -f launcher/pom.xml -DskipTests package

run: install
	$(BIN)/peergraph run

test: install $(CHROMIUM) postgres
	$(BIN)/python -m pytest

# what bench/ needs beyond the dev install (which brings locust and Playwright): wrk from
# Debian for bench.api's sustained reads, Chromium for bench.explorer
bench-deps: install $(CHROMIUM)
	@command -v wrk >/dev/null || (apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	-$(BIN)/peergraph db stop
	rm -rf $(VENV) launcher/target native/target .pytest_cache .mypy_cache .ruff_cache
