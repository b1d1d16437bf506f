#!/usr/bin/python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


DOCUMENTATION = r'''
module: acmpca_permission
short_description: Grant or revoke the ACM service's permissions on an AWS Private CA
version_added: 0.1.0
description:
  - Grants the AWS Certificate Manager service principal (C(acm.amazonaws.com)) permissions on
    an AWS Private Certificate Authority (ACM PCA), so that ACM can issue and automatically
    renew private certificates in the CA's own account; or revokes them.
  - Permissions work only within the CA's account; to share the CA with other accounts, use
    M(pki.acmpca.acmpca_policy).
  - AWS cannot change a permission, so different O(actions) delete it and create it again; when
    the creation then fails, the task fails with C(changed=true) and says the permission is gone.
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  certificate_authority_arn:
    description:
      - The CA whose permission to manage, by its ARN
        (C(arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>)).
    aliases: [arn, resource_arn]
    required: true
    type: str
  principal:
    description:
      - The service principal that receives the permission. AWS accepts only V(acm.amazonaws.com).
    type: str
    default: acm.amazonaws.com
  source_account:
    description:
      - The account the permission is for, 12 digits (quote it in YAML). Defaults to the CA's account.
    type: str
  actions:
    description:
      - The actions ACM may perform on the CA, out of V(IssueCertificate), V(GetCertificate) and
        V(ListPermissions) (case-sensitive). ACM's automatic renewal needs all three.
      - With O(state=absent), the whole permission is removed whatever its actions (O(actions) is
        still checked).
    type: list
    elements: str
    default: [IssueCertificate, GetCertificate, ListPermissions]
  state:
    description:
      - V(present) makes the permission exist with exactly O(actions); V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - pki.acmpca.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    details:
      - Check mode reads the permissions (and the CA's status, when it predicts a change) and never
        calls CreatePermission or DeletePermission.
  diff_mode:
    support: full
notes:
  - >-
    AWS changes permissions only while a CA is being created or is C(ACTIVE); otherwise the task
    fails and names the CA's status, in check mode too (with one DescribeCertificateAuthority,
    made only when a change is predicted).
  - The AWS calls made and the IAM permissions they need are in docs/user_guide.md ("Letting ACM renew certificates", "IAM permissions").
seealso:
  - module: pki.acmpca.acmpca_policy
  - module: pki.acmpca.acmpca_info
  - name: CreatePermission
    description: The AWS Private CA API reference.
    link: https://docs.aws.amazon.com/privateca/latest/APIReference/API_CreatePermission.html
  - name: Create single-account permissions for an IAM user
    description: The AWS Private CA user guide on the same-account case, where ACM renews through a permission.
    link: https://docs.aws.amazon.com/privateca/latest/userguide/assign-permissions.html
'''

EXAMPLES = r'''
- name: Let ACM renew the private certificates this CA issues in its own account
  pki.acmpca.acmpca_permission:
    certificate_authority_arn: "{{ ca_arn }}"

- name: Let ACM only read certificates, and show what changes
  pki.acmpca.acmpca_permission:
    certificate_authority_arn: "{{ ca_arn }}"
    actions: [GetCertificate, ListPermissions]
  diff: true

- name: Revoke ACM's permission
  pki.acmpca.acmpca_permission:
    certificate_authority_arn: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    source_account: "111122223333"
    state: absent

# From the command line (examples/localhost.yml, shipped in the collection, is an inventory of the
# control node; without an inventory Ansible warns that none was parsed):
#   ansible localhost -i examples/localhost.yml -m pki.acmpca.acmpca_permission -a "arn=arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b..."
'''

