# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pki.acmpca.org_sharing role, end to end: real ansible-playbook runs against moto
(through the fault proxy, whose log shows every AWS call the role makes), with policies
read back from moto after each run.

Each ansible-playbook run costs seconds of CPU, so each test is one run that imports the
role several times (check mode, apply, check mode, apply, ...) over several CAs, each CA
set up to prove one point. What the filters decide is specified by the unit tests
(tests/unit/plugins/filter); these tests prove the role's tasks, its argument_specs, check
mode through it, and the scale-out example over an inventory."""

import os

import pytest
from botocore.exceptions import ClientError

from pki_acmpca_emulator import pca

ROLE = "pki.acmpca.org_sharing"
INFO_MODULE = "pki.acmpca.acmpca_info"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
RESULT_TASK = "Record what the role changed"
CHANGES_TASK = "Work out which CAs must change"
REFUSAL_TASK = "Stop before any write when a CA cannot be shared"
SETTINGS_TASK = "Check the role's settings and the listed CA ARNs before any AWS call"
APPLY_TASK = "Put the role's statements in place on each CA that must change, from a fresh read of it"
OWNED_SID_PREFIX = "PkiAcmpcaOrgSharing"
READ_SID = f"{OWNED_SID_PREFIX}Read"
ISSUE_SID = f"{OWNED_SID_PREFIX}Issue"
ORG_ID = "o-exampleorg1"
OTHER_ORG_ID = "o-otherorg000"
WRITES = ("PutPolicy", "DeletePolicy")
EXAMPLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "examples")


# ---------------------------------------------------------------- helpers


def role_task(check_mode=False, **role_vars):
    """One run of the role inside a play; in check mode also with diff, as --check --diff would."""
    task = {"ansible.builtin.import_role": {"name": ROLE}, "vars": role_vars}
    if check_mode:
        task.update(check_mode=True, diff=True)
    return task


def rescued(name, task):
    """``task`` in a block whose failure is recorded and rescued, so the play goes on."""
    return {"name": name, "block": [task],
            "rescue": [{"name": f"{name}: refused", "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}}]}


def role_runs(run):
    """The recorded entries of each run of the role, in order: a run ends with its result
    task, or with the task that failed it."""
    runs, current = [], []
    for entry in run.results:
        if not entry["task"].startswith(ROLE):
            continue
        current.append(entry)
        if entry["task"].endswith(RESULT_TASK) or entry["status"] == "failed":
            runs.append(current)
            current = []
    return runs


def role_result(entries):
    """The ``org_sharing_result`` fact one run of the role left."""
    results = [entry for entry in entries if entry["task"].endswith(RESULT_TASK)]
    assert len(results) == 1, entries
    return results[0]["result"]["ansible_facts"]["org_sharing_result"]


def policy_items(entries):
    """The loop items of the role's pki.acmpca.acmpca_policy task that ran (were not skipped)."""
    return [item for entry in entries if entry["task"].endswith(APPLY_TASK)
            for item in entry["result"].get("results", []) if not item.get("skipped")]


def module_actions(entries):
    """The module tasks of the role that ran (an empty loop is recorded as skipped)."""
    return [entry["action"] for entry in entries if entry["action"] in (INFO_MODULE, POLICY_MODULE) and entry["status"] != "skipped"]


def pca_calls(aws, operations=None):
    """(operation, arn) of every ACM PCA request the code under test made, in order."""
    return [(entry["operation"], entry["arn"]) for entry in aws.proxy.log()
            if entry["service"] == "ACMPrivateCA" and (operations is None or entry["operation"] in operations)]


def calls_per_listing(aws):
    """The ACM PCA calls split where each ListCertificateAuthorities starts: one part per run of the role."""
    parts = []
    for operation, arn in pca_calls(aws):
        if operation == "ListCertificateAuthorities":
            parts.append([])
        if parts:
            parts[-1].append((operation, arn))
    return parts


def as_list(value):
    return value if isinstance(value, list) else [value]


def statements_by_sid(policy):
    return {statement.get("Sid"): statement for statement in as_list((policy or {}).get("Statement", []))}


def owned_statements(policy):
    return {sid: statement for sid, statement in statements_by_sid(policy).items()
            if sid and sid.startswith(OWNED_SID_PREFIX)}


def foreign_statements(policy):
    return {sid: statement for sid, statement in statements_by_sid(policy).items()
            if not (sid and sid.startswith(OWNED_SID_PREFIX))}


