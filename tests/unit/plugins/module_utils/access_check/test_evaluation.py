# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_check.evaluate: IAM's evaluation of a CA's resource-based policy ("Policy evaluation
logic"; "IAM JSON policy elements": Principal, Action, Resource, Condition; "Variables and tags")."""


import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.access_check import evaluate, evaluate_all

from ....helpers import CA_ARN, ORGANIZATION_ID

OWNER = '123456789012'
MEMBER = '444455556666'
OUTSIDER = '777788889999'
ROLE = f'arn:aws:iam::{MEMBER}:role/pki-issuer'
OU = f'{ORGANIZATION_ID}/r-ab12/ou-ab12-11111111/'
END_ENTITY = 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'
ISSUE = 'acm-pca:IssueCertificate'


def statement(effect='Allow', principal='*', action=ISSUE, condition=None, sid=None, **elements):
    item = {'Effect': effect, 'Principal': principal, 'Action': action, 'Resource': CA_ARN}
    if sid:
        item['Sid'] = sid
    if condition is not None:
        item['Condition'] = condition
    for name, value in elements.items():
        item.pop(name.replace('Not', ''), None)
        item[name] = value
    return item


def policy(*statements, version='2012-10-17'):
    return {'Version': version, 'Statement': list(statements)}


def answer(document, **request):
    request.setdefault('principal', MEMBER)
    request.setdefault('action', ISSUE)
    return evaluate(document, request)


def decision(document, **request):
    return answer(document, **request)['decision']


class TestEvaluationLogic:

    def test_an_allow_that_applies_allows_and_names_its_statement(self):
        assert answer(policy(statement(sid='Issue'))) == {
            'decision': 'allowed', 'allowed': True, 'statements': ['Issue'], 'missing_context': [], 'same_account': False}

    def test_without_a_matching_allow_the_request_is_implicitly_denied(self):
        assert answer(policy(statement(action='acm-pca:GetCertificate'))) == {
            'decision': 'implicitly_denied', 'allowed': False, 'statements': [], 'missing_context': [], 'same_account': False}

    def test_an_explicit_deny_wins_over_any_allow(self):
        found = answer(policy(statement(sid='Allow'), statement('Deny'), statement('Deny', sid='No')))
        assert (found['decision'], found['allowed'], found['statements']) == ('explicitly_denied', False, ['#1', 'No'])

    def test_every_applying_allow_is_named(self):
        assert answer(policy(statement(sid='A'), statement(), statement(action='acm-pca:GetCertificate')))['statements'] == ['A', '#1']

    def test_no_policy_denies_every_request(self):
        assert answer(None, resource=CA_ARN)['decision'] == 'implicitly_denied'
        assert answer('', resource=CA_ARN)['decision'] == 'implicitly_denied'

    def test_a_json_string_is_the_same_policy(self):
        assert answer(json.dumps(policy(statement(sid='S')))) == answer(policy(statement(sid='S')))

    def test_evaluate_all_answers_each_request_in_order(self):
        found = evaluate_all(policy(statement()), [{'principal': MEMBER, 'action': ISSUE},
                                                   {'principal': MEMBER, 'action': 'GetCertificate'}])
        assert [item['decision'] for item in found] == ['allowed', 'implicitly_denied']


