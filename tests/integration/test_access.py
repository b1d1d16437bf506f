# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who can use each CA, end to end: the org_sharing role sharing with organizational units,
and acmpca_info include_access against a trust zone, in one real ansible-playbook run that
proves many things at once (the analysis itself, and the refusal of bad trust zone IDs,
are specified by the unit tests; the audit example over an inventory runs with the
scale-out example in test_org_sharing.py)."""

from pki_acmpca_emulator import pca

INFO_MODULE = "pki.acmpca.acmpca_info"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
ROLE = "pki.acmpca.org_sharing"
ROLE_CHECK_TASK = "Check the role's settings and the listed CA ARNs before any AWS call"
ROLE_RESULT_TASK = "Record what the role changed"
ORG_ID = "o-exampleorg1"
OTHER_ORG_ID = "o-otherorg000"
PARTNER = "111122223333"
OUTSIDER = "444455556666"
RAM_SID = "a1b2c3d4-e5f6-7890-abcd-ef0123456789-external-principals"
OU = f"{ORG_ID}/r-ab12/ou-ab12-abcdefgh"
DEEPER_OU = f"{OU}/ou-ab12-ijklmnop"


def as_list(value):
    return value if isinstance(value, list) else [value]


def statement(sid, arn, principal, actions, condition=None, effect="Allow"):
    item = {"Sid": sid, "Effect": effect, "Principal": principal, "Action": actions, "Resource": arn}
    if condition:
        item["Condition"] = condition
    return item


def info_task(name, args, **options):
    task = {"name": name, INFO_MODULE: args}
    task.update(options)
    return task


def by_arn(cas):
    return {ca["arn"]: ca for ca in cas}


def summary(findings):
    return sorted((item["sid"], item["principal_type"], item["principal"], item["can_issue"], item["shared_via"], item["external"])
                  for item in findings)


def _role(check_mode=False, **role_vars):
    task = {"ansible.builtin.import_role": {"name": ROLE}, "vars": dict(org_sharing_organization_id=ORG_ID, **role_vars)}
    if check_mode:
        task["check_mode"] = True
    return task


def test_the_role_switches_cas_to_ous_and_converges_a_bad_path_is_refused_and_the_audit_reports_every_principal_type(aws, ansible):
    account_arn, organization_arn, public_arn, unshared_arn, ou_arn = aws.create_active_cas(5)
    issue = "acm-pca:IssueCertificate"
    end_entity = {"acm-pca:TemplateArn": pca.template_arn()}
    outsider_role = f"arn:aws:iam::{OUTSIDER}:role/issuer"
    # Put straight into moto: the statements each principal type of the audit comes from.
    aws.put_policy(account_arn, {"Version": "2012-10-17", "Statement": [
        statement("Partner", account_arn, {"AWS": f"arn:aws:iam::{PARTNER}:root"}, pca.READ_ACTIONS),
        statement("PartnerIssue", account_arn, {"AWS": PARTNER}, issue, {"StringEquals": end_entity}),
        statement("OutsiderRole", account_arn, {"AWS": outsider_role}, "acm-pca:GetCertificate"),
        statement("NoTagsForPartner", account_arn, {"AWS": PARTNER}, "acm-pca:ListTags", effect="Deny"),
    ]})
    aws.put_policy(organization_arn, {"Version": "2012-10-17", "Statement": [
        statement("Org", organization_arn, "*", pca.READ_ACTIONS, {"StringEquals": {"AWS:PrincipalOrgId": ORG_ID}}),
        statement("OuIssue", organization_arn, "*", issue,
                  {"StringEquals": end_entity, "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": [f"{OU}/*"]}}),
        statement("ForeignOu", organization_arn, "*", "acm-pca:GetCertificate",
                  {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": f"{OTHER_ORG_ID}/r-zz99/ou-zz99-abcdefgh/*"}}),
    ]})
    # What AWS may hold but the local rules refuse: a RAM share's RevokeCertificate, a public read.
    aws.put_policy(public_arn, {"Version": "2012-10-17", "Statement": [
        statement(RAM_SID, public_arn, {"AWS": OUTSIDER}, [issue, "acm-pca:RevokeCertificate"], {"StringEquals": end_entity}),
        statement("Public", public_arn, "*", "acm-pca:GetCertificateAuthorityCertificate"),
    ]})
    # Shared with the whole organization by an earlier run of the role, beside a partner's statements.
    foreign = pca.account_share_policy(ou_arn, PARTNER)
    whole_organization = pca.org_share_policy(ou_arn, ORG_ID)
    for item, sid in zip(whole_organization["Statement"], ("PkiAcmpcaOrgSharingRead", "PkiAcmpcaOrgSharingIssue")):
        item["Sid"] = sid
    aws.put_policy(ou_arn, {"Version": "2012-10-17", "Statement": foreign["Statement"] + whole_organization["Statement"]})
    ous = [OU, f"{DEEPER_OU}/"]
    on_the_ou_ca = dict(org_sharing_organizational_unit_paths=ous, org_sharing_certificate_authority_arns=[ou_arn])
    tasks = [
        _role(check_mode=True, **on_the_ou_ca),
        _role(**on_the_ou_ca),
        _role(check_mode=True, **on_the_ou_ca),
        _role(**on_the_ou_ca),
        {"name": "bad paths", "block": [_role(org_sharing_organizational_unit_paths=[
            "ou-ab12-abcdefgh", f"{OTHER_ORG_ID}/r-ab12/ou-ab12-abcdefgh"])],
         "rescue": [{"name": "the bad paths were refused", "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}}]},
        info_task("audit", {"include_access": True, "trusted_accounts": [PARTNER], "trusted_organization_id": ORG_ID}, register="audit"),
        {"name": "the findings drive a compliance check in Jinja", "ansible.builtin.assert": {"that": [
            "audit.external_access | selectattr('principal_type', 'equalto', 'public') | list | length == 1",
            "(audit.external_access + audit.unresolved_access) | selectattr('shared_via', 'equalto', 'RAM') | map(attribute='can_issue')"
            " | list == [true]",
        ]}},
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    role_results = [entry["result"]["ansible_facts"]["org_sharing_result"] for entry in run.results if entry["task"].endswith(ROLE_RESULT_TASK)]
    assert [result["changed"] for result in role_results] == [True, True, False, False]
    assert [result["changed_certificate_authority_arns"] for result in role_results[:2]] == [[ou_arn]] * 2
    # The policy module ran for the check and the apply; never when converged.
    assert len([entry for entry in run.results if entry["action"] == POLICY_MODULE and entry["status"] != "skipped"]) == 2

    # The bad paths stopped the role at its first task: no read, no write after it.
    failed = [index for index, entry in enumerate(run.results) if entry["status"] == "failed"]
    assert len(failed) == 1, run
    assert run.results[failed[0]]["task"].endswith(ROLE_CHECK_TASK)
    message = run.results[failed[0]]["result"]["msg"]
    assert "'ou-ab12-abcdefgh' is not an organizational unit path" in message
    assert f"is not in the organization {ORG_ID}" in message
    assert [entry["action"] for entry in run.results[failed[0]:] if entry["action"] == POLICY_MODULE] == []
    assert [entry["task"] for entry in run.results[failed[0]:] if entry["action"] == INFO_MODULE] == ["audit"]

    audit = run.result("audit")
    cas = by_arn(audit["certificate_authorities"])
    # Root ARN folded to the account; the Deny took ListTags away from the partner's read grant.
    assert summary(cas[account_arn]["access"]) == [
        # The caller is in no organization, so whether the outsider's account is in ORG_ID is unknown.
        ("OutsiderRole", "arn", outsider_role, False, "POLICY", None),
        ("Partner", "account", PARTNER, False, "POLICY", False),
        ("PartnerIssue", "account", PARTNER, True, "POLICY", False),
    ]
    partner_read = [item for item in cas[account_arn]["access"] if item["sid"] == "Partner"][0]
    assert sorted(partner_read["actions"]) == sorted(action for action in pca.READ_ACTIONS if action != "acm-pca:ListTags")
    assert summary(cas[organization_arn]["access"]) == [
        ("ForeignOu", "organization_path", f"{OTHER_ORG_ID}/r-zz99/ou-zz99-abcdefgh/*", False, "POLICY", True),
        ("Org", "organization", ORG_ID, False, "POLICY", False),
        ("OuIssue", "organization_path", f"{OU}/*", True, "POLICY", False),
    ]
    ou_issue = [item for item in cas[organization_arn]["access"] if item["sid"] == "OuIssue"][0]
    assert ou_issue["templates"] == [pca.template_arn()] and ou_issue["actions"] == [issue]
    assert summary(cas[public_arn]["access"]) == [
        ("Public", "public", "*", False, "POLICY", True),
        (RAM_SID, "account", OUTSIDER, True, "RAM", None),
    ]
    assert cas[unshared_arn]["access"] == [] and cas[unshared_arn]["policy"] is None
    assert cas[public_arn]["policy"]["Statement"][1]["Sid"] == "Public"
    # What the role wrote, read back by the audit: the OUs (each written once, ending in /*), the partner untouched.
    assert summary(cas[ou_arn]["access"]) == [
        ("IssueAccess", "account", PARTNER, True, "POLICY", False),
        ("PkiAcmpcaOrgSharingIssue", "organization_path", f"{OU}/*", True, "POLICY", False),
        ("PkiAcmpcaOrgSharingIssue", "organization_path", f"{DEEPER_OU}/*", True, "POLICY", False),
        ("PkiAcmpcaOrgSharingRead", "organization_path", f"{OU}/*", False, "POLICY", False),
        ("PkiAcmpcaOrgSharingRead", "organization_path", f"{DEEPER_OU}/*", False, "POLICY", False),
        ("ReadAccess", "account", PARTNER, False, "POLICY", False),
    ]
    assert sorted((item["certificate_authority_arn"], item["sid"]) for item in audit["external_access"]) == sorted([
        (organization_arn, "ForeignOu"), (public_arn, "Public")])
    assert sorted((item["certificate_authority_arn"], item["sid"]) for item in audit["unresolved_access"]) == sorted([
        (account_arn, "OutsiderRole"), (public_arn, RAM_SID)])
    assert run.status("the findings drive a compliance check in Jinja") == "ok"

    # Read from moto itself: the partner's statements untouched, the role's now for the OUs only.
    policy = aws.read_policy(ou_arn)
    statements = {item["Sid"]: item for item in as_list(policy["Statement"])}
    assert sorted(statements) == ["IssueAccess", "PkiAcmpcaOrgSharingIssue", "PkiAcmpcaOrgSharingRead", "ReadAccess"]
    assert [statements[sid] for sid in ("ReadAccess", "IssueAccess")] == foreign["Statement"]
    assert statements["PkiAcmpcaOrgSharingRead"]["Condition"] == {
        "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": [f"{OU}/*", f"{DEEPER_OU}/*"]}}
    assert ORG_ID not in str(statements["PkiAcmpcaOrgSharingIssue"]["Condition"].get("StringEquals"))
    assert len([entry for entry in aws.proxy.log() if entry["operation"] == "PutPolicy"]) == 1
