# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""acmpca_info's include_shares: CAs from moto, AWS RAM from the tests' RAM double."""


import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_info

from ....helpers import OTHER_ACCOUNT_ID, REGION
from ....ram_double import ORGANIZATION_ARN, OUTSIDE_ACCOUNT_ID, RamDouble

SHARE_READS = ['GetResourceShares', 'GetResourceShareAssociations', 'GetResourceShareAssociations']


@pytest.fixture
def ram(aws, on_new_clients, sleeps):
    """The RAM double; waits are recorded, not slept (``sleeps``)."""
    return RamDouble().install(on_new_clients)


@pytest.fixture
def run(run_module, ram):
    def run_info(**args):
        args.setdefault('region', REGION)
        return run_module(acmpca_info.main, dict(include_shares=True, **args))
    return run_info


def share(ram, name, cas, principals):
    return ram.CreateResourceShare(name=name, resourceArns=cas, principals=principals)['resourceShare']['resourceShareArn']


def test_each_owned_ca_gets_the_shares_that_hold_it(run, ram, make_ca):
    shared, alone = make_ca(), make_ca()
    arn = share(ram, 'org', [shared], [ORGANIZATION_ARN])
    cas = {ca['arn']: ca for ca in run().result['certificate_authorities']}
    assert cas[alone]['ram_shares'] == []
    [found] = cas[shared]['ram_shares']
    assert found['arn'] == arn and found['name'] == 'org' and found['status'] == 'ACTIVE'
    assert found['permission']['name'] == 'AWSRAMDefaultPermissionCertificateAuthority'
    assert found['principals'] == [dict(id=ORGANIZATION_ARN, status='ASSOCIATED', status_message=None, external=False,
                                        pending_invitation=False)]


def test_the_ram_calls_grow_with_the_shares_not_the_cas(run, ram, make_ca):
    cas = [make_ca(common_name=f'CA {index}') for index in range(4)]
    share(ram, 'one', cas, [OTHER_ACCOUNT_ID])
    run()
    with_one_share = list(ram.operations)
    share(ram, 'two', cas[:1], [OTHER_ACCOUNT_ID])
    del ram.operations[:]
    run()
    # The double answers two items a page: the reads of the whole account page, one
    # ListResourceSharePermissions per share holding a CA.
    assert with_one_share.count('ListResourceSharePermissions') == 1
    assert ram.operations.count('ListResourceSharePermissions') == 2
    assert set(ram.operations) == set(SHARE_READS) | {'ListResourceSharePermissions'}


def test_one_ca_by_arn_gets_its_shares(run, ram, make_ca):
    ca = make_ca()
    share(ram, 'org', [ca], [ORGANIZATION_ARN])
    [described] = run(certificate_authority_arn=ca).result['certificate_authorities']
    assert [found['name'] for found in described['ram_shares']] == ['org']


def test_other_accounts_lists_pending_invitations_to_cas(run, ram, make_ca):
    ca = make_ca()
    arn = share(ram, 'partner', [ca], [OUTSIDE_ACCOUNT_ID])
    ram.caller = OUTSIDE_ACCOUNT_ID
    result = run(resource_owner='OTHER_ACCOUNTS').result
    [invitation] = result['pending_invitations']
    assert invitation['resource_share_arn'] == arn and invitation['certificate_authority_arns'] == [ca]
    assert invitation['status'] == 'PENDING' and invitation['sender_account_id'] != OUTSIDE_ACCOUNT_ID
    ram.AcceptResourceShareInvitation(resourceShareInvitationArn=invitation['resource_share_invitation_arn'])
    assert run(resource_owner='OTHER_ACCOUNTS').result['pending_invitations'] == []


def test_without_include_shares_ram_is_not_called(run_module, ram, make_ca):
    make_ca()
    result = run_module(acmpca_info.main, dict(region=REGION)).result
    assert 'ram_shares' not in result['certificate_authorities'][0] and 'pending_invitations' not in result
    assert ram.operations == []


@pytest.mark.parametrize('operation, args', [
    ('GetResourceShares', dict()), ('GetResourceShareAssociations', dict()), ('ListResourceSharePermissions', dict()),
    ('GetResourceShareInvitations', dict(resource_owner='OTHER_ACCOUNTS')),
    ('ListPendingInvitationResources', dict(resource_owner='OTHER_ACCOUNTS')),
])
def test_a_failed_ram_call_is_named(run, ram, make_ca, operation, args):
    ca = make_ca()
    share(ram, 'partner', [ca], [OUTSIDE_ACCOUNT_ID])
    if args:
        ram.caller = OUTSIDE_ACCOUNT_ID
    ram.refusals[operation] = ('AccessDeniedException', 'User is not authorized')
    outcome = run(**args)
    assert outcome.failed and outcome.result['msg'].startswith(f'{operation} failed')


def test_invitations_without_cas_or_no_longer_pending_are_not_listed(run, ram, make_ca):
    ca = make_ca()
    share(ram, 'empty', [], [OUTSIDE_ACCOUNT_ID])
    share(ram, 'cas', [ca], [OUTSIDE_ACCOUNT_ID])
    ram.caller = OUTSIDE_ACCOUNT_ID
    ram.invitations[1]['status'] = 'EXPIRED'
    assert run(resource_owner='OTHER_ACCOUNTS').result['pending_invitations'] == []
    ram.invitations[1]['status'] = 'PENDING'
    [pending] = run(resource_owner='OTHER_ACCOUNTS').result['pending_invitations']
    assert pending['resource_share_name'] == 'cas' and 'resource_share_associations' not in pending
