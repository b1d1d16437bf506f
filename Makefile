# pki.acmpca: build, test and quality tooling.
#
#   make test         venvs, then every check: sanity, lint, changelog-lint, release and unit side
#                     by side, then integration and compat side by side; prints a timing per
#                     stage, non-zero if any failed
#   make demo         run demo/run_demo.py against a local moto_server
#   make bench        print AWS calls per CA and read concurrency as ratios (bench/run_bench.py)
#   make venv         create/refresh .venv from requirements-dev.txt (a stamp avoids reinstalls)
#   make sanity | lint | changelog-lint | unit | integration | compat | release   one stage
#   make docs         render plugin/role reference into docs/plugins/ with ansible-doc (not committed)
#   make build        the tarball users install: docs, then ansible-galaxy collection build into build/
#   make mutation     mutmut 3 over plugins/module_utils and plugins/modules against the unit
#                     tests: score per file and in all, survivors (minutes; not part of make test)
#   make clean        remove build output and caches (make distclean: the venvs too)
#
# Knobs: PYTHON (interpreter that creates the venvs), UNIT_WORKERS, INTEGRATION_WORKERS
# and COMPAT_WORKERS (pytest-xdist workers, default 2, 3 and 2; 0 or 1 disables xdist),
# PYTEST_ARGS (extra pytest arguments), FAIL_FAST=1 (make test stops at the first
# failing stage), SANITY_JOBS=1 (serial sanity, see tests/sanity/run.sh),
# MUTATION_PATHS (files to mutate, default all), MUTATION_JOBS (default 2),
# MUTATION_FAIL_UNDER (a score in %, default 95; make mutation fails below it; empty: never).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VENV_COMPAT := $(CURDIR)/.venv-compat
VENV_RELEASE := $(CURDIR)/.venv-release
VENV_MUTATION := $(CURDIR)/.venv-mutation
VENV_STAMP := $(VENV)/.requirements-dev.stamp
VENV_COMPAT_STAMP := $(VENV_COMPAT)/.requirements-compat.stamp
VENV_RELEASE_STAMP := $(VENV_RELEASE)/.requirements-release.stamp
VENV_MUTATION_STAMP := $(VENV_MUTATION)/.requirements-mutation.stamp
BUILD_DIR := $(CURDIR)/build
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL := $(BUILD_DIR)/pki-acmpca-$(VERSION).tar.gz

# The xdist workers share one collection build, and each runs its own moto_server; a third
# worker runs while the others wait on AWS back-off.
INTEGRATION_WORKERS ?= 3
UNIT_WORKERS ?= 2
COMPAT_WORKERS ?= 2
PYTEST_ARGS ?=
FAIL_FAST ?= 0
# make test: two groups of stages; the stages of a group run side by side, so that the
# single-threaded checks (lint, changelog-lint, release) fill the cores sanity and the unit
# tests leave idle, and compat fills the integration tests' waits (AWS back-off, barriers).
TEST_GROUPS := "sanity lint changelog-lint release unit" "integration compat"
# make mutation: a subset of plugins/module_utils and plugins/modules (default all),
# mutants tested at once, and a minimum score (empty: none).
MUTATION_PATHS ?=
MUTATION_JOBS ?= 2
MUTATION_FAIL_UNDER ?= 95

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

.PHONY: help venv venv-compat venv-release venv-mutation setup mutation test sanity lint changelog-lint unit integration compat release demo bench docs build clean distclean

help:
	@sed -n '2,20p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

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

venv-release: $(VENV_RELEASE_STAMP)

$(VENV_RELEASE_STAMP): requirements-release.txt
	@if ! "$(VENV_RELEASE)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv-release: creating $(VENV_RELEASE)"; rm -rf "$(VENV_RELEASE)"; $(PYTHON) -m venv "$(VENV_RELEASE)"; \
	fi
	"$(VENV_RELEASE)/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-release.txt
	@touch "$@"

venv-mutation: $(VENV_MUTATION_STAMP)

$(VENV_MUTATION_STAMP): requirements-mutation.txt
	@if ! "$(VENV_MUTATION)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv-mutation: creating $(VENV_MUTATION)"; rm -rf "$(VENV_MUTATION)"; $(PYTHON) -m venv "$(VENV_MUTATION)"; \
	fi
	"$(VENV_MUTATION)/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-mutation.txt
	@touch "$@"

# --- make test ----------------------------------------------------------------------------

# Groups run one after the other; the stages of a group (quoted together) run side by side.
test:
	@FAIL_FAST="$(FAIL_FAST)" python3 .ci/run_stages.py setup $(TEST_GROUPS)

# The venvs, and ansible-test's own sanity venvs (installed once into ~/.ansible/test).
setup:
	@$(MAKE) --no-print-directory -j3 --output-sync=target venv venv-compat venv-release
	@VENV="$(VENV)" tests/sanity/run.sh --prime-venvs >/dev/null

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
	@$(call run_pytest,"$(VENV)/bin/python" -m pytest tests/unit $(call xdist,$(UNIT_WORKERS)) $(PYTEST_ARGS),unit)
	@echo "peer policy cases: ../shared/tools/peer_policy_check.py --strict (with $(PYTHON), outside the venv: the policy logic imports without ansible-core)"
	@$(PYTHON) ../shared/tools/peer_policy_check.py . --strict

