# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_info include_access, run in-process against moto's mock_aws."""


import json

import boto3
import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_info

from ....helpers import ACCOUNT_ID, ORGANIZATION_ID, OTHER_ACCOUNT_ID, account_policy, canned_error, canned_response, organization_policy

OUTSIDER = '444455556666'


@pytest.fixture
def run(run_module, isolated_aws_env, monkeypatch):
    monkeypatch.setenv('AWS_DEFAULT_REGION', 'us-east-1')

    def run_info_module(check_mode=False, **args):
        return run_module(acmpca_info.main, args, check_mode=check_mode)
    return run_info_module


def outsider_policy(arn):
    return account_policy(arn, account_id=OUTSIDER)


@pytest.fixture
def organization(aws):
    """An organization whose management account is the caller's (moto's default account); its ID."""
    return boto3.client('organizations', region_name='us-east-1').create_organization(FeatureSet='ALL')['Organization']['Id']


class TestIncludeAccess:

    def test_each_ca_gets_its_findings_and_the_external_ones_are_listed_with_their_ca(self, run, pca, make_ca, on_new_clients):
        # The caller is the management account of the trusted organization.
        on_new_clients('before-call.organizations.DescribeOrganization', lambda **kwargs: (canned_response(200, b'{}'), {
            'Organization': {'Id': ORGANIZATION_ID, 'MasterAccountId': ACCOUNT_ID}}))
        on_new_clients('before-call.organizations.ListAccounts', lambda **kwargs: (canned_response(200, b'{}'), {
            'Accounts': [{'Id': ACCOUNT_ID}]}))
        partner, organization, outsider, unshared = make_ca(), make_ca(), make_ca(), make_ca()
        pca.put_policy(ResourceArn=partner, Policy=json.dumps(account_policy(partner)))
        pca.put_policy(ResourceArn=organization, Policy=json.dumps(organization_policy(organization)))
        pca.put_policy(ResourceArn=outsider, Policy=json.dumps(outsider_policy(outsider)))

        outcome = run(include_access=True, trusted_accounts=[OTHER_ACCOUNT_ID], trusted_organization_id=ORGANIZATION_ID)

        assert outcome.rc == 0, outcome.result
        cas = {ca['arn']: ca for ca in outcome.result['certificate_authorities']}
        assert [(item['principal_type'], item['principal'], item['external']) for item in cas[partner]['access']] == [
            ('account', OTHER_ACCOUNT_ID, False)] * 2
        assert [(item['principal_type'], item['external']) for item in cas[organization]['access']] == [('organization', False)] * 2
        assert cas[unshared]['access'] == []
        # The policy the findings come from is returned too.
        assert cas[outsider]['policy'] == outsider_policy(outsider)
        external = outcome.result['external_access']
        assert [(item['certificate_authority_arn'], item['sid'], item['principal'], item['can_issue']) for item in external] == [
            (outsider, 'ReadForAccount', OUTSIDER, False), (outsider, 'IssueForAccount', OUTSIDER, True)]
        assert outcome.result['unresolved_access'] == []

    def test_without_a_trust_zone_findings_are_not_judged_and_nothing_is_external(self, run, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(outsider_policy(arn)))
        outcome = run(include_access=True)
        assert outcome.result['external_access'] == []
        assert [item['external'] for item in outcome.result['certificate_authorities'][0]['access']] == [None, None]

    def test_the_analysis_costs_no_aws_call_beyond_the_policy_and_permission_reads(self, run, pca, make_ca, aws_calls):
        for arn in (make_ca(), make_ca()):
            pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        run(include_policy=True, include_permissions=True)
        with_policy = sorted(aws_calls.operations)
        del aws_calls.operations[:]
        run(include_access=True, trusted_organization_id=ORGANIZATION_ID)
        assert sorted(aws_calls.operations) == with_policy == [
            'GetPolicy', 'GetPolicy', 'ListCertificateAuthorities', 'ListPermissions', 'ListPermissions']

    def test_a_policy_that_could_not_be_read_gives_null_access_and_the_error(self, run, make_ca, deny_get_policy):
        denied = make_ca()
        deny_get_policy.add(denied)
        outcome = run(include_access=True, trusted_accounts=[OTHER_ACCOUNT_ID])
        assert outcome.rc == 0, outcome.result
        ca = outcome.result['certificate_authorities'][0]
        assert ca['access'] is None
        assert ca['policy_error']['code'] == 'AccessDeniedException'
        assert outcome.result['external_access'] == []

    def test_without_include_access_there_are_no_findings(self, run, make_ca):
        make_ca(active=False)
        outcome = run(include_policy=True)
        assert 'external_access' not in outcome.result
        assert 'access' not in outcome.result['certificate_authorities'][0]

    def test_one_ca_by_arn_owned_by_the_account_is_analysed(self, run, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(account_policy(arn, account_id=ACCOUNT_ID)))
        outcome = run(certificate_authority_arn=arn, include_access=True, trusted_accounts=[])
        assert [item['external'] for item in outcome.result['certificate_authorities'][0]['access']] == [False, False]


