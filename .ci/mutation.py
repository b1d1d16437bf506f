#!/usr/bin/env python
"""Mutation testing of pki.acmpca with mutmut 3 (`make mutation`).

What it does:

1. Stages a copy (not a symlink) of the collection at
   build/mutation/ansible_collections/pki/acmpca: mutmut names a mutant after the
   path of its file below the directory it runs in, so the names must read
   ``ansible_collections.pki.acmpca.plugins...``, the modules the unit tests import.
2. Writes mutmut's configuration (build/mutation/setup.cfg, section [mutmut]) and runs
   ``mutmut run`` there. mutmut copies the tree into build/mutation/mutants/, puts that
   directory first on sys.path and runs pytest inside it; tests/unit/conftest.py sees
   the copy sitting at .../ansible_collections/pki/acmpca and imports the collection
   from mutants/, so the mutated code is what the tests exercise. (mutmut's own forced
   failure run checks that: with every function made to fail, the tests must fail.)
3. Prints the score per file and in all, lists the survivors (their diffs go to
   build/mutation/survivors.diff), and counts the lines carrying ``# pragma: no mutate``.

Every file in plugins/module_utils and plugins/modules is mutated unless --paths names
a subset (MUTATION_PATHS in the Makefile); the other files are still copied, unmutated.
Each run starts from a fresh build/mutation, so the figures never depend on an earlier run.
The unit tests run with CI=true: hypothesis uses its derandomized profile.

Score: killed (a test failed, or the mutant ran past mutmut's timeout) out of every
mutant except those mutmut skipped; "no tests", "suspicious" and the like count as not
killed.

Run with the interpreter of the venv that holds mutmut (.venv-mutation):
    .venv-mutation/bin/python .ci/mutation.py [--paths plugins/module_utils/arn.py ...]
                                              [--jobs 2] [--fail-under 95]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, 'build', 'mutation')
COLLECTION = os.path.join('ansible_collections', 'pki', 'acmpca')
STAGE = os.path.join(WORK, COLLECTION)
SOURCE_DIRS = ('plugins/module_utils', 'plugins/modules')
# What the unit tests need of the collection, besides the code under SOURCE_DIRS.
# docs: unit tests check that documented bounds (docs/reliability.md) stay true.
# tests/simulator: the generated cases and the simulator's verdicts the access check is judged on.
STAGED = ('docs', 'galaxy.yml', 'meta', 'plugins', 'roles', 'tests/__init__.py', 'tests/conftest.py', 'tests/support', 'tests/simulator',
          'tests/unit')
TESTS = 'tests/unit'
PRAGMA = re.compile(r'#\s*pragma:\s*no mutate')
# mutmut's exit codes, by the status it reports (mutmut/stats.py in mutmut 3.8.1).
KILLED = ('killed', 'timeout')
SKIPPED = ('skipped',)


def source_files() -> list[str]:
    """Every Python file under SOURCE_DIRS, relative to the collection root."""
    found = []
    for directory in SOURCE_DIRS:
        for name in sorted(os.listdir(os.path.join(ROOT, directory))):
            if name.endswith('.py') and name != '__init__.py':
                found.append(f'{directory}/{name}')
    return found


def selected_paths(requested: list[str]) -> list[str]:
    """The files to mutate: all of them, or those named (files or one of SOURCE_DIRS)."""
    every = source_files()
    if not requested:
        return every
    chosen = []
    for item in requested:
        item = os.path.normpath(item).replace(os.sep, '/').rstrip('/')
        matches = [path for path in every if path == item or path.startswith(f"{item}/")]
        if not matches:
            raise SystemExit(f"mutation: {item!r} is not a Python file in {' or '.join(SOURCE_DIRS)} (files: {' '.join(every)})")
        chosen.extend(path for path in matches if path not in chosen)
    return chosen


def stage() -> None:
    """A fresh copy of what the unit tests need at build/mutation/ansible_collections/pki/acmpca."""
    shutil.rmtree(WORK, ignore_errors=True)
    ignore = shutil.ignore_patterns('__pycache__', '*.pyc', '.pytest_cache', '.hypothesis', 'node_modules')
    for item in STAGED:
        source = os.path.join(ROOT, item)
        target = os.path.join(STAGE, item)
        if os.path.isdir(source):
            shutil.copytree(source, target, ignore=ignore, symlinks=False)
        elif os.path.exists(source):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(source, target)


def also_copy() -> list[str]:
    """Everything staged that mutmut would not copy itself (it copies only SOURCE_DIRS)."""
    entries = []
    for top in sorted(os.listdir(STAGE)):
        if top == 'plugins':
            entries.extend(f"plugins/{name}" for name in sorted(os.listdir(os.path.join(STAGE, 'plugins')))
                           if f"plugins/{name}" not in SOURCE_DIRS)
        else:
            entries.append(top)
    return [f'{COLLECTION}/{entry}' for entry in entries]


def write_config(paths: list[str]) -> None:
    def block(values):
        return ''.join(f'\n    {value}' for value in values)

    collection = COLLECTION.replace(os.sep, '/')
    config = (
        '# Written by .ci/mutation.py for `make mutation`; do not edit.\n'
        '[mutmut]\n'
        'source_paths =%s\n'
        'only_mutate =%s\n'
        'also_copy =%s\n'
        'pytest_add_cli_args_test_selection =%s\n'
        'pytest_add_cli_args =%s\n'
        'use_git_change_detection = false\n'
    ) % (
        block('%s/%s' % (collection, directory) for directory in SOURCE_DIRS),
        block('%s/%s' % (collection, path) for path in paths),
        block(also_copy()),
        block(['%s/%s' % (collection, TESTS)]),
        block(['-p', 'no:cacheprovider']),
    )
    with open(os.path.join(WORK, 'setup.cfg'), 'w') as handle:
        handle.write(config)


def mutmut_env() -> dict[str, str]:
    env = dict(os.environ)
    env['CI'] = 'true'
    env.pop('HYPOTHESIS_PROFILE', None)
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    env['PYTHONUNBUFFERED'] = '1'
    # Only the staged copy may answer for ansible_collections imports.
    env.pop('PYTHONPATH', None)
    env.pop('ANSIBLE_COLLECTIONS_PATH', None)
    env.pop('ANSIBLE_COLLECTIONS_PATHS', None)
    return env


def run_mutmut(jobs: int) -> int:
    """Run `mutmut run`; its full output goes to build/mutation/mutmut.log.

    mutmut redraws a spinner line with carriage returns. On a terminal that is shown as
    it is; elsewhere (CI, a log file) only finished lines are printed, plus the
    progress line once a minute.
    """
    command = [sys.executable, '-m', 'mutmut', 'run']
    if jobs > 0:
        command += ['--max-children', str(jobs)]
    log_path = os.path.join(WORK, 'mutmut.log')
    print(f"mutation: {' '.join(command[1:])} (in {os.path.relpath(WORK, ROOT)}; log: {os.path.relpath(log_path, ROOT)})",
          flush=True)
    tty = sys.stdout.isatty()
    process = subprocess.Popen(command, cwd=WORK, env=mutmut_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    pending = ''
    last_progress = time.time()
    with open(log_path, 'w') as log:
        while True:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            text = chunk.decode('utf-8', 'replace')
            log.write(text)
            if tty:
                sys.stdout.write(text)
                sys.stdout.flush()
                continue
            pending += text
            *lines, pending = pending.split('\n')
            for line in lines:
                print(line.rsplit('\r', 1)[-1].rstrip(), flush=True)
            if '\r' in pending:
                pending = pending.rsplit('\r', 1)[-1]
            if pending.strip() and time.time() - last_progress >= 60:
                print(pending.strip(), flush=True)
                last_progress = time.time()
    if pending.strip() and not tty:
        print(pending.rsplit('\r', 1)[-1].rstrip(), flush=True)
    return process.wait()


def results(paths: list[str]) -> dict[str, dict[str, str]]:
    """{file: {mutant name: status}} from mutmut's .meta files."""
    from mutmut.stats import status_by_exit_code

    by_file = {}
    for path in paths:
        meta = os.path.join(WORK, 'mutants', COLLECTION, f"{path}.meta")
        statuses = {}
        if os.path.exists(meta):
            with open(meta) as handle:
                for name, code in json.load(handle)['exit_code_by_key'].items():
                    statuses[name] = status_by_exit_code[code]
        by_file[path] = statuses
    return by_file


