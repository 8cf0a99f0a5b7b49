# Two commands for a fresh machine with Python 3.11+ and make:
#   make site   build the site into site/ (make serve: preview at http://127.0.0.1:8000)
#   make test   run every test (lint, unit, property, build, browser)
# Both create the local virtual environment .venv and install what they need.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
# Builds of one commit are the same whenever they run: MkDocs dates the sitemap by this.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH
# Where make serve answers: make serve ADDRESS=127.0.0.1:8001
ADDRESS ?= 127.0.0.1:8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,scripts]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict
	@echo "The site is in site/ (open site/index.html, or run 'make serve')."

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --no-strict -a $(ADDRESS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) lint
	sh scripts/ensure-chromium.sh
	$(BIN)/pytest

bench: $(STAMP)
	for script in scripts/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf site .pytest_cache .ruff_cache .hypothesis
