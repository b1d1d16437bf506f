# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The member accounts of the trust zone's organization, read from AWS Organizations.

Only the organization's management account or a delegated administrator may list its
accounts (ListAccounts). When the credentials in use may not, the membership is unknown,
never guessed: the access findings that turn on it get ``external: null``.
"""


from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import Connection
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError, aws_call

NOT_IN_USE = 'AWSOrganizationsNotInUseException'


class OrganizationAccounts:
    """The account IDs of one organization, read at most once per module run and only when
    first asked (``members()``): DescribeOrganization, then every page of ListAccounts.

    ``members()`` is None when they could not be read; ``problem`` then says why."""

    def __init__(self, params, region, organization_id):
        self.organization_id = organization_id
        self.problem = None
        self._params = params
        self._region = region
        self._members = None
        self._read = False

    def members(self):
        if not self._read:
            self._read = True
            try:
                self._members = self._list()
            except AcmPcaError as error:
                self.problem = error.message
        return self._members

    def _list(self):
        client = Connection(self._params).client('organizations', self._region)
        try:
            with aws_call('DescribeOrganization'):
                organization = client.describe_organization()['Organization']
        except AcmPcaError as error:
            if error.code == NOT_IN_USE:
                raise AcmPcaError(f'the account in use belongs to no organization (DescribeOrganization: {NOT_IN_USE})')
            raise
        if organization.get('Id') != self.organization_id:
            raise AcmPcaError('the account in use belongs to organization %s, not %s; only %s\'s management account or a '
                              'delegated administrator can list its accounts'
                              % (organization.get('Id'), self.organization_id, self.organization_id))
        paginator = client.get_paginator('list_accounts')
        with aws_call('ListAccounts'):
            accounts = frozenset(account['Id'] for page in paginator.paginate() for account in page.get('Accounts', []))
        # AWS lists the management account among the organization's accounts: an answer
        # without it is not the organization's list (a member account is not allowed one).
        if organization.get('MasterAccountId') not in accounts:
            raise AcmPcaError('ListAccounts did not list the organization\'s management account %s: only the management '
                              'account or a delegated administrator can list the accounts of %s'
                              % (organization.get('MasterAccountId'), self.organization_id))
        return accounts

    def warning(self):
        """The warning to give when the accounts were needed and could not be read, else None."""
        if self._read and self._members is None:
            return ('The accounts of organization %s could not be read from AWS Organizations: %s. Findings whose place in '
                    'the trust zone turns on them have external: null and are listed in unresolved_access; list the '
                    'accounts in trusted_accounts, or run as the management account or a delegated administrator '
                    '(organizations:DescribeOrganization, organizations:ListAccounts).' % (self.organization_id, self.problem))
        return None