class TestPrincipals:

    @pytest.mark.parametrize('named', ['*', {'AWS': '*'}, {'AWS': MEMBER}, {'AWS': f'arn:aws:iam::{MEMBER}:root'}])
    @pytest.mark.parametrize('principal', [MEMBER, f'arn:aws:iam::{MEMBER}:root', ROLE, f'arn:aws:iam::{MEMBER}:user/alice',
                                           f'arn:aws:sts::{MEMBER}:assumed-role/pki-issuer/session'])
    def test_an_account_or_everyone_names_every_principal_of_the_account(self, named, principal):
        assert decision(policy(statement(principal=named)), principal=principal) == 'allowed'

    def test_an_account_names_no_principal_of_another(self):
        assert decision(policy(statement(principal={'AWS': MEMBER})), principal=OUTSIDER) == 'implicitly_denied'

    @pytest.mark.parametrize('principal, result', [
        (ROLE, 'allowed'),
        (f'arn:aws:sts::{MEMBER}:assumed-role/pki-issuer/any-session', 'allowed'),
        (f'arn:aws:iam::{MEMBER}:role/other', 'implicitly_denied'),
        (MEMBER, 'implicitly_denied'),
        (f'arn:aws:sts::{OUTSIDER}:assumed-role/pki-issuer/s', 'implicitly_denied'),
    ])
    def test_a_role_names_itself_and_its_sessions(self, principal, result):
        assert decision(policy(statement(principal={'AWS': ROLE})), principal=principal) == result

    def test_a_role_with_a_path_names_the_sessions_of_that_role(self):
        named = f'arn:aws:iam::{MEMBER}:role/teams/pki-issuer'
        assert decision(policy(statement(principal={'AWS': named})),
                        principal=f'arn:aws:sts::{MEMBER}:assumed-role/pki-issuer/s') == 'allowed'

    def test_a_service_principal_is_named_only_as_a_service(self):
        document = policy(statement(principal={'Service': 'acm.amazonaws.com'}))
        assert answer(document, principal='acm.amazonaws.com') == {
            'decision': 'allowed', 'allowed': True, 'statements': ['#0'], 'missing_context': [], 'same_account': None}
        assert decision(document, principal='ec2.amazonaws.com') == 'implicitly_denied'
        assert decision(document) == 'implicitly_denied'
        assert decision(policy(statement(principal={'AWS': MEMBER})), principal='acm.amazonaws.com') == 'implicitly_denied'
        assert decision(policy(statement(principal='*')), principal='acm.amazonaws.com') == 'allowed'

    def test_federated_principals_name_none_of_these_requests(self):
        assert decision(policy(statement(principal={'Federated': 'cognito-identity.amazonaws.com'}))) == 'implicitly_denied'

    def test_not_principal_names_everyone_but_those_listed(self):
        document = policy(statement(NotPrincipal={'AWS': [OUTSIDER, ROLE]}))
        assert decision(document, principal=f'arn:aws:iam::{MEMBER}:user/alice') == 'allowed'
        assert decision(document, principal=ROLE) == 'implicitly_denied'
        assert decision(document, principal=f'arn:aws:iam::{OUTSIDER}:role/x') == 'implicitly_denied'

    def test_a_deny_with_not_principal_spares_those_listed(self):
        document = policy(statement(), statement('Deny', NotPrincipal={'AWS': MEMBER}))
        assert decision(document) == 'allowed'
        assert decision(document, principal=OUTSIDER) == 'explicitly_denied'

    @pytest.mark.parametrize('principal, same_account', [(OWNER, True), (f'arn:aws:iam::{OWNER}:role/r', True), (MEMBER, False)])
    def test_same_account_says_whether_identity_policies_alone_could_grant_it(self, principal, same_account):
        assert answer(policy(statement(action='acm-pca:GetCertificate')), principal=principal)['same_account'] is same_account


class TestActionsAndResources:

    @pytest.mark.parametrize('action, requested, result', [
        ('acm-pca:*', 'GetCertificate', 'allowed'),
        ('*', 'acm-pca:ListTags', 'allowed'),
        ('ACM-PCA:issuecertificate', 'IssueCertificate', 'allowed'),
        ('acm-pca:Get*', 'acm-pca:GetCertificateAuthorityCertificate', 'allowed'),
        ('acm-pca:?etCertificate', 'GetCertificate', 'allowed'),
        ('acm-pca:Get*', 'ListTags', 'implicitly_denied'),
        (['acm-pca:ListTags', 'acm-pca:GetCertificate'], 'getcertificate', 'allowed'),
    ])
    def test_actions_match_without_case_and_with_wildcards(self, action, requested, result):
        assert decision(policy(statement(action=action)), action=requested) == result

    def test_not_action_grants_every_action_but_those(self):
        document = policy(statement(NotAction=['acm-pca:Revoke*', ISSUE]))
        assert decision(document, action='GetCertificate') == 'allowed'
        assert decision(document, action='RevokeCertificate') == 'implicitly_denied'

    @pytest.mark.parametrize('resource, result', [
        (CA_ARN, 'allowed'),
        ('*', 'allowed'),
        ('arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/*', 'allowed'),
        ('arn:aws:acm-pca:*:*:certificate-authority/*', 'allowed'),
        ('arn:aws:acm-pca:us-east-1:123456789012:*', 'allowed'),
        ('arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/*', 'implicitly_denied'),
        ('arn:aws:acm-pca:*', 'implicitly_denied'),
    ])
    def test_resources_match_part_by_part_with_wildcards(self, resource, result):
        assert decision(policy(statement(Resource=resource)), resource=CA_ARN) == result

    def test_not_resource_applies_to_every_other_resource(self):
        other = CA_ARN.replace('0a1b2c3d', 'ffffffff')
        assert decision(policy(statement(NotResource=other)), resource=CA_ARN) == 'allowed'
        assert decision(policy(statement(NotResource=CA_ARN)), resource=CA_ARN) == 'implicitly_denied'

    def test_a_resource_variable_is_filled_from_the_request(self):
        resource = 'arn:aws:acm-pca:us-east-1:${aws:ResourceAccount}:certificate-authority/*'
        assert decision(policy(statement(Resource=resource)), resource=CA_ARN) == 'allowed'


