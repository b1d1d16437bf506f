# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_policy, run in-process against moto's mock_aws."""


import json
import re

import boto3
import botocore
import pytest

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.pki.acmpca.plugins.module_utils._aws import connection
from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority as certificate_authority_module
from ansible_collections.pki.acmpca.plugins.modules import acmpca_policy

from ....helpers import (
    MISSING_CA_ARN,
    ORGANIZATION_ID,
    canned_error,
    OTHER_ACCOUNT_ID,
    READ_ACTIONS,
    account_policy,
    organization_policy,
    request_parameter,
    template_arn,
)

RAM_SID = '7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals'
PARTNER_ACCOUNT_ID = '999988887777'


@pytest.fixture
def ca(make_ca):
    """An ACTIVE CA without policy."""
    return make_ca()


@pytest.fixture
def ca_with_policy(make_ca, pca):
    """An ACTIVE CA with the documented one-account policy."""
    arn = make_ca()
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(account_policy(arn)))
    return arn


def respelled_account_policy(arn):
    """The same meaning as account_policy(arn), spelled as a user might: as JSON text."""
    document = account_policy(arn)
    document['Statement'].reverse()
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': [f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root']}
        statement['Resource'] = [arn]
    document['Statement'][0]['Action'] = [document['Statement'][0]['Action']]
    return json.dumps(document, indent=3, sort_keys=True)


class TestPresent:

    def test_a_ca_without_policy_gets_the_policy_and_reports_changed(self, run, ca, stored_policy):
        outcome = run(resource_arn=ca, policy=organization_policy(ca))
        assert outcome.rc == 0, outcome.result
        assert outcome.result['changed'] is True
        assert outcome.result['resource_arn'] == ca
        assert outcome.result['policy'] == organization_policy(ca)
        assert outcome.result['previous_policy'] is None
        assert stored_policy(ca) == organization_policy(ca)

    def test_the_same_policy_spelled_differently_changes_nothing(self, run, ca_with_policy, pca):
        stored_text = pca.get_policy(ResourceArn=ca_with_policy)['Policy']
        outcome = run(resource_arn=ca_with_policy, policy=respelled_account_policy(ca_with_policy))
        assert outcome.result['changed'] is False
        assert pca.get_policy(ResourceArn=ca_with_policy)['Policy'] == stored_text
        assert outcome.result['policy'] == outcome.result['previous_policy'] == account_policy(ca_with_policy)

    def test_an_unchanged_present_makes_exactly_one_aws_call(self, run, ca_with_policy, aws_calls):
        outcome = run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy))
        assert outcome.result['changed'] is False
        assert aws_calls.operations == ['GetPolicy']

    def test_a_different_policy_replaces_the_old_one(self, run, ca_with_policy, stored_policy):
        outcome = run(resource_arn=ca_with_policy, policy=organization_policy(ca_with_policy))
        assert outcome.result['changed'] is True
        assert outcome.result['previous_policy'] == account_policy(ca_with_policy)
        assert outcome.result['policy'] == organization_policy(ca_with_policy)
        assert stored_policy(ca_with_policy) == organization_policy(ca_with_policy)

    def test_a_change_reads_once_and_writes_once(self, run, ca_with_policy, aws_calls):
        run(resource_arn=ca_with_policy, policy=organization_policy(ca_with_policy))
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_the_policy_may_be_given_as_json_text(self, run, ca, stored_policy):
        outcome = run(resource_arn=ca, policy=json.dumps(account_policy(ca), indent=2))
        assert outcome.result['changed'] is True
        assert outcome.result['policy'] == account_policy(ca)
        assert stored_policy(ca) == account_policy(ca)

    def test_a_second_run_is_unchanged(self, run, ca):
        assert run(resource_arn=ca, policy=organization_policy(ca)).result['changed'] is True
        assert run(resource_arn=ca, policy=organization_policy(ca)).result['changed'] is False

    @pytest.mark.parametrize('alias', ['arn', 'certificate_authority_arn'])
    def test_the_arn_may_be_given_by_its_aliases(self, run, ca, alias):
        outcome = run(policy=account_policy(ca), **{alias: ca})
        assert outcome.result['changed'] is True
        assert outcome.result['resource_arn'] == ca

    def test_the_region_comes_from_the_arn(self, run, ca, monkeypatch):
        monkeypatch.setenv('AWS_REGION', 'eu-west-1')
        assert run(resource_arn=ca, policy=account_policy(ca)).result['changed'] is True

    def test_without_validation_a_policy_breaking_the_rules_is_written(self, run, ca, stored_policy, aws_calls):
        document = account_policy(ca)
        document['Statement'][0]['Action'].append('acm-pca:RevokeCertificate')
        outcome = run(resource_arn=ca, policy=document, validate_policy=False)
        assert outcome.result['changed'] is True
        assert stored_policy(ca) == document
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_latin1_characters_are_written_as_they_are(self, run, ca, pca):
        document = account_policy(ca)
        document['Statement'][0]['Sid'] = 'Acc\u00e8sLecture'
        assert run(resource_arn=ca, policy=document).result['changed'] is True
        assert '"Sid":"Acc\u00e8sLecture"' in pca.get_policy(ResourceArn=ca)['Policy']


