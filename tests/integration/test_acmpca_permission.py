# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pki.acmpca.acmpca_permission, and permissions in pki.acmpca.acmpca_info, end to end: real
ansible-playbook runs against moto (with the tests' permission emulator) through the fault
proxy, whose log shows every ACM PCA call the modules made.

Three runs prove what only Ansible shows; what the module decides (comparison, every bad input,
every error message) is proven in-process by tests/unit/plugins/modules/test_acmpca_permission.py.
"""

import pytest

MODULE = "pki.acmpca.acmpca_permission"
INFO_MODULE = "pki.acmpca.acmpca_info"
ACM = "acm.amazonaws.com"
ALL_ACTIONS = ["IssueCertificate", "GetCertificate", "ListPermissions"]
OUTSIDER = "444455556666"
STEPS = (1, 2, 3, 4)


def task(name, args, module=MODULE, **options):
    entry = {"name": name, module: args}
    entry.update(options)
    return entry


def four_steps(name, args):
    return [task("step %d: %s" % (step, name), args, check_mode=step in (1, 3), diff=True) for step in STEPS]


def steps(run, name, what):
    return [what(run, "step %d: %s" % (step, name)) for step in STEPS]


def pca_calls(aws, arn, but=()):
    return [entry["operation"] for entry in aws.proxy.log()
            if entry["service"] == "ACMPrivateCA" and entry["arn"] == arn and entry["operation"] not in but]


def stored(aws, arn):
    return sorted((item["SourceAccount"], item["Actions"]) for item in aws.client().list_permissions(CertificateAuthorityArn=arn)["Permissions"])


def grant(aws, arn, actions, **kwargs):
    aws.client().create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=actions, **kwargs)


@pytest.mark.compat
def test_present_absent_and_a_changed_action_set_converge_in_four_steps_and_acmpca_info_reports_them(aws, ansible):
    created, changed, removed = aws.create_active_ca(), aws.create_active_ca(), aws.create_active_ca()
    grant(aws, changed, ["GetCertificate"])
    grant(aws, removed, ALL_ACTIONS)
    grant(aws, removed, ["GetCertificate"], SourceAccount=OUTSIDER)
    tasks = (four_steps("present", {"certificate_authority_arn": created})
             + four_steps("change", {"arn": changed, "actions": ["ListPermissions", "GetCertificate", "IssueCertificate"]})
             + four_steps("absent", {"resource_arn": removed, "state": "absent"})
             + [task("report", {"include_permissions": True, "include_access": True, "trusted_accounts": [aws.default_account_id]},
                     module=INFO_MODULE)])

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    for name in ("present", "change", "absent"):
        assert steps(run, name, lambda run, step: run.status(step)) == ["changed", "changed", "ok", "ok"], run
    # Steps 1 to 4, then the report (whose GetPolicy runs beside its ListPermissions, in any order).
    # Check mode asks the CA's status when it predicts a change; a create is read back once.
    assert pca_calls(aws, created, but=["GetPolicy"]) == [
        "ListPermissions", "DescribeCertificateAuthority", "ListPermissions", "CreatePermission", "ListPermissions",
        "ListPermissions", "ListPermissions", "ListPermissions"]
    assert pca_calls(aws, changed, but=["GetPolicy"]) == [
        "ListPermissions", "DescribeCertificateAuthority", "ListPermissions", "DeletePermission", "CreatePermission", "ListPermissions",
        "ListPermissions", "ListPermissions", "ListPermissions"]
    assert pca_calls(aws, removed, but=["GetPolicy"]) == [
        "ListPermissions", "DescribeCertificateAuthority", "ListPermissions", "DeletePermission", "ListPermissions", "ListPermissions",
        "ListPermissions"]
    assert stored(aws, created) == stored(aws, changed) == [(aws.default_account_id, ALL_ACTIONS)]
    assert stored(aws, removed) == [(OUTSIDER, ["GetCertificate"])]

    present = steps(run, "present", lambda run, step: run.result(step))
    assert present[1]["permission"]["actions"] == ALL_ACTIONS and present[1]["diff"]["before"] == {}
    # After the create, the permission as ListPermissions lists it; the diff shows the grant only.
    assert present[1]["permission"] == present[3]["permission"] and present[1]["permission"]["created_at"]
    assert present[1]["diff"]["after"] == {"principal": ACM, "source_account": aws.default_account_id, "actions": ALL_ACTIONS}
    assert present[3]["permission"]["source_account"] == aws.default_account_id
    assert present[3]["permission"]["policy"]["Statement"][0]["Principal"] == {"Service": ACM}
    change = steps(run, "change", lambda run, step: run.result(step))
    for result in change[:2]:
        assert (result["diff"]["before"]["actions"], result["diff"]["after"]["actions"]) == (["GetCertificate"], ALL_ACTIONS)
        assert "DeletePermission, then CreatePermission" in result["diff"]["after_header"]
    assert all(result["permission"] is None for result in steps(run, "absent", lambda run, step: run.result(step)))
    assert "DeletePermission, then CreatePermission" in run.stdout

    report = {ca["arn"]: ca for ca in run.result("report")["certificate_authorities"]}
    assert [permission["actions"] for permission in report[created]["permissions"]] == [ALL_ACTIONS]
    assert [(finding["shared_via"], finding["principal_type"], finding["principal"], finding["can_issue"], finding["external"])
            for finding in report[created]["access"]] == [("PERMISSION", "service", ACM, True, False)]
    assert [(finding["source_account"], finding["external"]) for finding in run.result("report")["external_access"]] == [(OUTSIDER, True)]


def test_bad_input_is_refused_before_any_call_and_aws_errors_fail_in_one_line(aws, ansible):
    arn, deleted = aws.create_active_ca(), aws.create_active_ca()
    aws.client().delete_certificate_authority(CertificateAuthorityArn=deleted)
    bad = {
        "principal": ({"principal": "ec2.amazonaws.com"}, "the only principal AWS accepts is acm.amazonaws.com"),
        "source account": ({"source_account": "12345"}, "source_account '12345' is not an AWS account ID"),
        # 012345670123 unquoted: YAML 1.1 reads an octal number, which ansible-core turns into the text '1402433619'.
        "source account read as a number": ({"source_account": 1402433619},
                                            "source_account '1402433619' is not an AWS account ID (12 digits): written without quotes, "
                                            "an ID is read by YAML as a number"),
        "misspelled option": ({"sorce_account": "012345678901"}, "Unsupported option: sorce_account (did you mean source_account?)"),
        "no action": ({"actions": []}, "actions must name at least one of"),
        "unknown action": ({"actions": ["RevokeCertificate"]}, "action 'RevokeCertificate' is not a permission action"),
        "repeated action": ({"actions": ["GetCertificate", "GetCertificate"]}, "actions names GetCertificate more than once"),
        "action case": ({"actions": ["getCertificate"]}, "action names are case-sensitive: GetCertificate"),
    }
    tasks = [task(name, dict(args, arn=arn), ignore_errors=True) for name, (args, _words) in bad.items()]
    run = ansible.playbook(ansible.play(tasks))
    assert aws.proxy.log() == []
    for name, (_args, words) in bad.items():
        assert run.status(name) == "failed" and words in run.result(name)["msg"], run

    # Two throttled ListPermissions are retried; the CreatePermission AWS denies fails the task.
    aws.proxy.add_fault("ListPermissions", "throttle", times=2)
    aws.proxy.add_fault("CreatePermission", "access_denied", times=1)
    run = ansible.playbook(ansible.play([task("denied", {"arn": arn}, ignore_errors=True),
                                         task("deleted", {"arn": deleted}, ignore_errors=True)]))
    denied = run.result("denied")
    assert run.status("denied") == "failed", run
    assert denied["msg"].startswith(f"CreatePermission failed for {arn}: AccessDeniedException: ") and "\n" not in denied["msg"]
    assert denied["error"]["code"] == "AccessDeniedException"
    assert [(entry["operation"], entry["fault"]) for entry in aws.proxy.log() if entry["arn"] == arn] == [
        ("ListPermissions", "throttle"), ("ListPermissions", "throttle"), ("ListPermissions", None), ("CreatePermission", "access_denied")]
    assert stored(aws, arn) == []
    assert run.result("deleted")["msg"].startswith(f"ListPermissions refused for {deleted}: the certificate authority is DELETED")


@pytest.mark.compat
def test_the_module_runs_ad_hoc(aws, ansible):
    arn = aws.create_active_ca()
    run = ansible.adhoc(MODULE, f"arn={arn} endpoint_url={aws.endpoint_url} actions=IssueCertificate,GetCertificate")
    assert run.rc == 0, run
    assert run.status() == "changed"
    assert run.result()["permission"]["actions"] == ["IssueCertificate", "GetCertificate"]
    assert stored(aws, arn) == [(aws.default_account_id, ["IssueCertificate", "GetCertificate"])]
