# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pki.acmpca.acmpca_info, end to end: real ansible / ansible-playbook runs against moto
(with the cross-account double) through the fault proxy, whose log shows every ACM PCA
call the module made.

Each ``ansible-playbook`` run and each module task costs a second or more of CPU, so one
run reads one set of CAs in every way. Argument checks, aliases, an account without CAs,
a CA that does not exist and check mode are proven in-process by
tests/unit/plugins/modules/test_acmpca_info.py."""

import datetime
import re

import pytest

from pki_acmpca_emulator import pca
from pki_acmpca_emulator.recording_forwarder import RecordingForwarder

MODULE = "pki.acmpca.acmpca_info"
OWNER = "444455556666"
ORG_ID = "o-a1b2c3d4e5"
# AWS answers at most 100 CAs a page, whatever MaxResults asks (moto honours MaxResults). A
# smaller page proves the same (the module follows NextToken after a page shorter than asked)
# without creating 100 CAs; the unit tests page through 130 CAs at AWS's 100.
PAGE_LIMIT = 10
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_KEYS = ("created_at", "last_state_change_at", "not_before", "not_after")


def info_task(name, args=None, **options):
    task = {"name": name, MODULE: dict(args or {})}
    task.update(options)
    return task


def cas_of(run, name):
    return run.result(name)["certificate_authorities"]


def by_arn(cas):
    return {ca["arn"]: ca for ca in cas}


def operations(aws):
    return aws.proxy.operations()


def most_at_once(aws, operation):
    """The most ``operation`` requests the proxy had in hand at once (from its log's times)."""
    events = sorted([(entry["started"], 1) for entry in aws.proxy.log() if entry["operation"] == operation]
                    + [(entry["finished"], -1) for entry in aws.proxy.log() if entry["operation"] == operation])
    most = current = 0
    for _moment, step in events:
        current += step
        most = max(most, current)
    return most


def non_snake_case_keys(value, path="ca"):
    """Every dict key under ``value`` that is not snake_case, with where it is."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not SNAKE_CASE.match(key):
                found.append(f"{path}.{key}")
            found.extend(non_snake_case_keys(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(non_snake_case_keys(item, "%s[%d]" % (path, index)))
    return found


def cap_list_page_size(operation, payload):
    """What AWS does, at a smaller page: ListCertificateAuthorities answers at most PAGE_LIMIT CAs a page."""
    if operation == "ListCertificateAuthorities":
        payload["MaxResults"] = min(payload.get("MaxResults", PAGE_LIMIT), PAGE_LIMIT)
        return payload
    return None


# ---------------------------------------------------------------- listing


@pytest.mark.compat
def test_adhoc_command_lists_the_accounts_cas(aws, ansible):
    active = aws.create_active_ca()
    pending = aws.create_pending_ca()

    run = ansible.adhoc(MODULE, f"endpoint_url={aws.endpoint_url} region={aws.region}")

    assert run.rc == 0, run
    assert run.status() == "ok", run
    listed = by_arn(run.result()["certificate_authorities"])
    assert sorted(listed) == sorted([active, pending])
    assert (listed[active]["status"], listed[pending]["status"]) == ("ACTIVE", "PENDING_CERTIFICATE")
    assert run.result()["changed"] is False
    assert operations(aws) == ["ListCertificateAuthorities"]


# ---------------------------------------------------------------- one set of CAs, read every way


def test_every_way_of_reading_one_accounts_cas_and_those_another_account_shares_with_it(aws, ansible):
    # This account: two shared CAs with tags, ten plain ones. Another account: one CA shared with this one, one not.
    org_shared = aws.create_active_ca(common_name="org shared", tags={"Team": "pki", "CostCenter": "42"})
    account_shared = aws.create_active_ca(common_name="account shared", tags={"env": "test"})
    plain = [aws.create_pending_ca(common_name="plain %d" % index) for index in range(10)]
    created = [org_shared, account_shared] + plain
    policies = {org_shared: pca.org_share_policy(org_shared, ORG_ID), account_shared: pca.account_share_policy(account_shared, "111122223333")}
    for arn, policy in policies.items():
        aws.put_policy(arn, policy)
    shared = aws.create_active_ca(common_name="shared with us", tags={"shared": "yes"}, account_id=OWNER)
    aws.put_policy(shared, pca.account_share_policy(shared, pca.DEFAULT_ACCOUNT_ID))
    aws.create_active_ca(common_name="not shared", account_id=OWNER)
    own = plain[0]
    # Rules apply in order, one use each. Real AWS may refuse GetPolicy on another account's
    # CA: the first GetPolicy (first task) is refused that way. The next 8 GetPolicy calls
    # (second task) meet at a barrier: a pool of 8 reads gets all of them in flight at once,
    # whatever the machine's load; a larger bound would show more than 8 in flight. (ListTags runs
    # beside them, at most 8 at once of its own.)
    aws.proxy.add_fault("GetPolicy", "access_denied", times=1)
    aws.proxy.add_fault("GetPolicy", "barrier", times=8)
    read = {"include_policy": True, "include_tags": True}
    capped = RecordingForwarder(aws.endpoint_url, rewrite=cap_list_page_size)
    capped.start()
    try:
        run = ansible.playbook(ansible.play([
            info_task("shared, GetPolicy denied", {"resource_owner": "OTHER_ACCOUNTS", "include_policy": True}),
            info_task("read", read),
            info_task("shared, through the double", dict(read, resource_owner="OTHER_ACCOUNTS")),
            info_task("shared CA by its ARN", {"certificate_authority_arn": shared, "include_policy": True}),
            info_task("own CA by its ARN", {"certificate_authority_arn": own, "include_policy": True}),
            info_task("list, pages of %d" % PAGE_LIMIT, {"endpoint_url": capped.url}),
        ]))
    finally:
        capped.stop()

    assert run.rc == 0, run
    # Policies and tags, read concurrently in a bounded pool.
    assert run.status("read") == "ok"
    listed = by_arn(cas_of(run, "read"))
    assert sorted(listed) == sorted(created)
    assert listed[org_shared]["policy"] == policies[org_shared]
    assert listed[org_shared]["policy"]["Statement"][0]["Condition"]["StringEquals"]["aws:PrincipalOrgID"] == ORG_ID
    assert listed[account_shared]["policy"] == policies[account_shared]
    assert listed[org_shared]["tags"] == {"Team": "pki", "CostCenter": "42"}
    assert listed[account_shared]["tags"] == {"env": "test"}
    for arn in plain:
        assert listed[arn]["policy"] is None and listed[arn]["tags"] == {}
        assert "policy_error" not in listed[arn] and "tags_error" not in listed[arn]
    assert most_at_once(aws, "GetPolicy") == 8 and most_at_once(aws, "ListTags") <= 8, aws.proxy.log()
    # Every page is read; each CA has snake_case keys, ISO dates and its owner; another account's CAs are not listed.
    pages = cas_of(run, "list, pages of %d" % PAGE_LIMIT)
    assert len(pages) == len(created) == 12
    assert sorted(ca["arn"] for ca in pages) == sorted(created)
    assert [b"NextToken" in request["body"] for request in capped.requests] == [False, True]
    for ca in pages:
        assert non_snake_case_keys(ca) == [], ca
        assert ca["owner_account"] == pca.DEFAULT_ACCOUNT_ID
        assert ca["type"] == "ROOT"
        assert ca["certificate_authority_configuration"]["key_algorithm"] == "RSA_2048"
        for key in DATE_KEYS:
            if key in ca:
                assert isinstance(ca[key], str), (key, ca[key])
                assert datetime.datetime.fromisoformat(ca[key]).tzinfo is not None, (key, ca[key])
        assert "created_at" in ca
    active_ca = by_arn(pages)[org_shared]
    assert active_ca["status"] == "ACTIVE"
    assert datetime.datetime.fromisoformat(active_ca["not_before"]) < datetime.datetime.fromisoformat(active_ca["not_after"])
    assert active_ca["certificate_authority_configuration"]["subject"]["common_name"] == "org shared"
    # OTHER_ACCOUNTS lists what another account shares; a policy AWS refuses to show does not fail the task.
    denied = cas_of(run, "shared, GetPolicy denied")
    assert [(ca["arn"], ca["owner_account"], ca["policy"]) for ca in denied] == [(shared, OWNER, None)]
    assert denied[0]["policy_error"]["code"] == "AccessDeniedException"
    assert "GetPolicy" in denied[0]["policy_error"]["msg"] and shared in denied[0]["policy_error"]["msg"]
    # The double keeps GetPolicy owner-only and answers ResourceNotFound, which the module reads as "no policy".
    through_double = cas_of(run, "shared, through the double")
    assert [(ca["arn"], ca["owner_account"], ca["policy"], ca["tags"]) for ca in through_double] == [(shared, OWNER, None, {"shared": "yes"})]
    # Whose CA it is decides, not how it was found: by ARN, another account's unreadable
    # policy is policy_error with AWS's own answer, and the caller's own CA is "no policy".
    by_arn_shared = cas_of(run, "shared CA by its ARN")
    assert [(ca["arn"], ca["owner_account"], ca["policy"]) for ca in by_arn_shared] == [(shared, OWNER, None)]
    assert by_arn_shared[0]["policy_error"]["code"] == "ResourceNotFoundException"
    assert f"a CA of account {OWNER}" in by_arn_shared[0]["policy_error"]["msg"]
    by_arn_own = cas_of(run, "own CA by its ARN")
    assert [(ca["arn"], ca["owner_account"], ca["policy"]) for ca in by_arn_own] == [(own, pca.DEFAULT_ACCOUNT_ID, None)]
    assert "policy_error" not in by_arn_own[0]
    calls = operations(aws)
    reads = 2 * len(created)
    assert calls[:3] == ["ListCertificateAuthorities", "GetPolicy", "ListCertificateAuthorities"]
    assert sorted(calls[3:3 + reads]) == ["GetPolicy"] * 12 + ["ListTags"] * 12                          # read
    assert calls[3 + reads] == "ListCertificateAuthorities"
    assert sorted(calls[4 + reads:6 + reads]) == ["GetPolicy", "ListTags"]                               # through the double
    assert calls[6 + reads:] == ["DescribeCertificateAuthority", "GetPolicy", "DescribeCertificateAuthority", "GetPolicy",
                                 "ListCertificateAuthorities", "ListCertificateAuthorities"]             # 12 CAs, 2 pages
    # STS is asked only by the two tasks that named a CA by ARN and found no policy, once each.
    assert aws.proxy.operations("sts") == ["GetCallerIdentity", "GetCallerIdentity"]
