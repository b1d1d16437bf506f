# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""policy_equivalence: respellings of the same meaning are equivalent, real changes are not."""


import copy
import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

from .....helpers import (
    ISSUE_ACTION,
    ORGANIZATION_ID,
    OTHER_ACCOUNT_ID,
    PARTITION_CAS,
    READ_ACTIONS,
    account_policy,
    organization_policy,
    _respell,
    _root_arn,
    template_arn,
)


OTHER_CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'


def _reverse_statements(document):
    document['Statement'].reverse()


def _reverse_actions(document):
    document['Statement'][0]['Action'].reverse()


def _issue_action_as_a_list(document):
    document['Statement'][1]['Action'] = [ISSUE_ACTION]


def _resource_as_a_list(document):
    for statement in document['Statement']:
        statement['Resource'] = [statement['Resource']]


def _condition_values_as_lists(document):
    for statement in document['Statement']:
        for tests in statement.get('Condition', {}).values():
            for key in tests:
                tests[key] = [tests[key]]


def _principal_account_as_a_list(document):
    for statement in document['Statement']:
        statement['Principal']['AWS'] = [statement['Principal']['AWS']]


def _condition_key_in_lower_case(document):
    for statement in document['Statement']:
        for tests in statement.get('Condition', {}).values():
            for key in list(tests):
                tests[key.lower()] = tests.pop(key)


def _duplicate_an_action(document):
    document['Statement'][0]['Action'].append(READ_ACTIONS[0])


def _duplicate_a_statement(document):
    document['Statement'].append(copy.deepcopy(document['Statement'][0]))


ACCOUNT_POLICY_RESPELLINGS = [
    ('statement order', _reverse_statements),
    ('action order', _reverse_actions),
    ('Action as a one-element list', _issue_action_as_a_list),
    ('Resource as a one-element list', _resource_as_a_list),
    ('condition value as a one-element list', _condition_values_as_lists),
    ('principal account as a one-element list', _principal_account_as_a_list),
    ('condition key name in lower case', _condition_key_in_lower_case),
    ('an action listed twice', _duplicate_an_action),
    ('a statement given twice', _duplicate_a_statement),
]


class TestPoliciesEquivalent:

    @pytest.mark.parametrize('change', [change for dummy, change in ACCOUNT_POLICY_RESPELLINGS],
                             ids=[name for name, dummy in ACCOUNT_POLICY_RESPELLINGS])
    def test_respellings_of_the_same_meaning_are_equivalent(self, change):
        original = account_policy()
        respelled = _respell(original, change)
        assert json.dumps(respelled) != json.dumps(original)
        assert policies_equivalent(original, respelled)
        assert policies_equivalent(respelled, original)

    @pytest.mark.parametrize('indent, separators', [(None, None), (7, (' ,  ', ' :\n ')), ('\t', None)])
    def test_json_text_with_other_whitespace_and_key_order_is_equivalent_once_parsed(self, indent, separators):
        text = json.dumps(account_policy(), indent=indent, separators=separators, sort_keys=True)
        reversed_keys = json.dumps(json.loads(text, object_pairs_hook=lambda pairs: dict(reversed(pairs))), indent=indent)
        for spelling in (text, reversed_keys):
            assert policies_equivalent(parse_policy(spelling), account_policy())

    def test_statement_as_one_object_is_equivalent_to_a_list_of_that_one_statement(self):
        one = account_policy()
        one['Statement'] = one['Statement'][:1]
        as_object = dict(one, Statement=one['Statement'][0])
        assert policies_equivalent(one, as_object)

    @pytest.mark.parametrize('partition', ['aws', 'aws-cn', 'aws-us-gov'])
    def test_an_account_id_is_equivalent_to_its_root_arn_in_the_cas_partition(self, partition):
        ca_arn = PARTITION_CAS[partition]
        with_root_arns = account_policy(ca_arn)
        for statement in with_root_arns['Statement']:
            statement['Principal'] = {'AWS': _root_arn(OTHER_ACCOUNT_ID, partition)}
        assert policies_equivalent(account_policy(ca_arn), with_root_arns)
        assert policies_equivalent(account_policy(ca_arn), with_root_arns, partition)

    def test_a_root_arn_in_a_list_of_principals_is_equivalent_to_the_id_in_any_order(self):
        first = account_policy()
        second = account_policy()
        first['Statement'][0]['Principal'] = {'AWS': ['444455556666', OTHER_ACCOUNT_ID]}
        second['Statement'][0]['Principal'] = {'AWS': [_root_arn(OTHER_ACCOUNT_ID), _root_arn('444455556666')]}
        assert policies_equivalent(first, second)

    def test_a_star_principal_is_equivalent_to_aws_star(self):
        with_aws_star = organization_policy()
        for statement in with_aws_star['Statement']:
            statement['Principal'] = {'AWS': '*'}
        assert policies_equivalent(organization_policy(), with_aws_star)
        with_aws_star['Statement'][0]['Principal'] = {'AWS': ['*']}
        assert policies_equivalent(organization_policy(), with_aws_star)

    def test_action_names_in_another_case_are_equivalent_as_iam_matches_them_without_case(self):
        respelled = account_policy()
        respelled['Statement'][0]['Action'] = [action.lower() for action in respelled['Statement'][0]['Action']]
        respelled['Statement'][1]['Action'] = 'ACM-PCA:ISSUECERTIFICATE'
        assert policies_equivalent(account_policy(), respelled)

    def test_both_condition_keys_of_the_organization_issue_statement_may_be_lists_in_any_order(self):
        respelled = organization_policy()
        tests = respelled['Statement'][1]['Condition']['StringEquals']
        respelled['Statement'][1]['Condition']['StringEquals'] = {
            'aws:PrincipalOrgID': [tests['aws:PrincipalOrgID']],
            'acm-pca:TemplateArn': [tests['acm-pca:TemplateArn']],
        }
        assert policies_equivalent(organization_policy(), respelled)

    def test_no_policy_is_equivalent_only_to_no_policy(self):
        assert policies_equivalent(None, None)
        assert not policies_equivalent(None, account_policy())
        assert not policies_equivalent(account_policy(), None)

    def test_no_policy_is_not_equivalent_to_an_empty_document(self):
        # None means "the CA has no policy"; {} is a (useless) document AWS would have to store.
        assert not policies_equivalent(None, {})
        assert not policies_equivalent({}, None)

    def test_a_stored_policy_that_is_not_json_is_equivalent_only_to_the_same_text(self):
        assert policies_equivalent('not json', 'not json')
        assert not policies_equivalent('not json', account_policy())