def _single_statement_policy(arn):
    """A read-only share as AWS might hand it back: root ARN in a one-element list."""
    return {'Version': '2012-10-17', 'Statement': [{
        'Sid': 'ReadAccess', 'Effect': 'Allow', 'Principal': {'AWS': [f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root']},
        'Action': list(READ_ACTIONS), 'Resource': arn,
    }]}


def _reordered(arn):
    policy = account_policy(arn)
    policy['Statement'].reverse()
    policy['Statement'][1]['Action'].reverse()
    return account_policy(arn), policy


def _one_element_lists(arn):
    policy = account_policy(arn)
    issue = policy['Statement'][1]
    issue['Action'] = [issue['Action']]
    issue['Resource'] = [issue['Resource']]
    issue['Condition']['StringEquals']['acm-pca:TemplateArn'] = [template_arn()]
    return account_policy(arn), policy


def _root_arn(arn):
    policy = account_policy(arn)
    for statement in policy['Statement']:
        statement['Principal'] = {'AWS': f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root'}
    return account_policy(arn), policy


def _key_case(arn):
    policy = account_policy(arn)
    policy['Statement'][1]['Condition']['StringEquals'] = {'ACM-PCA:templatearn': template_arn()}
    return account_policy(arn), policy


def _odd_whitespace(arn):
    return account_policy(arn), '\n \t' + json.dumps(account_policy(arn), indent='\t  ', separators=(' ,\r\n', ' :  ')) + '\n\n  '


def _statement_object(arn):
    single = _single_statement_policy(arn)
    return single, dict(single, Statement=single['Statement'][0])


def _aws_wildcard(arn):
    policy = organization_policy(arn)
    for statement in policy['Statement']:
        statement['Principal'] = {'AWS': '*'}
        statement['Condition']['StringEquals']['aws:PrincipalOrgID'] = [ORGANIZATION_ID]
    policy['Statement'].reverse()
    return organization_policy(arn), policy


EQUIVALENT_SPELLINGS = [
    ('reordered statements and actions', _reordered),
    ('one-element lists for Action, Resource and a condition value', _one_element_lists),
    ('root ARN for the account ID', _root_arn),
    ('condition key name in another case', _key_case),
    ('JSON string with odd whitespace', _odd_whitespace),
    ('Statement as one object', _statement_object),
    ('AWS wildcard for the plain wildcard, with the org condition as a list', _aws_wildcard),
]


def _another_account(arn):
    return account_policy(arn), account_policy(arn, account_id='444455556666')


def _an_extra_action(arn):
    before = account_policy(arn)
    before['Statement'][0]['Action'].remove('acm-pca:ListTags')
    return before, account_policy(arn)


def _another_template(arn):
    return account_policy(arn), account_policy(arn, template='EndEntityServerAuthCertificate/V1')


REAL_CHANGES = [('another account', _another_account), ('an extra action', _an_extra_action), ('another template', _another_template)]


class TestComparedByMeaning:

    @pytest.mark.parametrize('spell', [spell for dummy, spell in EQUIVALENT_SPELLINGS], ids=[name for name, dummy in EQUIVALENT_SPELLINGS])
    def test_an_equivalent_spelling_changes_nothing_and_makes_one_get_policy_call(self, run, make_ca, pca, aws_calls, spell):
        arn = make_ca()
        stored, requested = spell(arn)
        assert isinstance(requested, str) == (spell is _odd_whitespace)
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(stored))
        text_before = pca.get_policy(ResourceArn=arn)['Policy']
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, policy=requested)
        assert outcome.rc == 0, outcome.result
        assert outcome.result['changed'] is False
        assert outcome.result['policy'] == outcome.result['previous_policy'] == stored
        assert aws_calls.operations == ['GetPolicy']
        assert pca.get_policy(ResourceArn=arn)['Policy'] == text_before

    @pytest.mark.parametrize('change', [change for dummy, change in REAL_CHANGES], ids=[name for name, dummy in REAL_CHANGES])
    def test_a_real_change_is_reported_diffed_and_stored(self, run, make_ca, pca, stored_policy, aws_calls, change):
        arn = make_ca()
        before, desired = change(arn)
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(before))
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, policy=desired, diff=True)
        assert outcome.result['changed'] is True
        assert (outcome.result['previous_policy'], outcome.result['policy']) == (before, desired)
        summary, documents = outcome.result['diff']
        assert summary['prepared'].startswith(f'statement changes on {arn}:\n  statement ')
        assert (documents['before'], documents['after']) == (before, desired)
        assert stored_policy(arn) == desired
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']


class TestCheckAndDiffMode:

    def test_check_mode_reports_the_change_and_writes_nothing(self, run, ca, stored_policy, aws_calls):
        outcome = run(resource_arn=ca, policy=organization_policy(ca), check_mode=True)
        assert outcome.result['changed'] is True
        assert outcome.result['policy'] == organization_policy(ca)
        assert stored_policy(ca) is None
        assert 'PutPolicy' not in aws_calls.operations and 'DeletePolicy' not in aws_calls.operations

    def test_check_mode_reports_who_would_gain_access_and_writes_nothing(self, run, ca, stored_policy, aws_calls):
        outcome = run(resource_arn=ca, policy=account_policy(ca), check_mode=True)
        assert outcome.result['access_changes'] == {'gained': [{
            'principal_type': 'account', 'principal': OTHER_ACCOUNT_ID, 'source_account': None, 'source_organization': None,
            'actions': sorted(READ_ACTIONS + ['acm-pca:IssueCertificate']), 'templates': [template_arn('EndEntityCertificate/V1')]}],
            'lost': [], 'conditions_changed': []}
        assert stored_policy(ca) is None
        assert 'PutPolicy' not in aws_calls.operations

    def test_an_unchanged_run_reports_no_access_changes_with_one_call(self, run, ca_with_policy, aws_calls):
        outcome = run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy))
        assert outcome.result['access_changes'] == {'gained': [], 'lost': [], 'conditions_changed': []}
        assert aws_calls.operations == ['GetPolicy']

    def test_access_changes_are_unknown_when_the_stored_policy_is_not_a_json_object(self, run, ca, pca):
        pca.put_policy(ResourceArn=ca, Policy='not a policy')
        outcome = run(resource_arn=ca, policy=account_policy(ca), diff=True)
        assert outcome.result['access_changes'] is None
        assert outcome.result['diff'][0]['prepared'].endswith('access changes:\n  unknown: the policy is not a JSON object\n')

    def test_check_mode_absent_reports_the_change_and_deletes_nothing(self, run, ca_with_policy, stored_policy, aws_calls):
        outcome = run(resource_arn=ca_with_policy, state='absent', check_mode=True)
        assert outcome.result['changed'] is True
        assert outcome.result['policy'] is None
        assert stored_policy(ca_with_policy) == account_policy(ca_with_policy)
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']
        # The policy held no statement AWS RAM wrote: no warning about RAM shares.
        assert outcome.warnings == []
        assert outcome.result['statement_changes'] == {'added': [], 'removed': ['ReadForAccount', 'IssueForAccount'], 'changed': []}

    @pytest.mark.parametrize('status', ['PENDING_CERTIFICATE', 'DISABLED'])
    def test_check_mode_on_a_ca_that_is_not_active_warns_naming_its_status(self, run, make_ca, pca, stored_policy, aws_calls, status):
        arn = make_ca(active=status != 'PENDING_CERTIFICATE')
        if status == 'DISABLED':
            pca.update_certificate_authority(CertificateAuthorityArn=arn, Status='DISABLED')
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, policy=account_policy(arn), check_mode=True)
        assert outcome.result['changed'] is True
        assert outcome.warnings == [f'PutPolicy on {arn}: the certificate authority is {status}, a status in which AWS documents no '
                                    'rule for this change; AWS may refuse it (InvalidStateException) when the task runs without '
                                    'check mode']
        # One description, made for the change (GetPolicy found no policy: it also tells the CA exists).
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']
        assert stored_policy(arn) is None

    def test_check_mode_on_a_deleted_ca_fails_as_aws_refuses(self, run, ca_with_policy, pca, stored_policy, aws_calls, monkeypatch):
        # moto still answers GetPolicy on a DELETED CA; AWS's answer is reported as InvalidStateException.
        described = certificate_authority_module.require_certificate_authority
        monkeypatch.setattr(acmpca_policy, 'require_certificate_authority',
                            lambda client, arn: dict(described(client, arn), Status='DELETED'))
        outcome = run(resource_arn=ca_with_policy, state='absent', check_mode=True)
        assert outcome.failed
        assert outcome.result['msg'] == (f'DeletePolicy refused for {ca_with_policy}: the certificate authority is DELETED; '
                                         'AWS refuses policy calls on a CA in its restoration period')
        assert stored_policy(ca_with_policy) == account_policy(ca_with_policy)

    def test_no_description_when_check_mode_predicts_no_change(self, run, ca_with_policy, aws_calls):
        assert run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy), check_mode=True).result['changed'] is False
        assert aws_calls.operations == ['GetPolicy']

    def test_diff_mode_returns_the_summary_by_sid_and_the_access_changes_then_the_policy_before_and_after(self, run, ca_with_policy):
        outcome = run(resource_arn=ca_with_policy, policy=organization_policy(ca_with_policy), diff=True)
        everything = ', '.join(sorted(READ_ACTIONS + ['acm-pca:IssueCertificate']))
        assert outcome.result['diff'] == [
            {'prepared': 'statement changes on %s:\n'
                         '  statement ReadForOrganization added\n'
                         '  statement IssueForOrganization added\n'
                         '  statement ReadForAccount removed\n'
                         '  statement IssueForAccount removed\n'
                         'access changes:\n'
                         '  organization %s gains %s (templates: EndEntityCertificate/V1)\n'
                         '  account %s loses %s (templates: EndEntityCertificate/V1)\n'
                         % (ca_with_policy, ORGANIZATION_ID, everything, OTHER_ACCOUNT_ID, everything)},
            {'before': account_policy(ca_with_policy), 'after': organization_policy(ca_with_policy),
             'before_header': f'{ca_with_policy} (before)', 'after_header': f'{ca_with_policy} (after)'}]

    def test_diff_of_no_policy_is_an_empty_dict(self, run, ca):
        diff = run(resource_arn=ca, policy=account_policy(ca), diff=True, check_mode=True).result['diff']
        assert diff[1]['before'] == {}
        assert diff[1]['after'] == account_policy(ca)

    def test_no_diff_is_returned_outside_diff_mode(self, run, ca):
        assert 'diff' not in run(resource_arn=ca, policy=account_policy(ca)).result


