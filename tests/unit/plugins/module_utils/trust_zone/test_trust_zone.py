# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""trust_zone: the zone is a value built from the options; the organization's members come
from a reader passed in, asked only when a finding needs them."""


import dataclasses

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import TrustZone, ZoneJudge, account_of, trust_zone, unique

from ....helpers import ACCOUNT_ID, ORGANIZATION_ID, OTHER_ACCOUNT_ID

MEMBER = '555566667777'
OUTSIDE = '777788889999'


class Members:
    """A reader of the organization's accounts, as organizations.OrganizationAccounts is."""

    def __init__(self, accounts, problem=None):
        self.accounts, self.problem, self.asked = accounts, problem, 0

    def members(self):
        self.asked += 1
        return self.accounts


class TestValue:

    def test_a_zone_cannot_be_changed(self):
        zone = trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID)
        with pytest.raises(dataclasses.FrozenInstanceError):
            zone.organization_id = 'o-zzzzzzzzzz'

    def test_the_reader_is_passed_in_and_gives_a_new_zone(self):
        zone = trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID)
        reader = Members(frozenset([MEMBER]))
        reading = zone.reading_members_with(reader)
        assert (zone.organization_accounts, reading.organization_accounts) == (None, reader)
        assert reading == zone
        assert trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID, organization_accounts=reader).organization_accounts is reader

    def test_building_a_zone_reads_nothing(self):
        reader = Members(frozenset([MEMBER]))
        trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID, reader)
        assert reader.asked == 0


class TestJudge:

    def judge(self, accounts=(), organization_id=ORGANIZATION_ID, members=None):
        return ZoneJudge(trust_zone(list(accounts), organization_id, members), ACCOUNT_ID)

    def test_without_a_zone_nothing_is_judged(self):
        assert ZoneJudge(None, ACCOUNT_ID).external([('account', MEMBER)]) == (None, None)

    @pytest.mark.parametrize('alternatives, external', [
        ([('account', ACCOUNT_ID)], False),
        ([('account', OTHER_ACCOUNT_ID)], False),
        ([('arn', f'arn:aws:iam::{OTHER_ACCOUNT_ID}:role/r')], False),
        ([('organization', ORGANIZATION_ID)], False),
        ([('organization_path', f'{ORGANIZATION_ID}/r-ab12/')], False),
        ([('organization', 'o-zzzzzzzzzz')], True),
        ([('account', OTHER_ACCOUNT_ID), ('account', MEMBER)], True),
        ([('service', 'acm.amazonaws.com')], True),
        ([('resource', 'arn:aws:s3:::bucket')], True),
    ])
    def test_inside_when_every_alternative_is(self, alternatives, external):
        assert self.judge([OTHER_ACCOUNT_ID]).external(alternatives) == (external, None)

    def test_a_secondary_test_inside_the_zone_keeps_it_inside(self):
        judge = self.judge()
        assert judge.external([('account', MEMBER)], [[('organization', ORGANIZATION_ID)]]) == (False, None)

    def test_membership_is_asked_only_when_needed_and_once_per_question(self):
        members = Members(frozenset([MEMBER]))
        judge = self.judge([OTHER_ACCOUNT_ID], members=members)
        assert judge.external([('account', OTHER_ACCOUNT_ID)]) == (False, None)
        assert members.asked == 0
        assert judge.external([('account', MEMBER)]) == (False, None)
        assert members.asked == 1

    def test_unknown_membership_is_unresolved_with_its_reason(self):
        judge = self.judge(members=Members(None, problem='AccessDenied'))
        assert judge.external([('account', MEMBER)]) == (
            None, f'whether account {MEMBER} is in organization {ORGANIZATION_ID} is unknown: AccessDenied')
        assert judge.external([('account', MEMBER), ('account', OUTSIDE)], [[('account', MEMBER)]]) == (
            None, f'whether account {MEMBER}, {OUTSIDE} is in organization {ORGANIZATION_ID} is unknown: AccessDenied')

    def test_a_test_that_needs_no_membership_is_judged_first(self):
        members = Members(frozenset([MEMBER]))
        judge = self.judge(members=members)
        assert judge.external([('arn', f'arn:aws:iam::{MEMBER}:role/r')], [[('organization', ORGANIZATION_ID)]]) == (False, None)
        assert members.asked == 0

    def test_without_an_organization_the_reader_is_not_asked(self):
        members = Members(frozenset([MEMBER]))
        assert self.judge(organization_id=None, members=members).external([('account', MEMBER)]) == (True, None)
        assert members.asked == 0


@pytest.mark.parametrize('principal_type, principal, account', [
    ('account', OTHER_ACCOUNT_ID, OTHER_ACCOUNT_ID),
    ('arn', f'arn:aws:iam::{OTHER_ACCOUNT_ID}:role/r', OTHER_ACCOUNT_ID),
    ('arn', 'arn:aws:s3:::bucket', None),
    ('organization', ORGANIZATION_ID, None),
])
def test_the_account_of_a_principal(principal_type, principal, account):
    assert account_of(principal_type, principal) == account


def test_a_zone_is_equal_by_its_options():
    assert TrustZone((OTHER_ACCOUNT_ID,), ORGANIZATION_ID) == trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID, Members(None))


def test_unique_keeps_the_first_of_each_in_order():
    assert unique([('a', 1), ('b', 2), ('a', 1), ('c', 3), ('b', 2)]) == [('a', 1), ('b', 2), ('c', 3)]
