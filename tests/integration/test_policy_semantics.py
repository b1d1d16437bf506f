# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IAM's and ACM PCA's documented semantics through the real module path: one
ansible-playbook run against moto (through the fault proxy) in which a policy as a YAML
playbook writes it is compared, one AWS refuses is refused, and a policy or a CA that
vanishes meanwhile is handled as AWS would.

Every rule and every respelling, one by one, is proven in-process (TestAwsSemantics and
TestRulesThroughTheModule in tests/unit/plugins/modules/test_acmpca_policy.py)."""

import copy

from pki_acmpca_emulator import pca

MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
GRANTEE = "210987654321"


def policy_task(name, args, **options):
    task = {"name": name, MODULE: args}
    task.update(options)
    return task


def pca_calls(aws):
    return [(entry["operation"], entry["arn"], entry["fault"]) for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def stored_with_typed_conditions(arn):
    """A 2008-10-17 policy as AWS would hand it back: condition values as strings."""
    policy = dict(pca.account_share_policy(arn, GRANTEE), Version="2008-10-17")
    policy["Statement"].append({"Sid": "ReadOverTls", "Effect": "Allow", "Principal": {"AWS": GRANTEE},
                                "Action": "acm-pca:GetCertificate", "Resource": arn,
                                "Condition": {"Bool": {"aws:SecureTransport": "true"},
                                              "NumericGreaterThan": {"acm-pca:ValidityDays": "397"}}})
    return policy


def respelled_as_yaml_would(policy, arn):
    """The same policy as a playbook writes it: no Version, YAML booleans and numbers,
    condition keys in other cases, the root ARN of the CA's partition for the account ID."""
    respelled = copy.deepcopy(policy)
    del respelled["Version"]
    for statement in respelled["Statement"]:
        statement["Principal"] = {"AWS": [f"arn:aws:iam::{GRANTEE}:root"]}
    respelled["Statement"][1]["Condition"] = {"StringEquals": {"acm-pca:templatearn": [pca.template_arn()]}}
    respelled["Statement"][2]["Condition"] = {"Bool": {"AWS:SecureTransport": True}, "NumericGreaterThan": {"acm-pca:validitydays": 397}}
    assert respelled != policy and arn
    return respelled


def test_aws_semantics_through_the_module(aws, ansible):
    same_arn, race_arn = aws.create_active_cas(2)
    same_stored = stored_with_typed_conditions(same_arn)
    aws.put_policy(same_arn, same_stored)
    aws.put_policy(race_arn, pca.account_share_policy(race_arn, GRANTEE))
    # AWS refuses an Effect in another case; the module says so before any call.
    lower_case_effect = pca.account_share_policy(same_arn, GRANTEE)
    lower_case_effect["Statement"][0]["Effect"] = "allow"
    # The policy vanishes between this run's GetPolicy and its DeletePolicy; a CA vanishes after the listing.
    aws.proxy.add_fault("DeletePolicy", "not_found", times=1)
    aws.proxy.add_fault("ListTags", "not_found", times=1)
    tasks = [
        policy_task("the same policy as YAML writes it", {"resource_arn": same_arn, "policy": respelled_as_yaml_would(same_stored, same_arn)}),
        policy_task("Effect in lower case", {"resource_arn": same_arn, "policy": lower_case_effect}, ignore_errors=True),
        policy_task("policy removed meanwhile", {"resource_arn": race_arn, "state": "absent"}),
        {"name": "tags of every CA", INFO_MODULE: {"include_tags": True}},
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    unchanged = run.result("the same policy as YAML writes it")
    assert run.status("the same policy as YAML writes it") == "ok", run
    assert unchanged["policy"] == unchanged["previous_policy"] == same_stored
    refused = run.result("Effect in lower case")
    assert run.status("Effect in lower case") == "failed", run
    assert len(refused["violations"]) == 1 and 'Effect is case-sensitive: write "Allow"' in refused["violations"][0], refused
    assert 'Effect is case-sensitive: write "Allow"' in refused["msg"]
    assert aws.read_policy(same_arn) == same_stored
    removed = run.result("policy removed meanwhile")
    assert run.status("policy removed meanwhile") == "changed", run
    assert removed["policy"] is None
    tags = run.result("tags of every CA")["certificate_authorities"]
    gone = [ca for ca in tags if "tags_error" in ca]
    assert len(gone) == 1 and gone[0]["tags"] is None, tags
    assert gone[0]["tags_error"]["code"] == "ResourceNotFoundException"
    assert gone[0]["tags_error"]["message"].startswith("Could not find resource") and gone[0]["tags_error"]["request_id"]
    assert all(ca["tags"] == {} for ca in tags if ca is not gone[0])
    calls = pca_calls(aws)
    # The refused policy made no call at all.
    assert calls[:5] == [
        ("GetPolicy", same_arn, None),
        ("GetPolicy", race_arn, None), ("DeletePolicy", race_arn, "not_found"), ("DescribeCertificateAuthority", race_arn, None),
        ("ListCertificateAuthorities", None, None),
    ]
    assert sorted(operation for operation, _arn, _fault in calls[5:]) == ["ListTags"] * 2
