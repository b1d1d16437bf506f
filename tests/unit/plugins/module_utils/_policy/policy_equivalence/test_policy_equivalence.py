# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""policy_equivalence on what the documented PCA shapes never hold but a policy may:
NotAction / NotResource / NotPrincipal, principals other than AWS, condition operators
whose value is not an object, values that are not strings, keys spelled twice, and the
partition read from the documents when none is given."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent, policy_partition

from .....helpers import CA_ARN, OTHER_ACCOUNT_ID, statement

CN_CA_ARN = 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
ROOT = f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root'
CN_ROOT = f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root'


def policy(*statements, **document):
    """A policy of the given statements (each a dict, or anything a Statement list may hold)."""
    document.setdefault('Version', '2012-10-17')
    document['Statement'] = list(statements)
    return document


def both_ways(one, other, partition=None):
    """policies_equivalent in both argument orders, which must agree."""
    forward = policies_equivalent(one, other, partition)
    assert policies_equivalent(other, one, partition) is forward
    return forward


# ====================================================================== Not* elements

class TestNotElements:

    def test_not_action_names_compare_without_case_order_or_repeats(self):
        first = policy(statement(Action=None, NotAction=['acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate']))
        second = policy(statement(Action=None, NotAction=['ACM-PCA:revokecertificate', 'acm-pca:issuecertificate',
                                                          'acm-pca:IssueCertificate']))
        assert both_ways(first, second)

    def test_a_one_element_not_action_list_is_the_plain_action(self):
        assert both_ways(policy(statement(Action=None, NotAction=['acm-pca:IssueCertificate'])),
                         policy(statement(Action=None, NotAction='acm-pca:IssueCertificate')))

    def test_a_different_not_action_is_another_policy(self):
        assert not both_ways(policy(statement(Action=None, NotAction='acm-pca:IssueCertificate')),
                             policy(statement(Action=None, NotAction='acm-pca:RevokeCertificate')))

    def test_not_action_is_not_action(self):
        assert not both_ways(policy(statement(Action='acm-pca:IssueCertificate')),
                             policy(statement(Action=None, NotAction='acm-pca:IssueCertificate')))

    def test_not_resource_lists_compare_without_order_or_repeats(self):
        other = f"{CA_ARN[:-1]}f"
        assert both_ways(policy(statement(Resource=None, NotResource=[CA_ARN, other])),
                         policy(statement(Resource=None, NotResource=[other, CA_ARN, other])))
        assert both_ways(policy(statement(Resource=None, NotResource=[CA_ARN])),
                         policy(statement(Resource=None, NotResource=CA_ARN)))
        assert not both_ways(policy(statement(Resource=None, NotResource=[CA_ARN, other])),
                             policy(statement(Resource=None, NotResource=CA_ARN)))

    def test_not_resource_is_not_resource(self):
        assert not both_ways(policy(statement(Resource=CA_ARN)), policy(statement(Resource=None, NotResource=CA_ARN)))

    def test_a_not_principal_account_id_is_its_root_arn_in_any_order(self):
        first = policy(statement(Effect='Deny', Principal=None, NotPrincipal={'AWS': [OTHER_ACCOUNT_ID, '444455556666']}))
        second = policy(statement(Effect='Deny', Principal=None,
                                  NotPrincipal={'AWS': ['arn:aws:iam::444455556666:root', ROOT]}))
        assert both_ways(first, second)
        assert both_ways(first, second, 'aws')
        assert not both_ways(first, second, 'aws-cn')

    def test_a_not_principal_star_is_aws_star(self):
        assert both_ways(policy(statement(Effect='Deny', Principal=None, NotPrincipal='*')),
                         policy(statement(Effect='Deny', Principal=None, NotPrincipal={'AWS': ['*']})))


# ====================================================================== principals

class TestPrincipals:

    def test_a_star_principal_is_not_a_service_star(self):
        assert not both_ways(policy(statement(Principal='*')), policy(statement(Principal={'Service': '*'})))

    def test_only_aws_principals_name_accounts(self):
        # A 12-digit value under another principal type is no account: it stays as written.
        assert not both_ways(policy(statement(Principal={'Service': OTHER_ACCOUNT_ID})),
                             policy(statement(Principal={'Service': ROOT})), 'aws')
        assert not both_ways(policy(statement(Principal={'AWS': OTHER_ACCOUNT_ID})),
                             policy(statement(Principal={'Service': OTHER_ACCOUNT_ID})), 'aws')

    def test_service_principals_compare_without_order_or_repeats(self):
        assert both_ways(policy(statement(Principal={'Service': ['b.amazonaws.com', 'a.amazonaws.com', 'b.amazonaws.com']})),
                         policy(statement(Principal={'Service': ['a.amazonaws.com', 'b.amazonaws.com']})))
        assert not both_ways(policy(statement(Principal={'Service': ['a.amazonaws.com', 'b.amazonaws.com']})),
                             policy(statement(Principal={'Service': 'a.amazonaws.com'})))

    def test_a_principal_that_is_neither_star_nor_an_object_is_compared_as_written(self):
        assert both_ways(policy(statement(Principal=OTHER_ACCOUNT_ID)), policy(statement(Principal=OTHER_ACCOUNT_ID)))
        assert not both_ways(policy(statement(Principal=OTHER_ACCOUNT_ID)), policy(statement(Principal='444455556666')))
        assert not both_ways(policy(statement(Principal=OTHER_ACCOUNT_ID)), policy(statement(Principal=ROOT)), 'aws')

    def test_an_account_id_that_is_not_a_string_is_not_that_account(self):
        # An unquoted account ID in YAML is a number: neither the account nor an error.
        number = int(OTHER_ACCOUNT_ID)
        assert not both_ways(policy(statement(Principal={'AWS': number})), policy(statement(Principal={'AWS': OTHER_ACCOUNT_ID})))
        assert not both_ways(policy(statement(Principal={'AWS': number})), policy(statement(Principal={'AWS': ROOT})), 'aws')
        assert both_ways(policy(statement(Principal={'AWS': [number]})), policy(statement(Principal={'AWS': number})))


