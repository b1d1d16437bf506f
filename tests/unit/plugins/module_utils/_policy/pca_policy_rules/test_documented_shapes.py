# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pca_policy_rules: AWS's documented policy shapes pass, and a policy breaking one rule fails naming that rule."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_violations, validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError

from .....helpers import (
    CA_ARN,
    ISSUE_ACTION,
    OTHER_ACCOUNT_ID,
    PARTITION_CAS,
    READ_ACTIONS,
    TEMPLATES,
    account_policy,
    organization_policy,
    _respell,
    template_arn,
)


CA = parse_certificate_authority_arn(CA_ARN)
OTHER_CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'


def errors_of(document, ca=CA):
    with pytest.raises(PolicyError) as exc_info:
        validate_policy(document, ca)
    return exc_info.value


# ========================================================================== validation

class TestDocumentedShapesPass:

    @pytest.mark.parametrize('partition', sorted(PARTITION_CAS))
    def test_documented_shape_1_sharing_with_one_account_passes(self, partition):
        ca = parse_certificate_authority_arn(PARTITION_CAS[partition])
        assert policy_violations(account_policy(ca.arn), ca) == []
        validate_policy(account_policy(ca.arn), ca)

    @pytest.mark.parametrize('partition', sorted(PARTITION_CAS))
    def test_documented_shape_2_sharing_with_an_organization_passes(self, partition):
        ca = parse_certificate_authority_arn(PARTITION_CAS[partition])
        assert policy_violations(organization_policy(ca.arn), ca) == []
        validate_policy(organization_policy(ca.arn), ca)

    @pytest.mark.parametrize('template', TEMPLATES)
    def test_every_template_a_shared_ca_may_issue_with_passes(self, template):
        assert policy_violations(account_policy(template=template), CA) == []

    def test_action_names_in_another_case_pass_and_issue_still_needs_a_template(self):
        document = account_policy()
        document['Statement'][1]['Action'] = 'acm-pca:issuecertificate'
        assert policy_violations(document, CA) == []
        del document['Statement'][1]['Condition']
        assert any('without a StringEquals condition on acm-pca:TemplateArn' in problem for problem in policy_violations(document, CA))

    def test_several_allowed_templates_in_one_condition_pass(self):
        document = account_policy()
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = [template_arn(name) for name in TEMPLATES]
        assert policy_violations(document, CA) == []

    def test_respelled_shapes_pass(self):
        document = organization_policy()
        document['Statement'] = document['Statement'][1]
        document['Statement'].update(Principal={'AWS': ['*']}, Action=[ISSUE_ACTION], Resource=[CA_ARN])
        document['Statement']['Condition']['StringEquals']['acm-pca:TemplateArn'] = [template_arn()]
        assert policy_violations(document, CA) == []

    def test_the_2008_policy_version_and_an_id_pass(self):
        document = dict(account_policy(), Version='2008-10-17', Id='ca-sharing')
        assert policy_violations(document, CA) == []

    def test_a_deny_statement_is_refused_for_its_effect_only(self):
        # ACM PCA resource policies support only Allow; the Allow rules do not apply to it.
        document = account_policy()
        document['Statement'].append({'Effect': 'Deny', 'Principal': '*', 'Action': ISSUE_ACTION, 'Resource': CA_ARN})
        assert policy_violations(document, CA) == [
            "Statement[2] has Effect 'Deny': ACM PCA resource policies support only Allow statements; put Deny guardrails in "
            "identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC endpoint policies"]


def _statement(index, **changes):
    def change(document):
        statement = document['Statement'][index]
        for key, value in changes.items():
            if value is None:
                statement.pop(key, None)
            else:
                statement[key] = value
    return change


def _without_statement(document):
    del document['Statement']


def _empty_statement_list(document):
    document['Statement'] = []


def _org_statement(**string_equals):
    def change(document):
        document['Statement'][0]['Condition']['StringEquals'] = string_equals
    return change


def _unknown_top_level_key(document):
    document['Expires'] = '2030-01-01'


def _bad_version(document):
    document['Version'] = '2024-01-01'


