# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_changes: who gains and who loses access when a CA's policy changes."""

import copy

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.access_changes import access_change_lines, access_changes

from ....helpers import CA_ARN, ORGANIZATION_ID, OTHER_ACCOUNT_ID, READ_ACTIONS, account_policy, organization_policy, template_arn

PARTNER = '444455556666'
OU_PATH = ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111/*'
END_ENTITY = template_arn('EndEntityCertificate/V1')
SERVER = template_arn('EndEntityServerAuthCertificate/V1')
RAM_SID = '7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals'
NONE = {'gained': [], 'lost': [], 'conditions_changed': []}


def who(principal_type, principal, actions, templates=(), source_account=None):
    return {'principal_type': principal_type, 'principal': principal, 'source_account': source_account,
            'source_organization': None, 'actions': sorted(actions), 'templates': list(templates)}


def statement(sid, principal, actions, condition=None):
    result = {'Sid': sid, 'Effect': 'Allow', 'Principal': principal, 'Action': actions, 'Resource': CA_ARN}
    if condition:
        result['Condition'] = condition
    return result


def policy(*statements):
    return {'Version': '2012-10-17', 'Statement': list(statements)}


def changes(before, after):
    return access_changes(before, after, CA_ARN)


def ou_policy(templates=(END_ENTITY,)):
    return policy(
        statement('ReadForUnits', '*', list(READ_ACTIONS), {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [OU_PATH]}}),
        statement('IssueForUnits', '*', 'acm-pca:IssueCertificate',
                  {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [OU_PATH]}, 'StringEquals': {'acm-pca:TemplateArn': list(templates)}}))


def test_the_same_policy_changes_no_access():
    assert changes(account_policy(), account_policy()) == NONE


def test_no_policy_on_either_side_changes_no_access():
    assert changes(None, None) == NONE


def test_an_organization_narrowed_to_ou_paths_loses_everything_the_paths_gain():
    result = changes(organization_policy(), ou_policy())
    assert result == {
        'gained': [who('organization_path', OU_PATH, list(READ_ACTIONS) + ['acm-pca:IssueCertificate'], [END_ENTITY])],
        'lost': [who('organization', ORGANIZATION_ID, list(READ_ACTIONS) + ['acm-pca:IssueCertificate'], [END_ENTITY])],
        'conditions_changed': []}


def test_an_added_account_gains_its_grants_and_no_one_else_changes():
    after = account_policy()
    after['Statement'].append(statement('PartnerRead', {'AWS': PARTNER}, ['acm-pca:GetCertificate', 'acm-pca:DescribeCertificateAuthority']))
    assert changes(account_policy(), after) == {
        'gained': [who('account', PARTNER, ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate'])],
        'lost': [], 'conditions_changed': []}


def test_a_removed_template_is_lost_and_the_template_kept_is_not_reported():
    result = changes(ou_policy([END_ENTITY, SERVER]), ou_policy([END_ENTITY]))
    assert result == {'gained': [], 'lost': [who('organization_path', OU_PATH, ['acm-pca:IssueCertificate'], [SERVER])],
                      'conditions_changed': []}


def test_a_dropped_ram_statement_is_lost_access_of_its_principal():
    before = account_policy()
    before['Statement'].append(statement(RAM_SID, {'AWS': PARTNER}, ['acm-pca:IssueCertificate', 'acm-pca:GetCertificate'],
                                         {'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}}))
    assert changes(before, account_policy()) == {
        'gained': [], 'lost': [who('account', PARTNER, ['acm-pca:GetCertificate', 'acm-pca:IssueCertificate'], [END_ENTITY])],
        'conditions_changed': []}


def test_deleting_the_policy_loses_every_grant_and_a_new_policy_gains_them():
    lost = who('account', OTHER_ACCOUNT_ID, list(READ_ACTIONS) + ['acm-pca:IssueCertificate'], [END_ENTITY])
    assert changes(account_policy(), None) == {'gained': [], 'lost': [lost], 'conditions_changed': []}
    assert changes(None, account_policy()) == {'gained': [lost], 'lost': [], 'conditions_changed': []}


def test_a_wildcard_action_is_the_actions_it_matches():
    every = ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:GetCertificateAuthorityCertificate',
             'acm-pca:ListPermissions', 'acm-pca:ListTags', 'acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate']
    assert changes(policy(statement('All', {'AWS': PARTNER}, 'acm-pca:*')), policy(statement('All', {'AWS': PARTNER}, every))) == NONE
    assert changes(policy(statement('Get', {'AWS': PARTNER}, 'ACM-PCA:get*')), policy(statement('Get', {'AWS': PARTNER}, 'acm-pca:GetCertificate'))) == {
        'gained': [], 'lost': [who('account', PARTNER, ['acm-pca:GetCertificateAuthorityCertificate'])], 'conditions_changed': []}


def test_a_single_character_wildcard_matches_one_character():
    result = changes(None, policy(statement('Get', {'AWS': PARTNER}, 'acm-pca:?etCertificate')))
    assert result['gained'] == [who('account', PARTNER, ['acm-pca:GetCertificate'])]


def test_removing_a_deny_on_this_ca_gives_the_access_back_and_a_deny_on_another_ca_takes_nothing():
    def deny(resource):
        return {'Sid': 'NoIssue', 'Effect': 'Deny', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': 'acm-pca:IssueCertificate',
                'Resource': resource}
    denied = dict(account_policy(), Statement=account_policy()['Statement'] + [deny(CA_ARN)])
    elsewhere = dict(account_policy(), Statement=account_policy()['Statement'] + [deny(CA_ARN.replace('0a1b2c3d', 'ffffffff'))])
    assert changes(denied, account_policy())['gained'] == [who('account', OTHER_ACCOUNT_ID, ['acm-pca:IssueCertificate'], [END_ENTITY])]
    assert changes(elsewhere, account_policy()) == NONE


def test_an_action_the_rules_do_not_know_is_kept_as_written():
    result = changes(None, policy(statement('Odd', {'AWS': PARTNER}, 'acm-pca:DeleteCertificateAuthority')))
    assert result['gained'] == [who('account', PARTNER, ['acm-pca:DeleteCertificateAuthority'])]


def test_issuing_without_a_template_condition_is_issuing_with_any_template():
    result = changes(None, policy(statement('Issue', {'AWS': PARTNER}, 'acm-pca:IssueCertificate')))
    assert result['gained'] == [who('account', PARTNER, ['acm-pca:IssueCertificate'], ['*'])]


def test_an_account_id_and_its_root_arn_are_the_same_principal():
    respelled = account_policy(account_id='arn:aws:iam::%s:root' % OTHER_ACCOUNT_ID)
    assert changes(account_policy(), respelled) == NONE


def test_a_grant_kept_under_a_new_condition_is_a_condition_change():
    after = account_policy()
    after['Statement'][0]['Condition'] = {'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}
    entry = who('account', OTHER_ACCOUNT_ID, READ_ACTIONS)
    entry.update(conditions_before=[{}], conditions_after=[{'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}])
    assert changes(account_policy(), after) == {'gained': [], 'lost': [], 'conditions_changed': [entry]}


def test_conditions_are_compared_by_meaning():
    before, after = account_policy(), account_policy()
    before['Statement'][0]['Condition'] = {'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}
    after['Statement'][0]['Condition'] = {'IpAddress': {'AWS:SourceIP': ['10.0.0.0/8']}}
    assert changes(before, after) == NONE


def test_a_conditional_grant_beside_the_same_unconditional_one_changes_nothing():
    after = account_policy()
    after['Statement'].append(dict(copy.deepcopy(after['Statement'][0]), Sid='ReadFromOffice',
                                   Condition={'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}))
    assert changes(account_policy(), after) == NONE


def test_a_deny_that_takes_issuing_away_is_lost_issuing():
    after = account_policy()
    after['Statement'].append({'Sid': 'NoIssue', 'Effect': 'Deny', 'Principal': {'AWS': OTHER_ACCOUNT_ID},
                               'Action': 'acm-pca:IssueCertificate', 'Resource': CA_ARN})
    assert changes(account_policy(), after) == {
        'gained': [], 'lost': [who('account', OTHER_ACCOUNT_ID, ['acm-pca:IssueCertificate'], [END_ENTITY])], 'conditions_changed': []}


def test_a_service_is_told_apart_by_the_account_it_acts_for():
    def acm_for(account):
        return policy(statement('Acm', {'Service': 'acm.amazonaws.com'}, 'acm-pca:GetCertificate',
                                {'StringEquals': {'aws:SourceAccount': account}}))
    result = changes(acm_for(PARTNER), acm_for(OTHER_ACCOUNT_ID))
    assert result == {
        'gained': [who('service', 'acm.amazonaws.com', ['acm-pca:GetCertificate'], source_account=OTHER_ACCOUNT_ID)],
        'lost': [who('service', 'acm.amazonaws.com', ['acm-pca:GetCertificate'], source_account=PARTNER)],
        'conditions_changed': []}
    assert access_change_lines(result) == [
        'service acm.amazonaws.com acting for %s gains acm-pca:GetCertificate' % OTHER_ACCOUNT_ID,
        'service acm.amazonaws.com acting for %s loses acm-pca:GetCertificate' % PARTNER]


@pytest.mark.parametrize('before, after', [('not json', None), (None, ['a list'])])
def test_a_policy_that_is_not_a_json_object_gives_unknown_changes(before, after):
    assert changes(before, after) is None
    assert access_change_lines(None) == ['unknown: the policy is not a JSON object']


def test_the_lines_name_who_gains_loses_and_keeps_under_other_conditions_with_template_names():
    before = organization_policy()
    after = ou_policy([END_ENTITY, SERVER])
    after['Statement'].append(dict(organization_policy()['Statement'][0], Condition={
        'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}, 'Bool': {'aws:SecureTransport': 'true'}}))
    assert access_change_lines(changes(before, after)) == [
        'organization_path %s gains %s (templates: EndEntityCertificate/V1, EndEntityServerAuthCertificate/V1)'
        % (OU_PATH, ', '.join(sorted(list(READ_ACTIONS) + ['acm-pca:IssueCertificate']))),
        'organization %s loses acm-pca:IssueCertificate (templates: EndEntityCertificate/V1)' % ORGANIZATION_ID,
        'organization %s keeps %s under other conditions: {} -> {"Bool": {"aws:SecureTransport": "true"}}'
        % (ORGANIZATION_ID, ', '.join(sorted(READ_ACTIONS)))]


def test_several_conditions_and_principals_are_listed_in_order_each_condition_with_sorted_keys():
    def read(sid, principal, condition):
        return statement(sid, {'AWS': principal}, 'acm-pca:GetCertificate', condition)
    office = {'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}, 'Bool': {'aws:SecureTransport': 'true'}}
    vpn = {'IpAddress': {'aws:SourceIp': '192.0.2.0/24'}}
    before = policy(read('A', PARTNER, office), read('B', PARTNER, vpn), read('C', OTHER_ACCOUNT_ID, vpn))
    after = policy(read('A', PARTNER, vpn), read('C', OTHER_ACCOUNT_ID, office))
    result = changes(before, after)
    assert [entry['principal'] for entry in result['conditions_changed']] == [OTHER_ACCOUNT_ID, PARTNER]
    assert access_change_lines(result) == [
        'account %s keeps acm-pca:GetCertificate under other conditions: {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}} -> '
        '{"Bool": {"aws:SecureTransport": "true"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}' % OTHER_ACCOUNT_ID,
        'account %s keeps acm-pca:GetCertificate under other conditions: {"Bool": {"aws:SecureTransport": "true"}, '
        '"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}} or {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}} -> '
        '{"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}' % PARTNER]


def test_a_service_acting_for_anyone_comes_before_the_same_service_acting_for_one_account():
    acm = {'Service': 'acm.amazonaws.com'}
    after = policy(statement('Any', acm, 'acm-pca:GetCertificate'),
                   statement('One', acm, 'acm-pca:ListTags', {'StringEquals': {'aws:SourceAccount': PARTNER}}))
    assert [entry['source_account'] for entry in changes(None, after)['gained']] == [None, PARTNER]


def test_a_line_names_every_account_and_organization_a_service_acts_for_and_templates_by_name():
    entry = dict(who('service', 'acm.amazonaws.com', ['acm-pca:IssueCertificate'], ['*', 'arn:aws-cn:acm-pca:::template/A:template/B']),
                 source_account=PARTNER, source_organization=ORGANIZATION_ID)
    assert access_change_lines({'gained': [entry], 'lost': [], 'conditions_changed': []}) == [
        'service acm.amazonaws.com acting for %s, %s gains acm-pca:IssueCertificate (templates: *, A:template/B)' % (PARTNER, ORGANIZATION_ID)]


def test_no_change_is_one_line_saying_so():
    assert access_change_lines(NONE) == ['none']
