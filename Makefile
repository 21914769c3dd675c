# Ashyq: two commands for a new machine.
#   make run    venv + pinned packages, migrate SQLite under var/, load bodies and demo data,
#               then the web server on 127.0.0.1:8000 and a task worker; prints the demo accounts.
#   make test   what the tests need (dev packages, Debian's chromium), then the whole suite.
# DATABASE_URL=postgres://... switches both to PostgreSQL.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEBS := $(RUNTIME_DEBS) chromium
PYTEST_ARGS ?=

.PHONY: run test lint check venv system-deps-runtime system-deps-test messages clean mutation

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

venv: $(VENV)/.runtime

system-deps-runtime:
	@bash scripts/debian-deps.sh $(RUNTIME_DEBS)

system-deps-test:
	@bash scripts/debian-deps.sh $(TEST_DEBS)

run: $(VENV)/.runtime system-deps-runtime
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py demo_load
	@echo "Ashyq: http://127.0.0.1:8000/  (Ctrl+C stops the server and the task worker)"
	@bash -c 'trap "kill 0" EXIT; $(BIN)/python manage.py db_worker --queue-name "*" & \
	  DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:8000 --skip-checks'

test: $(VENV)/.dev system-deps-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Mutation testing of ashyq/*/services/ and ashyq/evaluation/engine/ (docs/testing.md). CPU-heavy: narrow it
# with MUTANTS='ashyq.evaluation.engine.rules*' (mutmut's names are module.function__mutmut_N).
MUTANTS ?=
MUTATION_CHILDREN ?= 1
mutation: $(VENV)/.dev
	ASHYQ_HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) $(MUTANTS)
	$(BIN)/mutmut export-cicd-stats
	@$(BIN)/python scripts/mutation_summary.py

messages: $(VENV)/.dev
	cd ashyq && ../$(BIN)/python ../manage.py makemessages -l kk -l ru -l en --no-obsolete --add-location file
	cd ashyq && ../$(BIN)/python ../manage.py compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