def assert_shared_with_organization(policy, arn, organization_id, templates=("EndEntityCertificate/V1",), allow_issue=True):
    """The policy carries exactly the documented org-sharing statements, with the role's Sids."""
    owned = owned_statements(policy)
    assert sorted(owned) == sorted([READ_SID, ISSUE_SID] if allow_issue else [READ_SID]), policy

    read = owned[READ_SID]
    assert read["Effect"] == "Allow"
    assert read["Principal"] == "*"
    assert sorted(as_list(read["Action"])) == sorted(pca.READ_ACTIONS)
    assert read["Resource"] == arn
    assert read["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": organization_id}}

    if allow_issue:
        issue = owned[ISSUE_SID]
        assert issue["Effect"] == "Allow"
        assert issue["Principal"] == "*"
        assert as_list(issue["Action"]) == ["acm-pca:IssueCertificate"]
        assert issue["Resource"] == arn
        assert sorted(issue["Condition"]) == ["StringEquals"]
        string_equals = issue["Condition"]["StringEquals"]
        assert as_list(string_equals["aws:PrincipalOrgID"]) == [organization_id]
        assert sorted(as_list(string_equals["acm-pca:TemplateArn"])) == sorted(pca.template_arn(name) for name in templates)
        assert sorted(string_equals) == ["acm-pca:TemplateArn", "aws:PrincipalOrgID"]


def documented_org_policy(arn, organization_id, template="EndEntityCertificate/V1"):
    """The documented org-sharing policy under the role's Sids, spelled the way AWS's guide
    spells it (a plain string for one template), which differs in text from what the role
    renders but not in meaning."""
    policy = pca.org_share_policy(arn, organization_id, template=template)
    policy["Statement"][0]["Sid"] = READ_SID
    policy["Statement"][1]["Sid"] = ISSUE_SID
    policy["Statement"].reverse()
    return policy


def ram_statement(arn):
    """A statement AWS RAM may have written (a RAM-style Sid; customer-managed permissions
    grant RevokeCertificate) that the collection's local policy rules do not know."""
    return {
        "Sid": "7f3e9a1c-external-principals",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
        "Action": ["acm-pca:RevokeCertificate", "acm-pca:GetCertificate"],
        "Resource": arn,
    }


def seen_by(aws, account, arn):
    """What ``account`` sees (straight from moto): the CAs shared with it, and ``arn`` described or None."""
    client = aws.client(credentials=account.credentials)
    listed = [ca["Arn"] for ca in client.list_certificate_authorities(ResourceOwner="OTHER_ACCOUNTS")["CertificateAuthorities"]]
    try:
        described = client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]
    except ClientError:
        described = None
    return listed, described


# ------------------------------------------- sharing, idempotence, statements others own


