# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who can use each CA, end to end: acmpca_info include_access against a trust zone, the
org_sharing role sharing with organizational units, and the audit example over an
inventory. Each test is one real ansible-playbook run that proves many things at once
(the analysis itself is specified by the unit tests)."""

import os

from tests.support import pca

INFO_MODULE = "pki.acmpca.acmpca_info"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
ROLE = "pki.acmpca.org_sharing"
ROLE_CHECK_TASK = "Check the organization ID and the template names before any AWS call"
ROLE_RESULT_TASK = "Record what the role changed"
ORG_ID = "o-exampleorg1"
OTHER_ORG_ID = "o-otherorg000"
PARTNER = "111122223333"
OUTSIDER = "444455556666"
RAM_SID = "a1b2c3d4-e5f6-7890-abcd-ef0123456789-external-principals"
OU = ORG_ID + "/r-ab12/ou-ab12-abcdefgh"
DEEPER_OU = OU + "/ou-ab12-ijklmnop"
EXAMPLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "examples")


def as_list(value):
    return value if isinstance(value, list) else [value]


def statement(sid, arn, principal, actions, condition=None, effect="Allow"):
    item = {"Sid": sid, "Effect": effect, "Principal": principal, "Action": actions, "Resource": arn}
    if condition:
        item["Condition"] = condition
    return item


def put_policy_task(name, arn, statements, validate=True):
    return {"name": name, POLICY_MODULE: {"resource_arn": arn, "policy": {"Version": "2012-10-17", "Statement": statements},
                                          "validate_policy": validate}}


def info_task(name, args, **options):
    task = {"name": name, INFO_MODULE: args}
    task.update(options)
    return task


def by_arn(cas):
    return dict((ca["arn"], ca) for ca in cas)


def summary(findings):
    return sorted((item["sid"], item["principal_type"], item["principal"], item["can_issue"], item["shared_via"], item["external"])
                  for item in findings)


def test_findings_of_every_principal_type_against_a_trust_zone_and_bad_ids_refused(aws, ansible):
    account_arn, organization_arn, public_arn, unshared_arn = aws.create_active_cas(4)
    issue = "acm-pca:IssueCertificate"
    end_entity = {"acm-pca:TemplateArn": pca.template_arn()}
    outsider_role = "arn:aws:iam::%s:role/issuer" % OUTSIDER
    tasks = [
        put_policy_task("share with the partner, a role of an outsider, and deny the partner ListTags", account_arn, [
            statement("Partner", account_arn, {"AWS": "arn:aws:iam::%s:root" % PARTNER}, pca.READ_ACTIONS),
            statement("PartnerIssue", account_arn, {"AWS": PARTNER}, issue, {"StringEquals": end_entity}),
            statement("OutsiderRole", account_arn, {"AWS": outsider_role}, "acm-pca:GetCertificate"),
            statement("NoTagsForPartner", account_arn, {"AWS": PARTNER}, "acm-pca:ListTags", effect="Deny"),
        ]),
        put_policy_task("share with the organization, one of its OUs, and an OU of another organization", organization_arn, [
            statement("Org", organization_arn, "*", pca.READ_ACTIONS, {"StringEquals": {"AWS:PrincipalOrgId": ORG_ID}}),
            statement("OuIssue", organization_arn, "*", issue,
                      {"StringEquals": end_entity, "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": [OU + "/*"]}}),
            statement("ForeignOu", organization_arn, "*", "acm-pca:GetCertificate",
                      {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": OTHER_ORG_ID + "/r-zz99/ou-zz99-abcdefgh/*"}}),
        ], validate=False),
        # What AWS may hold but the local rules refuse: a RAM share's RevokeCertificate, a public read.
        put_policy_task("a RAM share and a public grant", public_arn, [
            statement(RAM_SID, public_arn, {"AWS": OUTSIDER}, [issue, "acm-pca:RevokeCertificate"], {"StringEquals": end_entity}),
            statement("Public", public_arn, "*", "acm-pca:GetCertificateAuthorityCertificate"),
        ], validate=False),
        info_task("audit", {"include_access": True, "trusted_accounts": [PARTNER], "trusted_organization_id": ORG_ID}, register="audit"),
        info_task("no trust zone", {"include_access": True, "certificate_authority_arn": public_arn}),
        {"name": "the findings drive a compliance check in Jinja", "ansible.builtin.assert": {"that": [
            "audit.external_access | selectattr('principal_type', 'equalto', 'public') | list | length == 1",
            "audit.external_access | selectattr('shared_via', 'equalto', 'RAM') | map(attribute='can_issue') | list == [true]",
        ]}},
        info_task("account ID of 11 digits", {"include_access": True, "trusted_accounts": ["11112222333"]}, ignore_errors=True),
        info_task("account ID that YAML made a number and lost its leading zero", {"include_access": True, "trusted_accounts": [12345678901]},
                  ignore_errors=True),
        info_task("organization ID in capitals", {"include_access": True, "trusted_organization_id": "o-EXAMPLEORG1"}, ignore_errors=True),
        info_task("trust zone without include_access", {"include_policy": True, "trusted_organization_id": ORG_ID}, ignore_errors=True),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    audit = run.result("audit")
    cas = by_arn(audit["certificate_authorities"])
    # Root ARN folded to the account; the Deny took ListTags away from the partner's read grant.
    assert summary(cas[account_arn]["access"]) == [
        ("OutsiderRole", "arn", outsider_role, False, "POLICY", True),
        ("Partner", "account", PARTNER, False, "POLICY", False),
        ("PartnerIssue", "account", PARTNER, True, "POLICY", False),
    ]
    partner_read = [item for item in cas[account_arn]["access"] if item["sid"] == "Partner"][0]
    assert sorted(partner_read["actions"]) == sorted(action for action in pca.READ_ACTIONS if action != "acm-pca:ListTags")
    assert summary(cas[organization_arn]["access"]) == [
        ("ForeignOu", "organization_path", OTHER_ORG_ID + "/r-zz99/ou-zz99-abcdefgh/*", False, "POLICY", True),
        ("Org", "organization", ORG_ID, False, "POLICY", False),
        ("OuIssue", "organization_path", OU + "/*", True, "POLICY", False),
    ]
    ou_issue = [item for item in cas[organization_arn]["access"] if item["sid"] == "OuIssue"][0]
    assert ou_issue["templates"] == [pca.template_arn()] and ou_issue["actions"] == [issue]
    assert summary(cas[public_arn]["access"]) == [
        ("Public", "public", "*", False, "POLICY", True),
        (RAM_SID, "account", OUTSIDER, True, "RAM", True),
    ]
    assert cas[unshared_arn]["access"] == [] and cas[unshared_arn]["policy"] is None
    assert cas[public_arn]["policy"]["Statement"][1]["Sid"] == "Public"
    assert sorted((item["certificate_authority_arn"], item["sid"]) for item in audit["external_access"]) == sorted([
        (account_arn, "OutsiderRole"), (organization_arn, "ForeignOu"), (public_arn, RAM_SID), (public_arn, "Public")])
    assert run.status("the findings drive a compliance check in Jinja") == "ok"

    unjudged = run.result("no trust zone")
    assert [item["external"] for item in unjudged["certificate_authorities"][0]["access"]] == [None, None]
    assert unjudged["external_access"] == []

    refused = {
        "account ID of 11 digits": "trusted_accounts: '11112222333' is not an AWS account ID (12 digits",
        "account ID that YAML made a number and lost its leading zero": "trusted_accounts: '12345678901' is not an AWS account ID",
        "organization ID in capitals": "trusted_organization_id 'o-EXAMPLEORG1' is not an organization ID",
        "trust zone without include_access": "trusted_accounts and trusted_organization_id are used only with include_access=true",
    }
    for name, message in refused.items():
        assert run.status(name) == "failed", run
        assert message in run.result(name)["msg"]
        assert "Traceback" not in run.result(name)["msg"]
    # Refused before any AWS call: each would have listed the CAs; only "audit" did.
    assert aws.proxy.operations().count("ListCertificateAuthorities") == 1


def _role(name, check_mode=False, **role_vars):
    task = {"name": name, "ansible.builtin.import_role": {"name": ROLE}, "vars": dict(org_sharing_organization_id=ORG_ID, **role_vars)}
    if check_mode:
        task["check_mode"] = True
    return task


def test_the_role_shares_with_ous_converges_switches_to_the_organization_and_refuses_a_bad_path_before_any_write(aws, ansible):
    arn = aws.create_active_ca()
    foreign = pca.account_share_policy(arn, PARTNER)
    aws.put_policy(arn, foreign)
    ous = [OU, DEEPER_OU + "/"]
    read_back = info_task("read back", {"include_access": True, "trusted_organization_id": ORG_ID})
    tasks = [
        _role("OUs, check", check_mode=True, org_sharing_organizational_unit_paths=ous),
        _role("OUs, apply", org_sharing_organizational_unit_paths=ous),
        _role("OUs, check again", check_mode=True, org_sharing_organizational_unit_paths=ous),
        _role("OUs, apply again", org_sharing_organizational_unit_paths=ous),
        dict(read_back, name="read back the OU sharing"),
        _role("whole organization", org_sharing_allow_issue=False),
        dict(read_back, name="read back the organization sharing"),
        {"name": "bad paths", "block": [_role("bad paths", org_sharing_organizational_unit_paths=[
            "ou-ab12-abcdefgh", OTHER_ORG_ID + "/r-ab12/ou-ab12-abcdefgh"])],
         "rescue": [{"name": "the bad paths were refused", "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}}]},
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    role_results = [entry["result"]["ansible_facts"]["org_sharing_result"] for entry in run.results if entry["task"].endswith(ROLE_RESULT_TASK)]
    assert [result["changed"] for result in role_results] == [True, True, False, False, True]
    # The policy module ran for the check, the apply and the switch; never when converged.
    assert len([entry for entry in run.results if entry["action"] == POLICY_MODULE and entry["status"] != "skipped"]) == 3

    ou_findings = run.result("read back the OU sharing")["certificate_authorities"][0]["access"]
    assert summary(ou_findings) == [
        ("IssueAccess", "account", PARTNER, True, "POLICY", True),
        ("PkiAcmpcaOrgSharingIssue", "organization_path", OU + "/*", True, "POLICY", False),
        ("PkiAcmpcaOrgSharingIssue", "organization_path", DEEPER_OU + "/*", True, "POLICY", False),
        ("PkiAcmpcaOrgSharingRead", "organization_path", OU + "/*", False, "POLICY", False),
        ("PkiAcmpcaOrgSharingRead", "organization_path", DEEPER_OU + "/*", False, "POLICY", False),
        ("ReadAccess", "account", PARTNER, False, "POLICY", True),
    ]
    org_findings = run.result("read back the organization sharing")["certificate_authorities"][0]["access"]
    assert [(item["sid"], item["principal_type"], item["principal"]) for item in org_findings
            if item["sid"].startswith("PkiAcmpca")] == [("PkiAcmpcaOrgSharingRead", "organization", ORG_ID)]

    # The bad paths stopped the role at its first task: no read, no write after it.
    failed = [index for index, entry in enumerate(run.results) if entry["status"] == "failed"]
    assert len(failed) == 1, run
    assert run.results[failed[0]]["task"].endswith(ROLE_CHECK_TASK)
    message = run.results[failed[0]]["result"]["msg"]
    assert "'ou-ab12-abcdefgh' is not an organizational unit path" in message
    assert "is not in the organization %s" % ORG_ID in message
    assert [entry["action"] for entry in run.results[failed[0]:] if entry["action"] in (INFO_MODULE, POLICY_MODULE)] == []

    # Read from moto itself: the partner's statements untouched, the role's now read-only for the organization.
    policy = aws.read_policy(arn)
    statements = dict((item["Sid"], item) for item in as_list(policy["Statement"]))
    assert sorted(statements) == ["IssueAccess", "PkiAcmpcaOrgSharingRead", "ReadAccess"]
    assert [statements[sid] for sid in ("ReadAccess", "IssueAccess")] == foreign["Statement"]
    assert statements["PkiAcmpcaOrgSharingRead"]["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}
    assert len([entry for entry in aws.proxy.log() if entry["operation"] == "PutPolicy"]) == 2


def test_access_example_reports_external_grants_per_account_and_region(aws, ansible, tmp_path):
    prod = aws.assume(pca.random_account_id())
    dev = aws.assume(pca.random_account_id())
    clients = {
        "pki-prod-eu-west-1": pca.make_client(aws.moto_url, region="eu-west-1", credentials=prod.credentials),
        "pki-prod-us-east-1": pca.make_client(aws.moto_url, region="us-east-1", credentials=prod.credentials),
        "pki-dev-eu-west-1": pca.make_client(aws.moto_url, region="eu-west-1", credentials=dev.credentials),
    }
    arns = dict((host, pca.create_active_ca(client, common_name=host)) for host, client in clients.items())
    pca.put_raw_policy(clients["pki-prod-eu-west-1"], arns["pki-prod-eu-west-1"], pca.org_share_policy(arns["pki-prod-eu-west-1"], ORG_ID))
    outsider_share = pca.account_share_policy(arns["pki-dev-eu-west-1"], OUTSIDER)
    outsider_share["Statement"][1]["Sid"] = RAM_SID
    pca.put_raw_policy(clients["pki-dev-eu-west-1"], arns["pki-dev-eu-west-1"], outsider_share)
    config = tmp_path / "aws-config"
    config.write_text("".join(
        "[profile %s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\nendpoint_url = %s\n\n"
        % (profile, account.credentials["aws_access_key_id"], account.credentials["aws_secret_access_key"],
           account.credentials["aws_session_token"], aws.endpoint_url)
        for profile, account in (("pki-prod", prod), ("pki-dev", dev))))
    with open(os.path.join(EXAMPLES_DIR, "access", "find_external_access.yml"), encoding="utf-8") as handle:
        playbook = handle.read()
    ansible.inventory = os.path.join(EXAMPLES_DIR, "access", "inventory.yml")

    run = ansible.playbook(playbook, extra_vars={"trusted_organization_id": ORG_ID},
                           env={"AWS_CONFIG_FILE": str(config), "AWS_ACCESS_KEY_ID": None,
                                "AWS_SECRET_ACCESS_KEY": None, "AWS_DEFAULT_REGION": None})

    assert run.rc != 0, run
    failed_hosts = sorted(entry["host"] for entry in run.results if entry["status"] == "failed")
    assert failed_hosts == ["pki-dev-eu-west-1"], run
    audits = dict((entry["host"], entry["result"]) for entry in run.results if entry["action"] == INFO_MODULE)
    assert sorted(audits) == sorted(clients)
    assert audits["pki-prod-eu-west-1"]["external_access"] == []
    assert [item["principal_type"] for item in audits["pki-prod-eu-west-1"]["certificate_authorities"][0]["access"]] == ["organization"] * 2
    assert audits["pki-prod-us-east-1"]["certificate_authorities"][0]["access"] == []
    external = audits["pki-dev-eu-west-1"]["external_access"]
    assert sorted((item["certificate_authority_arn"], item["principal"], item["shared_via"], item["can_issue"]) for item in external) == [
        (arns["pki-dev-eu-west-1"], OUTSIDER, "POLICY", False), (arns["pki-dev-eu-west-1"], OUTSIDER, "RAM", True)]
    output = " ".join(run.stdout.split())
    assert "%s: account %s may acm-pca:IssueCertificate (issue with %s) through RAM statement %s" % (
        arns["pki-dev-eu-west-1"], OUTSIDER, pca.template_arn(), RAM_SID) in output, run
    assert "2 grant(s) outside the organization on %s" % arns["pki-dev-eu-west-1"] in output, run
    assert set(entry["operation"] for entry in aws.proxy.log()) == {"ListCertificateAuthorities", "GetPolicy"}
