# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_check: a request or a policy that cannot be evaluated is refused, naming what is wrong."""


import re

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.access_check import evaluate, evaluate_all
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError

from ....helpers import CA_ARN

OTHER_CA = CA_ARN.replace('0a1b2c3d', 'ffffffff')
GOOD = {'principal': '444455556666', 'action': 'GetCertificate'}


def policy(*resources, **statement):
    item = dict({'Effect': 'Allow', 'Principal': '*', 'Action': 'acm-pca:*', 'Resource': list(resources) or CA_ARN}, **statement)
    return {'Version': '2012-10-17', 'Statement': [item]}


def refused(document, request, message):
    with pytest.raises(InputError, match=re.escape(message)):
        evaluate(document, request)


@pytest.mark.parametrize('request_, message', [
    ('text', 'a request must be a dict of principal, action'),
    (dict(GOOD, expect='allowed'), 'request has unknown key(s) expect (known: principal, action, resource'),
    ({'action': 'GetCertificate'}, 'principal is needed: a 12-digit account ID'),
    (dict(GOOD, principal=444455556666), 'principal 444455556666 must be a string: quote account IDs in YAML'),
    (dict(GOOD, principal='4444'), "principal '4444' is not a principal"),
    (dict(GOOD, principal='arn:aws-cn:iam::444455556666:root'), "is in partition 'aws-cn', the CA"),
    ({'principal': '444455556666'}, 'action must be an ACM PCA action'),
    (dict(GOOD, action='s3:GetObject'), "action 's3:GetObject' is not an ACM PCA action: a CA's policy decides only acm-pca:<Action>"),
    (dict(GOOD, action='IssueCertificates'), "action 'IssueCertificates' is not an ACM PCA action (one of: CreateCertificateAuthority"),
    (dict(GOOD, resource='arn:aws:s3:::bucket'), "resource 'arn:aws:s3:::bucket' is not an ACM PCA certificate authority ARN"),
    (dict(GOOD, template='EndEntityCertificate/V1'), 'template is given for acm-pca:GetCertificate, but only acm-pca:IssueCertificate'),
    (dict(GOOD, action='IssueCertificate', template='End Entity'), "template 'End Entity' is neither a template name"),
    (dict(GOOD, action='IssueCertificate', template='arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1'), "is in partition 'aws-cn'"),
    (dict(GOOD, organization_id='o-ABC'), "organization_id 'o-ABC' is not an organization ID"),
    (dict(GOOD, organizational_unit_paths=[]), 'organizational_unit_paths must be a list of organization paths'),
    (dict(GOOD, organizational_unit_paths=['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*']), 'a request\'s path holds no wildcard'),
    (dict(GOOD, organizational_unit_paths=['ou-ab12-11111111']), "organizational_unit_paths: 'ou-ab12-11111111' is not the path"),
    (dict(GOOD, source_account='1234'), "source_account '1234' is not an AWS account ID"),
    (dict(GOOD, source_arn='bucket'), "source_arn 'bucket' is not an ARN"),
    (dict(GOOD, context=['aws:SourceIp']), 'context must map condition keys to their values'),
    (dict(GOOD, context={'aws:SourceIp': None}), 'context: aws:SourceIp must be a string, a number, a boolean or a list of them'),
    (dict(GOOD, context={'AWS:PrincipalOrgID': 'o-a1b2c3d4e5'}), "context: AWS:PrincipalOrgID comes from the request's organization_id"),
    (dict(GOOD, context={'aws:PrincipalArn': 'x'}), "context: aws:PrincipalArn comes from the request's principal"),
    (dict(GOOD, context={'acm-pca:TemplateArn': 'x'}), "comes from the request's template"),
])
def test_a_bad_request_is_refused_by_name(request_, message):
    refused(policy(), request_, message)


def test_without_a_resource_the_policy_must_name_one_ca():
    refused(policy('*'), GOOD, 'resource is needed: the policy names none; give the CA\'s ARN as resource')
    refused(policy(CA_ARN, OTHER_CA), GOOD, 'resource is needed: the policy names 2 (')
    refused(None, GOOD, 'resource is needed: the policy names none')
    assert evaluate(policy(CA_ARN, OTHER_CA), dict(GOOD, resource=OTHER_CA))['decision'] == 'allowed'


@pytest.mark.parametrize('document, message', [
    ('{', 'policy is not valid JSON'),
    ([], 'policy must be a JSON object or a dict, got list'),
    ({'Version': '2012-10-17'}, 'the policy has no Statement'),
    ({'Statement': ['x']}, 'Statement[0] is not a JSON object'),
    (policy(Effect='allow'), 'Statement[0] has Effect \'allow\'; IAM knows only "Allow" and "Deny" (case-sensitive)'),
    (policy(NotAction='acm-pca:Get*'), 'Statement[0] must have exactly one of Action and NotAction'),
    ({'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}, 'Statement[0] must have exactly one of Principal and NotPrincipal'),
    (policy(Condition={'StringEquality': {'aws:PrincipalOrgID': 'o-a1b2c3d4e5'}}), "Condition operator 'StringEquality' is not one IAM documents"),
    (policy(Condition={'StringEquals': 'aws:PrincipalOrgID'}), 'Condition StringEquals must map condition keys to values'),
])
def test_a_policy_that_cannot_be_evaluated_is_refused(document, message):
    refused(document, dict(GOOD, resource=CA_ARN), message)


def test_in_a_list_the_bad_request_is_named_by_its_index():
    with pytest.raises(InputError, match=re.escape("request 1: action 'Nope' is not an ACM PCA action")):
        evaluate_all(policy(), [GOOD, dict(GOOD, action='Nope')])
    with pytest.raises(InputError, match='the requests must be a list of requests, got dict'):
        evaluate_all(policy(), GOOD)
