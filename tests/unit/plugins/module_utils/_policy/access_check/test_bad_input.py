# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_check: a request or a policy that cannot be evaluated is refused, naming what is wrong."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_check import evaluate, evaluate_all
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError

from .....helpers import CA_ARN

OTHER_CA = CA_ARN.replace('0a1b2c3d', 'ffffffff')
GOOD = {'principal': '444455556666', 'action': 'GetCertificate'}


def policy(*resources, **statement):
    item = dict({'Effect': 'Allow', 'Principal': '*', 'Action': 'acm-pca:*', 'Resource': list(resources) or CA_ARN}, **statement)
    return {'Version': '2012-10-17', 'Statement': [item]}


def refused(document, request, message):
    with pytest.raises(InputError) as refusal:
        evaluate(document, request)
    assert str(refusal.value) == message


@pytest.mark.parametrize('request_, message', [
    ('text',
     'a request must be a dict of principal, action, resource, template, organization_id, '
     'organizational_unit_paths, source_account, source_arn, context'),
    (dict(GOOD, expect='allowed'),
     'request has unknown key(s) expect (known: principal, action, resource, template, organization_id, '
     'organizational_unit_paths, source_account, source_arn, context)'),
    ({'action': 'GetCertificate'},
     'principal is needed: a 12-digit account ID, arn:<partition>:iam::<account>:root, an IAM role or '
     'user ARN, arn:<partition>:sts::<account>:assumed-role/<role>/<session>, or a service principal such '
     'as acm.amazonaws.com'),
    (dict(GOOD, principal=444455556666),
     'principal 444455556666 must be a string: quote account IDs in YAML, or a leading zero is lost'),
    (dict(GOOD, principal='4444'),
     "principal '4444' is not a principal: give a 12-digit account ID, "
     'arn:<partition>:iam::<account>:root, an IAM role or user ARN, '
     'arn:<partition>:sts::<account>:assumed-role/<role>/<session>, or a service principal such as acm.amazonaws.com'),
    (dict(GOOD, principal='arn:aws-cn:iam::444455556666:root'),
     "principal 'arn:aws-cn:iam::444455556666:root' is in partition 'aws-cn', the CA "
     'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789 '
     "in 'aws': no principal reaches a CA of another partition"),
    ({'principal': '444455556666'},
     'action must be an ACM PCA action such as acm-pca:IssueCertificate or IssueCertificate'),
    (dict(GOOD, action='s3:GetObject'),
     "action 's3:GetObject' is not an ACM PCA action: a CA's policy decides only acm-pca:<Action>"),
    (dict(GOOD, action='IssueCertificates'),
     "action 'IssueCertificates' is not an ACM PCA action (one of: CreateCertificateAuthority, "
     'CreateCertificateAuthorityAuditReport, CreatePermission, DeleteCertificateAuthority, '
     'DeletePermission, DeletePolicy, DescribeCertificateAuthority, '
     'DescribeCertificateAuthorityAuditReport, GetCertificate, GetCertificateAuthorityCertificate, '
     'GetCertificateAuthorityCsr, GetPolicy, ImportCertificateAuthorityCertificate, IssueCertificate, '
     'ListCertificateAuthorities, ListPermissions, ListTags, PutPolicy, RestoreCertificateAuthority, '
     'RevokeCertificate, TagCertificateAuthority, UntagCertificateAuthority, UpdateCertificateAuthority)'),
    (dict(GOOD, resource='arn:aws:s3:::bucket'),
     "resource 'arn:aws:s3:::bucket' is not an ACM PCA certificate authority ARN: it belongs to the service 's3', not 'acm-pca'"),
    (dict(GOOD, template='EndEntityCertificate/V1'),
     'template is given for acm-pca:GetCertificate, but only acm-pca:IssueCertificate requests name a template'),
    (dict(GOOD, action='IssueCertificate', template='End Entity'),
     "template 'End Entity' is neither a template name such as EndEntityCertificate/V1 nor a template ARN (arn:aws:acm-pca:::template/<name>)"),
    (dict(GOOD, action='IssueCertificate', template='arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1'),
     "template 'arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1' is in partition 'aws-cn', the CA in 'aws'"),
    (dict(GOOD, organization_id='o-ABC'),
     "organization_id 'o-ABC' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)"),
    (dict(GOOD, organizational_unit_paths=[]),
     'organizational_unit_paths must be a list of organization paths such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'),
    (dict(GOOD, organizational_unit_paths=['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*']),
     "organizational_unit_paths: 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' is not the path of an "
     "organization entity such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (a request's path holds no wildcard)"),
    (dict(GOOD, organizational_unit_paths=['ou-ab12-11111111']),
     "organizational_unit_paths: 'ou-ab12-11111111' is not the path of an organization entity such as "
     "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (a request's path holds no wildcard)"),
    (dict(GOOD, source_account='1234'),
     "source_account '1234' is not an AWS account ID (12 digits, as a string)"),
    (dict(GOOD, source_arn='bucket'),
     "source_arn 'bucket' is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)"),
    (dict(GOOD, context=['aws:SourceIp']),
     'context must map condition keys to their values in the request'),
    (dict(GOOD, context={'aws:SourceIp': None}),
     'context: aws:SourceIp must be a string, a number, a boolean or a list of them'),
    (dict(GOOD, context={'AWS:PrincipalOrgID': 'o-a1b2c3d4e5'}),
     "context: AWS:PrincipalOrgID comes from the request's organization_id; give it there"),
    (dict(GOOD, context={'aws:PrincipalArn': 'x'}),
     "context: aws:PrincipalArn comes from the request's principal; give it there"),
    (dict(GOOD, context={'acm-pca:TemplateArn': 'x'}),
     "context: acm-pca:TemplateArn comes from the request's template; give it there"),
    (dict(GOOD, action=7),
     'action must be an ACM PCA action such as acm-pca:IssueCertificate or IssueCertificate'),
    (dict(GOOD, action='IssueCertificate', template=7),
     'template must be a template name such as EndEntityCertificate/V1, or its ARN'),
    (dict(GOOD, context={7: 'x'}),
     'context: 7 is not a condition key name'),
    (dict(GOOD, source_arn='urn:aws:acm:us-east-1:444455556666:certificate/x'),
     "source_arn 'urn:aws:acm:us-east-1:444455556666:certificate/x' is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)"),
    (dict(GOOD, context={'aws:PrincipalIsAWSService': 'true'}),
     "context: aws:PrincipalIsAWSService comes from the request's principal; give it there"),
    (dict(GOOD, context={'aws:ResourceAccount': '1'}),
     "context: aws:ResourceAccount comes from the request's resource; give it there"),
])
def test_a_bad_request_is_refused_by_name(request_, message):
    refused(policy(), request_, message)


