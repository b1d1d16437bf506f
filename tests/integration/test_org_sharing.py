# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pki.acmpca.org_sharing role, end to end: real ansible-playbook runs against moto
(through the fault proxy, whose log shows every AWS call the role makes), with policies
read back from moto after each step."""

import os

import pytest

from tests.support import pca

ROLE = "pki.acmpca.org_sharing"
INFO_MODULE = "pki.acmpca.acmpca_info"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
RESULT_TASK = "Record what the role changed"
OWNED_SID_PREFIX = "PkiAcmpcaOrgSharing"
READ_SID = OWNED_SID_PREFIX + "Read"
ISSUE_SID = OWNED_SID_PREFIX + "Issue"
ORG_ID = "o-exampleorg1"
OTHER_ORG_ID = "o-otherorg000"
WRITES = ("PutPolicy", "DeletePolicy")


# ---------------------------------------------------------------- helpers


def role_play(ansible, tasks=(), **role_vars):
    """The standard test play (module_defaults point at the proxy) running the role."""
    play = ansible.play(list(tasks))
    play["roles"] = [dict(role=ROLE, **role_vars)]
    return play


def role_result(run):
    """The ``org_sharing_result`` fact the role left."""
    entries = [entry for entry in run.results if entry["task"].endswith(RESULT_TASK)]
    assert len(entries) == 1, run
    return entries[0]["result"]["ansible_facts"]["org_sharing_result"]


def policy_module_runs(run):
    """How many times pki.acmpca.acmpca_policy ran (loop items that were not skipped)."""
    count = 0
    for entry in run.results:
        if entry["action"] != POLICY_MODULE:
            continue
        items = entry["result"].get("results")
        if items is None:
            count += 0 if entry["status"] == "skipped" else 1
        else:
            count += len([item for item in items if not item.get("skipped")])
    return count


def policy_module_items(run):
    return [item for entry in run.results if entry["action"] == POLICY_MODULE for item in entry["result"].get("results", [])]


def pca_calls(aws, operations=None):
    """(operation, arn) of every ACM PCA request the code under test made, in order."""
    return [(entry["operation"], entry["arn"]) for entry in aws.proxy.log()
            if entry["service"] == "ACMPrivateCA" and (operations is None or entry["operation"] in operations)]


def as_list(value):
    return value if isinstance(value, list) else [value]


def statements_by_sid(policy):
    return dict((statement.get("Sid"), statement) for statement in as_list((policy or {}).get("Statement", [])))


def owned_statements(policy):
    return dict((sid, statement) for sid, statement in statements_by_sid(policy).items()
                if sid and sid.startswith(OWNED_SID_PREFIX))


def foreign_statements(policy):
    return dict((sid, statement) for sid, statement in statements_by_sid(policy).items()
                if not (sid and sid.startswith(OWNED_SID_PREFIX)))


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


def unknown_to_local_rules_statement(arn):
    """A statement AWS may hold (RAM customer-managed permissions grant RevokeCertificate)
    that the collection's local policy rules do not know."""
    return {
        "Sid": "RamManagedRevoke",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
        "Action": ["acm-pca:RevokeCertificate", "acm-pca:GetCertificate"],
        "Resource": arn,
    }


# ---------------------------------------------------------- sharing and idempotence


