# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""acmpca_info end to end: every condition key that narrows who, in one audit against two
trust zones (one holds the narrowed accounts, one does not); the organization's member
accounts read from moto's AWS Organizations as its management account, and left unresolved
as a member account that may not list them; filters; a missing CA by ARN. Two
ansible-playbook runs in all; the analysis itself is specified by the unit tests."""

from pki_acmpca_emulator import pca

INFO_MODULE = "pki.acmpca.acmpca_info"
PARTNER = "111122223333"
OUTSIDER = "444455556666"
ORGANIZATIONS = "AWSOrganizationsV20161128"


def statement(arn, principal, condition=None):
    item = {"Sid": "Grant", "Effect": "Allow", "Principal": principal, "Action": pca.READ_ACTIONS, "Resource": arn}
    if condition:
        item["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [item]}


def info_task(name, args, **options):
    task = {"name": name, INFO_MODULE: args}
    task.update(options)
    return task


def seen(finding):
    return (finding["principal_type"], finding["principal"], finding["source_account"], finding["source_organization"],
            finding["is_public"])


def test_every_narrowing_key_and_operator_against_two_zones_with_the_organizations_accounts_and_filters(aws, ansible):
    organization_id, management = aws.create_organization()
    member = pca.create_member_account(aws.moto_url, management_account_id=management)
    member_role = f"arn:aws:iam::{member}:role/issuer"
    service = {"Service": "acm.amazonaws.com"}
    path = f"{organization_id}/r-ab12/ou-ab12-abcdefgh/*"
    # name: (principal, condition, what the finding says, external in zone A (partner + organization), in zone B (another account))
    cases = {
        "account equals": ("*", {"StringEquals": {"aws:PrincipalAccount": PARTNER}}, ("account", PARTNER, None, None, False), False, True),
        "account like, member": ("*", {"StringLike": {"aws:PrincipalAccount": member}}, ("account", member, None, None, False), False, True),
        "account any value": ("*", {"ForAnyValue:StringEquals": {"aws:PrincipalAccount": OUTSIDER}},
                              ("account", OUTSIDER, None, None, False), True, True),
        "account ignore case": ("*", {"StringEqualsIgnoreCase": {"AWS:PRINCIPALACCOUNT": PARTNER}},
                                ("account", PARTNER, None, None, False), False, True),
        "arn like": ("*", {"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{PARTNER}:role/pki-*"}},
                     ("arn", f"arn:aws:iam::{PARTNER}:role/pki-*", None, None, False), False, True),
        "arn equals, member": ({"AWS": "*"}, {"ArnEquals": {"aws:PrincipalArn": member_role}}, ("arn", member_role, None, None, False),
                               False, True),
        "arn any account": ("*", {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/pki"}}, ("public", "*", None, None, True),
                            True, True),
        "organization pattern": ("*", {"StringLike": {"aws:PrincipalOrgID": "o-*"}}, ("public", "*", None, None, True), True, True),
        "source account": (service, {"StringEquals": {"aws:SourceAccount": member}}, ("service", "acm.amazonaws.com", member, None, False),
                           False, True),
        "source owner": (service, {"StringLike": {"aws:SourceOwner": PARTNER}}, ("service", "acm.amazonaws.com", PARTNER, None, False),
                         False, True),
        "source arn": (service, {"ArnLike": {"aws:SourceArn": f"arn:aws:acm:us-east-1:{OUTSIDER}:certificate/*"}},
                       ("service", "acm.amazonaws.com", OUTSIDER, None, False), True, True),
        "source organization": (service, {"StringEquals": {"aws:SourceOrgID": organization_id}},
                                ("service", "acm.amazonaws.com", None, organization_id, False), False, True),
        "source path on a star": ("*", {"ForAnyValue:StringLike": {"aws:SourceOrgPaths": path}}, ("service", "*", None, path, False),
                                  False, True),
        "source ip": ("*", {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}, ("public", "*", None, None, True), True, True),
        "source vpce": ("*", {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}, ("public", "*", None, None, True), True, True),
        "negated": ("*", {"StringNotEquals": {"aws:PrincipalAccount": OUTSIDER}}, ("public", "*", None, None, True), True, True),
        "if exists": ("*", {"StringEqualsIfExists": {"aws:PrincipalAccount": PARTNER}}, ("public", "*", None, None, True), True, True),
        "for all values": ("*", {"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": path}}, ("public", "*", None, None, True), True, True),
        "anded": ("*", {"StringEquals": {"aws:PrincipalAccount": OUTSIDER, "aws:PrincipalOrgID": organization_id}},
                  ("account", OUTSIDER, None, None, False), False, True),
        "named member": ({"AWS": member}, None, ("account", member, None, None, False), False, True),
    }
    arns = dict(zip(cases, aws.create_active_cas(len(cases))))
    for name, (principal, condition, _finding, _in_a, _in_b) in cases.items():
        aws.put_policy(arns[name], statement(arns[name], principal, condition))
    tagged = aws.create_active_ca(common_name="filter-a", tags={"Team": "pki"})
    pending = aws.create_pending_ca(common_name="filter-b", tags={"Team": "pki"})
    aws.create_active_ca(common_name="filter-c", tags={"Team": "web"})
    missing = f"{arns['named member'].rsplit('/', 1)[0]}/ffffffff-ffff-ffff-ffff-ffffffffffff"
    tasks = [
        info_task("zone A", {"include_access": True, "trusted_accounts": [PARTNER], "trusted_organization_id": organization_id},
                  register="zone_a"),
        info_task("zone B", {"include_access": True, "trusted_accounts": ["999988887777"]}, register="zone_b"),
        info_task("filters", {"filters": {"status": "ACTIVE", "common_name": "filter-*", "type": ["ROOT"], "key_algorithm": "RSA_2048",
                                          "usage_mode": ["GENERAL_PURPOSE", "SHORT_LIVED_CERTIFICATE"]}}),
        info_task("tags", {"filters": {"common_name": "filter-?", "tags": {"Team": "pki"}}, "include_tags": True}),
        info_task("missing", {"certificate_authority_arn": missing}, ignore_errors=True),
    ]

    run = ansible.playbook(ansible.play(tasks))

    for zone, index in (("zone A", 3), ("zone B", 4)):
        audit = run.result(zone)
        cas = {ca["arn"]: ca for ca in audit["certificate_authorities"]}
        for name, (_principal, _condition, finding, in_a, in_b) in cases.items():
            access = cas[arns[name]]["access"]
            assert [seen(item) for item in access] == [finding], (zone, name, access)
            assert [item["external"] for item in access] == [in_a if zone == "zone A" else in_b], (zone, name)
        assert audit["unresolved_access"] == [] and not run.entry(zone)["result"].get("warnings")
        assert sorted(item["certificate_authority_arn"] for item in audit["external_access"]) == sorted(
            arns[name] for name, case in cases.items() if case[index])
    conditions = {ca["arn"]: ca["access"][0]["conditions"] for ca in run.result("zone A")["certificate_authorities"]
                  if ca["arn"] in arns.values()}
    assert conditions[arns["source ip"]] == {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
    assert conditions[arns["anded"]] == {"StringEquals": {"aws:PrincipalOrgID": organization_id}}
    assert conditions[arns["account equals"]] == {}

    assert sorted(ca["certificate_authority_configuration"]["subject"]["common_name"]
                  for ca in run.result("filters")["certificate_authorities"]) == ["filter-a", "filter-c"]
    found = run.result("tags")["certificate_authorities"]
    assert sorted((ca["arn"], ca["tags"]["Team"]) for ca in found) == sorted([(tagged, "pki"), (pending, "pki")])
    assert run.status("missing") == "failed"
    assert run.result("missing")["msg"].startswith(f"Certificate authority {missing} was not found in region us-east-1 for the account in use")

    log = aws.proxy.log()
    # The organization's accounts were read once (zone A); zone B has no organization to read.
    assert [entry["operation"] for entry in log if entry["service"] == ORGANIZATIONS] == ["DescribeOrganization", "ListAccounts"]
    # The filters cost no call beyond the listing; the tags filter one ListTags per CA named filter-?, read once for include_tags too.
    assert len([entry for entry in log if entry["operation"] == "ListTags"]) == 3
    assert len([entry for entry in log if entry["operation"] == "GetPolicy"]) == 2 * (len(cases) + 3)


def test_a_member_account_that_may_not_list_the_organization_leaves_member_grants_unresolved(aws, ansible):
    organization_id, management = aws.create_organization()
    caller = aws.member_account(management)
    other_member = pca.create_member_account(aws.moto_url, management_account_id=management)
    arn = aws.create_active_ca(account_id=caller.account_id)
    aws.put_policy(arn, {"Version": "2012-10-17", "Statement": [
        {"Sid": "Member", "Effect": "Allow", "Principal": {"AWS": other_member}, "Action": pca.READ_ACTIONS, "Resource": arn},
        {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "acm-pca:GetCertificate", "Resource": arn},
    ]})

    run = ansible.playbook(ansible.play([info_task("audit", {"include_access": True, "trusted_organization_id": organization_id},
                                                   register="audit")]), env=caller.env)

    assert run.rc == 0, run
    audit = run.result("audit")
    access = {item["sid"]: item for item in audit["certificate_authorities"][0]["access"]}
    assert access["Member"]["external"] is None
    assert f"whether account {other_member} is in organization {organization_id} is unknown" in access["Member"]["external_reason"]
    assert access["Public"]["external"] is True and access["Public"]["external_reason"] is None
    assert [(item["certificate_authority_arn"], item["sid"]) for item in audit["unresolved_access"]] == [(arn, "Member")]
    assert [item["sid"] for item in audit["external_access"]] == ["Public"]
    warnings = run.entry("audit")["result"].get("warnings") or []
    assert any(f"The accounts of organization {organization_id} could not be read" in str(warning) for warning in warnings), warnings