def test_without_a_resource_the_policy_must_name_one_ca():
    refused(policy('*'), GOOD, 'resource is needed: the policy names none; give the CA\'s ARN as resource')
    refused(policy(CA_ARN, OTHER_CA), GOOD, f"resource is needed: the policy names 2 ({CA_ARN}, {OTHER_CA}); give the CA's ARN as resource")
    refused(None, GOOD, 'resource is needed: the policy names none; give the CA\'s ARN as resource')
    assert evaluate(policy(CA_ARN, OTHER_CA), dict(GOOD, resource=OTHER_CA))['decision'] == 'allowed'


def test_patterns_are_not_the_ca_the_policy_names():
    named = policy(CA_ARN, CA_ARN.replace('0a1b2c3d', '*'), CA_ARN.replace('0a1b2c3d', '????????'), CA_ARN)
    assert evaluate(named, GOOD)['decision'] == 'allowed'


def test_a_ca_arn_the_policy_names_is_checked_as_one():
    refused(policy('arn:aws:acm-pca:us-east-1:1234:certificate-authority/x'), GOOD,
            "the CA ARN the policy names 'arn:aws:acm-pca:us-east-1:1234:certificate-authority/x' is not an ACM PCA certificate "
            "authority ARN: its account '1234' is not 12 digits")


@pytest.mark.parametrize('document, message', [
    ('{',
     "policy is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1), here: '{>>>'"),
    ([],
     'policy must be a JSON object or a dict, got list'),
    ({'Version': '2012-10-17'},
     'the policy cannot be evaluated: the policy has no Statement'),
    ({'Statement': ['x']},
     'the policy cannot be evaluated: Statement[0] is not a JSON object'),
    (policy(Effect='allow'),
     'the policy cannot be evaluated: Statement[0] has Effect \'allow\'; IAM knows only "Allow" and "Deny" (case-sensitive)'),
    (policy(NotAction='acm-pca:Get*'),
     'the policy cannot be evaluated: Statement[0] must have exactly one of Action and NotAction'),
    ({'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]},
     'the policy cannot be evaluated: Statement[0] must have exactly one of Principal and NotPrincipal'),
    (policy(Condition={'StringEquality': {'aws:PrincipalOrgID': 'o-a1b2c3d4e5'}}),
     "#0: Condition operator 'StringEquality' is not one IAM documents"),
    (policy(Condition={'StringEquals': 'aws:PrincipalOrgID'}),
     '#0: Condition StringEquals must map condition keys to values'),
])
def test_a_policy_that_cannot_be_evaluated_is_refused(document, message):
    refused(document, dict(GOOD, resource=CA_ARN), message)


def test_every_problem_of_the_policy_is_named_at_once():
    document = {'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}, 'x']}
    with pytest.raises(InputError) as refusal:
        evaluate(document, dict(GOOD, resource=CA_ARN))
    assert refusal.value.violations == ['Statement[0] must have exactly one of Principal and NotPrincipal', 'Statement[1] is not a JSON object']
    assert str(refusal.value) == 'the policy cannot be evaluated: ' + '; '.join(refusal.value.violations)


def test_in_a_list_the_bad_request_is_named_by_its_index():
    with pytest.raises(InputError) as refusal:
        evaluate_all(policy(), [GOOD, dict(GOOD, action='Nope')])
    assert str(refusal.value).startswith("request 1: action 'Nope' is not an ACM PCA action (one of: CreateCertificateAuthority, ")
    with pytest.raises(InputError, match='the requests must be a list of requests, got dict'):
        evaluate_all(policy(), GOOD)