RULES = [
    # (rule, policy builder, change, what the message must say)
    ('action not allowed', account_policy, _statement(0, Action=READ_ACTIONS + ['acm-pca:DeleteCertificateAuthority']),
     "statement 'ReadForAccount' (Statement[0]): Action 'acm-pca:DeleteCertificateAuthority' is not allowed in an ACM PCA policy"),
    ('wildcard action not allowed', account_policy, _statement(0, Action='acm-pca:*'),
     "Action 'acm-pca:*' is not allowed in an ACM PCA policy"),
    ('no Action', account_policy, _statement(0, Action=None), "statement 'ReadForAccount' (Statement[0]) has no Action"),
    ('Resource of another CA', account_policy, _statement(0, Resource=OTHER_CA_ARN),
     f"Resource '{OTHER_CA_ARN}' is not this CA's ARN {CA_ARN}"),
    ('Resource wildcard', account_policy, _statement(1, Resource='*'), "Resource '*' is not this CA's ARN"),
    ('missing Resource', account_policy, _statement(1, Resource=None),
     f"statement 'IssueForAccount' (Statement[1]) has no Resource; it must be this CA's ARN {CA_ARN}"),
    ('IssueCertificate without TemplateArn', account_policy, _statement(1, Condition=None),
     "statement 'IssueForAccount' (Statement[1]) grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn"),
    ('IssueCertificate with TemplateArn under StringLike', account_policy,
     _statement(1, Condition={'StringLike': {'acm-pca:TemplateArn': template_arn()}}),
     'grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn'),
    ('template not allowed', account_policy,
     _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': template_arn('RootCACertificate/V1')}}),
     "acm-pca:TemplateArn 'arn:aws:acm-pca:::template/RootCACertificate/V1' is not a template a shared CA may issue with"),
    ('template not an ARN', account_policy,
     _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': 'EndEntityCertificate/V1'}}),
     "acm-pca:TemplateArn 'EndEntityCertificate/V1' is not a template a shared CA may issue with"),
    ('template in another partition', account_policy,
     _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': template_arn(partition='aws-cn')}}),
     "acm-pca:TemplateArn 'arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1' is in partition 'aws-cn' but the CA is in 'aws'"),
    ('"*" principal without aws:PrincipalOrgID', account_policy, _statement(0, Principal='*'),
     "statement 'ReadForAccount' (Statement[0]) allows any AWS account (a \"*\" principal) without a StringEquals aws:PrincipalOrgID "
     "condition or a ForAnyValue"),
    ('AWS "*" principal without aws:PrincipalOrgID', account_policy, _statement(1, Principal={'AWS': ['*']}),
     'allows any AWS account (a "*" principal) without a StringEquals aws:PrincipalOrgID condition'),
    ('bad organization id', organization_policy, _org_statement(**{'aws:PrincipalOrgID': 'o-ABC'}),
     "statement 'ReadForOrganization' (Statement[0]): aws:PrincipalOrgID 'o-ABC' is not an organization ID"),
    ('account id as organization id', organization_policy, _org_statement(**{'aws:PrincipalOrgID': OTHER_ACCOUNT_ID}),
     "aws:PrincipalOrgID '111122223333' is not an organization ID"),
    ('NotAction', account_policy, _statement(0, Action=None, NotAction=ISSUE_ACTION),
     "statement 'ReadForAccount' (Statement[0]) uses NotAction, which ACM PCA resource policies do not allow"),
    ('NotPrincipal', account_policy, _statement(0, NotPrincipal={'AWS': '444455556666'}), 'uses NotPrincipal'),
    ('NotResource', account_policy, _statement(0, NotResource=OTHER_CA_ARN), 'uses NotResource'),
    ('unknown statement key', account_policy, _statement(0, Principals={'AWS': OTHER_ACCOUNT_ID}),
     "statement 'ReadForAccount' (Statement[0]) has the unknown key 'Principals'"),
    ('unknown top-level key', account_policy, _unknown_top_level_key, "policy has the unknown top-level key 'Expires'"),
    ('unknown Version', account_policy, _bad_version, "policy Version '2024-01-01' is not one of 2012-10-17, 2008-10-17"),
    ('missing Principal', account_policy, _statement(0, Principal=None), "statement 'ReadForAccount' (Statement[0]) has no Principal"),
    ('account id as a number (unquoted in YAML)', account_policy, _statement(0, Principal={'AWS': 111122223333}),
     "statement 'ReadForAccount' (Statement[0]): Principal AWS value 111122223333 must be a string; YAML or a template made it a number: quote account IDs"),
    ('Principal as a list', account_policy, _statement(1, Principal=[OTHER_ACCOUNT_ID]),
     "statement 'IssueForAccount' (Statement[1]): Principal must be \"*\" or an object"),
    ('bad Effect', account_policy, _statement(0, Effect='Permit'),
     "statement 'ReadForAccount' (Statement[0]) has Effect 'Permit'; it must be \"Allow\""),
    ('missing Effect', account_policy, _statement(0, Effect=None), "statement 'ReadForAccount' (Statement[0]) has no Effect"),
    ('no Statement', account_policy, _without_statement, 'policy has no Statement'),
    ('empty Statement list', account_policy, _empty_statement_list, 'policy has no Statement'),
]


