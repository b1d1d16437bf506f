# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets stay secret: a secret key and a session token passed as options never show in
the output of an ansible-playbook run at -vvvv, nor in any task result (registered or
recorded), on success and on failure, for both modules and the role."""

import json

from pki_acmpca_emulator import pca

POLICY_MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ROLE = "pki.acmpca.org_sharing"
NO_LOG_PLACEHOLDER = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
# A leak of any 12 characters in a row of a secret counts.
WINDOW = 12


def windows(secret, size=WINDOW):
    return {secret[start:start + size] for start in range(len(secret) - size + 1)}


def leaks(text, secret):
    return sorted(window for window in windows(secret) if window in text)


def test_secret_key_and_session_token_never_show_at_vvvv(aws, ansible):
    # Real STS credentials from moto: the calls below really run as that account.
    account = aws.assume(pca.random_account_id())
    credentials = account.credentials
    secret_key, session_token = credentials["aws_secret_access_key"], credentials["aws_session_token"]
    assert len(secret_key) >= 40 and len(session_token) >= 100
    arn = aws.create_active_ca(account_id=account.account_id)
    policy = pca.account_share_policy(arn, "111122223333")
    options = dict(account.module_args)
    aliases = {"aws_access_key_id": options["access_key"], "aws_secret_access_key": secret_key, "aws_session_token": session_token}
    aws.proxy.add_fault("DeletePolicy", "access_denied", times=1)

    tasks = [
        dict({"name": "apply with keys and token as options", POLICY_MODULE: dict(options, resource_arn=arn, policy=policy),
              "register": "applied"}),
        dict({"name": "read with the aliases", INFO_MODULE: dict(aliases, certificate_authority_arn=arn, include_policy=True),
              "register": "read"}),
        dict({"name": "AWS refuses", POLICY_MODULE: dict(options, resource_arn=arn, state="absent"), "register": "refused",
              "ignore_errors": True}),
        dict({"name": "bad input", POLICY_MODULE: dict(options, resource_arn=arn, policy='{"Statement": '),
              "register": "bad_input", "ignore_errors": True}),
        {"name": "show what was registered", "ansible.builtin.debug": {"var": "[applied, read, refused, bad_input]"}},
    ]
    plays = [
        ansible.play(tasks, name="modules"),
        # The role takes its connection from module_defaults.
        ansible.play([{"name": "share", "ansible.builtin.include_role": {"name": ROLE},
                       "vars": {"org_sharing_organization_id": "o-exampleorg1", "org_sharing_state": "absent"}}], name="role"),
    ]
    plays[1]["module_defaults"]["group/pki.acmpca.acmpca"].update(options)

    run = ansible.playbook(plays, verbosity=4, diff=True)

    # The run did what it says: it really ran as the assumed account, and failed where meant to.
    assert run.rc == 0, run
    assert run.status("apply with keys and token as options") == "changed"
    assert aws.read_policy(arn) == policy
    assert run.status("AWS refuses") == "failed" and "AccessDeniedException" in run.result("AWS refuses")["msg"]
    assert run.status("bad input") == "failed"
    assert "-vvvv" in run.command
    assert {entry["account_id"] for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"} == {account.account_id}
    # Neither secret, nor any 12 characters of one, anywhere ...
    recorded = json.dumps(run.results)
    for name, secret in (("secret key", secret_key), ("session token", session_token)):
        for where, text in (("stdout", run.stdout), ("stderr", run.stderr), ("recorded results", recorded)):
            assert leaks(text, secret) == [], f"{name} leaked in {where}"
    # ... though the output does show module arguments (the access key is no secret): the
    # secrets were passed, and masked.
    assert options["access_key"] in run.stdout
    for task in ("apply with keys and token as options", "read with the aliases", "AWS refuses", "bad input"):
        invocation = run.result(task)["invocation"]["module_args"]
        assert invocation["secret_key"] == NO_LOG_PLACEHOLDER and invocation["session_token"] == NO_LOG_PLACEHOLDER, task
