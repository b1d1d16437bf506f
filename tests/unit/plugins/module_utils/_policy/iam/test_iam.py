# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shared AWS/IAM vocabulary (module_utils/_policy/iam.py): the organization-path grammar read
two ways, and what a condition value means to IAM, as both readers of conditions use it."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_findings import access_findings
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import (
    account_id_problem,
    aws_principal,
    condition_value,
    is_organization_path,
    key_id,
    organizational_unit_path_match,
    statement_principals,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent
from ansible_collections.pki.acmpca.plugins.module_utils._policy.trust_zone import trust_zone

from .....helpers import CA_ARN, ORGANIZATION_ID, READ_ACTIONS

ROOT = f"{ORGANIZATION_ID}/r-ab12"
OU = f"{ROOT}/ou-ab12-11111111"


class TestOrganizationPaths:

    @pytest.mark.parametrize('path', [f"{ORGANIZATION_ID}/", f"{ORGANIZATION_ID}/*", f"{ROOT}/", f"{ROOT}/*", f"{OU}/",
                                      f"{OU}/*", f"{OU}/ou-ab12-22222222/*"])
    def test_a_policy_path_ends_in_a_slash_or_slash_star(self, path):
        assert is_organization_path(path)

    @pytest.mark.parametrize('path', [ORGANIZATION_ID, OU, f"{OU}*", f"{OU}//", f"{OU}/*/*", 'o-short/', f"{ROOT}/ou-x/", None,
                                      f"{ORGANIZATION_ID}/r-{'a' * 33}/", f"{ORGANIZATION_ID}/r-abc/"])
    def test_anything_else_is_no_policy_path(self, path):
        assert not is_organization_path(path)

    @pytest.mark.parametrize('path', [OU, f"{OU}/", f"{OU}/*", f"{OU}/ou-ab12-22222222"])
    def test_an_ou_path_for_the_role_names_an_ou_with_or_without_an_ending(self, path):
        match = organizational_unit_path_match(path)
        assert match and match.group('organization_id') == ORGANIZATION_ID

    @pytest.mark.parametrize('path', [f"{ORGANIZATION_ID}/", ROOT, f"{ROOT}/*", f"{OU}*", f"{OU}//", 42])
    def test_an_ou_path_for_the_role_names_at_least_one_ou(self, path):
        assert organizational_unit_path_match(path) is None


class TestConditionValues:

    @pytest.mark.parametrize('written, read', [('o-a1b2c3d4e5', 'o-a1b2c3d4e5'), (True, 'true'), (False, 'false'),
                                               (100, '100'), (1.5, '1.5')])
    def test_iam_reads_booleans_and_numbers_as_their_string_forms(self, written, read):
        assert condition_value(written) == read

    @pytest.mark.parametrize('written', [None, ['a'], {'a': 'b'}])
    def test_null_and_nested_values_are_no_condition_values_and_stay_as_written(self, written):
        assert condition_value(written) == written

    def test_equivalence_tells_two_different_nested_values_apart(self):
        def policy(value):
            return {'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': READ_ACTIONS, 'Resource': CA_ARN,
                                   'Condition': {'StringEquals': {'aws:PrincipalOrgID': value}}}]}
        assert policies_equivalent(policy(None), policy(None))
        assert policies_equivalent(policy(True), policy('true'))
        assert not policies_equivalent(policy({'a': 'b'}), policy({'a': 'c'}))

    @pytest.mark.parametrize('written', [None, {'a': 'b'}, [['o-a1b2c3d4e5']]])
    def test_an_org_id_test_with_no_condition_value_narrows_no_finding(self, written):
        # Before: read as the organization "None" (or a Python repr), inside no zone but named as if narrowed.
        statement = {'Sid': 'S', 'Effect': 'Allow', 'Principal': '*', 'Action': READ_ACTIONS, 'Resource': CA_ARN,
                     'Condition': {'StringEquals': {'aws:PrincipalOrgID': written}}}
        found = access_findings({'Statement': [statement]}, zone=trust_zone(trusted_organization_id=ORGANIZATION_ID))
        assert [(item['principal_type'], item['principal'], item['external'], item['conditions']) for item in found] == [
            ('public', '*', True, {'StringEquals': {'aws:PrincipalOrgID': written}})]

    def test_a_template_test_with_no_condition_value_is_any_template_and_kept_in_conditions(self):
        statement = {'Sid': 'S', 'Effect': 'Allow', 'Principal': {'AWS': '111122223333'}, 'Action': 'acm-pca:IssueCertificate',
                     'Resource': CA_ARN, 'Condition': {'StringEquals': {'acm-pca:TemplateArn': None}}}
        [found] = access_findings({'Statement': [statement]})
        assert (found['templates'], found['conditions']) == (['*'], {'StringEquals': {'acm-pca:TemplateArn': None}})

    def test_an_empty_sid_is_no_sid(self):
        statement = {'Sid': '', 'Effect': 'Allow', 'Principal': {'AWS': '111122223333'}, 'Action': READ_ACTIONS,
                     'Resource': CA_ARN}
        assert [item['sid'] for item in access_findings({'Statement': [statement]})] == [None]

    def test_a_deny_whose_org_test_has_no_condition_value_is_not_applied(self):
        allow = {'Sid': 'A', 'Effect': 'Allow', 'Principal': {'AWS': '111122223333'}, 'Action': READ_ACTIONS, 'Resource': CA_ARN}
        deny = {'Sid': 'D', 'Effect': 'Deny', 'Principal': '*', 'Action': READ_ACTIONS, 'Resource': CA_ARN,
                'Condition': {'StringEquals': {'aws:PrincipalOrgID': None}}}
        assert [item['sid'] for item in access_findings({'Statement': [allow, deny]}, resource_arn=CA_ARN)] == ['A']

    @pytest.mark.parametrize('written, read', [(111122223333, '111122223333'), (True, 'true')])
    def test_a_principal_written_as_a_yaml_scalar_reads_as_its_string_form(self, written, read):
        statement = {'Sid': 'S', 'Effect': 'Allow', 'Principal': {'Service': written}, 'Action': READ_ACTIONS, 'Resource': CA_ARN}
        assert [item['principal'] for item in access_findings({'Statement': [statement]})] == [read]


