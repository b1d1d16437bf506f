#!/usr/bin/python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


DOCUMENTATION = r'''
module: acmpca_ram_share
short_description: Share AWS Private CAs through an AWS RAM resource share
version_added: 0.1.0
description:
  - Creates, changes or deletes one AWS Resource Access Manager (RAM) resource share of AWS
    Private Certificate Authorities (ACM PCA), the way the AWS console shares a CA. RAM writes
    the CAs' resource policies for the share; what members may do is the share's RAM
    permission.
  - The share is found by O(name) among the account's shares RAM has not deleted, or by
    O(resource_share_arn). RAM allows several shares with one name; more than one live share
    with O(name) fails the task, naming their ARNs.
  - On an existing share only what the task states is enforced. An omitted O(permission) or
    O(allow_external_principals) leaves the share's own; an omitted O(certificate_authority_arns),
    O(principals) or O(tags) changes nothing of that kind, whatever the C(purge_*) options say.
  - A share RAM made from a resource policy (feature set C(CREATED_FROM_POLICY)) cannot be
    modified; it is reported, and a task that would change or delete it fails.
  - Changes go through association and disassociation, and a permission replacement; a new
    share is created with its CAs, principals and permission in one call, so a refusal leaves
    nothing half made. An unchanged share is only read.
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  name:
    description:
      - The name of the share. Needed to create one.
      - Mutually exclusive with O(resource_share_arn).
    type: str
  resource_share_arn:
    description:
      - The ARN of an existing share to manage, instead of its O(name).
    type: str
    aliases: [arn]
  certificate_authority_arns:
    description:
      - The CAs of the share, by ARN, each of the share's region and owned by the share's account.
      - Resources of other types in the share are left alone.
    type: list
    elements: str
  purge_certificate_authorities:
    description:
      - With V(true), CAs in the share but not in O(certificate_authority_arns) are taken out;
        with V(false), the CAs listed are added to the others.
      - No effect when O(certificate_authority_arns) is not given.
    type: bool
    default: true
  principals:
    description:
      - Who the share is for. Each is a 12-digit account ID (quote it in YAML), an organization
        or organizational unit as its ARN or as its C(o-...) / C(ou-...) ID (turned into the ARN
        through AWS Organizations' DescribeOrganization; an C(o-) ID must be the caller's own
        organization), or an IAM role or user ARN.
      - A principal given as ID and as ARN is one principal.
      - An organization or OU needs RAM's sharing with AWS Organizations enabled (from the
        management account); principals outside the organization need
        O(allow_external_principals=true) and accept an invitation
        (M(pki.acmpca.acmpca_ram_share_invitation)).
      - "ASSUMPTION: whether RAM lets a CA be shared with an IAM role or user is not documented
        for this resource type; RAM's refusal is passed on."
    type: list
    elements: str
  purge_principals:
    description:
      - With V(true), principals of the share not in O(principals) are taken out; with V(false),
        the principals listed are added.
      - No effect when O(principals) is not given.
    type: bool
    default: true
  permission:
    description:
      - The RAM permission that says what principals may do with the CAs, by name (an AWS
        managed permission, or a customer managed permission of the account) or ARN; it must
        be a permission for C(acm-pca:CertificateAuthority).
      - Compared by ARN with the share's. A new share gets
        V(AWSRAMDefaultPermissionCertificateAuthority) when this is not given.
      - A share holds one permission per resource type; to let members revoke too, make a
        second share with V(AWSRAMRevokeCertificateCertificateAuthority).
    type: str
  allow_external_principals:
    description:
      - Whether principals outside the caller's organization may be associated.
      - A new share gets V(false) when this is not given (the RAM API's default is true).
      - V(false) fails while principals outside the organization are associated, naming them.
    type: bool
  tags:
    description:
      - Tags of the share, key to value.
    type: dict
  purge_tags:
    description:
      - With V(true), tags not in O(tags) are removed; no effect when O(tags) is not given.
    type: bool
    default: true
  wait:
    description:
      - Wait for associations to settle before associating or disassociating (RAM refuses to
        change a share while one is in progress) and after the task's changes, so that the
        result shows them settled and a failed association fails the task.
      - A principal outside the organization whose invitation is not yet accepted counts as
        settled and is reported with C(pending_invitation=true).
      - With V(false), the task fails instead of waiting when an association is in progress
        before a change.
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait each time, in seconds. A timeout fails the task naming what is pending.
    type: int
    default: 300
  state:
    description:
      - V(present) makes the share exist as stated; V(absent) deletes it (O(certificate_authority_arns)
        and O(principals) are then ignored). To take CAs out of a share, use V(present) with
        the purge options.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    support: full
    details: Check mode reads the share and never writes.
  diff_mode:
    support: full
extends_documentation_fragment:
  - pki.acmpca.connection
  - ansible.builtin.action_common_attributes
notes:
  - The AWS calls made and the IAM permissions they need are in docs/user_guide.md ("Sharing through AWS RAM").
  - The share is in the region of the connection; every CA must be in that region.
seealso:
  - module: pki.acmpca.acmpca_ram_share_invitation
  - module: pki.acmpca.acmpca_policy
  - module: pki.acmpca.acmpca_info
  - name: Attach a policy for cross-account access
    description: The AWS Private CA user guide on the two ways to share a CA, a policy or AWS RAM.
    link: https://docs.aws.amazon.com/privateca/latest/userguide/pca-ram.html
  - name: CreateResourceShare
    description: The AWS RAM API reference.
    link: https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html
'''

