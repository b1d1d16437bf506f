# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bad-input cases: each names its input and the words its error message must hold.

Every module case runs in-process against moto in tests/unit/plugins/modules/test_bad_input.py
(message, no AWS call, policy unchanged); the cases in ``PLAYBOOK_CASES`` also run through a
real ansible-playbook in tests/integration/test_bad_input.py, as do the role's cases.
"""

import collections

from pki_acmpca_emulator import pca

POLICY_MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
ROLE = "pki.acmpca.org_sharing"
WRITES = ("PutPolicy", "DeletePolicy")
ORG_ID = "o-exampleorg1"
# Nothing listens on port 1 of the loopback interface: connections are refused at once.
UNREACHABLE_ENDPOINT = "http://127.0.0.1:1"
TEMPLATE = pca.template_arn()
ROLE_ARGUMENT_CHECK = "Validating arguments against arg spec"
ROLE_SETTINGS_CHECK = "Check the role's settings and the listed CA ARNs before any AWS call"

# How a case connects: "case" = the endpoint (fault proxy), us-east-1 and the case's own
# access key; the other modes leave out what their name says.
CONNECTION_MODES = ("case", "no_credentials", "no_region", "unreachable")

Case = collections.namedtuple("Case", "id kind args expect local connection failed_task")
Case.__new__.__defaults__ = (True, "case", None)


def _policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _read(arn, principal="111122223333", actions=None, **extra):
    statement = {"Sid": "ReadForPartner", "Effect": "Allow", "Principal": {"AWS": principal},
                 "Action": list(actions or pca.READ_ACTIONS), "Resource": arn}
    statement.update(extra)
    return statement


def _issue(arn, principal="111122223333", condition=None, **extra):
    statement = {"Sid": "IssueForPartner", "Effect": "Allow", "Principal": {"AWS": principal},
                 "Action": "acm-pca:IssueCertificate", "Resource": arn}
    if condition is not None:
        statement["Condition"] = condition
    statement.update(extra)
    return statement


def _policy_case(case_id, policy, expect):
    """An acmpca_policy case that puts ``policy`` (or ``policy(arn)``) on the case's CA."""
    return Case(case_id, "policy", lambda arn: {"resource_arn": arn, "policy": policy(arn) if callable(policy) else policy}, expect)


ARN_SHAPES = "arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>"
MISSING_CA_ID = "00000000-0000-4000-8000-000000000000"


