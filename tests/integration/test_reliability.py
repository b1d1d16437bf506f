# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Faults survived, errors reported as what they are, and check mode that never writes:
real ansible-playbook runs against moto through the fault proxy, whose log shows every
attempt the modules and the role made.

The retry figures these tests hold the collection to are the ones docs/reliability.md
states: botocore standard retries with 8 attempts in all (throttling back-off of
rand(0, 1) * min(2 ** i, 20) s, so 71 s of waiting at most), and 5 attempts for
ConcurrentModificationException on PutPolicy and DeletePolicy (back-off of
0.5 * 2 ** i s times a jitter in [0.5, 1], so 7.5 s at most).
"""

import os

from tests.support import pca

POLICY_MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ROLE = "pki.acmpca.org_sharing"
ROLE_RESULT_TASK = "Record what the role changed"
WRITES = ("PutPolicy", "DeletePolicy")
ORG_ID = "o-exampleorg1"
PARTNER = "111122223333"

BOTOCORE_ATTEMPTS = 8
# rand(0, 1) * min(1 s * 2 ** i, 20 s) for the 7 waits between 8 attempts.
THROTTLE_BACKOFF_BOUND = sum(min(2 ** attempt, 20) for attempt in range(BOTOCORE_ATTEMPTS - 1))
CONCURRENT_MODIFICATION_ATTEMPTS = 5
# 0.5 s * 2 ** i times a jitter in [0.5, 1] for the 4 waits between 5 attempts.
CONCURRENT_MODIFICATION_BACKOFF = (sum(0.5 * 2 ** attempt for attempt in range(CONCURRENT_MODIFICATION_ATTEMPTS - 1)) * 0.5,
                                   sum(0.5 * 2 ** attempt for attempt in range(CONCURRENT_MODIFICATION_ATTEMPTS - 1)))
DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "docs", "reliability.md")


# ---------------------------------------------------------------- helpers


def attempts(aws, operation):
    """(fault, HTTP status) of every request for ``operation`` the proxy saw, in order."""
    return [(entry["fault"], entry["status"]) for entry in aws.proxy.log()
            if entry["service"] == "ACMPrivateCA" and entry["operation"] == operation]


def pca_operations(aws):
    return aws.proxy.operations()


def writes(aws):
    return [operation for operation in pca_operations(aws) if operation in WRITES]


def span(aws, operation):
    """Seconds from the start of the first request for ``operation`` to the end of the last."""
    entries = [entry for entry in aws.proxy.log() if entry["operation"] == operation]
    return entries[-1]["finished"] - entries[0]["started"]


def policy_task(name, arn, policy=None, state="present"):
    args = {"resource_arn": arn, "state": state}
    if policy is not None:
        args["policy"] = policy
    return {"name": name, POLICY_MODULE: args}


def role_block(name, **role_vars):
    """The role in a block whose rescue records the failure as task ``outcome: <name>``."""
    return {
        "name": name,
        "block": [{"name": "run the role: %s" % name, "ansible.builtin.include_role": {"name": ROLE}, "vars": role_vars}],
        "rescue": [{"name": "outcome: %s" % name, "ansible.builtin.debug": {"msg": {
            "task": "{{ ansible_failed_task.name }}", "result": "{{ ansible_failed_result }}"}}}],
    }


def role_result(run):
    """The ``org_sharing_result`` fact the role left (the role ran once)."""
    entries = [entry for entry in run.results if entry["task"].endswith(ROLE_RESULT_TASK)]
    assert len(entries) == 1, run
    return entries[0]["result"]["ansible_facts"]["org_sharing_result"]


def org_statements(policy):
    return sorted(statement["Sid"] for statement in policy["Statement"] if statement["Sid"].startswith("PkiAcmpcaOrgSharing"))


# ------------------------------------------------------- throttling, 5xx, drops


def test_a_burst_of_5_throttles_on_a_read_is_survived(aws, ansible):
    arn = aws.create_active_ca()
    policy = pca.account_share_policy(arn, PARTNER)
    aws.put_policy(arn, policy)
    aws.proxy.add_fault("GetPolicy", "throttle", times=5)

    run = ansible.playbook(ansible.play([policy_task("converged policy", arn, policy)]))

    assert run.rc == 0, run
    assert run.status("converged policy") == "ok"
    assert attempts(aws, "GetPolicy") == [("throttle", 400)] * 5 + [(None, 200)]
    assert writes(aws) == []
    assert aws.read_policy(arn) == policy


def test_a_burst_of_5_throttles_on_a_write_is_survived(aws, ansible):
    arn = aws.create_active_ca()
    policy = pca.account_share_policy(arn, PARTNER)
    aws.proxy.add_fault("PutPolicy", "throttle", times=5)

    run = ansible.playbook(ansible.play([policy_task("new policy", arn, policy)]))

    assert run.rc == 0, run
    assert run.status("new policy") == "changed"
    assert attempts(aws, "PutPolicy") == [("throttle", 400)] * 5 + [(None, 200)]
    assert aws.read_policy(arn) == policy


def test_5xx_answers_and_dropped_connections_on_every_call_are_survived(aws, ansible):
    """Each call meets a 500, a 503 and a dropped connection, in that order, then gets through."""
    arn = aws.create_active_ca()
    policy = pca.account_share_policy(arn, PARTNER)
    operations = ("ListCertificateAuthorities", "GetPolicy", "DescribeCertificateAuthority", "PutPolicy", "DeletePolicy")
    for operation in operations:
        for fault in ("500", "503", "drop"):
            aws.proxy.add_fault(operation, fault, times=1)

    run = ansible.playbook(ansible.play([
        {"name": "list", INFO_MODULE: {}, "register": "listed"},
        policy_task("put", arn, policy),
        policy_task("delete", arn, state="absent"),
    ]))

    assert run.rc == 0, run
    assert [ca["arn"] for ca in run.result("list")["certificate_authorities"]] == [arn]
    assert run.status("put") == "changed" and run.status("delete") == "changed"
    hiccups = [("500", 500), ("503", 503), ("drop", None)]
    for operation in ("ListCertificateAuthorities", "DescribeCertificateAuthority", "PutPolicy", "DeletePolicy"):
        assert attempts(aws, operation) == hiccups + [(None, 200)], operation
    # GetPolicy: the first read (no policy yet: ResourceNotFound) met the faults; the second went through.
    assert attempts(aws, "GetPolicy") == hiccups + [(None, 400), (None, 200)]
    assert aws.read_policy(arn) is None


def test_persistent_throttling_ends_the_task_within_the_documented_bound(aws, ansible):
    arn = aws.create_active_ca()
    aws.proxy.add_fault("GetPolicy", "throttle")

    run = ansible.playbook(ansible.play([policy_task("throttled forever", arn, pca.account_share_policy(arn, PARTNER))]))

    assert run.rc != 0
    result = run.result("throttled forever")
    message = result["msg"]
    assert message.startswith("GetPolicy failed for %s: ThrottlingException: Rate exceeded" % arn), message
    assert "kept throttling after every retry" in message
    assert result["error"]["code"] == "ThrottlingException"
    assert result["response_metadata"]["http_status_code"] == 400
    assert attempts(aws, "GetPolicy") == [("throttle", 400)] * BOTOCORE_ATTEMPTS
    waited = span(aws, "GetPolicy")
    print("persistent throttling: %d attempts over %.1f s; the ansible-playbook run took %.1f s" % (
        BOTOCORE_ATTEMPTS, waited, run.duration))
    # The bound the docs state (71 s of back-off), plus the requests themselves.
    assert THROTTLE_BACKOFF_BOUND == 71
    with open(DOCS, encoding="utf-8") as handle:
        assert "= 71 s" in handle.read()
    assert waited < THROTTLE_BACKOFF_BOUND + 5
    assert run.duration < THROTTLE_BACKOFF_BOUND + 30
    assert writes(aws) == []


# --------------------------------------------------- ConcurrentModification


def test_concurrent_modification_on_put_and_delete_is_retried(aws, ansible):
    arn = aws.create_active_ca()
    policy = pca.account_share_policy(arn, PARTNER)
    aws.proxy.add_fault("PutPolicy", "concurrent_modification", times=3)
    aws.proxy.add_fault("DeletePolicy", "concurrent_modification", times=3)

    run = ansible.playbook(ansible.play([
        policy_task("put", arn, policy),
        {"name": "read back", INFO_MODULE: {"certificate_authority_arn": arn, "include_policy": True}, "register": "read"},
        policy_task("delete", arn, state="absent"),
    ]))

    assert run.rc == 0, run
    assert run.status("put") == "changed" and run.status("delete") == "changed"
    assert run.result("read back")["certificate_authorities"][0]["policy"] == policy
    conflicts = [("concurrent_modification", 400)] * 3
    for operation in WRITES:
        assert attempts(aws, operation) == conflicts + [(None, 200)], operation
        # Backed off between attempts: at least 0.25 + 0.5 + 1 s in all.
        assert span(aws, operation) >= 1.75
    assert any("AWS also removes this CA from every AWS RAM resource share" in warning
               for warning in run.result("delete").get("warnings", []))
    assert aws.read_policy(arn) is None


def test_persistent_concurrent_modification_gives_up_after_5_attempts(aws, ansible):
    arn = aws.create_active_ca()
    before = pca.account_share_policy(arn, "444455556666")
    aws.put_policy(arn, before)
    aws.proxy.add_fault("PutPolicy", "concurrent_modification")

    run = ansible.playbook(ansible.play([policy_task("conflict forever", arn, pca.account_share_policy(arn, PARTNER))]))

    assert run.rc != 0
    result = run.result("conflict forever")
    assert result["msg"].startswith("PutPolicy failed for %s: ConcurrentModificationException" % arn), result["msg"]
    assert result["error"]["code"] == "ConcurrentModificationException"
    assert attempts(aws, "PutPolicy") == [("concurrent_modification", 400)] * CONCURRENT_MODIFICATION_ATTEMPTS
    shortest, longest = CONCURRENT_MODIFICATION_BACKOFF
    assert shortest <= span(aws, "PutPolicy") < longest + 2
    assert aws.read_policy(arn) == before


# ----------------------------------------------------------- AccessDenied


def test_access_denied_is_reported_as_such_and_never_read_as_no_policy(aws, ansible):
    arn = aws.create_active_ca()
    policy = pca.account_share_policy(arn, PARTNER)
    aws.put_policy(arn, policy)
    aws.proxy.add_fault("GetPolicy", "access_denied")

    run = ansible.playbook(ansible.play([
        # Read as "no policy", absent would report ok and present would write.
        dict(policy_task("absent", arn, state="absent"), ignore_errors=True),
        dict(policy_task("present", arn, pca.account_share_policy(arn, "444455556666")), ignore_errors=True),
        {"name": "info", INFO_MODULE: {"include_policy": True}, "register": "info"},
        role_block("role", org_sharing_organization_id=ORG_ID),
    ]))

    for task in ("absent", "present"):
        assert run.status(task) == "failed", run
        result = run.result(task)
        assert result["msg"].startswith("GetPolicy failed for %s: AccessDeniedException: User: " % arn), result["msg"]
        assert "not authorized to perform: acm-pca:GetPolicy" in result["msg"]
        assert result["error"]["code"] == "AccessDeniedException"
        assert "not found" not in result["msg"]
    # acmpca_info reports it on the CA concerned, and does not claim the CA has no policy.
    [described] = run.result("info")["certificate_authorities"]
    assert described["policy"] is None
    assert described["policy_error"]["code"] == "AccessDeniedException"
    # The role refuses to touch a policy it could not read.
    [outcome] = [entry["result"]["msg"] for entry in run.results if entry["task"] == "outcome: role"]
    assert "the policy of %s could not be read" % arn in outcome["result"]["msg"]
    assert "AccessDeniedException" in outcome["result"]["msg"]
    # AccessDenied is an answer, not a hiccup: one request per read, never retried.
    assert attempts(aws, "GetPolicy") == [("access_denied", 400)] * 4
    assert "DescribeCertificateAuthority" not in pca_operations(aws)
    assert writes(aws) == []
    assert aws.read_policy(arn) == policy


# -------------------------------------------------------------- check mode


def test_check_mode_never_sends_put_or_delete_from_the_module(aws, ansible):
    bare = aws.create_active_ca(common_name="no policy yet")
    shared = aws.create_active_ca(common_name="shared")
    policy = pca.account_share_policy(shared, PARTNER)
    aws.put_policy(shared, policy)
    wanted = pca.account_share_policy(bare, PARTNER)

    run = ansible.playbook(ansible.play([
        policy_task("put on a bare CA", bare, wanted),
        policy_task("replace", shared, pca.account_share_policy(shared, "444455556666")),
        policy_task("delete", shared, state="absent"),
        {"name": "info", INFO_MODULE: {"include_policy": True}},
    ]), check=True, diff=True)

    assert run.rc == 0, run
    assert writes(aws) == []
    for task in ("put on a bare CA", "replace", "delete"):
        assert run.status(task) == "changed", task
    assert run.result("put on a bare CA")["diff"]["after"] == wanted
    assert run.result("delete")["diff"]["before"] == policy and run.result("delete")["diff"]["after"] == {}
    assert any(warning.startswith("Would delete the policy of %s" % shared) for warning in run.result("delete")["warnings"])
    assert set(pca_operations(aws)) == {"GetPolicy", "DescribeCertificateAuthority", "ListCertificateAuthorities"}
    assert aws.read_policy(bare) is None
    assert aws.read_policy(shared) == policy


def test_check_mode_never_sends_put_or_delete_from_the_role(aws, ansible):
    bare = aws.create_active_ca(common_name="no policy yet")
    foreign = aws.create_active_ca(common_name="foreign statements")
    foreign_policy = pca.account_share_policy(foreign, PARTNER)
    aws.put_policy(foreign, foreign_policy)
    owned = aws.create_active_ca(common_name="shared by the role")
    owned_policy = pca.org_share_policy(owned, ORG_ID)
    owned_policy["Statement"][0]["Sid"], owned_policy["Statement"][1]["Sid"] = "PkiAcmpcaOrgSharingRead", "PkiAcmpcaOrgSharingIssue"
    aws.put_policy(owned, owned_policy)

    run = ansible.playbook(ansible.play([
        # Every CA would change: two get the statements, one gets them for another organization.
        {"name": "share with another organization", "ansible.builtin.include_role": {"name": ROLE},
         "vars": {"org_sharing_organization_id": "o-anotherorg1"}},
        {"name": "what present would change", "ansible.builtin.set_fact": {"present_result": "{{ org_sharing_result }}"}},
        # Only the CA that holds the role's statements would change.
        {"name": "stop sharing", "ansible.builtin.include_role": {"name": ROLE},
         "vars": {"org_sharing_organization_id": ORG_ID, "org_sharing_state": "absent"}},
        {"name": "what absent would change", "ansible.builtin.set_fact": {"absent_result": "{{ org_sharing_result }}"}},
    ]), check=True, diff=True)

    assert run.rc == 0, run
    assert writes(aws) == []
    present = run.result("what present would change")["ansible_facts"]["present_result"]
    absent = run.result("what absent would change")["ansible_facts"]["absent_result"]
    assert sorted(present["changed_certificate_authority_arns"]) == sorted([bare, foreign, owned])
    assert absent["changed_certificate_authority_arns"] == [owned]
    assert aws.read_policy(bare) is None
    assert aws.read_policy(foreign) == foreign_policy
    assert aws.read_policy(owned) == owned_policy
    # What docs/reliability.md says a check run of the role costs: one listing and one
    # GetPolicy per CA, then one more GetPolicy for each CA that would change (the read
    # acmpca_policy itself makes).
    operations = pca_operations(aws)
    assert operations.count("ListCertificateAuthorities") == 2
    assert operations.count("GetPolicy") == (3 + 3) + (3 + 1)


# ------------------------------------------------------------ the role, faulted


def test_the_role_rides_out_throttling_5xx_and_conflicts(aws, ansible):
    arns = [aws.create_active_ca(common_name="org CA %d" % index) for index in range(2)]
    aws.proxy.add_fault("ListCertificateAuthorities", "throttle", times=2)
    aws.proxy.add_fault("GetPolicy", "503", times=2)
    aws.proxy.add_fault("PutPolicy", "concurrent_modification", times=2)

    run = ansible.playbook(ansible.play([{"name": "share", "ansible.builtin.include_role": {"name": ROLE},
                                          "vars": {"org_sharing_organization_id": ORG_ID}}]))

    assert run.rc == 0, run
    assert sorted(role_result(run)["changed_certificate_authority_arns"]) == sorted(arns)
    assert [fault for fault, _status in attempts(aws, "ListCertificateAuthorities")] == ["throttle", "throttle", None]
    assert [fault for fault, _status in attempts(aws, "PutPolicy")].count("concurrent_modification") == 2
    for arn in arns:
        assert org_statements(aws.read_policy(arn)) == ["PkiAcmpcaOrgSharingIssue", "PkiAcmpcaOrgSharingRead"]