EXAMPLES = r'''
- name: Share two CAs with the whole organization
  pki.acmpca.acmpca_ram_share:
    name: pki-shared-cas
    certificate_authority_arns: "{{ ca_arns }}"
    principals: [o-a1b2c3d4e5]

- name: Let two accounts revoke too, through a second share with the revoke permission
  pki.acmpca.acmpca_ram_share:
    name: pki-shared-cas-revoke
    certificate_authority_arns: "{{ ca_arns }}"
    principals: ["111122223333", "444455556666"]
    permission: AWSRAMRevokeCertificateCertificateAuthority

- name: Add one CA to the share, keeping the others, and show what changes
  pki.acmpca.acmpca_ram_share:
    name: pki-shared-cas
    certificate_authority_arns: ["{{ new_ca_arn }}"]
    purge_certificate_authorities: false
  diff: true

- name: Share with a partner outside the organization (it accepts the invitation)
  pki.acmpca.acmpca_ram_share:
    name: pki-partner
    certificate_authority_arns: ["{{ new_ca_arn }}"]
    principals: ["777788889999"]
    allow_external_principals: true
    tags: {Team: pki}

- name: Delete the partner's share
  pki.acmpca.acmpca_ram_share:
    name: pki-partner
    state: absent
'''

RETURN = r'''
resource_share:
  description:
    - The share after the task (in check mode, as it would be); V(null) when there is none.
  returned: success
  type: dict
  contains:
    arn:
      description: The share's ARN; V(null) for a share check mode would create.
      type: str
      sample: arn:aws:ram:eu-west-1:111122223333:resource-share/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    name:
      description: The share's name.
      type: str
      sample: pki-shared-cas
    status:
      description: The share's status (V(ACTIVE), V(PENDING), ...).
      type: str
      sample: ACTIVE
    feature_set:
      description: V(STANDARD), or V(CREATED_FROM_POLICY) for a share RAM made from a policy (never modified).
      type: str
      sample: STANDARD
    allow_external_principals:
      description: Whether principals outside the organization may be associated.
      type: bool
      sample: false
    certificate_authority_arns:
      description: The CAs in the share.
      type: list
      elements: str
      sample: [arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789]
    principals:
      description: The share's principals with their association's status.
      type: list
      elements: dict
      contains:
        id:
          description: The principal as RAM reports it (an account ID, or an ARN).
          type: str
        status:
          description: The association's status; V(null) for one check mode would make.
          type: str
        status_message:
          description: RAM's message about the association, if any.
          type: str
        external:
          description: Whether the principal is outside the organization.
          type: bool
        pending_invitation:
          description: Whether it is an outside principal that has not yet accepted the invitation.
          type: bool
      sample: [{id: arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5, status: ASSOCIATED,
                status_message: null, external: false, pending_invitation: false}]
    permission:
      description: The share's permission for CAs.
      type: dict
      contains:
        name:
          description: The permission's name.
          type: str
        arn:
          description: The permission's ARN.
          type: str
        version:
          description: The version in use.
          type: str
        is_default_version:
          description: Whether the version in use is the permission's default.
          type: bool
      sample: {name: AWSRAMDefaultPermissionCertificateAuthority, version: "1", is_default_version: true,
               arn: "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionCertificateAuthority"}
    templates:
      description:
        - The certificate template ARNs the permission lets members issue with, read from its
          policy template; V([]) when it does not grant C(acm-pca:IssueCertificate); V(null) when
          it grants it with no C(acm-pca:TemplateArn) condition (any template).
      type: list
      elements: str
      sample: [arn:aws:acm-pca:::template/EndEntityCertificate/V1]
    tags:
      description: The share's tags.
      type: dict
      sample: {Team: pki}
diff:
  description: The CAs, principals, permission ARN, external flag and tags before and after.
  returned: in diff mode
  type: dict
'''