@pytest.mark.compat
def test_shares_every_active_ca_check_mode_first_then_applies_then_converges(aws, ansible):
    arns = aws.create_active_cas(3)
    pending_arn = aws.create_pending_ca()
    play = role_play(ansible, org_sharing_organization_id=ORG_ID)

    check = ansible.playbook(play, check=True, diff=True)
    assert check.ok, check
    assert role_result(check)["changed"] is True
    assert sorted(role_result(check)["changed_certificate_authority_arns"]) == sorted(arns)
    assert pca_calls(aws, WRITES) == []
    assert all(aws.read_policy(arn) is None for arn in arns + [pending_arn])
    items = policy_module_items(check)
    assert sorted(item["resource_arn"] for item in items) == sorted(arns)
    for item in items:
        assert item["changed"] is True
        assert item["diff"]["before"] == {}
        assert_shared_with_organization(item["diff"]["after"], item["resource_arn"], ORG_ID)

    aws.proxy.clear_log()
    apply = ansible.playbook(play)
    assert apply.ok, apply
    assert sorted(role_result(apply)["changed_certificate_authority_arns"]) == sorted(arns)
    assert sorted(arn for _operation, arn in pca_calls(aws, ["PutPolicy"])) == sorted(arns)
    for arn in arns:
        assert_shared_with_organization(aws.read_policy(arn), arn, ORG_ID)
    assert aws.read_policy(pending_arn) is None

    aws.proxy.clear_log()
    check_again = ansible.playbook(play, check=True, diff=True)
    apply_again = ansible.playbook(play)
    for run in (check_again, apply_again):
        assert run.ok, run
        assert role_result(run) == {"changed": False, "changed_certificate_authority_arns": [],
                                    "organization_id": ORG_ID, "state": "present"}
        assert policy_module_runs(run) == 0
        assert "changed=0" in run.stdout
    assert pca_calls(aws, WRITES) == []


def test_converged_rerun_over_20_cas_reads_once_and_never_runs_the_policy_module(aws, ansible):
    arns = aws.create_active_cas(20)
    for arn in arns:
        aws.put_policy(arn, documented_org_policy(arn, ORG_ID))

    run = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID))

    assert run.ok, run
    assert role_result(run)["changed"] is False
    assert policy_module_runs(run) == 0
    assert len([entry for entry in run.results if entry["action"] == INFO_MODULE]) == 1
    calls = pca_calls(aws)
    assert set(operation for operation, _arn in calls) == {"ListCertificateAuthorities", "GetPolicy"}
    assert sorted(arn for operation, arn in calls if operation == "GetPolicy") == sorted(arns)


def test_the_role_result_passes_the_policy_module_validation(aws, ansible):
    arns = aws.create_active_cas(2)
    templates = ["EndEntityServerAuthCertificate/V1", "SubordinateCACertificate_PathLen0/V1"]
    revalidate = [
        {"name": "Read the shared CAs back", INFO_MODULE: {"include_policy": True}, "register": "shared"},
        {"name": "Apply each policy again with validate_policy", POLICY_MODULE: {
            "resource_arn": "{{ item.arn }}", "policy": "{{ item.policy }}", "validate_policy": True},
         "check_mode": True, "loop": "{{ shared.certificate_authorities }}", "loop_control": {"label": "{{ item.arn }}"}},
    ]

    run = ansible.playbook(role_play(ansible, revalidate, org_sharing_organization_id=ORG_ID, org_sharing_templates=templates))

    assert run.ok, run
    validated = run.result("Apply each policy again with validate_policy")["results"]
    assert sorted(item["resource_arn"] for item in validated) == sorted(arns)
    assert all(not item.get("failed") and item["changed"] is False for item in validated), validated
    for arn in arns:
        assert_shared_with_organization(aws.read_policy(arn), arn, ORG_ID, templates=templates)


# ------------------------------------------------------- statements others own


def test_keeps_foreign_statements_on_present_and_on_absent(aws, ansible):
    arn = aws.create_active_ca()
    foreign_policy = pca.account_share_policy(arn, "111122223333")
    foreign_policy["Statement"].append(unknown_to_local_rules_statement(arn))
    aws.put_policy(arn, foreign_policy)

    present = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID))

    assert present.ok, present
    shared = aws.read_policy(arn)
    assert_shared_with_organization(shared, arn, ORG_ID)
    assert foreign_statements(shared) == statements_by_sid(foreign_policy)
    assert shared["Version"] == foreign_policy["Version"]

    aws.proxy.clear_log()
    absent = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID, org_sharing_state="absent"))

    assert absent.ok, absent
    assert role_result(absent)["changed_certificate_authority_arns"] == [arn]
    assert pca_calls(aws, WRITES) == [("PutPolicy", arn)]
    remaining = aws.read_policy(arn)
    assert owned_statements(remaining) == {}
    assert statements_by_sid(remaining) == statements_by_sid(foreign_policy)


