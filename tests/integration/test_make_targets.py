# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make targets a user or CI runs, run as they run them, from the repository root."""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Collecting the unit tests is enough to reach the peer check, which `make unit` runs after pytest.
COLLECT_ONLY = ["PYTEST_ARGS=--collect-only -q", "UNIT_WORKERS=0"]


def make(*args, env=None, timeout=300):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=timeout, check=False)


@pytest.mark.parametrize("required", ["", "required"])
def test_the_peer_check_is_skipped_when_its_file_is_missing_unless_it_is_required(tmp_path, required):
    result = make("peer-check", f"PEER_CHECK_SCRIPT={tmp_path / 'missing.py'}", env={"PEER_CHECK": required})

    if required:
        assert result.returncode != 0 and "peer check: FAILED" in result.stderr, result
    else:
        assert result.returncode == 0 and "peer check: skipped" in result.stdout, result


def test_make_unit_runs_the_peer_check_in_strict_mode_when_its_file_is_there(tmp_path):
    script = tmp_path / "peer_policy_check.py"
    script.write_text("import sys\nprint('peer arguments:', sys.argv[1:])\n")

    result = make("unit", *COLLECT_ONLY, f"PEER_CHECK_SCRIPT={script}", f"PYTHON={sys.executable}", env={"PEER_CHECK": "required"})

    assert result.returncode == 0, result
    assert "peer check: ran" in result.stdout and "peer arguments: ['.', '--strict']" in result.stdout, result


def test_ci_requires_the_peer_check():
    assert "export PEER_CHECK=required" in (ROOT / ".ci" / "run").read_text()


def test_make_demo_heads_each_step_shows_its_state_and_converges_with_changed_0():
    result = make("demo", timeout=600)

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    lines = result.stdout.splitlines()
    commands = [index for index, line in enumerate(lines) if line.startswith("   $ ansible-playbook")]
    # Each command follows a heading (a numbered step, or the line naming the next run), never output.
    assert commands and all(not lines[index - 1].startswith("   |") for index in commands), result.stdout
    shares = [lines[index] for index in commands if "share_with_organization.yml" in lines[index]]
    assert [("-e demo_state=absent" in line, "-e demo_state=present" in line) for line in shares] == [
        (False, True), (False, True), (True, False)], shares
    recaps = [line for line in lines if line.startswith("   | localhost ")]
    assert "changed=0" in recaps[1], recaps  # the second, converged run of the role
    assert "No inventory was parsed" not in result.stdout + result.stderr
    assert "moto_server stopped" in result.stdout
