# Dorpsplein — `make run` sets up and serves the demo site, `make test` runs the whole suite.
# Needs only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export XDG_CONFIG_HOME ?= $(CURDIR)/var/xdg/config
export XDG_CACHE_HOME ?= $(CURDIR)/var/xdg/cache

.PHONY: help install run serve demo migrate test test-fast test-postgres lint bench messages smoke clean

help:
	@echo "make run            set up (venv, dependencies, migrations, demo data) and serve http://127.0.0.1:8000"
	@echo "make test           run the whole test suite (SQLite by default; DATABASE_URL switches it)"
	@echo "make test-postgres  the suite on the local PostgreSQL and Redis"
	@echo "make bench          benchmarks, printed as a table"
	@echo "make lint           ruff, mypy (engines), manage.py check, makemigrations --check"
	@echo "make smoke          deploy/smoke: gunicorn + Celery worker with production settings"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

serve: install
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/dorpsplein} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy calendars payments accounts
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

messages: install
	cd $(CURDIR) && $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

smoke: install
	bash deploy/smoke

clean:
	rm -rf $(VENV) var db.sqlite3 media static_collected
