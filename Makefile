# claimwatch: `make test` sets up everything (virtualenv, Debian test deps, Kafka, Redis) and runs the suite.
# Python 3.11 (the project pins it); `python3` is 3.11 on the machines we run on.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?= e2e
UP_ARGS ?=

.PHONY: install test up bench lint schemas kafka-compat compose-test

install: $(STAMP)

# Re-installs only when pyproject.toml changes; the stamp makes a second `make install` instant.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "make install: needs Python 3.11; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: install
	deploy/test-deps.sh
	deploy/with-stack.sh $(VENV)/bin/pytest $(PYTEST_ARGS)

# docker-compose.yml under a real Docker engine (root; installs and caches what it needs).
compose-test: install
	deploy/compose-test.sh

up: install
	$(VENV)/bin/claimwatch up $(UP_ARGS)

bench: install
	deploy/with-stack.sh --service-env $(VENV)/bin/claimwatch bench $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

schemas: install
	$(VENV)/bin/claimwatch schemas

# The check that chose deploy/kafka-version: aiokafka and faust against a fresh broker.
kafka-compat: install
	deploy/with-stack.sh sh -c '$(VENV)/bin/python deploy/kafka_compat.py "$$CLAIMWATCH_TEST_KAFKA_BOOTSTRAP"'
