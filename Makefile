# Leerkring — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PORT ?= 8000
# E-mailed links point at the address `make run` serves (production sets SITE_URL).
export SITE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/leerkring
DEBIAN_PACKAGES := chromium gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core xmlsec1 postgresql-client

# Python 3.13 (or 3.12): on PATH, else among pyenv's installed versions.
PYTHON := $(shell for c in python3.13 python3.12; do \
	  p=$$(command -v $$c 2>/dev/null) && $$p -c 'import sys' 2>/dev/null && { echo $$p; exit; }; done; \
	  for d in $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13* $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*; do \
	  [ -x $$d/bin/python ] && { echo $$d/bin/python; exit; }; done)

.PHONY: run test bench lint typecheck checks audit messages pytest pytest-postgres debian clean-venv

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "No Python 3.13 or 3.12 found (looked on PATH and in pyenv). Install one, e.g. 'pyenv install 3.13'." >&2; exit 1; fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

# Debian packages: gettext (translations), WeasyPrint's libraries, chromium (browser tests),
# postgresql-client (pg_dump/pg_restore for `manage.py backup`/`restore` on PostgreSQL).
debian:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

messages: venv
	@$(MANAGE) compilemessages --ignore=.venv --ignore=staticfiles >/dev/null

run: debian venv messages
	DEBUG=true $(MANAGE) migrate --no-input
	DEBUG=true $(MANAGE) load_demo
	DEBUG=true $(MANAGE) plan_reminders --schedule
	DEBUG=true $(MANAGE) apply_retention --schedule
	@echo "Leerkring on http://127.0.0.1:$(PORT)/ (a background worker sends e-mail; Ctrl-C stops both)"
	@(trap 'kill $$child 2>/dev/null; exit' INT TERM; while true; do \
	  DEBUG=true $(MANAGE) db_worker --interval 2 & child=$$!; wait $$child; \
	  echo "The worker stopped (exit $$?); starting it again in 2 s." >&2; sleep 2; \
	done) & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv
	$(VENV)/bin/mypy leerkring bench

checks: venv messages
	$(MANAGE) makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=leerkring.example.nl \
	  EMAIL_URL=smtp+tls://leerkring:secret@smtp.example.nl:587 \
	  $(MANAGE) check --deploy --fail-level WARNING

# Known vulnerabilities in the installed packages (PyPI's advisory data) fail the
# build. A vulnerability service that cannot be reached (three tries) or that knows
# none of the packages is reported as a NOTICE, like an absent PostgreSQL.
AUDIT_JSON := $(VENV)/pip-audit.json
audit: venv
	@for try in 1 2 3; do \
	  rm -f $(AUDIT_JSON); \
	  $(VENV)/bin/pip-audit --vulnerability-service pypi --skip-editable --progress-spinner off \
	    --timeout 30 --format json --output $(AUDIT_JSON) 2>$(AUDIT_JSON).log && break; \
	  if [ -s $(AUDIT_JSON) ]; then \
	    $(VENV)/bin/pip-audit --vulnerability-service pypi --skip-editable --progress-spinner off; \
	    echo "pip-audit: known vulnerabilities above; upgrade the pins in pyproject.toml." >&2; exit 1; \
	  fi; sleep $$((try * 5)); \
	done; \
	if [ ! -s $(AUDIT_JSON) ]; then \
	  echo "NOTICE: pip-audit could not reach PyPI's vulnerability data: $$(tail -1 $(AUDIT_JSON).log)"; exit 0; fi; \
	$(PY) -c "import json; d = json.load(open('$(AUDIT_JSON)'))['dependencies']; \
	n = sum('skip_reason' not in x for x in d); \
	print(f'pip-audit: no known vulnerabilities in {n} of {len(d)} packages' if n else \
	      f'NOTICE: pip-audit: the vulnerability service knew none of the {len(d)} packages (nothing audited)')"

pytest: venv messages
	$(VENV)/bin/pytest -m "not browser" -n 2 -q
	$(VENV)/bin/pytest -m browser -q

pytest-postgres: venv messages
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== The suite again on PostgreSQL ($(PG_URL)) =="; \
	  DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser" -n 2 -q; \
	else \
	  echo "NOTICE: PostgreSQL is not reachable at $(PG_URL); the PostgreSQL run is skipped."; \
	fi

test: debian venv lint typecheck checks audit pytest pytest-postgres

bench: venv
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean-venv:
	rm -rf $(VENV)
