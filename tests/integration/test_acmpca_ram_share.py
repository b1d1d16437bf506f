# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pki.acmpca.acmpca_ram_share, acmpca_ram_share_invitation and acmpca_info include_shares, end
to end: real ansible-playbook runs against the emulator's AWS RAM through the fault proxy,
whose log shows every RAM call; shares, associations and CA policies read back from the
emulator. What the modules decide is specified in-process by the unit tests."""

RAM_MODULE = "pki.acmpca.acmpca_ram_share"
INVITATION_MODULE = "pki.acmpca.acmpca_ram_share_invitation"
INFO_MODULE = "pki.acmpca.acmpca_info"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
DEFAULT = "AWSRAMDefaultPermissionCertificateAuthority"
REVOKE = "AWSRAMRevokeCertificateCertificateAuthority"
END_ENTITY = "arn:aws:acm-pca:::template/EndEntityCertificate/V1"
STEPS = (1, 2, 3, 4)
RAM_WRITES = ("CreateResourceShare", "AssociateResourceShare", "DisassociateResourceShare", "AssociateResourceSharePermission",
              "UpdateResourceShare", "TagResource", "UntagResource", "DeleteResourceShare", "AcceptResourceShareInvitation",
              "RejectResourceShareInvitation")


def task(name, args, module=RAM_MODULE, **options):
    entry = {"name": name, module: args}
    entry.update(options)
    return entry


def four_steps(name, args, module=RAM_MODULE, **options):
    return [task(f"step {step}: {name}", args, module, check_mode=step in (1, 3), diff=True, **options) for step in STEPS]


def statuses(run, name):
    return [run.status(f"step {step}: {name}") for step in STEPS]


def results(run, name):
    return [run.result(f"step {step}: {name}") for step in STEPS]


def rescued(name, task_entry):
    return {"name": name, "block": [task_entry],
            "rescue": [{"name": f"{name}: refused", "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg }}"}}]}


def ram(aws, account_id=None):
    return aws.client(account_id, service="ram")


def live_share(aws, name, account_id=None):
    shares = [share for share in ram(aws, account_id).get_resource_shares(resourceOwner="SELF", name=name)["resourceShares"]
              if share["status"] not in ("DELETING", "DELETED")]
    assert len(shares) <= 1, shares
    return shares[0] if shares else None


def held(aws, share_arn, kind, account_id=None):
    """The entities of a share's associations of ``kind`` that are ASSOCIATED (or still ASSOCIATING)."""
    associations = ram(aws, account_id).get_resource_share_associations(associationType=kind, resourceShareArns=[share_arn])
    return sorted(item["associatedEntity"] for item in associations["resourceShareAssociations"]
                  if item["status"] in ("ASSOCIATED", "ASSOCIATING"))


def permission_of(aws, share_arn, account_id=None):
    return [item["name"] for item in ram(aws, account_id).list_resource_share_permissions(resourceShareArn=share_arn)["permissions"]]


def ram_calls(aws, share_arn=None):
    return [(entry["operation"], entry["status"]) for entry in aws.proxy.log()
            if entry.get("service") == "ram" and (share_arn is None or entry.get("arn") == share_arn)]


def successful_writes(aws):
    return [entry["operation"] for entry in aws.proxy.log()
            if entry.get("service") == "ram" and entry["operation"] in RAM_WRITES and entry["status"] == 200]


def ram_sids(aws, ca_arn):
    policy = aws.read_policy(ca_arn) or {"Statement": []}
    return sorted(item["Sid"] for item in policy["Statement"] if item.get("Sid", "").endswith("-external-principals"))


def create_share(aws, name, cas=(), principals=(), **kwargs):
    return ram(aws).create_resource_share(name=name, resourceArns=list(cas), principals=list(principals), **kwargs)["resourceShare"]["resourceShareArn"]