from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    caller_account_lookup,
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.module_options import checked_module
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram import (
    associate,
    check_no_failure,
    create_share,
    delete_share,
    describe_organization,
    disassociate,
    find_share,
    permission_for_user,
    principals_for_user,
    ram_client,
    read_associations,
    replace_permission,
    resolve_permission,
    set_allow_external_principals,
    share_permission,
    tag_share,
    tags_of,
    templates_of,
    untag_share,
    wait_until_settled,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.ram_share_plan import (
    CREATED_FROM_POLICY,
    DEFAULT_PERMISSION,
    Request,
    ShareState,
    check_certificate_authority_arns,
    check_principals,
    external_principals_kept,
    foreign_certificate_authorities,
    needs_organization,
    new_share,
    plan_share_changes,
    principals_as_ram_reports_them,
    share_diff,
)


def requested(params, cas, organization):
    principals = params['principals']
    return Request(
        certificate_authority_arns=None if params['certificate_authority_arns'] is None else frozenset(ca.arn for ca in cas),
        principals=None if principals is None else frozenset(principals_as_ram_reports_them(principals, organization)),
        allow_external_principals=params['allow_external_principals'],
        tags=None if params['tags'] is None else {str(key): str(value) for key, value in params['tags'].items()},
        purge_certificate_authorities=params['purge_certificate_authorities'],
        purge_principals=params['purge_principals'],
        purge_tags=params['purge_tags'],
    )


def refuse_created_from_policy(share, what):
    if share.get('featureSet') == CREATED_FROM_POLICY:
        raise AcmPcaError('%s was made by RAM from a resource policy (feature set %s), and RAM does not allow it to be %s; '
                          'promote it to a standard share first (PromoteResourceShareCreatedFromPolicy), or manage the '
                          'CA\'s policy with pki.acmpca.acmpca_policy' % (share['resourceShareArn'], CREATED_FROM_POLICY, what))


def current_state(share, associations, permission):
    return ShareState(associations.certificate_authority_arns(), associations.principal_ids(),
                      permission['arn'] if permission else None, bool(share.get('allowExternalPrincipals')), tags_of(share))


def plan_present(module, client, share, cas):
    """(plan, associations read, the permission the share will have)."""
    params = module.params
    organization = describe_organization(params, client.meta.region_name) if needs_organization(params['principals']) else None
    request = requested(params, cas, organization)
    if share is None:
        permission = resolve_permission(client, params['permission'] or DEFAULT_PERMISSION)
        plan = new_share(request, permission['arn'])
        if plan.after.certificate_authority_arns:
            owner = caller_account_lookup(params, client.meta.region_name)()
            refuse_foreign(cas, owner)
        return plan, None, permission
    associations = read_associations(client, share['resourceShareArn'])
    current_permission = share_permission(client, share['resourceShareArn'])
    permission = current_permission
    if params['permission']:
        permission = resolve_permission(client, params['permission'], current_permission)
    request.permission_arn = permission['arn'] if permission else None
    plan = plan_share_changes(current_state(share, associations, current_permission), request)
    if plan.changed:
        refuse_created_from_policy(share, 'modified')
        refuse_foreign(cas, share['owningAccountId'])
        kept = external_principals_kept(plan, associations.external_principals())
        if kept:
            raise InputError('allow_external_principals cannot be false while principals outside the organization are '
                             'associated with %s: %s; take them out too (principals, purge_principals)'
                             % (share['resourceShareArn'], ', '.join(kept)))
    return plan, associations, permission


def refuse_foreign(cas, account):
    foreign = foreign_certificate_authorities(cas, account)
    if foreign:
        raise InputError('only the account that owns a CA may share it, and the share belongs to account %s: %s'
                         % (account, ', '.join(foreign)))


def settled(client, share_arn, associations, params):
    """The associations once none is in progress (RAM refuses changes meanwhile)."""
    if associations is not None and not associations.in_progress():
        return associations
    if params['wait']:
        return wait_until_settled(client, share_arn, params['wait_timeout'])
    associations = associations or read_associations(client, share_arn)
    if associations.in_progress():
        raise AcmPcaError('associations of %s are still in progress (%s) and wait is false; run again later, or with wait: true'
                          % (share_arn, ', '.join(f'{entity} ({status})' for entity, status in associations.in_progress())))
    return associations


def change_existing(client, params, arn, plan, associations):
    """The plan's changes to an existing share, each association change once the share has
    settled. External sharing is turned on before principals are added, off after they go."""
    if plan.update_allow_external_principals and plan.after.allow_external_principals:
        set_allow_external_principals(client, arn, True)
    if plan.replace_permission:
        settled(client, arn, associations, params)
        replace_permission(client, arn, plan.after.permission_arn)
        associations = None
    if plan.disassociate_certificate_authorities or plan.disassociate_principals:
        settled(client, arn, associations, params)
        disassociate(client, arn, plan.disassociate_certificate_authorities, plan.disassociate_principals)
        associations = None
    if plan.associate_certificate_authorities or plan.associate_principals:
        settled(client, arn, associations, params)
        associate(client, arn, plan.associate_certificate_authorities, plan.associate_principals)
    if plan.update_allow_external_principals and not plan.after.allow_external_principals:
        set_allow_external_principals(client, arn, False)
    if plan.tags_to_set:
        tag_share(client, arn, plan.tags_to_set)
    if plan.tag_keys_to_remove:
        untag_share(client, arn, plan.tag_keys_to_remove)


def apply(client, params, share, plan, associations):
    """Make the plan's changes; (the share, its associations afterwards)."""
    if plan.create:
        share = create_share(client, params['name'], plan.after, plan.after.permission_arn)
    else:
        change_existing(client, params, share['resourceShareArn'], plan, associations)
    arn = share['resourceShareArn']
    if params['wait']:
        associations = wait_until_settled(client, arn, params['wait_timeout'])
        added = set(plan.after.certificate_authority_arns - (plan.before.certificate_authority_arns if plan.before else frozenset()))
        added |= plan.after.principals - (plan.before.principals if plan.before else frozenset())
        check_no_failure(associations, added, arn)
    else:
        associations = read_associations(client, arn)
    return share, associations


def share_for_user(client, share, plan, associations, permission, written):
    """The share as RV(resource_share) shows it. ``written``: the associations were read
    after the changes (else the plan's result is shown, with what is known of each)."""
    state = plan.after
    certificate_authority_arns = associations.certificate_authority_arns() if written else state.certificate_authority_arns
    principals = associations.principal_ids() if written else state.principals
    replaced = plan.create or plan.replace_permission
    return dict(
        arn=share.get('resourceShareArn') if share else None,
        name=share.get('name') if share else None,
        status=share.get('status') if share else None,
        feature_set=share.get('featureSet') if share else None,
        allow_external_principals=state.allow_external_principals,
        certificate_authority_arns=sorted(certificate_authority_arns),
        principals=principals_for_user(principals, associations),
        permission=permission_for_user(permission, replaced),
        templates=templates_of(client, permission) if permission else None,
        tags=dict(state.tags),
    )


def ensure_absent(module, client, share):
    if share is None:
        return dict(changed=False, resource_share=None)
    refuse_created_from_policy(share, 'deleted')
    if not module.check_mode:
        delete_share(client, share['resourceShareArn'])
    result = dict(changed=True, resource_share=None)
    if module._diff:
        result['diff'] = dict(before=dict(arn=share['resourceShareArn'], name=share.get('name')), after={})
    return result


def ensure_present(module, client, share, cas):
    params = module.params
    if share is None and not params['name']:
        raise InputError(f"no live resource share {params['resource_share_arn']} in this account and region; to create "
                         "a share, give its name")
    plan, associations, permission = plan_present(module, client, share, cas)
    written = False
    if plan.changed and not module.check_mode:
        share, associations = apply(client, params, share, plan, associations)
        written = True
    shown = share_for_user(client, share, plan, associations, permission, written or not plan.changed)
    if share is None:
        shown['name'] = params['name']
    result = dict(changed=plan.changed, resource_share=shown)
    if module._diff:
        result['diff'] = share_diff(plan, params['name'] or share['name'])
    return result


def main():
    argument_spec = dict(
        name=dict(type='str'),
        resource_share_arn=dict(type='str', aliases=['arn']),
        certificate_authority_arns=dict(type='list', elements='str'),
        purge_certificate_authorities=dict(type='bool', default=True),
        principals=dict(type='list', elements='str'),
        purge_principals=dict(type='bool', default=True),
        permission=dict(type='str'),
        allow_external_principals=dict(type='bool'),
        tags=dict(type='dict'),
        purge_tags=dict(type='bool', default=True),
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='int', default=300),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    argument_spec.update(connection_argument_spec())
    module = checked_module(argument_spec=argument_spec, supports_check_mode=True,
                            required_one_of=[['name', 'resource_share_arn']],
                            mutually_exclusive=[['name', 'resource_share_arn']] + connection_mutually_exclusive())
    require_boto3(module)
    params = module.params

    try:
        if params['wait_timeout'] < 0:
            raise InputError(f"wait_timeout must be 0 or more seconds, got {params['wait_timeout']}")
        present = params['state'] == 'present'
        if present:
            check_principals(params['principals'])
        client = ram_client(params)
        # The lists are ignored with state=absent.
        cas = check_certificate_authority_arns(params['certificate_authority_arns'], client.meta.region_name) if present else []
        share = find_share(client, params['name'], params['resource_share_arn'])
        if present:
            result = ensure_present(module, client, share, cas)
        else:
            result = ensure_absent(module, client, share)
    except (InputError, AcmPcaError) as error:
        error.fail(module)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
