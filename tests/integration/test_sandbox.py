# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make sandbox` and `make sandbox-stop` as a user runs them, then playbooks against the
sandbox with nothing but the settings it prints: a grant and an audit, and every example
under examples/ as written.

Each sandbox here takes a free port and a directory of its own (SANDBOX_PORT, SANDBOX_DIR),
so a sandbox the user started is never touched."""

import json
import os
import pathlib
import socket
import subprocess
import sys

import pytest

from pki_acmpca_emulator import pca
from pki_acmpca_emulator.harness import AnsibleRunner, hermetic_env

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PERMISSION_MODULE = "pki.acmpca.acmpca_permission"
INFO_MODULE = "pki.acmpca.acmpca_info"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make(*args, timeout=300):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False, stdin=subprocess.DEVNULL)


def exported(stdout):
    """The ``export NAME=VALUE`` lines `make sandbox` printed, as a dict."""
    return dict(line.strip()[len("export "):].split("=", 1) for line in stdout.splitlines() if line.strip().startswith("export "))


def process_alive(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def port_open(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Sandbox:
    def __init__(self, directory, port):
        self.directory, self.port = directory, port
        self.started = make("sandbox", f"SANDBOX_PORT={port}", f"SANDBOX_DIR={directory}")
        self.exports = exported(self.started.stdout)

    @property
    def pid(self):
        return int((self.directory / "server.pid").read_text(encoding="utf-8"))

    @property
    def summary(self):
        return json.loads((self.directory / "sandbox.json").read_text(encoding="utf-8"))

    def stop(self):
        return make("sandbox-stop", f"SANDBOX_DIR={self.directory}")

    def env(self, base_dir, collections_path, extra=None):
        """What a user's shell has after pasting the exports: no other AWS settings."""
        settings = dict(self.exports, ANSIBLE_COLLECTIONS_PATH=collections_path,
                        ANSIBLE_CONFIG=None, ANSIBLE_LOCALHOST_WARNING=None, ANSIBLE_INVENTORY_UNPARSED_WARNING=None)
        env = hermetic_env(str(base_dir), settings)
        env.update(extra or {})
        return env


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    started = Sandbox(tmp_path_factory.mktemp("sandbox"), free_port())
    assert started.started.returncode == 0, started.started.stdout + started.started.stderr
    try:
        yield started
    finally:
        started.stop()


def test_make_sandbox_prints_the_settings_and_seeds_an_organization_with_active_cas(sandbox):
    out = sandbox.started.stdout
    summary = sandbox.summary
    endpoint = f"http://127.0.0.1:{sandbox.port}"
    assert summary["endpoint_url"] == endpoint
    assert sandbox.exports["AWS_ENDPOINT_URL"] == endpoint and sandbox.exports["AWS_PROFILE"] == "pki-prod"
    assert f"endpoint_url: {endpoint}" in out and "group/pki.acmpca.acmpca:" in out and "profile: pki-prod" in out
    management, member, outsider = summary["accounts"]
    assert [account["profile"] for account in summary["accounts"]] == ["pki-prod", "pki-dev", "outsider"]
    # The organization as each account sees it: the management account's, its member, and none.
    organization_id = summary["organization_id"]
    credentials = [account["credentials"] for account in summary["accounts"]]
    assert [pca.describe_organization_id(endpoint, credentials=item) for item in credentials] == [organization_id, organization_id, None]
    assert [pca.caller_account(endpoint, credentials=item) for item in credentials] == [
        management["account_id"], member["account_id"], outsider["account_id"]]
    for account in (management, member):
        for arn in account["certificate_authority_arns"]:
            region = arn.split(":")[3]
            client = pca.make_client(endpoint, account_id=account["account_id"], region=region)
            assert client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Status"] == "ACTIVE"
    config = (sandbox.directory / "aws_config").read_text(encoding="utf-8")
    assert [line for line in config.splitlines() if line.startswith("[")] == ["[profile pki-prod]", "[profile pki-dev]", "[profile outsider]"]