def _other_account(document):
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': '444455556666'}


def _one_statement_for_other_account(document):
    document['Statement'][1]['Principal'] = {'AWS': '444455556666'}


def _extra_action(document):
    document['Statement'][1]['Action'] = [ISSUE_ACTION, 'acm-pca:GetCertificate']


def _fewer_actions(document):
    document['Statement'][0]['Action'].pop()


def _other_template(document):
    document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn('SubordinateCACertificate_PathLen0/V1')


def _extra_template(document):
    document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = [
        template_arn(), template_arn('EndEntityServerAuthCertificate/V1')]


def _removed_statement(document):
    del document['Statement'][1]


def _other_sid(document):
    document['Statement'][0]['Sid'] = 'SomethingElse'


def _deny(document):
    document['Statement'][1]['Effect'] = 'Deny'


def _other_resource(document):
    document['Statement'][0]['Resource'] = OTHER_CA_ARN


def _other_version(document):
    document['Version'] = '2008-10-17'


def _no_version(document):
    del document['Version']


def _other_condition_operator(document):
    statement = document['Statement'][1]
    statement['Condition'] = {'StringLike': statement['Condition']['StringEquals']}


def _user_instead_of_account(document):
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': f'arn:aws:iam::{OTHER_ACCOUNT_ID}:user/alice'}


def _root_of_other_account(document):
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': _root_arn('444455556666')}


def _extra_principal(document):
    document['Statement'][0]['Principal'] = {'AWS': [OTHER_ACCOUNT_ID, '444455556666']}


def _everyone_in_org_instead_of_account(document):
    document['Statement'][0]['Principal'] = '*'
    document['Statement'][0]['Condition'] = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}


REAL_CHANGES = [
    ('a different account', _other_account),
    ('one statement for a different account', _one_statement_for_other_account),
    ('an extra principal', _extra_principal),
    ('the root ARN of a different account', _root_of_other_account),
    ('an IAM user of the account instead of the account', _user_instead_of_account),
    ('an extra action', _extra_action),
    ('a removed action', _fewer_actions),
    ('a different template', _other_template),
    ('an extra template', _extra_template),
    ('a removed statement', _removed_statement),
    ('a different Sid', _other_sid),
    ('Deny instead of Allow', _deny),
    ('a different Resource', _other_resource),
    ('a different Version', _other_version),
    ('no Version (AWS then reads 2008-10-17)', _no_version),
    ('StringLike instead of StringEquals', _other_condition_operator),
    ('the organization instead of the account', _everyone_in_org_instead_of_account),
]


class TestRealChangesAreNotEquivalent:

    @pytest.mark.parametrize('change', [change for dummy, change in REAL_CHANGES], ids=[name for name, dummy in REAL_CHANGES])
    def test_a_real_change_is_not_equivalent(self, change):
        changed = _respell(account_policy(), change)
        assert not policies_equivalent(account_policy(), changed)
        assert not policies_equivalent(changed, account_policy())

    def test_a_different_organization_is_not_equivalent(self):
        assert not policies_equivalent(organization_policy(), organization_policy(organization_id='o-zyxwvutsrq'))

    def test_a_different_organization_in_one_statement_only_is_not_equivalent(self):
        changed = organization_policy()
        changed['Statement'][1]['Condition']['StringEquals']['aws:PrincipalOrgID'] = 'o-zyxwvutsrq'
        assert not policies_equivalent(organization_policy(), changed)

    def test_a_different_sid_counts_as_a_change(self):
        # The Sid is part of the stored policy and is how the org_sharing role recognises its
        # own statements (Terraform's policy equivalence compares it as well): renaming one
        # must be written, so it is not "equivalent".
        assert not policies_equivalent(account_policy(), _respell(account_policy(), _other_sid))