class TestEachRuleIsNamed:

    @pytest.mark.parametrize('build, change, expected', [rule[1:] for rule in RULES], ids=[rule[0] for rule in RULES])
    def test_a_policy_breaking_one_rule_fails_with_a_message_naming_that_rule(self, build, change, expected):
        document = _respell(build(), change)
        error = errors_of(document)
        assert any(expected in violation for violation in error.violations), error.violations
        assert expected in str(error)
        assert str(error).startswith(f'policy breaks {len(error.violations)} ACM PCA policy rule')

    def test_a_statement_without_a_sid_is_labelled_by_its_index(self):
        document = account_policy()
        del document['Statement'][1]['Sid']
        document['Statement'][1]['Action'] = 'acm-pca:DeleteCertificateAuthority'
        assert errors_of(document).violations == [
            "Statement[1]: Action 'acm-pca:DeleteCertificateAuthority' is not allowed in an ACM PCA policy (allowed: %s)"
            % ', '.join(READ_ACTIONS + [ISSUE_ACTION, 'acm-pca:RevokeCertificate'])]

    def test_a_statement_that_is_not_an_object_is_named(self):
        document = account_policy()
        document['Statement'].append('acm-pca:GetCertificate')
        assert errors_of(document).violations == ['Statement[2] must be a JSON object']

    def test_every_violation_is_reported_at_once_each_with_its_statement(self):
        document = account_policy()
        document['Statement'][0]['Action'] = READ_ACTIONS + ['acm-pca:DeleteCertificateAuthority']
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn('CodeSigningCertificate/V1')
        document['Statement'].append({'Effect': 'Allow', 'Principal': '*', 'Action': 'acm-pca:GetCertificate', 'Resource': OTHER_CA_ARN})
        error = errors_of(document)
        assert len(error.violations) == 4, error.violations
        assert error.violations[0].startswith("statement 'ReadForAccount' (Statement[0]): Action 'acm-pca:DeleteCertificateAuthority'")
        assert error.violations[1].startswith("statement 'IssueForAccount' (Statement[1]): acm-pca:TemplateArn")
        assert error.violations[2].startswith('Statement[2]: Resource ')
        assert error.violations[3].startswith('Statement[2] allows any AWS account')
        assert str(error).startswith('policy breaks 4 ACM PCA policy rules: ')
        assert all(violation in str(error) for violation in error.violations)

    def test_one_violation_is_reported_in_the_singular(self):
        document = _respell(account_policy(), _statement(0, Principal=None))
        assert str(errors_of(document)).startswith('policy breaks 1 ACM PCA policy rule: ')

    def test_the_allowed_templates_are_listed_in_the_ca_partition(self):
        ca = parse_certificate_authority_arn(PARTITION_CAS['aws-us-gov'])
        document = _respell(account_policy(ca.arn), _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': 'nope'}}))
        message = errors_of(document, ca).violations[0]
        assert 'arn:aws-us-gov:acm-pca:::template/EndEntityCertificate/V1' in message
