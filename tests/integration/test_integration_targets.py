# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make integration-targets` (.ci/integration_targets.py) fails a run that leaves state
behind: its before/after comparison, against the emulator. The targets themselves run in
that stage; here, each one's shape (what a run against a real account relies on)."""

import importlib.util
import os

import pytest
import yaml

from pki_acmpca_emulator import harness, pca

TARGETS_DIR = os.path.join(harness.REPO_ROOT, "tests", "integration", "targets")
TARGETS = sorted(name for name in os.listdir(TARGETS_DIR) if not name.startswith("setup_"))


def load_runner():
    spec = importlib.util.spec_from_file_location("integration_targets", os.path.join(harness.REPO_ROOT, ".ci", "integration_targets.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_comparison_names_each_kind_of_state_left_behind(aws):
    runner = load_runner()
    client = aws.client()
    kept = aws.create_active_ca(common_name="kept")
    aws.put_policy(kept, pca.account_share_policy(kept, "111122223333"))
    before = runner.snapshot(aws.moto_url, [pca.DEFAULT_ACCOUNT_ID])

    deleted = aws.create_active_ca(common_name="made and deleted")
    client.update_certificate_authority(CertificateAuthorityArn=deleted, Status="DISABLED")
    client.delete_certificate_authority(CertificateAuthorityArn=deleted, PermanentDeletionTimeInDays=7)
    assert runner.leftovers(before, runner.snapshot(aws.moto_url, [pca.DEFAULT_ACCOUNT_ID])) == []

    left = aws.create_active_ca(common_name="made and left")
    client.create_permission(CertificateAuthorityArn=kept, Principal="acm.amazonaws.com", Actions=["IssueCertificate"])
    aws.delete_policy(kept)
    problems = runner.leftovers(before, runner.snapshot(aws.moto_url, [pca.DEFAULT_ACCOUNT_ID]))

    assert len(problems) == 2, problems
    assert kept in problems[0] and "None, [('acm.amazonaws.com', ('IssueCertificate',))]" in problems[0]
    assert problems[1] == f"{pca.DEFAULT_ACCOUNT_ID}: CA {left} made by a target is ACTIVE, not DELETED"


def test_a_ram_share_deleted_by_a_target_is_not_left_behind_and_a_live_one_is(aws):
    runner = load_runner()
    ram = aws.client(service="ram")
    before = runner.snapshot(aws.moto_url, [pca.DEFAULT_ACCOUNT_ID])

    # RAM keeps a deleted share listed (status DELETED) for a while.
    deleted = ram.create_resource_share(name="made and deleted")["resourceShare"]["resourceShareArn"]
    ram.delete_resource_share(resourceShareArn=deleted)
    assert runner.leftovers(before, runner.snapshot(aws.moto_url, [pca.DEFAULT_ACCOUNT_ID])) == []

    ram.create_resource_share(name="made and left")
    assert runner.leftovers(before, runner.snapshot(aws.moto_url, [pca.DEFAULT_ACCOUNT_ID])) == [
        f"{pca.DEFAULT_ACCOUNT_ID}: RAM shares were [], are now [('made and left', 'ACTIVE')]"]


def test_every_module_has_a_target():
    modules_dir = os.path.join(harness.REPO_ROOT, "plugins", "modules")
    modules = sorted(name[:-3] for name in os.listdir(modules_dir) if name.endswith(".py") and name != "__init__.py")
    assert [module for module in modules if module not in TARGETS] == []


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_runs_against_aws_and_cleans_up_after_itself(target):
    path = os.path.join(TARGETS_DIR, target)
    with open(os.path.join(path, "aliases"), encoding="utf-8") as handle:
        assert "cloud/aws" in handle.read().split()
    with open(os.path.join(path, "meta", "main.yml"), encoding="utf-8") as handle:
        assert yaml.safe_load(handle)["dependencies"] == ["setup_acmpca_ca"]
    with open(os.path.join(path, "tasks", "main.yml"), encoding="utf-8") as handle:
        tasks = yaml.safe_load(handle)
    assert len(tasks) == 1 and {"block", "always"} <= set(tasks[0]), "one block, with an always: clean-up"
    assert tasks[0]["module_defaults"] == {"group/pki.acmpca.acmpca": {
        "access_key": "{{ aws_access_key }}",
        "secret_key": "{{ aws_secret_key }}",
        "session_token": "{{ security_token | default(omit) }}",
        "region": "{{ aws_region }}",
        "endpoint_url": "{{ aws_endpoint_url | default(omit) }}",
    }}
    assert tasks[0]["always"][-1]["ansible.builtin.include_role"] == {"name": "setup_acmpca_ca", "tasks_from": "teardown.yml"}
