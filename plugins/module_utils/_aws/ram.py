# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""AWS RAM resource shares of CAs: the reads and writes, through boto3's ``ram`` client as the
RAM API reference documents it (https://docs.aws.amazon.com/ram/latest/APIReference/).

Every botocore failure leaves here as an AcmPcaError (errors.py). What to change is decided
in ram_share_plan.py, without AWS.
"""


import time
import uuid
from dataclasses import dataclass

from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import Connection, service_client
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError, aws_call
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.ram_share_plan import (
    CA_RESOURCE_TYPE,
    GONE_SHARE_STATUSES,
    IN_PROGRESS,
    IN_SHARE,
    is_ca_resource_type,
    is_organization_principal,
    is_permission_arn,
    permission_templates,
)

# Seconds between two reads of a share's associations while waiting for them to settle.
WAIT_INTERVAL = 5
NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException'
UNKNOWN = 'UnknownResourceException'
_CA_ARN_MARK = ':certificate-authority/'
ORGANIZATION_SHARING_HINT = ('RAM refused the organization principal%s %s: sharing with AWS Organizations is not enabled '
                             'in RAM (or its onboarding is still in progress). EnableSharingWithAwsOrganization must be '
                             'run from the organization\'s management account (aws ram enable-sharing-with-aws-organization, '
                             'or the RAM console\'s Settings) before an organization or OU can be a principal')


def ram_client(params):
    return service_client(params, 'ram')


def all_pages(call, key, **kwargs):
    """Every item under ``key`` of an operation botocore has no paginator for."""
    token = None
    while True:
        page = call(**kwargs, **({'nextToken': token} if token else {}))
        yield from page.get(key, [])
        token = page.get('nextToken')
        if not token:
            return


def paginated(client, operation_name, method, key, subject=None, **kwargs):
    with aws_call(operation_name, subject):
        return [item for page in client.get_paginator(method).paginate(**kwargs) for item in page.get(key, [])]


# ------------------------------------------------------------------ shares

def live_shares(client, name=None, resource_share_arn=None):
    """The caller's shares with this name (or this ARN; else all) that RAM has not deleted."""
    kwargs = dict(resourceOwner='SELF')
    if resource_share_arn:
        kwargs['resourceShareArns'] = [resource_share_arn]
    elif name is not None:
        kwargs['name'] = name
    try:
        shares = paginated(client, 'GetResourceShares', 'get_resource_shares', 'resourceShares', resource_share_arn, **kwargs)
    except AcmPcaError as error:
        if resource_share_arn and error.code == UNKNOWN:
            return []
        raise
    return [share for share in shares if share.get('status') not in GONE_SHARE_STATUSES
            and (resource_share_arn or name is None or share.get('name') == name)]


def find_share(client, name=None, resource_share_arn=None):
    """The one live share named ``name`` (or with this ARN), or None; several is an error."""
    shares = live_shares(client, name, resource_share_arn)
    if len(shares) > 1:
        raise AcmPcaError('%d live resource shares of this account are named %r: %s; RAM allows that, so name the one '
                          'to manage with resource_share_arn'
                          % (len(shares), name, ', '.join(sorted(share['resourceShareArn'] for share in shares))))
    return shares[0] if shares else None


@dataclass
class Associations:
    """A share's resource and principal associations (GetResourceShareAssociations), the
    latest of each entity."""

    resources: list
    principals: list

    def certificate_authority_arns(self):
        # Only CAs: a share may hold other resource types, which this collection leaves alone.
        return frozenset(item['associatedEntity'] for item in self.resources
                         if item.get('status') in IN_SHARE and _CA_ARN_MARK in item['associatedEntity'])

    def principal_ids(self):
        return frozenset(item['associatedEntity'] for item in self.principals if item.get('status') in IN_SHARE)

    def external_principals(self):
        return sorted(item['associatedEntity'] for item in self.principals
                      if item.get('status') in IN_SHARE and item.get('external'))

    def in_progress(self):
        """``(entity, status)`` of what has not settled. ASSUMPTION (RAM does not document it): a
        principal outside the organization stays ASSOCIATING until it accepts the invitation;
        that counts as settled (pending), since only the invited account can end it."""
        return sorted((item['associatedEntity'], item['status']) for item in self.resources + self.principals
                      if item.get('status') in IN_PROGRESS and not is_pending_invitation(item))

    def failed(self, entities):
        """``(entity, status message)`` of the associations of ``entities`` that RAM failed."""
        return sorted((item['associatedEntity'], item.get('statusMessage') or 'no status message')
                      for item in self.resources + self.principals
                      if item.get('status') == 'FAILED' and item['associatedEntity'] in entities)


def is_pending_invitation(association):
    return (association.get('associationType') == 'PRINCIPAL' and association.get('status') == 'ASSOCIATING'
            and bool(association.get('external')))


def _latest(associations):
    # RAM may list an entity's past associations (DISASSOCIATED) beside its current one.
    latest = {}
    for item in associations:
        entity = (item.get('resourceShareArn'), item['associatedEntity'])
        if entity not in latest or str(item.get('lastUpdatedTime', '')) >= str(latest[entity].get('lastUpdatedTime', '')):
            latest[entity] = item
    return list(latest.values())


def read_associations(client, share_arn=None):
    """The associations of one share, or (without ``share_arn``) of every share of the account."""
    found = []
    scope = dict(resourceShareArns=[share_arn]) if share_arn else {}
    for association_type in ('RESOURCE', 'PRINCIPAL'):
        found.append(_latest(paginated(client, 'GetResourceShareAssociations', 'get_resource_share_associations',
                                       'resourceShareAssociations', share_arn, associationType=association_type, **scope)))
    return Associations(*found)


def principals_for_user(entities, associations):
    """Each principal with its association's status (None where there is none yet)."""
    by_entity = {item['associatedEntity']: item for item in (associations.principals if associations else [])}
    shown = []
    for entity in sorted(entities):
        item = by_entity.get(entity, {})
        shown.append(dict(id=entity, status=item.get('status'), status_message=item.get('statusMessage'),
                          external=item.get('external'), pending_invitation=is_pending_invitation(item)))
    return shown


def permission_for_user(permission, replaced=False):
    if permission is None:
        return None
    # A replaced permission is in use at its default version (AssociateResourceSharePermission).
    return dict(name=permission.get('name'), arn=permission['arn'], version=permission.get('version'),
                is_default_version=True if replaced else bool(permission.get('defaultVersion')))


def shares_by_certificate_authority(client, certificate_authority_arns):
    """{CA ARN: [share]} of the caller's live shares that hold these CAs, each share with its
    ``arn``, ``name``, ``status``, ``permission`` and ``principals``. The calls grow with the
    shares, not the CAs: GetResourceShares and GetResourceShareAssociations for the whole
    account, then ListResourceSharePermissions for each share that holds one of the CAs."""
    shares = {share['resourceShareArn']: share for share in live_shares(client, resource_share_arn=None, name=None)}
    everything = read_associations(client)
    wanted = set(certificate_authority_arns)
    held = {}
    for item in everything.resources:
        if item.get('status') in IN_SHARE and item['associatedEntity'] in wanted and item['resourceShareArn'] in shares:
            held.setdefault(item['resourceShareArn'], set()).add(item['associatedEntity'])
    found = {arn: [] for arn in certificate_authority_arns}
    for share_arn in sorted(held):
        mine = Associations([], [item for item in everything.principals if item['resourceShareArn'] == share_arn])
        shown = dict(arn=share_arn, name=shares[share_arn].get('name'), status=shares[share_arn].get('status'),
                     permission=permission_for_user(share_permission(client, share_arn)),
                     principals=principals_for_user(mine.principal_ids(), mine))
        for ca_arn in sorted(held[share_arn]):
            found[ca_arn].append(shown)
    return found


def wait_until_settled(client, share_arn, timeout):
    """The share's associations once none is in progress; an error naming what still is
    after ``timeout`` seconds (RAM refuses to change a share while an association is ASSOCIATING)."""
    deadline = time.monotonic() + timeout
    while True:
        associations = read_associations(client, share_arn)
        pending = associations.in_progress()
        if not pending:
            return associations
        if time.monotonic() >= deadline:
            raise AcmPcaError('the associations of %s did not settle within wait_timeout (%s s); still in progress: %s'
                              % (share_arn, timeout, ', '.join(f'{entity} ({status})' for entity, status in pending)))
        time.sleep(max(0, min(WAIT_INTERVAL, deadline - time.monotonic())))


def check_no_failure(associations, entities, share_arn):
    failed = associations.failed(entities)
    if failed:
        raise AcmPcaError('RAM failed to associate %s with %s: %s' % (
            ', '.join(entity for entity, _message in failed), share_arn,
            '; '.join(f'{entity}: {message}' for entity, message in failed)))


# ------------------------------------------------------------- permissions

def share_permission(client, share_arn):
    """The share's permission for CAs (ListResourceSharePermissions), or None."""
    with aws_call('ListResourceSharePermissions', share_arn):
        permissions = list(all_pages(client.list_resource_share_permissions, 'permissions', resourceShareArn=share_arn))
    for permission in permissions:
        if is_ca_resource_type(permission.get('resourceType')):
            return permission
    return None


def get_permission(client, permission_arn, version=None):
    kwargs = dict(permissionArn=permission_arn)
    if version is not None:
        kwargs['permissionVersion'] = int(version)
    with aws_call('GetPermission', permission_arn):
        return client.get_permission(**kwargs)['permission']


def certificate_authority_permissions(client):
    """Every RAM permission for CAs this account may attach: AWS managed and its own."""
    with aws_call('ListPermissions'):
        return list(all_pages(client.list_permissions, 'permissions', resourceType=CA_RESOURCE_TYPE))


def resolve_permission(client, requested, current=None):
    """The permission ``requested`` names (a name or an ARN), as RAM lists it; ``current``,
    the share's own, answers without a call when it is the one named."""
    if current and requested in (current.get('name'), current.get('arn')):
        return current
    if is_permission_arn(requested):
        try:
            permission = get_permission(client, requested)
        except AcmPcaError as error:
            if error.code == UNKNOWN:
                raise InputError(f'permission {requested} is not known to RAM ({error.aws_message})')
            raise
        return _for_certificate_authorities(permission, requested)
    listed = certificate_authority_permissions(client)
    for permission in listed:
        if permission.get('name') == requested:
            return permission
    # The name of an AWS managed permission for another resource type is worth telling apart.
    try:
        other = get_permission(client, f'arn:{client.meta.partition}:ram::aws:permission/{requested}')
    except AcmPcaError as error:
        if error.code != UNKNOWN:
            raise
        raise InputError('permission %r is not a RAM permission for %s; those this account may use: %s'
                         % (requested, CA_RESOURCE_TYPE, ', '.join(sorted(item['name'] for item in listed)) or 'none'))
    return _for_certificate_authorities(other, requested)


def _for_certificate_authorities(permission, requested):
    if not is_ca_resource_type(permission.get('resourceType')):
        raise InputError('permission %s is for the resource type %s, not %s: a share of CAs needs a permission for CAs'
                         % (requested, permission.get('resourceType'), CA_RESOURCE_TYPE))
    return permission


def templates_of(client, permission):
    """The template ARNs ``permission`` (as listed, or as GetPermission answered) allows."""
    template = permission.get('permission')
    if template is None:
        template = get_permission(client, permission['arn'], permission.get('version'))['permission']
    return permission_templates(template)


# ------------------------------------------------------------ organizations

def describe_organization(params, region):
    """The caller's organization (DescribeOrganization works from member accounts too)."""
    client = Connection(params).client('organizations', region)
    try:
        with aws_call('DescribeOrganization'):
            return client.describe_organization()['Organization']
    except AcmPcaError as error:
        if error.code == NOT_IN_ORGANIZATION:
            raise InputError('the account in use belongs to no organization, so o-... and ou-... principals cannot be '
                             'turned into ARNs; give organizations and OUs as ARNs')
        raise


# ------------------------------------------------------------------ writes

def _token():
    # A clientToken makes botocore's retries of a write safe: RAM does it once.
    return str(uuid.uuid4())


def _write(operation, share_arn, call, principals=()):
    try:
        with aws_call(operation, share_arn):
            return call()
    except AcmPcaError as error:
        organization_principals = sorted(principal for principal in principals if is_organization_principal(principal))
        refused = error.code in ('OperationNotPermittedException', 'InvalidParameterException')
        if organization_principals and refused and 'organization' in error.aws_message.lower():
            error.message += ' (%s)' % (ORGANIZATION_SHARING_HINT % ('s' if len(organization_principals) > 1 else '',
                                                                     ', '.join(organization_principals)))
        raise


def create_share(client, name, state, permission_arn):
    """One CreateResourceShare with the CAs, principals, permission and tags: RAM makes all or nothing."""
    kwargs = dict(name=name, resourceArns=sorted(state.certificate_authority_arns), principals=sorted(state.principals),
                  permissionArns=[permission_arn], allowExternalPrincipals=state.allow_external_principals,
                  clientToken=_token())
    if state.tags:
        kwargs['tags'] = [dict(key=key, value=value) for key, value in sorted(state.tags.items())]
    return _write('CreateResourceShare', None, lambda: client.create_resource_share(**kwargs)['resourceShare'],
                  state.principals)


def associate(client, share_arn, resource_arns, principals):
    _write('AssociateResourceShare', share_arn, lambda: client.associate_resource_share(
        resourceShareArn=share_arn, resourceArns=list(resource_arns), principals=list(principals), clientToken=_token()),
        principals)


def disassociate(client, share_arn, resource_arns, principals):
    _write('DisassociateResourceShare', share_arn, lambda: client.disassociate_resource_share(
        resourceShareArn=share_arn, resourceArns=list(resource_arns), principals=list(principals), clientToken=_token()))


def replace_permission(client, share_arn, permission_arn):
    """AssociateResourceSharePermission with replace: the RAM API reference's way to change the
    permission of one resource type in one share (ReplacePermissionAssociations changes every share)."""
    _write('AssociateResourceSharePermission', share_arn, lambda: client.associate_resource_share_permission(
        resourceShareArn=share_arn, permissionArn=permission_arn, replace=True, clientToken=_token()))


def set_allow_external_principals(client, share_arn, allow):
    _write('UpdateResourceShare', share_arn, lambda: client.update_resource_share(
        resourceShareArn=share_arn, allowExternalPrincipals=allow, clientToken=_token()))


def tag_share(client, share_arn, tags):
    _write('TagResource', share_arn, lambda: client.tag_resource(
        resourceShareArn=share_arn, tags=[dict(key=key, value=value) for key, value in sorted(tags.items())]))


def untag_share(client, share_arn, keys):
    _write('UntagResource', share_arn, lambda: client.untag_resource(resourceShareArn=share_arn, tagKeys=list(keys)))


def delete_share(client, share_arn):
    _write('DeleteResourceShare', share_arn,
           lambda: client.delete_resource_share(resourceShareArn=share_arn, clientToken=_token()))


def tags_of(share):
    return {tag['key']: tag.get('value', '') for tag in share.get('tags') or []}
