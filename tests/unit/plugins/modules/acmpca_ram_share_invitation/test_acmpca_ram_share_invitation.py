# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_ram_share_invitation, run in-process in the receiving account against
the tests' RAM double; the share is made by the owner's account first."""


import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_ram_share_invitation

from ....helpers import ACCOUNT_ID, OTHER_ACCOUNT_ID, REGION
from ....ram_double import ORGANIZATION_ARN, OUTSIDE_ACCOUNT_ID, RamDouble

CA = f'arn:aws:acm-pca:{REGION}:{ACCOUNT_ID}:certificate-authority/11111111-1111-1111-1111-111111111111'


@pytest.fixture
def ram(aws, on_new_clients, sleeps):
    """The RAM double; waits are recorded, not slept (``sleeps``)."""
    return RamDouble().install(on_new_clients)


@pytest.fixture
def shared(ram):
    """A share of the CA with the outside account, seen from that account."""
    arn = ram.CreateResourceShare(name='pki-partner', resourceArns=[CA], principals=[OUTSIDE_ACCOUNT_ID])['resourceShare']['resourceShareArn']
    ram.caller = OUTSIDE_ACCOUNT_ID
    return arn


@pytest.fixture
def run(run_module, ram):
    def run_invitation_module(check_mode=False, **args):
        args.setdefault('region', REGION)
        return run_module(acmpca_ram_share_invitation.main, args, check_mode=check_mode)
    return run_invitation_module


def visible(ram):
    return [share['name'] for share in ram.GetResourceShares(resourceOwner='OTHER-ACCOUNTS')['resourceShares']]


def test_four_steps_accept_the_invitation_by_name_and_sender(run, ram, shared):
    outcomes = [run(check_mode=step in (1, 3), name='pki-partner', sender_account_id=ACCOUNT_ID) for step in (1, 2, 3, 4)]
    assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
    assert [outcome.result['invitation']['status'] for outcome in outcomes] == ['ACCEPTED'] * 4
    assert ram.writes == ['AcceptResourceShareInvitation']
    assert visible(ram) == ['pki-partner']
    assert outcomes[3].result['invitation']['resource_share_arn'] == shared
    assert outcomes[3].result['invitation']['receiver_account_id'] == OUTSIDE_ACCOUNT_ID


def test_check_mode_leaves_the_invitation_pending(run, ram, shared):
    assert run(check_mode=True, resource_share_arn=shared).result['changed'] is True
    assert visible(ram) == [] and ram.writes == []


def test_reject_by_arn_and_then_accepting_fails_with_the_status(run, ram, shared):
    assert run(arn=shared, state='rejected').result['changed'] is True
    assert run(arn=shared, state='rejected').result['changed'] is False
    outcome = run(arn=shared)
    assert outcome.failed and 'REJECTED' in outcome.result['msg'] and visible(ram) == []


def test_an_accepted_invitation_cannot_be_rejected(run, ram, shared):
    run(arn=shared)
    outcome = run(arn=shared, state='rejected')
    assert outcome.failed and 'already accepted' in outcome.result['msg']


def test_an_organization_member_has_no_invitation(run, ram):
    arn = ram.CreateResourceShare(name='org', resourceArns=[CA], principals=[ORGANIZATION_ARN])['resourceShare']['resourceShareArn']
    ram.caller = OTHER_ACCOUNT_ID
    outcome = run(arn=arn)
    assert outcome.result['changed'] is False and outcome.result['invitation'] is None and not outcome.failed
    assert ram.writes == []


def test_a_member_naming_the_share_and_sender_has_no_invitation(run, ram):
    ram.CreateResourceShare(name='org', resourceArns=[CA], principals=[ORGANIZATION_ARN])
    ram.caller = OTHER_ACCOUNT_ID
    outcome = run(name='org', sender_account_id=ACCOUNT_ID)
    assert outcome.result['changed'] is False and outcome.result['invitation'] is None and not outcome.failed


def test_two_shares_of_one_name_from_one_sender_are_named(run, ram):
    arns = [ram.CreateResourceShare(name='twin', principals=[OUTSIDE_ACCOUNT_ID])['resourceShare']['resourceShareArn'] for _attempt in (1, 2)]
    ram.caller = OUTSIDE_ACCOUNT_ID
    outcome = run(name='twin', sender_account_id=ACCOUNT_ID)
    assert outcome.failed and all(arn in outcome.result['msg'] for arn in arns) and ram.writes == []


def test_no_invitation_and_no_share_fails(run, ram):
    outcome = run(name='nothing', sender_account_id=ACCOUNT_ID)
    assert outcome.failed and "'nothing'" in outcome.result['msg']


@pytest.mark.parametrize('args, words', [
    (dict(name='x'), 'sender_account_id'),
    (dict(name='x', sender_account_id='12345'), 'not an AWS account ID'),
    (dict(), 'one of the following is required'),
])
def test_bad_input_fails_before_any_call(run, ram, aws_calls, args, words):
    outcome = run(**args)
    assert outcome.failed and words in outcome.result['msg'] and ram.operations == aws_calls.operations == []


@pytest.mark.parametrize('operation, args', [
    ('GetResourceShareInvitations', dict(name='pki-partner', sender_account_id=ACCOUNT_ID)),
    ('AcceptResourceShareInvitation', dict(name='pki-partner', sender_account_id=ACCOUNT_ID)),
    ('RejectResourceShareInvitation', dict(name='pki-partner', sender_account_id=ACCOUNT_ID, state='rejected')),
    ('GetResourceShares', dict(name='nothing', sender_account_id=ACCOUNT_ID)),
])
def test_a_failed_call_is_named(run, ram, shared, operation, args):
    ram.refusals[operation] = ('AccessDeniedException', 'User is not authorized')
    outcome = run(**args)
    assert outcome.failed and outcome.result['msg'].startswith(f'{operation} failed')
    assert outcome.result['error'] == {'code': 'AccessDeniedException', 'message': 'User is not authorized'}


def test_the_messages_name_the_invitation_share_and_sender(run, ram, shared):
    [invitation] = ram.invitations
    arn = invitation['resourceShareInvitationArn']
    invitation['status'] = 'EXPIRED'
    assert run(arn=shared).result['msg'] == (
        f'the invitation {arn} to share {shared} from account {ACCOUNT_ID} cannot be accepted: RAM reports it EXPIRED; '
        'the sender must share again')
    assert run(arn=shared, state='rejected').result['changed'] is False
    invitation['status'] = 'ACCEPTED'
    assert run(arn=shared, state='rejected').result['msg'] == (
        f'the invitation {arn} to share {shared} was already accepted and cannot be rejected; the sender can take this '
        'account out of the share')
    assert run(name='nothing', sender_account_id=ACCOUNT_ID).result['msg'] == (
        f"no invitation to the share 'nothing' of account {ACCOUNT_ID} reached this account, and no such share is shared with it")
    missing = shared.replace(shared.rsplit('/', 1)[-1], 'missing')
    assert run(arn=missing).result['msg'] == (
        f'no invitation to {missing} reached this account, and no such share is shared with it')


def test_the_invitation_is_shown_in_snake_case(run, ram, shared):
    shown = run(arn=shared).result['invitation']
    assert sorted(shown) == ['invitation_timestamp', 'receiver_account_id', 'resource_share_arn', 'resource_share_invitation_arn',
                             'resource_share_name', 'sender_account_id', 'status']
    assert shown['resource_share_name'] == 'pki-partner' and shown['sender_account_id'] == ACCOUNT_ID
    assert shown['invitation_timestamp'].endswith('+00:00')


def test_the_pending_invitation_is_chosen_over_older_ones(run, ram, shared):
    [invitation] = ram.invitations
    older = dict(invitation, status='REJECTED', resourceShareInvitationArn=invitation['resourceShareInvitationArn'] + '-old')
    ram.invitations.insert(0, older)
    assert run(arn=shared).result['invitation']['resource_share_invitation_arn'] == invitation['resourceShareInvitationArn']


def test_check_mode_shows_the_whole_invitation_with_the_status_it_would_get(run, ram, shared):
    invitation = run(check_mode=True, resource_share_arn=shared).result['invitation']
    assert (invitation['status'], invitation['resource_share_arn'], invitation['sender_account_id']) == ('ACCEPTED', shared, ACCOUNT_ID)


def test_a_share_arn_and_a_name_together_fail_before_any_call(run, ram, shared):
    outcome = run(resource_share_arn=shared, name='pki-partner', sender_account_id=ACCOUNT_ID)
    assert outcome.failed and outcome.result['msg'] == 'parameters are mutually exclusive: resource_share_arn|name'
    assert ram.writes == []
