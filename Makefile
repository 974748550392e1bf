# The two commands of the README: `make site` and `make test`. Each sets everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test lint bench eval validate clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: validate the knowledge base, then build the public and internal sites into site/
site: $(STAMP)
	$(BIN)/claimkb build

## test: lint, type-check, then run every test, the browser tests included (installs Debian's chromium if missing)
test: $(STAMP) lint
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

## lint: ruff (lint and format) and mypy on src/
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

## bench: time validate, build and check at 200 and 2,000 synthetic claims (see README)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

## eval: the copy checker's recall and precision on every labelled set, dev and held-out side by side
eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py

## validate: check every record, reference and source document
validate: $(STAMP)
	$(BIN)/claimkb validate

clean:
	rm -rf $(VENV) site build *.egg-info src/*.egg-info .pytest_cache
