# selfcheck — the two commands a new machine needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: CJK fonts and HarfBuzz's subsetter for WeasyPrint, poppler for PDF checks,
# chromium for the browser tests.
DEB_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 poppler-utils chromium
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: help install system-deps demo test lint check-rubrics bench clean

help:
	@echo "make demo   — install, build the demo database, print the accounts, serve on $(HOST):$(PORT)"
	@echo "make test   — install and run the whole test suite (lint, layers, types, tests)"

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    (apt-get install -y -q --no-install-recommends $$missing >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null)) \
	     || { echo "apt-get could not install:$$missing"; exit 1; }; \
	  else \
	    echo "Missing Debian packages:$$missing — install them as root (apt-get install$$missing)"; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: system-deps $(STAMP)

demo: install
	$(BIN)/selfcheck demo
	$(BIN)/selfcheck run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy checklist reports
	scripts/audit-deps

check-rubrics: install
	$(BIN)/selfcheck rubric check

test: install lint check-rubrics
	scripts/test-all

bench: install
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_extraction.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_reports.py --schools 50
	$(BIN)/python benchmarks/reliability.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache instance
