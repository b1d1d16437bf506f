# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pki.acmpca.acmpca_policy, end to end: real ansible-playbook runs against moto through
the fault proxy, whose log shows every ACM PCA call the module made.

Each ``ansible-playbook`` run and each module task costs a second or more of CPU, so a run
proves several things at once (several CAs, several tasks per step). What the module decides
(comparison by meaning, the policy rules, error messages) is proven in-process by
tests/unit/plugins/modules/test_acmpca_policy.py; these runs prove what only Ansible shows.

The proxy logs every request the module makes, and the module can reach moto only through
it: a step that made no PutPolicy or DeletePolicy left moto as it was, so reading moto
before and after the run (``aws.read_policy``) shows the state after every step.
"""

import json

import pytest

from tests.support import pca

MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ACTION_GROUP = "group/pki.acmpca.acmpca"
GRANTEE = "111122223333"
ORG_ID = "o-a1b2c3d4e5"
OTHER_REGION = "us-west-2"
RAM_WARNING = "AWS also removes this CA from every AWS RAM resource share"
RAM_SID = "7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals"
PARTNER = "999988887777"
STEPS = (1, 2, 3, 4)


# -------------------------------------------------------------- helpers


def policy_task(name, args, **options):
    task = {"name": name, MODULE: args}
    task.update(options)
    return task


def pca_calls(aws):
    """(operation, arn) of every ACM PCA request the module made, in order."""
    return [(entry["operation"], entry["arn"]) for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def four_steps(scenarios):
    """check, apply, check, apply of each (name, args) scenario: task "step N: name"."""
    return [policy_task("step %d: %s" % (step, name), args, check_mode=step in (1, 3), diff=True)
            for step in STEPS for name, args in scenarios]


def step_results(run, name):
    return [run.result("step %d: %s" % (step, name)) for step in STEPS]


def step_statuses(run, name):
    return [run.status("step %d: %s" % (step, name)) for step in STEPS]


def statuses(run, names):
    return [run.status(name) for name in names]


def _ram_statement(arn):
    """A statement as AWS RAM writes it for a resource share (RAM may grant RevokeCertificate)."""
    return {"Sid": RAM_SID, "Effect": "Allow", "Principal": {"AWS": "444455556666"},
            "Action": ["acm-pca:IssueCertificate", "acm-pca:RevokeCertificate"], "Resource": arn}


def _partner_statements(arn, template="EndEntityServerAuthCertificate/V1"):
    return [
        {"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": PARTNER}, "Action": list(pca.READ_ACTIONS), "Resource": arn},
        {"Sid": "PartnerIssue", "Effect": "Allow", "Principal": {"AWS": PARTNER}, "Action": "acm-pca:IssueCertificate", "Resource": arn,
         "Condition": {"StringEquals": {"acm-pca:TemplateArn": pca.template_arn(template)}}},
    ]


def _with(policy, *statements):
    return dict(policy, Statement=policy["Statement"] + list(statements))


# ---------------------------------------------------------------- present


@pytest.mark.compat
def test_present_converges_in_four_steps_check_apply_check_apply(aws, ansible):
    arn = aws.create_active_ca()
    desired = pca.org_share_policy(arn, ORG_ID)
    assert aws.read_policy(arn) is None

    run = ansible.playbook(ansible.play(four_steps([("present", {"resource_arn": arn, "policy": desired})])))

    assert run.rc == 0, run
    assert step_statuses(run, "present") == ["changed", "changed", "ok", "ok"], run
    for result in step_results(run, "present")[:2]:
        assert result["resource_arn"] == arn
        assert result["policy"] == desired
        assert result["previous_policy"] is None
        assert (result["diff"]["before"], result["diff"]["after"]) == ({}, desired)
    for result in step_results(run, "present")[2:]:
        assert result["policy"] == desired and result["previous_policy"] == desired
        assert result["diff"]["before"] == result["diff"]["after"] == desired
        # The policy comes back as stored, in its original key case.
        assert result["policy"]["Statement"][1]["Condition"]["StringEquals"]["aws:PrincipalOrgID"] == ORG_ID
    assert all(not result.get("warnings") for result in step_results(run, "present"))
    # Only step 2 wrote: moto held no policy until then, and the desired one from then on.
    assert pca_calls(aws) == [
        ("GetPolicy", arn), ("DescribeCertificateAuthority", arn),                        # step 1 (check): no PutPolicy
        ("GetPolicy", arn), ("PutPolicy", arn),    # step 2: PutPolicy right after the read (its answer would tell a missing CA)
        ("GetPolicy", arn),                                                               # step 3: one call
        ("GetPolicy", arn),                                                               # step 4: one call
    ]
    assert aws.read_policy(arn) == desired


# ---------------------------------------------------------------- absent, statements, and how options are given


def test_absent_and_statements_converge_in_four_steps_and_policies_reach_aws_from_files_text_and_module_defaults(aws, ansible, tmp_path):
    absent_arn, shared_arn, file_arn, text_arn = aws.create_active_cas(4)
    existing = pca.account_share_policy(absent_arn, GRANTEE)
    aws.put_policy(absent_arn, existing)
    assert aws.read_policy(absent_arn) == existing
    shared_before = _with(pca.account_share_policy(shared_arn, GRANTEE), _ram_statement(shared_arn))
    aws.put_policy(shared_arn, shared_before)
    partner = _partner_statements(shared_arn)
    from_file = pca.account_share_policy(file_arn, GRANTEE)
    policy_file = tmp_path / "ca-policy.json"
    policy_file.write_text(json.dumps(from_file, indent=2))
    as_text = pca.org_share_policy(text_arn, ORG_ID)
    # A CA in another region, managed through module_defaults for the action group with no region.
    west = pca.make_client(aws.moto_url, region=OTHER_REGION)
    west_arn = pca.create_active_ca(west)
    west_policy = pca.account_share_policy(west_arn, GRANTEE)

    tasks = four_steps([
        ("absent", {"resource_arn": absent_arn, "state": "absent"}),
        ("statements", {"resource_arn": shared_arn, "statements": partner}),
    ])
    tasks += [
        policy_task("arn alias, policy from a file", {"arn": file_arn, "policy": "{{ lookup('ansible.builtin.file', '%s') }}" % policy_file}),
        policy_task("certificate_authority_arn alias, policy as JSON text", {"certificate_authority_arn": text_arn, "policy": json.dumps(as_text)}),
    ]
    region_play = ansible.play([
        policy_task("share in another region", {"resource_arn": west_arn, "policy": west_policy}),
        {"name": "describe in another region", INFO_MODULE: {"certificate_authority_arn": west_arn, "include_policy": True}},
    ], module_defaults_endpoint=False, name="region of the ARN")
    region_play["module_defaults"] = {ACTION_GROUP: {"endpoint_url": aws.endpoint_url}}

    run = ansible.playbook([ansible.play(tasks), region_play], env={"AWS_DEFAULT_REGION": aws.region})

    assert run.rc == 0, run
    # absent: deleted in step 2 only, with the warning about RAM shares when (and only when) deleting.
    assert step_statuses(run, "absent") == ["changed", "changed", "ok", "ok"], run
    check, apply, *unchanged = step_results(run, "absent")
    for result, verb in ((check, "Would delete"), (apply, "Deleted")):
        assert result["policy"] is None and result["previous_policy"] == existing
        assert (result["diff"]["before"], result["diff"]["after"]) == (existing, {})
        assert len(result["warnings"]) == 1 and RAM_WARNING in result["warnings"][0]
        assert result["warnings"][0].startswith("%s the policy of %s" % (verb, absent_arn))
    for result in unchanged:
        assert result["policy"] is None and result["previous_policy"] is None
        assert not result.get("warnings")
    assert aws.read_policy(absent_arn) is None
    # statements: added beside the account share and RAM's statement, which stay as they were.
    merged = _with(shared_before, *partner)
    assert step_statuses(run, "statements") == ["changed", "changed", "ok", "ok"], run
    for result in step_results(run, "statements"):
        assert result["policy"] == merged and not result.get("warnings")
        assert RAM_SID in result["diff"]["before_header"] and RAM_SID in result["diff"]["after_header"]
    assert aws.read_policy(shared_arn) == merged
    # A policy from a file lookup and one as JSON text, under the two aliases of resource_arn.
    assert statuses(run, ["arn alias, policy from a file", "certificate_authority_arn alias, policy as JSON text"]) == ["changed"] * 2
    assert run.result("arn alias, policy from a file")["resource_arn"] == file_arn
    assert run.result("certificate_authority_arn alias, policy as JSON text")["resource_arn"] == text_arn
    assert run.result("certificate_authority_arn alias, policy as JSON text")["policy"] == as_text
    assert aws.read_policy(file_arn) == from_file
    assert aws.read_policy(text_arn) == as_text
    # The region of the ARN, not AWS_DEFAULT_REGION, for both modules of the action group.
    assert run.status("share in another region") == "changed", run
    assert pca.read_policy(west, west_arn) == west_policy
    assert [(ca["arn"], ca["policy"]) for ca in run.result("describe in another region")["certificate_authorities"]] == [(west_arn, west_policy)]
    assert pca_calls(aws) == [
        ("GetPolicy", absent_arn),                                                  # step 1 (check): no DeletePolicy
        ("GetPolicy", shared_arn),                                                  # ... nor PutPolicy
        ("GetPolicy", absent_arn), ("DeletePolicy", absent_arn),                    # step 2
        ("GetPolicy", shared_arn), ("PutPolicy", shared_arn),
        ("GetPolicy", absent_arn), ("DescribeCertificateAuthority", absent_arn),    # step 3: no policy
        ("GetPolicy", shared_arn),                                                  # ... one call
        ("GetPolicy", absent_arn), ("DescribeCertificateAuthority", absent_arn),    # step 4
        ("GetPolicy", shared_arn),
        ("GetPolicy", file_arn), ("PutPolicy", file_arn),
        ("GetPolicy", text_arn), ("PutPolicy", text_arn),
        ("GetPolicy", west_arn), ("PutPolicy", west_arn),
        ("DescribeCertificateAuthority", west_arn), ("GetPolicy", west_arn),
    ]
