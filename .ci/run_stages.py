#!/usr/bin/env python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run `make test`'s stages: the groups one after the other, the stages of a group at once.

    python3 .ci/run_stages.py "setup" "sanity lint changelog-lint release" unit integration compat

Each argument is a group of make targets separated by spaces. The stages of one group run
side by side (single-threaded checks fill the cores that a two-process check leaves idle);
each stage's output is kept in a file and printed whole when it ends, so outputs never
interleave. At the end: every stage's result and wall time, and the total. Exit status 1
when any stage failed. A failed `setup` stops the run; FAIL_FAST=1 stops after the first
group with a failure.
"""

import os
import subprocess
import sys
import tempfile
import time

MAKE = 'make'


def run_group(stages, logdir):
    """Start every stage of the group, wait for all; [(stage, ok, seconds)] in start order."""
    running = []
    for stage in stages:
        log = open(os.path.join(logdir, f"{stage}.log"), 'w+', encoding='utf-8')  # pylint: disable=consider-using-with
        process = subprocess.Popen([MAKE, '--no-print-directory', stage], stdout=log, stderr=subprocess.STDOUT,  # pylint: disable=consider-using-with
                                   stdin=subprocess.DEVNULL)
        running.append((stage, process, log, time.monotonic()))
    results = {}
    while len(results) < len(running):
        for stage, process, log, started in running:
            if stage in results or process.poll() is None:
                continue
            elapsed = time.monotonic() - started
            ok = process.returncode == 0
            results[stage] = (ok, elapsed)
            log.seek(0)
            print(f'\n=== make {stage} ===')
            sys.stdout.write(log.read())
            log.close()
            print('=== %s: %s in %ds ===' % (stage, 'ok' if ok else 'FAILED', elapsed), flush=True)
        time.sleep(0.2)
    return [(stage,) + results[stage] for stage in stages]


def main(groups):
    started = time.monotonic()
    summary = []
    with tempfile.TemporaryDirectory(prefix='make-test-') as logdir:
        for group in groups:
            stages = group.split()
            results = run_group(stages, logdir)
            summary.extend(results)
            failed = [stage for stage, ok, dummy in results if not ok]
            if failed and ('setup' in stages or os.environ.get('FAIL_FAST') == '1'):
                break
    print('\n=== make test summary (stages on one line ran side by side) ===')
    for group in groups:
        for stage in group.split():
            for name, ok, seconds in summary:
                if name == stage:
                    print('  %-15s %-7s %4ds' % (name, 'ok' if ok else 'FAILED', seconds))
    print('  %-23s %4ds' % ('total', time.monotonic() - started))
    failed = [name for name, ok, dummy in summary if not ok]
    if failed:
        print(f"make test: FAILED stages: {' '.join(failed)}", file=sys.stderr)
        return 1
    print('make test: all stages passed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