class TestAbsent:

    def test_a_policy_without_ram_statements_is_deleted_without_a_warning_about_ram_shares(self, run, ca_with_policy, stored_policy):
        outcome = run(resource_arn=ca_with_policy, state='absent')
        assert outcome.result['changed'] is True
        assert outcome.result['policy'] is None
        assert outcome.result['previous_policy'] == account_policy(ca_with_policy)
        assert stored_policy(ca_with_policy) is None
        assert outcome.warnings == []

    def test_a_ca_without_policy_is_unchanged(self, run, ca):
        outcome = run(resource_arn=ca, state='absent')
        assert outcome.result['changed'] is False
        assert outcome.result['policy'] is None
        assert outcome.warnings == []

    def test_a_ca_without_policy_costs_get_policy_and_describe(self, run, ca, aws_calls):
        # GetPolicy answers ResourceNotFound for "no policy" and for "no CA": only Describe tells.
        run(resource_arn=ca, state='absent')
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']

    def test_a_policy_removed_meanwhile_is_success_as_the_policy_is_gone(self, run, ca_with_policy, on_new_clients):
        on_new_clients('before-call.acm-pca.DeletePolicy', lambda **kwargs: canned_error('ResourceNotFoundException', 'Policy not found'))
        outcome = run(resource_arn=ca_with_policy, state='absent')
        assert outcome.rc == 0, outcome.result
        assert outcome.result['changed'] is True and outcome.result['policy'] is None

    def test_the_policy_option_is_ignored_with_a_warning_pointing_to_statements(self, run, ca_with_policy, stored_policy):
        outcome = run(resource_arn=ca_with_policy, state='absent', policy=account_policy(ca_with_policy))
        assert outcome.result['changed'] is True
        assert stored_policy(ca_with_policy) is None
        assert outcome.warnings[0] == ('policy is ignored with state=absent: the whole policy of %s is removed. To remove only '
                                       'some statements, name them by Sid in the statements option instead.' % ca_with_policy)

    def test_without_the_policy_option_there_is_no_such_warning(self, run, ca_with_policy):
        assert not any('policy is ignored' in warning for warning in run(resource_arn=ca_with_policy, state='absent').warnings)


def ram_statement(arn, sid=RAM_SID):
    """A statement as AWS RAM writes it for a resource share. Its IssueCertificate has no
    template condition, which the local rules refuse: AWS accepted it, so it must stay as it is."""
    return {'Sid': sid, 'Effect': 'Allow', 'Principal': {'AWS': '444455556666'},
            'Action': ['acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate'], 'Resource': arn}


def partner_statements(arn, template='EndEntityServerAuthCertificate/V1'):
    return [
        {'Sid': 'PartnerRead', 'Effect': 'Allow', 'Principal': {'AWS': PARTNER_ACCOUNT_ID}, 'Action': list(READ_ACTIONS), 'Resource': arn},
        {'Sid': 'PartnerIssue', 'Effect': 'Allow', 'Principal': {'AWS': PARTNER_ACCOUNT_ID}, 'Action': 'acm-pca:IssueCertificate',
         'Resource': arn, 'Condition': {'StringEquals': {'acm-pca:TemplateArn': template_arn(template)}}},
    ]


def with_statements(policy, *statements):
    return dict(policy, Statement=policy['Statement'] + list(statements))


@pytest.fixture
def ca_shared_with_ram(make_ca, pca):
    """An ACTIVE CA shared with one account by its policy and with another through AWS RAM."""
    arn = make_ca()
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(with_statements(account_policy(arn), ram_statement(arn))))
    return arn


class TestStatementsPresent:

    def test_statements_are_added_beside_every_other_statement(self, run, ca_shared_with_ram, stored_policy, aws_calls):
        before = stored_policy(ca_shared_with_ram)
        outcome = run(resource_arn=ca_shared_with_ram, statements=partner_statements(ca_shared_with_ram))
        assert outcome.rc == 0, outcome.result
        assert outcome.result['changed'] is True
        expected = with_statements(before, *partner_statements(ca_shared_with_ram))
        assert stored_policy(ca_shared_with_ram) == expected
        assert (outcome.result['previous_policy'], outcome.result['policy']) == (before, expected)
        assert outcome.warnings == []
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_a_statement_replaces_the_one_with_its_sid_and_nothing_else_changes(self, run, ca_shared_with_ram, stored_policy):
        arn = ca_shared_with_ram
        run(resource_arn=arn, statements=partner_statements(arn))
        before = stored_policy(arn)
        replacement = partner_statements(arn, template='EndEntityClientAuthCertificate/V1')[1]
        outcome = run(resource_arn=arn, statements=[replacement])
        assert outcome.result['changed'] is True
        after = stored_policy(arn)
        assert after['Statement'] == before['Statement'][:4] + [replacement]

    def test_an_unchanged_run_compares_by_meaning_and_makes_one_call(self, run, ca_shared_with_ram, stored_policy, pca, aws_calls):
        arn = ca_shared_with_ram
        run(resource_arn=arn, statements=partner_statements(arn))
        stored_text = pca.get_policy(ResourceArn=arn)['Policy']
        respelled = partner_statements(arn)
        respelled[0]['Action'].reverse()
        respelled[1]['Principal'] = {'AWS': [f'arn:aws:iam::{PARTNER_ACCOUNT_ID}:root']}
        respelled.reverse()
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, statements=respelled)
        assert outcome.result['changed'] is False
        assert outcome.result['policy'] == outcome.result['previous_policy'] == stored_policy(arn)
        assert aws_calls.operations == ['GetPolicy']
        assert pca.get_policy(ResourceArn=arn)['Policy'] == stored_text

    def test_a_ca_without_policy_gets_a_policy_of_the_statements(self, run, ca, stored_policy, aws_calls):
        outcome = run(resource_arn=ca, statements=partner_statements(ca))
        assert outcome.result['changed'] is True
        assert stored_policy(ca) == {'Version': '2012-10-17', 'Statement': partner_statements(ca)}
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_validation_checks_the_given_statements_not_those_aws_already_accepted(self, run, ca_shared_with_ram, stored_policy, aws_calls):
        arn = ca_shared_with_ram
        assert run(resource_arn=arn, statements=partner_statements(arn)).result['changed'] is True
        bad = dict(partner_statements(arn)[0], Sid='PartnerRevoke', Action='acm-pca:DeleteCertificateAuthority')
        before = stored_policy(arn)
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, statements=[bad])
        assert outcome.failed
        assert outcome.result['msg'].startswith("statements break 1 ACM PCA policy rule: statement 'PartnerRevoke' (Statement[0]): "
                                                "Action 'acm-pca:DeleteCertificateAuthority' is not allowed")
        assert len(outcome.result['violations']) == 1
        assert aws_calls.operations == []
        assert stored_policy(arn) == before

    def test_without_validation_a_statement_breaking_the_rules_is_merged(self, run, ca, stored_policy):
        bad = dict(partner_statements(ca)[0], Action='acm-pca:DeleteCertificateAuthority')
        assert run(resource_arn=ca, statements=[bad], validate_policy=False).result['changed'] is True
        assert stored_policy(ca)['Statement'] == [bad]

    def test_a_merged_policy_over_the_size_limit_is_refused_before_any_write(self, run, make_ca, pca, aws_calls):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(dict(account_policy(arn), Id='x' * 81000)))
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, statements=partner_statements(arn))
        assert outcome.failed
        assert f'the policy of {arn} with these statements is 8' in outcome.result['msg']
        assert 'ACM PCA accepts at most 81920' in outcome.result['msg']
        assert aws_calls.operations == ['GetPolicy']

    def test_a_stored_policy_that_is_not_json_is_refused_naming_the_policy_option(self, run, ca, pca, aws_calls):
        pca.put_policy(ResourceArn=ca, Policy='not json')
        outcome = run(resource_arn=ca, statements=partner_statements(ca))
        assert outcome.failed
        assert outcome.result['msg'].startswith(f'the policy on {ca} is not a JSON object')
        assert 'policy option' in outcome.result['msg']
        assert 'PutPolicy' not in aws_calls.operations


