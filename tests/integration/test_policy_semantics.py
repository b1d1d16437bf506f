# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IAM's and ACM PCA's documented semantics through the real module path: one
ansible-playbook run against moto (through the fault proxy) in which policies the unit
tests never saw are accepted, compared, refused and removed as AWS would."""

import copy

from tests.support import pca

MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
GRANTEE = "210987654321"
OU_PATH = "o-q1w2e3r4t5/r-zz99/ou-zz99-abcdefgh/*"


def policy_task(name, args, **options):
    task = {"name": name, MODULE: args}
    task.update(options)
    return task


def pca_calls(aws):
    return [(entry["operation"], entry["arn"], entry["fault"]) for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def ou_policy(arn):
    """Read for, and issue by, principals in one organizational unit, plus revoke as RAM grants it."""
    policy = pca.org_share_policy(arn, "o-q1w2e3r4t5", template="EndEntityServerAuthCertificate/V1")
    for statement in policy["Statement"]:
        del statement["Condition"]["StringEquals"]["aws:PrincipalOrgID"]
        statement["Condition"]["ForAnyValue:StringLike"] = {"aws:principalorgpaths": [OU_PATH]}
    policy["Statement"].append({"Sid": "RevokeForPartner", "Effect": "Allow",
                                "Principal": {"AWS": "arn:aws:iam::%s:role/pki-revoker" % GRANTEE},
                                "Action": "acm-pca:RevokeCertificate", "Resource": arn})
    return policy


def stored_with_typed_conditions(arn):
    """A 2008-10-17 policy as AWS would hand it back: condition values as strings."""
    policy = dict(pca.account_share_policy(arn, GRANTEE), Version="2008-10-17")
    policy["Statement"].append({"Sid": "DenyPlainHttp", "Effect": "Deny", "Principal": {"AWS": GRANTEE},
                                "Action": "acm-pca:IssueCertificate", "Resource": arn,
                                "Condition": {"Bool": {"aws:SecureTransport": "false"},
                                              "NumericGreaterThan": {"acm-pca:ValidityDays": "397"}}})
    return policy


def respelled_as_yaml_would(policy, arn):
    """The same policy as a playbook writes it: no Version, YAML booleans and numbers,
    condition keys in other cases, the root ARN of the CA's partition for the account ID."""
    respelled = copy.deepcopy(policy)
    del respelled["Version"]
    for statement in respelled["Statement"]:
        statement["Principal"] = {"AWS": ["arn:aws:iam::%s:root" % GRANTEE]}
    respelled["Statement"][1]["Condition"] = {"StringEquals": {"acm-pca:templatearn": [pca.template_arn()]}}
    respelled["Statement"][2]["Condition"] = {"Bool": {"AWS:SecureTransport": False}, "NumericGreaterThan": {"acm-pca:validitydays": 397}}
    assert respelled != policy and arn
    return respelled


def refused_policies(arn):
    """(name, policy, words of the one violation): policies AWS refuses or that name nobody."""
    cases = []
    for name, index, change, words in (
            ("Effect in lower case", 0, {"Effect": "allow"}, 'Effect is case-sensitive: write "Allow"'),
            ("empty principal", 0, {"Principal": {}}, "Principal is empty"),
            ("empty AWS principal list", 1, {"Principal": {"AWS": []}}, "Principal AWS is an empty list"),
            ("eleven-digit account", 0, {"Principal": {"AWS": "21098765432"}}, "is not an account ID: account IDs are 12 digits"),
            ("an S3 bucket as principal", 0, {"Principal": {"AWS": "arn:aws:s3:::pki-bucket"}}, "names no principal"),
            ("a principal of another partition", 1, {"Principal": {"AWS": "arn:aws-us-gov:iam::%s:root" % GRANTEE}},
             "is in partition 'aws-us-gov' but the CA is in 'aws'")):
        policy = pca.account_share_policy(arn, GRANTEE)
        policy["Statement"][index].update(change)
        cases.append((name, policy, words))
    all_values = ou_policy(arn)
    all_values["Statement"] = all_values["Statement"][:1]
    all_values["Statement"][0]["Condition"] = {"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": [OU_PATH]}}
    cases.append(("ForAllValues OU paths do not narrow a star principal", all_values, 'allows any AWS account (a "*" principal)'))
    return cases


