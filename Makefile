# pki.acmpca: build, test and quality tooling.
#
#   make test         venvs, then every check in CI order: sanity lint changelog-lint unit
#                     integration compat; prints a timing per stage, non-zero if any failed
#   make demo         run demo/run_demo.py against a local moto_server
#   make bench        print AWS calls per CA and read concurrency as ratios (bench/run_bench.py)
#   make venv         create/refresh .venv from requirements-dev.txt (a stamp avoids reinstalls)
#   make sanity | lint | changelog-lint | unit | integration | compat   one stage
#   make docs         render plugin/role reference into docs/plugins/ with ansible-doc
#   make build        ansible-galaxy collection build into build/
#   make clean        remove build output and caches (make distclean: the venvs too)
#
# Knobs: PYTHON (interpreter that creates the venvs), INTEGRATION_WORKERS and
# COMPAT_WORKERS (pytest-xdist workers, default 2 and 1; 0 or 1 disables xdist),
# PYTEST_ARGS (extra pytest arguments), FAIL_FAST=1 (make test stops at the first
# failing stage), SANITY_JOBS=1 (serial sanity, see tests/sanity/run.sh).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VENV_COMPAT := $(CURDIR)/.venv-compat
VENV_STAMP := $(VENV)/.requirements-dev.stamp
VENV_COMPAT_STAMP := $(VENV_COMPAT)/.requirements-compat.stamp
BUILD_DIR := $(CURDIR)/build

# Measured with ~45 integration tests on 2 shared cores: 235 s serial, 140 s with -n 2.
INTEGRATION_WORKERS ?= 2
# The compat suite is a small smoke set: xdist start-up (one collection build and one
# moto_server per worker) would cost more than it saves.
COMPAT_WORKERS ?= 1
PYTEST_ARGS ?=
FAIL_FAST ?= 0
TEST_STAGES := sanity lint changelog-lint unit integration compat

# -n N for N > 1, nothing otherwise.
xdist = $(if $(filter-out 0 1,$(1)),-n $(1))

# moto needs a newer botocore than the compat venv's lower bounds: every test run
# (integration and compat) starts moto_server with the main venv's interpreter.
export PKI_ACMPCA_MOTO_PYTHON := $(VENV)/bin/python
# pip never prompts (CI has no stdin); test runs leave no __pycache__ in the tree.
export PIP_NO_INPUT := 1
export PYTHONDONTWRITEBYTECODE := 1

# pytest exit status 5 means "no tests were collected": name it, and fail.
define run_pytest
	rc=0; $(1) || rc=$$?; \
	if [ "$$rc" -eq 5 ]; then echo "$(2): FAILED: pytest collected no tests (exit status 5)" >&2; fi; \
	exit "$$rc"
endef

.PHONY: help venv venv-compat test sanity lint changelog-lint unit integration compat demo bench docs build clean distclean

help:
	@sed -n '2,16p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

# --- virtual environments ---------------------------------------------------------------

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-dev.txt
	@if ! "$(VENV)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv: creating $(VENV)"; rm -rf "$(VENV)"; $(PYTHON) -m venv "$(VENV)"; \
	fi
	"$(VENV)/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch "$@"

venv-compat: $(VENV_COMPAT_STAMP)

$(VENV_COMPAT_STAMP): requirements-compat.txt
	@if ! "$(VENV_COMPAT)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv-compat: creating $(VENV_COMPAT)"; rm -rf "$(VENV_COMPAT)"; $(PYTHON) -m venv "$(VENV_COMPAT)"; \
	fi
	"$(VENV_COMPAT)/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-compat.txt
	@touch "$@"

# --- make test ----------------------------------------------------------------------------

test:
	@failed=""; summary=""; total_start=$$(date +%s); \
	for stage in setup $(TEST_STAGES); do \
		echo; echo "=== make $$stage ==="; start=$$(date +%s); \
		if [ "$$stage" = setup ]; then target="-j2 --output-sync=target venv venv-compat"; else target=$$stage; fi; \
		if $(MAKE) --no-print-directory $$target; then result=ok; else result=FAILED; failed="$$failed $$stage"; fi; \
		elapsed=$$(( $$(date +%s) - start )); \
		summary="$$summary$$(printf '  %-15s %-7s %4ds' "$$stage" "$$result" "$$elapsed")\n"; \
		echo "=== $$stage: $$result in $${elapsed}s ==="; \
		if [ -n "$$failed" ] && { [ "$(FAIL_FAST)" = 1 ] || [ "$$stage" = setup ]; }; then break; fi; \
	done; \
	echo; echo "=== make test summary ==="; printf "$$summary"; \
	echo "  total                   $$(( $$(date +%s) - total_start ))s"; \
	if [ -n "$$failed" ]; then echo "make test: FAILED stages:$$failed" >&2; exit 1; fi; \
	echo "make test: all stages passed"

sanity: venv
	VENV="$(VENV)" tests/sanity/run.sh

lint: venv
	@collections=$$(mktemp -d); trap 'rm -rf "$$collections"' EXIT; \
	mkdir -p "$$collections/ansible_collections/pki"; \
	ln -s "$(CURDIR)" "$$collections/ansible_collections/pki/acmpca"; \
	echo "ansible-lint --offline (profile from .ansible-lint)"; \
	PATH="$(VENV)/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH="$$collections" \
	ANSIBLE_LINT_SKIP_SCHEMA_UPDATE=1 \
	"$(VENV)/bin/ansible-lint" --offline --nocolor

changelog-lint: venv
	"$(VENV)/bin/antsibull-changelog" lint
	"$(VENV)/bin/antsibull-changelog" lint-changelog-yaml changelogs/changelog.yaml

unit: venv
	@$(call run_pytest,"$(VENV)/bin/python" -m pytest tests/unit $(PYTEST_ARGS),unit)

integration: venv
	@$(call run_pytest,"$(VENV)/bin/python" -m pytest tests/integration $(call xdist,$(INTEGRATION_WORKERS)) $(PYTEST_ARGS),integration)

compat: venv venv-compat
	@"$(VENV_COMPAT)/bin/ansible" --version | head -n 1
	@$(call run_pytest,"$(VENV_COMPAT)/bin/python" -m pytest tests/integration -m compat $(call xdist,$(COMPAT_WORKERS)) $(PYTEST_ARGS),compat)

# --- everything else ----------------------------------------------------------------------

demo: venv
	"$(VENV)/bin/python" demo/run_demo.py

bench: venv
	"$(VENV)/bin/python" bench/run_bench.py

docs: venv
	"$(VENV)/bin/python" .ci/plugin_docs.py --output docs/plugins

build: venv
	mkdir -p "$(BUILD_DIR)"
	"$(VENV)/bin/ansible-galaxy" collection build --force --output-path "$(BUILD_DIR)" .

clean:
	rm -rf "$(BUILD_DIR)" tests/output .pytest_cache .hypothesis .cache .ansible
	find . \( -path ./.venv -o -path ./.venv-compat -o -path ./.git \) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf "$(VENV)" "$(VENV_COMPAT)"