def test_a_playbook_grants_a_permission_and_audits_access_with_only_the_printed_settings(sandbox, collection_root, tmp_path):
    management = sandbox.summary["accounts"][0]
    arn = management["certificate_authority_arns"][0]
    runner = AnsibleRunner(collection_root, tmp_path)
    play = {"name": "grant and audit on the sandbox", "hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "grant", PERMISSION_MODULE: {"certificate_authority_arn": arn}},
        {"name": "audit", INFO_MODULE: {"include_access": True, "trusted_organization_id": sandbox.summary["organization_id"]}},
    ]}
    # The exports only: none of the test harness's keys or region.
    run = runner.playbook(play, env=dict(sandbox.exports, AWS_ACCESS_KEY_ID=None, AWS_SECRET_ACCESS_KEY=None, AWS_DEFAULT_REGION=None))

    assert run.rc == 0, run
    assert run.status("grant") == "changed"
    audit = {ca["arn"]: ca for ca in run.result("audit")["certificate_authorities"]}
    assert sorted(audit) == sorted(arn for arn in management["certificate_authority_arns"] if ":us-east-1:" in arn)
    assert [(finding["shared_via"], finding["principal"], finding["can_issue"]) for finding in audit[arn]["access"]] == [
        ("PERMISSION", "acm.amazonaws.com", True)]
    assert run.result("audit")["external_access"] == []


@pytest.mark.parametrize("playbook", sorted(str(path.relative_to(EXAMPLES)) for path in EXAMPLES.glob("*/*.yml")
                                            if path.name != "inventory.yml"))
def test_every_example_runs_against_the_sandbox_as_written(sandbox, collection_root, tmp_path, playbook):
    """From its own directory (its ansible.cfg and inventory), with the sandbox's exports;
    only the organization ID, which moto picks, is given."""
    organization_id = sandbox.summary["organization_id"]
    directory = EXAMPLES / os.path.dirname(playbook)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
               os.path.basename(playbook), "-e", f"trusted_organization_id={organization_id}",
               "-e", f"org_sharing_organization_id={organization_id}"]
    env = sandbox.env(tmp_path, collection_root)

    result = subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "No inventory was parsed" not in result.stdout + result.stderr
    # Every host of the inventory ran (that a second run changes nothing is shown for the role
    # and the audit by test_org_sharing.py and test_access.py).
    recap = [line for line in result.stdout.split("PLAY RECAP")[-1].splitlines() if "failed=0" in line]
    assert len(recap) == 3, result.stdout[-4000:]


def adhoc_lines():
    """Every ``ansible localhost`` line of the README and docs/, as written."""
    paths = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
    return [line.strip() for path in paths for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("ansible localhost ")]


def test_the_docs_ad_hoc_lines_run_from_the_checkout_without_a_warning(sandbox, collection_root, tmp_path):
    """Each names the inventory of the control node, so Ansible does not warn that none was
    parsed; the README's sandbox line runs as written, with the sandbox's exports only."""
    lines = adhoc_lines()
    assert lines and all(" -i examples/localhost.yml " in line for line in lines), lines
    readme_line = next(line for line in lines if '"include_access=true"' in line)
    env = sandbox.env(tmp_path, collection_root)

    result = subprocess.run(["bash", "-c", readme_line], cwd=ROOT, env=dict(env, PATH=os.path.dirname(sys.executable) + os.pathsep + env["PATH"]),
                            capture_output=True, text=True, timeout=120, check=False, stdin=subprocess.DEVNULL)

    assert result.returncode == 0 and "localhost | SUCCESS" in result.stdout, result.stdout[-3000:] + result.stderr[-2000:]
    assert "WARNING" not in result.stdout + result.stderr, result.stdout[-3000:] + result.stderr


def test_make_sandbox_stop_ends_the_server_and_leaves_nothing_running(tmp_path):
    sandbox = Sandbox(tmp_path / "sandbox", free_port())
    assert sandbox.started.returncode == 0, sandbox.started.stdout + sandbox.started.stderr
    pid = sandbox.pid
    assert process_alive(pid) and port_open(sandbox.port)

    stopped = sandbox.stop()

    assert stopped.returncode == 0 and f"stopped the emulator (PID {pid})" in stopped.stdout, stopped
    assert not process_alive(pid) and not port_open(sandbox.port)
    assert not (sandbox.directory / "server.pid").exists()
    assert "not running" in sandbox.stop().stdout
