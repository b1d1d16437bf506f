# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every bad-input case of tests/support/bad_input_cases.py over the two modules, run
in-process against moto's mock_aws with the connection settings the case has in the
integration matrix: the module fails with a message holding the case's words, makes no
AWS call (input checked locally) or no write (the others), and the CA's policy reads back
unchanged. tests/integration/test_bad_input.py runs a subset through ansible-playbook.
"""


import json

import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_info, acmpca_policy

from pki_acmpca_emulator import pca as pca_support
from tests.support.bad_input_cases import ALL_CASES, WRITES, case_access_key, module_defaults

from ...helpers import REGION

MODULE_CASES = [(index, case) for index, case in enumerate(ALL_CASES) if case.kind != "role"]
# Attempted but never answered: the module names the call it could not make.
UNANSWERED = {"no-credentials": ["GetPolicy"], "unreachable-endpoint": ["GetPolicy"]}


@pytest.mark.parametrize("index, case", [pytest.param(index, case, id=case.id) for index, case in MODULE_CASES])
def test_bad_input_fails_with_its_message_and_changes_nothing(run_module, make_ca, pca, stored_policy, monkeypatch, aws_calls, index, case):
    # aws_calls comes after make_ca and pca: it counts the module's calls, not the set-up's.
    arn = make_ca()
    policy_before = pca_support.account_share_policy(arn, "111122223333")
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(policy_before))
    credentials = {"access_key": case_access_key(index), "secret_key": "case-secret-%03d" % index}
    # mock_aws answers every AWS endpoint: only the unreachable case names one.
    defaults = module_defaults(case, None, REGION, credentials)
    if defaults["endpoint_url"] is None:
        del defaults["endpoint_url"]
    if case.connection == "no_credentials":
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            monkeypatch.delenv(name, raising=False)
    if case.connection == "unreachable":
        # One attempt: the message is the same, without botocore's back-off between retries.
        monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    # module_defaults are defaults: the task's own arguments win.
    args = dict(defaults, **case.args(arn))

    outcome = run_module(acmpca_policy.main if case.kind == "policy" else acmpca_info.main, args)

    message = outcome.result.get("msg")
    assert outcome.failed and outcome.result.get("failed") is True, outcome.result
    assert isinstance(message, str) and message.strip(), outcome.result
    for expected in case.expect:
        expected = expected.replace("@ARN@", arn)
        assert expected in message, f"{expected!r} not in the message {message!r}"
    assert "Traceback" not in message
    assert [operation for operation in aws_calls.operations if operation in WRITES] == []
    if case.local:
        assert aws_calls.operations == UNANSWERED.get(case.id, []), aws_calls.operations
    assert stored_policy(arn) == policy_before