class TestStatementsAbsent:

    def test_statements_are_removed_by_sid_keeping_every_other(self, run, ca_shared_with_ram, stored_policy):
        arn = ca_shared_with_ram
        before = stored_policy(arn)
        run(resource_arn=arn, statements=partner_statements(arn))
        outcome = run(resource_arn=arn, state='absent', statements=[{'Sid': 'PartnerRead'}, {'Sid': 'PartnerIssue'}])
        assert outcome.result['changed'] is True
        assert stored_policy(arn) == before
        assert outcome.warnings == []

    def test_a_sid_not_on_the_ca_among_those_removed_is_ignored_and_a_second_run_is_unchanged(self, run, ca_shared_with_ram, stored_policy, aws_calls):
        arn = ca_shared_with_ram
        before = stored_policy(arn)
        run(resource_arn=arn, statements=partner_statements(arn))
        by_sid_only = [{'Sid': 'PartnerRead'}, {'Sid': 'PartnerIssue'}, {'Sid': 'NotOnTheCa'}]
        del aws_calls.operations[:]
        first = run(resource_arn=arn, state='absent', statements=by_sid_only)
        second = run(resource_arn=arn, state='absent', statements=by_sid_only)
        assert (first.result['changed'], second.result['changed']) == (True, False)
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy', 'GetPolicy']
        assert stored_policy(arn) == before

    def test_sids_not_on_the_ca_change_nothing(self, run, ca_shared_with_ram, stored_policy, aws_calls):
        outcome = run(resource_arn=ca_shared_with_ram, state='absent', statements=[{'Sid': 'NotOnTheCa'}])
        assert outcome.result['changed'] is False
        assert aws_calls.operations == ['GetPolicy']

    def test_removing_the_last_statements_deletes_the_policy(self, run, ca_with_policy, stored_policy, aws_calls):
        outcome = run(resource_arn=ca_with_policy, state='absent', statements=[{'Sid': 'ReadForAccount'}, account_policy()['Statement'][1]])
        assert outcome.result['changed'] is True
        assert outcome.result['policy'] is None
        assert stored_policy(ca_with_policy) is None
        assert aws_calls.operations == ['GetPolicy', 'DeletePolicy']
        # No statement of AWS RAM could remain (statements never removes one): no warning about RAM shares.
        assert outcome.warnings == []

    def test_on_a_ca_without_policy_nothing_changes(self, run, ca):
        outcome = run(resource_arn=ca, state='absent', statements=[{'Sid': 'PartnerRead'}])
        assert outcome.result['changed'] is False
        assert outcome.result['policy'] is None


class TestStatementsCheckAndDiffMode:

    def test_check_mode_reports_the_merged_policy_and_writes_nothing(self, run, ca_shared_with_ram, stored_policy, aws_calls):
        arn = ca_shared_with_ram
        before = stored_policy(arn)
        outcome = run(resource_arn=arn, statements=partner_statements(arn), check_mode=True, diff=True)
        assert outcome.result['changed'] is True
        assert outcome.result['policy'] == with_statements(before, *partner_statements(arn))
        assert outcome.result['diff'][1]['before'] == before
        assert outcome.result['diff'][1]['after'] == outcome.result['policy']
        assert outcome.result['statement_changes'] == {'added': ['PartnerRead', 'PartnerIssue'], 'removed': [], 'changed': []}
        assert stored_policy(arn) == before
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']

    def test_check_mode_absent_of_the_last_statements_deletes_nothing(self, run, ca_with_policy, stored_policy, aws_calls):
        outcome = run(resource_arn=ca_with_policy, state='absent', check_mode=True,
                      statements=[{'Sid': 'ReadForAccount'}, {'Sid': 'IssueForAccount'}])
        assert outcome.result['changed'] is True and outcome.result['policy'] is None
        assert stored_policy(ca_with_policy) == account_policy(ca_with_policy)
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']
        assert outcome.warnings == []

    def test_the_diff_headers_name_the_ram_statements(self, run, ca_shared_with_ram):
        diff = run(resource_arn=ca_shared_with_ram, statements=partner_statements(ca_shared_with_ram), diff=True).result['diff'][1]
        assert diff['before_header'] == f'{ca_shared_with_ram} (before; statements AWS RAM wrote: {RAM_SID})'
        assert diff['after_header'] == f'{ca_shared_with_ram} (after; statements AWS RAM wrote: {RAM_SID})'


class TestStatementsRefused:

    @pytest.mark.parametrize('state', ['present', 'absent'])
    @pytest.mark.parametrize('statements, message', [
        ([{'Effect': 'Allow'}], 'statements[0] has no Sid'),
        ([{'Sid': ''}], "statements[0] has the Sid ''"),
        ([{'Sid': 'PartnerRead'}, {'Sid': 'PartnerRead'}], "statements[1] repeats the Sid 'PartnerRead' of statements[0]"),
        ([{'Sid': RAM_SID}], f"statements[0]: the Sid '{RAM_SID}' ends in '-external-principals'"),
        ([{'Sid': 'PkiAcmpcaOrgSharingRead'}], "statements[0]: the Sid 'PkiAcmpcaOrgSharingRead' starts with 'PkiAcmpcaOrgSharing', "
                                               "which marks a statement the pki.acmpca.org_sharing role owns"),
        ([], 'statements must be a non-empty list'),
    ])
    def test_a_bad_sid_fails_naming_it_before_any_aws_call(self, run, ca_shared_with_ram, aws_calls, stored_policy, statements, message, state):
        before = stored_policy(ca_shared_with_ram)
        outcome = run(resource_arn=ca_shared_with_ram, state=state, statements=statements)
        assert outcome.failed
        assert message in outcome.result['msg']
        assert 'Traceback' not in outcome.result['msg']
        assert aws_calls.operations == [] and aws_calls.clients == 0
        assert stored_policy(ca_shared_with_ram) == before

    def test_policy_and_statements_together_are_refused(self, run, ca, aws_calls):
        outcome = run(resource_arn=ca, policy=account_policy(ca), statements=partner_statements(ca))
        assert outcome.failed
        assert outcome.result['msg'] == 'parameters are mutually exclusive: policy|statements|org_sharing'
        assert aws_calls.operations == []


