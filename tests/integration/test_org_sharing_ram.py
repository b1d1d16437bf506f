# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pki.acmpca.org_sharing role with org_sharing_method ram, end to end: real
ansible-playbook runs against the emulator's AWS RAM through the fault proxy, shares read
back from the emulator. What the role's filters decide is specified by the unit tests
(tests/unit/plugins/filter/org_sharing/test_org_sharing_ram.py)."""

ROLE = "pki.acmpca.org_sharing"
RESULT_TASK = "Record what the role changed"
DEFAULT = "AWSRAMDefaultPermissionCertificateAuthority"
REVOKE = "AWSRAMRevokeCertificateCertificateAuthority"
SHARE = "pki-acmpca-org-sharing"
REVOKE_SHARE = f"{SHARE}-{REVOKE}"
RAM_WRITES = ("CreateResourceShare", "AssociateResourceShare", "DisassociateResourceShare", "AssociateResourceSharePermission",
              "UpdateResourceShare", "TagResource", "UntagResource", "DeleteResourceShare")


def role_task(check_mode=False, **role_vars):
    task = {"ansible.builtin.import_role": {"name": ROLE}, "vars": dict(org_sharing_method="ram", **role_vars)}
    if check_mode:
        task.update(check_mode=True, diff=True)
    return task


def four_role_runs(**role_vars):
    return [role_task(check_mode=step in (1, 3), **role_vars) for step in (1, 2, 3, 4)]


def role_results(run):
    return [entry["result"]["ansible_facts"]["org_sharing_result"] for entry in run.results if entry["task"] == f"{ROLE} : {RESULT_TASK}"]


def ram(aws):
    return aws.client(service="ram")


def live_share(aws, name):
    shares = [share for share in ram(aws).get_resource_shares(resourceOwner="SELF", name=name)["resourceShares"]
              if share["status"] not in ("DELETING", "DELETED")]
    assert len(shares) <= 1, shares
    return shares[0] if shares else None


def held(aws, share_arn, kind):
    associations = ram(aws).get_resource_share_associations(associationType=kind, resourceShareArns=[share_arn])
    return sorted(item["associatedEntity"] for item in associations["resourceShareAssociations"] if item["status"] == "ASSOCIATED")


def share_state(aws, name):
    share = live_share(aws, name)
    if share is None:
        return None
    arn = share["resourceShareArn"]
    permissions = [item["name"] for item in ram(aws).list_resource_share_permissions(resourceShareArn=arn)["permissions"]]
    return dict(cas=held(aws, arn, "RESOURCE"), principals=held(aws, arn, "PRINCIPAL"), permissions=permissions,
                tags={tag["key"]: tag["value"] for tag in share["tags"]}, external=share["allowExternalPrincipals"])


def ram_calls_since(aws, start):
    return [(entry["operation"], entry["status"]) for entry in aws.proxy.log()[start:] if entry.get("service") == "ram"]


def test_the_whole_organization_one_share_per_permission_in_four_steps_and_a_converged_run_only_reads_whatever_the_cas(aws, ansible):
    organization_id, management = aws.create_organization()
    aws.enable_ram_sharing()
    first, second = aws.create_active_cas(2)
    pending = aws.create_pending_ca()
    organization_arn = f"arn:aws:organizations::{management}:organization/{organization_id}"
    role_vars = dict(org_sharing_organization_id=organization_id, org_sharing_ram_permissions=[DEFAULT, REVOKE])

    run = ansible.playbook(ansible.play(four_role_runs(**role_vars)))

    assert run.ok, run
    outcomes = role_results(run)
    assert [outcome["changed"] for outcome in outcomes] == [True, True, False, False], run
    assert [outcome["changed_resource_shares"] for outcome in outcomes[:2]] == [[SHARE, REVOKE_SHARE]] * 2
    assert [item["arn"] for item in outcomes[3]["skipped"]] == [pending]
    assert share_state(aws, SHARE) == dict(cas=sorted([first, second]), principals=[organization_arn], permissions=[DEFAULT],
                                           tags={"PkiAcmpcaOrgSharing": DEFAULT}, external=False)
    assert share_state(aws, REVOKE_SHARE) == dict(cas=sorted([first, second]), principals=[organization_arn], permissions=[REVOKE],
                                                  tags={"PkiAcmpcaOrgSharing": REVOKE}, external=False)
    assert [share["templates"] for share in outcomes[3]["resource_shares"]] == [["arn:aws:acm-pca:::template/EndEntityCertificate/V1"], []]

    # A converged run reads as much with five CAs as with two: the RAM reads grow with the shares.
    reads = []
    for added in (0, 3):
        aws.create_active_cas(added) if added else None
        if added:
            assert ansible.playbook(ansible.play([role_task(**role_vars)])).ok
        start = len(aws.proxy.log())
        converged = ansible.playbook(ansible.play([role_task(**role_vars)]))
        assert converged.ok and role_results(converged)[0]["changed"] is False, converged
        calls = ram_calls_since(aws, start)
        assert not [operation for operation, _status in calls if operation in RAM_WRITES], calls
        reads.append(sorted(operation for operation, _status in calls))
    assert reads[0] == reads[1], reads
    assert len(share_state(aws, SHARE)["cas"]) == 5


def test_ou_paths_then_absent_for_some_cas_then_all_and_policy_only_variables_are_refused(aws, ansible):
    organization_id, management = aws.create_organization()
    aws.enable_ram_sharing()
    organizations = aws.client(service="organizations")
    root = organizations.list_roots()["Roots"][0]["Id"]
    unit = organizations.create_organizational_unit(ParentId=root, Name="pki")["OrganizationalUnit"]["Id"]
    first, second = aws.create_active_cas(2)
    unit_arn = f"arn:aws:organizations::{management}:ou/{organization_id}/{unit}"
    role_vars = dict(org_sharing_organization_id=organization_id, org_sharing_organizational_unit_paths=[f"{organization_id}/{root}/{unit}"],
                     org_sharing_ram_share_name="pki-ou")
    # A misspelled variable beside it: named in a warning (the ram method knows its own variables).
    refused_run = role_task(org_sharing_templates=["EndEntityCertificate/V1"], org_sharing_ram_share_nmae="typo", **role_vars)
    refused = {"name": "policy-only variable", "block": [refused_run],
               "rescue": [{"name": "refused", "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}}]}
    tasks = ([refused] + four_role_runs(**role_vars)
             + [role_task(org_sharing_state="absent", org_sharing_certificate_authority_arns=[first], **role_vars)]
             + four_role_runs(org_sharing_state="absent", **role_vars))

    start = len(aws.proxy.log())
    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    assert "org_sharing_templates is used only with org_sharing_method: policy" in run.result("refused")["msg"]
    output = " ".join((run.stdout + run.stderr).split())
    assert ("org_sharing does not know the variable org_sharing_ram_share_nmae (did you mean org_sharing_ram_share_name?); "
            "it is ignored") in output, run
    assert output.count("org_sharing does not know the variable") == 1, run
    outcomes = role_results(run)
    assert [outcome["changed"] for outcome in outcomes] == [True, True, False, False, True, True, True, False, False], run
    # The refused run made no AWS call at all: the first RAM call of the run is the share's creation check.
    assert [entry["operation"] for entry in aws.proxy.log()[start:]][:1] == ["ListCertificateAuthorities"]
    assert [outcome["changed_resource_shares"] for outcome in outcomes[:2]] == [["pki-ou"]] * 2
    assert live_share(aws, "pki-ou") is None
    for ca in (first, second):
        policy = aws.read_policy(ca) or {"Statement": []}
        assert not [item for item in policy["Statement"] if item.get("Sid", "").endswith("-external-principals")]
    # After the OU runs the share was the OU's; after the absent of the first CA it held the second only.
    assert outcomes[3]["resource_shares"][0]["principals"][0]["id"] == unit_arn
    assert outcomes[4]["resource_shares"][0]["certificate_authority_arns"] == [second]
    assert outcomes[8]["resource_shares"] == []