@pytest.mark.compat
def test_shares_every_active_ca_check_mode_first_then_applies_then_converges_beside_statements_others_own(aws, ansible):
    """One play: a partner's statements put by acmpca_policy (statements by Sid), the role in
    check mode, applied, in check mode again and applied again, then the partner's task again.
    CAs: one holding an older version of the role's statements (another organization, another
    template) beside a statement AWS RAM wrote; one already shared the way AWS's guide spells
    it; one PENDING. (A CA without a policy is shared by the scale-out example below; the
    check-mode diff from no policy is test_acmpca_policy's.)"""
    organization_id, management_account_id = aws.create_organization()
    assert management_account_id == pca.DEFAULT_ACCOUNT_ID  # the account the plays act as
    member = aws.member_account(management_account_id)
    outsider = aws.outsider_account()
    mixed_arn, converged_arn = aws.create_active_cas(2)
    pending_arn = aws.create_pending_ca()
    older = documented_org_policy(mixed_arn, OTHER_ORG_ID, template="EndEntityClientAuthCertificate/V1")
    older["Statement"].append(ram_statement(mixed_arn))
    aws.put_policy(mixed_arn, older)
    converged = documented_org_policy(converged_arn, organization_id)
    aws.put_policy(converged_arn, converged)
    partner = pca.account_share_policy(mixed_arn, "999988887777")["Statement"]
    partner_task = {POLICY_MODULE: {"resource_arn": mixed_arn, "statements": partner}}
    tasks = [dict(partner_task, name="partner statements")]
    tasks += [role_task(check_mode=check_mode, org_sharing_organization_id=organization_id) for check_mode in (True, False, True, False)]
    tasks.append(dict(partner_task, name="partner statements again"))

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    check, apply, check_again, apply_again = role_runs(run)
    assert [role_result(step)["changed_certificate_authority_arns"] for step in (check, apply)] == [[mixed_arn]] * 2
    assert role_result(check)["changed"] is True and role_result(apply)["changed"] is True
    # Check mode shows the change as a diff, from the older statements to the documented ones.
    items = policy_items(check)
    assert [(item["resource_arn"], item["changed"]) for item in items] == [(mixed_arn, True)]
    assert OTHER_ORG_ID in str(items[0]["diff"][1]["before"]) and ram_statement(mixed_arn) in items[0]["diff"][1]["before"]["Statement"]
    assert_shared_with_organization(items[0]["diff"][1]["after"], mixed_arn, organization_id)
    assert len(policy_items(apply)) == 1
    # Converged: one listing and its policy reads, never the policy module, nothing changed.
    # The PENDING CA is skipped and said so, never a failure when it was not listed.
    skipped = [{"arn": pending_arn, "status": "PENDING_CERTIFICATE",
                "reason": "the CA is PENDING_CERTIFICATE; AWS changes the policy of ACTIVE CAs only"}]
    assert role_result(apply)["skipped"] == skipped
    for step in (check_again, apply_again):
        assert role_result(step) == {"changed": False, "changed_certificate_authority_arns": [],
                                     "organization_id": organization_id, "state": "present", "skipped": skipped}
        assert policy_items(step) == []
        assert module_actions(step) == [INFO_MODULE]
        assert [entry["task"] for entry in step if entry["status"] == "changed"] == []
    listings = calls_per_listing(aws)
    assert len(listings) == 4
    # The apply wrote the CA from its own fresh read: one GetPolicy, then at once one PutPolicy.
    assert listings[1][4:] == [("GetPolicy", mixed_arn), ("PutPolicy", mixed_arn)]
    # The last part ends with the partner's task again: one read, no write.
    assert listings[3][-1] == ("GetPolicy", mixed_arn)
    for calls in (listings[2], listings[3][:-1]):
        assert {operation for operation, _arn in calls} == {"ListCertificateAuthorities", "GetPolicy"}
        assert sorted(arn for operation, arn in calls if operation == "GetPolicy") == sorted([mixed_arn, converged_arn, pending_arn])
    # Neither the partner's task nor the role undoes the other.
    assert run.status("partner statements") == "changed"
    assert run.status("partner statements again") == "ok"
    # The only writes: the partner's, then the apply's; check mode and the converged runs wrote nothing.
    writes = pca_calls(aws, WRITES)
    assert writes[0] == ("PutPolicy", mixed_arn)
    assert writes[1:] == [("PutPolicy", mixed_arn)]

    shared = aws.read_policy(mixed_arn)
    assert_shared_with_organization(shared, mixed_arn, organization_id)
    assert OTHER_ORG_ID not in str(shared)
    assert foreign_statements(shared) == statements_by_sid({"Statement": [ram_statement(mixed_arn)] + partner})
    assert shared["Version"] == older["Version"]
    assert aws.read_policy(converged_arn) == converged
    assert aws.read_policy(pending_arn) is None
    # A member of the organization now sees the shared CAs; an outsider sees none.
    listed, described = seen_by(aws, member, mixed_arn)
    assert sorted(listed) == sorted([mixed_arn, converged_arn])
    assert (described["Arn"], described["OwnerAccount"], described["Status"]) == (mixed_arn, management_account_id, "ACTIVE")
    assert seen_by(aws, outsider, mixed_arn) == ([], None)