ALL_CASES = [
    # --- acmpca_policy: the ARN ---------------------------------------------------------
    Case("arn-malformed", "policy", lambda arn: {"resource_arn": "certificate-authority/0a1b2c3d", "state": "absent"},
         ["resource_arn 'certificate-authority/0a1b2c3d' is not an ACM PCA certificate authority ARN", ARN_SHAPES]),
    Case("arn-foreign-service", "policy",
         lambda arn: {"resource_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789", "state": "absent"},
         ["is not an ACM PCA certificate authority ARN", "belongs to the service 'acm', not 'acm-pca'"]),
    Case("arn-template-not-ca", "policy", lambda arn: {"resource_arn": TEMPLATE, "state": "absent"},
         ["is not an ACM PCA certificate authority ARN", "its resource 'template/EndEntityCertificate/V1' is not a certificate-authority/<id>"]),
    Case("arn-region-disagrees-with-region-option", "policy", lambda arn: {"resource_arn": arn, "state": "absent", "region": "eu-west-1"},
         ["resource_arn is in region us-east-1 but the region option (set on the task or through module_defaults) says eu-west-1"]),
    Case("ca-does-not-exist", "policy",
         lambda arn: {"resource_arn": f"{arn.rsplit('/', 1)[0]}/{MISSING_CA_ID}", "state": "absent"},
         ["Certificate authority", MISSING_CA_ID, "was not found in region us-east-1"], local=False),
    # --- acmpca_policy: the policy document ---------------------------------------------
    _policy_case("policy-invalid-json", '{"Version": "2012-10-17", "Statement": [', ["policy is not valid JSON"]),
    _policy_case("policy-json-array", '["acm-pca:GetCertificate"]', ["policy must be a JSON object ({...}), got a JSON array"]),
    _policy_case("policy-duplicate-key", '{"Version": "2012-10-17", "Version": "2008-10-17", "Statement": []}',
                 ["policy is not valid", "the key 'Version' appears twice"]),
    _policy_case("policy-oversize", lambda arn: dict(_policy(_read(arn)), Id="x" * 82000),
                 ["policy is 8", "characters once serialized; ACM PCA accepts at most 81920"]),
    _policy_case("policy-non-latin-1", lambda arn: _policy(_read(arn, Sid="ReadForPartner\u20ac")),
                 ["policy contains the character '\u20ac' (U+20AC) in Statement[0].Sid", "U+0020..U+00FF"]),
    Case("present-without-policy", "policy", lambda arn: {"resource_arn": arn},
         ["state is present but any of the following are missing: policy, statements"]),
    # --- acmpca_policy: statements by Sid ---------------------------------------------------
    Case("statements-without-sid", "policy", lambda arn: {"resource_arn": arn, "statements": [_read(arn), dict(_issue(arn), Sid="")]},
         ["statements[1] has the Sid ''; a Sid must be a non-empty string"]),
    Case("statements-repeated-sid", "policy",
         lambda arn: {"resource_arn": arn, "state": "absent", "statements": [{"Sid": "ReadAccess"}, {"Sid": "ReadAccess"}]},
         ["statements[1] repeats the Sid 'ReadAccess' of statements[0]"]),
    Case("statements-ram-sid", "policy",
         lambda arn: {"resource_arn": arn, "state": "absent", "statements": [{"Sid": "a1b2-external-principals"}]},
         ["the Sid 'a1b2-external-principals' ends in '-external-principals', which marks a statement AWS RAM writes"]),
    Case("statements-with-policy", "policy", lambda arn: {"resource_arn": arn, "policy": _policy(_read(arn)), "statements": [_read(arn)]},
         ["parameters are mutually exclusive: policy|statements"]),
    # --- acmpca_policy: the ACM PCA policy rules (validate_policy) ------------------------
    _policy_case("rule-action-not-allowed", lambda arn: _policy(_read(arn, actions=["acm-pca:DeleteCertificateAuthority"])),
                 ["Action 'acm-pca:DeleteCertificateAuthority' is not allowed in an ACM PCA policy"]),
    _policy_case("rule-resource-is-another-ca", lambda arn: _policy(_read(arn, Resource=f"{arn[:-4]}ffff")),
                 ["is not this CA's ARN @ARN@"]),
    _policy_case("rule-issue-without-template-condition", lambda arn: _policy(_issue(arn)),
                 ["grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn"]),
    _policy_case("rule-issue-with-a-ca-template",
                 lambda arn: _policy(_issue(arn, condition={"StringEquals": {"acm-pca:TemplateArn": pca.template_arn("RootCACertificate/V1")}})),
                 ["acm-pca:TemplateArn 'arn:aws:acm-pca:::template/RootCACertificate/V1' is not a template a shared CA may issue with"]),
    _policy_case("rule-star-principal-without-org", lambda arn: _policy(_read(arn, Principal="*")),
                 ['allows any AWS account (a "*" principal) without a StringEquals aws:PrincipalOrgID condition']),
    _policy_case("rule-org-condition-not-an-org-id",
                 lambda arn: _policy(_read(arn, Principal="*", Condition={"StringEquals": {"aws:PrincipalOrgID": "o-NotAnOrg"}})),
                 ["aws:PrincipalOrgID 'o-NotAnOrg' is not an organization ID"]),
    _policy_case("rule-account-id-as-a-number", lambda arn: _policy(_read(arn, principal=111122223333)),
                 ["Principal AWS value 111122223333 must be a string; YAML or a template made it a number: quote account IDs"]),
    _policy_case("rule-six-violations-named-at-once",
                 {"Version": "2024-01-01", "Comment": "one of everything", "Statement": [
                     {"Sid": "Odd", "Effect": "Permit", "Principal": {"AWS": "111122223333"}, "NotAction": "acm-pca:IssueCertificate", "Resource": "*"}]},
                 ["policy breaks 6 ACM PCA policy rules", "policy has the unknown top-level key 'Comment'",
                  "policy Version '2024-01-01' is not one of 2012-10-17, 2008-10-17",
                  "has Effect 'Permit'; it must be \"Allow\" (ACM PCA resource policies support only Allow statements)",
                  "uses NotAction, which ACM PCA resource policies do not allow", "statement 'Odd' (Statement[0]) has no Action",
                  "Resource '*' is not this CA's ARN @ARN@"]),
    # --- acmpca_policy: options -----------------------------------------------------------
    Case("state-not-a-choice", "policy", lambda arn: {"resource_arn": arn, "state": "deleted"},
         ["value of state must be one of: present, absent, got: deleted"]),
    Case("resource-arn-missing", "policy", lambda arn: {"state": "absent"}, ["missing required arguments: resource_arn"]),
    Case("aws-config-unknown-setting", "policy", lambda arn: {"resource_arn": arn, "state": "absent", "aws_config": {"retry_count": 3}},
         ["aws_config is not a valid botocore Config", "retry_count"]),
    # --- connection -----------------------------------------------------------------------
    Case("profile-with-keys", "policy", lambda arn: {"resource_arn": arn, "state": "absent", "profile": "pki-admin"},
         ["parameters are mutually exclusive: profile|access_key"]),
    Case("access-key-without-secret-key", "policy",
         lambda arn: {"resource_arn": arn, "state": "absent", "access_key": "AKIAPKIACMPCALONELY0"},
         ["access_key and secret_key must be given together (got only access_key)"], connection="no_credentials"),
    Case("session-token-without-keys", "policy", lambda arn: {"resource_arn": arn, "state": "absent", "session_token": "pki-acmpca-lone-token"},
         ["session_token", "access_key", "secret_key"], connection="no_credentials"),
    Case("no-credentials", "policy", lambda arn: {"resource_arn": arn, "state": "absent"},
         ["No AWS credentials found for GetPolicy"], connection="no_credentials"),
    Case("unreachable-endpoint", "policy", lambda arn: {"resource_arn": arn, "state": "absent"},
         [f"Could not reach the AWS endpoint {UNREACHABLE_ENDPOINT}/ for GetPolicy after retries"], connection="unreachable"),
    # --- acmpca_info ----------------------------------------------------------------------
    Case("info-resource-owner-not-a-choice", "info", lambda arn: {"resource_owner": "EVERYONE"},
         ["value of resource_owner must be one of: SELF, OTHER_ACCOUNTS, got: EVERYONE"]),
    Case("info-malformed-arn", "info", lambda arn: {"certificate_authority_arn": arn.replace("certificate-authority/", "ca/")},
         ["certificate_authority_arn", "is not an ACM PCA certificate authority ARN", "is not a certificate-authority/<id>"]),
    Case("info-no-region", "info", lambda arn: {}, ["No AWS region"], connection="no_region"),
    Case("info-filter-unknown", "info", lambda arn: {"filters": {"name": "pki"}}, ["filters has the unknown filter 'name'"]),
    Case("info-filter-status-not-a-choice", "info", lambda arn: {"filters": {"status": ["ACTIVE", "active"]}},
         ["filters.status: 'active' not one of"]),
    Case("info-filter-tags-not-a-dict", "info", lambda arn: {"filters": {"tags": ["Team"]}},
         ["filters.tags must be a dict of tag key to value"]),
    # --- the org_sharing role -------------------------------------------------------------
    Case("role-organization-id-missing", "role", lambda arn: {},
         ["missing required arguments: org_sharing_organization_id"], failed_task=ROLE_ARGUMENT_CHECK),
    Case("role-organization-id-uppercase", "role", lambda arn: {"org_sharing_organization_id": "o-ExampleOrg1"},
         ["org_sharing_organization_id 'o-ExampleOrg1' is not an organization ID"], failed_task=ROLE_SETTINGS_CHECK),
    Case("role-template-unknown", "role",
         lambda arn: {"org_sharing_organization_id": ORG_ID, "org_sharing_templates": ["EndEntityCertificate/V2"]},
         ["org_sharing_templates", "EndEntityCertificate/V2"], failed_task=ROLE_ARGUMENT_CHECK),
    Case("role-templates-empty", "role", lambda arn: {"org_sharing_organization_id": ORG_ID, "org_sharing_templates": []},
         ["org_sharing_templates must be a non-empty list"], failed_task=ROLE_SETTINGS_CHECK),
    Case("role-state-not-a-choice", "role", lambda arn: {"org_sharing_organization_id": ORG_ID, "org_sharing_state": "removed"},
         ["org_sharing_state", "removed"], failed_task=ROLE_ARGUMENT_CHECK),
    Case("role-ca-arn-malformed", "role",
         lambda arn: {"org_sharing_organization_id": ORG_ID, "org_sharing_certificate_authority_arns": [arn.replace("certificate-authority/", "ca/")]},
         ["org_sharing_certificate_authority_arns", "is not an ACM PCA certificate authority ARN", "is not a certificate-authority/<id>"],
         failed_task=ROLE_SETTINGS_CHECK),
    Case("role-ca-arn-of-another-account", "role",
         lambda arn: {"org_sharing_organization_id": ORG_ID,
                      "org_sharing_certificate_authority_arns": [arn.replace(arn.split(":")[4], "210987654321")]},
         ["The org_sharing role changed nothing: it cannot share 1 CA", "it belongs to account 210987654321"], local=False),
]