def test_create_add_a_ca_remove_a_principal_change_the_permission_and_absent_each_converge_in_four_steps(aws, ansible):
    organization_id, _management = aws.create_organization()
    aws.enable_ram_sharing()
    member = aws.member_account()
    first, second, third = aws.create_active_cas(3)
    organization_arn = f"arn:aws:organizations::{aws.default_account_id}:organization/{organization_id}"
    adding = create_share(aws, "adding", [first], [organization_arn], allowExternalPrincipals=False)
    removing = create_share(aws, "removing", [second], [organization_arn, member.account_id], allowExternalPrincipals=False)
    changing = create_share(aws, "changing", [second], [member.account_id], allowExternalPrincipals=False)
    deleting = create_share(aws, "deleting", [third], [member.account_id], allowExternalPrincipals=False)
    tasks = (four_steps("create", {"name": "created", "certificate_authority_arns": [first, second],
                                   "principals": [organization_id, member.account_id], "tags": {"Team": "pki"}})
             + four_steps("add a CA", {"name": "adding", "certificate_authority_arns": [second], "purge_certificate_authorities": False})
             + four_steps("remove a principal", {"resource_share_arn": removing, "principals": [organization_arn]})
             + four_steps("change the permission", {"name": "changing", "permission": REVOKE, "wait_timeout": 60})
             + four_steps("absent", {"name": "deleting", "state": "absent"}))

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    for name in ("create", "add a CA", "remove a principal", "change the permission", "absent"):
        assert statuses(run, name) == ["changed", "changed", "ok", "ok"], (name, run)
    created = live_share(aws, "created")
    assert held(aws, created["resourceShareArn"], "RESOURCE") == sorted([first, second])
    assert held(aws, created["resourceShareArn"], "PRINCIPAL") == sorted([organization_arn, member.account_id])
    assert permission_of(aws, created["resourceShareArn"]) == [DEFAULT]
    assert created["allowExternalPrincipals"] is False and created["tags"] == [{"key": "Team", "value": "pki"}]
    assert held(aws, adding, "RESOURCE") == sorted([first, second])
    assert held(aws, removing, "PRINCIPAL") == [organization_arn]
    assert permission_of(aws, changing) == [REVOKE]
    assert live_share(aws, "deleting") is None and ram_sids(aws, third) == []
    # RAM wrote the shares' statements into the CAs' policies.
    assert ram_sids(aws, first) and ram_sids(aws, second)

    shown = results(run, "create")[3]["resource_share"]
    assert shown["arn"] == created["resourceShareArn"] and shown["templates"] == [END_ENTITY]
    assert shown["permission"] == {"name": DEFAULT, "arn": f"arn:aws:ram::aws:permission/{DEFAULT}", "version": "1", "is_default_version": True}
    assert {item["id"]: item["status"] for item in shown["principals"]} == {organization_arn: "ASSOCIATED", member.account_id: "ASSOCIATED"}
    assert results(run, "create")[0]["diff"]["after"]["principals"] == sorted([organization_arn, member.account_id])
    assert results(run, "change the permission")[3]["resource_share"]["templates"] == []
    assert results(run, "remove a principal")[1]["diff"]["before"]["principals"] == sorted([organization_arn, member.account_id])
    # Each change is one write; check mode and unchanged runs only read.
    writes = [operation for operation, status in ram_calls(aws) if operation in RAM_WRITES]
    assert sorted(writes) == sorted(["CreateResourceShare", "AssociateResourceShare", "DisassociateResourceShare",
                                     "AssociateResourceSharePermission", "DeleteResourceShare"])
    assert all(status == 200 for _operation, status in ram_calls(aws))


def test_bad_input_fails_with_a_specific_message_and_writes_nothing(aws, ansible):
    organization_id, _management = aws.create_organization()
    ca = aws.create_active_ca()
    foreign_region = ca.replace(f":{aws.region}:", ":eu-west-1:")
    create_share(aws, "twin", [], [])
    create_share(aws, "twin", [], [])
    existing = create_share(aws, "kept", [ca], [], allowExternalPrincipals=False)
    before = {arn: sorted(held(aws, arn, "RESOURCE")) for arn in [existing]}
    cases = {
        "malformed CA ARN": ({"name": "bad", "certificate_authority_arns": ["arn:aws:acm-pca:us-east-1:123:ca/x"]},
                             "is not an ACM PCA certificate authority ARN"),
        "foreign-region CA ARN": ({"name": "bad", "certificate_authority_arns": [foreign_region]}, "in region eu-west-1"),
        "unknown permission": ({"name": "kept", "permission": "AWSRAMNoSuchPermission"}, "AWSRAMNoSuchPermission"),
        "permission of another resource type": ({"name": "kept", "permission": "AWSRAMDefaultPermissionSubnet"}, "ec2:Subnet"),
        "two live shares with the name": ({"name": "twin", "principals": ["111122223333"]}, "live resource shares"),
        "organization without RAM sharing": ({"name": "kept", "principals": [organization_id]}, "EnableSharingWithAwsOrganization"),
    }
    tasks = [rescued(name, task(name, args)) for name, (args, _words) in cases.items()]

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    for name, (_args, words) in cases.items():
        assert run.status(name) == "failed", (name, run)
        assert words in run.result(name)["msg"], (name, run.result(name)["msg"])
    assert "must be run from the organization's management account" in run.result("organization without RAM sharing")["msg"]
    assert successful_writes(aws) == []
    assert {arn: sorted(held(aws, arn, "RESOURCE")) for arn in [existing]} == before
    assert held(aws, existing, "PRINCIPAL") == [] and permission_of(aws, existing) == [DEFAULT]
    # The bad CA ARNs were refused before any AWS call.
    assert not [entry for entry in aws.proxy.log() if entry.get("service") == "ram" and entry["operation"] == "CreateResourceShare"]


