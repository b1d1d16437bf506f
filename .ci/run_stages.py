#!/usr/bin/env python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run `make test`'s stages: the groups one after the other, the stages of a group at once.

    python3 .ci/run_stages.py venv "sanity lint unit venv-compat" "integration compat"

Each argument is a group of make targets separated by spaces. The stages of one group run
side by side (single-threaded checks fill the cores that a two-process check leaves idle);
each stage's output is kept in a file and printed whole when it ends, so outputs never
interleave. At the end: every stage's result, wall time and CPU time (its processes' user +
system time: what the stage costs on a machine that has no core to spare), and the total. Exit status 1
when any stage failed. A failed `venv` (the environment every stage uses) stops the run; FAIL_FAST=1 stops after the first
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
            if stage in results:
                continue
            # wait4 rather than poll: it also says how much CPU the stage's processes used.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == 0:
                continue
            process.returncode = os.waitstatus_to_exitcode(status)
            elapsed = time.monotonic() - started
            ok = process.returncode == 0
            results[stage] = (ok, elapsed, usage.ru_utime + usage.ru_stime)
            log.seek(0)
            print(f'\n=== make {stage} ===')
            sys.stdout.write(log.read())
            log.close()
            print('=== %s: %s in %ds (CPU %ds) ===' % (stage, 'ok' if ok else 'FAILED', elapsed, results[stage][2]),
                  flush=True)
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
            failed = [stage for stage, ok, dummy, dummy in results if not ok]
            if failed and ('venv' in stages or os.environ.get('FAIL_FAST') == '1'):
                break
    print('\n=== make test summary (stages of one group ran side by side; wall and CPU seconds) ===')
    for group in groups:
        for stage in group.split():
            for name, ok, seconds, cpu in summary:
                if name == stage:
                    print('  %-20s %-7s %4ds  CPU %4ds' % (name, 'ok' if ok else 'FAILED', seconds, cpu))
    print('  %-28s %4ds  CPU %4ds' % ('total', time.monotonic() - started, sum(cpu for dummy, dummy, dummy, cpu in summary)))
    failed = [name for name, ok, dummy, dummy in summary if not ok]
    if failed:
        print(f"make test: FAILED stages: {' '.join(failed)}", file=sys.stderr)
        return 1
    print('make test: all stages passed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
