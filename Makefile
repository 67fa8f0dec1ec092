# The two commands of the Quick start: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test install install-production check messages clean backup restore lock bench

# What the app needs to run, transitive dependencies included, at the version and hash of requirements.lock (made
# from pyproject.toml by `make lock`); then the project itself, without resolving anything again.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Then the test and lint tools of requirements-dev.lock (made with requirements.lock as its constraint: the
# packages both hold are at the same version).
$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $(DEV_STAMP)

## Development: the runtime and the test and lint tools
install: $(DEV_STAMP)
	@$(PY) -m strategy_tracker.i18n >/dev/null

## A server: the runtime only (no test or lint tool)
install-production: $(STAMP)
	@$(PY) -m strategy_tracker.i18n >/dev/null

# A development checkout's configuration file: DEBUG on and a key of its own, so that manage.py works as typed (with
# DEBUG off nothing falls back: docs/operations.md). Never made over an existing one.
.env:
	@umask 077 && printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "made .env for development (DEBUG=1)"

## Set up everything and serve on http://127.0.0.1:$(PORT)
run: install .env
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py load_reference_data
	DEBUG=1 $(PY) manage.py create_demo_users
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole suite (on SQLite, or on PostgreSQL when DATABASE_URL says so)
test: install
	$(PY) -m pytest

## The page benchmark on generated data of two sizes (SQLite, or PostgreSQL when DATABASE_URL says so): var/bench/
bench: install
	@mkdir -p var/bench
	$(PY) -m strategy_tracker.i18n >/dev/null
	$(PY) bench/bench.py $(BENCH_ARGS)

## Lint, types (mypy), Django's system checks and the missing-migration check
check: install
	@mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(VENV)/bin/mypy
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

## Refresh the Vietnamese catalogue from the code (needs GNU gettext on the developer's machine)
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l vi --no-location --ignore='.venv/*' --ignore='var/*' --ignore='reporting/*'
	# -P: reporting/calendar.py must not hide the standard library's calendar module
	cd reporting && DEBUG=1 DJANGO_SETTINGS_MODULE=strategy_tracker.settings PYTHONPATH=.. ../$(PY) -P -m django makemessages -l vi --no-location
	$(PY) -m strategy_tracker.i18n

## Back up the database of DATABASE_URL (environment or .env) to $(BACKUP), read it back, print each table's rows
BACKUP ?= var/backups/tracker-$(shell date +%Y%m%d-%H%M%S).backup
backup: $(STAMP)
	$(PY) tools/backup.py backup $(BACKUP)

## Restore the database from BACKUP=file (stop the app servers first); prints each table's rows after
restore: $(STAMP)
	@test -n "$(BACKUP)" && test -f "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<file>"; exit 2; }
	$(PY) tools/backup.py restore $(BACKUP)

## Refresh requirements.lock (runtime) and requirements-dev.lock (runtime + dev extra) after changing pyproject.toml
COMPILE = $(VENV)/bin/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras
lock: install
	$(PY) -m pip install --quiet pip-tools==7.6.2
	$(COMPILE) --output-file requirements.lock pyproject.toml
	$(COMPILE) --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var