def test_present_replaces_an_older_version_of_its_own_statements_only(aws, ansible):
    arn = aws.create_active_ca()
    older = documented_org_policy(arn, OTHER_ORG_ID, template="EndEntityClientAuthCertificate/V1")
    older["Statement"].append(pca.account_share_policy(arn, "111122223333")["Statement"][0])
    aws.put_policy(arn, older)

    run = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID))

    assert run.ok, run
    policy = aws.read_policy(arn)
    assert_shared_with_organization(policy, arn, ORG_ID)
    assert OTHER_ORG_ID not in str(policy)
    assert list(foreign_statements(policy)) == ["ReadAccess"]


def test_absent_deletes_the_policy_only_when_nothing_else_remains_then_changes_nothing(aws, ansible):
    only_role_arn, mixed_arn, untouched_arn = aws.create_active_cas(3)
    aws.put_policy(only_role_arn, documented_org_policy(only_role_arn, ORG_ID))
    mixed = documented_org_policy(mixed_arn, ORG_ID)
    account_share = pca.account_share_policy(mixed_arn, "111122223333")
    mixed["Statement"].extend(account_share["Statement"])
    aws.put_policy(mixed_arn, mixed)
    untouched = pca.account_share_policy(untouched_arn, "210987654321")
    aws.put_policy(untouched_arn, untouched)
    play = role_play(ansible, org_sharing_organization_id=ORG_ID, org_sharing_state="absent")

    absent = ansible.playbook(play)

    assert absent.ok, absent
    assert aws.read_policy(only_role_arn) is None
    assert statements_by_sid(aws.read_policy(mixed_arn)) == statements_by_sid(account_share)
    assert aws.read_policy(untouched_arn) == untouched
    assert sorted(pca_calls(aws, WRITES)) == sorted([("DeletePolicy", only_role_arn), ("PutPolicy", mixed_arn)])
    output = " ".join((absent.stdout + absent.stderr).split())
    assert "Deleted the policy of %s: AWS also removes this CA from every AWS RAM resource share" % only_role_arn in output, absent

    aws.proxy.clear_log()
    again = ansible.playbook(play)

    assert again.ok, again
    assert role_result(again)["changed"] is False
    assert policy_module_runs(again) == 0
    assert pca_calls(aws, WRITES) == []


def test_the_policy_module_and_the_role_on_one_ca_converge_to_no_change_on_the_second_run(aws, ansible):
    """A partner's statements put by acmpca_policy (statements by Sid) and the organization
    share by the role, on one CA already in an AWS RAM share: neither undoes the other."""
    arn = aws.create_active_ca()
    ram = {"Sid": "7f3e9a1c-external-principals", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
           "Action": ["acm-pca:IssueCertificate", "acm-pca:RevokeCertificate"], "Resource": arn}
    aws.put_policy(arn, {"Version": "2012-10-17", "Statement": [ram]})
    partner = pca.account_share_policy(arn, "999988887777")["Statement"]
    play = ansible.play([
        {"name": "partner statements", POLICY_MODULE: {"resource_arn": arn, "statements": partner}},
        {"name": "organization share", "ansible.builtin.import_role": {"name": ROLE},
         "vars": {"org_sharing_organization_id": ORG_ID, "org_sharing_certificate_authority_arns": [arn]}},
    ])

    first = ansible.playbook(play)

    assert first.ok, first
    assert first.status("partner statements") == "changed"
    assert role_result(first)["changed_certificate_authority_arns"] == [arn]
    shared = aws.read_policy(arn)
    assert_shared_with_organization(shared, arn, ORG_ID)
    assert foreign_statements(shared) == statements_by_sid({"Statement": [ram] + partner})
    assert pca_calls(aws, WRITES) == [("PutPolicy", arn), ("PutPolicy", arn)]

    aws.proxy.clear_log()
    second = ansible.playbook(play)

    assert second.ok, second
    assert "changed=0" in second.stdout, second
    assert second.status("partner statements") == "ok"
    assert role_result(second)["changed"] is False
    assert policy_module_runs(second) == 1
    assert pca_calls(aws, WRITES) == []
    assert aws.read_policy(arn) == shared


# ----------------------------------------------------------------- variables


