# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""statement_changes: what changes, statement by statement, by the rules policies_equivalent compares with."""


import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import (
    STATEMENT_ELEMENTS,
    policies_equivalent,
    statement_changes,
)

from .....helpers import CA_ARN, OTHER_ACCOUNT_ID, READ_ACTIONS, account_policy, organization_policy, statement, template_arn


NOTHING = {'added': [], 'removed': [], 'changed': []}


def policy(*statements):
    return {'Version': '2012-10-17', 'Statement': list(statements)}


class TestBySid:

    def test_added_removed_and_changed_statements_are_named_by_sid_in_policy_order(self):
        before = policy(statement('Keep'), statement('Gone'), statement('Edit'), statement('AlsoGone'))
        after = policy(statement('New'), statement('Edit', Action='acm-pca:GetCertificate'), statement('Keep'), statement('Newer'))
        assert statement_changes(before, after, 'aws') == {
            'added': ['New', 'Newer'], 'removed': ['Gone', 'AlsoGone'],
            'changed': [{'sid': 'Edit', 'elements': ['Action']}]}

    def test_each_element_that_differs_is_named_as_in_the_policy_in_a_fixed_order(self):
        before = policy(statement('Edit'))
        after = policy(statement('Edit', Condition={'StringEquals': {'aws:PrincipalOrgID': 'o-a1b2c3d4e5'}}, Principal='*',
                                 Resource=[CA_ARN, f"{CA_ARN}x"], Effect='Deny', NotAction='acm-pca:ListTags', Action=None))
        assert statement_changes(before, after, 'aws')['changed'] == [
            {'sid': 'Edit', 'elements': ['Effect', 'Principal', 'Action', 'NotAction', 'Resource', 'Condition']}]

    def test_elements_outside_the_grammar_are_named_after_the_known_ones(self):
        after = policy(statement('Edit', Zeta=1, Alpha=2, Action='acm-pca:ListTags'))
        assert statement_changes(policy(statement('Edit')), after, 'aws')['changed'] == [
            {'sid': 'Edit', 'elements': ['Action', 'Alpha', 'Zeta']}]

    def test_equivalence_neutral_differences_leave_a_statement_unchanged(self):
        before = policy(statement('Read', Condition={'Bool': {'aws:SecureTransport': 'true'}}), statement('Other'))
        after = policy(statement('Other', Principal={'AWS': [f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root']}),
                       statement('Read', Action=[action.upper() for action in reversed(READ_ACTIONS)],
                                 Resource=[CA_ARN], Condition={'Bool': {'AWS:SECURETRANSPORT': True}}))
        assert policies_equivalent(before, after, 'aws')
        assert statement_changes(before, after, 'aws') == NOTHING

    def test_the_partition_decides_whether_an_account_id_is_a_root_arn(self):
        before = policy(statement('Read'))
        after = policy(statement('Read', Principal={'AWS': f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root'}))
        assert statement_changes(before, after, 'aws') == {'added': [], 'removed': [], 'changed': [{'sid': 'Read', 'elements': ['Principal']}]}
        assert statement_changes(before, after, 'aws-cn') == NOTHING

    def test_the_partition_is_read_from_the_documents_when_not_given(self):
        before = policy(statement('Read'))
        after = policy(statement('Read', Principal={'AWS': f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root'}))
        assert statement_changes(before, after) == NOTHING

    def test_statements_sharing_a_sid_are_compared_as_one_group(self):
        first, second = statement('Twin'), statement('Twin', Action='acm-pca:ListTags')
        assert statement_changes(policy(first, second), policy(second, first, first), 'aws') == NOTHING
        assert statement_changes(policy(first, second), policy(first), 'aws') == {
            'added': [], 'removed': [], 'changed': [{'sid': 'Twin', 'elements': ['Action']}]}

    def test_two_statements_of_one_sid_trading_values_name_every_element_that_varies(self):
        before = policy(statement('Twin', Action='acm-pca:ListTags', Resource='a'), statement('Twin', Action='acm-pca:GetCertificate', Resource='b'))
        after = policy(statement('Twin', Action='acm-pca:ListTags', Resource='b'), statement('Twin', Action='acm-pca:GetCertificate', Resource='a'))
        assert statement_changes(before, after, 'aws')['changed'] == [{'sid': 'Twin', 'elements': ['Action', 'Resource']}]


class TestWithoutSid:

    def test_a_sid_less_statement_of_the_same_meaning_anywhere_is_unchanged(self):
        read, issue = statement(), statement(Action='acm-pca:IssueCertificate')
        assert statement_changes(policy(read, issue), policy(issue, statement(Action=list(reversed(READ_ACTIONS)))), 'aws') == NOTHING

    def test_otherwise_it_is_removed_by_its_index_before_and_added_by_its_index_after(self):
        before = policy(statement('Named'), statement(), statement(Action='acm-pca:ListTags'))
        after = policy(statement(Action='acm-pca:ListTags'), statement('Named'), statement(Action='acm-pca:GetCertificate'))
        assert statement_changes(before, after, 'aws') == {'added': ['#2'], 'removed': ['#1'], 'changed': []}

    @pytest.mark.parametrize('sid', ['', 7, None], ids=['empty', 'number', 'null'])
    def test_an_unusable_sid_counts_as_none(self, sid):
        odd = dict(statement(), Sid=sid)
        assert statement_changes(policy(statement('A')), policy(statement('A'), odd), 'aws') == {'added': ['#1'], 'removed': [], 'changed': []}

    def test_a_statement_that_is_not_an_object_is_named_by_index(self):
        assert statement_changes(policy('text'), policy('other text'), 'aws') == {'added': ['#0'], 'removed': ['#0'], 'changed': []}


class TestWholePolicies:

    def test_a_new_policy_adds_every_statement_and_a_deleted_one_removes_every_statement(self):
        document = account_policy()
        assert statement_changes(None, document, 'aws') == {'added': ['ReadForAccount', 'IssueForAccount'], 'removed': [], 'changed': []}
        assert statement_changes(document, None, 'aws') == {'added': [], 'removed': ['ReadForAccount', 'IssueForAccount'], 'changed': []}

    @pytest.mark.parametrize('other', ['not json', None, {}, {'Version': '2012-10-17'}, {'Statement': None}])
    def test_a_policy_that_is_not_an_object_or_has_no_statement_has_no_statements(self, other):
        assert statement_changes(other, None, 'aws') == NOTHING

    def test_one_statement_given_as_an_object_is_statement_0(self):
        single = {'Version': '2012-10-17', 'Statement': statement()}
        assert statement_changes(single, policy(statement()), 'aws') == NOTHING
        assert statement_changes(single, policy(), 'aws') == {'added': [], 'removed': ['#0'], 'changed': []}

    def test_version_and_id_are_not_statements(self):
        document = account_policy()
        assert statement_changes(document, dict(document, Version='2008-10-17', Id='x'), 'aws') == NOTHING

    def test_the_policies_given_are_not_modified(self):
        before, after = account_policy(), organization_policy()
        kept = copy.deepcopy((before, after))
        statement_changes(before, after, 'aws')
        assert (before, after) == kept


def _documents():
    sids = st.sampled_from([None, 'A', 'B', 'PkiAcmpcaOrgSharingRead'])
    actions = st.lists(st.sampled_from(list(READ_ACTIONS) + ['ACM-PCA:LISTTAGS']), min_size=1, max_size=3)
    principals = st.sampled_from([OTHER_ACCOUNT_ID, f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root', '444455556666', '*'])
    templates = st.sampled_from([None, template_arn(), template_arn('EndEntityServerAuthCertificate/V1')])

    @st.composite
    def one(draw):
        built = statement(draw(sids), Action=draw(actions), Principal={'AWS': draw(principals)})
        template = draw(templates)
        if template:
            built['Condition'] = {'StringEquals': {'acm-pca:TemplateArn': template}}
        return built
    return st.lists(one(), max_size=4).map(lambda statements: policy(*statements))


@given(_documents(), _documents())
def test_no_statement_changes_exactly_when_the_policies_are_equivalent(before, after):
    changes = statement_changes(before, after, 'aws')
    assert (changes == NOTHING) == policies_equivalent(before, after, 'aws')
    for item in changes['changed']:
        assert item['elements'] and set(item['elements']) <= set(STATEMENT_ELEMENTS)
    assert statement_changes(before, before, 'aws') == NOTHING
