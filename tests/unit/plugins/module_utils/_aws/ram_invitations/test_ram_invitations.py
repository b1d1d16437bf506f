# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ram_invitations: which invitation is found (by ARN, or by name and sender), whether a share
is already visible, the answers and refusals, and the pending invitations to CAs, against a
stubbed RAM client (exact requests, every page, AWS errors as the user sees them)."""


import datetime

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram_invitations import (
    answer_invitation,
    find_invitation,
    invitation_for_user,
    pending_certificate_authority_invitations,
    refusal,
    share_is_visible,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError

SENDER = '111122223333'
OTHER_SENDER = '444455556666'
SHARE = f'arn:aws:ram:us-east-1:{SENDER}:resource-share/aaaa'
SHARE_2 = f'arn:aws:ram:us-east-1:{SENDER}:resource-share/bbbb'
CA = f'arn:aws:acm-pca:us-east-1:{SENDER}:certificate-authority/11111111-1111-1111-1111-111111111111'
CA_2 = f'arn:aws:acm-pca:us-east-1:{SENDER}:certificate-authority/22222222-2222-2222-2222-222222222222'


def invitation(suffix, status='PENDING', share=SHARE, name='cas', sender=SENDER, timestamp=None):
    item = dict(resourceShareInvitationArn=f'arn:aws:ram:us-east-1:{SENDER}:resource-share-invitation/{suffix}',
                resourceShareArn=share, resourceShareName=name, senderAccountId=sender, status=status)
    if timestamp is not None:
        item['invitationTimestamp'] = timestamp
    return item


def day(number):
    return datetime.datetime(2026, 1, number, tzinfo=datetime.timezone.utc)


def expect_invitations(stubber, pages, **params):
    for index, page in enumerate(pages):
        response = dict(resourceShareInvitations=page)
        if index < len(pages) - 1:
            response['nextToken'] = f'token-{index}'
        request = dict(params, **({'nextToken': f'token-{index - 1}'} if index else {}))
        stubber.add_response('get_resource_share_invitations', response, request)


# ------------------------------------------------------------ find_invitation

def test_by_arn_asks_for_that_share_and_prefers_the_pending_invitation(stubbed_ram):
    client, stubber = stubbed_ram
    pending = invitation('p', timestamp=day(1))
    expect_invitations(stubber, [[pending], [invitation('a', 'ACCEPTED', timestamp=day(5))]], resourceShareArns=[SHARE])
    assert find_invitation(client, resource_share_arn=SHARE) == pending


def test_the_latest_pending_invitation_wins_over_earlier_and_undated_ones(stubbed_ram):
    client, stubber = stubbed_ram
    latest = invitation('late', timestamp=day(3))
    expect_invitations(stubber, [[invitation('early', timestamp=day(2)), latest, invitation('undated')]],
                       resourceShareArns=[SHARE])
    assert find_invitation(client, resource_share_arn=SHARE) == latest


def test_without_a_pending_invitation_the_latest_answered_one_is_found(stubbed_ram):
    client, stubber = stubbed_ram
    latest = invitation('r', 'REJECTED', timestamp=day(4))
    expect_invitations(stubber, [[invitation('x', 'EXPIRED'), latest, invitation('a', 'ACCEPTED', timestamp=day(1))]],
                       resourceShareArns=[SHARE])
    assert find_invitation(client, resource_share_arn=SHARE) == latest


def test_no_invitation_is_none(stubbed_ram):
    client, stubber = stubbed_ram
    expect_invitations(stubber, [[]], resourceShareArns=[SHARE])
    assert find_invitation(client, resource_share_arn=SHARE) is None


def test_by_name_reads_every_invitation_and_keeps_the_name_and_sender(stubbed_ram):
    client, stubber = stubbed_ram
    wanted = invitation('w', 'ACCEPTED', timestamp=day(1))
    unnamed = invitation('no-name', timestamp=day(9))
    del unnamed['resourceShareName']
    expect_invitations(stubber, [
        [invitation('other-name', name='others', timestamp=day(9)), invitation('other-sender', sender=OTHER_SENDER, timestamp=day(9))],
        [wanted, unnamed],
    ])
    assert find_invitation(client, name='cas', sender_account_id=SENDER) == wanted


def test_by_name_the_same_share_twice_is_not_ambiguous(stubbed_ram):
    client, stubber = stubbed_ram
    latest = invitation('two', 'REJECTED', timestamp=day(2))
    expect_invitations(stubber, [[invitation('one', 'REJECTED', timestamp=day(1)), latest]])
    assert find_invitation(client, name='cas', sender_account_id=SENDER) == latest


def test_by_name_invitations_to_several_shares_are_an_input_error(stubbed_ram):
    client, stubber = stubbed_ram
    expect_invitations(stubber, [[invitation('b', share=SHARE_2), invitation('a')]])
    with pytest.raises(InputError) as raised:
        find_invitation(client, name='cas', sender_account_id=SENDER)
    assert str(raised.value) == (f"account {SENDER} sent invitations to 2 shares named 'cas': {SHARE}, {SHARE_2}; "
                                 'name one with resource_share_arn')


def test_by_name_nothing_matching_is_none(stubbed_ram):
    client, stubber = stubbed_ram
    expect_invitations(stubber, [[invitation('other', sender=OTHER_SENDER)]])
    assert find_invitation(client, name='cas', sender_account_id=SENDER) is None


def test_a_refused_read_of_invitations_names_the_operation_and_share(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_share_invitations', 'ServerInternalException', 'boom.',
                             expected_params=dict(resourceShareArns=[SHARE]))
    with pytest.raises(AcmPcaError) as raised:
        find_invitation(client, resource_share_arn=SHARE)
    assert raised.value.message == f'GetResourceShareInvitations failed for {SHARE}: ServerInternalException: boom'


# ----------------------------------------------------------- share_is_visible

def share(status='ACTIVE', name='cas', owner=SENDER):
    return dict(resourceShareArn=SHARE, name=name, owningAccountId=owner, status=status)


def test_a_share_by_arn_is_visible_when_rams_lists_it_live(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share('DELETED'), share('PENDING', name='x', owner='1')]),
                         dict(resourceOwner='OTHER-ACCOUNTS', resourceShareArns=[SHARE]))
    assert share_is_visible(client, resource_share_arn=SHARE) is True


@pytest.mark.parametrize('status', ['DELETING', 'DELETED'])
def test_a_deleted_share_is_not_visible(stubbed_ram, status):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(status)]),
                         dict(resourceOwner='OTHER-ACCOUNTS', resourceShareArns=[SHARE]))
    assert share_is_visible(client, resource_share_arn=SHARE) is False


def test_a_share_by_name_must_have_the_name_and_the_sender(stubbed_ram):
    client, stubber = stubbed_ram
    params = dict(resourceOwner='OTHER-ACCOUNTS', name='cas')
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(owner=OTHER_SENDER), share(name='other')],
                                                     nextToken='t'), params)
    stubber.add_response('get_resource_shares', dict(resourceShares=[share('DELETING')]), dict(params, nextToken='t'))
    assert share_is_visible(client, name='cas', sender_account_id=SENDER) is False
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(owner=OTHER_SENDER), share()]), params)
    assert share_is_visible(client, name='cas', sender_account_id=SENDER) is True


def test_an_unknown_share_is_not_visible(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_shares', 'UnknownResourceException', 'no such share',
                             expected_params=dict(resourceOwner='OTHER-ACCOUNTS', resourceShareArns=[SHARE]))
    assert share_is_visible(client, resource_share_arn=SHARE) is False


def test_another_failure_to_read_shares_is_reported(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_shares', 'ServerInternalException', 'down',
                             expected_params=dict(resourceOwner='OTHER-ACCOUNTS', resourceShareArns=[SHARE]))
    with pytest.raises(AcmPcaError) as raised:
        share_is_visible(client, resource_share_arn=SHARE)
    assert raised.value.message == f'GetResourceShares failed for {SHARE}: ServerInternalException: down'


# ------------------------------------------------------- answers and refusals

ARN = f'arn:aws:ram:us-east-1:{SENDER}:resource-share-invitation/p'


@pytest.mark.parametrize('state, method', [('accepted', 'accept_resource_share_invitation'),
                                           ('rejected', 'reject_resource_share_invitation')])
def test_answering_calls_the_operation_of_the_state(stubbed_ram, state, method):
    client, stubber = stubbed_ram
    answered = invitation('p', state.upper())
    stubber.add_response(method, dict(resourceShareInvitation=answered), dict(resourceShareInvitationArn=ARN))
    assert answer_invitation(client, invitation('p'), state) == answered


@pytest.mark.parametrize('state, operation, method', [
    ('accepted', 'AcceptResourceShareInvitation', 'accept_resource_share_invitation'),
    ('rejected', 'RejectResourceShareInvitation', 'reject_resource_share_invitation')])
def test_a_refused_answer_names_the_operation_and_invitation(stubbed_ram, state, operation, method):
    client, stubber = stubbed_ram
    stubber.add_client_error(method, 'ResourceShareInvitationExpiredException', 'expired.',
                             expected_params=dict(resourceShareInvitationArn=ARN))
    with pytest.raises(AcmPcaError) as raised:
        answer_invitation(client, invitation('p'), state)
    assert raised.value.message == f'{operation} failed for {ARN}: ResourceShareInvitationExpiredException: expired'


@pytest.mark.parametrize('state, status', [('accepted', 'ACCEPTED'), ('accepted', 'PENDING'), ('rejected', 'REJECTED'),
                                           ('rejected', 'PENDING'), ('rejected', 'EXPIRED')])
def test_no_refusal_where_the_state_can_be_reached(state, status):
    assert refusal(invitation('p', status), state) is None


@pytest.mark.parametrize('status', ['REJECTED', 'EXPIRED'])
def test_an_answered_invitation_cannot_be_accepted(status):
    assert refusal(invitation('p', status), 'accepted') == (
        f'the invitation {ARN} to share {SHARE} from account {SENDER} cannot be accepted: RAM reports it {status}; '
        'the sender must share again')


def test_an_accepted_invitation_cannot_be_rejected():
    assert refusal(invitation('p', 'ACCEPTED'), 'rejected') == (
        f'the invitation {ARN} to share {SHARE} was already accepted and cannot be rejected; the sender can take this '
        'account out of the share')


def test_the_invitation_for_the_user_is_snake_case_in_utc_without_associations():
    item = dict(invitation('p', timestamp=datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)),
                resourceShareAssociations=[dict(associatedEntity=CA)], receiverAccountId='999988887777')
    assert invitation_for_user(item) == dict(
        resource_share_invitation_arn=ARN, resource_share_arn=SHARE, resource_share_name='cas', sender_account_id=SENDER,
        status='PENDING', invitation_timestamp='2026-01-02T03:04:05+00:00', receiver_account_id='999988887777')
    assert invitation_for_user(None) is None


# ------------------------------------------ pending invitations to CAs (info)

def test_pending_invitations_to_cas_list_the_cas_of_each(stubbed_ram):
    client, stubber = stubbed_ram
    second = invitation('q', share=SHARE_2, name='more')
    expect_invitations(stubber, [[invitation('p'), invitation('old', 'ACCEPTED')], [second, invitation('rej', 'REJECTED')]])
    stubber.add_response('list_pending_invitation_resources', dict(resources=[
        dict(arn=CA_2, type='acm-pca:CertificateAuthority'), dict(arn='arn:aws:ec2:us-east-1:1:subnet/s', type='ec2:Subnet')],
        nextToken='n'), dict(resourceShareInvitationArn=ARN))
    stubber.add_response('list_pending_invitation_resources', dict(resources=[dict(arn=CA, type='ACM-PCA:CertificateAuthority')]),
                         dict(resourceShareInvitationArn=ARN, nextToken='n'))
    stubber.add_response('list_pending_invitation_resources', dict(resources=[
        dict(arn='arn:aws:ec2:us-east-1:1:subnet/t', type='ec2:Subnet'), dict(arn=CA)]),
        dict(resourceShareInvitationArn=second['resourceShareInvitationArn']))
    assert pending_certificate_authority_invitations(client) == [dict(
        resource_share_invitation_arn=ARN, resource_share_arn=SHARE, resource_share_name='cas', sender_account_id=SENDER,
        status='PENDING', certificate_authority_arns=[CA, CA_2])]


def test_a_refused_read_of_an_invitations_resources_names_it(stubbed_ram):
    client, stubber = stubbed_ram
    expect_invitations(stubber, [[invitation('p')]])
    stubber.add_client_error('list_pending_invitation_resources', 'MalformedArnException', 'bad arn.',
                             expected_params=dict(resourceShareInvitationArn=ARN))
    with pytest.raises(AcmPcaError) as raised:
        pending_certificate_authority_invitations(client)
    assert raised.value.message == f'ListPendingInvitationResources failed for {ARN}: MalformedArnException: bad arn'


def test_a_refused_read_of_the_invitations_names_the_operation(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_share_invitations', 'ServerInternalException', '', expected_params={})
    with pytest.raises(AcmPcaError) as raised:
        pending_certificate_authority_invitations(client)
    assert raised.value.message == 'GetResourceShareInvitations failed: ServerInternalException: no message'
