# Sen: `make run` to try it, `make test` to check it. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_CONCURRENCY ?= 2

.DEFAULT_GOAL := help
.PHONY: help run setup test serve lint format check clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed ## Install, compile translations, migrate, load the demo content, ensure the admin account
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_roles
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin

run: setup ## Serve the demo site on http://127.0.0.1:8000 (SQLite, no other service needed) with the worker
	@echo "Sen: site http://$(HOST):$(PORT)/  admin http://$(HOST):$(PORT)/admin/"
	@# The worker publishes scheduled pages on time; it stops with the server.
	$(MANAGE) sen_worker --interval 15 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Browser tests: Debian's Chromium and a Java runtime (apt-get, when root), Playwright (requirements-dev.txt),
# axe-core and vnu-jar (npm ci, pinned in package-lock.json). npm ci also brings openapi-typescript and
# typescript, for the generated TypeScript API client (tests/cms/api/test_clients.py). The stamp is made once
# everything is there.
$(VENV)/.installed-browser: package.json package-lock.json $(VENV)/.installed-dev
	@missing=""; test -x /usr/bin/chromium || missing="chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Sen: installing$$missing for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Sen: missing$$missing (needs root and apt-get): the browser tests that need them will be skipped"; fi; \
	fi
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; fi
	@test -x /usr/bin/chromium && command -v java >/dev/null && test -f node_modules/axe-core/axe.min.js && touch $@ || true

# Proxy tests (tests/system/test_proxy_nginx.py): Debian's nginx, and wrk for measuring (apt-get, when root).
.PHONY: proxy-tools
proxy-tools:
	@missing=""; command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="nginx"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Sen: installing $$missing for the proxy tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Sen: missing $$missing (needs root and apt-get): the proxy tests will be skipped"; fi; \
	fi

# The suite runs on one pytest-xdist worker per core (a file's tests stay together, see tests/conftest.py);
# `make test XDIST=` runs it in one process.
XDIST ?= -n auto --dist loadgroup

test: $(VENV)/.installed-dev $(VENV)/.installed-browser proxy-tools ## Run the whole test suite (PostgreSQL/Redis too when DATABASE_URL/REDIS_URL are set)
	$(MANAGE) compile_translations
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

serve: $(VENV)/.installed ## Serve with gunicorn and the production settings on 127.0.0.1:8000, with the worker
	@mkdir -p var
	@test -n "$$SECRET_KEY" || test -s var/serve-secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/serve-secret-key
	@chmod 600 var/serve-secret-key 2>/dev/null || true
	export DJANGO_SETTINGS_MODULE=cms.settings.production \
	  SECRET_KEY="$${SECRET_KEY:-$$(cat var/serve-secret-key)}" \
	  SEN_HTTPS="$${SEN_HTTPS:-0}" SEN_SERVE_MEDIA="$${SEN_SERVE_MEDIA:-1}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	$(MANAGE) compile_translations && \
	$(MANAGE) migrate --noinput && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	{ $(MANAGE) sen_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn cms.wsgi --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) --access-logfile -; }

lint: $(VENV)/.installed-dev ## ruff check, ruff format --check and the import layers (lint-imports)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed-dev ## Django checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean: ## Remove the virtualenv and var/ (database, media, secrets)
	rm -rf $(VENV) var

.PHONY: i18n-report
i18n-report: $(VENV)/.installed ## Vietnamese coverage per catalogue (Wagtail, wagtail-localize, Sen); fails below target
	$(MANAGE) i18n_report --check $(I18N_ARGS)

.PHONY: backup restore
backup: $(VENV)/.installed ## Back up the database and media into one archive under var/backups/ (OUTPUT=… to choose)
	$(MANAGE) backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: $(VENV)/.installed ## Restore ARCHIVE=var/backups/sen-<time>.tar (database and media), then migrate
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=var/backups/sen-<time>.tar"; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"
	$(MANAGE) migrate --noinput

.PHONY: loadtest
loadtest: $(VENV)/.installed-dev ## Load test: 50 readers + 2 editors for SEN_LOAD_SECONDS (120) on gunicorn, a private PostgreSQL and REDIS_URL
	@test -n "$$REDIS_URL" || { echo "make loadtest needs REDIS_URL=redis://… (a database of your own)"; exit 2; }
	$(MANAGE) compile_translations
	DATABASE_URL="$${DATABASE_URL:-postgres://private-cluster}" $(BIN)/pytest tests/system/test_load.py -s -p no:cacheprovider
.PHONY: bench-search
bench-search: $(VENV)/.installed ## Search p50/p95 at BENCH_NEWS articles (100000) on PostgreSQL (BENCH_DATABASE_URL) and SQLite; report in var/bench/
	$(MANAGE) bench_search
.PHONY: bench bench-quick
bench: $(VENV)/.installed proxy-tools ## Benchmark at BENCH_NEWS news (100000): gunicorn cold/warm and the shipped nginx vs an nginx ceiling, wrk; then the search benchmark; reports in var/bench/
	$(MANAGE) compile_translations
	BENCH_NEWS="$${BENCH_NEWS:-100000}" $(PY) deploy/bench/run.py
	BENCH_NEWS="$${BENCH_NEWS:-100000}" $(MANAGE) bench_search

bench-quick: $(VENV)/.installed proxy-tools ## The same two benchmarks at 1,000 news (database sen_bench_quick unless BENCH_DATABASE_URL)
	$(MANAGE) compile_translations
	BENCH_NEWS=1000 BENCH_DATABASE_URL="$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sen_bench_quick}" $(PY) deploy/bench/run.py
	BENCH_NEWS=1000 BENCH_CENTRES=100 BENCH_DATABASE_URL="$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sen_bench_quick}" \
	  BENCH_SQLITE_PATH="$${BENCH_SQLITE_PATH:-var/bench/search-quick.sqlite3}" $(MANAGE) bench_search
