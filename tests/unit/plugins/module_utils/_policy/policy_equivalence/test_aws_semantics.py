# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""IAM's documented semantics, one rule at a time: how policies compare (policy_equivalence)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent, policy_partition

from .....helpers import CA_ARN, ORGANIZATION_ID, OTHER_ACCOUNT_ID, READ_ACTIONS, account_policy, organization_policy, with_statement


CN_CA_ARN = 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'


def condition_policy(values, operator='StringEquals', key='aws:SourceAccount'):
    """A one-statement policy whose only condition is ``operator: {key: values}``."""
    return {'Version': '2012-10-17', 'Statement': [{
        'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': list(READ_ACTIONS), 'Resource': CA_ARN,
        'Condition': {operator: {key: values}},
    }]}


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
        root = self._with_principal(f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root')
        assert policies_equivalent(account_policy(), root, 'aws')

    def test_a_root_arn_of_another_partition_is_another_principal(self):
        cn_root = self._with_principal(f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root')
        assert not policies_equivalent(account_policy(), cn_root, 'aws')
        # Without a partition given, the CA's ARN in Resource tells it.
        assert not policies_equivalent(account_policy(), cn_root)

    def test_root_arns_of_two_partitions_are_two_principals(self):
        aws_root = self._with_principal(f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root')
        cn_root = self._with_principal(f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root')
        assert not policies_equivalent(aws_root, cn_root)

    def test_the_given_partition_wins_over_what_the_documents_suggest(self):
        # Resource "*" names no partition; the principals alone would suggest aws-cn.
        by_id = self._with_principal(OTHER_ACCOUNT_ID)
        cn_root = self._with_principal(f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root')
        for document in (by_id, cn_root):
            for statement in document['Statement']:
                statement['Resource'] = '*'
        assert policies_equivalent(by_id, cn_root)
        assert not policies_equivalent(by_id, cn_root, 'aws')
        assert policies_equivalent(by_id, cn_root, 'aws-cn')

    def test_the_partition_is_read_from_the_resource_before_the_principals(self):
        cn_root = self._with_principal(f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root')
        assert policy_partition(cn_root) == 'aws'
        assert policy_partition(self._with_principal(OTHER_ACCOUNT_ID, CN_CA_ARN)) == 'aws-cn'