class TestRamStatementsWithPolicy:

    def test_a_policy_dropping_ram_statements_warns_naming_each(self, run, make_ca, pca, stored_policy):
        arn = make_ca()
        second = '0a0b0c0d-external-principals'
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(with_statements(account_policy(arn), ram_statement(arn), ram_statement(arn, second))))
        check = run(resource_arn=arn, policy=organization_policy(arn), check_mode=True, diff=True)
        outcome = run(resource_arn=arn, policy=organization_policy(arn), diff=True)
        for result, verb in ((check, 'Would drop'), (outcome, 'Dropped')):
            assert result.result['changed'] is True
            assert result.result['diff'][1]['before_header'] == f'{arn} (before; statements AWS RAM wrote: {RAM_SID}, {second})'
            assert result.warnings == [
                '%s the statements AWS RAM wrote into the policy of %s: %s, %s. The principals of those AWS RAM resource shares '
                'lose access to this CA. To keep them, use the statements option, which never touches them, or keep them in '
                'policy.' % (verb, arn, RAM_SID, second)]
        assert stored_policy(arn) == organization_policy(arn)

    def test_a_policy_keeping_the_ram_statements_does_not_warn(self, run, ca_shared_with_ram, stored_policy):
        desired = with_statements(organization_policy(ca_shared_with_ram), ram_statement(ca_shared_with_ram))
        outcome = run(resource_arn=ca_shared_with_ram, policy=desired, validate_policy=False)
        assert outcome.result['changed'] is True
        assert outcome.warnings == []

    @pytest.mark.parametrize('check_mode, verb', [(True, 'Would delete'), (False, 'Deleted')])
    def test_deleting_a_policy_with_ram_statements_warns_once_about_the_share_naming_them(self, run, ca_shared_with_ram, check_mode, verb):
        outcome = run(resource_arn=ca_shared_with_ram, state='absent', check_mode=check_mode)
        assert outcome.result['changed'] is True
        # Keeping them "in policy" cannot apply to a delete: the advice is the statements option.
        assert outcome.warnings == [
            '%s the policy of %s, which holds statements AWS RAM wrote: %s. AWS also removes this CA from every AWS RAM '
            'resource share that included it, so the principals of those shares lose access to this CA. To keep them, '
            'remove only your own statements, by Sid, with the statements option.' % (verb, ca_shared_with_ram, RAM_SID)]


