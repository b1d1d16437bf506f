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

from pki_acmpca_emulator import pca

MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ACTION_GROUP = "group/pki.acmpca.acmpca"
GRANTEE = "111122223333"
ORG_ID = "o-a1b2c3d4e5"
OTHER_REGION = "us-west-2"
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
        assert (result["diff"][1]["before"], result["diff"][1]["after"]) == ({}, desired)
    for result in step_results(run, "present")[2:]:
        assert result["policy"] == desired and result["previous_policy"] == desired
        assert result["diff"][1]["before"] == result["diff"][1]["after"] == desired
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
    # absent: deleted in step 2 only; the policy held no statement AWS RAM wrote, so no warning about RAM shares.
    assert step_statuses(run, "absent") == ["changed", "changed", "ok", "ok"], run
    check, apply, *unchanged = step_results(run, "absent")
    for result in (check, apply):
        assert result["policy"] is None and result["previous_policy"] == existing
        assert (result["diff"][1]["before"], result["diff"][1]["after"]) == (existing, {})
        assert not result.get("warnings")
    for result in unchanged:
        assert result["policy"] is None and result["previous_policy"] is None
        assert not result.get("warnings")
    assert aws.read_policy(absent_arn) is None
    # statements: added beside the account share and RAM's statement, which stay as they were.
    merged = _with(shared_before, *partner)
    assert step_statuses(run, "statements") == ["changed", "changed", "ok", "ok"], run
    for result in step_results(run, "statements"):
        assert result["policy"] == merged and not result.get("warnings")
        assert RAM_SID in result["diff"][1]["before_header"] and RAM_SID in result["diff"][1]["after_header"]
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


# ---------------------------------------------------------------- review before apply


