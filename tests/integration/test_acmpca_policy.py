# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pki.acmpca.acmpca_policy, end to end: real ansible-playbook runs against moto through
the fault proxy, whose log shows every ACM PCA call the module made.

Where a test must see moto's state between two tasks of one run, the play itself reads
it: an ``ansible.builtin.uri`` task sends GetPolicy straight to moto (not through the
proxy, so it never shows up in the proxy log, and not through any code under test).
"""

import copy
import json

import pytest

from tests.support import pca

MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ACTION_GROUP = "group/pki.acmpca.acmpca"
GRANTEE = "111122223333"
ORG_ID = "o-a1b2c3d4e5"
OTHER_REGION = "us-west-2"
MISSING_CA_ID = "00000000-1111-2222-3333-444444444444"
RAM_WARNING = "AWS also removes this CA from every AWS RAM resource share"


# -------------------------------------------------------------- helpers


def policy_task(name, args, **options):
    task = {"name": name, MODULE: args}
    task.update(options)
    return task


def moto_read_task(aws, arn, name):
    """A task that reads the CA's policy straight from moto (GetPolicy, signed as the owner, in the ARN's region)."""
    parts = arn.split(":")
    return {"name": name, "ansible.builtin.uri": {
        "url": aws.moto_url + "/",
        "method": "POST",
        "body": json.dumps({"ResourceArn": arn}),
        "headers": {
            "X-Amz-Target": "ACMPrivateCA.GetPolicy",
            "Content-Type": "application/x-amz-json-1.1",
            "x-moto-account-id": parts[4],
            "Authorization": "AWS4-HMAC-SHA256 Credential=%s/20260101/%s/acm-pca/aws4_request, SignedHeaders=host, Signature=0"
                             % (pca.DUMMY_ACCESS_KEY, parts[3]),
        },
        "status_code": [200, 400],
        "return_content": True,
    }}


def moto_policy(run, name):
    """The policy a ``moto_read_task`` saw: a dict, or None when the CA had none."""
    result = run.result(name)
    answer = json.loads(result["content"])
    if result["status"] == 200:
        return json.loads(answer["Policy"])
    assert "ResourceNotFoundException" in answer.get("__type", ""), result
    return None


def stored_text(aws, arn):
    """The exact policy text moto holds for the CA."""
    return aws.client().get_policy(ResourceArn=arn)["Policy"]


def pca_calls(aws):
    """(operation, arn) of every ACM PCA request the module made, in order."""
    return [(entry["operation"], entry["arn"]) for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def four_steps(aws, arn, args):
    """check, apply, check, apply of one task, with moto read after each step."""
    tasks = []
    for step, check in enumerate((True, False, True, False), 1):
        tasks.append(policy_task("step %d" % step, args, check_mode=check, diff=True))
        tasks.append(moto_read_task(aws, arn, "moto after step %d" % step))
    return tasks


def moto_after_each_step(run):
    return [moto_policy(run, "moto after step %d" % step) for step in range(1, 5)]


def step_results(run):
    return [run.result("step %d" % step) for step in range(1, 5)]


def statuses(run, names):
    return [run.status(name) for name in names]


# ---------------------------------------------------------------- present / absent


@pytest.mark.compat
def test_present_converges_in_four_steps_check_apply_check_apply(aws, ansible):
    arn = aws.create_active_ca()
    desired = pca.org_share_policy(arn, ORG_ID)
    assert aws.read_policy(arn) is None

    run = ansible.playbook(ansible.play(four_steps(aws, arn, {"resource_arn": arn, "policy": desired})))

    assert run.rc == 0, run
    assert moto_after_each_step(run) == [None, desired, desired, desired]
    assert statuses(run, ["step 1", "step 2", "step 3", "step 4"]) == ["changed", "changed", "ok", "ok"], run
    for result in step_results(run)[:2]:
        assert result["resource_arn"] == arn
        assert result["policy"] == desired
        assert result["previous_policy"] is None
        assert (result["diff"]["before"], result["diff"]["after"]) == ({}, desired)
    for result in step_results(run)[2:]:
        assert result["policy"] == desired and result["previous_policy"] == desired
        assert result["diff"]["before"] == result["diff"]["after"] == desired
        # The policy comes back as stored, in its original key case.
        assert result["policy"]["Statement"][1]["Condition"]["StringEquals"]["aws:PrincipalOrgID"] == ORG_ID
    assert all(not result.get("warnings") for result in step_results(run))
    assert pca_calls(aws) == [
        ("GetPolicy", arn), ("DescribeCertificateAuthority", arn),                        # step 1 (check): no PutPolicy
        ("GetPolicy", arn), ("DescribeCertificateAuthority", arn), ("PutPolicy", arn),    # step 2
        ("GetPolicy", arn),                                                               # step 3: one call
        ("GetPolicy", arn),                                                               # step 4: one call
    ]


def test_absent_converges_in_four_steps_and_warns_about_ram_only_when_deleting(aws, ansible):
    arn = aws.create_active_ca()
    existing = pca.account_share_policy(arn, GRANTEE)
    aws.put_policy(arn, existing)
    assert aws.read_policy(arn) == existing

    run = ansible.playbook(ansible.play(four_steps(aws, arn, {"resource_arn": arn, "state": "absent"})))

    assert run.rc == 0, run
    assert moto_after_each_step(run) == [existing, None, None, None]
    assert statuses(run, ["step 1", "step 2", "step 3", "step 4"]) == ["changed", "changed", "ok", "ok"], run
    check, apply, *unchanged = step_results(run)
    for result, verb in ((check, "Would delete"), (apply, "Deleted")):
        assert result["policy"] is None and result["previous_policy"] == existing
        assert (result["diff"]["before"], result["diff"]["after"]) == (existing, {})
        assert len(result["warnings"]) == 1 and RAM_WARNING in result["warnings"][0]
        assert result["warnings"][0].startswith("%s the policy of %s" % (verb, arn))
    for result in unchanged:
        assert result["policy"] is None and result["previous_policy"] is None
        assert not result.get("warnings")
    assert pca_calls(aws) == [
        ("GetPolicy", arn),                                                               # step 1 (check): no DeletePolicy
        ("GetPolicy", arn), ("DeletePolicy", arn),                                        # step 2
        ("GetPolicy", arn), ("DescribeCertificateAuthority", arn),                        # step 3: no policy
        ("GetPolicy", arn), ("DescribeCertificateAuthority", arn),                        # step 4: no policy
    ]


# ---------------------------------------------------------------- comparison by meaning


def _spellings(account_arn, single_arn, org_arn):
    """(name, arn, requested policy) of spellings that mean what the CA already has."""
    account = pca.account_share_policy(account_arn, GRANTEE)

    reordered = copy.deepcopy(account)
    reordered["Statement"].reverse()
    reordered["Statement"][1]["Action"].reverse()

    one_element_lists = copy.deepcopy(account)
    issue = one_element_lists["Statement"][1]
    issue["Action"] = [issue["Action"]]
    issue["Resource"] = [issue["Resource"]]
    issue["Condition"]["StringEquals"]["acm-pca:TemplateArn"] = [pca.template_arn()]

    root_arn = copy.deepcopy(account)
    for statement in root_arn["Statement"]:
        statement["Principal"] = {"AWS": "arn:aws:iam::%s:root" % GRANTEE}

    key_case = copy.deepcopy(account)
    key_case["Statement"][1]["Condition"]["StringEquals"] = {"ACM-PCA:templatearn": pca.template_arn()}

    odd_whitespace = "\n \t" + json.dumps(account, indent="\t  ", separators=(" ,\r\n", " :  ")) + "\n\n  "

    single = _single_statement_policy(single_arn)
    statement_object = dict(single, Statement=single["Statement"][0])

    org = pca.org_share_policy(org_arn, ORG_ID)
    aws_wildcard = copy.deepcopy(org)
    for statement in aws_wildcard["Statement"]:
        statement["Principal"] = {"AWS": "*"}
        statement["Condition"]["StringEquals"]["aws:PrincipalOrgID"] = [ORG_ID]
    aws_wildcard["Statement"].reverse()

    return [
        ("reordered statements and actions", account_arn, reordered),
        ("one-element lists for Action, Resource and a condition value", account_arn, one_element_lists),
        ("root ARN for the account ID", account_arn, root_arn),
        ("condition key name in another case", account_arn, key_case),
        ("JSON string with odd whitespace", account_arn, odd_whitespace),
        ("Statement as one object", single_arn, statement_object),
        ("AWS wildcard for the plain wildcard, with the org condition as a list", org_arn, aws_wildcard),
    ]


def _single_statement_policy(arn):
    """A read-only share as AWS might hand it back: root ARN in a one-element list."""
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "ReadAccess", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::%s:root" % GRANTEE]},
        "Action": list(pca.READ_ACTIONS), "Resource": arn,
    }]}


def test_equivalent_spellings_change_nothing_and_make_one_get_policy_call_each(aws, ansible):
    account_arn, single_arn, org_arn = aws.create_active_cas(3)
    stored = {
        account_arn: pca.account_share_policy(account_arn, GRANTEE),
        single_arn: _single_statement_policy(single_arn),
        org_arn: pca.org_share_policy(org_arn, ORG_ID),
    }
    for arn, policy in stored.items():
        aws.put_policy(arn, policy)
    texts_before = dict((arn, stored_text(aws, arn)) for arn in stored)
    spellings = _spellings(account_arn, single_arn, org_arn)
    assert isinstance(spellings[4][2], str)
    tasks = [policy_task(name, {"resource_arn": arn, "policy": policy}, ignore_errors=True) for name, arn, policy in spellings]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    for name, arn, _policy in spellings:
        assert run.status(name) == "ok", (name, run)
        assert run.result(name)["policy"] == run.result(name)["previous_policy"] == stored[arn], name
    assert pca_calls(aws) == [("GetPolicy", arn) for _name, arn, _policy in spellings]
    assert dict((arn, stored_text(aws, arn)) for arn in stored) == texts_before


def test_a_real_change_is_reported_and_stored(aws, ansible):
    account_arn, action_arn, template_arn = aws.create_active_cas(3)
    before = dict((arn, pca.account_share_policy(arn, GRANTEE)) for arn in (account_arn, action_arn, template_arn))
    before[action_arn]["Statement"][0]["Action"].remove("acm-pca:ListTags")
    for arn, policy in before.items():
        aws.put_policy(arn, policy)
    changes = [
        ("another account", account_arn, pca.account_share_policy(account_arn, "444455556666")),
        ("an extra action", action_arn, pca.account_share_policy(action_arn, GRANTEE)),
        ("another template", template_arn, pca.account_share_policy(template_arn, GRANTEE, template="EndEntityServerAuthCertificate/V1")),
    ]
    tasks = [policy_task(name, {"resource_arn": arn, "policy": policy}, diff=True) for name, arn, policy in changes]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    for name, arn, policy in changes:
        result = run.result(name)
        assert run.status(name) == "changed", name
        assert (result["previous_policy"], result["policy"]) == (before[arn], policy), name
        assert (result["diff"]["before"], result["diff"]["after"]) == (before[arn], policy), name
        assert aws.read_policy(arn) == policy, name
    assert pca_calls(aws) == [call for _name, arn, _policy in changes for call in (("GetPolicy", arn), ("PutPolicy", arn))]


# ---------------------------------------------------------------- failures that need AWS


def test_missing_ca_fails_as_not_found_for_present_and_absent(aws, ansible):
    real_arn = aws.create_active_ca()
    missing = real_arn.rsplit("/", 1)[0] + "/" + MISSING_CA_ID
    tasks = [
        policy_task("present", {"resource_arn": missing, "policy": pca.account_share_policy(missing, GRANTEE)}, ignore_errors=True),
        policy_task("absent", {"resource_arn": missing, "state": "absent"}, ignore_errors=True),
    ]

    run = ansible.playbook(ansible.play(tasks))

    for name in ("present", "absent"):
        result = run.result(name)
        assert run.status(name) == "failed", (name, run)
        assert "not found" in result["msg"] and missing in result["msg"], result["msg"]
        assert result["error"]["code"] == "ResourceNotFoundException"
        assert "Traceback" not in result["msg"]
    assert pca_calls(aws) == [("GetPolicy", missing), ("DescribeCertificateAuthority", missing)] * 2


def test_ca_that_is_not_active_fails_naming_its_status(aws, ansible):
    arn = aws.create_pending_ca()
    tasks = [policy_task("present", {"resource_arn": arn, "policy": pca.account_share_policy(arn, GRANTEE)}, ignore_errors=True)]

    run = ansible.playbook(ansible.play(tasks))

    result = run.result("present")
    assert run.status("present") == "failed", run
    assert "PENDING_CERTIFICATE" in result["msg"] and arn in result["msg"], result["msg"]
    assert result["error"]["code"] == "InvalidStateException"
    assert aws.read_policy(arn) is None
    assert [operation for operation, _arn in pca_calls(aws)] == [
        "GetPolicy", "DescribeCertificateAuthority", "PutPolicy", "DescribeCertificateAuthority"]


# ---------------------------------------------------------------- how options are given


def test_arn_aliases_policy_from_a_file_and_policy_as_json_text(aws, ansible, tmp_path):
    file_arn, text_arn = aws.create_active_cas(2)
    from_file = pca.account_share_policy(file_arn, GRANTEE)
    policy_file = tmp_path / "ca-policy.json"
    policy_file.write_text(json.dumps(from_file, indent=2))
    as_text = pca.org_share_policy(text_arn, ORG_ID)
    tasks = [
        policy_task("arn alias, policy from a file", {"arn": file_arn, "policy": "{{ lookup('ansible.builtin.file', '%s') }}" % policy_file}),
        policy_task("certificate_authority_arn alias, policy as JSON text", {"certificate_authority_arn": text_arn, "policy": json.dumps(as_text)}),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    assert statuses(run, [task["name"] for task in tasks]) == ["changed", "changed"]
    assert run.result("arn alias, policy from a file")["resource_arn"] == file_arn
    assert run.result("certificate_authority_arn alias, policy as JSON text")["resource_arn"] == text_arn
    assert run.result("certificate_authority_arn alias, policy as JSON text")["policy"] == as_text
    assert aws.read_policy(file_arn) == from_file
    assert aws.read_policy(text_arn) == as_text


def _breaking_policies(arn):
    """(rule, policy breaking only that rule, words the violation must contain)."""
    account = pca.account_share_policy(arn, GRANTEE)

    extra_action = copy.deepcopy(account)
    extra_action["Statement"][0]["Action"].append("acm-pca:DeleteCertificateAuthority")

    foreign_resource = copy.deepcopy(account)
    other_ca = arn.rsplit("/", 1)[0] + "/" + MISSING_CA_ID
    foreign_resource["Statement"][0]["Resource"] = other_ca

    no_template = copy.deepcopy(account)
    del no_template["Statement"][1]["Condition"]

    bad_template = pca.account_share_policy(arn, GRANTEE, template="SubordinateCACertificate_PathLen1/V1")

    open_wildcard = pca.org_share_policy(arn, ORG_ID)
    del open_wildcard["Statement"][0]["Condition"]

    return [
        ("allowed actions only", extra_action, "action 'acm-pca:DeleteCertificateAuthority' is not allowed"),
        ("Resource is this CA", foreign_resource, "Resource %r is not this CA's ARN" % other_ca),
        ("IssueCertificate needs a TemplateArn condition", no_template,
         "grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn"),
        ("only allowed templates", bad_template, "SubordinateCACertificate_PathLen1/V1' is not a template a shared CA may issue with"),
        ("a wildcard principal needs aws:PrincipalOrgID", open_wildcard, "without a StringEquals aws:PrincipalOrgID condition"),
    ]


def test_each_policy_rule_is_enforced_before_any_call_unless_validate_policy_is_false(aws, ansible):
    arn, unchecked_arn = aws.create_active_cas(2)
    aws.put_policy(arn, pca.account_share_policy(arn, GRANTEE))
    text_before = stored_text(aws, arn)
    rules = _breaking_policies(arn)
    unchecked = _breaking_policies(unchecked_arn)[0][1]
    tasks = [policy_task(rule, {"resource_arn": arn, "policy": policy}, ignore_errors=True) for rule, policy, _words in rules]
    tasks.append(policy_task("validate_policy false", {"resource_arn": unchecked_arn, "policy": unchecked, "validate_policy": False}))

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    for rule, _policy, words in rules:
        result = run.result(rule)
        assert run.status(rule) == "failed", (rule, run)
        assert len(result["violations"]) == 1 and words in result["violations"][0], (rule, result["violations"])
        assert words in result["msg"], (rule, result["msg"])
    assert stored_text(aws, arn) == text_before
    # The refused policies made no call at all; the unchecked one went to AWS, which stored it.
    assert pca_calls(aws) == [("GetPolicy", unchecked_arn), ("DescribeCertificateAuthority", unchecked_arn), ("PutPolicy", unchecked_arn)]
    assert run.status("validate_policy false") == "changed"
    assert aws.read_policy(unchecked_arn) == unchecked


# ---------------------------------------------------------------- region


def test_ca_in_another_region_is_managed_in_the_region_of_its_arn(aws, ansible):
    west = pca.make_client(aws.moto_url, region=OTHER_REGION)
    arn = pca.create_active_ca(west)
    policy = pca.account_share_policy(arn, GRANTEE)
    tasks = [
        policy_task("contradicting region option", {"resource_arn": arn, "policy": policy, "region": aws.region}, ignore_errors=True),
        policy_task("share", {"resource_arn": arn, "policy": policy}),
        {"name": "describe", INFO_MODULE: {"certificate_authority_arn": arn, "include_policy": True}},
    ]
    play = ansible.play(tasks, module_defaults_endpoint=False)
    play["module_defaults"] = {ACTION_GROUP: {"endpoint_url": aws.endpoint_url}}

    run = ansible.playbook(play, env={"AWS_DEFAULT_REGION": aws.region})

    assert run.rc == 0, run
    refused = run.result("contradicting region option")["msg"]
    assert run.status("contradicting region option") == "failed", run
    assert OTHER_REGION in refused and aws.region in refused and "region" in refused, refused
    assert run.status("share") == "changed", run
    assert pca.read_policy(west, arn) == policy
    assert [(ca["arn"], ca["policy"]) for ca in run.result("describe")["certificate_authorities"]] == [(arn, policy)]
    assert pca_calls(aws) == [("GetPolicy", arn), ("DescribeCertificateAuthority", arn), ("PutPolicy", arn),
                              ("DescribeCertificateAuthority", arn), ("GetPolicy", arn)]


# ---------------------------------------------------------------- statements by Sid, and AWS RAM's statements

RAM_SID = "7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals"
PARTNER = "999988887777"


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


def test_statements_are_managed_by_sid_keeping_every_other_and_ram_statements_are_named(aws, ansible):
    shared_arn, new_arn, ram_arn = aws.create_active_cas(3)
    shared_before = _with(pca.account_share_policy(shared_arn, GRANTEE), _ram_statement(shared_arn))
    ram_before = _with(pca.org_share_policy(ram_arn, ORG_ID), _ram_statement(ram_arn))
    aws.put_policy(shared_arn, shared_before)
    aws.put_policy(ram_arn, ram_before)
    partner = _partner_statements(shared_arn)
    replaced_issue = _partner_statements(shared_arn, template="EndEntityClientAuthCertificate/V1")[1]
    by_sid_only = [{"Sid": "PartnerRead"}, {"Sid": "PartnerIssue"}, {"Sid": "NotOnTheCa"}]
    new_partner = _partner_statements(new_arn)[:1]
    exact = pca.org_share_policy(ram_arn, ORG_ID)

    tasks = four_steps(aws, shared_arn, {"resource_arn": shared_arn, "statements": partner})
    tasks += [
        policy_task("replace by Sid", {"resource_arn": shared_arn, "statements": [replaced_issue]}),
        moto_read_task(aws, shared_arn, "moto after replace"),
        policy_task("remove by Sid", {"resource_arn": shared_arn, "state": "absent", "statements": by_sid_only}),
        policy_task("remove by Sid again", {"resource_arn": shared_arn, "state": "absent", "statements": by_sid_only}),
        policy_task("add to a CA without policy", {"resource_arn": new_arn, "statements": new_partner}),
        policy_task("remove the last, check mode", {"resource_arn": new_arn, "state": "absent", "statements": [{"Sid": "PartnerRead"}]},
                    check_mode=True),
        moto_read_task(aws, new_arn, "moto after check mode"),
        policy_task("remove the last", {"resource_arn": new_arn, "state": "absent", "statements": [{"Sid": "PartnerRead"}]}),
        {"name": "info", INFO_MODULE: {"certificate_authority_arn": ram_arn, "include_policy": True}},
        policy_task("exact policy dropping RAM's statement", {"resource_arn": ram_arn, "policy": exact}, diff=True),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    # Added beside the others, in four steps; the account share and RAM's statement stay as they were.
    merged = _with(shared_before, *partner)
    assert moto_after_each_step(run) == [shared_before, merged, merged, merged]
    assert statuses(run, ["step 1", "step 2", "step 3", "step 4"]) == ["changed", "changed", "ok", "ok"], run
    for result in step_results(run):
        assert result["policy"] == merged and not result.get("warnings")
        assert RAM_SID in result["diff"]["before_header"] and RAM_SID in result["diff"]["after_header"]
    # Replaced by Sid, where it stood; removed by Sid (a Sid not on the CA is no change).
    assert run.status("replace by Sid") == "changed"
    assert moto_policy(run, "moto after replace") == _with(shared_before, partner[0], replaced_issue)
    assert statuses(run, ["remove by Sid", "remove by Sid again"]) == ["changed", "ok"]
    assert aws.read_policy(shared_arn) == shared_before
    # The last removal deletes the policy (with the DeletePolicy warning); check mode wrote nothing.
    assert statuses(run, ["add to a CA without policy", "remove the last, check mode", "remove the last"]) == ["changed"] * 3
    assert moto_policy(run, "moto after check mode") == {"Version": "2012-10-17", "Statement": new_partner}
    assert RAM_WARNING in run.result("remove the last")["warnings"][0]
    assert aws.read_policy(new_arn) is None
    # RAM's statements: named by acmpca_info, and an exact policy that drops one warns naming it.
    assert run.result("info")["certificate_authorities"][0]["ram_statement_sids"] == [RAM_SID]
    dropped = run.result("exact policy dropping RAM's statement")
    assert run.status("exact policy dropping RAM's statement") == "changed"
    assert len(dropped["warnings"]) == 1
    assert dropped["warnings"][0].startswith("Dropped the statements AWS RAM wrote into the policy of %s: %s." % (ram_arn, RAM_SID))
    assert "lose access" in dropped["warnings"][0]
    assert dropped["diff"]["before_header"] == "%s (before; statements AWS RAM wrote: %s)" % (ram_arn, RAM_SID)
    assert aws.read_policy(ram_arn) == exact
    assert pca_calls(aws) == [
        ("GetPolicy", shared_arn),                                # step 1 (check): no PutPolicy
        ("GetPolicy", shared_arn), ("PutPolicy", shared_arn),     # step 2
        ("GetPolicy", shared_arn),                                # step 3: one call
        ("GetPolicy", shared_arn),                                # step 4: one call
        ("GetPolicy", shared_arn), ("PutPolicy", shared_arn),     # replace by Sid
        ("GetPolicy", shared_arn), ("PutPolicy", shared_arn),     # remove by Sid
        ("GetPolicy", shared_arn),                                # remove again: one call
        ("GetPolicy", new_arn), ("DescribeCertificateAuthority", new_arn), ("PutPolicy", new_arn),
        ("GetPolicy", new_arn),                                   # check mode: no DeletePolicy
        ("GetPolicy", new_arn), ("DeletePolicy", new_arn),
        ("DescribeCertificateAuthority", ram_arn), ("GetPolicy", ram_arn),   # info
        ("GetPolicy", ram_arn), ("PutPolicy", ram_arn),
    ]