class TestTrustZoneIsCheckedBeforeAnyAwsCall:

    @pytest.mark.parametrize('args, message', [
        ({'trusted_accounts': ['12345678901']}, "trusted_accounts: '12345678901' is not an AWS account ID (12 digits, written as a string: "
                                                "quote it in YAML, or a leading zero is lost)"),
        # Ansible turns the number into a string first; the lost leading zero is still caught.
        ({'trusted_accounts': [12345678901]}, "trusted_accounts: '12345678901' is not an AWS account ID (12 digits, written as a string: "
                                              "quote it in YAML, or a leading zero is lost)"),
        ({'trusted_accounts': ['1111-2222-3333', OTHER_ACCOUNT_ID]}, "trusted_accounts: '1111-2222-3333' is not an AWS account ID (12 digits, "
                                                                     "written as a string: quote it in YAML, or a leading zero is lost)"),
        ({'trusted_organization_id': 'o-ABCDEFGHIJ'}, "trusted_organization_id 'o-ABCDEFGHIJ' is not an organization ID (o- followed by 10 to 32 "
                                                      "lowercase letters or digits)"),
        ({'trusted_organization_id': OTHER_ACCOUNT_ID}, "trusted_organization_id '111122223333' is not an organization ID (o- followed by 10 "
                                                        "to 32 lowercase letters or digits)"),
    ])
    def test_bad_ids_are_refused_with_a_specific_message(self, run, aws, aws_calls, args, message):
        outcome = run(include_access=True, **args)
        assert outcome.failed
        assert outcome.result['msg'] == message
        assert aws_calls.operations == []

    def test_a_trust_zone_without_include_access_is_refused(self, run, aws, aws_calls):
        outcome = run(include_policy=True, trusted_organization_id=ORGANIZATION_ID)
        assert outcome.failed
        assert outcome.result['msg'] == 'trusted_accounts and trusted_organization_id are used only with include_access=true'
        assert aws_calls.operations == []


