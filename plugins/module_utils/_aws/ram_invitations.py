# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""AWS RAM invitations, in the receiving account: finding a share's invitation, answering
it, and the pending invitations to CAs (RAM API reference: GetResourceShareInvitations,
AcceptResourceShareInvitation, RejectResourceShareInvitation, ListPendingInvitationResources).

Inside an organization with RAM's sharing with AWS Organizations enabled, members get a
share without an invitation (RAM user guide, "Sharing your AWS resources").
"""


from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import iso8601
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError, aws_call
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram import UNKNOWN, all_pages, paginated
from ansible_collections.pki.acmpca.plugins.module_utils._policy.ram_share_plan import is_ca_resource_type

# What acmpca_ram_share_invitation's states ask of an invitation, as RAM names its status.
WANTED_STATUS = {'accepted': 'ACCEPTED', 'rejected': 'REJECTED'}


def find_invitation(client, resource_share_arn=None, name=None, sender_account_id=None):
    """The invitation to the share (by ARN, or by name and sender), the pending one first,
    else the latest; None when there is none."""
    kwargs = {'resourceShareArns': [resource_share_arn]} if resource_share_arn else {}
    invitations = paginated(client, 'GetResourceShareInvitations', 'get_resource_share_invitations',
                            'resourceShareInvitations', resource_share_arn, **kwargs)
    if not resource_share_arn:
        invitations = [item for item in invitations
                       if item.get('resourceShareName') == name and item.get('senderAccountId') == sender_account_id]
        shares = sorted({item['resourceShareArn'] for item in invitations})
        if len(shares) > 1:
            raise InputError('account %s sent invitations to %d shares named %r: %s; name one with resource_share_arn'
                             % (sender_account_id, len(shares), name, ', '.join(shares)))
    pending = [item for item in invitations if item.get('status') == 'PENDING']
    candidates = sorted(pending or invitations, key=lambda item: str(item.get('invitationTimestamp', '')))
    return candidates[-1] if candidates else None


def share_is_visible(client, resource_share_arn=None, name=None, sender_account_id=None):
    """Whether the share is already shared with this account (no invitation needed)."""
    kwargs = dict(resourceOwner='OTHER-ACCOUNTS')
    if resource_share_arn:
        kwargs['resourceShareArns'] = [resource_share_arn]
    else:
        kwargs['name'] = name
    try:
        shares = paginated(client, 'GetResourceShares', 'get_resource_shares', 'resourceShares', resource_share_arn, **kwargs)
    except AcmPcaError as error:
        if error.code == UNKNOWN:
            return False
        raise
    return any(resource_share_arn or (share.get('name') == name and share.get('owningAccountId') == sender_account_id)
               for share in shares if share.get('status') not in ('DELETING', 'DELETED'))


def answer_invitation(client, invitation, state):
    arn = invitation['resourceShareInvitationArn']
    if state == 'accepted':
        with aws_call('AcceptResourceShareInvitation', arn):
            return client.accept_resource_share_invitation(resourceShareInvitationArn=arn)['resourceShareInvitation']
    with aws_call('RejectResourceShareInvitation', arn):
        return client.reject_resource_share_invitation(resourceShareInvitationArn=arn)['resourceShareInvitation']


def refusal(invitation, state):
    """Why the invitation cannot reach ``state`` (None when it can, or is there already)."""
    status = invitation.get('status')
    wanted = WANTED_STATUS[state]
    if status in (wanted, 'PENDING') or (state == 'rejected' and status == 'EXPIRED'):
        return None
    if state == 'accepted':
        return ('the invitation %s to share %s from account %s cannot be accepted: RAM reports it %s; the sender must share '
                'again' % (invitation['resourceShareInvitationArn'], invitation.get('resourceShareArn'),
                           invitation.get('senderAccountId'), status))
    return ('the invitation %s to share %s was already accepted and cannot be rejected; the sender can take this account '
            'out of the share' % (invitation['resourceShareInvitationArn'], invitation.get('resourceShareArn')))


def invitation_for_user(invitation):
    if invitation is None:
        return None
    shown = {key: value for key, value in invitation.items() if key != 'resourceShareAssociations'}
    return camel_dict_to_snake_dict(iso8601(shown))


def pending_certificate_authority_invitations(client):
    """The pending invitations whose share holds CAs, each with the CAs' ARNs: one
    GetResourceShareInvitations, then one ListPendingInvitationResources per pending invitation."""
    invitations = paginated(client, 'GetResourceShareInvitations', 'get_resource_share_invitations', 'resourceShareInvitations')
    found = []
    for invitation in invitations:
        if invitation.get('status') != 'PENDING':
            continue
        arn = invitation['resourceShareInvitationArn']
        with aws_call('ListPendingInvitationResources', arn):
            resources = list(all_pages(client.list_pending_invitation_resources, 'resources', resourceShareInvitationArn=arn))
        cas = sorted(resource['arn'] for resource in resources if is_ca_resource_type(resource.get('type')))
        if cas:
            shown = invitation_for_user(invitation)
            shown['certificate_authority_arns'] = cas
            found.append(shown)
    return found