def score(statuses) -> tuple[int, int]:
    counted = [status for status in statuses if status not in SKIPPED]
    return sum(1 for status in counted if status in KILLED), len(counted)


def percent(killed: int, total: int) -> str:
    # Rounded down: 100.0% only when every mutant was killed.
    return f'{math.floor(1000.0 * killed / total) / 10:5.1f}%' if total else '    -'


def survivors_diff(names: list[str]) -> str:
    """The diff of every survivor, as `mutmut show` prints it."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    chunks = []
    cwd = os.getcwd()
    os.chdir(WORK)
    try:
        for name in names:
            try:
                chunks.append(f'# {name}\n{get_diff_for_mutant(name)}\n')
            except Exception as exc:
                chunks.append(f'# {name}\n(no diff: {exc})\n')
    finally:
        os.chdir(cwd)
    return '\n'.join(chunks)


def pragma_lines() -> list[str]:
    """file:line of every line carrying `# pragma: no mutate`, in every mutable file."""
    found = []
    for path in source_files():
        with open(os.path.join(ROOT, path)) as handle:
            for number, line in enumerate(handle, 1):
                if PRAGMA.search(line):
                    found.append('%s:%d' % (path, number))
    return found


def report(paths: list[str], elapsed: float) -> float:
    by_file = results(paths)
    print()
    print('=== mutation score (killed / mutants; mutmut 3, unit tests, hypothesis derandomized) ===')
    all_statuses = []
    for path in paths:
        statuses = list(by_file[path].values())
        all_statuses.extend(statuses)
        killed, total = score(statuses)
        others = ', '.join('%d %s' % (statuses.count(status), status) for status in sorted(set(statuses)) if status not in KILLED)
        print('  %-45s %s  %4d of %4d killed%s' % (path, percent(killed, total), killed, total, (f"  ({others})") if others else ''))
    killed, total = score(all_statuses)
    print('  %-45s %s  %4d of %4d killed' % ('all %d file%s' % (len(paths), '' if len(paths) == 1 else 's'), percent(killed, total), killed, total))

    survivors = sorted(name for statuses in by_file.values() for name, status in statuses.items()
                       if status not in KILLED and status not in SKIPPED)
    print()
    print(f'=== not killed: {len(survivors)} ===')
    for name in survivors:
        status = next(statuses[name] for statuses in by_file.values() if name in statuses)
        print(f'  {name}: {status}')
    if survivors:
        diff_file = os.path.join(WORK, 'survivors.diff')
        with open(diff_file, 'w') as handle:
            handle.write(survivors_diff(survivors))
        print(f'  (diffs: {os.path.relpath(diff_file, ROOT)}; one mutant: cd build/mutation && ../../.venv-mutation/bin/mutmut show <name>)')

    pragmas = pragma_lines()
    print()
    print(f'=== lines carrying "# pragma: no mutate": {len(pragmas)} ===')
    for location in pragmas:
        print(f"  {location}")
    print()
    print('mutation: %d file%s mutated in %ds' % (len(paths), '' if len(paths) == 1 else 's', round(elapsed)))
    return 100.0 * killed / total if total else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--paths', nargs='*', default=[],
                        help=f"files (or one of {', '.join(SOURCE_DIRS)}) to mutate, relative to the repository; default: all")
    parser.add_argument('--jobs', type=int, default=2, help='mutants tested at once (mutmut --max-children); default 2')
    parser.add_argument('--fail-under', type=float, default=None, help='exit non-zero when the score over the mutated files is lower')
    args = parser.parse_args()

    paths = selected_paths([item for value in args.paths for item in value.split()])
    start = time.time()
    stage()
    write_config(paths)
    status = run_mutmut(args.jobs)
    elapsed = time.time() - start
    if status != 0:
        print('mutation: mutmut run failed (exit status %d)' % status, file=sys.stderr)
        return status
    total_score = report(paths, elapsed)
    if args.fail_under is not None and total_score < args.fail_under:
        print(f'mutation: score {total_score:.1f}% is below {args.fail_under:.1f}%', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