class TestOrganizationAccounts:

    def _member(self):
        organizations = boto3.client('organizations', region_name='us-east-1')
        status = organizations.create_account(AccountName='member', Email='member@example.com')['CreateAccountStatus']
        return status['AccountId']

    def test_a_member_account_named_in_a_policy_is_inside_the_organizations_zone(self, run, pca, make_ca, organization, aws_calls):
        member = self._member()
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(account_policy(arn, account_id=member)))
        other = make_ca()
        pca.put_policy(ResourceArn=other, Policy=json.dumps(outsider_policy(other)))
        del aws_calls.operations[:]
        outcome = run(include_access=True, trusted_organization_id=organization)
        assert outcome.rc == 0, outcome.result
        cas = {ca['arn']: ca for ca in outcome.result['certificate_authorities']}
        assert [(item['principal'], item['external'], item['external_reason']) for item in cas[arn]['access']] == [(member, False, None)] * 2
        assert [item['external'] for item in cas[other]['access']] == [True, True]
        assert outcome.result['unresolved_access'] == [] and outcome.warnings == []
        # Read once for the whole run, however many findings name an account.
        assert sorted(aws_calls.operations) == ['DescribeOrganization', 'GetPolicy', 'GetPolicy', 'ListAccounts', 'ListCertificateAuthorities',
                                                'ListPermissions', 'ListPermissions']

    def test_organizations_is_not_asked_when_no_finding_turns_on_it(self, run, pca, make_ca, aws_calls):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        trusted = make_ca()
        pca.put_policy(ResourceArn=trusted, Policy=json.dumps(account_policy(trusted)))
        del aws_calls.operations[:]
        outcome = run(include_access=True, trusted_organization_id=ORGANIZATION_ID, trusted_accounts=[OTHER_ACCOUNT_ID])
        assert outcome.rc == 0, outcome.result
        assert 'DescribeOrganization' not in aws_calls.operations and 'ListAccounts' not in aws_calls.operations

    def test_when_the_accounts_cannot_be_read_findings_are_unresolved_with_a_warning(self, run, pca, make_ca, aws_calls):
        # No organization at all (AWSOrganizationsNotInUseException): membership is unknown, never guessed.
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(outsider_policy(arn)))
        del aws_calls.operations[:]
        outcome = run(include_access=True, trusted_organization_id=ORGANIZATION_ID)
        assert outcome.rc == 0, outcome.result
        access = outcome.result['certificate_authorities'][0]['access']
        assert [item['external'] for item in access] == [None, None]
        assert access[0]['external_reason'] == ('whether account %s is in organization %s is unknown: the account in use belongs to '
                                                'no organization (DescribeOrganization: AWSOrganizationsNotInUseException)'
                                                % (OUTSIDER, ORGANIZATION_ID))
        assert outcome.result['external_access'] == []
        assert [(item['certificate_authority_arn'], item['principal']) for item in outcome.result['unresolved_access']] == [
            (arn, OUTSIDER)] * 2
        assert len(outcome.warnings) == 1
        assert outcome.warnings[0].startswith('The accounts of organization %s could not be read from AWS Organizations: '
                                              'the account in use belongs to no organization' % ORGANIZATION_ID)
        assert aws_calls.operations.count('DescribeOrganization') == 1 and 'ListAccounts' not in aws_calls.operations

    def test_another_organization_than_the_callers_is_unresolved(self, run, pca, make_ca, organization):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(outsider_policy(arn)))
        outcome = run(include_access=True, trusted_organization_id=ORGANIZATION_ID)
        reason = outcome.result['unresolved_access'][0]['external_reason']
        assert f'the account in use belongs to organization {organization}, not {ORGANIZATION_ID}' in reason

    def test_a_listing_without_the_management_account_is_not_the_organizations(self, run, pca, make_ca, organization, on_new_clients):
        # A member account that is not a delegated administrator is not given the organization's list.
        on_new_clients('before-call.organizations.ListAccounts', lambda **kwargs: (canned_response(200, b'{}'), {'Accounts': []}))
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(outsider_policy(arn)))
        outcome = run(include_access=True, trusted_organization_id=organization)
        assert 'ListAccounts did not list the organization\'s management account' in outcome.result['unresolved_access'][0]['external_reason']

    def test_access_denied_from_organizations_is_unresolved(self, run, pca, make_ca, organization, on_new_clients):
        on_new_clients('before-call.organizations.ListAccounts',
                       lambda **kwargs: canned_error('AccessDeniedException', 'You don\'t have permissions to access this resource.'))
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(outsider_policy(arn)))
        outcome = run(include_access=True, trusted_organization_id=organization)
        assert outcome.rc == 0
        assert 'ListAccounts failed: AccessDeniedException' in outcome.result['unresolved_access'][0]['external_reason']