def test_aws_semantics_through_the_module(aws, ansible):
    ou_arn, same_arn, effect_arn, partition_arn, refused_arn, race_arn = aws.create_active_cas(6)
    same_stored = stored_with_typed_conditions(same_arn)
    aws.put_policy(same_arn, same_stored)
    aws.put_policy(effect_arn, pca.account_share_policy(effect_arn, GRANTEE))
    # Resource "*" names no partition: only the CA's ARN tells what an account ID is.
    by_account_id = pca.account_share_policy(partition_arn, GRANTEE)
    for statement in by_account_id["Statement"]:
        statement["Resource"] = "*"
    aws.put_policy(partition_arn, by_account_id)
    by_china_root = copy.deepcopy(by_account_id)
    for statement in by_china_root["Statement"]:
        statement["Principal"] = {"AWS": "arn:aws-cn:iam::%s:root" % GRANTEE}
    aws.put_policy(refused_arn, pca.account_share_policy(refused_arn, GRANTEE))
    refused_before = aws.read_policy(refused_arn)
    aws.put_policy(race_arn, pca.account_share_policy(race_arn, GRANTEE))
    lower_case_effect = pca.account_share_policy(effect_arn, GRANTEE)
    lower_case_effect["Statement"][0]["Effect"] = "allow"
    refused = refused_policies(refused_arn)
    # The policy vanishes between this run's GetPolicy and its DeletePolicy; a CA vanishes after the listing.
    aws.proxy.add_fault("DeletePolicy", "not_found", times=1)
    aws.proxy.add_fault("ListTags", "not_found", times=1)
    tasks = [
        policy_task("grant to an OU, with revoke", {"resource_arn": ou_arn, "policy": ou_policy(ou_arn)}),
        policy_task("the same policy as YAML writes it", {"resource_arn": same_arn, "policy": respelled_as_yaml_would(same_stored, same_arn)}),
        policy_task("Effect in lower case, unvalidated", {"resource_arn": effect_arn, "policy": lower_case_effect, "validate_policy": False}),
        policy_task("root ARN of another partition, unvalidated", {"resource_arn": partition_arn, "policy": by_china_root, "validate_policy": False}),
    ]
    tasks += [policy_task(name, {"resource_arn": refused_arn, "policy": policy}, ignore_errors=True) for name, policy, _words in refused]
    tasks += [
        policy_task("policy removed meanwhile", {"resource_arn": race_arn, "state": "absent"}),
        {"name": "tags of every CA", INFO_MODULE: {"include_tags": True}},
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    assert run.status("grant to an OU, with revoke") == "changed", run
    assert aws.read_policy(ou_arn) == ou_policy(ou_arn)
    unchanged = run.result("the same policy as YAML writes it")
    assert run.status("the same policy as YAML writes it") == "ok", run
    assert unchanged["policy"] == unchanged["previous_policy"] == same_stored
    assert run.status("Effect in lower case, unvalidated") == "changed", run
    assert aws.read_policy(effect_arn)["Statement"][0]["Effect"] == "allow"
    assert run.status("root ARN of another partition, unvalidated") == "changed", run
    for name, _policy, words in refused:
        result = run.result(name)
        assert run.status(name) == "failed", (name, run)
        assert len(result["violations"]) == 1 and words in result["violations"][0], (name, result["violations"])
    assert aws.read_policy(refused_arn) == refused_before
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
    # The refused policies made no call at all.
    assert calls[:12] == [
        ("GetPolicy", ou_arn, None), ("DescribeCertificateAuthority", ou_arn, None), ("PutPolicy", ou_arn, None),
        ("GetPolicy", same_arn, None),
        ("GetPolicy", effect_arn, None), ("PutPolicy", effect_arn, None),
        ("GetPolicy", partition_arn, None), ("PutPolicy", partition_arn, None),
        ("GetPolicy", race_arn, None), ("DeletePolicy", race_arn, "not_found"), ("DescribeCertificateAuthority", race_arn, None),
        ("ListCertificateAuthorities", None, None),
    ]
    assert sorted(operation for operation, _arn, _fault in calls[12:]) == ["ListTags"] * 6