class TestConditions:

    def test_the_documented_organization_share(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'acm-pca:TemplateArn': END_ENTITY}}))
        assert decision(document, organization_id=ORGANIZATION_ID, template='EndEntityCertificate/V1') == 'allowed'
        assert decision(document, organization_id='o-zzzzzzzzzz', template='EndEntityCertificate/V1') == 'implicitly_denied'
        assert decision(document, organization_id=ORGANIZATION_ID, template=END_ENTITY) == 'allowed'
        assert decision(document, organization_id=ORGANIZATION_ID, template='EndEntityClientAuthCertificate/V1') == 'implicitly_denied'

    def test_operators_and_keys_are_anded_and_values_ored(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalOrgID': [ORGANIZATION_ID, 'o-zzzzzzzzzz']},
                                               'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}))
        assert decision(document, organization_id='o-zzzzzzzzzz', context={'aws:SourceIp': '10.1.2.3'}) == 'allowed'
        assert decision(document, organization_id=ORGANIZATION_ID, context={'aws:SourceIp': '192.0.2.1'}) == 'implicitly_denied'

    @pytest.mark.parametrize('operator, paths, result', [
        ('ForAnyValue:StringLike', [OU], 'allowed'),
        ('ForAnyValue:StringLike', [f'{ORGANIZATION_ID}/r-ab12/ou-ab12-22222222/', OU], 'allowed'),
        ('ForAnyValue:StringLike', [f'{ORGANIZATION_ID}/r-ab12/ou-ab12-22222222/'], 'implicitly_denied'),
        ('ForAllValues:StringLike', [OU, f'{ORGANIZATION_ID}/r-ab12/ou-ab12-22222222/'], 'implicitly_denied'),
        ('ForAllValues:StringLike', [OU], 'allowed'),
        # Multivalued keys need a set operator: a plain one never matches.
        ('StringLike', [OU], 'implicitly_denied'),
    ])
    def test_organization_paths_are_a_multivalued_key(self, operator, paths, result):
        document = policy(statement(condition={operator: {'aws:PrincipalOrgPaths': f'{OU}*'}}))
        assert decision(document, organizational_unit_paths=paths) == result

    def test_a_path_without_its_ending_is_read_with_it(self):
        document = policy(statement(condition={'ForAnyValue:StringEquals': {'aws:PrincipalOrgPaths': OU}}))
        assert decision(document, organizational_unit_paths=OU.rstrip('/')) == 'allowed'

    @pytest.mark.parametrize('operator, result', [
        ('StringEquals', 'implicitly_denied'), ('StringNotEquals', 'allowed'), ('StringEqualsIfExists', 'allowed'),
        ('ForAllValues:StringEquals', 'allowed'), ('ForAnyValue:StringEquals', 'implicitly_denied'),
    ])
    def test_a_missing_key_decides_by_the_operator_and_is_reported(self, operator, result):
        found = answer(policy(statement(condition={operator: {'aws:PrincipalOrgID': ORGANIZATION_ID}})))
        assert (found['decision'], found['missing_context']) == (result, ['aws:PrincipalOrgID'])

    def test_null_tests_whether_the_key_is_in_the_request(self):
        document = policy(statement(condition={'Null': {'aws:PrincipalOrgID': 'false'}}))
        assert decision(document, organization_id=ORGANIZATION_ID) == 'allowed'
        assert answer(document)['missing_context'] == ['aws:PrincipalOrgID']

    @pytest.mark.parametrize('condition, context, result', [
        ({'NumericLessThan': {'aws:MultiFactorAuthAge': '3600'}}, {'aws:MultiFactorAuthAge': 300}, 'allowed'),
        ({'NumericLessThan': {'aws:MultiFactorAuthAge': '3600'}}, {'aws:MultiFactorAuthAge': '7200'}, 'implicitly_denied'),
        ({'DateLessThan': {'aws:CurrentTime': '2030-01-01T00:00:00Z'}}, {'aws:CurrentTime': '2026-12-07T12:00:00Z'}, 'allowed'),
        ({'DateGreaterThan': {'aws:EpochTime': '2026-01-01T00:00:00Z'}}, {'aws:EpochTime': '1796644800'}, 'allowed'),
        ({'Bool': {'aws:SecureTransport': 'true'}}, {'aws:SecureTransport': True}, 'allowed'),
        ({'Bool': {'aws:SecureTransport': True}}, {'aws:SecureTransport': 'false'}, 'implicitly_denied'),
        ({'IpAddress': {'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32']}}, {'aws:SourceIp': '2001:db8::5'}, 'allowed'),
        ({'NotIpAddress': {'aws:SourceIp': '0.0.0.0/0'}}, {'aws:SourceIp': '198.51.100.1'}, 'implicitly_denied'),
        ({'BinaryEquals': {'example:Blob': 'QmluYXJ5'}}, {'example:Blob': 'QmluYXJ5'}, 'allowed'),
        ({'ArnLike': {'aws:SourceArn': 'arn:aws:acm:*:444455556666:certificate/*'}}, None, 'allowed'),
        ({'ArnNotLike': {'aws:SourceArn': 'arn:aws:acm:*:444455556666:certificate/*'}}, None, 'implicitly_denied'),
        ({'StringEqualsIgnoreCase': {'aws:PrincipalTag/team': 'PKI'}}, {'aws:PrincipalTag/team': 'pki'}, 'allowed'),
        ({'StringEquals': {'aws:PrincipalTag/team': 'PKI'}}, {'aws:PrincipalTag/team': 'pki'}, 'implicitly_denied'),
        ({'StringLike': {'aws:PrincipalTag/team': 'p?i*'}}, {'aws:PrincipalTag/team': 'pki-team'}, 'allowed'),
        ({'StringNotLike': {'aws:PrincipalTag/team': 'p*'}}, {'aws:PrincipalTag/team': 'web'}, 'allowed'),
        ({'ForAnyValue:StringEquals': {'aws:TagKeys': ['a', 'b']}}, {'aws:TagKeys': ['b', 'c']}, 'allowed'),
        ({'ForAllValues:StringEquals': {'aws:TagKeys': ['a', 'b']}}, {'aws:TagKeys': ['b', 'c']}, 'implicitly_denied'),
        ({'StringEquals': {'aws:TagKeys': 'b'}}, {'aws:TagKeys': ['b']}, 'implicitly_denied'),
    ])
    def test_each_operator_family(self, condition, context, result):
        request = {'source_arn': 'arn:aws:acm:us-east-1:444455556666:certificate/abc', 'context': context}
        assert decision(policy(statement(condition=condition)), **request) == result

    def test_condition_key_names_are_read_without_case(self):
        document = policy(statement(condition={'StringEquals': {'AWS:PRINCIPALORGID': ORGANIZATION_ID}}))
        assert decision(document, organization_id=ORGANIZATION_ID) == 'allowed'
        assert decision(document, context={'Aws:PrincipalTag/x': 'y'}) == 'implicitly_denied'

    def test_the_principal_fills_its_keys(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalAccount': MEMBER, 'aws:PrincipalIsAWSService': 'false'},
                                               'ArnEquals': {'aws:PrincipalArn': ROLE}}))
        assert decision(document, principal=f'arn:aws:sts::{MEMBER}:assumed-role/pki-issuer/s') == 'allowed'
        service = policy(statement(condition={'StringEquals': {'aws:PrincipalServiceName': 'acm.amazonaws.com'},
                                              'Bool': {'aws:PrincipalIsAWSService': 'true'}}))
        assert decision(service, principal='acm.amazonaws.com') == 'allowed'

    def test_the_root_of_an_account_is_its_principal_arn(self):
        document = policy(statement(condition={'ArnEquals': {'aws:PrincipalArn': f'arn:aws:iam::{MEMBER}:root'}}))
        assert decision(document, principal=MEMBER) == 'allowed'

    def test_source_keys_come_from_the_request(self):
        document = policy(statement(principal={'Service': 'acm.amazonaws.com'},
                                    condition={'StringEquals': {'aws:SourceAccount': MEMBER}}))
        assert decision(document, principal='acm.amazonaws.com', source_account=MEMBER) == 'allowed'
        assert answer(document, principal='acm.amazonaws.com')['missing_context'] == ['aws:SourceAccount']

    def test_a_condition_value_that_is_no_string_matches_nothing(self):
        assert decision(policy(statement(condition={'StringEquals': {'aws:PrincipalOrgID': None}})),
                        organization_id=ORGANIZATION_ID) == 'implicitly_denied'