class TestAccountIdProblem:

    def test_a_12_digit_string_is_an_account_id(self):
        assert account_id_problem('source_account', '012345678901') is None

    def test_a_number_says_yaml_read_it_as_a_number_and_to_quote_it(self):
        # 012345670123 unquoted is octal to YAML 1.1: 1402433619.
        assert account_id_problem('source_account', 1402433619) == (
            'source_account 1402433619 is not an AWS account ID: YAML read it as a number: quote it ("012345678901"), '
            '12 digits as a string')

    def test_digits_of_another_length_say_an_unquoted_id_loses_its_leading_zeros_or_is_octal(self):
        problem = account_id_problem('source_account', '1402433619')
        assert problem.startswith("source_account '1402433619' is not an AWS account ID (12 digits): written without quotes")
        assert 'read as octal' in problem and 'quote it' in problem

    @pytest.mark.parametrize('value', ['12345678901a', 'acct', True])
    def test_anything_else_is_not_an_account_id_and_says_to_write_it_as_a_string(self, value):
        assert account_id_problem('source_account', value) == (
            f'source_account {value!r} is not an AWS account ID (12 digits, written as a string: quote it in YAML)')


class TestPrincipals:

    @pytest.mark.parametrize('principal', ['*', {'AWS': '*'}, {'AWS': ['*']}])
    def test_everyone_is_public(self, principal):
        assert statement_principals({'Principal': principal}) == [('AWS', 'public', '*')]

    @pytest.mark.parametrize('written, read', [
        ('111122223333', ('account', '111122223333')),
        (111122223333, ('account', '111122223333')),
        ('arn:aws:iam::111122223333:root', ('account', '111122223333')),
        ('arn:aws-cn:iam::111122223333:root', ('account', '111122223333')),
        ('arn:aws:iam::111122223333:role/r', ('arn', 'arn:aws:iam::111122223333:role/r')),
        ('12345', ('arn', '12345')),
    ])
    def test_an_aws_principal_is_its_account_or_its_arn(self, written, read):
        assert aws_principal(written) == read
        assert statement_principals({'Principal': {'AWS': [written]}}) == [('AWS',) + read]

    def test_services_and_other_principals_are_read_by_their_kind(self):
        statement = {'Principal': {'Service': 'acm.amazonaws.com', 'Federated': 'cognito-identity.amazonaws.com',
                                   'CanonicalUser': 'abc'}}
        assert statement_principals(statement) == [('Service', 'service', 'acm.amazonaws.com'),
                                                   ('Federated', 'arn', 'cognito-identity.amazonaws.com'),
                                                   ('CanonicalUser', 'arn', 'abc')]

    def test_not_principal_names_everyone_but_some(self):
        assert statement_principals({'NotPrincipal': {'AWS': '111122223333'}}) is None

    @pytest.mark.parametrize('statement', [{}, {'Principal': None}, {'Principal': 'x'}, {'Principal': {}}])
    def test_no_principal_names_no_one(self, statement):
        assert statement_principals(statement) == []

    @pytest.mark.parametrize('written, read', [('aws:SourceIp', 'aws:sourceip'), ('AWS:SOURCEIP', 'aws:sourceip'), (7, 7)])
    def test_a_key_is_identified_without_case(self, written, read):
        assert key_id(written) == read
