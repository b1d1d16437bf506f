#!/usr/bin/env python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run `make test`'s stages: the groups in order, the stages of a group at once.

    python3 .ci/run_stages.py venv "sanity lint unit venv-compat" "integration compat"

Each argument is a group of make targets separated by spaces. The stages of one group run
side by side (single-threaded checks fill the cores that a two-process check leaves idle).
A group starts when the groups before it have at most one stage still running, and that
stage makes no environment (a `venv...` stage): the last long stage of a group then shares
the machine with the next group instead of leaving a core idle. Each stage's output is kept
in a file and printed whole when it ends, so outputs never interleave. At the end: every
stage's result, wall time and CPU time (its processes' user + system time: what the stage
costs on a machine that has no core to spare), and the total. Exit status 1 when any stage
failed. A failed `venv...` stage stops the run before the next group; FAIL_FAST=1 stops
after any failure, once the stages running then have ended.
"""

import os
import subprocess
import sys
import tempfile
import time

MAKE = 'make'
# A later group may start beside this many unfinished stages of the earlier ones.
OVERLAP = 1


class Stage:
    def __init__(self, name, logdir):
        self.name = name
        self.log = open(os.path.join(logdir, f"{name}.log"), 'w+', encoding='utf-8')  # pylint: disable=consider-using-with
        self.process = subprocess.Popen([MAKE, '--no-print-directory', name], stdout=self.log,  # pylint: disable=consider-using-with
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.started = time.monotonic()
        self.result = None  # (ok, wall seconds, CPU seconds) once ended

    def makes_an_environment(self):
        return self.name.startswith('venv')

    def poll(self):
        """True once the stage has ended; its output is then printed whole."""
        if self.result is None:
            # wait4 rather than poll: it also says how much CPU the stage's processes used.
            pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid == 0:
                return False
            self.process.returncode = os.waitstatus_to_exitcode(status)
            self.result = (self.process.returncode == 0, time.monotonic() - self.started, usage.ru_utime + usage.ru_stime)
            self.log.seek(0)
            print(f'\n=== make {self.name} ===')
            sys.stdout.write(self.log.read())
            self.log.close()
            print('=== %s: %s in %ds (CPU %ds) ===' % (self.name, 'ok' if self.result[0] else 'FAILED', self.result[1], self.result[2]),
                  flush=True)
        return True


def all_ended(stages):
    """Polls every stage (so each ends, and prints, when it ends), then says whether all have."""
    return all([stage.poll() for stage in stages])  # pylint: disable=use-a-generator


def may_start_next_group(stages):
    """The rule above: at most OVERLAP stages running, none of them making an environment, and
    no environment failed."""
    all_ended(stages)
    running = [stage for stage in stages if stage.result is None]
    failed = [stage for stage in stages if stage.result and not stage.result[0]]
    if any(stage.makes_an_environment() for stage in running + failed):
        return False
    if failed and os.environ.get('FAIL_FAST') == '1':
        return False
    return len(running) <= OVERLAP


def main(groups):
    started = time.monotonic()
    stages = []
    stopped = False
    with tempfile.TemporaryDirectory(prefix='make-test-') as logdir:
        for group in groups:
            while not may_start_next_group(stages):
                if all_ended(stages):
                    stopped = True
                    break
                time.sleep(0.2)
            if stopped:
                break
            stages.extend(Stage(name, logdir) for name in group.split())
        while not all_ended(stages):
            time.sleep(0.2)
    print('\n=== make test summary (stages of one group ran side by side; wall and CPU seconds) ===')
    for stage in stages:
        ok, seconds, cpu = stage.result
        print('  %-20s %-7s %4ds  CPU %4ds' % (stage.name, 'ok' if ok else 'FAILED', seconds, cpu))
    print('  %-28s %4ds  CPU %4ds' % ('total', time.monotonic() - started, sum(stage.result[2] for stage in stages)))
    failed = [stage.name for stage in stages if not stage.result[0]]
    if stopped:
        begun = [stage.name for stage in stages]
        not_begun = [name for group in groups for name in group.split() if name not in begun]
        print(f"make test: stopped before: {' '.join(not_begun)}", file=sys.stderr)
    if failed:
        print(f"make test: FAILED stages: {' '.join(failed)}", file=sys.stderr)
        return 1
    print('make test: all stages passed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
