# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_findings: who may use a CA, read from its policy, against a trust zone."""


import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import (
    PRINCIPAL_TYPES,
    access_findings,
    add_access_findings,
)
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import TrustZone, trust_zone

from ....helpers import ACCOUNT_ID, CA_ARN, ISSUE_ACTION, ORGANIZATION_ID, OTHER_ACCOUNT_ID, READ_ACTIONS, account_policy, \
    organization_policy, template_arn

OWNER = ACCOUNT_ID
OUTSIDER = '444455556666'
OTHER_ORGANIZATION_ID = 'o-zzzzzzzzzz'
OU_PATH = f"{ORGANIZATION_ID}/r-ab12/ou-ab12-abcdefgh/*"
END_ENTITY = template_arn('EndEntityCertificate/V1')
ZONE = trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID)
NO_SOURCE = {'source_account': None, 'source_organization': None, 'external_reason': None}
NOT_NARROWED = dict(NO_SOURCE, is_public=False)


def statement(sid='S', effect='Allow', principal=None, action=None, condition=None, **extra):
    item = {'Sid': sid, 'Effect': effect, 'Principal': {'AWS': OTHER_ACCOUNT_ID} if principal is None else principal,
            'Action': list(READ_ACTIONS) if action is None else action, 'Resource': CA_ARN}
    if condition is not None:
        item['Condition'] = condition
    item.update(extra)
    return item


def policy(*statements):
    return {'Version': '2012-10-17', 'Statement': list(statements)}


def findings(*statements, **kwargs):
    return access_findings(policy(*statements), kwargs.pop('owner', OWNER), kwargs.pop('zone', ZONE), CA_ARN)


def principals(found):
    return [(finding['principal_type'], finding['principal']) for finding in found]