class TestAwsSemantics:
    """The rules of IAM and ACM PCA, through the module."""

    def test_effect_in_lower_case_fails_before_any_aws_call_naming_the_right_spelling(self, run, ca, aws_calls):
        document = account_policy(ca)
        document['Statement'][0]['Effect'] = 'allow'
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.failed
        assert 'Effect is case-sensitive: write "Allow"' in outcome.result['msg']
        assert aws_calls.operations == []

    def test_effect_in_another_case_is_a_change_not_the_same_policy(self, run, ca_with_policy, aws_calls, stored_policy):
        document = account_policy(ca_with_policy)
        document['Statement'][0]['Effect'] = 'allow'
        outcome = run(resource_arn=ca_with_policy, policy=document, validate_policy=False)
        assert outcome.result['changed'] is True
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']
        assert stored_policy(ca_with_policy)['Statement'][0]['Effect'] == 'allow'

    @pytest.mark.parametrize('principal', [{}, {'AWS': []}, {'AWS': '1111222233'}, {'AWS': 'arn:aws:s3:::bucket'}])
    def test_a_principal_that_names_nobody_fails_before_any_aws_call(self, run, ca, aws_calls, principal):
        document = account_policy(ca)
        document['Statement'][0]['Principal'] = principal
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.failed and len(outcome.result['violations']) == 1
        assert 'Principal' in outcome.result['violations'][0]
        assert aws_calls.operations == []

    def test_yaml_booleans_and_numbers_and_key_case_in_conditions_change_nothing(self, run, pca, ca, aws_calls):
        stored = account_policy(ca)
        stored['Statement'].append({'Sid': 'TlsOnly', 'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID},
                                    'Action': 'acm-pca:GetCertificate', 'Resource': ca,
                                    'Condition': {'Bool': {'aws:SecureTransport': 'false'},
                                                  'NumericLessThan': {'acm-pca:ValidityDays': '30'}}})
        pca.put_policy(ResourceArn=ca, Policy=json.dumps(stored))
        requested = json.loads(json.dumps(stored))
        requested['Statement'][2]['Condition'] = {'Bool': {'AWS:SECURETRANSPORT': False}, 'NumericLessThan': {'acm-pca:validitydays': 30}}
        requested['Statement'][1]['Condition'] = {'StringEquals': {'ACM-PCA:TemplateArn': template_arn()}}
        outcome = run(resource_arn=ca, policy=requested)
        assert outcome.rc == 0, outcome.result
        assert outcome.result['changed'] is False
        assert aws_calls.operations == ['GetPolicy']

    def test_a_policy_without_version_is_a_2008_10_17_policy(self, run, pca, ca, aws_calls):
        stored = dict(account_policy(ca), Version='2008-10-17')
        pca.put_policy(ResourceArn=ca, Policy=json.dumps(stored))
        without_version = account_policy(ca)
        del without_version['Version']
        assert run(resource_arn=ca, policy=without_version).result['changed'] is False
        assert run(resource_arn=ca, policy=account_policy(ca)).result['changed'] is True

    def test_the_cas_partition_decides_what_an_account_id_is(self, run, pca, ca, aws_calls):
        # Resource "*" names no partition: only the module knows the CA is in partition aws.
        stored = account_policy(ca, account_id=OTHER_ACCOUNT_ID)
        for statement in stored['Statement']:
            statement['Resource'] = '*'
        pca.put_policy(ResourceArn=ca, Policy=json.dumps(stored))
        requested = json.loads(json.dumps(stored))
        for statement in requested['Statement']:
            statement['Principal'] = {'AWS': f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root'}
        assert run(resource_arn=ca, policy=requested, validate_policy=False).result['changed'] is True
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']
        for statement in requested['Statement']:
            statement['Principal'] = {'AWS': f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root'}
        pca.put_policy(ResourceArn=ca, Policy=json.dumps(stored))
        assert run(resource_arn=ca, policy=requested, validate_policy=False).result['changed'] is False

    def test_a_grant_to_organizational_units_is_accepted(self, run, ca, stored_policy):
        document = organization_policy(ca)
        for statement in document['Statement']:
            del statement['Condition']['StringEquals']['aws:PrincipalOrgID']
            statement['Condition']['ForAnyValue:StringLike'] = {'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*']}
        document['Statement'][0]['Action'].append('acm-pca:RevokeCertificate')
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.rc == 0, outcome.result
        assert stored_policy(ca) == document

    def test_a_grant_to_an_organizational_unit_with_revoke_for_a_partner_role_is_written(self, run, ca, stored_policy, aws_calls):
        document = organization_policy(ca, template='EndEntityServerAuthCertificate/V1')
        for statement in document['Statement']:
            del statement['Condition']['StringEquals']['aws:PrincipalOrgID']
            statement['Condition']['ForAnyValue:StringLike'] = {'aws:principalorgpaths': [OU_PATH]}
        document['Statement'].append({'Sid': 'RevokeForPartner', 'Effect': 'Allow',
                                      'Principal': {'AWS': f'arn:aws:iam::{PARTNER_ACCOUNT_ID}:role/pki-revoker'},
                                      'Action': 'acm-pca:RevokeCertificate', 'Resource': ca})
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.result['changed'] is True, outcome.result
        assert stored_policy(ca) == document
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']


OU_PATH = 'o-q1w2e3r4t5/r-zz99/ou-zz99-abcdefgh/*'


def _statement_changed(index, change):
    def build(arn):
        policy = account_policy(arn)
        policy['Statement'][index].update(change)
        return policy
    return build


def _extra_action(arn):
    policy = account_policy(arn)
    policy['Statement'][0]['Action'].append('acm-pca:DeleteCertificateAuthority')
    return policy


def _foreign_resource(arn):
    return _statement_changed(0, {'Resource': MISSING_CA_ARN})(arn)


def _no_template(arn):
    policy = account_policy(arn)
    del policy['Statement'][1]['Condition']
    return policy


def _open_wildcard(arn):
    policy = organization_policy(arn)
    del policy['Statement'][0]['Condition']
    return policy


def _all_values_ou_paths(arn):
    policy = organization_policy(arn, template='EndEntityServerAuthCertificate/V1')
    policy['Statement'] = policy['Statement'][:1]
    policy['Statement'][0]['Condition'] = {'ForAllValues:StringLike': {'aws:PrincipalOrgPaths': [OU_PATH]}}
    return policy


# (rule, policy breaking only that rule, words of its one violation)
RULES = [
    ('allowed actions only', _extra_action, "Action 'acm-pca:DeleteCertificateAuthority' is not allowed"),
    ('Resource is this CA', _foreign_resource, f"Resource {MISSING_CA_ARN!r} is not this CA's ARN"),
    ('IssueCertificate needs a TemplateArn condition', _no_template,
     'grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn'),
    ('only allowed templates', lambda arn: account_policy(arn, template='SubordinateCACertificate_PathLen1/V1'),
     "SubordinateCACertificate_PathLen1/V1' is not a template a shared CA may issue with"),
    ('a wildcard principal needs aws:PrincipalOrgID', _open_wildcard, 'without a StringEquals aws:PrincipalOrgID condition'),
    ('Effect in lower case', _statement_changed(0, {'Effect': 'allow'}), 'Effect is case-sensitive: write "Allow"'),
    ('empty principal', _statement_changed(0, {'Principal': {}}), 'Principal is empty'),
    ('empty AWS principal list', _statement_changed(1, {'Principal': {'AWS': []}}), 'Principal AWS is an empty list'),
    ('eleven-digit account', _statement_changed(0, {'Principal': {'AWS': '21098765432'}}), 'is not an account ID: account IDs are 12 digits'),
    ('an S3 bucket as principal', _statement_changed(0, {'Principal': {'AWS': 'arn:aws:s3:::pki-bucket'}}), 'names no principal'),
    ('a principal of another partition', _statement_changed(1, {'Principal': {'AWS': f'arn:aws-us-gov:iam::{OTHER_ACCOUNT_ID}:root'}}),
     "is in partition 'aws-us-gov' but the CA is in 'aws'"),
    ('ForAllValues OU paths do not narrow a star principal', _all_values_ou_paths, 'allows any AWS account (a "*" principal)'),
    ('Allow statements only', _statement_changed(1, {'Effect': 'Deny'}),
     "has Effect 'Deny': ACM PCA resource policies support only Allow statements; put Deny guardrails in identity-based policies"),
]


class TestRulesThroughTheModule:

    @pytest.mark.parametrize('build, words', [rule[1:] for rule in RULES], ids=[rule[0] for rule in RULES])
    def test_a_policy_breaking_one_rule_fails_naming_it_before_any_call(self, run, ca_with_policy, pca, aws_calls, build, words):
        text_before = pca.get_policy(ResourceArn=ca_with_policy)['Policy']
        del aws_calls.operations[:]
        outcome = run(resource_arn=ca_with_policy, policy=build(ca_with_policy))
        assert outcome.failed
        assert len(outcome.result['violations']) == 1 and words in outcome.result['violations'][0], outcome.result['violations']
        assert words in outcome.result['msg']
        assert aws_calls.operations == []
        assert pca.get_policy(ResourceArn=ca_with_policy)['Policy'] == text_before


class TestOnePassAndWarnings:

    def test_every_broken_rule_and_sid_problem_of_the_statements_is_refused_in_one_error_before_any_call(self, run, ca, aws_calls):
        public = dict(partner_statements(ca)[0], Sid='Public', Effect='allow', Principal='*')
        del public['Resource']
        guardrail = dict(partner_statements(ca)[0], Sid='Guardrail', Effect='Deny')
        outcome = run(resource_arn=ca, statements=[public, guardrail, {'Sid': 'PkiAcmpcaOrgSharingIssue', 'Effect': 'Allow'}])
        assert outcome.failed
        violations = outcome.result['violations']
        assert [violation.split(' ', 2)[1] for violation in violations[1:]] == ["'Public'"] * 3 + ["'Guardrail'"] + ["'PkiAcmpcaOrgSharingIssue'"] * 3
        assert violations[0].startswith("statements[2]: the Sid 'PkiAcmpcaOrgSharingIssue' starts with 'PkiAcmpcaOrgSharing'")
        assert violations[1:5] == [
            "statement 'Public' (Statement[0]) has Effect 'allow'; Effect is case-sensitive: write \"Allow\"",
            f"statement 'Public' (Statement[0]) has no Resource; it must be this CA's ARN {ca}",
            "statement 'Public' (Statement[0]) allows any AWS account (a \"*\" principal) without a StringEquals aws:PrincipalOrgID "
            "condition or a ForAnyValue:StringLike / ForAnyValue:StringEquals condition on aws:PrincipalOrgPaths; name your "
            "organization or its OUs, or name account IDs as principals",
            "statement 'Guardrail' (Statement[1]) has Effect 'Deny': ACM PCA resource policies support only Allow statements; put "
            "Deny guardrails in identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC "
            "endpoint policies",
        ]
        assert outcome.result['msg'] == f"statements has {len(violations)} problems: {'; '.join(violations)}"
        assert aws_calls.operations == [] and aws_calls.clients == 0

    def test_x509_condition_keys_beside_other_actions_warn_and_the_policy_is_written(self, run, ca, stored_policy):
        document = account_policy(ca)
        issue = document['Statement'][1]
        issue['Action'] = [issue['Action'], 'acm-pca:GetCertificate']
        issue['Condition']['StringEquals']['acm-pca:X509Ext/ExtendedKeyUsage'] = '1.3.6.1.5.5.7.3.1'
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.result['changed'] is True
        assert outcome.warnings == [
            "statement 'IssueForAccount' (Statement[1]): Condition StringEquals 'acm-pca:X509Ext/ExtendedKeyUsage' is an X.509 "
            "certificate condition key, present only in acm-pca:IssueCertificate requests: for acm-pca:GetCertificate the test "
            "never matches, so the statement never grants them; give acm-pca:IssueCertificate a statement of its own"]
        assert stored_policy(ca) == document

    def test_x509_condition_keys_in_statements_warn_too_and_not_without_validation(self, run, ca):
        statement = partner_statements(ca)[1]
        statement['Action'] = [statement['Action'], 'acm-pca:ListTags']
        statement['Condition']['StringEquals']['acm-pca:x509Subject/CommonName'] = 'web.example.com'
        checked = run(resource_arn=ca, statements=[statement], check_mode=True)
        unchecked = run(resource_arn=ca, statements=[statement], check_mode=True, validate_policy=False)
        assert len(checked.warnings) == 1 and "statement 'PartnerIssue' (Statement[0]): Condition StringEquals" in checked.warnings[0]
        assert unchecked.warnings == []


class TestStatementChanges:
    """statement_changes in the result and the summary diff mode shows first."""

    def test_it_is_always_in_the_result_with_empty_lists_when_nothing_changes(self, run, ca_with_policy, ca):
        for outcome in (run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy)),
                        run(resource_arn=ca, state='absent')):
            assert outcome.result['changed'] is False
            assert outcome.result['statement_changes'] == {'added': [], 'removed': [], 'changed': []}

    def test_check_mode_gives_the_summary_of_the_real_run_with_no_write(self, run, ca_shared_with_ram, aws_calls, stored_policy):
        arn = ca_shared_with_ram
        before = stored_policy(arn)
        desired = account_policy(arn)
        desired['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn('EndEntityServerAuthCertificate/V1')
        desired['Statement'].append(dict(partner_statements(arn)[0], Sid='PkiAcmpcaOrgSharingRead'))
        check = run(resource_arn=arn, policy=desired, check_mode=True, diff=True)
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority'] and stored_policy(arn) == before
        apply = run(resource_arn=arn, policy=desired, diff=True)
        expected = {'added': ['PkiAcmpcaOrgSharingRead'], 'removed': [RAM_SID], 'changed': [{'sid': 'IssueForAccount', 'elements': ['Condition']}]}
        assert check.result['statement_changes'] == apply.result['statement_changes'] == expected
        assert check.result['diff'] == apply.result['diff']
        assert check.result['diff'][0]['prepared'] == (
            'statement changes on %s:\n'
            '  statement IssueForAccount changed: Condition\n'
            '  statement PkiAcmpcaOrgSharingRead added (org_sharing role statement)\n'
            '  statement %s removed (AWS RAM statement)\n'
            'access changes:\n'
            '  account %s gains acm-pca:IssueCertificate (templates: EndEntityServerAuthCertificate/V1)\n'
            '  account %s gains %s\n'
            '  account %s loses acm-pca:IssueCertificate (templates: EndEntityCertificate/V1)\n'
            '  account %s loses acm-pca:IssueCertificate, acm-pca:RevokeCertificate (templates: *)\n'
            % (arn, RAM_SID, OTHER_ACCOUNT_ID, PARTNER_ACCOUNT_ID, ', '.join(sorted(READ_ACTIONS)), OTHER_ACCOUNT_ID, '444455556666'))
        assert check.result['access_changes'] == apply.result['access_changes']

    def test_statements_without_a_sid_are_named_by_their_index(self, run, pca, ca):
        stored = account_policy(ca)
        for statement in stored['Statement']:
            del statement['Sid']
        pca.put_policy(ResourceArn=ca, Policy=json.dumps(stored))
        desired = json.loads(json.dumps(stored))
        desired['Statement'].reverse()
        desired['Statement'][1]['Principal'] = {'AWS': PARTNER_ACCOUNT_ID}
        outcome = run(resource_arn=ca, policy=desired, diff=True)
        # The issue statement moved from #1 to #0 and means the same; the read statement changed.
        assert outcome.result['statement_changes'] == {'added': ['#1'], 'removed': ['#0'], 'changed': []}

    def test_a_change_outside_the_statements_says_so(self, run, pca, ca_with_policy):
        outcome = run(resource_arn=ca_with_policy, policy=dict(account_policy(ca_with_policy), Id='sharing'), diff=True)
        assert outcome.result['changed'] is True
        assert outcome.result['statement_changes'] == {'added': [], 'removed': [], 'changed': []}
        assert outcome.result['diff'][0]['prepared'] == (
            f"statement changes on {ca_with_policy}:\n  no statement changes (the policy's Version or Id changes)\naccess changes:\n  none\n")

    def test_a_stored_policy_that_is_not_json_is_said_to_be_replaced_whole(self, run, pca, ca):
        pca.put_policy(ResourceArn=ca, Policy='not json')
        outcome = run(resource_arn=ca, policy=account_policy(ca), diff=True, check_mode=True)
        assert outcome.result['statement_changes'] == {'added': ['ReadForAccount', 'IssueForAccount'], 'removed': [], 'changed': []}
        assert outcome.result['diff'][0]['prepared'].splitlines()[1:] == [
            '  the stored policy is not a JSON object: it is replaced whole',
            '  statement ReadForAccount added', '  statement IssueForAccount added',
            'access changes:', '  unknown: the policy is not a JSON object']


class TestFailures:

    @pytest.mark.parametrize('state', ['present', 'absent'])
    def test_a_missing_ca_fails_naming_it(self, run, aws, aws_calls, state):
        outcome = run(resource_arn=MISSING_CA_ARN, state=state, policy=account_policy(MISSING_CA_ARN))
        assert outcome.failed
        assert outcome.result['msg'].startswith(f'Certificate authority {MISSING_CA_ARN} was not found in region us-east-1')
        assert 'Traceback' not in outcome.result['msg']
        # absent: nothing to write, so Describe tells; present: PutPolicy's own answer tells,
        # nothing is asked between the read and the write.
        assert aws_calls.operations == (['GetPolicy', 'DescribeCertificateAuthority'] if state == 'absent' else ['GetPolicy', 'PutPolicy'])
        assert outcome.result['error']['code'] == 'ResourceNotFoundException'
        assert outcome.result['response_metadata']['request_id']
        assert outcome.result['boto3_version'] == boto3.__version__
        assert outcome.result['botocore_version'] == botocore.__version__

    def test_a_ca_that_is_not_active_fails_naming_its_status(self, run, make_ca, stored_policy, aws_calls):
        arn = make_ca(active=False)
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, policy=account_policy(arn))
        assert outcome.failed
        assert outcome.result['msg'].startswith(f'PutPolicy refused for {arn}: the certificate authority is PENDING_CERTIFICATE (AWS: ')
        assert stored_policy(arn) is None
        # PutPolicy is refused; Describe after it names the status.
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy', 'DescribeCertificateAuthority']
        assert outcome.result['error']['code'] == 'InvalidStateException'
        assert outcome.result['response_metadata']['http_status_code'] == 400

    @pytest.mark.parametrize('arn', [
        'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
        'arn:aws:acm-pca:us-east-1:1234:certificate-authority/0a1b2c3d',
        'my-ca',
    ])
    def test_a_bad_arn_fails_naming_the_option_before_any_aws_call(self, run, aws, aws_calls, arn):
        outcome = run(resource_arn=arn, policy={'Version': '2012-10-17', 'Statement': []})
        assert outcome.failed
        assert outcome.result['msg'].startswith('resource_arn ')
        assert outcome.result['resource_arn'] == arn
        assert aws_calls.operations == [] and aws_calls.clients == 0

    def test_a_policy_breaking_the_rules_fails_listing_every_violation_before_any_aws_call(self, run, ca, aws_calls):
        document = account_policy(ca)
        document['Statement'][0]['Action'].append('acm-pca:DeleteCertificateAuthority')
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn('RootCACertificate/V1')
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.failed
        assert len(outcome.result['violations']) == 2
        assert "Action 'acm-pca:DeleteCertificateAuthority' is not allowed" in outcome.result['violations'][0]
        assert 'RootCACertificate/V1' in outcome.result['violations'][1]
        assert outcome.result['msg'].startswith('policy breaks 2 ACM PCA policy rules: ')
        assert outcome.result['resource_arn'] == ca
        assert sorted(outcome.result) == ['failed', 'invocation', 'msg', 'resource_arn', 'violations']
        assert aws_calls.operations == [] and aws_calls.clients == 0

    @pytest.mark.parametrize('policy, message', [
        ('{"Version": ', 'policy is not valid JSON'),
        ('[{"Version": "2012-10-17"}]', 'policy must be a JSON object'),
        ('{"Version": "2012-10-17", "Id": "\u2019"}', 'U+2019'),
        ('{"Id": "a", "Id": "b"}', "the key 'Id' appears twice"),
    ])
    def test_a_policy_that_cannot_be_sent_fails_before_any_aws_call(self, run, ca, aws_calls, policy, message):
        outcome = run(resource_arn=ca, policy=policy, validate_policy=False)
        assert outcome.failed
        assert message in outcome.result['msg']
        assert outcome.result['violations'] == [outcome.result['msg']]
        assert aws_calls.operations == []

    def test_present_without_a_policy_or_statements_fails_naming_both(self, run, ca, aws_calls):
        outcome = run(resource_arn=ca)
        assert outcome.failed
        assert 'state is present but any of the following are missing: policy, statements' in outcome.result['msg']
        assert aws_calls.operations == []

    @pytest.mark.parametrize('credential', ['access_key', 'aws_secret_access_key', 'session_token'])
    def test_a_profile_with_explicit_keys_fails_as_mutually_exclusive(self, run, ca, aws_calls, credential):
        outcome = run(resource_arn=ca, policy=account_policy(ca), profile='pki', **{credential: 'not-a-real-credential'})
        assert outcome.failed
        assert outcome.result['msg'].startswith('parameters are mutually exclusive: profile|')
        assert aws_calls.operations == []

    def test_a_region_option_other_than_the_arns_fails_before_any_aws_call(self, run, ca, aws_calls):
        outcome = run(resource_arn=ca, policy=account_policy(ca), region='eu-west-1')
        assert outcome.failed
        assert 'resource_arn is in region us-east-1 but the region option (set on the task or through module_defaults) says eu-west-1' in outcome.result['msg']
        assert aws_calls.operations == []

    def test_no_credentials_fail_with_their_own_message(self, run, isolated_aws_env):
        outcome = run(resource_arn=MISSING_CA_ARN, state='absent')
        assert outcome.failed
        assert outcome.result['msg'].startswith('No AWS credentials found for GetPolicy')
        # AWS never answered: no AWS error code is made up.
        assert 'error' not in outcome.result and outcome.result['reason'] == 'NoCredentialsError'

    def test_an_unreachable_endpoint_fails_naming_it(self, run, dummy_credentials):
        outcome = run(resource_arn=MISSING_CA_ARN, state='absent', endpoint_url='http://127.0.0.1:9',
                      aws_config={'retries': {'total_max_attempts': 1}})
        assert outcome.failed
        assert outcome.result['msg'].startswith('Could not reach the AWS endpoint http://127.0.0.1:9')
        assert 'GetPolicy' in outcome.result['msg']

    def test_the_secret_key_never_appears_in_the_result(self, run, ca):
        outcome = run(resource_arn=ca, policy=account_policy(ca), access_key='AKIAIOSFODNN7EXAMPLE', secret_key='sEcReT-kEy-VaLuE/42')
        assert outcome.result['changed'] is True
        assert 'sEcReT-kEy-VaLuE/42' not in json.dumps(outcome.result)


