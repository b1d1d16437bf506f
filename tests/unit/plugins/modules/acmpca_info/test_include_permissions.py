# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_info include_permissions, and permissions in include_access, run in-process
against moto's mock_aws (with the tests' permission emulator)."""


import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_info

from ....helpers import ACCOUNT_ID, OTHER_ACCOUNT_ID, canned_error, request_parameter

ACM = 'acm.amazonaws.com'
ALL_ACTIONS = ['IssueCertificate', 'GetCertificate', 'ListPermissions']
OUTSIDER = '444455556666'


@pytest.fixture
def run(run_module, isolated_aws_env, monkeypatch):
    monkeypatch.setenv('AWS_DEFAULT_REGION', 'us-east-1')

    def run_info_module(**args):
        return run_module(acmpca_info.main, args)
    return run_info_module


@pytest.fixture
def deny_list_permissions(on_new_clients):
    denied = set()

    def answer(params, **kwargs):
        if request_parameter(params, 'CertificateAuthorityArn') in denied:
            return canned_error('AccessDeniedException', 'User is not authorized to perform: acm-pca:ListPermissions')
        return None

    on_new_clients('before-call.acm-pca.ListPermissions', answer)
    return denied


def grant(pca, arn, actions=None, **kwargs):
    pca.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=actions or ALL_ACTIONS, **kwargs)


def by_arn(outcome):
    return {ca['arn']: ca for ca in outcome.result['certificate_authorities']}


class TestIncludePermissions:

    def test_each_ca_gets_its_permissions_in_snake_case_and_none_is_an_empty_list(self, run, pca, make_ca, aws_calls):
        granted, bare = make_ca(), make_ca()
        grant(pca, granted)
        del aws_calls.operations[:]

        outcome = run(include_permissions=True)

        cas = by_arn(outcome)
        [permission] = cas[granted]['permissions']
        assert (permission['certificate_authority_arn'], permission['principal'], permission['source_account'],
                permission['actions']) == (granted, ACM, ACCOUNT_ID, ALL_ACTIONS)
        assert permission['created_at'].endswith('+00:00')
        assert permission['policy']['Statement'][0]['Condition'] == {'StringEquals': {'aws:SourceAccount': ACCOUNT_ID}}
        assert cas[bare]['permissions'] == []
        assert 'policy' not in cas[bare] and 'access' not in cas[bare]
        assert sorted(aws_calls.operations) == ['ListCertificateAuthorities', 'ListPermissions', 'ListPermissions']

    def test_without_the_option_no_permission_is_read(self, run, make_ca, aws_calls):
        make_ca()
        outcome = run(include_policy=True)
        assert 'permissions' not in outcome.result['certificate_authorities'][0]
        assert 'ListPermissions' not in aws_calls.operations

    def test_permissions_that_cannot_be_read_are_null_with_the_error(self, run, make_ca, deny_list_permissions):
        denied, readable = make_ca(), make_ca()
        deny_list_permissions.add(denied)
        outcome = run(include_permissions=True)
        cas = by_arn(outcome)
        assert outcome.rc == 0
        assert cas[denied]['permissions'] is None
        assert cas[denied]['permissions_error']['code'] == 'AccessDeniedException'
        assert cas[denied]['permissions_error']['msg'].startswith(f'ListPermissions failed for {denied}: AccessDeniedException')
        assert cas[readable]['permissions'] == [] and 'permissions_error' not in cas[readable]

    def test_a_deleted_ca_has_a_permissions_error(self, run, pca, make_ca):
        arn = make_ca()
        pca.delete_certificate_authority(CertificateAuthorityArn=arn)
        ca = run(include_permissions=True).result['certificate_authorities'][0]
        assert ca['permissions'] is None and ca['permissions_error']['code'] == 'InvalidStateException'

    def test_an_error_that_is_not_about_one_ca_fails_the_task(self, run, make_ca, on_new_clients):
        make_ca()
        on_new_clients('before-call.acm-pca.ListPermissions', lambda **kwargs: canned_error('ValidationException', 'bad'))
        outcome = run(include_permissions=True)
        assert outcome.failed and outcome.result['error']['code'] == 'ValidationException'


class TestPermissionsInAccess:

    def test_each_permission_is_a_finding_judged_by_its_source_account(self, run, pca, make_ca):
        arn = make_ca()
        grant(pca, arn)
        grant(pca, arn, ['GetCertificate'], SourceAccount=OUTSIDER)

        outcome = run(include_access=True, trusted_accounts=[OTHER_ACCOUNT_ID])

        ca = outcome.result['certificate_authorities'][0]
        assert len(ca['permissions']) == 2
        findings = {finding['source_account']: finding for finding in ca['access']}
        assert findings[ACCOUNT_ID] == {
            'sid': None, 'principal_type': 'service', 'principal': ACM,
            'actions': ['acm-pca:IssueCertificate', 'acm-pca:GetCertificate', 'acm-pca:ListPermissions'],
            'can_issue': True, 'templates': ['*'], 'shared_via': 'PERMISSION', 'source_account': ACCOUNT_ID,
            'conditions': {}, 'is_public': False, 'external': False, 'source_organization': None, 'external_reason': None}
        assert (findings[OUTSIDER]['can_issue'], findings[OUTSIDER]['templates'], findings[OUTSIDER]['external']) == (False, [], True)
        assert outcome.result['external_access'] == [dict(findings[OUTSIDER], certificate_authority_arn=arn)]

    def test_permissions_that_cannot_be_read_leave_access_unknown(self, run, make_ca, deny_list_permissions):
        arn = make_ca()
        deny_list_permissions.add(arn)
        ca = run(include_access=True).result['certificate_authorities'][0]
        assert ca['access'] is None and ca['permissions_error']['code'] == 'AccessDeniedException'
