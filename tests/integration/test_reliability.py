# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Faults survived, errors reported as what they are, and check mode that never writes:
real ansible-playbook runs against moto through the fault proxy, whose log shows every
attempt the modules and the role made.

These runs prove the wiring end to end, cheaply: short bursts of faults, and the one
task meant to meet throttling on every attempt lowers its attempts through
``aws_config``.  The bounds docs/reliability.md states (botocore standard retries with 8
attempts in all, so a burst of up to 7 throttles ridden out and 71 s of back-off at most;
5 attempts for ConcurrentModificationException on PutPolicy and DeletePolicy, 3.75 s to
7.5 s of back-off) are proven without waiting by the unit tests in
tests/unit/plugins/module_utils/test_retries.py and test_certificate_authority.py.
No assertion here depends on how long anything took.

Runs that need faults of their own (or operation counts of their own) in one playbook
act as different AWS accounts (AssumeRole credentials): the proxy scopes fault rules and
tells log entries apart by account.
"""

from pki_acmpca_emulator import pca

POLICY_MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ROLE = "pki.acmpca.org_sharing"
ROLE_RESULT_TASK = "Record what the role changed"
WRITES = ("PutPolicy", "DeletePolicy")
ORG_ID = "o-exampleorg1"
PARTNER = "111122223333"
CONCURRENT_MODIFICATION_ATTEMPTS = 5
# The task that meets throttling on every attempt: two attempts, one short back-off.
LOWERED_ATTEMPTS = 2
HICCUPS = ("500", "503", "drop")
HICCUP_ATTEMPTS = [("500", 500), ("503", 503), ("drop", None)]


# ---------------------------------------------------------------- helpers


def pca_entries(aws, access_key=None):
    """The proxy's log of ACM PCA requests, of those signed with ``access_key`` if given."""
    return [entry for entry in aws.proxy.log()
            if entry["service"] == "ACMPrivateCA" and (access_key is None or entry["access_key"] == access_key)]


def attempts(aws, operation, access_key=pca.DUMMY_ACCESS_KEY):
    """(fault, HTTP status) of every request for ``operation`` the proxy saw, in order
    (by default those of the default account's dummy key, which the plays use unless told otherwise)."""
    return [(entry["fault"], entry["status"]) for entry in pca_entries(aws, access_key) if entry["operation"] == operation]


def pca_operations(aws, access_key=None):
    return [entry["operation"] for entry in pca_entries(aws, access_key)]


def writes(aws, access_key=None):
    return [operation for operation in pca_operations(aws, access_key) if operation in WRITES]


def policy_task(name, arn, policy=None, state="present", **options):
    args = {"resource_arn": arn, "state": state}
    if policy is not None:
        args["policy"] = policy
    args.update(options)
    return {"name": name, POLICY_MODULE: args}


def as_account(play, account):
    """``play`` with ``account``'s credentials in its module_defaults."""
    play["module_defaults"]["group/pki.acmpca.acmpca"].update(account.module_args)
    return play


def role_block(name, **role_vars):
    """The role in a block whose rescue records the failure as task ``outcome: <name>``."""
    return {
        "name": name,
        "block": [{"name": f"run the role: {name}", "ansible.builtin.include_role": {"name": ROLE}, "vars": role_vars}],
        "rescue": [{"name": f"outcome: {name}", "ansible.builtin.debug": {"msg": {
            "task": "{{ ansible_failed_task.name }}", "result": "{{ ansible_failed_result }}"}}}],
    }


def role_result(run):
    """The ``org_sharing_result`` fact the role left (the role ran once)."""
    entries = [entry for entry in run.results if entry["task"].endswith(ROLE_RESULT_TASK)]
    assert len(entries) == 1, run
    return entries[0]["result"]["ansible_facts"]["org_sharing_result"]


def org_statements(policy):
    return sorted(statement["Sid"] for statement in policy["Statement"] if statement["Sid"].startswith("PkiAcmpcaOrgSharing"))