# The emulator's own tests (emulator/tests) run here too: some start its server.
integration: venv
	@$(call run_pytest,"$(VENV)/bin/python" -m pytest tests/integration emulator/tests $(call xdist,$(INTEGRATION_WORKERS)) $(PYTEST_ARGS),integration)

# The versions are printed by Python itself: `ansible --version | head -n 1` under pipefail
# fails whenever head exits before ansible has written everything (SIGPIPE).
compat: venv venv-compat
	@"$(VENV_COMPAT)/bin/python" -c 'import ansible.release, boto3, botocore; \
		print("compat: ansible-core %s, boto3 %s, botocore %s" % (ansible.release.__version__, boto3.__version__, botocore.__version__))'
	@$(call run_pytest,"$(VENV_COMPAT)/bin/python" -m pytest tests/unit $(call xdist,$(COMPAT_WORKERS)) $(PYTEST_ARGS),compat unit)
	@$(call run_pytest,"$(VENV_COMPAT)/bin/python" -m pytest tests/integration -m compat $(call xdist,$(COMPAT_WORKERS)) $(PYTEST_ARGS),compat integration)

# What Galaxy and Automation Hub check on upload, on the tarball users install, plus the
# docs linter and the execution environment introspection. galaxy-importer's ansible-test
# step needs Docker and its ansible-lint step repeats `make lint`: both are off.
release: build venv-release
	@config=$$(mktemp); trap 'rm -f "$$config"' EXIT; \
	printf '[galaxy-importer]\nRUN_ANSIBLE_TEST = False\nRUN_ANSIBLE_LINT = False\n' > "$$config"; \
	echo "galaxy-importer $(notdir $(TARBALL))"; \
	out=$$(cd "$(BUILD_DIR)" && GALAXY_IMPORTER_CONFIG="$$config" PATH="$(VENV_RELEASE)/bin:$$PATH" \
		"$(VENV_RELEASE)/bin/python" -m galaxy_importer.main "$(TARBALL)" 2>&1) || { echo "$$out"; exit 1; }; \
	grep -v '^Loading \|^$$' <<< "$$out"; \
	if grep -q 'ERROR\|WARNING' <<< "$$out"; then echo "release: galaxy-importer reported errors or warnings" >&2; exit 1; fi
	@collections=$$(mktemp -d); trap 'rm -rf "$$collections"' EXIT; \
	out=$$("$(VENV_RELEASE)/bin/ansible-galaxy" collection install --offline --no-deps -p "$$collections" "$(TARBALL)" 2>&1) \
		|| { echo "$$out"; exit 1; }; \
	echo "antsibull-docs lint-collection-docs (plugin docs, role argument specs, docs markup)"; \
	PATH="$(VENV_RELEASE)/bin:$$PATH" "$(VENV_RELEASE)/bin/antsibull-docs" lint-collection-docs --plugin-docs --skip-rstcheck \
		"$$collections/ansible_collections/pki/acmpca"; \
	echo "ansible-builder introspect (what an execution environment gets from meta/execution-environment.yml)"; \
	deps=$$("$(VENV_RELEASE)/bin/ansible-builder" introspect --sanitize "$$collections"); echo "$$deps"; \
	for package in boto3 botocore; do \
		grep -q "^- '$$package>=.*from collection pki.acmpca'" <<< "$$deps" \
			|| { echo "release: ansible-builder found no $$package requirement of pki.acmpca" >&2; exit 1; }; \
	done

# --- mutation testing (not part of make test: it takes minutes) ---------------------------

# .ci/mutation.py stages a copy of the collection at build/mutation/ansible_collections/pki/acmpca
# and runs mutmut there, so mutant names match the tests' imports; see docs/testing.md.
mutation: venv-mutation
	"$(VENV_MUTATION)/bin/python" .ci/mutation.py --jobs "$(MUTATION_JOBS)" \
		$(if $(strip $(MUTATION_PATHS)),--paths $(MUTATION_PATHS)) \
		$(if $(strip $(MUTATION_FAIL_UNDER)),--fail-under "$(MUTATION_FAIL_UNDER)")

# --- everything else ----------------------------------------------------------------------

demo: venv
	"$(VENV)/bin/python" demo/run_demo.py

bench: venv
	"$(VENV)/bin/python" bench/run_bench.py

# Rendered on demand and never committed, so they cannot go stale; `make build` puts
# them in the tarball.
docs: venv
	"$(VENV)/bin/python" .ci/plugin_docs.py --output docs/plugins

build: docs
	mkdir -p "$(BUILD_DIR)"
	"$(VENV)/bin/ansible-galaxy" collection build --force --output-path "$(BUILD_DIR)" .
	@echo "build: $(TARBALL)"

clean:
	rm -rf "$(BUILD_DIR)" docs/plugins tests/output .pytest_cache .hypothesis .cache .ansible
	find . \( -path ./.venv -o -path ./.venv-compat -o -path ./.venv-release -o -path ./.venv-mutation -o -path ./.git \) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf "$(VENV)" "$(VENV_COMPAT)" "$(VENV_RELEASE)" "$(VENV_MUTATION)"