def test_a_change_is_summarised_by_sid_bad_input_is_refused_in_one_pass_and_warnings_come_only_where_they_apply(aws, ansible):
    review_arn, ram_arn, refused_arn = aws.create_active_cas(3)
    gone = dict(_partner_statements(review_arn)[0], Sid="Gone", Principal={"AWS": GRANTEE})
    stored = {"Version": "2012-10-17",
              "Statement": _partner_statements(review_arn, "EndEntityCertificate/V1") + [gone, _ram_statement(review_arn)]}
    aws.put_policy(review_arn, stored)
    # An X.509 certificate condition key beside an action other than IssueCertificate (a warning),
    # and a statement with the org_sharing role's Sid (which only policy, never statements, may write).
    narrowed = {"Sid": "Narrowed", "Effect": "Allow", "Principal": {"AWS": PARTNER}, "Resource": review_arn,
                "Action": ["acm-pca:IssueCertificate", "acm-pca:GetCertificate"],
                "Condition": {"StringEquals": {"acm-pca:TemplateArn": pca.template_arn(),
                                               "acm-pca:x509Ext/ExtendedKeyUsage": "1.3.6.1.5.5.7.3.1"}}}
    role_read = dict(pca.org_share_policy(review_arn, ORG_ID)["Statement"][0], Sid="PkiAcmpcaOrgSharingRead")
    desired = {"Version": "2012-10-17", "Statement": _partner_statements(review_arn) + [narrowed, role_read]}
    ram_policy = _with(pca.account_share_policy(ram_arn, GRANTEE), _ram_statement(ram_arn))
    aws.put_policy(ram_arn, ram_policy)
    refused_policy = pca.account_share_policy(refused_arn, GRANTEE)
    aws.put_policy(refused_arn, refused_policy)
    # Four rules broken at once: an Effect in lower case, a public principal without an
    # organization, a missing Resource, and a Deny (PCA resource policies support only Allow).
    broken = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Public", "Effect": "allow", "Principal": "*", "Action": list(pca.READ_ACTIONS)},
        {"Sid": "Guardrail", "Effect": "Deny", "Principal": {"AWS": PARTNER}, "Action": "acm-pca:IssueCertificate", "Resource": refused_arn},
    ]}
    tasks = four_steps([("review", {"resource_arn": review_arn, "policy": desired})])
    tasks += [
        policy_task("four broken rules", {"resource_arn": refused_arn, "policy": broken}, ignore_errors=True),
        policy_task("the role's Sid", {"resource_arn": refused_arn, "statements": [dict(role_read, Resource=refused_arn)]}, ignore_errors=True),
        policy_task("delete a policy holding RAM statements", {"resource_arn": ram_arn, "state": "absent"}),
    ]

    run = ansible.playbook(ansible.play(tasks), diff=True)

    assert run.rc == 0, run
    # The summary by Sid, the same in check mode and for real, then nothing once converged.
    assert step_statuses(run, "review") == ["changed", "changed", "ok", "ok"], run
    summary = ("statement changes on %s:\n"
               "  statement PartnerIssue changed: Condition\n"
               "  statement Narrowed added\n"
               "  statement PkiAcmpcaOrgSharingRead added (org_sharing role statement)\n"
               "  statement Gone removed\n"
               "  statement %s removed (AWS RAM statement)\n" % (review_arn, RAM_SID))
    x509_warning = ("statement 'Narrowed' (Statement[2]): Condition StringEquals 'acm-pca:x509Ext/ExtendedKeyUsage' is an X.509 "
                    "certificate condition key, present only in acm-pca:IssueCertificate requests: for acm-pca:GetCertificate the test "
                    "never matches, so the statement never grants them; give acm-pca:IssueCertificate a statement of its own")
    results = step_results(run, "review")
    for result, verb in zip(results[:2], ("Would drop", "Dropped")):
        assert result["statement_changes"] == {"added": ["Narrowed", "PkiAcmpcaOrgSharingRead"], "removed": ["Gone", RAM_SID],
                                               "changed": [{"sid": "PartnerIssue", "elements": ["Condition"]}]}
        assert result["diff"][0] == {"prepared": summary}
        assert (result["diff"][1]["before"], result["diff"][1]["after"]) == (stored, desired)
        assert result["warnings"][0] == x509_warning
        assert result["warnings"][1].startswith(f"{verb} the statements AWS RAM wrote into the policy of {review_arn}: {RAM_SID}.")
        assert len(result["warnings"]) == 2
    for result in results[2:]:
        assert result["statement_changes"] == {"added": [], "removed": [], "changed": []}
        assert result["warnings"] == [x509_warning]
    # ansible-playbook --diff prints the summary first, then the documents (RAM's Sids in the header).
    output = run.stdout
    assert output.count(summary) == 2, run
    assert output.index(summary) < output.index(f"--- before: {review_arn} (before; statements AWS RAM wrote: {RAM_SID})")
    assert aws.read_policy(review_arn) == desired

    # Every broken rule in one error, each naming its statement and element; nothing sent.
    refused = run.result("four broken rules")
    assert run.status("four broken rules") == "failed"
    assert refused["violations"] == [
        "statement 'Public' (Statement[0]) has Effect 'allow'; Effect is case-sensitive: write \"Allow\"",
        f"statement 'Public' (Statement[0]) has no Resource; it must be this CA's ARN {refused_arn}",
        "statement 'Public' (Statement[0]) allows any AWS account (a \"*\" principal) without a StringEquals aws:PrincipalOrgID "
        "condition or a ForAnyValue:StringLike / ForAnyValue:StringEquals condition on aws:PrincipalOrgPaths; name your "
        "organization or its OUs, or name account IDs as principals",
        "statement 'Guardrail' (Statement[1]) has Effect 'Deny': ACM PCA resource policies support only Allow statements; put Deny "
        "guardrails in identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC endpoint "
        "policies",
    ]
    assert refused["msg"].startswith("policy breaks 4 ACM PCA policy rules: ")
    role_sid = run.result("the role's Sid")
    assert run.status("the role's Sid") == "failed"
    assert role_sid["violations"] == [role_sid["msg"]]
    assert role_sid["msg"].startswith("statements[0]: the Sid 'PkiAcmpcaOrgSharingRead' starts with 'PkiAcmpcaOrgSharing', which marks "
                                      "a statement the pki.acmpca.org_sharing role owns")
    assert aws.read_policy(refused_arn) == refused_policy

    # Deleting a policy that holds RAM statements warns once, naming them.
    deleted = run.result("delete a policy holding RAM statements")
    assert deleted["warnings"] == [
        "Deleted the policy of %s, which holds statements AWS RAM wrote: %s. AWS also removes this CA from every AWS RAM resource "
        "share that included it, so the principals of those shares lose access to this CA. To keep them, remove only your own "
        "statements, by Sid, with the statements option." % (ram_arn, RAM_SID)]
    assert deleted["statement_changes"] == {"added": [], "removed": ["ReadAccess", "IssueAccess", RAM_SID], "changed": []}
    assert aws.read_policy(ram_arn) is None

    # Check mode (step 1) and the refused tasks sent nothing; only step 2 and the delete wrote.
    assert pca_calls(aws) == [
        ("GetPolicy", review_arn),                              # step 1 (check): no PutPolicy
        ("GetPolicy", review_arn), ("PutPolicy", review_arn),   # step 2
        ("GetPolicy", review_arn),                              # step 3
        ("GetPolicy", review_arn),                              # step 4
        ("GetPolicy", ram_arn), ("DeletePolicy", ram_arn),      # no call for either refused task
    ]
