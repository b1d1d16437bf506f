# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input is refused through Ansible: the cases of tests/support/bad_input_cases.py
that need ansible-core (one of each kind of check, and every case whose path goes through
ansible-core itself: YAML types, module_defaults, the role's argument_specs and checks)
over acmpca_policy, acmpca_info and the org_sharing role, all in ONE ansible-playbook run
(each case is a block whose rescue records the failure), then one pytest test per case.
tests/unit/plugins/modules/test_bad_input.py runs every module case in-process.

Every case gets its own CA (role cases: their own AWS account and CA) holding a known
policy, and its own access key, so the fault proxy's log tells which requests each case
made.  For every case the test asserts: the task failed with a message naming the
problem (and no traceback or module crash), the case sent no PutPolicy or DeletePolicy
(and, for input that can be checked locally, no ACM PCA request at all), and the CA's
policy reads back unchanged from moto.

The run happens once per pytest session; under pytest-xdist the first worker to get
here runs it and leaves the outcome for the others in the session's shared temp dir.
"""

import collections
import concurrent.futures
import fcntl
import json
import os

import pytest

from pki_acmpca_emulator import pca
from tests.support.bad_input_cases import (ALL_CASES, INFO_MODULE, PLAYBOOK_CASES, POLICY_MODULE, ROLE, WRITES, case_access_key,
                                           module_defaults)
from pki_acmpca_emulator.harness import ACTION_GROUP, REGION, AnsibleRunner, AwsTestEnv, reset_moto

CASES = [case for case in ALL_CASES if case.id in PLAYBOOK_CASES]


def _case_params():
    return [pytest.param(case, id=case.id) for case in CASES]


def _case_block(case, args, defaults):
    if case.kind == "role":
        action = {"ansible.builtin.include_role": {"name": ROLE}, "vars": args}
    else:
        action = {POLICY_MODULE if case.kind == "policy" else INFO_MODULE: args}
    attempt = dict({"name": f"attempt: {case.id}"}, **action)
    return {
        "name": f"case: {case.id}",
        "module_defaults": {ACTION_GROUP: defaults},
        "block": [attempt, {"name": f"not refused: {case.id}", "ansible.builtin.debug": {"msg": "the bad input was accepted"}}],
        "rescue": [{"name": f"outcome: {case.id}", "ansible.builtin.debug": {"msg": {
            "task": "{{ ansible_failed_task.name }}",
            "action": "{{ ansible_failed_task.action }}",
            "result": "{{ ansible_failed_result }}",
        }}}],
    }


def _make_case_fixtures(env):
    """Per case: a CA holding a known policy, and the credentials the case uses."""
    def prepare(indexed_case):
        index, case = indexed_case
        if case.kind == "role":
            account = env.assume(pca.random_account_id())
            credentials = account.module_args
            arn = env.create_active_ca(common_name=f"bad input {case.id}", account_id=account.account_id)
        else:
            credentials = {"access_key": case_access_key(index), "secret_key": "case-secret-%03d" % index}
            arn = pca.create_active_ca(pca.make_client(env.moto_url), common_name=f"bad input {case.id}")
        policy = pca.account_share_policy(arn, "111122223333")
        env.put_policy(arn, policy)
        return {"arn": arn, "access_key": credentials["access_key"], "credentials": credentials, "policy_before": policy}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(prepare, enumerate(CASES)))


def _run_matrix(moto_server, fault_proxy, collection_root, base_dir):
    reset_moto(moto_server)
    fault_proxy.clear()
    env = AwsTestEnv(moto_server, fault_proxy)
    fixtures = _make_case_fixtures(env)
    fault_proxy.clear_log()
    blocks = []
    for case, fixture in zip(CASES, fixtures):
        blocks.append(_case_block(case, case.args(fixture["arn"]), module_defaults(case, fault_proxy.url, REGION, fixture["credentials"])))
    runner = AnsibleRunner(collection_root, base_dir, endpoint_url=fault_proxy.url)
    play = {"name": "bad input matrix", "hosts": "localhost", "gather_facts": False, "tasks": blocks}
    # No credentials and no region in the environment: each case's block says what it uses.
    run = runner.playbook(play, env={"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_DEFAULT_REGION": None}, timeout=600)
    log = fault_proxy.log()
    outcomes = {}
    for case, fixture in zip(CASES, fixtures):
        fixture = dict(fixture)
        fixture["policy_after"] = env.read_policy(fixture["arn"])
        fixture["outcome"] = [entry["result"]["msg"] for entry in run.results if entry["task"] == f"outcome: {case.id}"]
        fixture["not_refused"] = any(entry["task"] == f"not refused: {case.id}" for entry in run.results)
        fixture["requests"] = [(entry["operation"], entry["arn"]) for entry in log
                               if entry["service"] == "ACMPrivateCA" and entry["access_key"] == fixture["access_key"]]
        outcomes[case.id] = fixture
    return {
        "rc": run.rc,
        "duration": run.duration,
        "summary": repr(run)[-6000:],
        "cases": outcomes,
        "writes": [(entry["operation"], entry["arn"], entry["access_key"]) for entry in log if entry["operation"] in WRITES],
        "unsigned_requests": [entry["operation"] for entry in log if entry["service"] == "ACMPrivateCA" and not entry["access_key"]],
    }


@pytest.fixture(scope="session")
def matrix(request, tmp_path_factory):
    """The outcome of the one bad-input playbook run (JSON-able), run once per session."""
    def run_here(base_dir):
        return _run_matrix(request.getfixturevalue("moto_server"), request.getfixturevalue("fault_proxy"),
                           request.getfixturevalue("collection_root"), base_dir)

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return run_here(tmp_path_factory.mktemp("bad-input"))
    # pytest-xdist: every worker's basetemp is under one directory of this session.
    shared = tmp_path_factory.getbasetemp().parent
    outcome_path = shared / "bad-input-matrix.json"
    with open(str(shared / "bad-input-matrix.lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if outcome_path.exists():
                with open(str(outcome_path), encoding="utf-8") as handle:
                    return json.load(handle)
            outcome = run_here(tmp_path_factory.mktemp("bad-input"))
            with open(str(outcome_path), "w", encoding="utf-8") as handle:
                json.dump(outcome, handle)
            return outcome
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def test_the_matrix_covers_both_modules_and_the_role_in_one_clean_run(matrix):
    kinds = collections.Counter(case.kind for case in CASES)
    assert len({case.id for case in ALL_CASES}) == len(ALL_CASES)
    assert sorted(case.id for case in CASES) == sorted(PLAYBOOK_CASES)
    assert kinds["policy"] >= 5 and kinds["info"] >= 1 and kinds["role"] >= 5, kinds
    # Every case was rescued: the play itself ends cleanly.
    assert matrix["rc"] == 0, matrix["summary"]


def test_no_case_sent_a_policy_write(matrix):
    assert matrix["writes"] == []
    # A case without credentials never got as far as a request.
    assert matrix["unsigned_requests"] == []


@pytest.mark.parametrize("case", _case_params())
def test_bad_input_is_refused_clearly_and_changes_nothing(matrix, case):
    outcome = matrix["cases"][case.id]
    assert not outcome["not_refused"], f"the bad input was accepted\n{matrix['summary']}"
    assert len(outcome["outcome"]) == 1, matrix["summary"]
    failure = outcome["outcome"][0]
    result = failure["result"]
    message = result.get("msg")

    # A clear message that names the problem ...
    assert result.get("failed") is True
    assert isinstance(message, str) and message.strip(), result
    for expected in case.expect:
        expected = expected.replace("@ARN@", outcome["arn"])
        assert expected in message, f"{expected!r} not in the message {message!r}"
    # ... and not a crash: no traceback, and none of the ways Ansible reports an exception
    # a module did not handle ("MODULE FAILURE" and module_stderr up to ansible-core 2.18,
    # "Module failed: <exception text>" from 2.19 on).
    assert "Traceback" not in message
    assert not message.startswith(("MODULE FAILURE", "Task failed: Module failed")), message
    assert not result.get("module_stderr") and not result.get("module_stdout"), result
    if case.kind != "role":
        assert failure["action"] == (POLICY_MODULE if case.kind == "policy" else INFO_MODULE)
    if case.failed_task:
        assert case.failed_task in failure["task"], failure["task"]

    # No AWS write; input that can be checked locally costs no ACM PCA request at all.
    requests = outcome["requests"]
    assert [request for request in requests if request[0] in WRITES] == []
    if case.local:
        assert requests == []

    # The CA's policy reads back unchanged.
    assert outcome["policy_after"] == outcome["policy_before"]
