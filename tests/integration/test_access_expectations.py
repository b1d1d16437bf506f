# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""access_expectations end to end: real ansible-playbook runs against moto through the fault
proxy, whose log shows every AWS call. A write that would break an expectation is refused in
check mode and for real with no PutPolicy or DeletePolicy, a good write goes through with no call
beyond the usual read and write, and the org_sharing role passes its expectations on. What is
decided is proven in-process by tests/unit/plugins/module_utils/_policy/access_expectations/."""

from pki_acmpca_emulator import pca

MODULE = "pki.acmpca.acmpca_policy"
ROLE = "pki.acmpca.org_sharing"
ORG_ID = "o-a1b2c3d4e5"
TEAM_OU = ORG_ID + "/r-ab12/ou-ab12-11111111"
TYPO_OU = ORG_ID + "/r-ab12/ou-ab12-11111112"
MEMBER = "444455556666"
PARTNER = "999988887777"
OUTSIDER = "arn:aws:iam::777788889999:role/outsider"
ISSUE = "acm-pca:IssueCertificate"


def member_issues(expect="allowed"):
    """The member account of TEAM_OU issuing an end-entity certificate."""
    return {"principal": MEMBER, "action": ISSUE, "template": "EndEntityCertificate/V1", "organization_id": ORG_ID,
            "organizational_unit_paths": [TEAM_OU + "/"], "expect": expect}


def outsider_issues():
    return {"principal": OUTSIDER, "action": ISSUE, "template": "EndEntityCertificate/V1", "expect": "denied"}


def org_sharing(paths):
    return {"organization_id": ORG_ID, "organizational_unit_paths": paths}


def pca_writes(aws, arn):
    return [entry["operation"] for entry in aws.proxy.log()
            if entry["service"] == "ACMPrivateCA" and entry["arn"] == arn and entry["operation"] in ("PutPolicy", "DeletePolicy")]


def pca_calls(aws):
    return [(entry["operation"], entry["arn"]) for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def test_a_write_breaking_an_expectation_is_refused_in_check_mode_and_for_real_and_a_good_one_goes_through(aws, ansible):
    arn = aws.create_active_ca()
    aws.put_policy(arn, pca.account_share_policy(arn, PARTNER))
    expectations = [member_issues(), outsider_issues()]
    typo = {"resource_arn": arn, "org_sharing": org_sharing([TYPO_OU]), "access_expectations": expectations}
    good = {"resource_arn": arn, "org_sharing": org_sharing([TEAM_OU]), "access_expectations": expectations}
    tasks = [
        {"name": "typo, check mode", MODULE: typo, "check_mode": True, "ignore_errors": True},
        {"name": "typo", MODULE: typo, "ignore_errors": True},
        {"name": "good, check mode", MODULE: good, "check_mode": True},
        {"name": "good", MODULE: good},
        {"name": "good again", MODULE: good},
    ]
    aws.proxy.clear_log()

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    assert [run.status(task["name"]) for task in tasks] == ["failed", "failed", "changed", "changed", "ok"], run
    for name in ("typo, check mode", "typo"):
        refused = run.result(name)
        assert refused["msg"].startswith(f"the policy after this task breaks 1 access expectation of {arn}, so nothing is written: "
                                         f"access_expectations[0] ({MEMBER} {ISSUE}, template EndEntityCertificate/V1, "), refused
        assert "expected allowed, but the policy after this task denies it implicitly (no statement allows it)" in refused["msg"]
        assert refused["violations"] == [refused["msg"].split("so nothing is written: ", 1)[1]]
        [broken] = refused["broken_expectations"]
        assert (broken["expectation"], broken["decision"], broken["request"]["principal"]) == ("allowed", "implicitly_denied", MEMBER)
    # One GetPolicy per task, one PutPolicy for the good write: the expectations cost no call, and
    # the refused tasks wrote nothing. The good write in check mode asks for the CA's status, as
    # check mode does when it predicts a change.
    assert pca_calls(aws) == [("GetPolicy", arn), ("GetPolicy", arn), ("GetPolicy", arn), ("DescribeCertificateAuthority", arn),
                              ("GetPolicy", arn), ("PutPolicy", arn), ("GetPolicy", arn)]
    stored = aws.read_policy(arn)
    assert [statement["Sid"] for statement in stored["Statement"]][:2] == ["ReadAccess", "IssueAccess"]
    assert any(statement["Condition"].get("ForAnyValue:StringLike") == {"aws:PrincipalOrgPaths": [TEAM_OU + "/*"]}
               for statement in stored["Statement"][2:])


def test_an_expectation_the_policy_already_breaks_fails_a_task_that_writes_nothing(aws, ansible):
    arn = aws.create_active_ca()
    shared = pca.org_share_policy(arn, ORG_ID)
    aws.put_policy(arn, shared)
    task = {"name": "unchanged", MODULE: {"resource_arn": arn, "policy": shared, "access_expectations": [
        dict(member_issues(), expect="denied")]}, "ignore_errors": True}
    aws.proxy.clear_log()

    run = ansible.playbook(ansible.play([task]))

    assert run.status("unchanged") == "failed", run
    issue_sid = shared["Statement"][1]["Sid"]
    assert f"expected denied, but the policy after this task allows it (statement {issue_sid})" in run.result("unchanged")["msg"], run
    assert pca_calls(aws) == [("GetPolicy", arn)]


def test_the_role_passes_its_expectations_on_and_stops_before_any_write_when_one_would_break(aws, ansible):
    first, second = aws.create_active_cas(2)
    role = {"org_sharing_organization_id": ORG_ID, "org_sharing_access_expectations": [member_issues(), outsider_issues()]}
    request = {key: value for key, value in member_issues().items() if key != "expect"}
    tasks = [
        {"name": "typo", "block": [
            {"ansible.builtin.import_role": {"name": ROLE}, "vars": dict(role, org_sharing_organizational_unit_paths=[TYPO_OU])}],
         "rescue": [{"name": "typo refused", "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}}]},
        {"ansible.builtin.import_role": {"name": ROLE}, "vars": dict(role, org_sharing_organizational_unit_paths=[TEAM_OU])},
        {"name": "read back", "pki.acmpca.acmpca_info": {"certificate_authority_arn": first, "include_policy": True}, "register": "written"},
        # The filter answers the same questions in a playbook: allowed, denied, and a key the request lacks.
        {"name": "who may issue", "ansible.builtin.assert": {"that": [
            "(written.certificate_authorities[0].policy | pki.acmpca.access_check(member)).allowed",
            "(written.certificate_authorities[0].policy | pki.acmpca.access_check(outsider)).decision == 'implicitly_denied'",
            "(written.certificate_authorities[0].policy | pki.acmpca.access_check(member_without_template)).missing_context"
            " == ['acm-pca:TemplateArn']",
        ]}, "vars": {"member": request, "outsider": {key: value for key, value in outsider_issues().items() if key != "expect"},
                     "member_without_template": {key: value for key, value in request.items() if key != "template"}}},
    ]
    aws.proxy.clear_log()

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    refusal = run.result("typo refused")["msg"]
    assert refusal.startswith("The org_sharing role changed nothing: it cannot share 2 CAs: "), refusal
    assert "its policy after the role would break access expectations: org_sharing_access_expectations[0] (" in refusal
    assert run.status("who may issue") == "ok", run
    # The refused run wrote nothing; the good one wrote each CA once.
    assert [operation for operation, _arn in pca_calls(aws) if operation in ("PutPolicy", "DeletePolicy")] == ["PutPolicy", "PutPolicy"]
    for arn in (first, second):
        assert pca_writes(aws, arn) == ["PutPolicy"]