class TestTemplates:

    DOCUMENT = policy(statement(sid='Issue', condition={'StringEquals': {'acm-pca:TemplateArn': END_ENTITY}}),
                      statement(sid='Read', action='acm-pca:GetCertificate'))

    def test_without_a_template_the_key_is_absent_and_reported(self):
        assert answer(self.DOCUMENT) == {'decision': 'implicitly_denied', 'allowed': False, 'statements': [],
                                         'missing_context': ['acm-pca:TemplateArn'], 'same_account': False}

    def test_other_actions_carry_no_template_so_none_is_missing(self):
        found = answer(policy(statement(action='acm-pca:*', condition={'StringNotEquals': {'acm-pca:TemplateArn': END_ENTITY}})),
                       action='GetCertificate')
        assert (found['decision'], found['missing_context']) == ('allowed', [])

    def test_a_template_name_is_its_arn_in_the_cas_partition(self):
        assert answer(self.DOCUMENT, template='EndEntityCertificate/V1')['statements'] == ['Issue']


class TestMissingContext:

    def test_a_key_is_missing_only_where_the_answer_depends_on_it(self):
        document = policy(statement(sid='Open'), statement(sid='Narrow', condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}))
        assert answer(document)['missing_context'] == []

    def test_a_deny_a_missing_key_kept_away_is_reported_beside_an_allow(self):
        document = policy(statement(sid='Open'), statement('Deny', condition={'StringEquals': {'aws:PrincipalOrgID': 'o-zzzzzzzzzz'}}))
        found = answer(document)
        assert (found['decision'], found['missing_context']) == ('allowed', ['aws:PrincipalOrgID'])

    def test_a_key_beside_a_test_that_failed_on_given_keys_is_not_reported(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID, 'aws:PrincipalAccount': OUTSIDER}}))
        assert answer(document)['missing_context'] == []

    def test_keys_of_statements_for_other_principals_are_not_reported(self):
        document = policy(statement(principal={'AWS': OUTSIDER}, condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}))
        assert answer(document)['missing_context'] == []

    def test_principal_keys_are_not_missing_for_a_service_nor_source_keys_for_an_aws_principal(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}),
                          statement(condition={'StringEquals': {'aws:SourceAccount': MEMBER}}))
        assert answer(document)['missing_context'] == ['aws:PrincipalOrgID']
        assert answer(document, principal='acm.amazonaws.com')['missing_context'] == ['aws:SourceAccount']


