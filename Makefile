# pki.acmpca: build, test and quality tooling.
#
#   make test         the main venv, then every check: integration from the start, and beside it
#                     sanity, compat, integration-targets, unit, release, emulator, lint and
#                     changelog-lint one after another (the other venvs made there); prints each
#                     stage's wall and CPU time, non-zero if any failed
#   make demo         run demo/run_demo.py against a local moto_server
#   make sandbox      start the AWS emulator on 127.0.0.1:4599 (SANDBOX_PORT), seeded with an
#                     organization and ACTIVE CAs, for your own playbooks; make sandbox-stop ends it
#   make bench        print AWS calls per CA and read concurrency as ratios (bench/run_bench.py)
#   make access-fixture  record cloud-copilot's IAM simulator's verdicts on the generated access-check
#                     cases in tests/simulator/verdicts.json.gz (needs Node.js and npm; make test does not)
#   make venv         create/refresh .venv from requirements-dev.txt (a stamp avoids reinstalls)
#   make sanity | lint | changelog-lint | unit | emulator | integration | compat | release | integration-targets
#                     one stage (emulator: the emulator's own tests; integration-targets:
#                     tests/integration/targets by ansible-test, against the emulator; TARGETS=name
#                     runs some); make peer-check runs the peer policy cases alone (make unit does too)
#   make docs         render plugin/role reference into docs/plugins/ with ansible-doc (not committed)
#   make build        the tarball users install: docs, then ansible-galaxy collection build into build/
#   make mutation     mutmut 3 over plugins/module_utils and plugins/modules against the unit
#                     tests: score per file and in all, survivors (minutes; not part of make test)
#   make clean        remove build output and caches (make distclean: the venvs too)
#
# Knobs: PYTHON (interpreter that creates the venvs), UNIT_WORKERS, INTEGRATION_WORKERS
# and COMPAT_WORKERS (pytest-xdist workers, default 2, 3 and 2, and in make test 1, 2 and 1;
# 0 or 1 disables xdist; UNIT_WORKERS also serves make emulator),
# PYTEST_ARGS (extra pytest arguments), FAIL_FAST=1 (make test stops at the first
# failing stage), SANITY_JOBS=1 (serial sanity, see tests/sanity/run.sh),
# MUTATION_PATHS (files to mutate, default all), MUTATION_JOBS (default 2),
# MUTATION_FAIL_UNDER (a score in %, default 95; make mutation fails below it; empty: never),
# TARGETS (ansible-test integration targets for make integration-targets, default all),
# PEER_CHECK=required (make unit fails when ../shared/tools/peer_policy_check.py is missing).

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
# uv installs the same pinned requirements as pip, many times faster (parallel downloads, no
# per-package builds); it lives in a venv of its own, made with pip once. It reads no pip
# configuration: its default index is pip's, and PIP_INDEX_URL, when set, is handed to it.
UV_VERSION := 0.13.8
VENV_UV := $(CURDIR)/.venv-uv
UV := $(VENV_UV)/bin/uv
export UV_LINK_MODE := copy
export UV_NO_PROGRESS := 1
# pip writes every package's bytecode at install time; uv does not unless asked. Without it
# (and with PYTHONDONTWRITEBYTECODE below), every Python process of the tests, each module
# run included, would compile botocore, ansible-core and moto from source again.
export UV_COMPILE_BYTECODE := 1
ifneq ($(strip $(PIP_INDEX_URL)),)
export UV_DEFAULT_INDEX := $(PIP_INDEX_URL)
endif
BUILD_DIR := $(CURDIR)/build
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL := $(BUILD_DIR)/pki-acmpca-$(VERSION).tar.gz

# The xdist workers share one collection build, and each runs its own moto_server; a third
# worker runs while the others wait on AWS back-off.
INTEGRATION_WORKERS ?= 3
UNIT_WORKERS ?= 2
COMPAT_WORKERS ?= 2
# make test runs stages beside integration: fewer workers there, as more processes than cores
# cost CPU time (measured in docs/testing.md), unless set by the caller.
TEST_UNIT_WORKERS := $(if $(filter file,$(origin UNIT_WORKERS)),1,$(UNIT_WORKERS))
TEST_COMPAT_WORKERS := $(if $(filter file,$(origin COMPAT_WORKERS)),1,$(COMPAT_WORKERS))
# integration: the other stages fill the cores while its workers wait on AWS back-off.
TEST_INTEGRATION_WORKERS := $(if $(filter file,$(origin INTEGRATION_WORKERS)),2,$(INTEGRATION_WORKERS))
PYTEST_ARGS ?=
FAIL_FAST ?= 0
# make test: groups of stages after the main venv (.ci/run_stages.py: the stages of a group run
# side by side; a group starts once one stage of the groups before it is left running).
# integration, the longest, starts first, with sanity; each other stage then runs beside it in
# turn, longest first, making the environment it alone needs; integration has two workers
# here, as the other stages fill the cores while they wait on AWS back-off. Measured against all the short stages
# side by side and integration after them: as much CPU time, 13 s and 25 s less wall time,
# warm and on a fresh clone; two workers rather than three, 9 s less (docs/testing.md).
TEST_GROUPS := "integration sanity" "compat" "integration-targets" "unit" "release" "emulator" "lint" "changelog-lint"
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

