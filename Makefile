# Fazhi — the two commands of a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo test install install-dev lint typecheck messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Runtime dependencies from the lock file, then Fazhi itself (no further resolution).
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Build the demo database under var/ and serve it at http://127.0.0.1:$(PORT)
demo: install
	$(BIN)/fazhi demo
	$(BIN)/fazhi serve --port $(PORT)

## Run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
test: install-dev
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check fazhi bench
	$(BIN)/ruff format --check fazhi bench

typecheck: install-dev
	$(BIN)/mypy fazhi

messages: install-dev
	cd fazhi && ../$(BIN)/fazhi compilemessages

clean:
	rm -rf $(VENV) var
