# THADS: two commands on a fresh machine with Python 3.11.
#   make run    install, migrate, load the demo province and serve http://127.0.0.1:8000
#   make test   install and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
DEMO_ARGS ?=

.PHONY: run test install install-test demo serve lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/thads migrate --noinput
	$(BIN)/thads demo $(DEMO_ARGS)
	@echo "THADS is starting at http://$(ADDR)/  (Ctrl+C to stop)"
	$(BIN)/thads serve $(ADDR)

demo: install
	$(BIN)/thads migrate --noinput
	$(BIN)/thads demo $(DEMO_ARGS)

serve: install
	$(BIN)/thads serve $(ADDR)

test: install-test
	@test -x /usr/bin/chromium || echo "NOTE: /usr/bin/chromium not found: the browser tests (tests/browser) are skipped; apt-get install chromium to run them."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) var .pytest_cache