class TestPolicyVariables:

    def test_a_variable_is_filled_from_the_request(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}'}}))
        assert decision(document, context={'aws:PrincipalTag/team': 'pki', 'aws:PrincipalTag/owner': 'pki'}) == 'allowed'
        assert decision(document, context={'aws:PrincipalTag/team': 'pki', 'aws:PrincipalTag/owner': 'web'}) == 'implicitly_denied'

    def test_a_variable_the_request_lacks_matches_nothing_and_is_reported(self):
        document = policy(statement(condition={'StringLike': {'aws:PrincipalAccount': ['${aws:SourceAccount}']}}))
        found = answer(document)
        assert (found['decision'], found['missing_context']) == ('implicitly_denied', ['aws:SourceAccount'])
        assert decision(policy(statement(condition={'StringLike': {'aws:PrincipalAccount': ['${aws:SourceAccount}', MEMBER]}}))) == 'allowed'
        assert decision(policy(statement(condition={'StringNotEquals': {'aws:PrincipalAccount': ['${aws:SourceAccount}']}}))) == 'implicitly_denied'

    def test_a_default_stands_in_for_a_missing_key(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalAccount': "${aws:SourceAccount, '444455556666'}"}}))
        assert decision(document) == 'allowed'

    def test_variables_hold_inside_arns(self):
        document = policy(statement(condition={'ArnLike': {'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/pki-*'}}))
        assert decision(document, principal=ROLE) == 'allowed'

    def test_a_filled_value_is_literal_and_the_special_characters_stand_for_themselves(self):
        document = policy(statement(condition={'StringLike': {'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}'}}))
        assert decision(document, context={'aws:PrincipalTag/team': 'pki', 'aws:PrincipalTag/owner': 'p*'}) == 'implicitly_denied'
        literal = policy(statement(condition={'StringLike': {'aws:PrincipalTag/team': 'a${*}b'}}))
        assert decision(literal, context={'aws:PrincipalTag/team': 'a*b'}) == 'allowed'
        assert decision(literal, context={'aws:PrincipalTag/team': 'axb'}) == 'implicitly_denied'

    def test_a_multivalued_key_is_no_variable(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalTag/team': '${aws:TagKeys}'}}))
        assert decision(document, context={'aws:PrincipalTag/team': 'a', 'aws:TagKeys': ['a', 'b']}) == 'implicitly_denied'

    def test_variables_are_text_in_a_2008_policy(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}'}}), version='2008-10-17')
        assert decision(document, context={'aws:PrincipalTag/team': 'x', 'aws:PrincipalTag/owner': 'x'}) == 'implicitly_denied'
        assert decision(document, context={'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}'}) == 'allowed'


class TestWhatTheRequestHolds:

    def test_missing_keys_are_named_as_the_vocabulary_spells_them_and_sorted_without_case(self):
        document = policy(statement(condition={'StringEquals': {'AWS:PRINCIPALORGID': ORGANIZATION_ID, 'Example:Key': 'x'}}))
        assert answer(document)['missing_context'] == ['aws:PrincipalOrgID', 'Example:Key']

    def test_an_allow_that_needs_no_missing_key_settles_it(self):
        document = policy(statement(sid='Open'), statement(sid='Maybe', condition={'StringEqualsIfExists': {'aws:PrincipalOrgID': ORGANIZATION_ID}}))
        found = answer(document)
        assert (found['statements'], found['missing_context']) == (['Open', 'Maybe'], [])

    def test_x509_keys_are_missing_only_from_issue_requests(self):
        document = policy(statement(action='acm-pca:*', condition={'StringEquals': {'acm-pca:x509Subject/CommonName': 'pki.example.com'}}))
        assert answer(document, template='EndEntityCertificate/V1')['missing_context'] == ['acm-pca:x509Subject/CommonName']
        assert answer(document, action='GetCertificate')['missing_context'] == []

    def test_where_a_request_comes_from_may_be_missing_for_services_too(self):
        document = policy(statement(condition={'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}))
        assert answer(document, principal='acm.amazonaws.com')['missing_context'] == ['aws:SourceIp']

    def test_a_service_is_an_aws_service_by_name(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalIsAWSService': 'true'}}))
        assert decision(document, principal='acm.amazonaws.com') == 'allowed'
        assert decision(document) == 'implicitly_denied'

    def test_paths_alone_give_their_organization(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}))
        assert decision(document, organizational_unit_paths=[OU]) == 'allowed'
        other = 'o-zzzzzzzzzz/r-zz99/ou-zz99-11111111/'
        assert answer(document, organizational_unit_paths=[OU, other])['missing_context'] == ['aws:PrincipalOrgID']

    def test_a_federated_principal_is_not_an_aws_principal_of_the_same_arn(self):
        assert decision(policy(statement(principal={'Federated': ROLE})), principal=ROLE) == 'implicitly_denied'


class TestVariablesMore:

    def test_a_default_is_literal(self):
        document = policy(statement(condition={'StringLike': {'aws:PrincipalTag/team': "${aws:PrincipalTag/owner, 'p*'}"}}))
        assert decision(document, context={'aws:PrincipalTag/team': 'pki'}) == 'implicitly_denied'
        assert decision(document, context={'aws:PrincipalTag/team': 'p*'}) == 'allowed'

    def test_a_multivalued_key_as_a_variable_is_not_missing(self):
        document = policy(statement(condition={'StringEquals': {'aws:PrincipalTag/team': '${aws:TagKeys}'}}))
        assert answer(document, context={'aws:PrincipalTag/team': 'a', 'aws:TagKeys': ['a', 'b']})['missing_context'] == []

    def test_a_resource_variable_the_request_lacks_names_no_resource(self):
        resource = 'arn:aws:acm-pca:us-east-1:${aws:PrincipalTag/owner}:certificate-authority/*'
        assert answer(policy(statement(Resource=resource)), resource=CA_ARN) == {
            'decision': 'implicitly_denied', 'allowed': False, 'statements': [], 'missing_context': [], 'same_account': False}
        assert decision(policy(statement(Resource=resource)), resource=CA_ARN, context={'aws:PrincipalTag/owner': OWNER}) == 'allowed'