def test_allow_issue_false_shares_read_only_and_drops_an_earlier_issue_statement(aws, ansible):
    arn = aws.create_active_ca()
    aws.put_policy(arn, documented_org_policy(arn, ORG_ID))

    run = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID, org_sharing_allow_issue=False))

    assert run.ok, run
    policy = aws.read_policy(arn)
    assert_shared_with_organization(policy, arn, ORG_ID, allow_issue=False)
    assert all("acm-pca:IssueCertificate" not in as_list(statement["Action"]) for statement in as_list(policy["Statement"]))


def test_allow_issue_false_as_text_from_extra_vars_or_a_survey_still_means_false(aws, ansible):
    arn = aws.create_active_ca()

    run = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID, org_sharing_allow_issue="false"))

    assert run.ok, run
    assert_shared_with_organization(aws.read_policy(arn), arn, ORG_ID, allow_issue=False)


def test_explicit_certificate_authority_arns_limit_the_change_to_those_cas(aws, ansible):
    chosen, left_alone, pending_and_unnamed = aws.create_active_cas(2) + [aws.create_pending_ca()]

    run = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID, org_sharing_certificate_authority_arns=[chosen]))

    assert run.ok, run
    assert role_result(run)["changed_certificate_authority_arns"] == [chosen]
    assert_shared_with_organization(aws.read_policy(chosen), chosen, ORG_ID)
    assert aws.read_policy(left_alone) is None
    assert aws.read_policy(pending_and_unnamed) is None
    assert pca_calls(aws, WRITES) == [("PutPolicy", chosen)]


def test_a_ca_the_account_does_not_own_fails_the_role_before_any_write(aws, ansible):
    owned = aws.create_active_ca()
    elsewhere = aws.create_active_ca(account_id="111122223333")

    run = ansible.playbook(role_play(ansible, org_sharing_organization_id=ORG_ID,
                                     org_sharing_certificate_authority_arns=[owned, elsewhere]))

    assert run.rc != 0, run
    failed = [entry for entry in run.results if entry["status"] == "failed"]
    assert len(failed) == 1, run
    message = failed[0]["result"]["msg"]
    assert elsewhere in message and "does not own" in message
    assert owned not in message
    assert pca_calls(aws, WRITES) == []
    assert aws.read_policy(owned) is None


@pytest.mark.parametrize("role_vars, expected", [
    pytest.param({"org_sharing_organization_id": "o-Example0001"}, "'o-Example0001' is not an organization ID",
                 id="uppercase-organization-id"),
    pytest.param({"org_sharing_organization_id": "111122223333"}, "'111122223333' is not an organization ID",
                 id="account-id-instead-of-organization-id"),
    pytest.param({"org_sharing_organization_id": ORG_ID, "org_sharing_templates": ["RootCACertificate/V1"]},
                 "RootCACertificate/V1", id="template-a-shared-ca-may-not-issue-with"),
    pytest.param({}, "org_sharing_organization_id", id="organization-id-missing"),
])
def test_invalid_settings_fail_before_any_aws_call(aws, ansible, role_vars, expected):
    arn = aws.create_active_ca()

    run = ansible.playbook(role_play(ansible, **role_vars))

    assert run.rc != 0, run
    failed = [entry for entry in run.results if entry["status"] == "failed"]
    assert len(failed) == 1, run
    assert expected in failed[0]["result"]["msg"]
    assert aws.proxy.log() == []
    assert aws.read_policy(arn) is None


# ---------------------------------------------- what members and outsiders see


def _views_play(ansible, name, account, arn):
    """A play acting as ``account`` that lists the CAs shared with it and describes ``arn``."""
    play = ansible.play([
        {"name": "%s lists the CAs shared with it" % name, INFO_MODULE: {"resource_owner": "OTHER_ACCOUNTS"}},
        {"name": "%s describes the CA by its ARN" % name, INFO_MODULE: {"certificate_authority_arn": arn}},
    ], name="as the %s" % name)
    play["module_defaults"]["group/pki.acmpca.acmpca"].update(account.module_args)
    return play


