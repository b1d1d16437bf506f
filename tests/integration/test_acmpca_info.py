# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pki.acmpca.acmpca_info, end to end: real ansible / ansible-playbook runs against moto
(with the cross-account double) through the fault proxy, whose log shows every ACM PCA
call the module made."""

import datetime
import re

import pytest

from tests.support import pca
from tests.support.recording_forwarder import RecordingForwarder

MODULE = "pki.acmpca.acmpca_info"
OWNER = "444455556666"
ORG_ID = "o-a1b2c3d4e5"
MISSING_CA_ID = "00000000-1111-2222-3333-444444444444"
# AWS answers at most this many CAs a page, whatever MaxResults asks (moto honours MaxResults).
AWS_PAGE_LIMIT = 100
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_KEYS = ("created_at", "last_state_change_at", "not_before", "not_after")


def info_task(name, args=None, **options):
    task = {"name": name, MODULE: dict(args or {})}
    task.update(options)
    return task


def cas_of(run, name):
    return run.result(name)["certificate_authorities"]


def by_arn(cas):
    return dict((ca["arn"], ca) for ca in cas)


def pca_calls(aws):
    return [(entry["operation"], entry["arn"]) for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def operations(aws):
    return aws.proxy.operations()


def non_snake_case_keys(value, path="ca"):
    """Every dict key under ``value`` that is not snake_case, with where it is."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not SNAKE_CASE.match(key):
                found.append("%s.%s" % (path, key))
            found.extend(non_snake_case_keys(item, "%s.%s" % (path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(non_snake_case_keys(item, "%s[%d]" % (path, index)))
    return found


def cap_list_page_size(operation, payload):
    """What AWS does: ListCertificateAuthorities answers at most 100 CAs a page."""
    if operation == "ListCertificateAuthorities":
        payload["MaxResults"] = min(payload.get("MaxResults", AWS_PAGE_LIMIT), AWS_PAGE_LIMIT)
        return payload
    return None


# ---------------------------------------------------------------- listing


@pytest.mark.compat
def test_adhoc_command_lists_the_accounts_cas(aws, ansible):
    active = aws.create_active_ca()
    pending = aws.create_pending_ca()

    run = ansible.adhoc(MODULE, "endpoint_url=%s region=%s" % (aws.endpoint_url, aws.region))

    assert run.rc == 0, run
    assert run.status() == "ok", run
    listed = by_arn(run.result()["certificate_authorities"])
    assert sorted(listed) == sorted([active, pending])
    assert (listed[active]["status"], listed[pending]["status"]) == ("ACTIVE", "PENDING_CERTIFICATE")
    assert run.result()["changed"] is False
    assert operations(aws) == ["ListCertificateAuthorities"]


def test_an_account_without_cas_gets_an_empty_list(aws, ansible):
    aws.create_pending_ca(account_id=OWNER)  # another account's CA, not shared

    run = ansible.playbook(ansible.play([info_task("list")]))

    assert run.rc == 0, run
    assert cas_of(run, "list") == []
    assert operations(aws) == ["ListCertificateAuthorities"]


def test_every_page_is_read_and_each_ca_has_snake_case_keys_iso_dates_and_its_owner(aws, ansible):
    active = aws.create_active_ca(common_name="active root")
    created = [active] + [aws.create_pending_ca(common_name="pending %d" % index) for index in range(109)]
    capped = RecordingForwarder(aws.endpoint_url, rewrite=cap_list_page_size)
    capped.start()
    try:
        run = ansible.playbook(ansible.play([info_task("list", {"endpoint_url": capped.url})]))
    finally:
        capped.stop()

    assert run.rc == 0, run
    listed = cas_of(run, "list")
    assert len(listed) == len(created) == 110
    assert sorted(ca["arn"] for ca in listed) == sorted(created)
    # 110 CAs at 100 a page: the module followed NextToken to the second page.
    assert operations(aws) == ["ListCertificateAuthorities"] * 2
    assert [b"NextToken" in request["body"] for request in capped.requests] == [False, True]
    for ca in listed:
        assert non_snake_case_keys(ca) == [], ca
        assert ca["owner_account"] == pca.DEFAULT_ACCOUNT_ID
        assert ca["type"] == "ROOT"
        assert ca["certificate_authority_configuration"]["key_algorithm"] == "RSA_2048"
        for key in DATE_KEYS:
            if key in ca:
                assert isinstance(ca[key], str), (key, ca[key])
                assert datetime.datetime.fromisoformat(ca[key]).tzinfo is not None, (key, ca[key])
        assert "created_at" in ca
    active_ca = by_arn(listed)[active]
    assert active_ca["status"] == "ACTIVE"
    assert datetime.datetime.fromisoformat(active_ca["not_before"]) < datetime.datetime.fromisoformat(active_ca["not_after"])
    assert active_ca["certificate_authority_configuration"]["subject"]["common_name"] == "active root"


# ---------------------------------------------------------------- one CA


def test_one_ca_is_described_by_certificate_authority_arn_or_arn_and_a_missing_one_gives_an_empty_list(aws, ansible):
    arn, other = aws.create_active_cas(2)
    missing = arn.rsplit("/", 1)[0] + "/" + MISSING_CA_ID
    tasks = [
        info_task("certificate_authority_arn", {"certificate_authority_arn": arn}),
        info_task("arn", {"arn": other}),
        info_task("missing", {"certificate_authority_arn": missing}),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    assert [(ca["arn"], ca["status"], ca["owner_account"]) for ca in cas_of(run, "certificate_authority_arn")] == [
        (arn, "ACTIVE", pca.DEFAULT_ACCOUNT_ID)]
    assert [ca["arn"] for ca in cas_of(run, "arn")] == [other]
    assert cas_of(run, "missing") == []
    assert pca_calls(aws) == [("DescribeCertificateAuthority", arn), ("DescribeCertificateAuthority", other),
                              ("DescribeCertificateAuthority", missing)]


def test_bad_arn_and_bad_resource_owner_fail_naming_the_option_before_any_call(aws, ansible):
    aws.create_active_ca()
    tasks = [
        info_task("bad arn", {"arn": "arn:aws:acm:us-east-1:123456789012:certificate/%s" % MISSING_CA_ID}, ignore_errors=True),
        info_task("bad resource_owner", {"resource_owner": "EVERYONE"}, ignore_errors=True),
    ]

    run = ansible.playbook(ansible.play(tasks))

    for name, option in (("bad arn", "certificate_authority_arn"), ("bad resource_owner", "resource_owner")):
        assert run.status(name) == "failed", (name, run)
        assert option in run.result(name)["msg"], run.result(name)["msg"]
    assert "acm-pca" in run.result("bad arn")["msg"]
    assert aws.proxy.log() == []


# ---------------------------------------------------------------- policies and tags


def test_policies_and_tags_are_read_concurrently_in_a_bounded_pool_and_check_mode_changes_nothing(aws, ansible):
    org_shared = aws.create_active_ca(common_name="org shared", tags={"Team": "pki", "CostCenter": "42"})
    account_shared = aws.create_active_ca(common_name="account shared", tags={"env": "test"})
    plain = [aws.create_pending_ca(common_name="plain %d" % index) for index in range(10)]
    policies = {org_shared: pca.org_share_policy(org_shared, ORG_ID), account_shared: pca.account_share_policy(account_shared, "111122223333")}
    for arn, policy in policies.items():
        aws.put_policy(arn, policy)
    # The first 8 GetPolicy calls meet at a barrier: a pool of 8 reads gets all of them in flight
    # at once, whatever the machine's load; a larger pool would show more than 8 in flight.
    aws.proxy.add_fault("GetPolicy", "barrier", times=8)
    args = {"include_policy": True, "include_tags": True}

    run = ansible.playbook(ansible.play([info_task("read", args), info_task("read in check mode", args, check_mode=True)]))

    assert run.rc == 0, run
    assert (run.status("read"), run.status("read in check mode")) == ("ok", "ok")
    assert cas_of(run, "read in check mode") == cas_of(run, "read")
    listed = by_arn(cas_of(run, "read"))
    assert sorted(listed) == sorted([org_shared, account_shared] + plain)
    assert listed[org_shared]["policy"] == policies[org_shared]
    assert listed[org_shared]["policy"]["Statement"][0]["Condition"]["StringEquals"]["aws:PrincipalOrgID"] == ORG_ID
    assert listed[account_shared]["policy"] == policies[account_shared]
    assert listed[org_shared]["tags"] == {"Team": "pki", "CostCenter": "42"}
    assert listed[account_shared]["tags"] == {"env": "test"}
    for arn in plain:
        assert listed[arn]["policy"] is None and listed[arn]["tags"] == {}
        assert "policy_error" not in listed[arn] and "tags_error" not in listed[arn]
    calls = operations(aws)
    assert (calls.count("ListCertificateAuthorities"), calls.count("GetPolicy"), calls.count("ListTags")) == (2, 24, 24)
    assert aws.proxy.stats()["max_in_flight"] == 8, aws.proxy.stats()


def test_other_accounts_lists_cas_shared_with_this_account_and_an_unreadable_policy_does_not_fail_the_task(aws, ansible):
    shared = aws.create_active_ca(common_name="shared with us", tags={"shared": "yes"}, account_id=OWNER)
    aws.put_policy(shared, pca.account_share_policy(shared, pca.DEFAULT_ACCOUNT_ID))
    aws.create_active_ca(common_name="not shared", account_id=OWNER)
    own = aws.create_active_ca(common_name="our own")
    # Real AWS may refuse GetPolicy on another account's CA: the first GetPolicy is refused that way.
    aws.proxy.add_fault("GetPolicy", "access_denied", times=1)
    tasks = [
        info_task("shared, GetPolicy denied", {"resource_owner": "OTHER_ACCOUNTS", "include_policy": True}),
        info_task("shared, through the double", {"resource_owner": "OTHER_ACCOUNTS", "include_policy": True, "include_tags": True}),
        info_task("shared CA by its ARN", {"certificate_authority_arn": shared, "include_policy": True}),
        info_task("own CA by its ARN", {"certificate_authority_arn": own, "include_policy": True}),
        info_task("own", {}),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
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
    assert "a CA of account %s" % OWNER in by_arn_shared[0]["policy_error"]["msg"]
    by_arn_own = cas_of(run, "own CA by its ARN")
    assert [(ca["arn"], ca["policy"]) for ca in by_arn_own] == [(own, None)] and "policy_error" not in by_arn_own[0]
    assert [ca["arn"] for ca in cas_of(run, "own")] == [own]
    calls = operations(aws)
    assert calls[:3] == ["ListCertificateAuthorities", "GetPolicy", "ListCertificateAuthorities"]
    assert sorted(calls[3:5]) == ["GetPolicy", "ListTags"]  # read concurrently
    assert calls[5:] == ["DescribeCertificateAuthority", "GetPolicy", "DescribeCertificateAuthority", "GetPolicy",
                         "ListCertificateAuthorities"]
    # STS is asked only by the two tasks that named a CA by ARN and found no policy, once each.
    assert aws.proxy.operations("sts") == ["GetCallerIdentity", "GetCallerIdentity"]