class TestOptions:

    def test_the_task_result_shows_every_option_with_its_documented_default(self, run, ca):
        outcome = run(resource_arn=ca, state='absent')
        module_args = outcome.result['invocation']['module_args']
        assert {name: module_args[name] for name in ('resource_arn', 'policy', 'statements', 'state', 'validate_policy')} == {
            'resource_arn': ca, 'policy': None, 'statements': None, 'state': 'absent', 'validate_policy': True}

    def test_state_defaults_to_present(self, run, ca, stored_policy):
        outcome = run(resource_arn=ca, policy=account_policy(ca))
        assert outcome.result['changed'] is True
        assert outcome.result['invocation']['module_args']['state'] == 'present'
        assert stored_policy(ca) == account_policy(ca)

    def test_a_statement_that_is_not_a_mapping_fails_naming_the_option_before_any_aws_call(self, run, ca, aws_calls):
        outcome = run(resource_arn=ca, statements=['PartnerRead'])
        assert outcome.failed
        # ansible-core's wording; 2.17 names the type as <class 'str'>.
        assert re.match(r"Elements value for option 'statements' is of type (str|<class 'str'>) and we were unable to convert "
                        r"to dict: dictionary requested, could not parse JSON or key=value\Z", outcome.result['msg'])
        assert aws_calls.operations == [] and aws_calls.clients == 0

    def test_without_boto3_the_module_fails_naming_it_before_any_aws_call(self, run, ca, aws_calls, monkeypatch):
        monkeypatch.setattr(connection, 'BOTO3_IMPORT_ERROR', 'ModuleNotFoundError: No module named boto3')
        outcome = run(resource_arn=ca, policy=account_policy(ca))
        assert outcome.failed
        assert outcome.result['msg'] == missing_required_lib('boto3 and botocore')
        assert aws_calls.operations == [] and aws_calls.clients == 0


class TestPolicyTextWritten:

    def test_the_text_sent_to_put_policy_is_compact_json_in_the_order_given_with_latin1_kept(self, run, ca, pca, on_new_clients):
        sent = []
        on_new_clients('before-call.acm-pca.PutPolicy', lambda params, **kwargs: sent.append(request_parameter(params, 'Policy')))
        document = {'Version': '2012-10-17', 'Statement': [{
            'Sid': 'Acc\u00e8sLecture', 'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID},
            'Action': ['acm-pca:GetCertificate', 'acm-pca:DescribeCertificateAuthority'], 'Resource': ca}]}
        outcome = run(resource_arn=ca, policy=document)
        assert outcome.result['changed'] is True
        expected = ('{"Version":"2012-10-17","Statement":[{"Sid":"Acc\u00e8sLecture","Effect":"Allow","Principal":{"AWS":"%s"},'
                    '"Action":["acm-pca:GetCertificate","acm-pca:DescribeCertificateAuthority"],"Resource":"%s"}]}' % (OTHER_ACCOUNT_ID, ca))
        assert sent == [expected]
        assert pca.get_policy(ResourceArn=ca)['Policy'] == expected
