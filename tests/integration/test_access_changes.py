# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""acmpca_policy's access_changes, end to end: who gains and who loses access, in the result and
in the diff ansible-playbook prints, for the changes a reviewer meets most: an organization
narrowed to OU paths, an added account, a removed template and a dropped AWS RAM statement.
What is computed is proven in-process by tests/unit/plugins/module_utils/_policy/access_changes/."""

import pytest

from pki_acmpca_emulator import pca

MODULE = "pki.acmpca.acmpca_policy"
ORG_ID = "o-a1b2c3d4e5"
OU_PATH = ORG_ID + "/r-ab12/ou-ab12-11111111"
GRANTEE = "111122223333"
PARTNER = "999988887777"
RAM_ACCOUNT = "444455556666"
RAM_SID = "7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals"
END_ENTITY = pca.template_arn("EndEntityCertificate/V1")
SERVER = pca.template_arn("EndEntityServerAuthCertificate/V1")
ISSUE = "acm-pca:IssueCertificate"
STEPS = (1, 2, 3, 4)
NO_CHANGES = {"gained": [], "lost": [], "conditions_changed": []}


def who(principal_type, principal, actions, templates=()):
    return {"principal_type": principal_type, "principal": principal, "source_account": None, "source_organization": None,
            "actions": sorted(actions), "templates": list(templates)}


def four_steps(name, args):
    return [{"name": "step %d: %s" % (step, name), MODULE: args, "check_mode": step in (1, 3), "diff": True} for step in STEPS]


def issue_statement(arn, principal, templates):
    return {"Sid": "IssueAccess", "Effect": "Allow", "Principal": {"AWS": principal}, "Action": ISSUE, "Resource": arn,
            "Condition": {"StringEquals": {"acm-pca:TemplateArn": list(templates)}}}


@pytest.fixture
def scenarios(aws):
    """(name, module args, expected access_changes, expected diff lines) of each scenario, its CA set up."""
    org_arn, account_arn, template_arn, ram_arn = aws.create_active_cas(4)
    everything = sorted(list(pca.READ_ACTIONS) + [ISSUE])
    # The whole organization, as the org_sharing option writes it, then narrowed to one OU.
    org_sharing = {"organization_id": ORG_ID}
    aws.put_policy(account_arn, pca.account_share_policy(account_arn, GRANTEE))
    partner = [{"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": PARTNER}, "Action": list(pca.READ_ACTIONS),
                "Resource": account_arn}]
    two_templates = {"Version": "2012-10-17", "Statement": [issue_statement(template_arn, GRANTEE, [END_ENTITY, SERVER])]}
    aws.put_policy(template_arn, two_templates)
    with_ram = pca.account_share_policy(ram_arn, GRANTEE)
    aws.put_policy(ram_arn, dict(with_ram, Statement=with_ram["Statement"] + [
        {"Sid": RAM_SID, "Effect": "Allow", "Principal": {"AWS": RAM_ACCOUNT}, "Action": [ISSUE, "acm-pca:RevokeCertificate"],
         "Resource": ram_arn}]))
    return org_arn, [
        ("organization to OU paths", {"resource_arn": org_arn, "org_sharing": dict(org_sharing, organizational_unit_paths=[OU_PATH])},
         {"gained": [who("organization_path", OU_PATH + "/*", everything, [END_ENTITY])],
          "lost": [who("organization", ORG_ID, everything, [END_ENTITY])], "conditions_changed": []},
         ["organization_path %s/* gains %s (templates: EndEntityCertificate/V1)" % (OU_PATH, ", ".join(everything)),
          "organization %s loses %s (templates: EndEntityCertificate/V1)" % (ORG_ID, ", ".join(everything))]),
        ("an added account", {"resource_arn": account_arn, "statements": partner},
         {"gained": [who("account", PARTNER, pca.READ_ACTIONS)], "lost": [], "conditions_changed": []},
         ["account %s gains %s" % (PARTNER, ", ".join(sorted(pca.READ_ACTIONS)))]),
        ("a removed template",
         {"resource_arn": template_arn, "policy": dict(two_templates, Statement=[issue_statement(template_arn, GRANTEE, [END_ENTITY])])},
         {"gained": [], "lost": [who("account", GRANTEE, [ISSUE], [SERVER])], "conditions_changed": []},
         ["account %s loses acm-pca:IssueCertificate (templates: EndEntityServerAuthCertificate/V1)" % GRANTEE]),
        ("a dropped RAM statement", {"resource_arn": ram_arn, "policy": with_ram},
         {"gained": [], "lost": [who("account", RAM_ACCOUNT, [ISSUE, "acm-pca:RevokeCertificate"], ["*"])], "conditions_changed": []},
         ["account %s loses acm-pca:IssueCertificate, acm-pca:RevokeCertificate (templates: *)" % RAM_ACCOUNT]),
    ]


def test_access_changes_name_who_gains_and_loses_in_the_result_and_the_diff_in_check_mode_and_for_real(aws, ansible, scenarios):
    org_arn, cases = scenarios
    tasks = [{"name": "share with the whole organization", MODULE: {"resource_arn": org_arn, "org_sharing": {"organization_id": ORG_ID}}}]
    for name, args, _changes, _lines in cases:
        tasks += four_steps(name, args)

    run = ansible.playbook(ansible.play(tasks), diff=True)

    assert run.rc == 0, run
    for name, _args, changes, lines in cases:
        results = [run.result("step %d: %s" % (step, name)) for step in STEPS]
        assert [run.status("step %d: %s" % (step, name)) for step in STEPS] == ["changed", "changed", "ok", "ok"], run
        for result in results[:2]:
            assert result["access_changes"] == changes, name
            summary = result["diff"][0]["prepared"]
            assert summary.endswith("access changes:\n%s" % "".join("  %s\n" % line for line in lines)), summary
            # ansible-playbook --diff prints the summary as it is.
            assert summary in run.stdout
        for result in results[2:]:
            assert result["access_changes"] == NO_CHANGES, name
            assert result["diff"][0]["prepared"].endswith("access changes:\n  none\n")
    # Working out access changes costs no AWS call: each step reads once, only step 2 writes, and
    # step 1 (check mode, a change predicted) asks for the CA's status, as check mode does.
    operations = [entry["operation"] for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]
    per_case = ["GetPolicy", "DescribeCertificateAuthority", "GetPolicy", "PutPolicy", "GetPolicy", "GetPolicy"]
    assert operations == ["GetPolicy", "PutPolicy"] + per_case * len(cases)
