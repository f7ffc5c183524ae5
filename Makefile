# Crossroads — `make run` serves the app with its content and demo accounts; `make test` runs everything.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The first Python >= 3.12 found: the pinned pyenv version, then the usual names.
PYTHON ?= $(shell for p in $$HOME/.pyenv/versions/3.13.0/bin/python3 python3.13 python3.12 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v $$p; break; fi; done)

.PHONY: run test venv test-venv chromium htmlcheck lint format check-deploy clean bench load security lighthouse mutation

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test-installed: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

venv: $(VENV)/.installed
test-venv: $(VENV)/.test-installed

run: venv
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py import_content
	DJANGO_DEBUG=1 $(PY) manage.py seed
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing and apt-get is not available: browser tests will fail."; fi; \
	fi

# The W3C Nu HTML Checker (vnu-jar from npm) and the Java it runs on.
htmlcheck:
	@command -v java >/dev/null 2>&1 || { echo "Installing Java for the HTML checker…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v npm >/dev/null 2>&1 || { echo "Installing npm for the HTML checker…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@test -f "$$(npm root -g)/vnu-jar/build/dist/vnu.jar" || npm install -g --silent vnu-jar

lint: test-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: test-venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Static security check: fail on any high-severity finding.
security: test-venv
	$(VENV)/bin/bandit -q -r accounts guides assessments plans coaching market publishing pages config -x '*/migrations/*' -lll

test: test-venv chromium htmlcheck lint security
	DJANGO_TESTING=1 $(PY) -m pytest $(PYTEST_ARGS)

check-deploy: venv
	DJANGO_DEBUG=0 DJANGO_TESTING=0 DJANGO_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc A-Za-z0-9) \
	  DJANGO_ALLOWED_HOSTS=crossroads.example $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache mutants

bench: venv
	$(PY) bench/run.py

load: venv
	$(PY) bench/load.py

# Lighthouse (npm) with Debian's Chromium on the home page, a guide, the
# dashboard and a plan, served with production settings → BENCHMARKS.md.
lighthouse: venv chromium
	@command -v lighthouse >/dev/null 2>&1 || npm install -g --silent lighthouse
	CHROME_PATH=/usr/bin/chromium $(PY) bench/lighthouse.py

# Mutation score of the core modules ([tool.mutmut] in pyproject.toml) → BENCHMARKS.md.
mutation: test-venv
	$(PY) -m pip install --quiet -r requirements-mutation.txt
	$(PY) bench/mutation.py
