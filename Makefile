# Two commands do all set-up on a fresh machine:
#   make run   — create .venv if needed, install, start the app on http://localhost:$(PORT)
#   make test  — the same, then lint and every test (core, app, real browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint test-fast test-browser test-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A stamp per requirements file: reinstall only when the file changes.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV)/.bench-installed: requirements.txt requirements-dev.txt requirements-bench.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

run: $(VENV)/.runtime-installed
	$(BIN)/streamlit run app.py --server.port $(PORT)

test-deps:
	@scripts/ensure_test_deps.sh $(BIN)/python

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-fast: $(VENV)/.dev-installed
	$(BIN)/pytest -n 2 -m "not browser" -q

test-browser: $(VENV)/.dev-installed test-deps
	$(BIN)/pytest -m browser -n 2 --dist loadfile -q --durations=12

test: lint test-fast test-browser

bench: $(VENV)/.bench-installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis artifacts