class TestPrincipals:

    def test_no_policy_gives_no_finding(self):
        assert access_findings(None, OWNER, ZONE) == []

    def test_the_documented_account_share_gives_a_read_and_an_issue_finding(self):
        found = access_findings(account_policy(), OWNER, ZONE)
        assert found == [
            {'sid': 'ReadForAccount', 'principal_type': 'account', 'principal': OTHER_ACCOUNT_ID, 'actions': list(READ_ACTIONS),
             'can_issue': False, 'templates': [], 'shared_via': 'POLICY', 'conditions': {}, 'external': False, **NOT_NARROWED},
            {'sid': 'IssueForAccount', 'principal_type': 'account', 'principal': OTHER_ACCOUNT_ID, 'actions': [ISSUE_ACTION],
             'can_issue': True, 'templates': [END_ENTITY], 'shared_via': 'POLICY', 'conditions': {}, 'external': False, **NOT_NARROWED},
        ]

    @pytest.mark.parametrize('written', [OUTSIDER, f'arn:aws:iam::{OUTSIDER}:root', f'arn:aws-cn:iam::{OUTSIDER}:root',
                                         [OUTSIDER], int(OUTSIDER)])
    def test_account_ids_and_root_arns_are_one_account_finding(self, written):
        assert principals(findings(statement(principal={'AWS': written}))) == [('account', OUTSIDER)]

    def test_a_role_arn_is_an_arn_finding_judged_by_its_account(self):
        role = f'arn:aws:iam::{OTHER_ACCOUNT_ID}:role/issuer'
        outside_role = f'arn:aws:iam::{OUTSIDER}:role/issuer'
        found = findings(statement(principal={'AWS': [role, outside_role]}))
        assert [(item['principal_type'], item['principal'], item['external']) for item in found] == [
            ('arn', role, False), ('arn', outside_role, True)]

    def test_the_documented_organization_share_gives_organization_findings(self):
        found = access_findings(organization_policy(), OWNER, ZONE)
        assert principals(found) == [('organization', ORGANIZATION_ID)] * 2
        assert [item['can_issue'] for item in found] == [False, True]
        assert found[1]['templates'] == [END_ENTITY]
        assert all(item['conditions'] == {} for item in found)

    @pytest.mark.parametrize('principal', ['*', {'AWS': '*'}, {'AWS': ['*']}])
    @pytest.mark.parametrize('operator, key', [('StringEquals', 'aws:PrincipalOrgID'), ('StringEquals', 'AWS:principalorgid'),
                                               ('StringLike', 'aws:PrincipalOrgId'), ('ForAnyValue:StringEquals', 'aws:PrincipalOrgID')])
    def test_a_star_narrowed_by_organization_ids_gives_one_finding_per_organization(self, principal, operator, key):
        found = findings(statement(principal=principal, condition={operator: {key: [ORGANIZATION_ID, OTHER_ORGANIZATION_ID]}}))
        assert principals(found) == [('organization', ORGANIZATION_ID), ('organization', OTHER_ORGANIZATION_ID)]
        assert [item['external'] for item in found] == [False, True]

    @pytest.mark.parametrize('key', ['aws:PrincipalOrgPaths', 'AWS:PRINCIPALORGPATHS'])
    def test_a_star_narrowed_by_organization_paths_gives_one_finding_per_path(self, key):
        outside = f"{OTHER_ORGANIZATION_ID}/r-ab12/*"
        found = findings(statement(principal='*', condition={'ForAnyValue:StringLike': {key: [OU_PATH, outside]}}))
        assert principals(found) == [('organization_path', OU_PATH), ('organization_path', outside)]
        assert [item['external'] for item in found] == [False, True]

    def test_paths_are_narrower_than_an_organization_id_in_the_same_statement(self):
        found = findings(statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID},
                                                             'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}}))
        assert principals(found) == [('organization_path', OU_PATH)]

    @pytest.mark.parametrize('condition', [
        None,
        {'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}},
        # Missing from the request outside any organization, so these let everyone in.
        {'ForAllValues:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}},
        {'StringEqualsIfExists': {'aws:PrincipalOrgID': ORGANIZATION_ID}},
        {'StringNotEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}},
    ])
    def test_a_star_without_a_narrowing_organization_condition_is_public(self, condition):
        found = findings(statement(principal='*', action=ISSUE_ACTION, condition=condition))
        assert principals(found) == [('public', '*')]
        assert found[0]['external'] is True

    def test_conditions_not_evaluated_are_reported_as_written(self):
        written = {'ForAllValues:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}, 'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}
        found = findings(statement(principal='*', condition=dict(written, StringEquals={'acm-pca:TemplateArn': END_ENTITY})))
        assert found[0]['conditions'] == written

    def test_an_organization_condition_on_a_named_account_is_reported_not_resolved(self):
        found = findings(statement(condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}))
        assert principals(found) == [('account', OTHER_ACCOUNT_ID)]
        assert found[0]['conditions'] == {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}

    def test_a_service_principal_is_a_service_finding(self):
        found = findings(statement(principal={'Service': ['acm.amazonaws.com', 'example.amazonaws.com']}))
        assert principals(found) == [('service', 'acm.amazonaws.com'), ('service', 'example.amazonaws.com')]

    def test_not_principal_is_reported_as_public(self):
        found = findings(statement(principal=None, NotPrincipal={'AWS': OUTSIDER}))
        assert ('public', '*') in principals(found)

    def test_a_statement_aws_ram_wrote_is_shared_via_ram(self):
        found = findings(statement(sid='a1b2c3-external-principals', action=['acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate'],
                                   condition={'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}}),
                         statement(sid='Mine'), statement(sid=None))
        assert [(item['sid'], item['shared_via']) for item in found] == [
            ('a1b2c3-external-principals', 'RAM'), ('Mine', 'POLICY'), (None, 'POLICY')]
        assert found[0]['actions'] == ['acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate']

    def test_only_allow_statements_grant(self):
        assert findings(statement(effect='Deny')) == []

    def test_a_principal_named_twice_in_one_statement_gives_one_finding(self):
        found = findings(statement(principal={'AWS': [OUTSIDER, f'arn:aws:iam::{OUTSIDER}:root']}))
        assert principals(found) == [('account', OUTSIDER)]

    @pytest.mark.parametrize('kind', ['Federated', 'CanonicalUser'])
    def test_federated_and_canonical_user_principals_are_arn_findings_as_written_and_external(self, kind):
        found = findings(statement(principal={kind: ['cognito-identity.amazonaws.com', 79]}))
        assert [(item['principal_type'], item['principal'], item['external']) for item in found] == [
            ('arn', 'cognito-identity.amazonaws.com', True), ('arn', '79', True)]

    @pytest.mark.parametrize('principal', [None, OTHER_ACCOUNT_ID, ['*']])
    def test_an_allow_without_a_principal_object_or_star_grants_no_one(self, principal):
        item = statement()
        item['Principal'] = principal
        assert findings(item) == []

    def test_a_sid_that_is_not_a_string_is_reported_as_none(self):
        assert [item['sid'] for item in findings(statement(sid=7), statement(sid=['S']))] == [None, None]

    def test_a_not_principal_with_an_organization_condition_is_public_and_shows_the_condition(self):
        condition = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}
        item = statement(principal=None, condition=condition, NotPrincipal={'AWS': OUTSIDER})
        del item['Principal']
        assert findings(item) == [{'sid': 'S', 'principal_type': 'public', 'principal': '*', 'actions': list(READ_ACTIONS), 'can_issue': False,
                                   'templates': [], 'shared_via': 'POLICY', 'conditions': condition, 'external': True, 'is_public': True, **NO_SOURCE}]

    def test_the_organization_path_test_is_not_repeated_in_a_path_finding(self):
        found = findings(statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH},
                                                             'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}))
        assert [(item['principal_type'], item['conditions']) for item in found] == [
            ('organization_path', {'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}})]

    def test_a_statement_without_actions_grants_nothing(self):
        item = statement()
        del item['Action']
        assert findings(item) == []

    def test_statements_that_are_not_objects_are_skipped_and_a_missing_statement_grants_nothing(self):
        assert [item['sid'] for item in access_findings({'Statement': ['x', statement(), None]}, OWNER, ZONE)] == ['S']
        assert access_findings({'Statement': statement()}, OWNER, ZONE)[0]['sid'] == 'S'
        assert access_findings({'Version': '2012-10-17'}, OWNER, ZONE) == []

    @pytest.mark.parametrize('document', ['not json', ['Statement'], 7])
    def test_a_policy_that_is_not_an_object_is_refused(self, document):
        with pytest.raises(ValueError) as exc_info:
            access_findings(document, OWNER, ZONE)
        assert str(exc_info.value) == 'the policy is not a JSON object, so who may use the CA cannot be worked out'


class TestActionsAndTemplates:

    @pytest.mark.parametrize('action', ['acm-pca:issuecertificate', 'acm-pca:*', 'acm-pca:Issue*', '*'])
    def test_issuing_is_found_in_any_case_and_through_wildcards(self, action):
        found = findings(statement(action=action, condition={'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}}))
        assert found[0]['can_issue'] is True
        assert found[0]['actions'] == [action]
        assert found[0]['templates'] == [END_ENTITY]

    def test_issuing_without_a_template_condition_is_limited_to_no_template(self):
        assert findings(statement(action=ISSUE_ACTION))[0]['templates'] == ['*']

    def test_template_key_names_are_read_in_any_case(self):
        found = findings(statement(action=ISSUE_ACTION, condition={'StringEquals': {'ACM-PCA:templatearn': [END_ENTITY]}}))
        assert found[0]['templates'] == [END_ENTITY]
        assert found[0]['conditions'] == {}

    def test_not_action_is_reported_as_every_action(self):
        item = statement(NotAction='acm-pca:ListTags')
        del item['Action']
        found = findings(item)
        assert found[0]['actions'] == ['*'] and found[0]['can_issue'] is True

    def test_only_the_actions_written_as_strings_are_granted_or_denied(self):
        found = findings(statement(action=[7, 'acm-pca:ListTags', None, 'acm-pca:GetPolicy']),
                         statement(effect='Deny', action=[None, 'acm-pca:listtags', 8]))
        assert found[0]['actions'] == ['acm-pca:GetPolicy']

    def test_action_patterns_match_single_characters_and_whole_names_only(self):
        granted = statement(action=['acm-pca:ListTags', 'acm-pca:GetPolicy', 'acm-pca:IssueCertificate'])
        found = findings(granted, statement(effect='Deny', action=['acm-pca:List?ags', 'acm-pca:Get', 'acm-pca:IssueCertificat?x']))
        assert (found[0]['actions'], found[0]['can_issue']) == (['acm-pca:GetPolicy', 'acm-pca:IssueCertificate'], True)


class TestConditions:

    def test_json_booleans_and_numbers_in_template_values_mean_their_string_forms(self):
        found = findings(statement(action=ISSUE_ACTION, condition={'StringEquals': {'acm-pca:TemplateArn': [True, False, 7, END_ENTITY]}}))
        assert found[0]['templates'] == ['true', 'false', '7', END_ENTITY]

    def test_json_booleans_and_numbers_in_organization_values_mean_their_string_forms(self):
        found = findings(statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': [False, True, 1]}}))
        assert principals(found) == [('organization', 'false'), ('organization', 'true'), ('organization', '1')]

    def test_a_condition_that_is_not_an_object_is_reported_whole_and_resolves_nothing(self):
        found = findings(statement(principal='*', action=ISSUE_ACTION, condition='aws:PrincipalOrgID'))
        assert found == [{'sid': 'S', 'principal_type': 'public', 'principal': '*', 'actions': [ISSUE_ACTION], 'can_issue': True,
                          'templates': ['*'], 'shared_via': 'POLICY', 'conditions': {'Condition': 'aws:PrincipalOrgID'}, 'external': True,
                          'is_public': True, **NO_SOURCE}]

    def test_operators_whose_tests_are_not_objects_are_reported_as_written_beside_the_others(self):
        written = {'Bool': True, 'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}, 'Null': ['x'],
                   'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}
        found = findings(statement(principal='*', condition=written))
        assert principals(found) == [('organization', ORGANIZATION_ID)]
        assert found[0]['conditions'] == {'Bool': True, 'Null': ['x'], 'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}

    def test_other_keys_under_a_narrowing_operator_are_reported_as_written(self):
        written = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalTag/team': 'pki',
                                    'acm-pca:TemplateArn': END_ENTITY},
                   'StringNotEquals': {'acm-pca:TemplateArn': END_ENTITY}}
        found = findings(statement(principal='*', action=ISSUE_ACTION, condition=written))
        assert found == [{'sid': 'S', 'principal_type': 'organization', 'principal': ORGANIZATION_ID, 'actions': [ISSUE_ACTION],
                          'can_issue': True, 'templates': [END_ENTITY], 'shared_via': 'POLICY',
                          'conditions': {'StringEquals': {'aws:PrincipalTag/team': 'pki'},
                                         'StringNotEquals': {'acm-pca:TemplateArn': END_ENTITY}},
                          'external': False, **NOT_NARROWED}]

    def test_template_values_under_several_narrowing_operators_are_all_listed(self):
        other = template_arn('SubordinateCACertificate_PathLen0/V1')
        condition = {'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}, 'StringLike': {'ACM-PCA:TemplateArn': [other]}}
        found = findings(statement(action=ISSUE_ACTION, condition=condition))
        assert found[0]['templates'] == [END_ENTITY, other]

    def test_an_operator_or_key_that_is_not_a_string_is_reported_not_evaluated(self):
        # Not from JSON, but access_findings takes any dict: such a test narrows nothing.
        written = {1: {'aws:PrincipalOrgID': ORGANIZATION_ID}, 'StringEquals': {2: ORGANIZATION_ID}}
        found = findings(statement(principal='*', condition=written))
        assert principals(found) == [('public', '*')]
        assert found[0]['conditions'] == written

    def test_the_principal_tests_on_a_named_principal_are_merged_with_the_other_tests_of_their_operator(self):
        written = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalTag/team': 'pki'},
                   'StringLike': {'aws:PrincipalOrgPaths': OU_PATH}, 'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}
        found = findings(statement(principal={'AWS': OTHER_ACCOUNT_ID, 'Service': 'acm.amazonaws.com'}, condition=copy.deepcopy(written)))
        assert [item['conditions'] for item in found] == [written, written]

    @pytest.mark.parametrize('condition', ['aws:SourceIp', {'Bool': True}, {'Null': ['x'], 'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}])
    def test_a_malformed_condition_on_a_named_principal_is_reported_as_written(self, condition):
        # These once raised (TypeError, or an access_error about a "dictionary update sequence").
        found = findings(statement(condition=condition))
        assert principals(found) == [('account', OTHER_ACCOUNT_ID)]
        assert found[0]['conditions'] == (condition if isinstance(condition, dict) else {'Condition': condition})

    def test_a_malformed_condition_beside_a_principal_test_on_a_named_principal_is_reported_as_written(self):
        written = {'Bool': True, 'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}
        found = findings(statement(condition=copy.deepcopy(written)))
        assert found[0]['conditions'] == written

    def test_the_principal_tests_reported_for_a_named_principal_do_not_leak_into_the_organization_finding_beside_it(self):
        found = findings(statement(principal={'AWS': [OUTSIDER, '*']},
                                   condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalTag/team': 'pki'}}),
                         statement(sid='T', principal={'AWS': ['*', OUTSIDER]},
                                   condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalTag/team': 'pki'}}))
        assert [(item['sid'], item['principal'], item['conditions']) for item in found] == [
            ('S', OUTSIDER, {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalTag/team': 'pki'}}),
            ('S', ORGANIZATION_ID, {'StringEquals': {'aws:PrincipalTag/team': 'pki'}}),
            ('T', ORGANIZATION_ID, {'StringEquals': {'aws:PrincipalTag/team': 'pki'}}),
            ('T', OUTSIDER, {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalTag/team': 'pki'}}),
        ]


class TestDeny:

    def test_a_deny_of_some_actions_to_the_same_account_takes_them_away(self):
        found = findings(statement(action=list(READ_ACTIONS)),
                         statement(effect='Deny', action=['acm-pca:ListTags', 'acm-pca:listpermissions']))
        assert found[0]['actions'] == [action for action in READ_ACTIONS if action not in ('acm-pca:ListTags', 'acm-pca:ListPermissions')]

    def test_a_deny_of_every_granted_action_removes_the_finding(self):
        assert findings(statement(action=ISSUE_ACTION), statement(effect='Deny', action='acm-pca:*')) == []

    def test_a_deny_to_another_principal_changes_nothing(self):
        found = findings(statement(), statement(effect='Deny', principal={'AWS': OUTSIDER}))
        assert found[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_to_an_account_covers_its_roles(self):
        role = f'arn:aws:iam::{OUTSIDER}:role/issuer'
        assert findings(statement(principal={'AWS': role}), statement(effect='Deny', principal={'AWS': f'arn:aws:iam::{OUTSIDER}:root'})) == []

    def test_a_deny_to_an_organization_covers_its_paths(self):
        assert findings(statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}}),
                        statement(effect='Deny', principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}})) == []

    def test_a_deny_to_a_parent_path_covers_a_deeper_one(self):
        deeper = f"{ORGANIZATION_ID}/r-ab12/ou-ab12-abcdefgh/ou-ab12-ijklmnop/*"
        assert findings(statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': deeper}}),
                        statement(effect='Deny', principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}})) == []

    def test_a_deny_on_another_resource_or_with_not_resource_takes_nothing_from_this_ca(self):
        granted = statement(action=[ISSUE_ACTION])
        other_arn = CA_ARN.replace('0a1b2c3d', 'ffffffff')
        for deny in (statement(effect='Deny', action=[ISSUE_ACTION], Resource=other_arn),
                     {key: value for key, value in statement(effect='Deny', action=[ISSUE_ACTION], NotResource=CA_ARN).items()
                      if key != 'Resource'}):
            found = findings(granted, deny)
            assert [(finding['principal'], finding['actions']) for finding in found] == [(OTHER_ACCOUNT_ID, [ISSUE_ACTION])], deny

    def test_a_deny_on_every_resource_applies(self):
        assert findings(statement(), statement(effect='Deny', Resource='*')) == []

    def test_an_organization_pattern_matches_literally_unless_the_operator_is_string_like(self):
        granted = statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}})
        literal = statement(effect='Deny', principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': 'o-*'}})
        pattern = statement(effect='Deny', principal='*', condition={'StringLike': {'aws:PrincipalOrgID': 'o-*'}})
        assert [finding['principal'] for finding in findings(granted, literal)] == [ORGANIZATION_ID]
        assert findings(granted, pattern) == []

    def test_without_the_cas_arn_only_a_deny_on_every_resource_applies(self):
        document = policy(statement(), statement(effect='Deny'))
        assert [finding['principal'] for finding in access_findings(document, OWNER, ZONE)] == [OTHER_ACCOUNT_ID]

    def test_an_unconditional_deny_to_everyone_covers_every_principal(self):
        assert findings(statement(), statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}),
                        statement(effect='Deny', principal='*')) == []

    @pytest.mark.parametrize('condition', [
        {'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}},
        {'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}},
    ])
    def test_a_deny_with_a_condition_not_evaluated_is_not_applied(self, condition):
        found = findings(statement(), statement(effect='Deny', condition=condition))
        assert found[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_of_issuing_against_a_wildcard_allow_keeps_the_action_as_written_but_not_issuing(self):
        found = findings(statement(action='acm-pca:*'), statement(effect='Deny', action=ISSUE_ACTION))
        assert found[0]['actions'] == ['acm-pca:*']
        assert found[0]['can_issue'] is False
        assert found[0]['templates'] == []

    def test_a_deny_only_in_the_exact_case_aws_accepts_is_applied(self):
        # Reporting too much access is the safe mistake: an Effect AWS would refuse denies nothing.
        assert findings(statement(), statement(effect='deny'))[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_with_not_principal_is_not_applied(self):
        deny = statement(effect='Deny', NotPrincipal={'AWS': OUTSIDER})
        del deny['Principal']
        assert findings(statement(), deny)[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_with_not_principal_beside_principal_is_not_applied(self):
        assert findings(statement(), statement(effect='Deny', NotPrincipal={'AWS': OUTSIDER}))[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_with_not_action_beside_action_is_not_applied(self):
        found = findings(statement(), statement(effect='Deny', NotAction='acm-pca:IssueCertificate'))
        assert found[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_with_not_resource_beside_resource_is_not_applied(self):
        found = findings(statement(), statement(effect='Deny', NotResource=CA_ARN.replace('0a1b2c3d', 'ffffffff')))
        assert found[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_without_a_principal_or_actions_takes_nothing(self):
        no_action = statement(effect='Deny')
        del no_action['Action']
        assert findings(statement(), no_action, statement(effect='Deny', principal={}))[0]['actions'] == list(READ_ACTIONS)

    def test_a_deny_not_applied_does_not_stop_the_next_deny_from_applying(self):
        granted = statement(principal={'AWS': [OUTSIDER, OTHER_ACCOUNT_ID]}, action=list(READ_ACTIONS) + [ISSUE_ACTION])
        found = findings(granted,
                         statement(effect='Deny', action=ISSUE_ACTION, Resource=CA_ARN.replace('0a1b2c3d', 'ffffffff')),
                         statement(effect='Deny', action=ISSUE_ACTION, condition={'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}),
                         statement(effect='Deny', action=ISSUE_ACTION))
        assert [(item['principal'], item['actions'], item['can_issue']) for item in found] == [
            (OUTSIDER, list(READ_ACTIONS) + [ISSUE_ACTION], True), (OTHER_ACCOUNT_ID, list(READ_ACTIONS), False)]

    def test_a_principal_left_with_no_action_goes_and_the_next_principal_stays(self):
        found = findings(statement(principal={'AWS': [OTHER_ACCOUNT_ID, OUTSIDER]}))
        assert principals(found) == [('account', OTHER_ACCOUNT_ID), ('account', OUTSIDER)]
        found = findings(statement(principal={'AWS': [OTHER_ACCOUNT_ID, OUTSIDER]}), statement(effect='Deny'))
        assert principals(found) == [('account', OUTSIDER)]

    def test_a_resource_pattern_matches_the_case_and_single_character_wildcards(self):
        granted = statement()
        assert findings(granted, statement(effect='Deny', Resource=f"{CA_ARN[:-1]}?")) == []
        assert findings(granted, statement(effect='Deny', Resource=[7, 'arn:aws:acm-pca:*:123456789012:certificate-authority/*'])) == []
        for resource in (CA_ARN.upper(), f"{CA_ARN}?", f"{CA_ARN[:-1]}??", f"{CA_ARN[:-1]}.", [7]):
            assert principals(findings(granted, statement(effect='Deny', Resource=resource))) == [('account', OTHER_ACCOUNT_ID)], resource

    def test_without_the_cas_arn_a_deny_on_every_resource_applies(self):
        document = policy(statement(), statement(effect='Deny', Resource=['*']))
        assert access_findings(document, OWNER, ZONE) == []

    def test_a_deny_to_an_organization_pattern_covers_the_paths_it_matches_under_string_like_only(self):
        granted = statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [OU_PATH, f"{OTHER_ORGANIZATION_ID}/r-1/*"]}})
        like = statement(effect='Deny', principal='*', condition={'stringlike': {'aws:PrincipalOrgID': 'o-a1b2*'}})
        literal = statement(effect='Deny', principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': 'o-a1b2*'}})
        upper = statement(effect='Deny', principal='*', condition={'StringLike': {'aws:PrincipalOrgID': 'O-A1B2*'}})
        assert principals(findings(granted, like)) == [('organization_path', f"{OTHER_ORGANIZATION_ID}/r-1/*")]
        assert principals(findings(granted, literal)) == principals(findings(granted, upper)) == [
            ('organization_path', OU_PATH), ('organization_path', f"{OTHER_ORGANIZATION_ID}/r-1/*")]

    def test_a_deny_of_a_literal_path_pattern_takes_nothing_from_the_same_pattern_allowed_under_string_like(self):
        # The Allow admits the OU's principals; the Deny's StringEquals compares the "*" literally and matches no path.
        granted = statement(principal='*', action=[ISSUE_ACTION], condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}})
        literal = statement(effect='Deny', principal='*', action=[ISSUE_ACTION],
                            condition={'ForAnyValue:StringEquals': {'aws:PrincipalOrgPaths': OU_PATH}})
        like = statement(effect='Deny', principal='*', action=[ISSUE_ACTION],
                         condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}})
        assert [(finding['principal'], finding['can_issue']) for finding in findings(granted, literal)] == [(OU_PATH, True)]
        assert findings(granted, like) == []

    def test_a_deny_to_an_organization_covers_only_the_paths_under_it(self):
        granted = statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [OU_PATH, f"{ORGANIZATION_ID}x/r-1/*"]}})
        deny = statement(effect='Deny', principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}})
        assert principals(findings(granted, deny)) == [('organization_path', f"{ORGANIZATION_ID}x/r-1/*")]

    @pytest.mark.parametrize('denied', [
        {'Service': OUTSIDER},
        {'AWS': f'arn:aws:iam::{OUTSIDER}:role/issuer'},
        {'Federated': OUTSIDER},
    ])
    def test_only_an_account_covers_the_roles_of_that_account(self, denied):
        role = f'arn:aws:iam::{OUTSIDER}:role/other'
        assert principals(findings(statement(principal={'AWS': role}), statement(effect='Deny', principal=denied))) == [('arn', role)]

    @pytest.mark.parametrize('denied', [
        {'AWS': ORGANIZATION_ID},
        {'Service': ORGANIZATION_ID},
        {'AWS': OUTSIDER},
    ])
    def test_a_deny_to_a_principal_of_another_kind_covers_no_organization_or_path(self, denied):
        granted = [statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}),
                   statement(principal='*', condition={'StringLike': {'aws:PrincipalOrgPaths': f"{ORGANIZATION_ID}/*"}})]
        assert principals(findings(*(granted + [statement(effect='Deny', principal=denied)]))) == [
            ('organization', ORGANIZATION_ID), ('organization_path', f"{ORGANIZATION_ID}/*")]

    @pytest.mark.parametrize('condition', [
        {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}, 'StringLike': {'aws:PrincipalOrgPaths': f"{OTHER_ORGANIZATION_ID}/*"}},
        {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:principalorgid': OTHER_ORGANIZATION_ID}},
        {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}, 'StringLike': {'aws:PrincipalOrgID': 'o-*'}},
    ])
    def test_a_deny_with_several_organization_tests_is_not_applied(self, condition):
        # IAM denies only principals passing every test; no principal is in two organizations.
        granted = statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': [ORGANIZATION_ID, OTHER_ORGANIZATION_ID]}})
        deny = statement(effect='Deny', principal='*', condition=condition)
        assert principals(findings(granted, deny)) == [('organization', ORGANIZATION_ID), ('organization', OTHER_ORGANIZATION_ID)]
        # ... and the next Deny is still applied.
        other = statement(effect='Deny', principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': OTHER_ORGANIZATION_ID}})
        assert principals(findings(granted, deny, other)) == [('organization', ORGANIZATION_ID)]

    def test_a_deny_narrowed_to_an_organization_covers_no_named_principal(self):
        deny = statement(effect='Deny', principal={'AWS': [OUTSIDER, '*']}, condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}})
        granted = statement(principal={'AWS': [OUTSIDER, '*']}, condition={'StringEquals': {'aws:PrincipalOrgID': [ORGANIZATION_ID, OTHER_ORGANIZATION_ID]}})
        assert principals(findings(granted, deny)) == [('account', OUTSIDER), ('organization', OTHER_ORGANIZATION_ID)]


class TestTrustZone:

    def test_without_a_zone_nothing_is_judged(self):
        found = findings(statement(), statement(principal='*'), zone=None)
        assert [item['external'] for item in found] == [None, None]

    def test_the_owner_account_is_always_trusted(self):
        found = findings(statement(principal={'AWS': OWNER}), zone=trust_zone(None, ORGANIZATION_ID))
        assert found[0]['external'] is False

    def test_an_account_not_listed_is_external_even_in_the_trusted_organization(self):
        # Membership of an organization cannot be known from the policy: list such accounts.
        assert findings(statement(principal={'AWS': OUTSIDER}))[0]['external'] is True

    def test_without_a_trusted_organization_every_organization_and_path_is_external(self):
        zone = trust_zone([OTHER_ACCOUNT_ID])
        found = findings(statement(principal='*', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}),
                         statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}}), zone=zone)
        assert [item['external'] for item in found] == [True, True]

    @pytest.mark.parametrize('value, external', [
        (f"{ORGANIZATION_ID}/*", False),
        (f"{ORGANIZATION_ID}/r-ab12/ou-ab12-abcdefgh/*", False),
        (f"{ORGANIZATION_ID}x/r-ab12/*", True),
        ('o-*/r-ab12/*', True),
        ('*', True),
    ])
    def test_a_path_is_external_unless_it_starts_with_the_trusted_organization(self, value, external):
        found = findings(statement(principal='*', condition={'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': value}}))
        assert found[0]['external'] is external

    def test_an_organization_id_pattern_is_external(self):
        found = findings(statement(principal='*', condition={'StringLike': {'aws:PrincipalOrgID': 'o-a1b2*'}}))
        assert found[0]['external'] is True

    @pytest.mark.parametrize('condition, external', [
        (None, True),
        ({'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}}, False),
        ({'StringEquals': {'AWS:SOURCEACCOUNT': [OWNER, OTHER_ACCOUNT_ID]}}, False),
        ({'StringEquals': {'aws:SourceAccount': [OWNER, OUTSIDER]}}, True),
        ({'StringEquals': {'aws:SourceOrgID': ORGANIZATION_ID}}, False),
        ({'StringEquals': {'aws:SourceOrgID': OTHER_ORGANIZATION_ID}}, True),
        ({'StringNotEquals': {'aws:SourceAccount': OUTSIDER}}, True),
        ({'StringNotEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}}, True),
        ({'StringEquals': {'aws:SourceAccount': []}}, True),
        ({'StringEquals': {'aws:SourceAccount': int(OTHER_ACCOUNT_ID)}}, False),
        ({'StringEquals': {'aws:PrincipalAccount': OTHER_ACCOUNT_ID}}, True),
        # Both tests must hold: no request passes them, so none from outside the zone.
        ({'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}, 'StringLike': {'aws:SourceAccount': OUTSIDER}}, False),
        ({'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}, 'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}, False),
        ({'StringEquals': {'aws:SourceOrgID': ORGANIZATION_ID, 7: 'x'}}, False),
        ({'StringEquals': {'AWS:SOURCEORGID': [ORGANIZATION_ID, OTHER_ORGANIZATION_ID]}}, True),
        ({'StringEquals': {'aws:SourceOrgID': ORGANIZATION_ID}, 'StringLike': {'aws:SourceOrgID': ORGANIZATION_ID}}, False),
        ({'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}, True),
        ({'StringNotEquals': {'aws:SourceOrgID': OTHER_ORGANIZATION_ID}}, True),
        ({'Bool': True, 'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}}, False),
    ])
    def test_a_service_is_trusted_only_when_limited_to_acting_for_the_zone(self, condition, external):
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition=condition))
        # One finding per source account or organization the statement admits.
        assert any(item['external'] for item in found) is external

    def test_a_service_limited_to_the_organization_is_external_without_a_trusted_organization(self):
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition={'StringEquals': {'aws:SourceOrgID': ORGANIZATION_ID}}),
                         zone=trust_zone([OTHER_ACCOUNT_ID]))
        assert found[0]['external'] is True

    def test_a_service_limited_to_the_owner_account_is_trusted(self):
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition={'StringEquals': {'aws:SourceAccount': OWNER}}),
                         zone=trust_zone(None, ORGANIZATION_ID))
        assert found[0]['external'] is False

    def test_without_an_owner_only_the_listed_accounts_are_trusted(self):
        found = findings(statement(principal={'AWS': [OWNER, OTHER_ACCOUNT_ID]}), owner=None)
        assert [item['external'] for item in found] == [True, False]

    def test_public_is_always_external(self):
        assert findings(statement(principal='*'), zone=trust_zone([OUTSIDER], ORGANIZATION_ID))[0]['external'] is True

    def test_no_zone_options_give_no_zone(self):
        assert trust_zone() is None
        assert trust_zone([], None) == TrustZone(accounts=(), organization_id=None)

    def test_a_list_or_a_tuple_of_accounts_is_kept_in_order(self):
        assert trust_zone((OTHER_ACCOUNT_ID, OUTSIDER)) == TrustZone(accounts=(OTHER_ACCOUNT_ID, OUTSIDER), organization_id=None)
        assert trust_zone([OUTSIDER, OTHER_ACCOUNT_ID]).accounts == (OUTSIDER, OTHER_ACCOUNT_ID)

    def test_an_organization_alone_gives_a_zone_without_accounts(self):
        assert trust_zone(None, ORGANIZATION_ID) == TrustZone(accounts=(), organization_id=ORGANIZATION_ID)

    @pytest.mark.parametrize('accounts, organization_id, message', [
        (['12345678901'], None, "trusted_accounts: '12345678901' is not an AWS account ID (12 digits, written as a string: "
                                "quote it in YAML, or a leading zero is lost)"),
        ([123456789012], None, "trusted_accounts: 123456789012 is not an AWS account ID (12 digits, written as a string: "
                               "quote it in YAML, or a leading zero is lost)"),
        (['1234-5678-9012'], None, "trusted_accounts: '1234-5678-9012' is not an AWS account ID (12 digits, written as a string: "
                                   "quote it in YAML, or a leading zero is lost)"),
        ('123456789012', None, 'trusted_accounts must be a list of 12-digit AWS account IDs'),
        ({'account': '123456789012'}, ORGANIZATION_ID, 'trusted_accounts must be a list of 12-digit AWS account IDs'),
        (None, 'o-ABC', "trusted_organization_id 'o-ABC' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)"),
        (None, '123456789012', "trusted_organization_id '123456789012' is not an organization ID (o- followed by 10 to 32 lowercase "
                               "letters or digits)"),
    ])
    def test_bad_ids_are_refused_naming_the_option_and_the_value(self, accounts, organization_id, message):
        with pytest.raises(ValueError) as exc_info:
            trust_zone(accounts, organization_id)
        assert str(exc_info.value) == message

    def test_every_bad_id_is_named_at_once(self):
        with pytest.raises(ValueError) as exc_info:
            trust_zone([OTHER_ACCOUNT_ID, '1', 2], 'o-x')
        assert str(exc_info.value) == '; '.join([
            "trusted_accounts: '1' is not an AWS account ID (12 digits, written as a string: quote it in YAML, or a leading zero is lost)",
            "trusted_accounts: 2 is not an AWS account ID (12 digits, written as a string: quote it in YAML, or a leading zero is lost)",
            "trusted_organization_id 'o-x' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)",
        ])

    def test_a_bad_accounts_option_and_a_bad_organization_are_named_together(self):
        with pytest.raises(ValueError) as exc_info:
            trust_zone(OTHER_ACCOUNT_ID, 'o-x')
        assert str(exc_info.value) == ('trusted_accounts must be a list of 12-digit AWS account IDs; '
                                       "trusted_organization_id 'o-x' is not an organization ID (o- followed by 10 to 32 "
                                       'lowercase letters or digits)')


class TestAddAccessFindings:

    def test_each_ca_gets_access_and_external_findings_are_listed_with_their_ca(self):
        other_arn = CA_ARN.replace('0a1b2c3d', 'ffffffff')
        cas = [
            {'arn': CA_ARN, 'owner_account': OWNER, 'policy': policy(statement(principal={'AWS': OUTSIDER}))},
            {'arn': other_arn, 'owner_account': OWNER, 'policy': account_policy(other_arn)},
            {'arn': CA_ARN.replace('0a1b2c3d', 'eeeeeeee'), 'owner_account': OWNER, 'policy': None},
        ]
        external = add_access_findings(cas, ZONE)['external_access']
        assert [len(ca['access']) for ca in cas] == [1, 2, 0]
        assert external == [dict(cas[0]['access'][0], certificate_authority_arn=CA_ARN)]

    def test_without_a_zone_nothing_is_external(self):
        cas = [{'arn': CA_ARN, 'owner_account': OWNER, 'policy': policy(statement(principal='*'))}]
        assert add_access_findings(cas) == {'external_access': [], 'unresolved_access': []}
        assert cas[0]['access'][0]['external'] is None

    def test_a_policy_that_could_not_be_read_gives_no_access_list(self):
        cas = [{'arn': CA_ARN, 'policy': None, 'policy_error': {'code': 'AccessDeniedException'}}]
        assert add_access_findings(cas, ZONE) == {'external_access': [], 'unresolved_access': []}
        assert cas[0]['access'] is None and 'access_error' not in cas[0]

    def test_a_policy_that_is_not_a_json_object_gives_no_access_list_and_says_why(self):
        cas = [{'arn': CA_ARN, 'policy': 'not json'}]
        add_access_findings(cas, ZONE)
        assert cas[0]['access'] is None
        assert 'not a JSON object' in cas[0]['access_error']

    def test_the_owner_is_taken_from_the_arn_when_not_listed(self):
        cas = [{'arn': CA_ARN, 'policy': policy(statement(principal={'AWS': ACCOUNT_ID}))}]
        assert add_access_findings(cas, trust_zone([]))['external_access'] == []

    def test_cas_after_one_whose_policy_could_not_be_read_or_analysed_are_analysed(self):
        cas = [{'arn': CA_ARN, 'policy': None, 'policy_error': {'code': 'AccessDeniedException'}},
               {'arn': CA_ARN, 'policy': 'not json'},
               {'arn': CA_ARN, 'policy': policy(statement(principal={'AWS': OUTSIDER}))}]
        external = add_access_findings(cas, ZONE)['external_access']
        assert cas[0]['access'] is None and 'access_error' not in cas[0]
        assert cas[1]['access'] is None
        assert cas[1]['access_error'] == 'the policy is not a JSON object, so who may use the CA cannot be worked out'
        assert principals(cas[2]['access']) == [('account', OUTSIDER)]
        assert external == [dict(cas[2]['access'][0], certificate_authority_arn=CA_ARN)]

    def test_a_deny_is_applied_when_its_resource_is_the_cas_arn(self):
        other_arn = CA_ARN.replace('0a1b2c3d', 'ffffffff')
        document = policy(statement(), statement(effect='Deny', Resource=CA_ARN))
        cas = [{'arn': CA_ARN, 'owner_account': OWNER, 'policy': document}, {'arn': other_arn, 'owner_account': OWNER, 'policy': document}]
        add_access_findings(cas, ZONE)
        assert [principals(ca['access']) for ca in cas] == [[], [('account', OTHER_ACCOUNT_ID)]]

    def test_the_owner_account_listed_is_trusted_over_the_arns_account(self):
        cas = [{'arn': CA_ARN, 'owner_account': OUTSIDER, 'policy': policy(statement(principal={'AWS': [OUTSIDER, ACCOUNT_ID]}))}]
        assert add_access_findings(cas, trust_zone([]))['external_access'] == [dict(cas[0]['access'][1], certificate_authority_arn=CA_ARN)]
        assert [item['external'] for item in cas[0]['access']] == [False, True]

    @pytest.mark.parametrize('arn', ['not an arn', None])
    def test_a_ca_without_an_owner_or_a_readable_arn_trusts_only_the_zone(self, arn):
        cas = [{'arn': arn, 'policy': policy(statement(principal={'AWS': ACCOUNT_ID}))}]
        assert add_access_findings(cas, trust_zone([]))['external_access'] == [dict(cas[0]['access'][0], certificate_authority_arn=arn)]


_PRINCIPALS = st.sampled_from([
    {'AWS': OTHER_ACCOUNT_ID}, {'AWS': OUTSIDER}, {'AWS': f'arn:aws:iam::{OUTSIDER}:role/r'}, '*',
    {'Service': 'acm.amazonaws.com'},
])
_CONDITIONS = st.sampled_from([
    None, {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}},
    {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}}, {'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}},
])
_ACTIONS = st.lists(st.sampled_from(list(READ_ACTIONS) + [ISSUE_ACTION, 'acm-pca:*']), min_size=1, max_size=3, unique=True)
_STATEMENTS = st.builds(lambda principal, action, condition, effect: statement(principal=principal, action=action, condition=condition,
                                                                               effect=effect),
                        _PRINCIPALS, _ACTIONS, _CONDITIONS, st.sampled_from(['Allow', 'Deny']))


@given(st.lists(_STATEMENTS, max_size=5), _STATEMENTS)
def test_a_deny_never_adds_access_and_every_finding_is_well_formed(statements, deny):
    statements = [dict(item, Sid='S%d' % index) for index, item in enumerate(statements)]
    before = findings(*statements)
    after = findings(*(statements + [dict(copy.deepcopy(deny), Effect='Deny', Sid='Deny')]))
    granted = {(item['sid'], item['principal_type'], item['principal']): set(item['actions']) for item in before}
    for item in after:
        key = (item['sid'], item['principal_type'], item['principal'])
        assert set(item['actions']) <= granted[key]
        assert item['principal_type'] in PRINCIPAL_TYPES
        assert isinstance(item['external'], bool)
        assert (item['templates'] != []) is item['can_issue']


class _Members:
    """A stand-in for organizations.OrganizationAccounts: the accounts, or None with a problem."""

    def __init__(self, accounts, problem=None):
        self.accounts, self.problem, self.asked = accounts, problem, 0

    def members(self):
        self.asked += 1
        return self.accounts


def _zone(accounts=(), organization_id=ORGANIZATION_ID, members=None):
    return trust_zone(list(accounts), organization_id, organization_accounts=members)


MEMBER = '555566667777'
ROLE = f'arn:aws:iam::{OTHER_ACCOUNT_ID}:role/pki-issuer'


def who(found):
    return [(item['principal_type'], item['principal'], item['is_public'], item['external']) for item in found]


class TestPrincipalKeysNarrowAStar:

    @pytest.mark.parametrize('operator', ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ForAnyValue:StringLike',
                                          'ForAnyValue:StringEquals', 'stringequals'])
    def test_principal_account_makes_one_account_finding_per_value(self, operator):
        found = findings(statement(principal='*', condition={operator: {'aws:PrincipalAccount': [OTHER_ACCOUNT_ID, OUTSIDER]}}))
        assert who(found) == [('account', OTHER_ACCOUNT_ID, False, False), ('account', OUTSIDER, False, True)]
        assert [item['conditions'] for item in found] == [{}, {}]

    @pytest.mark.parametrize('operator', ['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals', 'ForAnyValue:ArnLike'])
    def test_principal_arn_makes_an_arn_finding_judged_by_its_account(self, operator):
        outside = f'arn:aws:iam::{OUTSIDER}:role/*'
        found = findings(statement(principal={'AWS': '*'}, condition={operator: {'AWS:PrincipalARN': [ROLE, outside]}}))
        assert who(found) == [('arn', ROLE, False, False), ('arn', outside, False, True)]

    @pytest.mark.parametrize('operator, value', [
        ('ArnLike', 'arn:aws:iam::*:role/pki'),
        ('StringLike', 'arn:aws:iam::1111222233?3:role/pki'),
        ('StringLike', '*'),
    ])
    def test_a_principal_arn_whose_account_is_a_pattern_stays_public(self, operator, value):
        found = findings(statement(principal='*', condition={operator: {'aws:PrincipalArn': value}}))
        assert who(found) == [('public', '*', True, True)]
        assert found[0]['conditions'] == {operator: {'aws:PrincipalArn': value}}

    @pytest.mark.parametrize('key, value, expected', [
        ('aws:PrincipalOrgID', ORGANIZATION_ID.upper(), ('organization', ORGANIZATION_ID, False, False)),
        ('aws:PrincipalOrgPaths', f"{ORGANIZATION_ID.upper()}/R-AB12/", ('organization_path', f"{ORGANIZATION_ID}/r-ab12/", False, False)),
    ])
    def test_string_equals_ignore_case_matches_the_organization_whatever_the_case_written(self, key, value, expected):
        # Organization, root and OU IDs are lower case; IgnoreCase matches them written in upper case.
        found = findings(statement(principal='*', condition={'StringEqualsIgnoreCase': {key: value}}))
        assert who(found) == [expected]
        # StringEquals is case-sensitive: the upper-case ID is no organization's.
        assert who(findings(statement(principal='*', condition={'StringEquals': {key: value}})))[0][3] is True

    @pytest.mark.parametrize('condition', [
        {'StringLike': {'aws:PrincipalOrgID': 'o-*'}},
        {'StringLike': {'aws:PrincipalOrgID': [ORGANIZATION_ID, 'o-a1b2*']}},
        {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': 'o-*/*'}},
        {'StringLike': {'aws:PrincipalAccount': '1111*'}},
        {'StringLike': {'aws:PrincipalAccount': '11112222333?'}},
    ])
    def test_a_pattern_over_the_account_or_organization_id_is_public(self, condition):
        # Anyone can create an organization (or an account): a pattern over their IDs is not one of them.
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [('public', '*', True, True)]
        assert found[0]['conditions'] == condition

    @pytest.mark.parametrize('condition, principal', [
        ({'StringEquals': {'aws:PrincipalOrgID': 'o-*'}}, ('organization', 'o-*')),
        ({'StringEquals': {'aws:PrincipalAccount': '1111*'}}, ('account', '1111*')),
        ({'StringEquals': {'aws:PrincipalArn': 'arn:aws:iam::*:role/pki'}}, ('arn', 'arn:aws:iam::*:role/pki')),
    ])
    def test_under_string_equals_a_star_is_literal_and_admits_no_one(self, condition, principal):
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [principal + (False, True)]

    def test_a_pattern_within_one_account_or_organization_narrows_to_it(self):
        found = findings(statement(principal='*', condition={'ArnLike': {'aws:PrincipalArn': f'arn:aws:iam::{OTHER_ACCOUNT_ID}:role/pki-*'}}),
                         statement(principal='*', condition={'StringLike': {'aws:PrincipalOrgPaths': f"{ORGANIZATION_ID}/r-ab12/ou-*/*"}}))
        assert [(item['principal_type'], item['external']) for item in found] == [('arn', False), ('organization_path', False)]

    @pytest.mark.parametrize('operator', ['StringNotEquals', 'StringNotLike', 'StringEqualsIfExists', 'StringLikeIfExists',
                                          'ForAllValues:StringEquals', 'ForAllValues:StringLike', 'ArnNotLike', 'ArnLikeIfExists',
                                          'ArnLike', 'NumericEquals', 'Null'])
    def test_operators_that_do_not_require_the_account_to_match_leave_the_star_public(self, operator):
        # ArnLike is no operator for aws:PrincipalAccount (not an ARN key).
        condition = {operator: {'aws:PrincipalAccount': OTHER_ACCOUNT_ID}}
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [('public', '*', True, True)]
        assert found[0]['conditions'] == condition

    @pytest.mark.parametrize('key', ['aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce'])
    def test_keys_that_say_where_from_leave_the_star_public_and_are_shown(self, key):
        condition = {'IpAddress' if key == 'aws:SourceIp' else 'StringEquals': {key: 'x'}}
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [('public', '*', True, True)]
        assert found[0]['conditions'] == condition

    def test_the_narrowest_key_gives_the_finding_and_the_others_narrow_it_further(self):
        # IAM requires both: a principal of the outsider's account that is also in the trusted organization.
        condition = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalAccount': OUTSIDER}}
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [('account', OUTSIDER, False, False)]
        assert found[0]['conditions'] == {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}

    def test_anded_keys_all_outside_the_zone_are_external(self):
        condition = {'StringEquals': {'aws:PrincipalOrgID': OTHER_ORGANIZATION_ID}, 'ArnLike': {'aws:PrincipalArn': f'arn:aws:iam::{OUTSIDER}:role/x'}}
        assert who(findings(statement(principal='*', condition=condition))) == [('arn', f'arn:aws:iam::{OUTSIDER}:role/x', False, True)]

    def test_a_secondary_test_is_inside_only_when_every_value_is(self):
        condition = {'StringEquals': {'aws:PrincipalOrgID': [ORGANIZATION_ID, OTHER_ORGANIZATION_ID], 'aws:PrincipalAccount': OUTSIDER}}
        assert who(findings(statement(principal='*', condition=condition)))[0][3] is True

    def test_an_org_path_narrows_more_than_the_org_id_which_stays_in_conditions(self):
        condition = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}, 'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': OU_PATH}}
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [('organization_path', OU_PATH, False, False)]
        assert found[0]['conditions'] == {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}


class TestSourceKeysNarrowAService:

    @pytest.mark.parametrize('key', ['aws:SourceAccount', 'aws:SourceOwner', 'AWS:SOURCEACCOUNT'])
    def test_source_account_and_owner_give_the_source_account(self, key):
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition={'StringEquals': {key: OTHER_ACCOUNT_ID}}))
        assert [(item['principal_type'], item['principal'], item['source_account'], item['source_organization'], item['external'])
                for item in found] == [('service', 'acm.amazonaws.com', OTHER_ACCOUNT_ID, None, False)]
        assert found[0]['conditions'] == {} and found[0]['is_public'] is False

    @pytest.mark.parametrize('operator', ['ArnLike', 'ArnEquals', 'StringLike', 'ForAnyValue:ArnLike'])
    def test_source_arn_gives_the_account_in_it(self, operator):
        arn = f'arn:aws:acm:us-east-1:{OUTSIDER}:certificate/*'
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition={operator: {'aws:SourceArn': arn}}))
        assert [(item['source_account'], item['external']) for item in found] == [(OUTSIDER, True)]

    def test_a_source_arn_without_an_account_names_no_source_account_and_is_external(self):
        found = findings(statement(principal={'Service': 's3.amazonaws.com'}, condition={'ArnLike': {'aws:SourceArn': 'arn:aws:s3:::bucket'}}))
        assert [(item['source_account'], item['external'], item['is_public']) for item in found] == [(None, True, False)]

    def test_a_source_arn_without_an_account_stays_in_conditions(self):
        # The ARN names the resource the service acts for, in no field of the finding: it is shown.
        condition = {'ArnLike': {'aws:SourceArn': 'arn:aws:s3:::bucket'}}
        found = findings(statement(principal={'Service': 's3.amazonaws.com'}, condition=condition))
        assert [(item['source_account'], item['external'], item['conditions']) for item in found] == [(None, True, condition)]

    @pytest.mark.parametrize('operator, value', [('ArnLike', 'arn:aws:s3:::*'), ('StringLike', 'arn:aws:s3:::logs-*'),
                                                 ('ArnLike', 'arn:aws:s3:::bucket-?')])
    def test_a_pattern_over_a_source_arn_without_an_account_leaves_a_star_public(self, operator, value):
        # Bucket names are global: anyone can create a bucket the pattern matches, so it narrows nothing.
        condition = {operator: {'aws:SourceArn': value}}
        found = findings(statement(principal='*', condition=condition))
        assert who(found) == [('public', '*', True, True)]
        assert found[0]['conditions'] == condition

    def test_a_source_arn_whose_account_is_a_pattern_does_not_narrow(self):
        condition = {'ArnLike': {'aws:SourceArn': 'arn:aws:acm:us-east-1:*:certificate/*'}}
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition=condition))
        assert [(item['source_account'], item['external'], item['conditions']) for item in found] == [(None, True, condition)]

    @pytest.mark.parametrize('key, value, external', [
        ('aws:SourceOrgID', ORGANIZATION_ID, False),
        ('aws:SourceOrgPaths', OU_PATH, False),
        ('aws:SourceOrgPaths', f"{OTHER_ORGANIZATION_ID}/r-ab12/*", True),
    ])
    def test_source_organization_keys_give_the_source_organization(self, key, value, external):
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition={'ForAnyValue:StringLike': {key: value}}))
        assert [(item['source_account'], item['source_organization'], item['external']) for item in found] == [(None, value, external)]

    def test_a_star_narrowed_by_a_source_key_is_any_service_acting_for_that_account(self):
        found = findings(statement(principal='*', condition={'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}}))
        assert [(item['principal_type'], item['principal'], item['source_account'], item['is_public'], item['external'])
                for item in found] == [('service', '*', OTHER_ACCOUNT_ID, False, False)]

    def test_a_source_account_and_organization_together_are_both_shown_and_anded(self):
        condition = {'StringEquals': {'aws:SourceAccount': OUTSIDER, 'aws:SourceOrgID': ORGANIZATION_ID}}
        found = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition=condition))
        assert [(item['source_account'], item['source_organization'], item['external']) for item in found] == [
            (OUTSIDER, ORGANIZATION_ID, False)]

    def test_principal_keys_on_a_service_and_source_keys_beside_principal_keys_are_not_evaluated(self):
        service = findings(statement(principal={'Service': 'acm.amazonaws.com'}, condition={'StringEquals': {'aws:PrincipalAccount': OWNER}}))
        assert [(item['source_account'], item['external']) for item in service] == [(None, True)]
        star = findings(statement(principal='*', condition={'StringEquals': {'aws:PrincipalAccount': OUTSIDER, 'aws:SourceAccount': OWNER}}))
        assert who(star) == [('account', OUTSIDER, False, True)]
        assert star[0]['conditions'] == {'StringEquals': {'aws:SourceAccount': OWNER}}


class TestOrganizationMembership:

    def test_a_member_account_is_inside_the_organizations_zone(self):
        members = _Members(frozenset([MEMBER, OWNER]))
        found = findings(statement(principal={'AWS': [MEMBER, OUTSIDER, f'arn:aws:iam::{MEMBER}:role/r']}), zone=_zone(members=members))
        assert [(item['principal'], item['external']) for item in found] == [
            (MEMBER, False), (OUTSIDER, True), (f'arn:aws:iam::{MEMBER}:role/r', False)]

    def test_membership_counts_for_narrowed_accounts_and_source_accounts(self):
        members = _Members(frozenset([MEMBER]))
        found = findings(statement(principal='*', condition={'StringEquals': {'aws:PrincipalAccount': MEMBER}}),
                         statement(principal={'Service': 'acm.amazonaws.com'}, condition={'StringEquals': {'aws:SourceAccount': MEMBER}}),
                         zone=_zone(members=members))
        assert [item['external'] for item in found] == [False, False]

    def test_trusted_accounts_and_the_owner_are_settled_without_asking(self):
        members = _Members(frozenset())
        findings(statement(principal={'AWS': [OWNER, OTHER_ACCOUNT_ID]}), zone=_zone([OTHER_ACCOUNT_ID], members=members))
        assert members.asked == 0

    def test_unknown_membership_gives_external_null_and_the_reason(self):
        members = _Members(None, problem='ListAccounts failed: AccessDeniedException')
        found = findings(statement(principal={'AWS': [OUTSIDER, OTHER_ACCOUNT_ID]}), statement(principal='*'),
                         zone=_zone([OTHER_ACCOUNT_ID], members=members))
        assert [(item['principal'], item['external']) for item in found] == [(OUTSIDER, None), (OTHER_ACCOUNT_ID, False), ('*', True)]
        assert found[0]['external_reason'] == ('whether account %s is in organization %s is unknown: ListAccounts failed: '
                                               'AccessDeniedException' % (OUTSIDER, ORGANIZATION_ID))
        assert [item['external_reason'] for item in found[1:]] == [None, None]

    def test_a_test_inside_the_zone_settles_a_finding_whose_account_is_unknown(self):
        members = _Members(None, problem='no')
        condition = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalAccount': OUTSIDER}}
        found = findings(statement(principal='*', condition=condition), zone=_zone(members=members))
        assert (found[0]['external'], found[0]['external_reason']) == (False, None)

    @pytest.mark.parametrize('members', [_Members(None, problem='no'), _Members(frozenset([OWNER]))])
    def test_a_test_inside_the_zone_settles_a_named_account_as_it_does_a_narrowed_star(self, members):
        # {"AWS": X} with aws:PrincipalOrgID is the grant "*" with aws:PrincipalAccount X and aws:PrincipalOrgID:
        # IAM requires both, so only principals inside the organization pass.
        condition = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}
        named = findings(statement(principal={'AWS': [OUTSIDER, f'arn:aws:iam::{OUTSIDER}:role/r']}, condition=condition),
                         zone=_zone(members=members))
        star = findings(statement(principal='*', condition=dict(condition, **{'StringEquals': dict(
            condition['StringEquals'], **{'aws:PrincipalAccount': OUTSIDER})})), zone=_zone(members=members))
        assert [(item['external'], item['external_reason']) for item in named + star] == [(False, None)] * 3
        assert named[0]['conditions'] == condition

    def test_an_organization_test_inside_the_zone_settles_it_without_asking_for_the_accounts(self):
        # No ListAccounts (and no warning about it) when the organization test alone keeps the grant inside.
        members = _Members(None, problem='no')
        condition = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}
        findings(statement(principal={'AWS': OUTSIDER}, condition=condition),
                 statement(principal='*', condition={'StringEquals': dict(condition['StringEquals'], **{'aws:PrincipalAccount': OUTSIDER})}),
                 zone=_zone(members=members))
        assert members.asked == 0

    def test_a_test_outside_the_zone_leaves_a_named_account_external(self):
        condition = {'StringEquals': {'aws:PrincipalOrgID': OTHER_ORGANIZATION_ID}}
        found = findings(statement(principal={'AWS': OUTSIDER}, condition=condition), zone=_zone(members=_Members(frozenset([OWNER]))))
        assert found[0]['external'] is True

    def test_without_a_trusted_organization_membership_is_never_asked(self):
        members = _Members(frozenset([OUTSIDER]))
        found = findings(statement(principal={'AWS': OUTSIDER}), zone=_zone(organization_id=None, members=members))
        assert found[0]['external'] is True and members.asked == 0

    def test_unresolved_findings_are_listed_with_their_ca(self):
        members = _Members(None, problem='no')
        cas = [{'arn': CA_ARN, 'owner_account': OWNER, 'policy': policy(statement(principal={'AWS': [OUTSIDER]}), statement(principal='*'))}]
        listed = add_access_findings(cas, _zone(members=members))
        assert [(item['certificate_authority_arn'], item['principal'], item['external']) for item in listed['unresolved_access']] == [
            (CA_ARN, OUTSIDER, None)]
        assert [item['principal'] for item in listed['external_access']] == ['*']