# The peer policy cases live beside the checkout, not in it: `make unit` runs them when the
# file is there, and skips them otherwise unless PEER_CHECK=required (as .ci/run sets).
PEER_CHECK_SCRIPT ?= ../shared/tools/peer_policy_check.py
PEER_CHECK ?= optional

# pytest exit status 5 means "no tests were collected": name it, and fail.
define run_pytest
	rc=0; $(1) || rc=$$?; \
	if [ "$$rc" -eq 5 ]; then echo "$(2): FAILED: pytest collected no tests (exit status 5)" >&2; fi; \
	exit "$$rc"
endef

.PHONY: help venv venv-compat venv-release venv-mutation sanity-venvs sandbox sandbox-stop mutation test sanity lint changelog-lint unit peer-check integration emulator integration-targets compat release demo bench access-fixture docs build clean distclean

help:
	@awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' $(firstword $(MAKEFILE_LIST))

# --- virtual environments ---------------------------------------------------------------

$(UV):
	@rm -rf "$(VENV_UV)"
	$(PYTHON) -m venv "$(VENV_UV)"
	"$(VENV_UV)/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-dev.txt emulator/pyproject.toml | $(UV)
	@if ! "$(VENV)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv: creating $(VENV)"; rm -rf "$(VENV)"; "$(UV)" venv --quiet --seed --python "$(PYTHON)" "$(VENV)"; \
	fi
	"$(UV)" pip install --quiet --python "$(VENV)/bin/python" -r requirements-dev.txt
	@touch "$@"

venv-compat: $(VENV_COMPAT_STAMP)

$(VENV_COMPAT_STAMP): requirements-compat.txt emulator/pyproject.toml | $(UV)
	@if ! "$(VENV_COMPAT)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv-compat: creating $(VENV_COMPAT)"; rm -rf "$(VENV_COMPAT)"; "$(UV)" venv --quiet --seed --python "$(PYTHON)" "$(VENV_COMPAT)"; \
	fi
	"$(UV)" pip install --quiet --python "$(VENV_COMPAT)/bin/python" -r requirements-compat.txt
	@touch "$@"

venv-release: $(VENV_RELEASE_STAMP)

$(VENV_RELEASE_STAMP): requirements-release.txt | $(UV)
	@if ! "$(VENV_RELEASE)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv-release: creating $(VENV_RELEASE)"; rm -rf "$(VENV_RELEASE)"; "$(UV)" venv --quiet --seed --python "$(PYTHON)" "$(VENV_RELEASE)"; \
	fi
	"$(UV)" pip install --quiet --python "$(VENV_RELEASE)/bin/python" -r requirements-release.txt
	@touch "$@"

venv-mutation: $(VENV_MUTATION_STAMP)

$(VENV_MUTATION_STAMP): requirements-mutation.txt emulator/pyproject.toml | $(UV)
	@if ! "$(VENV_MUTATION)/bin/python" -c 'import sys' >/dev/null 2>&1; then \
		echo "venv-mutation: creating $(VENV_MUTATION)"; rm -rf "$(VENV_MUTATION)"; "$(UV)" venv --quiet --seed --python "$(PYTHON)" "$(VENV_MUTATION)"; \
	fi
	"$(UV)" pip install --quiet --python "$(VENV_MUTATION)/bin/python" -r requirements-mutation.txt
	@touch "$@"

# --- make test ----------------------------------------------------------------------------

# The stages of a group (quoted together) run side by side; a group starts once one stage of
# the groups before it is left running.
test:
	@FAIL_FAST="$(FAIL_FAST)" UNIT_WORKERS="$(TEST_UNIT_WORKERS)" COMPAT_WORKERS="$(TEST_COMPAT_WORKERS)" \
		INTEGRATION_WORKERS="$(TEST_INTEGRATION_WORKERS)" \
		python3 .ci/run_stages.py venv $(TEST_GROUPS)