RETURN = r'''
permission:
  description:
    - The permission after the task (in check mode, the one that would be); V(null) when there is none.
    - After a create, as one ListPermissions lists it; RV(permission.created_at) and
      RV(permission.policy) are V(null) in check mode, and when that listing does not show the
      new permission yet (it is not read again).
  returned: success
  type: dict
  contains:
    certificate_authority_arn:
      description: ARN of the CA.
      type: str
      sample: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    principal:
      description: The service principal.
      type: str
      sample: acm.amazonaws.com
    source_account:
      description: The account the permission is for.
      type: str
      sample: "111122223333"
    actions:
      description: What ACM may do on the CA (action names without the C(acm-pca:) prefix).
      type: list
      elements: str
      sample: [IssueCertificate, GetCertificate, ListPermissions]
    created_at:
      description: When the permission was created (ISO 8601).
      type: str
      sample: "2026-11-26T17:05:36+00:00"
    policy:
      description: The resource policy AWS generated for the permission, keys in their original case.
      type: dict
      sample: {Version: "2012-10-17", Statement: []}
diff:
  description:
    - What the permission grants before and after the task (RV(permission.principal),
      RV(permission.source_account), RV(permission.actions)); the header says when it is deleted and created again.
  returned: in diff mode
  type: dict
  contains:
    before:
      description: What the permission granted; C({}) when there was none.
      type: dict
    after:
      description: What the permission grants now (in check mode, would grant); C({}) when there is none.
      type: dict
'''

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import predict_state_refusal, require_certificate_authority
from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    client_for_certificate_authority,
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.module_options import checked_module
from ansible_collections.pki.acmpca.plugins.module_utils._aws.permissions import (
    PERMISSION_ACTIONS,
    create_permission,
    delete_permission,
    find_permission,
    permission_for_user,
    read_permissions,
    requested_permission,
    same_grant,
)

RECREATED = 'DeletePermission, then CreatePermission: AWS cannot change the actions of a permission'


def ensure_permission(client, requested, state, source_account_given, check_mode, warnings):
    """(changed, permission before, permission after, what is done) after one ListPermissions."""
    arn = requested['CertificateAuthorityArn']
    current = find_permission(read_permissions(client, arn), requested['Principal'], requested['SourceAccount'])
    desired = requested if state == 'present' else None
    if current is None and desired is None or same_grant(current, desired):
        return False, current, current, None
    note = RECREATED if current is not None and desired is not None else None
    if check_mode:
        # Only a predicted change needs the CA's status: would AWS take it?
        operation = 'DeletePermission' if current is not None else 'CreatePermission'
        warnings.extend(predict_state_refusal(require_certificate_authority(client, arn), operation, 'permission'))
        return True, current, desired, note
    if current is not None:
        delete_permission(client, current)
    if desired is not None:
        try:
            create_permission(client, desired, source_account_given)
        except AcmPcaError as error:
            if current is not None:
                # AWS cannot change a permission: the delete is done, and the CA is left without one.
                actions = ', '.join(current.get('Actions') or [])
                error.message += ('; DeletePermission had already removed the permission of %s for account %s (%s), so the CA '
                                  'has none for that account now' % (current['Principal'], requested['SourceAccount'], actions))
                error.details['changed'] = True
            raise
        # As AWS lists it (created_at, the policy it generated); one read, not retried: until
        # the listing shows it, the fields AWS makes stay null.
        desired = find_permission(read_permissions(client, arn), requested['Principal'], requested['SourceAccount']) or desired
    return True, current, desired, note


# What a permission grants, as the diff shows it: AWS makes the rest (created_at, the policy).
DIFF_KEYS = ('principal', 'source_account', 'actions')


def permission_diff(arn, before, after, note):
    def grant(permission):
        return {key: permission[key] for key in DIFF_KEYS} if permission else {}
    return dict(before=grant(before), after=grant(after), before_header=f'{arn} (before)',
                after_header='%s (after%s)' % (arn, '; %s' % note if note else ''))


def main():
    argument_spec = dict(
        certificate_authority_arn=dict(type='str', required=True, aliases=['arn', 'resource_arn']),
        principal=dict(type='str', default='acm.amazonaws.com'),
        source_account=dict(type='str'),
        actions=dict(type='list', elements='str', default=list(PERMISSION_ACTIONS)),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    argument_spec.update(connection_argument_spec())
    module = checked_module(argument_spec=argument_spec, mutually_exclusive=connection_mutually_exclusive(),
                            supports_check_mode=True)
    require_boto3(module)
    params = module.params

    warnings = []
    try:
        ca = parse_certificate_authority_arn(params['certificate_authority_arn'], option='certificate_authority_arn')
        requested = requested_permission(ca, params['principal'], params['source_account'], params['actions'])
        client = client_for_certificate_authority(params, ca, 'certificate_authority_arn')
        changed, before, after, note = ensure_permission(client, requested, params['state'], params['source_account'] is not None,
                                                         module.check_mode, warnings)
    except (InputError, AcmPcaError) as error:
        error.fail(module)

    for warning in warnings:
        module.warn(warning)
    before, after = permission_for_user(before), permission_for_user(after)
    result = dict(changed=changed, permission=after)
    if module._diff:
        result['diff'] = permission_diff(ca.arn, before, after, note)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
