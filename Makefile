# THADS: two commands on a fresh machine with Python 3.11.
#   make run    install, migrate, load the demo province and serve http://127.0.0.1:8000
#   make test   install and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
DEMO_ARGS ?=
# make run/demo/serve need no configuration and do not use DEBUG (whose error pages show personal data): a random
# SECRET_KEY is generated once into var/secret_key (readable by its owner only) and used unless SECRET_KEY is set;
# runserver speaks plain HTTP, so THADS_HTTPS defaults to false here (production: see README, deployment).
KEY_FILE := var/secret_key
LOCAL_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat $(KEY_FILE))}" THADS_HTTPS="$${THADS_HTTPS:-false}"

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

$(KEY_FILE):
	@mkdir -p $(dir $@)
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install $(KEY_FILE)
	$(LOCAL_ENV) $(BIN)/thads migrate --noinput
	$(LOCAL_ENV) $(BIN)/thads demo $(DEMO_ARGS)
	@echo "THADS is starting at http://$(ADDR)/ with its job worker  (Ctrl+C to stop both)"
	$(LOCAL_ENV) $(BIN)/thads worker & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null; wait $$WORKER' EXIT INT TERM; \
	$(LOCAL_ENV) $(BIN)/thads serve $(ADDR)

demo: install $(KEY_FILE)
	$(LOCAL_ENV) $(BIN)/thads migrate --noinput
	$(LOCAL_ENV) $(BIN)/thads demo $(DEMO_ARGS)

serve: install $(KEY_FILE)
	$(LOCAL_ENV) $(BIN)/thads serve $(ADDR)

test: install-test
	@test -x /usr/bin/chromium || echo "NOTE: /usr/bin/chromium not found: the browser tests (tests/browser) are skipped; apt-get install chromium to run them."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var .pytest_cache
