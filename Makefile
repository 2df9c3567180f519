# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check soak demo screenshots bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Away needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes.
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/away

# Lint, format, types and spelling; make test runs them first, so CI holds every change.
check: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/codespell

test: check
	$(BIN)/python -m pytest

# The fault suite at its full counts (about four minutes); make test runs a fast version.
# Prints every test's figure (kills, writes, lost records) in one table at the end.
soak: $(VENV)/.installed-test
	AWAY_SOAK=1 $(BIN)/python -m pytest tests/reliability

demo: $(VENV)/.installed-app
	@tmp=$$(mktemp -d)/away-demo.db; $(BIN)/away demo $$tmp && $(BIN)/away --db $$tmp

screenshots: $(VENV)/.installed-test
	$(BIN)/python -m tracker.ui.screenshots screenshots

# Needs tmux: Away is timed in a real terminal, beside a minimal Textual app. Each
# script takes --baseline REV to time Away at a git revision in the same run.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/terminal.py
	$(BIN)/python benchmarks/quick_capture.py
	$(BIN)/python benchmarks/exports.py
	$(BIN)/python benchmarks/csv_import.py
	$(BIN)/python benchmarks/frames.py

clean:
	rm -rf $(VENV)