def test_absent_on_listed_cas_takes_off_only_the_roles_statements_read_only_drops_issue_and_bad_input_fails_before_any_write(aws, ansible):
    """One play: four refused settings and a malformed ARN (before any AWS call), absent on
    three listed CAs, absent again, read-only sharing of one other CA with allow_issue given as
    text, and one run listing CAs the role cannot share (PENDING, another region, another
    account), refused before any write, naming each."""
    organization_id, management_account_id = aws.create_organization()
    assert management_account_id == pca.DEFAULT_ACCOUNT_ID
    member = aws.member_account(management_account_id)
    only_role_arn, mixed_arn, untouched_arn, read_only_arn = aws.create_active_cas(4)
    pending_arn = aws.create_pending_ca()
    elsewhere = aws.create_active_ca(account_id="111122223333")
    west_arn = pca.create_active_ca(pca.make_client(aws.moto_url, region="eu-west-1"))
    aws.put_policy(only_role_arn, documented_org_policy(only_role_arn, organization_id))
    mixed = documented_org_policy(mixed_arn, organization_id)
    foreign = pca.account_share_policy(mixed_arn, "111122223333")["Statement"] + [ram_statement(mixed_arn)]
    mixed["Statement"].extend(foreign)
    aws.put_policy(mixed_arn, mixed)
    untouched = pca.account_share_policy(untouched_arn, "210987654321")
    aws.put_policy(untouched_arn, untouched)
    aws.put_policy(read_only_arn, documented_org_policy(read_only_arn, organization_id))
    refused = [
        # argument_specs refuses the last two, the role's first task the first two.
        ("uppercase organization ID", {"org_sharing_organization_id": "o-Example0001"}, "'o-Example0001' is not an organization ID"),
        ("account ID instead of an organization ID", {"org_sharing_organization_id": "111122223333"},
         "'111122223333' is not an organization ID"),
        ("template a shared CA may not issue with", {"org_sharing_organization_id": organization_id,
                                                     "org_sharing_templates": ["RootCACertificate/V1"]}, "RootCACertificate/V1"),
        ("organization ID missing", {}, "org_sharing_organization_id"),
        ("malformed CA ARN", {"org_sharing_organization_id": organization_id,
                              "org_sharing_certificate_authority_arns": [only_role_arn, only_role_arn.replace("certificate-authority/", "ca/")]},
         f"org_sharing_certificate_authority_arns '{only_role_arn.replace('certificate-authority/', 'ca/')}' is not an ACM PCA certificate authority ARN"),
    ]
    listed = [only_role_arn, mixed_arn, untouched_arn]
    absent = dict(org_sharing_organization_id=organization_id, org_sharing_state="absent", org_sharing_certificate_authority_arns=listed)
    tasks = [rescued(name, role_task(**role_vars)) for name, role_vars, _message in refused]
    tasks += [
        role_task(**absent),
        role_task(**absent),
        # -e key=value, INI inventories and AWX surveys give text: "false" must still mean false.
        role_task(org_sharing_organization_id=organization_id, org_sharing_allow_issue="false",
                  org_sharing_certificate_authority_arns=[read_only_arn]),
        rescued("CAs the role cannot share", role_task(
            org_sharing_organization_id=organization_id,
            org_sharing_certificate_authority_arns=[only_role_arn, pending_arn, west_arn, elsewhere])),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    steps = role_runs(run)
    assert len(steps) == 9, run
    for (name, _role_vars, message), step in zip(refused, steps[:5]):
        assert [entry["status"] for entry in step if entry["status"] == "failed"] == ["failed"], (name, run)
        assert message in step[-1]["result"]["msg"], (name, run)
        # Stopped by a check that makes no AWS call: no module task of the role ran.
        assert module_actions(step) == [], (name, run)
    # Only the four runs after them listed the CAs: the refused ones made no AWS call at all.
    assert [entry["task"] for entry in steps[4] if entry["status"] == "failed"][0].endswith(SETTINGS_TASK)
    assert len(calls_per_listing(aws)) == 4
    first_absent, second_absent, read_only, not_owned = steps[5:]

    assert sorted(role_result(first_absent)["changed_certificate_authority_arns"]) == sorted([only_role_arn, mixed_arn])
    assert role_result(second_absent)["changed"] is False
    assert policy_items(second_absent) == []
    assert role_result(read_only)["changed_certificate_authority_arns"] == [read_only_arn]
    output = " ".join((run.stdout + run.stderr).split())
    # The deleted policy held only the role's statements, none of AWS RAM: no warning about RAM shares.
    assert f"Deleted the policy of {only_role_arn}" not in output and "AWS also removes this CA" not in output, run

    # Refused by the role's own assert (not a set_fact finalization error), naming each CA
    # with its status or region, each also a warning; nothing written.
    failed = not_owned[-1]
    assert failed["task"].endswith(REFUSAL_TASK), run
    assert failed["result"]["msg"] == (
        "The org_sharing role changed nothing: it cannot share 3 CAs: "
        "%s (PENDING_CERTIFICATE): its policy must change, but the CA is PENDING_CERTIFICATE; AWS changes the policy of "
        "ACTIVE CAs only; "
        "%s: it is in region eu-west-1, but the role reads the CAs of region us-east-1 (the region of its connection); "
        "run the role for region eu-west-1; "
        "%s: it belongs to account 111122223333, but the role acts as account %s and shares only CAs that account owns"
        % (pending_arn, west_arn, elsewhere, management_account_id)), run
    assert "set_fact" not in failed["result"]["msg"]
    assert module_actions(not_owned) == [INFO_MODULE]
    for arn in (pending_arn, west_arn, elsewhere):
        assert f"org_sharing cannot share {arn}" in output, run

    # Absent wrote only the listed CAs that held the role's statements; the second absent and
    # the refused CA of another account wrote nothing.
    writes = pca_calls(aws, WRITES)
    assert sorted(writes[:2]) == sorted([("DeletePolicy", only_role_arn), ("PutPolicy", mixed_arn)])
    assert writes[2:] == [("PutPolicy", read_only_arn)]
    assert aws.read_policy(only_role_arn) is None
    remaining = aws.read_policy(mixed_arn)
    assert owned_statements(remaining) == {}
    assert statements_by_sid(remaining) == statements_by_sid({"Statement": foreign})
    assert aws.read_policy(untouched_arn) == untouched
    assert aws.read_policy(pending_arn) is None
    policy = aws.read_policy(read_only_arn)
    assert_shared_with_organization(policy, read_only_arn, organization_id, allow_issue=False)
    assert all("acm-pca:IssueCertificate" not in as_list(statement["Action"]) for statement in as_list(policy["Statement"]))
    # Once absent, a member of the organization no longer sees the CA; the read-only one it still sees.
    assert seen_by(aws, member, only_role_arn) == ([read_only_arn], None)


# ------------------------------------------- writers racing the role, transitions, interruptions

OU_PATH = f"{ORG_ID}/r-ab12/ou-ab12-11111111"
PARTNER_ACCOUNT_ID = "999988887777"
LATE_ACCOUNT_ID = "210987654321"


def late_statements(arn, name):
    """What another writer adds while the role runs: a colleague's grant and a RAM share's statement."""
    grant = {"Sid": name, "Effect": "Allow", "Principal": {"AWS": LATE_ACCOUNT_ID}, "Action": "acm-pca:GetCertificate", "Resource": arn}
    ram = dict(ram_statement(arn), Sid=f"{name.lower()}-0000-external-principals")
    return [grant, ram]


def add_statements(aws, arn, statements):
    """Another writer: read the CA's policy from moto and put it back with ``statements`` added."""
    policy = aws.read_policy(arn)
    policy["Statement"] = as_list(policy["Statement"]) + statements
    aws.put_policy(arn, policy)


def calls_after_the_read(aws, count):
    """The ACM PCA calls of each role run after its acmpca_info read (the listing and ``count`` GetPolicy)."""
    return [calls[1 + count:] for calls in calls_per_listing(aws)]


def test_a_writer_racing_the_role_loses_nothing_each_transition_is_one_write_per_ca_and_an_interrupted_rollout_converges(aws, ansible):
    """One play, seven runs of the role over two listed CAs, each holding a partner's statements:
    present (another writer adds statements, one with a RAM Sid, to the other CA at the moment
    of the role's first write), read-only, OU paths, back to the whole organization with issue
    and revoke (its second write refused), the same again (converges), again (changed=0), and
    absent (another writer again). A hook of the proxy plays the other writer and snapshots the
    CAs' policies from moto between the runs."""
    first, second = aws.create_active_cas(2)
    partner = {}
    for arn in (first, second):
        partner[arn] = pca.account_share_policy(arn, PARTNER_ACCOUNT_ID)["Statement"]
        aws.put_policy(arn, pca.account_share_policy(arn, PARTNER_ACCOUNT_ID))
    writes, snapshots = [], {}

    def other_writer(entry):
        if entry["operation"] not in WRITES:
            return
        writes.append((entry["operation"], entry["arn"]))
        if len(writes) in (3, 5, 7, 10):
            snapshots[len(writes)] = {arn: aws.read_policy(arn) for arn in (first, second)}
        if len(writes) == 1:          # present's first write, to the first CA
            add_statements(aws, second, late_statements(second, "LateDuringPresent"))
            add_statements(aws, first, late_statements(first, "LateOnTheCaBeingWritten")[:1])
        if len(writes) == 7:          # the first write of the run that is interrupted: refuse the next one
            aws.proxy.add_fault("PutPolicy", "access_denied", times=1)
        if len(writes) == 10:         # absent's first write, to the first CA
            add_statements(aws, second, late_statements(second, "LateDuringAbsent"))
            add_statements(aws, first, late_statements(first, "LateOnTheCaBeingEmptied")[:1])

    aws.proxy.on_request("*", other_writer)
    base = dict(org_sharing_organization_id=ORG_ID, org_sharing_certificate_authority_arns=[first, second])
    back = dict(base, org_sharing_allow_revoke=True)
    tasks = [
        role_task(**base),
        role_task(org_sharing_allow_issue=False, **base),
        role_task(org_sharing_allow_issue=False, org_sharing_organizational_unit_paths=[OU_PATH], **base),
        rescued("interrupted", role_task(**back)),
        role_task(**back),
        role_task(**back),
        role_task(org_sharing_state="absent", **base),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    assert [entry for entry in aws.proxy.log() if entry.get("hook_error")] == []
    present, read_only, to_ous, interrupted, converging, converged, absent = role_runs(run)
    # The interrupted run failed clearly on its second write; the first CA was written already.
    failed = interrupted[-1]
    assert failed["task"].endswith(APPLY_TASK) and failed["status"] == "failed", run
    items = failed["result"]["results"]
    assert [(item["item"]["resource_arn"], item.get("failed", False)) for item in items] == [(first, False), (second, True)]
    assert items[1]["msg"].startswith(f"PutPolicy failed for {second}: AccessDeniedException"), items[1]
    assert "Traceback" not in str(failed["result"]) and "MODULE FAILURE" not in str(failed["result"])
    # The next run converges (only the refused CA is left), the one after changes nothing.
    assert role_result(converging)["changed_certificate_authority_arns"] == [second]
    assert role_result(converged)["changed"] is False and policy_items(converged) == []
    assert module_actions(converged) == [INFO_MODULE]
    for step in (present, read_only, to_ous, absent):
        assert role_result(step)["changed_certificate_authority_arns"] == [first, second]

    # Each run writes each CA once, from a read of that CA taken just before, nothing in between.
    one_write_each = [("GetPolicy", first), ("PutPolicy", first), ("GetPolicy", second), ("PutPolicy", second)]
    assert calls_after_the_read(aws, 2) == [one_write_each] * 4 + [[("GetPolicy", second), ("PutPolicy", second)], [], one_write_each]
    assert writes == [("PutPolicy", first), ("PutPolicy", second)] * 4 + [("PutPolicy", second)] + [("PutPolicy", first), ("PutPolicy", second)]

    # What another writer put on the other CA while the role ran is kept: present, RAM Sid, absent.
    late_present = late_statements(second, "LateDuringPresent")
    after_present = snapshots[3]
    assert foreign_statements(after_present[second]) == statements_by_sid({"Statement": partner[second] + late_present})
    assert sorted(owned_statements(after_present[second])) == sorted([READ_SID, ISSUE_SID])
    # ... but not what it put on the CA inside that CA's own GetPolicy-to-PutPolicy window (no ETag in ACM PCA).
    assert foreign_statements(after_present[first]) == statements_by_sid({"Statement": partner[first]})
    # read-only, then OU paths: each one write per CA that put the new statements and removed the old.
    for snapshot, condition_key in ((snapshots[5], "aws:PrincipalOrgID"), (snapshots[7], "aws:PrincipalOrgPaths")):
        for arn in (first, second):
            owned = owned_statements(snapshot[arn])
            assert sorted(owned) == [READ_SID] and condition_key in str(owned[READ_SID]["Condition"]), snapshot[arn]
    assert owned_statements(snapshots[7][first])[READ_SID]["Condition"] == {
        "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": [f"{OU_PATH}/*"]}}
    # Back to the whole organization, with issue and revoke, on both CAs after the interruption.
    for arn in (first, second):
        owned = owned_statements(snapshots[10][arn])
        assert sorted(owned) == sorted([READ_SID, ISSUE_SID, f"{OWNED_SID_PREFIX}Revoke"])
        assert owned[f"{OWNED_SID_PREFIX}Revoke"] == {
            "Sid": f"{OWNED_SID_PREFIX}Revoke", "Effect": "Allow", "Principal": "*", "Action": "acm-pca:RevokeCertificate",
            "Resource": arn, "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}}
    assert foreign_statements(snapshots[10][second]) == statements_by_sid({"Statement": partner[second] + late_present})
    # absent took off only the role's statements, keeping what was added while it ran.
    assert aws.read_policy(second)["Statement"] == partner[second] + late_present + late_statements(second, "LateDuringAbsent")
    assert aws.read_policy(first)["Statement"] == partner[first]


def test_acmpca_policy_org_sharing_option_converges_in_four_steps_then_absent_keeps_the_other_statements(aws, ansible):
    """acmpca_policy with org_sharing (OU paths, a template, revoke) on a CA holding a partner's
    and a RAM statement: check, apply, check, apply, then absent; one GetPolicy per step, one
    write per change, read back from moto."""
    arn = aws.create_active_ca()
    before = pca.account_share_policy(arn, PARTNER_ACCOUNT_ID)
    before["Statement"].append(ram_statement(arn))
    aws.put_policy(arn, before)
    settings = {"organization_id": ORG_ID, "organizational_unit_paths": [OU_PATH],
                "templates": ["EndEntityServerAuthCertificate/V1"], "allow_issue": True, "allow_revoke": True}
    task = {POLICY_MODULE: {"resource_arn": arn, "org_sharing": settings}}
    tasks = [dict(task, name="step %d" % step, check_mode=step in (1, 3), diff=True) for step in (1, 2, 3, 4)]
    tasks.append({"name": "absent", POLICY_MODULE: {"resource_arn": arn, "state": "absent", "org_sharing": {"organization_id": ORG_ID}}})

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    assert [run.status("step %d" % step) for step in (1, 2, 3, 4)] + [run.status("absent")] == ["changed", "changed", "ok", "ok", "changed"]
    check = run.result("step 1")
    assert check["statement_changes"] == {"added": [READ_SID, ISSUE_SID, f"{OWNED_SID_PREFIX}Revoke"], "removed": [], "changed": []}
    documents = check["diff"][1]
    assert documents["before"] == before
    owned = owned_statements(documents["after"])
    assert sorted(owned) == sorted([READ_SID, ISSUE_SID, f"{OWNED_SID_PREFIX}Revoke"])
    assert owned[ISSUE_SID]["Condition"] == {
        "StringEquals": {"acm-pca:TemplateArn": [pca.template_arn("EndEntityServerAuthCertificate/V1")]},
        "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": [f"{OU_PATH}/*"]}}
    assert run.result("step 2")["policy"] == documents["after"] == run.result("step 4")["policy"]
    assert pca_calls(aws) == [("GetPolicy", arn), ("GetPolicy", arn), ("PutPolicy", arn), ("GetPolicy", arn), ("GetPolicy", arn),
                              ("GetPolicy", arn), ("PutPolicy", arn)]
    assert aws.read_policy(arn) == before


# ------------------------------------------------------------------ scale-out


def test_scale_out_examples_share_then_audit_each_inventory_account_and_region(aws, ansible, tmp_path):
    """examples/org_sharing then examples/access in one ansible-playbook run, over both
    example inventories (the same hosts: one per account and region)."""
    prod = aws.assume(pca.random_account_id())
    dev = aws.assume(pca.random_account_id())
    clients = {
        "pki-prod-eu-west-1": pca.make_client(aws.moto_url, region="eu-west-1", credentials=prod.credentials),
        "pki-prod-us-east-1": pca.make_client(aws.moto_url, region="us-east-1", credentials=prod.credentials),
        "pki-dev-eu-west-1": pca.make_client(aws.moto_url, region="eu-west-1", credentials=dev.credentials),
    }
    arns = {host: pca.create_active_ca(client, common_name=host) for host, client in clients.items()}
    outsider = pca.random_account_id()
    ram_sid = "a1b2c3d4-e5f6-7890-abcd-ef0123456789-external-principals"
    outsider_share = pca.account_share_policy(arns["pki-dev-eu-west-1"], outsider)
    outsider_share["Statement"][1]["Sid"] = ram_sid
    pca.put_raw_policy(clients["pki-dev-eu-west-1"], arns["pki-dev-eu-west-1"], outsider_share)
    # Already shared (as AWS's guide spells it): that host reads and writes nothing.
    already = documented_org_policy(arns["pki-prod-us-east-1"], ORG_ID)
    pca.put_raw_policy(clients["pki-prod-us-east-1"], arns["pki-prod-us-east-1"], already)
    not_in_inventory = pca.create_active_ca(pca.make_client(aws.moto_url, region="us-west-2", credentials=prod.credentials))
    config = tmp_path / "aws-config"
    config.write_text("".join(
        "[profile %s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\nendpoint_url = %s\n\n"
        % (profile, account.credentials["aws_access_key_id"], account.credentials["aws_secret_access_key"],
           account.credentials["aws_session_token"], aws.endpoint_url)
        for profile, account in (("pki-prod", prod), ("pki-dev", dev))))
    inventory = tmp_path / "inventory"
    inventory.mkdir()
    for example in ("org_sharing", "access"):
        (inventory / (f"{example}.yml")).symlink_to(os.path.join(EXAMPLES_DIR, example, "inventory.yml"))
    ansible.inventory = str(inventory)
    playbook = "".join(f"- import_playbook: {os.path.join(EXAMPLES_DIR, *path)}\n"
                       for path in (("org_sharing", "share_with_organization.yml"), ("access", "find_external_access.yml")))

    run = ansible.playbook(playbook, extra_vars={"org_sharing_organization_id": ORG_ID, "trusted_organization_id": ORG_ID},
                           env={"AWS_CONFIG_FILE": str(config), "AWS_ACCESS_KEY_ID": None,
                                "AWS_SECRET_ACCESS_KEY": None, "AWS_DEFAULT_REGION": None})

    # Sharing: every inventory account and region, and nothing else.
    hosts = sorted({entry["host"] for entry in run.results if entry["task"].endswith(RESULT_TASK)})
    assert hosts == sorted(clients), run
    changed = {entry["host"]: entry["result"]["ansible_facts"]["org_sharing_result"]["changed_certificate_authority_arns"]
               for entry in run.results if entry["task"].endswith(RESULT_TASK)}
    assert changed == {"pki-prod-eu-west-1": [arns["pki-prod-eu-west-1"]], "pki-prod-us-east-1": [],
                       "pki-dev-eu-west-1": [arns["pki-dev-eu-west-1"]]}
    for host, arn in arns.items():
        assert_shared_with_organization(pca.read_policy(clients[host], arn), arn, ORG_ID)
    assert foreign_statements(pca.read_policy(clients["pki-dev-eu-west-1"], arns["pki-dev-eu-west-1"])) == statements_by_sid(outsider_share)
    assert pca.read_policy(pca.make_client(aws.moto_url, account_id=prod.account_id, region="us-west-2"), not_in_inventory) is None
    log = aws.proxy.log()
    assert sorted((entry["account_id"], entry["arn"]) for entry in log if entry["operation"] in WRITES) == sorted([
        (prod.account_id, arns["pki-prod-eu-west-1"]), (dev.account_id, arns["pki-dev-eu-west-1"])])

    # The audit: it fails the host whose CA grants access outside the organization, and only reads.
    assert run.rc != 0, run
    failed_hosts = sorted(entry["host"] for entry in run.results if entry["status"] == "failed")
    assert failed_hosts == ["pki-dev-eu-west-1"], run
    audits = {entry["host"]: entry["result"] for entry in run.results if entry["action"] == INFO_MODULE
              and "external_access" in entry["result"]}
    assert sorted(audits) == sorted(clients)
    for host in ("pki-prod-eu-west-1", "pki-prod-us-east-1"):
        assert audits[host]["external_access"] == []
        assert [item["principal_type"] for item in audits[host]["certificate_authorities"][0]["access"]] == ["organization"] * 2
    # The dev account may not list the organization's accounts: the outsider's grants are not
    # known to be inside it, so they are unresolved (external: null), and fail the host too.
    assert audits["pki-dev-eu-west-1"]["external_access"] == []
    external = audits["pki-dev-eu-west-1"]["unresolved_access"]
    assert sorted((item["certificate_authority_arn"], item["principal"], item["shared_via"], item["can_issue"]) for item in external) == [
        (arns["pki-dev-eu-west-1"], outsider, "POLICY", False), (arns["pki-dev-eu-west-1"], outsider, "RAM", True)]
    output = " ".join(run.stdout.split())
    assert "%s: account %s may acm-pca:IssueCertificate (issue with %s) through RAM statement %s" % (
        arns["pki-dev-eu-west-1"], outsider, pca.template_arn(), ram_sid) in output, run
    assert f"2 grant(s) outside the organization (or not known to be inside) on {arns['pki-dev-eu-west-1']}" in output, run
    last_write = max(index for index, entry in enumerate(log) if entry["operation"] == "PutPolicy")
    audit_calls = [entry["operation"] for entry in log[last_write + 1:] if entry["service"] == "ACMPrivateCA"]
    # Only the dev host's findings name an account: it asks AWS Organizations, once.
    assert [entry["operation"] for entry in log[last_write + 1:] if entry["service"] == "AWSOrganizationsV20161128"] == [
        "DescribeOrganization"]
    assert set(audit_calls) == {"ListCertificateAuthorities", "GetPolicy", "ListPermissions"}
    assert audit_calls.count("ListCertificateAuthorities") == 3
