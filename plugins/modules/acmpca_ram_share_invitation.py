#!/usr/bin/python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


DOCUMENTATION = r'''
module: acmpca_ram_share_invitation
short_description: Accept or reject an AWS RAM invitation to a share of AWS Private CAs
version_added: 0.1.0
description:
  - Run in the account a share is for. An account outside the sharer's organization gets an
    invitation to an AWS RAM resource share; it sees the shared CAs only once it accepts.
  - Inside an organization with RAM's sharing with AWS Organizations enabled there is no
    invitation; the task then reports RV(invitation=null) with no change.
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  resource_share_arn:
    description:
      - The ARN of the share the invitation is for.
    type: str
    aliases: [arn]
  name:
    description:
      - The name of the share, with O(sender_account_id) (names are not unique across senders).
    type: str
  sender_account_id:
    description:
      - The account that shares, 12 digits (quote it in YAML). Only with O(name).
    type: str
  state:
    description:
      - V(accepted) accepts a pending invitation; one RAM reports rejected or expired fails the task.
      - V(rejected) rejects a pending invitation; one already accepted fails the task.
    type: str
    choices: [accepted, rejected]
    default: accepted
extends_documentation_fragment:
  - pki.acmpca.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Check mode reads the invitation and never answers it.
  diff_mode:
    support: none
notes:
  - The AWS calls made and the IAM permissions they need are in docs/user_guide.md ("Sharing through AWS RAM").
seealso:
  - module: pki.acmpca.acmpca_ram_share
  - module: pki.acmpca.acmpca_info
  - name: AcceptResourceShareInvitation
    description: The AWS RAM API reference.
    link: https://docs.aws.amazon.com/ram/latest/APIReference/API_AcceptResourceShareInvitation.html
'''

EXAMPLES = r'''
- name: Accept the PKI account's share of its CAs
  pki.acmpca.acmpca_ram_share_invitation:
    name: pki-partner
    sender_account_id: "111122223333"

- name: Reject an invitation by the share's ARN
  pki.acmpca.acmpca_ram_share_invitation:
    resource_share_arn: arn:aws:ram:eu-west-1:111122223333:resource-share/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    state: rejected
'''

RETURN = r'''
invitation:
  description:
    - The invitation after the task (in check mode, as it would be), snake_case; V(null) when
      there is none because the share reaches this account without one.
  returned: success
  type: dict
  contains:
    resource_share_invitation_arn:
      description: The invitation's ARN.
      type: str
      sample: arn:aws:ram:eu-west-1:111122223333:resource-share-invitation/7ab63972-b505-7e2a-420d-6f5d3EXAMPLE
    resource_share_arn:
      description: The share's ARN.
      type: str
      sample: arn:aws:ram:eu-west-1:111122223333:resource-share/27d09b4b-5e12-41d1-a4f2-19dedEXAMPLE
    resource_share_name:
      description: The share's name.
      type: str
      sample: pki-shared-cas
    sender_account_id:
      description: The sharing account.
      type: str
    receiver_account_id:
      description: This account.
      type: str
    status:
      description: V(PENDING), V(ACCEPTED), V(REJECTED) or V(EXPIRED).
      type: str
    invitation_timestamp:
      description: When the invitation was sent (ISO 8601).
      type: str
  sample:
    resource_share_invitation_arn: arn:aws:ram:eu-west-1:111122223333:resource-share-invitation/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    resource_share_arn: arn:aws:ram:eu-west-1:111122223333:resource-share/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    resource_share_name: pki-partner
    sender_account_id: "111122223333"
    receiver_account_id: "777788889999"
    status: ACCEPTED
    invitation_timestamp: "2026-12-07T19:05:36+00:00"
'''

from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import ACCOUNT_ID
from ansible_collections.pki.acmpca.plugins.module_utils.module_options import checked_module
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram import ram_client
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram_invitations import (
    WANTED_STATUS,
    answer_invitation,
    find_invitation,
    invitation_for_user,
    refusal,
    share_is_visible,
)


def ensure_invitation(module, client):
    params = module.params
    share = dict(resource_share_arn=params['resource_share_arn'], name=params['name'],
                 sender_account_id=params['sender_account_id'])
    invitation = find_invitation(client, **share)
    if invitation is None:
        if share_is_visible(client, **share):
            return dict(changed=False, invitation=None)
        raise AcmPcaError('no invitation to %s reached this account, and no such share is shared with it'
                          % (params['resource_share_arn'] or f"the share {params['name']!r} of account {params['sender_account_id']}"))
    reason = refusal(invitation, params['state'])
    if reason:
        raise AcmPcaError(reason)
    if invitation.get('status') != 'PENDING':
        return dict(changed=False, invitation=invitation_for_user(invitation))
    if module.check_mode:
        invitation = dict(invitation, status=WANTED_STATUS[params['state']])
    else:
        invitation = answer_invitation(client, invitation, params['state'])
    return dict(changed=True, invitation=invitation_for_user(invitation))


def main():
    argument_spec = dict(
        resource_share_arn=dict(type='str', aliases=['arn']),
        name=dict(type='str'),
        sender_account_id=dict(type='str'),
        state=dict(type='str', default='accepted', choices=['accepted', 'rejected']),
    )
    argument_spec.update(connection_argument_spec())
    module = checked_module(argument_spec=argument_spec, supports_check_mode=True,
                            required_one_of=[['resource_share_arn', 'name']], required_together=[['name', 'sender_account_id']],
                            mutually_exclusive=[['resource_share_arn', 'name']] + connection_mutually_exclusive())
    require_boto3(module)

    try:
        sender = module.params['sender_account_id']
        if sender is not None and not ACCOUNT_ID.match(sender):
            raise InputError(f'sender_account_id {sender!r} is not an AWS account ID (12 digits, written as a string: quote it in YAML)')
        result = ensure_invitation(module, ram_client(module.params))
    except (InputError, AcmPcaError) as error:
        error.fail(module)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
