# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""acmpca_policy's org_sharing option: the role's statements put in place (or taken off)
in the policy read in the same run, one write, every other statement kept."""


import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import OrgSharingSettings, org_sharing_statements

from ....helpers import MISSING_CA_ARN, ORGANIZATION_ID, account_policy

OU_PATH = f"{ORGANIZATION_ID}/r-ab12/ou-ab12-11111111"
RAM_STATEMENT_SID = '7f3e9a1c-external-principals'


def role_statements(arn, **options):
    settings = dict(templates=['EndEntityCertificate/V1'], allow_issue=True, organizational_unit_paths=None, allow_revoke=False)
    settings.update(options)
    return org_sharing_statements(parse_certificate_authority_arn(arn), OrgSharingSettings(ORGANIZATION_ID, **settings))


def ram_statement(arn):
    return {'Sid': RAM_STATEMENT_SID, 'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::444455556666:root'},
            'Action': ['acm-pca:RevokeCertificate', 'acm-pca:GetCertificate'], 'Resource': arn}


@pytest.fixture
def shared_ca(make_ca, pca):
    """An ACTIVE CA holding a partner's statements, a RAM statement and the role's statements."""
    arn = make_ca()
    policy = account_policy(arn)
    policy['Statement'] += [ram_statement(arn)] + role_statements(arn)
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(policy))
    return arn


def sids(policy):
    return [statement['Sid'] for statement in (policy or {}).get('Statement', [])]


class TestPresent:

    def test_a_ca_without_policy_gets_the_roles_statements_with_one_read_and_one_write(self, run, make_ca, stored_policy, aws_calls):
        arn = make_ca()
        outcome = run(resource_arn=arn, org_sharing={'organization_id': ORGANIZATION_ID})
        assert outcome.result['changed'] is True
        assert stored_policy(arn) == {'Version': '2012-10-17', 'Statement': role_statements(arn)}
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_a_converged_ca_costs_one_read(self, run, shared_ca, aws_calls):
        outcome = run(resource_arn=shared_ca, org_sharing={'organization_id': ORGANIZATION_ID})
        assert outcome.result['changed'] is False
        assert aws_calls.operations == ['GetPolicy']

    def test_read_only_removes_the_issue_statement_in_the_same_write_keeping_the_others(self, run, shared_ca, stored_policy, aws_calls):
        outcome = run(resource_arn=shared_ca, org_sharing={'organization_id': ORGANIZATION_ID, 'allow_issue': 'false'})
        assert outcome.result['changed'] is True
        assert sids(stored_policy(shared_ca)) == ['ReadForAccount', 'IssueForAccount', RAM_STATEMENT_SID, 'PkiAcmpcaOrgSharingRead']
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_organizational_units_replace_the_whole_organization_in_one_write(self, run, shared_ca, stored_policy, aws_calls):
        run(resource_arn=shared_ca, org_sharing={'organization_id': ORGANIZATION_ID, 'organizational_unit_paths': [OU_PATH]})
        policy = stored_policy(shared_ca)
        assert policy['Statement'][3:] == role_statements(shared_ca, organizational_unit_paths=[OU_PATH])
        assert policy['Statement'][:3] == account_policy(shared_ca)['Statement'] + [ram_statement(shared_ca)]
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_allow_revoke_adds_a_revoke_statement_for_the_same_principals(self, run, shared_ca, stored_policy):
        run(resource_arn=shared_ca, org_sharing={'organization_id': ORGANIZATION_ID, 'allow_revoke': True})
        revoke = stored_policy(shared_ca)['Statement'][-1]
        assert revoke == {'Sid': 'PkiAcmpcaOrgSharingRevoke', 'Effect': 'Allow', 'Principal': '*',
                          'Action': 'acm-pca:RevokeCertificate', 'Resource': shared_ca,
                          'Condition': {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}}

    def test_any_other_statement_with_the_roles_prefix_is_removed(self, run, make_ca, pca, stored_policy):
        arn = make_ca()
        stale = dict(role_statements(arn)[0], Sid='PkiAcmpcaOrgSharingOldName')
        pca.put_policy(ResourceArn=arn, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [stale]}))
        run(resource_arn=arn, org_sharing={'organization_id': ORGANIZATION_ID})
        assert sids(stored_policy(arn)) == ['PkiAcmpcaOrgSharingRead', 'PkiAcmpcaOrgSharingIssue']

    def test_check_mode_and_diff_show_the_merged_policy_and_write_nothing(self, run, shared_ca, stored_policy, aws_calls):
        before = stored_policy(shared_ca)
        outcome = run(resource_arn=shared_ca, check_mode=True, diff=True,
                      org_sharing={'organization_id': ORGANIZATION_ID, 'allow_issue': False})
        assert outcome.result['changed'] is True
        assert outcome.result['statement_changes'] == {'added': [], 'removed': ['PkiAcmpcaOrgSharingIssue'], 'changed': []}
        summary, documents = outcome.result['diff']
        assert 'statement PkiAcmpcaOrgSharingIssue removed (org_sharing role statement)' in summary['prepared']
        assert documents['before'] == before
        assert sids(documents['after']) == ['ReadForAccount', 'IssueForAccount', RAM_STATEMENT_SID, 'PkiAcmpcaOrgSharingRead']
        assert stored_policy(shared_ca) == before
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']

    def test_check_mode_on_a_ca_without_policy_asks_whether_it_exists(self, run, make_ca, aws_calls):
        arn = make_ca()
        del aws_calls.operations[:]
        assert run(resource_arn=arn, check_mode=True, org_sharing={'organization_id': ORGANIZATION_ID}).result['changed'] is True
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']

    def test_a_missing_ca_fails_from_the_put_policy_answer(self, run, aws, aws_calls):
        outcome = run(resource_arn=MISSING_CA_ARN, org_sharing={'organization_id': ORGANIZATION_ID})
        assert outcome.failed
        assert outcome.result['msg'].startswith(f'Certificate authority {MISSING_CA_ARN} was not found')
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_statements_already_on_the_ca_are_not_validated(self, run, shared_ca, stored_policy):
        # The RAM statement grants RevokeCertificate without a "*" principal narrowing rule to check: AWS accepted it.
        assert run(resource_arn=shared_ca, org_sharing={'organization_id': ORGANIZATION_ID, 'allow_revoke': True}).result['changed']
        assert ram_statement(shared_ca) in stored_policy(shared_ca)['Statement']


class TestAbsent:

    def test_removes_only_the_roles_statements(self, run, shared_ca, stored_policy, aws_calls):
        outcome = run(resource_arn=shared_ca, state='absent', org_sharing={'organization_id': ORGANIZATION_ID})
        assert outcome.result['changed'] is True
        assert sids(stored_policy(shared_ca)) == ['ReadForAccount', 'IssueForAccount', RAM_STATEMENT_SID]
        assert aws_calls.operations == ['GetPolicy', 'PutPolicy']

    def test_deletes_a_policy_left_empty(self, run, make_ca, pca, stored_policy, aws_calls):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps({'Version': '2012-10-17', 'Statement': role_statements(arn, allow_revoke=True)}))
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, state='absent', org_sharing={'organization_id': ORGANIZATION_ID})
        assert outcome.result['changed'] is True and outcome.result['policy'] is None
        assert stored_policy(arn) is None
        assert aws_calls.operations == ['GetPolicy', 'DeletePolicy']

    def test_a_ca_without_the_roles_statements_is_unchanged(self, run, make_ca, aws_calls):
        arn = make_ca()
        del aws_calls.operations[:]
        assert run(resource_arn=arn, state='absent', org_sharing={'organization_id': ORGANIZATION_ID}).result['changed'] is False
        assert aws_calls.operations == ['GetPolicy', 'DescribeCertificateAuthority']


class TestRefusedBeforeAnyAwsCall:

    @pytest.mark.parametrize('settings, messages', [
        ({'organization_id': 'o-BAD'}, ["org_sharing.organization_id 'o-BAD' is not an organization ID"]),
        ({'organization_id': ORGANIZATION_ID, 'templates': ['RootCACertificate/V1'], 'organizational_unit_paths': []},
         ["org_sharing.templates: 'RootCACertificate/V1' is not a template",
          'org_sharing.organizational_unit_paths is an empty list']),
        ({'organization_id': ORGANIZATION_ID, 'organizational_unit_paths': ['o-otherorg000/r-ab12/ou-ab12-11111111']},
         [f"is not in the organization {ORGANIZATION_ID} (org_sharing.organization_id)"]),
    ])
    def test_bad_settings_are_named_every_one(self, run, make_ca, aws_calls, settings, messages):
        arn = make_ca()
        del aws_calls.operations[:]
        outcome = run(resource_arn=arn, org_sharing=settings)
        assert outcome.failed
        for message in messages:
            assert message in outcome.result['msg']
        assert len(outcome.result['violations']) == len(messages)
        assert aws_calls.operations == []

    @pytest.mark.parametrize('args, message', [
        ({'org_sharing': {'organization_id': ORGANIZATION_ID}, 'statements': [{'Sid': 'A'}]},
         'parameters are mutually exclusive: policy|statements|org_sharing'),
        ({'org_sharing': {'allow_issue': True}}, 'missing required arguments: organization_id'),
        ({}, 'state is present but any of the following are missing: policy, statements, org_sharing'),
    ])
    def test_the_argument_spec_refuses(self, run, make_ca, args, message):
        outcome = run(resource_arn=make_ca(), **args)
        assert outcome.failed
        assert message in outcome.result['msg']
