# Diaodu — the two commands: `make run` and `make test`. Everything else is what they stand on.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install venv assets messages system-deps lint format migrate seed worker bench clean

## run: install, migrate, seed the demo zone, start the web server and the task worker
run: install
	@export DEBUG=true DIAODU_DEMO=true; \
	$(MANAGE) migrate --no-input && \
	$(MANAGE) seed_demo && \
	echo "" && echo "Diaodu: http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)" && echo "" && \
	trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) db_worker --queue-name default & \
	$(MANAGE) runserver $(HOST):$(PORT)

## test: lint, the suite on SQLite, the same suite on a throwaway PostgreSQL, then the browser tests
test: install system-deps
	@scripts/test.sh

install: venv assets messages

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv sync --frozen
	@touch $@

assets: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

messages: venv
	@command -v msgfmt >/dev/null || $(MAKE) --no-print-directory system-deps
	@DEBUG=true $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

## system-deps: Debian packages the tests need (Chromium, CJK fonts, gettext, PostgreSQL), when missing
system-deps:
	@scripts/system-deps.sh

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: install
	DEBUG=true $(MANAGE) migrate

worker: install
	DEBUG=true $(MANAGE) db_worker

## bench: every benchmark, each beside its baseline in the same run; results in var/bench/
bench: install
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) node_modules var/static var/e2e
