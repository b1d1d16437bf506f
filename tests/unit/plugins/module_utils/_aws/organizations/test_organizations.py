# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""organizations: OrganizationAccounts against moto's AWS Organizations: what it reads and
when, every page of ListAccounts, and the problem and warning it gives when the accounts
cannot be read (acmpca_info's use of it is tested in modules/acmpca_info/test_include_access.py)."""


import boto3
import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws.organizations import NOT_IN_USE, OrganizationAccounts

from .....helpers import ACCOUNT_ID, ORGANIZATION_ID, REGION, canned_error, canned_response

# errors.translate_aws_error's hint for AccessDeniedException, whatever the service.
DENIED_HINT = (' (the credentials in use may not read the organization; only its management account or a delegated '
               'administrator may list its accounts (organizations:DescribeOrganization, organizations:ListAccounts))')


@pytest.fixture
def organizations(aws):
    """A boto3 Organizations client for the test's own set-up (not counted by aws_calls)."""
    return boto3.client('organizations', region_name=REGION)


@pytest.fixture
def organization(organizations):
    """An organization whose management account is the caller's (moto's default account); its ID."""
    return organizations.create_organization(FeatureSet='ALL')['Organization']['Id']


def accounts_of(organization_id):
    return OrganizationAccounts({}, REGION, organization_id)


def warning_for(organization_id, problem):
    return ('The accounts of organization %s could not be read from AWS Organizations: %s. Findings whose place in '
            'the trust zone turns on them have external: null and are listed in unresolved_access; list the '
            'accounts in trusted_accounts, or run as the management account or a delegated administrator '
            '(organizations:DescribeOrganization, organizations:ListAccounts).' % (organization_id, problem))


class TestMembers:

    def test_the_members_are_the_organizations_accounts_including_its_management_account(self, organizations, organization):
        member = organizations.create_account(AccountName='member', Email='member@example.com')['CreateAccountStatus']['AccountId']
        accounts = accounts_of(organization)
        assert accounts.members() == frozenset([ACCOUNT_ID, member])
        assert accounts.problem is None and accounts.warning() is None

    def test_nothing_is_read_until_the_members_are_asked_for(self, organization, aws_calls):
        accounts = accounts_of(organization)
        assert aws_calls.operations == [] and aws_calls.clients == 0
        assert accounts.warning() is None and accounts.problem is None
        assert aws_calls.operations == []

    def test_the_members_are_read_once_per_instance(self, organization, aws_calls):
        accounts = accounts_of(organization)
        first = accounts.members()
        assert accounts.members() is first
        assert accounts.members() is first
        assert aws_calls.operations == ['DescribeOrganization', 'ListAccounts'] and aws_calls.clients == 1
        # Another instance (another module run) reads them again.
        assert accounts_of(organization).members() == first
        assert aws_calls.operations == ['DescribeOrganization', 'ListAccounts'] * 2

    def test_a_failed_read_is_not_retried_by_the_same_instance(self, aws_calls):
        accounts = accounts_of(ORGANIZATION_ID)
        assert accounts.members() is None
        assert accounts.members() is None
        assert aws_calls.operations == ['DescribeOrganization']

    def test_every_page_of_list_accounts_is_read(self, organizations, organization, on_new_clients, aws_calls):
        created = {organizations.create_account(AccountName=f'member{index}', Email=f'member{index}@example.com')['CreateAccountStatus']['AccountId']
                   for index in range(4)}
        asked = []

        def two_a_page(params, **kwargs):
            # The code asks for no page size (AWS's default is 20); small pages make several.
            asked.append(params.get('MaxResults'))
            params['MaxResults'] = 2

        on_new_clients('provide-client-params.organizations.ListAccounts', two_a_page)
        assert accounts_of(organization).members() == frozenset(created | {ACCOUNT_ID})
        assert asked == [None, None, None]
        assert aws_calls.operations == ['DescribeOrganization', 'ListAccounts', 'ListAccounts', 'ListAccounts']


class TestProblems:

    def test_the_caller_in_no_organization(self, aws, aws_calls):
        accounts = accounts_of(ORGANIZATION_ID)
        assert accounts.members() is None
        problem = f'the account in use belongs to no organization (DescribeOrganization: {NOT_IN_USE})'
        assert accounts.problem == problem
        assert accounts.warning() == warning_for(ORGANIZATION_ID, problem)
        assert aws_calls.operations == ['DescribeOrganization']

    def test_the_callers_organization_is_not_the_trusted_one(self, organization, aws_calls):
        accounts = accounts_of(ORGANIZATION_ID)
        assert accounts.members() is None
        problem = ('the account in use belongs to organization %s, not %s; only %s\'s management account or a delegated '
                   'administrator can list its accounts' % (organization, ORGANIZATION_ID, ORGANIZATION_ID))
        assert accounts.problem == problem
        assert accounts.warning() == warning_for(ORGANIZATION_ID, problem)
        assert aws_calls.operations == ['DescribeOrganization']

    def test_access_denied_on_list_accounts(self, organization, on_new_clients):
        on_new_clients('before-call.organizations.ListAccounts',
                       lambda **kwargs: canned_error('AccessDeniedException', 'You don\'t have permissions to access this resource.'))
        accounts = accounts_of(organization)
        assert accounts.members() is None
        problem = 'ListAccounts failed: AccessDeniedException: You don\'t have permissions to access this resource' + DENIED_HINT
        assert accounts.problem == problem
        assert accounts.warning() == warning_for(organization, problem)

    def test_access_denied_on_describe_organization(self, organization, on_new_clients):
        # The canned answer ends the call before aws_calls' handler sees it: count here.
        asked = []

        def denied(**kwargs):
            asked.append(kwargs['model'].name)
            return canned_error('AccessDeniedException', 'You don\'t have permissions to access this resource.')

        on_new_clients('before-call.organizations.DescribeOrganization', denied)
        on_new_clients('before-call.organizations.ListAccounts', lambda **kwargs: asked.append(kwargs['model'].name))
        accounts = accounts_of(organization)
        assert accounts.members() is None
        assert accounts.problem == ('DescribeOrganization failed: AccessDeniedException: You don\'t have permissions to access this '
                                    'resource' + DENIED_HINT)
        assert asked == ['DescribeOrganization']

    def test_a_listing_without_the_management_account(self, organizations, organization, on_new_clients):
        member = organizations.create_account(AccountName='member', Email='member@example.com')['CreateAccountStatus']['AccountId']
        on_new_clients('before-call.organizations.ListAccounts',
                       lambda **kwargs: (canned_response(200, b'{}'), {'Accounts': [{'Id': member}]}))
        accounts = accounts_of(organization)
        assert accounts.members() is None
        problem = ('ListAccounts did not list the organization\'s management account %s: only the management account or '
                   'a delegated administrator can list the accounts of %s' % (ACCOUNT_ID, organization))
        assert accounts.problem == problem
        assert accounts.warning() == warning_for(organization, problem)