# ansible-test's own sanity venvs (installed once into ~/.ansible/test), made before the run:
# its pylint process and the other tests' process would otherwise make them at once.
sanity-venvs: venv
	@VENV="$(VENV)" UV="$(UV)" tests/sanity/run.sh --prime-venvs >/dev/null

sanity: sanity-venvs
	VENV="$(VENV)" UV="$(UV)" tests/sanity/run.sh

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
	@$(MAKE) --no-print-directory peer-check

peer-check:
	@if [ -f "$(PEER_CHECK_SCRIPT)" ]; then \
		echo "peer check: ran ($(PEER_CHECK_SCRIPT) --strict, with $(PYTHON) outside the venv: the policy logic imports without ansible-core)"; \
		$(PYTHON) "$(PEER_CHECK_SCRIPT)" . --strict; \
	elif [ "$(PEER_CHECK)" = required ]; then \
		echo "peer check: FAILED: $(PEER_CHECK_SCRIPT) is missing and PEER_CHECK=required" >&2; exit 1; \
	else \
		echo "peer check: skipped (no $(PEER_CHECK_SCRIPT) beside this checkout)"; \
	fi

# worksteal: a worker that runs out of tests takes some of another's, so that the long
# tests (make demo, the RAM role runs) do not leave one worker running alone at the end.
integration: venv
	@$(call run_pytest,"$(VENV)/bin/python" -m pytest tests/integration $(call xdist,$(INTEGRATION_WORKERS)) \
		$(if $(filter-out 0 1,$(INTEGRATION_WORKERS)),--dist worksteal) $(PYTEST_ARGS),integration)

# The emulator's own tests; some start its server. A pytest run of its own: both folders are a
# package named `tests`, which one run cannot import twice.
emulator: venv
	@$(call run_pytest,"$(VENV)/bin/python" -m pytest emulator/tests $(call xdist,$(UNIT_WORKERS)) $(PYTEST_ARGS),emulator)

# The ansible-test integration targets, as a contributor runs them against a real account,
# here against the emulator; fails on any state a target leaves behind (.ci/integration_targets.py).
TARGETS ?=
integration-targets: venv
	"$(VENV)/bin/python" .ci/integration_targets.py $(TARGETS)

# The unit tests of the pure policy logic (module_utils/_policy, which imports neither
# ansible-core nor botocore: a unit test proves it) are left out, as these versions cannot
# change them. The versions are printed by Python itself: `ansible --version | head -n 1` under pipefail
# fails whenever head exits before ansible has written everything (SIGPIPE).
compat: venv venv-compat
	@"$(VENV_COMPAT)/bin/python" -c 'import ansible.release, boto3, botocore; \
		print("compat: ansible-core %s, boto3 %s, botocore %s" % (ansible.release.__version__, boto3.__version__, botocore.__version__))'
	@$(call run_pytest,"$(VENV_COMPAT)/bin/python" -m pytest tests/unit --ignore=tests/unit/plugins/module_utils/_policy \
		$(call xdist,$(COMPAT_WORKERS)) $(PYTEST_ARGS),compat unit)
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

# --- the sandbox: the emulator for your own playbooks, until `make sandbox-stop` -----------

# A fixed port, so that settings written once keep working; make test never uses it (its
# servers take free ports) and never resets the sandbox.
SANDBOX_PORT ?= 4599
SANDBOX_DIR ?= $(CURDIR)/.sandbox

sandbox: venv
	@"$(VENV)/bin/python" -m pki_acmpca_emulator.sandbox start --dir "$(SANDBOX_DIR)" --port "$(SANDBOX_PORT)"

sandbox-stop: venv
	@"$(VENV)/bin/python" -m pki_acmpca_emulator.sandbox stop --dir "$(SANDBOX_DIR)"

# --- everything else ----------------------------------------------------------------------

demo: venv
	"$(VENV)/bin/python" demo/run_demo.py

bench: venv
	"$(VENV)/bin/python" bench/run_bench.py

# The simulator's version is pinned by tests/simulator/package-lock.json; see docs/access.md.
access-fixture: venv
	cd tests/simulator && npm ci --no-audit --no-fund
	"$(VENV)/bin/python" tests/simulator/build_fixture.py

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
	find . \( -path ./.venv -o -path ./.venv-compat -o -path ./.venv-release -o -path ./.venv-mutation -o -path ./.venv-uv -o -path ./.git \) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf "$(VENV)" "$(VENV_COMPAT)" "$(VENV_RELEASE)" "$(VENV_MUTATION)" "$(VENV_UV)"
