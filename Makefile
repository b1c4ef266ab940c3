# Vun Trồng. The two set-up commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
APPS   := portal lessons lms quizzes
STAMP  := $(VENV)/.installed

.PHONY: demo test install messages migrate seed serve lint bench faults faults-quick clean

demo: install messages migrate seed serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[postgres,redis,server,s3,dev]"
	touch $(STAMP)

install: $(STAMP)

# Compile translations with Babel, so no system gettext is needed; sub-apps such as
# lms/discussions keep their own locale directory. The djangojs domain holds the strings
# of the admin's scripts (portal/locale/vi overrides Wagtail's).
messages: install
	@for dir in $$(find $(APPS) -type d -name locale -not -path "*/node_modules/*"); do \
	  for domain in django djangojs; do \
	    if ls $$dir/*/LC_MESSAGES/$$domain.po >/dev/null 2>&1; then \
	      $(VENV)/bin/pybabel -q compile -d $$dir -D $$domain || exit 1; \
	    fi; \
	  done; \
	done

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

serve:
	$(PY) manage.py serve_demo 127.0.0.1:8000

# One worker per core (pytest-xdist); the browser tests and the real-cluster tests each
# stay on one worker (xdist_group, tests/conftest.py; pytest < 9.2, see pyproject.toml).
# PYTEST_WORKERS=0 runs in-process.
PYTEST_WORKERS ?= auto
test: install messages
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) .ci/sizes.py
	$(PY) .ci/cycles.py

bench: install messages
	$(PY) bench/run.py

# Nothing lost when a process dies: its own PostgreSQL, Redis, gunicorn and qcluster,
# a class taking a quiz, the cluster killed, Redis stopped, PostgreSQL restarted; then an
# audit (bench/faults.py). At most 10 minutes; faults-quick (CI) fewer learners, 5.
faults: install messages
	$(PY) bench/faults.py

faults-quick: install messages
	FAULTS_LEARNERS=$${FAULTS_LEARNERS:-40} FAULTS_BURST=$${FAULTS_BURST:-30} \
	  FAULTS_RAMP_S=$${FAULTS_RAMP_S:-8} FAULTS_DEADLINE_S=$${FAULTS_DEADLINE_S:-300} \
	  $(PY) bench/faults.py

clean:
	rm -rf $(VENV) var bench/results.json
