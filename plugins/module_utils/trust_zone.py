# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The trust zone of access findings (as IAM Access Analyzer's zone of trust): the accounts
and the organization whose principals are trusted, and the judge that tells whether what a
grant admits is inside it. Pure: the organization's members come from a reader passed in."""


from dataclasses import dataclass, field, replace

from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.iam import ACCOUNT_ID, ARN_ACCOUNT, ORGANIZATION_ID_FORM, is_organization_id


@dataclass(frozen=True)
class TrustZone:
    """``accounts`` (account IDs) and ``organization_id`` (or None), as the options give them.

    ``organization_accounts``: what reads the organization's member accounts when a finding
    needs them (``members()``: a set of account IDs, or None with ``problem`` saying why; see
    organizations.OrganizationAccounts), or None when membership is not looked up."""

    accounts: tuple = ()
    organization_id: str = None
    organization_accounts: object = field(default=None, compare=False, repr=False)

    def reading_members_with(self, organization_accounts):
        """The same zone, its organization's members read by ``organization_accounts``."""
        return replace(self, organization_accounts=organization_accounts)


def trust_zone(trusted_accounts=None, trusted_organization_id=None, organization_accounts=None):
    """The TrustZone of the options, or None when neither is given. Raises InputError naming
    every bad ID."""
    if trusted_accounts is None and trusted_organization_id is None:
        return None
    problems = []
    if trusted_accounts is not None and not isinstance(trusted_accounts, (list, tuple)):
        problems.append('trusted_accounts must be a list of 12-digit AWS account IDs')
    else:
        problems.extend(f'trusted_accounts: {account!r} is not an AWS account ID (12 digits, written as a string: quote it in YAML, or a leading zero is lost)'
                        for account in trusted_accounts or [] if not isinstance(account, str) or not ACCOUNT_ID.match(account))
    if trusted_organization_id is not None and not is_organization_id(trusted_organization_id):
        problems.append(f'trusted_organization_id {trusted_organization_id!r} is not an organization ID ({ORGANIZATION_ID_FORM})')
    if problems:
        raise InputError('; '.join(problems))
    return TrustZone(tuple(trusted_accounts or ()), trusted_organization_id, organization_accounts)


def account_of(principal_type, principal):
    """The account of an ``account`` or ``arn`` principal (None for an ARN without one)."""
    if principal_type == 'account':
        return principal
    if principal_type == 'arn':
        match = ARN_ACCOUNT.match(principal)
        return match.group('account') if match else None
    return None


def unique(items):
    seen = set()
    return [item for item in items if not (item in seen or seen.add(item))]


class ZoneJudge:
    """Whether what a test admits is inside the trust zone: True, False, or None when that
    turns on the membership of an organization whose accounts could not be read."""

    def __init__(self, zone, owner_account):
        self.zone = zone
        self.trusted = set(zone.accounts) if zone else set()
        if owner_account:
            self.trusted.add(owner_account)
        self.organization_id = zone.organization_id if zone else None
        self.organization_accounts = zone.organization_accounts if zone else None
        self.unknown = []

    def _account(self, account):
        if account in self.trusted:
            return True
        if not (account and self.organization_id and self.organization_accounts is not None):
            return False
        members = self.organization_accounts.members()
        if members is None:
            self.unknown.append(account)
            return None
        return account in members

    def _inside(self, kind, value):
        if kind in ('account', 'arn'):
            return self._account(account_of(kind, value))
        if kind == 'organization':
            return value == self.organization_id
        if kind == 'organization_path':
            return bool(self.organization_id) and value.startswith(f"{self.organization_id}/")
        return False

    def _every(self, alternatives):
        answers = [self._inside(kind, value) for kind, value in alternatives]
        return False if False in answers else None if None in answers else True

    def external(self, alternatives, secondary=()):
        """``(external, external_reason)`` of a principal that one of ``alternatives`` admits
        (all of them must be inside) and each of the ``secondary`` lists of alternatives too:
        inside the zone when any of these keeps it inside, as IAM requires every test to hold."""
        if self.zone is None:
            return None, None
        del self.unknown[:]
        candidates = [alternatives] + list(secondary)
        # Those that need no membership first: one inside settles it without asking AWS Organizations.
        candidates.sort(key=lambda items: any(kind in ('account', 'arn') for kind, _value in items))
        answers = []
        for items in candidates:
            answers.append(self._every(items))
            if answers[-1] is True:
                return False, None
        if None in answers:
            return None, ('whether account %s is in organization %s is unknown: %s'
                          % (', '.join(unique(self.unknown)), self.organization_id, self.organization_accounts.problem))
        return True, None
