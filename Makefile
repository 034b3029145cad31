# Levier: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run production web worker bench bench-load install test install-test chromium lint format messages assets

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

## Install Levier, build its SQLite database and the demo network, and serve it.
run: install
	$(PY) manage.py demo
	@echo "Levier runs at http://127.0.0.1:8000 (Ctrl+C to stop)."
	@# The task worker sends the emails (printed on the console) and reminders.
	$(PY) manage.py db_worker --no-reload & trap 'kill $$!' EXIT INT TERM; \
	LEVIER_HTTPS=0 $(PY) manage.py runserver --noreload 127.0.0.1:8000

## Production-like on one machine: migrate, collect the static files, then
## gunicorn's workers (deploy/gunicorn.conf.py) and the task worker side by side.
## Set DATABASE_URL, REDIS_URL, LEVIER_SECRET_KEY, LEVIER_ALLOWED_HOSTS first
## (README, "Production"); Ctrl+C stops both.
production: install
	$(PY) manage.py db_worker --no-reload & trap 'kill $$!' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py

## The web processes alone, or the task worker alone: one of each per
## process manager unit (systemd, a container), once `make install` has migrated.
web:
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py

worker:
	$(PY) manage.py db_worker --no-reload

## Every bench under bench/ in one run at a quick scale, with a summary
## (README, "Benchmarks"). ARGS="--full" for each bench's own scale; set
## DATABASE_URL to run them on PostgreSQL.
bench: $(VENV)/.installed
	$(PY) bench/run_all.py $(ARGS)

## The load test at 10,000 organisations (PostgreSQL and Redis on 127.0.0.1):
## seeds once, starts gunicorn and the task worker on Redis, runs locust, prints
## each page's p50/p95 (README, "Benchmarks"). Options: make bench-load ARGS="--organisations 1000".
bench-load: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) bench/bench_load.py $(ARGS)

install: $(VENV)/.installed
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py sync_frameworks
	$(PY) manage.py sync_practices
	$(PY) manage.py sync_factors
	$(PY) manage.py collectstatic --no-input --verbosity 0

## Install the test dependencies (Debian's chromium included) and run every test.
test: install-test chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py compile_translations
	$(VENV)/bin/pytest -n auto

install-test: $(VENV)/.installed-test

# Debian's chromium for the browser tests; iso-codes for the VSME catalogue's
# French country names (scripts/build_vsme_catalogue.py, rebuilt by a test);
# poppler-utils' pdftoppm, with which tests render our PDFs' pages to images.
chromium:
	@(test -x /usr/bin/chromium && test -d /usr/share/iso-codes/json && test -x /usr/bin/pdftoppm) || \
	($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium iso-codes poppler-utils)

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Extract the strings to translate into the .po catalogue (needs GNU gettext).
messages:
	$(PY) manage.py makemessages -l fr --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "data/*"

## Refresh the front-end assets from the npm registry (needs Node); the copies are committed.
assets:
	cd assets && npm install --no-audit --no-fund
	cp assets/node_modules/@picocss/pico/css/pico.min.css levier/core/static/vendor/pico/
	cp assets/node_modules/@picocss/pico/LICENSE.md levier/core/static/vendor/pico/
	cp assets/node_modules/htmx.org/dist/htmx.min.js levier/core/static/vendor/htmx/
	cp assets/node_modules/htmx.org/LICENSE levier/core/static/vendor/htmx/