def test_a_member_sees_the_shared_ca_an_outsider_only_after_accepting_and_acmpca_info_reports_shares(aws, ansible):
    organization_id, _management = aws.create_organization()
    aws.enable_ram_sharing()
    member, outsider = aws.member_account(), aws.outsider_account()
    ca = aws.create_active_ca()
    as_member = dict(member.module_args)
    as_outsider = dict(outsider.module_args)
    tasks = [
        task("share", {"name": "pki", "certificate_authority_arns": [ca], "principals": [organization_id, outsider.account_id],
                       "allow_external_principals": True}),
        task("owner's view", {"include_shares": True}, module=INFO_MODULE),
        task("member's view", dict(as_member, resource_owner="OTHER_ACCOUNTS"), module=INFO_MODULE),
        task("outsider's view before", dict(as_outsider, resource_owner="OTHER_ACCOUNTS", include_shares=True), module=INFO_MODULE),
    ]
    tasks += four_steps("accept", dict(as_outsider, name="pki", sender_account_id=aws.default_account_id), module=INVITATION_MODULE)
    tasks.append(task("outsider's view after", dict(as_outsider, resource_owner="OTHER_ACCOUNTS", include_shares=True), module=INFO_MODULE))

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    shared = run.result("share")["resource_share"]
    assert [(item["id"], item["pending_invitation"]) for item in shared["principals"]] == sorted(
        [(outsider.account_id, True), (f"arn:aws:organizations::{aws.default_account_id}:organization/{organization_id}", False)])
    [owned] = run.result("owner's view")["certificate_authorities"]
    assert [share["name"] for share in owned["ram_shares"]] == ["pki"]
    assert [item["arn"] for item in run.result("member's view")["certificate_authorities"]] == [ca]
    before = run.result("outsider's view before")
    assert before["certificate_authorities"] == []
    assert [item["certificate_authority_arns"] for item in before["pending_invitations"]] == [[ca]]
    assert statuses(run, "accept") == ["changed", "changed", "ok", "ok"]
    assert [result["invitation"]["status"] for result in results(run, "accept")] == ["ACCEPTED"] * 4
    after = run.result("outsider's view after")
    assert [item["arn"] for item in after["certificate_authorities"]] == [ca] and after["pending_invitations"] == []
    assert successful_writes(aws) == ["CreateResourceShare", "AcceptResourceShareInvitation"]


