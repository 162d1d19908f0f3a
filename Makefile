# Two commands matter (see README): `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAUNCHER_JAR := launcher/target/peergraph-neo4j-launcher.jar
LAUNCHER_SRC := launcher/pom.xml $(shell find launcher/src -type f 2>/dev/null)

.PHONY: install run test lint bench clean

install: $(VENV)/.installed $(LAUNCHER_JAR) .env

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(LAUNCHER_JAR): $(LAUNCHER_SRC)
	mvn --batch-mode --quiet -f launcher/pom.xml -DskipTests package

.env: | $(VENV)/.installed
	$(BIN)/peergraph setup-env

run: install
	$(BIN)/peergraph run

test: install
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	-$(BIN)/peergraph db stop
	rm -rf $(VENV) launcher/target .pytest_cache .mypy_cache .ruff_cache