def assert_no_traceback(run, result):
    """A failure the module reported itself (fail_json), not a crash."""
    assert "module_stderr" not in result and "Traceback" not in str(result.get("exception", "")), result
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, run


# ------------------------------ throttling, 5xx, drops, conflicts, AccessDenied


def test_faults_are_ridden_out_errors_reported_as_such_and_persistent_ones_end_the_task(aws, ansible):
    """One run, four plays, each as its own AWS account so that faults and counts are its own:

    1. hiccups: every call the module makes (GetPolicy, DescribeCertificateAuthority,
       PutPolicy, DeletePolicy) meets a 500, a 503 and a dropped connection in a row; the
       read (GetPolicy) and the write (PutPolicy) first meet a burst of 2 throttles;
       PutPolicy and DeletePolicy then meet 2 ConcurrentModifications.  Every task gets through.
    2. the org_sharing role rides out throttling, a 500, a 503 and a dropped connection on
       its listing (ListCertificateAuthorities), 503s on its reads and conflicts on its write.
    3. AccessDenied on GetPolicy is reported as such, never retried and never read as "no
       policy", by both modules and the role.
    4. a write that conflicts on every attempt ends after 5 attempts; a read that is
       throttled on every attempt ends after the configured attempts (2): both with a
       clear failure naming the AWS error, no traceback.
    """
    existing = aws.create_active_ca(common_name="existing policy")
    existing_policy = pca.account_share_policy(existing, PARTNER)
    aws.put_policy(existing, existing_policy)
    bare = aws.create_active_ca(common_name="no policy yet")
    new_policy = pca.account_share_policy(bare, PARTNER)

    role_account = aws.assume(pca.random_account_id())
    org_ca = aws.create_active_ca(common_name="org CA", account_id=role_account.account_id)

    denied_account = aws.assume(pca.random_account_id())
    denied = aws.create_active_ca(common_name="policy not readable", account_id=denied_account.account_id)
    denied_policy = pca.account_share_policy(denied, PARTNER)
    aws.put_policy(denied, denied_policy)

    conflict_account = aws.assume(pca.random_account_id())
    conflicted = aws.create_active_ca(common_name="conflicted", account_id=conflict_account.account_id)
    conflicted_before = pca.account_share_policy(conflicted, "444455556666")
    aws.put_policy(conflicted, conflicted_before)

    throttle_account = aws.assume(pca.random_account_id())
    throttled = aws.create_active_ca(common_name="throttled", account_id=throttle_account.account_id)

    # Rules are tried in the order they were added; a rule with ``times`` is gone once used up.
    # 1. For any account, but play 1 (the default account, the plays' dummy keys) runs first
    # and uses them up, as the attempts checked below show.
    for operation in ("GetPolicy", "PutPolicy"):
        aws.proxy.add_fault(operation, "throttle", times=2)
    for operation in ("GetPolicy", "DescribeCertificateAuthority", "PutPolicy", "DeletePolicy"):
        for fault in HICCUPS:
            aws.proxy.add_fault(operation, fault, times=1)
    for operation in WRITES:
        aws.proxy.add_fault(operation, "concurrent_modification", times=2)
    # 2. The role.
    aws.proxy.add_fault("ListCertificateAuthorities", "throttle", times=2, account_id=role_account.account_id)
    for fault in HICCUPS:
        aws.proxy.add_fault("ListCertificateAuthorities", fault, times=1, account_id=role_account.account_id)
    aws.proxy.add_fault("GetPolicy", "503", times=2, account_id=role_account.account_id)
    aws.proxy.add_fault("PutPolicy", "concurrent_modification", times=2, account_id=role_account.account_id)
    # 3. and 4.: on every request.
    aws.proxy.add_fault("GetPolicy", "access_denied", account_id=denied_account.account_id)
    aws.proxy.add_fault("PutPolicy", "concurrent_modification", account_id=conflict_account.account_id)
    aws.proxy.add_fault("GetPolicy", "throttle", account_id=throttle_account.account_id)

    run = ansible.playbook([
        ansible.play([
            policy_task("converged policy", existing, existing_policy),
            # No policy and nothing to write: only here is DescribeCertificateAuthority asked.
            policy_task("nothing to delete", bare, state="absent"),
            policy_task("new policy", bare, new_policy),
            policy_task("delete", existing, state="absent"),
        ], name="hiccups"),
        as_account(ansible.play([{"name": "share", "ansible.builtin.include_role": {"name": ROLE},
                                  "vars": {"org_sharing_organization_id": ORG_ID}}], name="the role, faulted"), role_account),
        as_account(ansible.play([
            # Read as "no policy", absent would report ok and present would write.
            dict(policy_task("absent, denied", denied, state="absent"), ignore_errors=True),
            dict(policy_task("present, denied", denied, pca.account_share_policy(denied, "444455556666")), ignore_errors=True),
            {"name": "info, denied", INFO_MODULE: {"include_policy": True}, "register": "info"},
            role_block("role, denied", org_sharing_organization_id=ORG_ID),
        ], name="AccessDenied"), denied_account),
        ansible.play([
            dict(policy_task("conflict forever", conflicted, pca.account_share_policy(conflicted, PARTNER),
                             **conflict_account.module_args), ignore_errors=True),
            policy_task("throttled forever", throttled, pca.account_share_policy(throttled, PARTNER),
                        aws_config={"retries": {"mode": "standard", "total_max_attempts": LOWERED_ATTEMPTS}},
                        **throttle_account.module_args),
        ], name="persistent faults"),
    ])

    # The last task failed, as meant; everything before it ran.
    assert run.rc != 0, run
    # Every burst was used up; only the faults meant to last remain.
    assert [rule["account_id"] for rule in aws.proxy.faults()] == [
        denied_account.account_id, conflict_account.account_id, throttle_account.account_id]

    # 1. Hiccups on every call, bursts of throttles on a read and a write, conflicts on both writes.
    assert run.status("converged policy") == "ok" and run.status("nothing to delete") == "ok"
    assert run.status("new policy") == "changed" and run.status("delete") == "changed"
    throttles = [("throttle", 400)] * 2
    conflicts = [("concurrent_modification", 400)] * 2
    # GetPolicy: the read of the converged policy met the burst and the hiccups; the reads of
    # "nothing to delete" and before the put found no policy (ResourceNotFound); the read
    # before the delete went through.
    assert attempts(aws, "GetPolicy") == throttles + HICCUP_ATTEMPTS + [(None, 200), (None, 400), (None, 400), (None, 200)]
    # DescribeCertificateAuthority was asked once, where nothing was written, and met the hiccups;
    # the put followed its read at once (its own answer would have told a missing CA).
    assert attempts(aws, "DescribeCertificateAuthority") == HICCUP_ATTEMPTS + [(None, 200)]
    # Each write: botocore rode out the throttles and hiccups, then AWS answered a conflict,
    # which botocore does not retry; the collection retried the write (one request each).
    assert attempts(aws, "PutPolicy") == throttles + HICCUP_ATTEMPTS + conflicts + [(None, 200)]
    assert attempts(aws, "DeletePolicy") == HICCUP_ATTEMPTS + conflicts + [(None, 200)]
    # The converged policy was only read: the account's only writes were the put on the
    # bare CA and the delete.
    assert {(entry["operation"], entry["arn"]) for entry in pca_entries(aws, pca.DUMMY_ACCESS_KEY) if entry["operation"] in WRITES} \
        == {("PutPolicy", bare), ("DeletePolicy", existing)}
    # The deleted policy held no statement AWS RAM wrote: no warning about RAM shares.
    assert not run.result("delete").get("warnings")
    assert aws.read_policy(bare) == new_policy
    assert aws.read_policy(existing) is None

    # 2. The role, faulted: its listing (acmpca_info) met a burst of throttles and the
    # hiccups and still found the account's CA, which it shared.
    role_key = role_account.module_args["access_key"]
    assert role_result(run)["changed_certificate_authority_arns"] == [org_ca]
    assert attempts(aws, "ListCertificateAuthorities", role_key) == throttles + HICCUP_ATTEMPTS + [(None, 200)]
    assert [fault for fault, _status in attempts(aws, "GetPolicy", role_key)].count("503") == 2
    assert [fault for fault, _status in attempts(aws, "PutPolicy", role_key)].count("concurrent_modification") == 2
    assert org_statements(aws.read_policy(org_ca)) == ["PkiAcmpcaOrgSharingIssue", "PkiAcmpcaOrgSharingRead"]

    # 3. AccessDenied.
    denied_key = denied_account.module_args["access_key"]
    for task in ("absent, denied", "present, denied"):
        assert run.status(task) == "failed", run
        result = run.result(task)
        assert result["msg"].startswith(f"GetPolicy failed for {denied}: AccessDeniedException: User: "), result["msg"]
        assert "not authorized to perform: acm-pca:GetPolicy" in result["msg"]
        assert result["error"]["code"] == "AccessDeniedException"
        assert "not found" not in result["msg"]
        assert_no_traceback(run, result)
    # acmpca_info reports it on the CA concerned, and does not claim the CA has no policy.
    [described] = run.result("info, denied")["certificate_authorities"]
    assert described["policy"] is None
    assert described["policy_error"]["code"] == "AccessDeniedException"
    # The role refuses to touch a policy it could not read.
    [outcome] = [entry["result"]["msg"] for entry in run.results if entry["task"] == "outcome: role, denied"]
    assert f"{denied} (ACTIVE): its policy could not be read" in outcome["result"]["msg"]
    assert "AccessDeniedException" in outcome["result"]["msg"]
    # AccessDenied is an answer, not a hiccup: one request per read, never retried.
    assert attempts(aws, "GetPolicy", denied_key) == [("access_denied", 400)] * 4
    assert "DescribeCertificateAuthority" not in pca_operations(aws, denied_key)
    assert writes(aws, denied_key) == []
    assert aws.read_policy(denied) == denied_policy

    # 4a. A conflict on every attempt: 5 attempts, then a clear failure; the policy is unchanged.
    assert run.status("conflict forever") == "failed"
    result = run.result("conflict forever")
    assert result["msg"].startswith(f"PutPolicy failed for {conflicted}: ConcurrentModificationException"), result["msg"]
    assert result["error"]["code"] == "ConcurrentModificationException"
    assert_no_traceback(run, result)
    assert attempts(aws, "PutPolicy", conflict_account.module_args["access_key"]) == \
        [("concurrent_modification", 400)] * CONCURRENT_MODIFICATION_ATTEMPTS
    assert aws.read_policy(conflicted) == conflicted_before

    # 4b. Throttling on every attempt: the configured attempts, then a clear failure, no write.
    throttle_key = throttle_account.module_args["access_key"]
    assert run.status("throttled forever") == "failed"
    result = run.result("throttled forever")
    message = result["msg"]
    assert message.startswith(f"GetPolicy failed for {throttled}: ThrottlingException: Rate exceeded"), message
    assert "kept throttling after every retry" in message
    assert result["error"]["code"] == "ThrottlingException"
    assert result["response_metadata"]["http_status_code"] == 400
    assert_no_traceback(run, result)
    assert attempts(aws, "GetPolicy", throttle_key) == [("throttle", 400)] * LOWERED_ATTEMPTS
    assert pca_operations(aws, throttle_key) == ["GetPolicy"] * LOWERED_ATTEMPTS


