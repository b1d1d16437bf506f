# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The examples as AWX / Automation Controller runs them: through ansible-runner, with a
private data directory (project, inventory, env) and the AWS keys injected as AWX's
"Amazon Web Services" credential type injects them, into the environment as
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SECURITY_TOKEN (the session token under
its legacy name, which botocore still reads). The checks read ansible-runner's artifacts:
the job status, the recap counts per host and each task's events.

AWX's inventory for one credential holds the hosts of that one account: the example
inventory's hosts of its first profile, without ``pca_profile`` (the credential replaces it).
"""

import os
import shutil

import pytest
import yaml

from pki_acmpca_emulator import harness, pca

EXAMPLES_DIR = os.path.join(harness.REPO_ROOT, "examples")
ORG_ID = "o-awxrunner01"


@pytest.fixture
def hermetic(monkeypatch):
    """ansible-runner starts ansible-playbook with this process's environment plus its envvars:
    no AWS or Ansible setting of the developer's may reach the job."""
    for key in list(os.environ):
        if key.startswith(("AWS_", "ANSIBLE_", "BOTO_")):
            monkeypatch.delenv(key)
    # ansible-runner starts ansible-playbook from PATH: this venv's, as an execution environment's.
    monkeypatch.setenv("PATH", os.path.dirname(harness.executable("ansible-playbook")) + os.pathsep + os.environ.get("PATH", ""))


def awx_credential_env(account):
    """What AWX's AWS credential type injects (awx/main/models/credential/injectors.py: aws)."""
    return {
        "AWS_ACCESS_KEY_ID": account.credentials["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": account.credentials["aws_secret_access_key"],
        "AWS_SECURITY_TOKEN": account.credentials["aws_session_token"],
    }


def private_data_dir(tmp_path, example, account, endpoint_url, collections_path):
    """ansible-runner's input layout: project/ (the example), inventory/hosts.yml (the
    example's hosts of one account, one per region, without the profile), env/envvars."""
    base = tmp_path / "private"
    shutil.copytree(os.path.join(EXAMPLES_DIR, example), base / "project")
    with open(os.path.join(EXAMPLES_DIR, example, "inventory.yml"), encoding="utf-8") as handle:
        inventory = yaml.safe_load(handle)
    hosts = inventory["pca_accounts"]["hosts"]
    profile = next(iter(hosts.values()))["pca_profile"]
    hosts = {name: {key: value for key, value in host.items() if key != "pca_profile"}
             for name, host in hosts.items() if host["pca_profile"] == profile}
    inventory["pca_accounts"]["hosts"] = hosts
    (base / "inventory").mkdir()
    (base / "inventory" / "hosts.yml").write_text(yaml.safe_dump(inventory, sort_keys=False))
    (base / "env").mkdir()
    envvars = dict(awx_credential_env(account))
    envvars.update({
        # The emulator stands in for AWS's endpoints (botocore reads AWS_ENDPOINT_URL).
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        # An execution environment has the collection installed; here it is on this path.
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "False",
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
        "ANSIBLE_NOCOLOR": "1",
    })
    (base / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    return str(base), sorted(hosts), {name: host["pca_region"] for name, host in hosts.items()}


def run_job(base, playbook, extravars):
    # Imported here: the compat venv collects this file without ansible-runner installed.
    import ansible_runner  # pylint: disable=import-outside-toplevel

    return ansible_runner.run(private_data_dir=base, playbook=playbook, extravars=extravars, ident="job", quiet=True)


def task_events(runner, event_name):
    """{(host, task name)} of the job's events of that kind, read back from the artifacts."""
    return {(event["event_data"]["host"], event["event_data"]["task"])
            for event in runner.events if event["event"] == event_name}


def read_artifact(base, name):
    with open(os.path.join(base, "artifacts", "job", name), encoding="utf-8") as handle:
        return handle.read().strip()


def test_share_with_organization_example_runs_as_awx_runs_it(aws, collection_root, tmp_path, hermetic):  # pylint: disable=unused-argument
    account = aws.assume(pca.random_account_id())
    base, hosts, regions = private_data_dir(tmp_path, "org_sharing", account, aws.endpoint_url, collection_root)
    arns = {host: pca.create_active_ca(pca.make_client(aws.moto_url, region=region, credentials=account.credentials),
                                       common_name=host) for host, region in regions.items()}

    runner = run_job(base, "share_with_organization.yml", {"org_sharing_organization_id": ORG_ID})

    assert (runner.status, runner.rc) == ("successful", 0), runner.stdout.read()
    assert (read_artifact(base, "status"), read_artifact(base, "rc")) == ("successful", "0")
    stats = runner.stats
    assert sorted(stats["ok"]) == hosts
    assert stats["changed"] == {host: 1 for host in hosts}
    assert not stats["failures"] and not stats["dark"]
    shared_task = "Put the role's statements in place on each CA that must change, from a fresh read of it"
    assert {(host, shared_task) for host in hosts} <= task_events(runner, "runner_on_ok")
    shown = [event["event_data"]["res"] for event in runner.events
             if event["event"] == "runner_on_ok" and event["event_data"]["task"].startswith("Show the CAs whose policy changed")]
    assert sorted(result["org_sharing_result.changed_certificate_authority_arns"][0] for result in shown) == sorted(arns.values())
    for host, arn in arns.items():
        client = pca.make_client(aws.moto_url, region=regions[host], credentials=account.credentials)
        policy = pca.read_policy(client, arn)
        assert {statement["Condition"]["StringEquals"]["aws:PrincipalOrgID"] for statement in policy["Statement"]} == {ORG_ID}
    # Every call was signed with the injected keys: the credential's account, nobody else.
    assert {entry["account_id"] for entry in aws.proxy.log()} == {account.account_id}


def test_find_external_access_example_fails_the_job_on_an_outside_grant(aws, collection_root, tmp_path, hermetic):  # pylint: disable=unused-argument
    account = aws.assume(pca.random_account_id())
    base, hosts, regions = private_data_dir(tmp_path, "access", account, aws.endpoint_url, collection_root)
    outsider = pca.random_account_id()
    exposed_host = hosts[0]
    client = pca.make_client(aws.moto_url, region=regions[exposed_host], credentials=account.credentials)
    exposed = pca.create_active_ca(client, common_name=exposed_host)
    pca.put_raw_policy(client, exposed, pca.account_share_policy(exposed, outsider))

    runner = run_job(base, "find_external_access.yml", {"trusted_organization_id": ORG_ID})

    assert (runner.status, runner.rc) == ("failed", 2), runner.stdout.read()
    assert read_artifact(base, "status") == "failed"
    stats = runner.stats
    assert stats["failures"] == {exposed_host: 1}
    assert sorted(stats["ok"]) == hosts
    assert task_events(runner, "runner_on_failed") == {
        (exposed_host, "Fail when any CA grants access outside the organization, or not known to be inside")}
    passed = "Fail when a CA could not be audited"
    assert task_events(runner, "runner_on_ok") >= {(host, passed) for host in hosts if host != exposed_host}
    # A loop's items have events of their own.
    shown = [event["event_data"]["res"]["msg"] for event in runner.events
             if event["event"] == "runner_item_on_ok" and event["event_data"]["task"].startswith("Show each grant outside")]
    assert len(shown) == 2 and all(exposed in message and outsider in message for message in shown), shown
