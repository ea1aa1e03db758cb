# The two set-up commands of the README. Each creates .venv and installs exactly the
# pinned versions of constraints.txt, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install lint bench clean test-tools

$(BIN)/zairyu: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(BIN)/zairyu

install: $(BIN)/zairyu

# The web interview and JSON API on SQLite in ~/.local/share/zairyu (or $$ZAIRYU_DATA_DIR);
# it prints the address to open. HOST and PORT can be overridden: make run PORT=9000
HOST ?= 127.0.0.1
PORT ?= 8000
run: install
	$(BIN)/zairyu serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy --strict src

# Debian's chromium, a Japanese font and axe-core for the real-browser tests (tests/browser).
test-tools:
	scripts/ensure-test-tools

test: lint test-tools
	$(BIN)/pytest

bench: install
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/web.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