def _seen(run, name):
    listed = [ca["arn"] for ca in run.result("%s lists the CAs shared with it" % name)["certificate_authorities"]]
    described = run.result("%s describes the CA by its ARN" % name)["certificate_authorities"]
    return listed, described


def test_member_sees_the_shared_ca_and_an_outsider_does_not_until_absent(aws, ansible):
    organization_id, management_account_id = aws.create_organization()
    member = aws.member_account(management_account_id)
    outsider = aws.outsider_account()
    shared_arn = aws.create_active_ca(account_id=management_account_id)

    def role_then_views(state, *viewers):
        return [role_play(ansible, org_sharing_organization_id=organization_id, org_sharing_state=state)] + [
            _views_play(ansible, name, account, shared_arn) for name, account in viewers]

    shared = ansible.playbook(role_then_views("present", ("member", member), ("outsider", outsider)))

    assert shared.ok, shared
    listed, described = _seen(shared, "member")
    assert listed == [shared_arn]
    assert [(ca["arn"], ca["owner_account"], ca["status"]) for ca in described] == [
        (shared_arn, management_account_id, "ACTIVE")]
    assert _seen(shared, "outsider") == ([], [])
    member_calls = [entry["operation"] for entry in aws.proxy.log() if entry["account_id"] == member.account_id
                    and entry["service"] == "ACMPrivateCA"]
    assert member_calls == ["ListCertificateAuthorities", "DescribeCertificateAuthority"]

    unshared = ansible.playbook(role_then_views("absent", ("member", member)))

    assert unshared.ok, unshared
    assert aws.read_policy(shared_arn) is None
    assert _seen(unshared, "member") == ([], [])


# ------------------------------------------------------------------ scale-out

EXAMPLE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "examples", "org_sharing")


def test_scale_out_example_shares_each_inventory_account_and_region(aws, ansible, tmp_path):
    prod = aws.assume(pca.random_account_id())
    dev = aws.assume(pca.random_account_id())
    targets = {(prod, "eu-west-1"), (prod, "us-east-1"), (dev, "eu-west-1")}
    arns = {}
    for account, region in sorted(targets, key=lambda target: (target[0].account_id, target[1])):
        client = pca.make_client(aws.moto_url, region=region, credentials=account.credentials)
        arns[(account.account_id, region)] = pca.create_active_ca(client, common_name="%s %s" % (account.account_id, region))
    not_in_inventory = pca.create_active_ca(pca.make_client(aws.moto_url, region="us-west-2", credentials=prod.credentials))
    config = tmp_path / "aws-config"
    config.write_text("".join(
        "[profile %s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\nendpoint_url = %s\n\n"
        % (profile, account.credentials["aws_access_key_id"], account.credentials["aws_secret_access_key"],
           account.credentials["aws_session_token"], aws.endpoint_url)
        for profile, account in (("pki-prod", prod), ("pki-dev", dev))))
    with open(os.path.join(EXAMPLE_DIR, "share_with_organization.yml"), encoding="utf-8") as handle:
        playbook = handle.read()
    ansible.inventory = os.path.join(EXAMPLE_DIR, "inventory.yml")

    run = ansible.playbook(playbook, extra_vars={"org_sharing_organization_id": ORG_ID},
                           env={"AWS_CONFIG_FILE": str(config), "AWS_ACCESS_KEY_ID": None,
                                "AWS_SECRET_ACCESS_KEY": None, "AWS_DEFAULT_REGION": None})

    assert run.ok, run
    hosts = sorted(set(entry["host"] for entry in run.results if entry["task"].endswith(RESULT_TASK)))
    assert hosts == ["pki-dev-eu-west-1", "pki-prod-eu-west-1", "pki-prod-us-east-1"]
    for (account_id, region), arn in arns.items():
        policy = pca.read_policy(pca.make_client(aws.moto_url, account_id=account_id, region=region), arn)
        assert_shared_with_organization(policy, arn, ORG_ID)
    assert pca.read_policy(pca.make_client(aws.moto_url, account_id=prod.account_id, region="us-west-2"), not_in_inventory) is None
    assert set(entry["account_id"] for entry in aws.proxy.log() if entry["operation"] == "PutPolicy") == {
        prod.account_id, dev.account_id}