# -------------------------------------------------------------- check mode


def test_check_mode_never_sends_put_or_delete_from_the_module_or_the_role(aws, ansible):
    """One check run: the module in the default account, the role in another (so the role
    sees only its own CAs, and each part's requests can be counted apart)."""
    bare = aws.create_active_ca(common_name="no policy yet")
    shared = aws.create_active_ca(common_name="shared")
    policy = pca.account_share_policy(shared, PARTNER)
    aws.put_policy(shared, policy)
    wanted = pca.account_share_policy(bare, PARTNER)

    role_account = aws.assume(pca.random_account_id())
    role_owner = role_account.account_id
    role_bare = aws.create_active_ca(common_name="no policy yet", account_id=role_owner)
    foreign = aws.create_active_ca(common_name="foreign statements", account_id=role_owner)
    foreign_policy = pca.account_share_policy(foreign, PARTNER)
    aws.put_policy(foreign, foreign_policy)
    owned = aws.create_active_ca(common_name="shared by the role", account_id=role_owner)
    owned_policy = pca.org_share_policy(owned, ORG_ID)
    owned_policy["Statement"][0]["Sid"], owned_policy["Statement"][1]["Sid"] = "PkiAcmpcaOrgSharingRead", "PkiAcmpcaOrgSharingIssue"
    aws.put_policy(owned, owned_policy)

    run = ansible.playbook([
        ansible.play([
            policy_task("put on a bare CA", bare, wanted),
            policy_task("replace", shared, pca.account_share_policy(shared, "444455556666")),
            policy_task("delete", shared, state="absent"),
        ], name="the module"),
        as_account(ansible.play([
            # Every CA would change: two get the statements, one gets them for another organization.
            {"name": "share with another organization", "ansible.builtin.include_role": {"name": ROLE},
             "vars": {"org_sharing_organization_id": "o-anotherorg1"}},
            {"name": "what present would change", "ansible.builtin.set_fact": {"present_result": "{{ org_sharing_result }}"}},
            # Only the CA that holds the role's statements would change.
            {"name": "stop sharing", "ansible.builtin.include_role": {"name": ROLE},
             "vars": {"org_sharing_organization_id": ORG_ID, "org_sharing_state": "absent"}},
            {"name": "what absent would change", "ansible.builtin.set_fact": {"absent_result": "{{ org_sharing_result }}"}},
        ], name="the role"), role_account),
    ], check=True, diff=True)

    assert run.rc == 0, run
    assert writes(aws) == []

    # The module: a put on a CA without a policy, a replacement and a delete, all changed, none sent.
    for task in ("put on a bare CA", "replace", "delete"):
        assert run.status(task) == "changed", task
    assert run.result("put on a bare CA")["diff"][1]["after"] == wanted
    assert run.result("delete")["diff"][1]["before"] == policy and run.result("delete")["diff"][1]["after"] == {}
    # The policy held no statement AWS RAM wrote: no warning about RAM shares; the summary names what would go.
    assert not run.result("delete").get("warnings")
    assert run.result("delete")["statement_changes"] == {"added": [], "removed": [s["Sid"] for s in policy["Statement"]], "changed": []}
    # Only reads, from the module and the role (whose acmpca_info ran in check mode too).
    assert set(pca_operations(aws)) == {"GetPolicy", "DescribeCertificateAuthority", "ListCertificateAuthorities"}
    assert set(pca_operations(aws, pca.DUMMY_ACCESS_KEY)) == {"GetPolicy", "DescribeCertificateAuthority"}
    assert aws.read_policy(bare) is None
    assert aws.read_policy(shared) == policy

    # The role: present, then absent.
    present = run.result("what present would change")["ansible_facts"]["present_result"]
    absent = run.result("what absent would change")["ansible_facts"]["absent_result"]
    assert sorted(present["changed_certificate_authority_arns"]) == sorted([role_bare, foreign, owned])
    assert absent["changed_certificate_authority_arns"] == [owned]
    assert aws.read_policy(role_bare) is None
    assert aws.read_policy(foreign) == foreign_policy
    assert aws.read_policy(owned) == owned_policy
    # What docs/reliability.md says a check run of the role costs: one listing and one
    # GetPolicy per CA, then one more GetPolicy for each CA that would change (the read
    # acmpca_policy itself makes).
    operations = pca_operations(aws, role_account.module_args["access_key"])
    assert operations.count("ListCertificateAuthorities") == 2
    assert operations.count("GetPolicy") == (3 + 3) + (3 + 1)
