# Coffer: `make run` starts the console on embedded defaults, `make test` runs every check.
# Both install what they need first (apt packages, the Python venv, npm packages, the frontend build).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := chromium nginx
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test test-long install lint unit e2e openapi apt clean bench cluster screenshots

run: apt $(VENV)/.installed frontend/dist/index.html
	$(BIN)/coffer run

# The production topology as local processes: nginx (TLS) → two BFFs → Redis, SeaweedFS, SMTP sink.
# STORAGE=cluster (default): a SeaweedFS master, 3 volume servers, a filer, 2 S3 gateways behind nginx;
# STORAGE=single: one `weed mini`.
STORAGE ?= cluster
cluster: apt $(VENV)/.installed frontend/dist/index.html
	$(BIN)/coffer cluster --storage $(STORAGE)

test: apt $(VENV)/.installed-dev frontend/dist/index.html lint unit e2e

install: $(VENV)/.installed-dev frontend/dist/index.html

# Debian packages: chromium (e2e browser), nginx (production topology), venv support for Python.
apt:
	@missing=""; for package in $(APT_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	touch $@

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

frontend/dist/index.html: frontend/node_modules/.package-lock.json frontend/openapi.json $(FRONTEND_SOURCES)
	cd frontend && npm run --silent gen && npm run --silent build

lint: $(VENV)/.installed-dev frontend/node_modules/.package-lock.json
	$(BIN)/ruff check backend tests e2e bench
	$(BIN)/ruff format --check backend tests e2e bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	cd frontend && npm run --silent lint && npm run --silent typecheck

unit: $(VENV)/.installed-dev frontend/dist/index.html
	$(BIN)/pytest tests --ignore=tests/cluster/long -n 2

# The long proofs on the local cluster: schemathesis as every role, faults, load.
test-long: apt $(VENV)/.installed-dev frontend/dist/index.html
	$(BIN)/pytest tests/cluster/long

e2e: $(VENV)/.installed-dev frontend/dist/index.html
	$(BIN)/pytest e2e -m e2e

# The README's pictures of the overviews, light and dark, taken from a real console (docs/*.png).
screenshots: apt $(VENV)/.installed-dev frontend/dist/index.html
	$(BIN)/pytest e2e/readme_screenshots.py -m e2e -p no:xdist

# After changing an API model: regenerate the OpenAPI document and the frontend's typed client.
openapi: $(VENV)/.installed
	$(BIN)/coffer openapi --output frontend/openapi.json
	cd frontend && npm run --silent gen

# wrk drives P5's load: a load generator in Python would need a core of its own.
bench: APT_PACKAGES += wrk
bench: apt $(VENV)/.installed-dev frontend/dist/index.html bench/lighthouse/node_modules/.package-lock.json
	$(BIN)/python bench/session_cost.py
	$(BIN)/python bench/list_scaling.py
	$(BIN)/python bench/metering_query.py
	$(BIN)/python bench/object_listing.py
	$(BIN)/python bench/transfer.py
	$(BIN)/python bench/list_vs_boto3.py
	$(BIN)/python bench/frontend_load.py
	$(BIN)/python bench/cluster_throughput.py
	$(BIN)/python bench/gateway_throughput.py

# Lighthouse for bench/frontend_load.py only: its own pinned package, never in the frontend's.
bench/lighthouse/node_modules/.package-lock.json: bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund

clean:
	rm -rf $(VENV) frontend/node_modules bench/lighthouse/node_modules frontend/dist