# The cases that also run through ansible-playbook: at least one of each kind of check, and
# every case whose path goes through ansible-core itself. Each costs a module run (about a
# CPU-second); the others are proven in-process, where they cost next to nothing.
PLAYBOOK_CASES = {
    "arn-malformed": "the ARN checks",
    "policy-invalid-json": "the policy's JSON",
    "rule-six-violations-named-at-once": "the ACM PCA policy rules",
    "rule-account-id-as-a-number": "a number from YAML reaches the rules as ansible-core passes it",
    "statements-repeated-sid": "statements by Sid",
    "state-not-a-choice": "the argument spec",
    "profile-with-keys": "a profile on the task meets keys from module_defaults",
    "no-credentials": "only the proxy sees that nothing unsigned leaves a run without credentials",
    "info-malformed-arn": "acmpca_info",
    "role-organization-id-missing": "the role's argument_specs",
    "role-organization-id-uppercase": "the role's own check",
    "role-template-unknown": "the role's argument_specs",
    "role-templates-empty": "the role's own check",
    "role-state-not-a-choice": "the role's argument_specs",
    "role-ca-arn-malformed": "the role's check of the listed CAs",
}


def case_access_key(index):
    return "AKIAPKIACMPCACASE%03d" % index


def module_defaults(case, endpoint_url, region, credentials):
    """The connection settings a case runs with (module_defaults for the action group)."""
    defaults = {"endpoint_url": UNREACHABLE_ENDPOINT if case.connection == "unreachable" else endpoint_url}
    if case.connection != "no_region":
        defaults["region"] = region
    if case.connection != "no_credentials":
        defaults.update(credentials)
    return defaults