def test_rams_statements_survive_acmpca_policy_statements_and_the_policy_method_role(aws, ansible):
    organization_id, _management = aws.create_organization()
    aws.enable_ram_sharing()
    ca = aws.create_active_ca()
    grant = {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
             "Action": ["acm-pca:DescribeCertificateAuthority"], "Resource": ca}
    tasks = [
        task("share", {"name": "pki", "certificate_authority_arns": [ca], "principals": [organization_id]}),
        task("statements", {"resource_arn": ca, "statements": [grant]}, module=POLICY_MODULE),
        {"name": "role", "ansible.builtin.import_role": {"name": "pki.acmpca.org_sharing"},
         "vars": {"org_sharing_organization_id": organization_id}},
        task("unchanged share", {"name": "pki", "certificate_authority_arns": [ca], "principals": [organization_id]}),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    assert run.status("share") == "changed" and run.status("statements") == "changed"
    sids = {item["Sid"] for item in aws.read_policy(ca)["Statement"]}
    assert {sid for sid in sids if sid.endswith("-external-principals")}, sids
    assert {"Partner", "PkiAcmpcaOrgSharingRead", "PkiAcmpcaOrgSharingIssue"} <= sids
    assert run.status("unchanged share") == "ok"
    share_arn = run.result("share")["resource_share"]["arn"]
    assert held(aws, share_arn, "RESOURCE") == [ca]


def hook(aws, name, **document):
    """A task that POSTs one of the emulator's RAM test hooks (hold, release, fail) mid-play."""
    return {"name": f"emulator hook {name}", "ansible.builtin.uri": {
        "url": f"{aws.moto_url}/moto-api/pki-acmpca/ram/{name}", "method": "POST", "body_format": "json", "body": document}}


def test_waiting_timeouts_failed_associations_tags_the_external_flag_and_a_rejected_invitation(aws, ansible):
    aws.create_organization()
    aws.enable_ram_sharing()
    member, other_member, outsider = aws.member_account(), aws.member_account(), aws.outsider_account()
    first, second, third = aws.create_active_cas(3)
    tasks = [
        hook(aws, "hold", reads=1),
        task("wait for the share to settle", {"name": "waited", "certificate_authority_arns": [first], "principals": [member.account_id],
                                              "wait_timeout": 60}),
        hook(aws, "hold", reads=None),
        task("change without waiting", {"name": "waited", "certificate_authority_arns": [second], "purge_certificate_authorities": False,
                                        "wait": False}),
        rescued("in progress without wait", task("in progress without wait", {
            "name": "waited", "principals": [outsider.account_id], "purge_principals": False, "wait": False})),
        rescued("timeout", task("timeout", {"name": "waited", "certificate_authority_arns": [third], "purge_certificate_authorities": False,
                                            "wait_timeout": 0})),
        hook(aws, "release"),
        task("add a principal", {"name": "waited", "principals": [other_member.account_id], "purge_principals": False}),
        hook(aws, "fail", entity=third, message="The certificate authority cannot be shared now."),
        rescued("failed association", task("failed association", {
            "name": "waited", "certificate_authority_arns": [third], "purge_certificate_authorities": False})),
        task("tags", {"name": "tagged", "tags": {"a": "1", "b": "2"}}),
        task("tags kept", {"name": "tagged", "tags": {"b": "3"}, "purge_tags": False}),
        task("tags purged", {"name": "tagged", "tags": {"b": "3"}}),
        task("external", {"name": "external", "certificate_authority_arns": [first], "principals": [outsider.account_id],
                          "allow_external_principals": True}, register="external"),
        rescued("external off", task("external off", {"name": "external", "allow_external_principals": False})),
    ]
    tasks += four_steps("reject", dict(outsider.module_args, resource_share_arn="{{ external.resource_share.arn }}", state="rejected"),
                        module=INVITATION_MODULE)

    run = ansible.playbook(ansible.play(tasks))

    assert run.ok, run
    waited = run.result("wait for the share to settle")["resource_share"]
    assert [item["status"] for item in waited["principals"]] == ["ASSOCIATED"]
    assert run.status("change without waiting") == "changed"
    assert "wait is false" in run.result("in progress without wait")["msg"]
    timeout = run.result("timeout")["msg"]
    assert "did not settle within wait_timeout (0 s)" in timeout and second in timeout
    failed = run.result("failed association")["msg"]
    assert third in failed and "The certificate authority cannot be shared now." in failed
    assert live_share(aws, "tagged")["tags"] == [{"key": "b", "value": "3"}]
    assert [run.result(name)["resource_share"]["tags"] for name in ("tags", "tags kept", "tags purged")] == [
        {"a": "1", "b": "2"}, {"a": "1", "b": "3"}, {"b": "3"}]
    assert outsider.account_id in run.result("external off")["msg"] and live_share(aws, "external")["allowExternalPrincipals"] is True
    assert statuses(run, "reject") == ["changed", "changed", "ok", "ok"]
    assert held(aws, live_share(aws, "external")["resourceShareArn"], "PRINCIPAL") == []
    waited_arn = live_share(aws, "waited")["resourceShareArn"]
    assert held(aws, waited_arn, "RESOURCE") == sorted([first, second])
    assert held(aws, waited_arn, "PRINCIPAL") == sorted([member.account_id, other_member.account_id])
    assert run.status("add a principal") == "changed"
