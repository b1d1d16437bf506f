# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""IAM's and ACM PCA's documented semantics, one rule at a time: how policies compare
(policy_equivalence) and what the validation accepts (pca_policy_rules)."""


import copy

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import policy_violations
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent, policy_partition

from ...helpers import CA_ARN, ISSUE_ACTION, ORGANIZATION_ID, OTHER_ACCOUNT_ID, READ_ACTIONS, account_policy, organization_policy, template_arn

CA = parse_certificate_authority_arn(CA_ARN)
CN_CA_ARN = 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
OU_PATH = ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111/*'


def with_statement(document, index, **changes):
    changed = copy.deepcopy(document)
    for key, value in changes.items():
        if value is None:
            changed['Statement'][index].pop(key, None)
        else:
            changed['Statement'][index][key] = value
    return changed


def condition_policy(values, operator='StringEquals', key='aws:SourceAccount'):
    """A one-statement policy whose only condition is ``operator: {key: values}``."""
    return {'Version': '2012-10-17', 'Statement': [{
        'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': list(READ_ACTIONS), 'Resource': CA_ARN,
        'Condition': {operator: {key: values}},
    }]}


def ou_policy(operator='ForAnyValue:StringLike', key='aws:PrincipalOrgPaths', paths=(OU_PATH,)):
    """The organization policy with each statement narrowed to OUs instead of the organization."""
    document = organization_policy()
    for statement in document['Statement']:
        del statement['Condition']['StringEquals']['aws:PrincipalOrgID']
        if not statement['Condition']['StringEquals']:
            del statement['Condition']['StringEquals']
        statement['Condition'][operator] = {key: list(paths)}
    return document


def problems_naming(document, text, ca=CA):
    return [problem for problem in policy_violations(document, ca) if text in problem]


# ===================================================================== comparison

class TestConditionKeyNamesAreNotCaseSensitive:

    @pytest.mark.parametrize('respell', [str.lower, str.upper, lambda name: name.swapcase()])
    def test_org_id_and_template_keys_in_any_case_are_the_same_policy(self, respell):
        respelled = organization_policy()
        for statement in respelled['Statement']:
            tests = statement['Condition']['StringEquals']
            statement['Condition']['StringEquals'] = {respell(key): value for key, value in tests.items()}
        assert policies_equivalent(organization_policy(), respelled)

    def test_condition_values_keep_their_case(self):
        # StringEquals compares values with case: only key names are folded.
        respelled = organization_policy()
        respelled['Statement'][0]['Condition']['StringEquals']['aws:PrincipalOrgID'] = ORGANIZATION_ID.upper()
        assert not policies_equivalent(organization_policy(), respelled)


class TestConditionValuesAreStrings:

    @pytest.mark.parametrize('typed, text', [
        (True, 'true'),
        (False, 'false'),
        (444455556666, '444455556666'),
        (100.5, '100.5'),
        ([1, 2], ['2', '1']),
        ([True], 'true'),
    ])
    def test_a_json_boolean_or_number_is_its_string_form(self, typed, text):
        assert policies_equivalent(condition_policy(typed), condition_policy(text))

    @pytest.mark.parametrize('typed, text', [(True, 'false'), (100, '101'), (True, 'True'), (1, '1.0')])
    def test_a_different_string_is_a_different_value(self, typed, text):
        assert not policies_equivalent(condition_policy(typed), condition_policy(text))


class TestVersion:

    def test_a_policy_without_version_is_read_as_2008_10_17(self):
        without_version = account_policy()
        del without_version['Version']
        assert policies_equivalent(without_version, dict(account_policy(), Version='2008-10-17'))

    def test_a_policy_without_version_is_not_a_2012_10_17_policy(self):
        without_version = account_policy()
        del without_version['Version']
        assert not policies_equivalent(without_version, account_policy())


class TestEffectIsCaseSensitive:

    @pytest.mark.parametrize('spelling', ['allow', 'ALLOW', 'aLLOW'])
    def test_another_case_of_effect_is_never_folded(self, spelling):
        respelled = with_statement(account_policy(), 0, Effect=spelling)
        assert not policies_equivalent(account_policy(), respelled)


class TestRootArnKeepsItsPartition:

    def _with_principal(self, principal, ca_arn=CA_ARN):
        document = account_policy(ca_arn)
        for statement in document['Statement']:
            statement['Principal'] = {'AWS': principal}
        return document

    def test_the_root_arn_of_the_cas_partition_is_the_account_id(self):
        root = self._with_principal('arn:aws:iam::%s:root' % OTHER_ACCOUNT_ID)
        assert policies_equivalent(account_policy(), root, 'aws')

    def test_a_root_arn_of_another_partition_is_another_principal(self):
        cn_root = self._with_principal('arn:aws-cn:iam::%s:root' % OTHER_ACCOUNT_ID)
        assert not policies_equivalent(account_policy(), cn_root, 'aws')
        # Without a partition given, the CA's ARN in Resource tells it.
        assert not policies_equivalent(account_policy(), cn_root)

    def test_root_arns_of_two_partitions_are_two_principals(self):
        aws_root = self._with_principal('arn:aws:iam::%s:root' % OTHER_ACCOUNT_ID)
        cn_root = self._with_principal('arn:aws-cn:iam::%s:root' % OTHER_ACCOUNT_ID)
        assert not policies_equivalent(aws_root, cn_root)

    def test_the_given_partition_wins_over_what_the_documents_suggest(self):
        # Resource "*" names no partition; the principals alone would suggest aws-cn.
        by_id = self._with_principal(OTHER_ACCOUNT_ID)
        cn_root = self._with_principal('arn:aws-cn:iam::%s:root' % OTHER_ACCOUNT_ID)
        for document in (by_id, cn_root):
            for statement in document['Statement']:
                statement['Resource'] = '*'
        assert policies_equivalent(by_id, cn_root)
        assert not policies_equivalent(by_id, cn_root, 'aws')
        assert policies_equivalent(by_id, cn_root, 'aws-cn')

    def test_the_partition_is_read_from_the_resource_before_the_principals(self):
        cn_root = self._with_principal('arn:aws-cn:iam::%s:root' % OTHER_ACCOUNT_ID)
        assert policy_partition(cn_root) == 'aws'
        assert policy_partition(self._with_principal(OTHER_ACCOUNT_ID, CN_CA_ARN)) == 'aws-cn'


# ===================================================================== validation

class TestValidationReadsConditionKeysWithoutCase:

    def test_lower_case_template_and_org_id_keys_pass(self):
        document = organization_policy()
        for statement in document['Statement']:
            tests = statement['Condition']['StringEquals']
            statement['Condition']['StringEquals'] = {key.lower(): value for key, value in tests.items()}
        assert policy_violations(document, CA) == []

    def test_a_bad_template_under_a_lower_case_key_is_still_refused(self):
        document = account_policy()
        document['Statement'][1]['Condition'] = {'StringEquals': {'acm-pca:templatearn': template_arn('RootCACertificate/V1')}}
        assert problems_naming(document, "'arn:aws:acm-pca:::template/RootCACertificate/V1' is not a template")


class TestEffectSpelling:

    @pytest.mark.parametrize('spelling, right', [('allow', 'Allow'), ('ALLOW', 'Allow')])
    def test_effect_in_another_case_is_refused_naming_the_right_spelling(self, spelling, right):
        document = with_statement(account_policy(), 0, Effect=spelling)
        assert policy_violations(document, CA) == [
            "statement 'ReadForAccount' (Statement[0]) has Effect %r; Effect is case-sensitive: write \"%s\"" % (spelling, right)]

    def test_a_lower_case_allow_of_everyone_is_refused_once_for_its_effect(self):
        document = with_statement(organization_policy(), 0, Effect='allow')
        assert len(problems_naming(document, 'Effect is case-sensitive')) == 1

    @pytest.mark.parametrize('spelling', ['Deny', 'deny'])
    def test_a_deny_in_any_case_is_refused_as_pca_policies_support_only_allow(self, spelling):
        document = with_statement(account_policy(), 0, Effect=spelling)
        assert len(problems_naming(document, 'ACM PCA resource policies support only Allow statements')) == 1


class TestRevokeCertificate:

    def test_revoke_certificate_is_a_known_action(self):
        document = account_policy()
        document['Statement'].append({'Sid': 'Revoke', 'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID},
                                      'Action': 'acm-pca:RevokeCertificate', 'Resource': CA_ARN})
        assert policy_violations(document, CA) == []

    def test_revoke_certificate_shared_with_the_organization_still_needs_its_condition(self):
        document = organization_policy()
        document['Statement'][0]['Action'].append('acm-pca:RevokeCertificate')
        assert policy_violations(document, CA) == []
        del document['Statement'][0]['Condition']
        assert problems_naming(document, 'allows any AWS account')


class TestOrganizationalUnitGuard:

    @pytest.mark.parametrize('operator, key, paths', [
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [OU_PATH]),
        ('ForAnyValue:StringLike', 'aws:principalorgpaths', [OU_PATH]),
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [OU_PATH, ORGANIZATION_ID + '/r-ab12/ou-ab12-22222222/ou-ab12-33333333/*']),
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [ORGANIZATION_ID + '/*']),
        ('ForAnyValue:StringEquals', 'aws:PrincipalOrgPaths', [ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111/']),
    ])
    def test_a_star_principal_narrowed_to_organizational_units_is_guarded(self, operator, key, paths):
        assert policy_violations(ou_policy(operator, key, paths), CA) == []

    @pytest.mark.parametrize('operator', ['ForAllValues:StringLike', 'StringLike', 'StringNotLike'])
    def test_an_operator_that_does_not_require_the_path_is_no_guard(self, operator):
        # ForAllValues is true when the caller has no org path at all.
        assert len(problems_naming(ou_policy(operator), 'allows any AWS account (a "*" principal)')) == 2

    @pytest.mark.parametrize('path', ['*', 'o-*', 'o-a1b2c3d4e5*', 'r-ab12/ou-ab12-11111111/*', 'o-a1b2c3d4e5/r-ab12/ou-x/*'])
    def test_a_path_that_does_not_start_with_one_organization_is_refused(self, path):
        problems = problems_naming(ou_policy(paths=[path]), 'is not an organization path')
        assert len(problems) == 2 and repr(path) in problems[0]

    def test_a_wildcard_path_under_string_equals_matches_no_one_and_is_refused(self):
        problems = policy_violations(ou_policy('ForAnyValue:StringEquals', 'aws:PrincipalOrgPaths', [OU_PATH]), CA)
        assert len(problems) == 2
        assert problems[0].endswith(": aws:PrincipalOrgPaths %r under ForAnyValue:StringEquals matches no principal "
                                    "(StringEquals takes * literally); use ForAnyValue:StringLike" % OU_PATH), problems[0]

    def test_org_id_and_org_paths_together_pass(self):
        document = organization_policy()
        for statement in document['Statement']:
            statement['Condition']['ForAnyValue:StringLike'] = {'aws:PrincipalOrgPaths': OU_PATH}
        assert policy_violations(document, CA) == []


class TestPrincipalsNameSomeone:

    @pytest.mark.parametrize('principal, text', [
        ({}, 'Principal is empty ({})'),
        ({'AWS': []}, 'Principal AWS is an empty list'),
        ({'Service': []}, 'Principal Service is an empty list'),
    ])
    def test_an_empty_principal_is_refused(self, principal, text):
        document = with_statement(account_policy(), 0, Principal=principal)
        assert problems_naming(document, text)

    @pytest.mark.parametrize('account', ['11112222333', '1111222233334', '0'])
    def test_an_account_id_that_is_not_12_digits_is_refused(self, account):
        document = with_statement(account_policy(), 0, Principal={'AWS': account})
        assert problems_naming(document, "Principal AWS %r is not an account ID: account IDs are 12 digits" % account)

    @pytest.mark.parametrize('value', [
        'alice',
        'arn:aws:s3:::my-bucket',
        'arn:aws:iam::1111:root',
        'arn:aws:iam:::root',
        'arn:aws:sts::111122223333:federated-user/bob',
        'arn:PARTITION:iam::111122223333:root',
        'o-a1b2c3d4e5',
    ])
    def test_an_aws_principal_that_names_no_principal_is_refused(self, value):
        document = with_statement(account_policy(), 0, Principal={'AWS': [OTHER_ACCOUNT_ID, value]})
        assert problems_naming(document, 'Principal AWS %r names no principal' % value)

    @pytest.mark.parametrize('value', [
        'arn:aws:iam::111122223333:root',
        'arn:aws:iam::111122223333:role/issuer',
        'arn:aws:iam::111122223333:role/path/to/issuer',
        'arn:aws:iam::111122223333:user/alice',
        'arn:aws:sts::111122223333:assumed-role/issuer/session',
    ])
    def test_account_user_role_and_session_arns_pass(self, value):
        document = with_statement(account_policy(), 0, Principal={'AWS': value})
        assert policy_violations(document, CA) == []

    def test_a_principal_of_another_partition_than_the_cas_is_refused(self):
        document = with_statement(account_policy(), 1, Principal={'AWS': 'arn:aws-cn:iam::%s:root' % OTHER_ACCOUNT_ID})
        assert problems_naming(document, "is in partition 'aws-cn' but the CA is in 'aws'")
        cn_ca = parse_certificate_authority_arn(CN_CA_ARN)
        cn_document = with_statement(account_policy(CN_CA_ARN), 0, Principal={'AWS': 'arn:aws-cn:iam::%s:root' % OTHER_ACCOUNT_ID})
        assert policy_violations(cn_document, cn_ca) == []

    def test_issue_rules_still_apply_to_a_principal_named_by_arn(self):
        document = with_statement(account_policy(), 1, Principal={'AWS': 'arn:aws:iam::%s:role/issuer' % OTHER_ACCOUNT_ID},
                                  Condition=None)
        assert problems_naming(document, 'grants %s without a StringEquals condition' % ISSUE_ACTION)