# ====================================================================== conditions

class TestConditions:

    def test_another_condition_key_is_another_policy(self):
        assert not both_ways(policy(statement(Condition={'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}})),
                             policy(statement(Condition={'StringEquals': {'aws:SourceOwner': OTHER_ACCOUNT_ID}})))

    def test_key_names_fold_by_letter_case_only(self):
        # Tag keys may hold Latin-1 letters: "Straße" and "STRASSE" are two tag keys, not two cases of one.
        one = policy(statement(Condition={'StringEquals': {'aws:ResourceTag/Straße': 'x'}}))
        assert both_ways(one, policy(statement(Condition={'StringEquals': {'AWS:RESOURCETAG/STRAßE': 'x'}})))
        assert not both_ways(one, policy(statement(Condition={'StringEquals': {'aws:ResourceTag/STRASSE': 'x'}})))

    def test_one_key_spelled_in_two_cases_keeps_both_value_sets(self):
        twice = {'aws:SourceAccount': OTHER_ACCOUNT_ID, 'AWS:SOURCEACCOUNT': '444455556666'}
        assert both_ways(policy(statement(Condition={'StringEquals': twice})),
                         policy(statement(Condition={'StringEquals': {'aws:sourceaccount': ['444455556666'],
                                                                      'aws:SourceAccount': OTHER_ACCOUNT_ID}})))
        assert not both_ways(policy(statement(Condition={'StringEquals': twice})),
                             policy(statement(Condition={'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID,
                                                                          'AWS:SOURCEACCOUNT': '777788889999'}})))
        assert not both_ways(policy(statement(Condition={'StringEquals': twice})),
                             policy(statement(Condition={'StringEquals': {
                                 'aws:SourceAccount': [OTHER_ACCOUNT_ID, '444455556666']}})))

    def test_a_key_spelled_twice_with_a_null_value_compares_without_error(self):
        with_null = {'aws:SourceAccount': OTHER_ACCOUNT_ID, 'AWS:SOURCEACCOUNT': None}
        respelled = {'AWS:SourceAccount': None, 'aws:sourceaccount': [OTHER_ACCOUNT_ID]}
        assert both_ways(policy(statement(Condition={'StringEquals': with_null})),
                         policy(statement(Condition={'StringEquals': respelled})))

    def test_a_condition_key_that_is_not_a_string_is_compared_as_written(self):
        assert both_ways(policy(statement(Condition={'Bool': {1: 'true'}})), policy(statement(Condition={'Bool': {1: True}})))
        assert not both_ways(policy(statement(Condition={'Bool': {1: 'true'}})), policy(statement(Condition={'Bool': {2: 'true'}})))

    def test_an_operator_whose_value_is_not_an_object_is_compared_as_written(self):
        assert both_ways(policy(statement(Condition={'Bool': 'true'})), policy(statement(Condition={'Bool': 'true'})))
        assert not both_ways(policy(statement(Condition={'Bool': 'true'})), policy(statement(Condition={'Bool': 'false'})))

    def test_a_condition_that_is_not_an_object_is_compared_as_written(self):
        assert both_ways(policy(statement(Condition='none')), policy(statement(Condition='none')))
        assert not both_ways(policy(statement(Condition='none')), policy(statement(Condition='any')))

    def test_condition_operators_are_compared_as_written(self):
        tests = {'aws:SourceAccount': OTHER_ACCOUNT_ID}
        assert not both_ways(policy(statement(Condition={'StringEquals': tests})), policy(statement(Condition={'StringLike': tests})))


# ====================================================================== other values

class TestValuesThatAreNotStrings:

    def test_an_action_that_is_not_a_string_is_compared_as_written(self):
        assert both_ways(policy(statement(Action=[7, 'acm-pca:GetCertificate'])), policy(statement(Action=['ACM-PCA:GETCERTIFICATE', 7])))
        assert not both_ways(policy(statement(Action=7)), policy(statement(Action='7')))

    def test_action_names_fold_by_letter_case_only(self):
        assert both_ways(policy(statement(Action='acm-pca:Straße')), policy(statement(Action='ACM-PCA:STRAßE')))
        assert not both_ways(policy(statement(Action='acm-pca:Straße')), policy(statement(Action='acm-pca:STRASSE')))

    def test_a_resource_that_is_not_a_string_is_compared_as_written(self):
        assert both_ways(policy(statement(Resource=[1, 2])), policy(statement(Resource=[2, 1, 2])))
        assert not both_ways(policy(statement(Resource=1)), policy(statement(Resource='1')))

    def test_statements_that_are_not_objects_are_compared_as_written(self):
        assert both_ways(policy('odd', statement()), policy(statement(), 'odd'))
        assert not both_ways(policy('odd', statement()), policy('even', statement()))

    def test_documents_that_are_not_objects_are_equivalent_only_when_equal(self):
        assert both_ways('[1, 2]', '[1, 2]')
        assert not both_ways('[1, 2]', '[2, 1]')
        assert not both_ways([1, 2], [2, 1])
        assert not both_ways(None, [])

    def test_a_document_without_statement_is_not_one_with_no_statements(self):
        assert both_ways({'Version': '2012-10-17'}, {'Version': '2012-10-17'})
        assert not both_ways({'Version': '2012-10-17'}, policy())


# ====================================================================== partition

class TestPartitionReadFromTheDocuments:

    def test_the_partition_of_the_first_or_the_second_document_is_used(self):
        # Resource "*" tells nothing; the root ARN in one of the two tells aws-cn.
        by_id = policy(statement(Resource='*'))
        cn_root = policy(statement(Resource='*', Principal={'AWS': CN_ROOT}))
        assert policies_equivalent(by_id, cn_root)
        assert policies_equivalent(cn_root, by_id)

    def test_resources_of_one_partition_give_it(self):
        assert policy_partition(policy(statement(Resource=CN_CA_ARN))) == 'aws-cn'
        assert policy_partition(policy(statement(Resource=[CN_CA_ARN, f"{CN_CA_ARN[:-1]}f"]))) == 'aws-cn'
        assert policy_partition(policy(statement()), policy(statement(Resource=f"{CN_CA_ARN[:-1]}f"))) is None

    def test_resources_of_two_partitions_give_none_whatever_the_principals_say(self):
        document = policy(statement(Resource=[CA_ARN, CN_CA_ARN], Principal={'AWS': ROOT}))
        assert policy_partition(document) is None
        assert policy_partition(policy(statement()), policy(statement(Resource=CN_CA_ARN, Principal={'AWS': ROOT}))) is None

    def test_without_an_arn_resource_root_principals_of_one_partition_give_it(self):
        assert policy_partition(policy(statement(Resource='*', Principal={'AWS': [OTHER_ACCOUNT_ID, CN_ROOT]}))) == 'aws-cn'

    def test_root_principals_of_two_partitions_give_none(self):
        assert policy_partition(policy(statement(Resource='*', Principal={'AWS': [ROOT, CN_ROOT]}))) is None

    def test_nothing_that_names_a_partition_gives_none(self):
        assert policy_partition(policy(statement(Resource='*'))) is None
        assert policy_partition(policy(statement(Resource='*', Principal='*'))) is None
        assert policy_partition(policy(statement(Resource='*', Principal={'Service': 'arn:aws-cn:iam::111122223333:root'}))) is None
        assert policy_partition(policy(statement(Resource=None, Principal=None))) is None
        assert policy_partition({'Version': '2012-10-17'}) is None
        assert policy_partition(None, 'text', ['list']) is None

    def test_values_that_are_not_strings_name_no_partition(self):
        document = policy(statement(Resource=[7, CN_CA_ARN], Principal={'AWS': [int(OTHER_ACCOUNT_ID), ROOT]}))
        assert policy_partition(document) == 'aws-cn'
        assert policy_partition(policy(statement(Resource=7, Principal={'AWS': [7, ROOT]}))) == 'aws'

    def test_statements_that_are_not_objects_are_skipped(self):
        assert policy_partition(policy('odd', statement(Resource=CN_CA_ARN))) == 'aws-cn'
        assert policy_partition({'Statement': statement(Resource=CN_CA_ARN)}) == 'aws-cn'

    def test_without_a_partition_an_account_id_is_no_root_arn(self):
        both = {'AWS': [ROOT, CN_ROOT]}
        assert not both_ways(policy(statement(Resource='*', Principal=both)),
                             policy(statement(Resource='*', Principal={'AWS': [OTHER_ACCOUNT_ID, CN_ROOT]})))
        assert both_ways(policy(statement(Resource='*', Principal=both)),
                         policy(statement(Resource='*', Principal={'AWS': [OTHER_ACCOUNT_ID, CN_ROOT]})), 'aws')


@pytest.mark.parametrize('partition', ['aws', 'aws-cn', 'aws-us-gov'])
def test_an_account_id_is_the_root_arn_of_the_partition_given(partition):
    root = f'arn:{partition}:iam::{OTHER_ACCOUNT_ID}:root'
    assert both_ways(policy(statement(Resource='*')), policy(statement(Resource='*', Principal={'AWS': root})), partition)
