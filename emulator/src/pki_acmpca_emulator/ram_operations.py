# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RAM's permission, invitation, tag and organization operations, as ``operation(account_id, region, params) -> answer``.

Each follows its AWS RAM API Reference page; ram_shares.py has the share operations.
"""

from pki_acmpca_emulator import ram_model, ram_permissions, ram_policy
from pki_acmpca_emulator.ram_common import (PCA_RESOURCE_TYPE, RamError, arn_parts, invalid_parameter, malformed_arn, new_id, not_permitted,
                                            now, page, store_for, stores_in, tags_from, unknown_resource)
from pki_acmpca_emulator.ram_shares import _resource_entry, _strings, own_share, shares_reaching


def _paged(key, items, params, operation):
    chunk, token = page(items, params, operation)
    return dict({key: chunk}, **({"nextToken": token} if token else {}))


# ---------------------------------------------------------------- permissions

def list_permissions(account_id, region, params):
    """ListPermissions: AWS managed and the caller's customer managed permissions."""
    permissions = ram_permissions.list_permissions(store_for(account_id, region), params)
    return _paged("permissions", [permission.summary() for permission in permissions], params, "ListPermissions")


def get_permission(account_id, region, params):
    """GetPermission: the permission with its policy template (``permission``)."""
    permission = ram_permissions.find(store_for(account_id, region), params.get("permissionArn"), params.get("permissionVersion"))
    return {"permission": permission.detail()}


def create_permission(account_id, region, params):
    """CreatePermission: a customer managed permission (AWS RAM User Guide, "Creating customer managed permissions")."""
    permission = ram_permissions.create_permission(store_for(account_id, region), params)
    return {"permission": permission.summary()}


def delete_permission(account_id, region, params):
    """DeletePermission of a customer managed permission no share uses.

    ASSUMPTION: one in use is OperationNotPermittedException; an AWS managed one too."""
    store = store_for(account_id, region)
    permission = ram_permissions.find(store, params.get("permissionArn"))
    if permission.arn not in store.permissions:
        raise not_permitted(f"You can't delete the AWS managed permission {permission.arn}.")
    if any(p.arn == permission.arn for share in store.shares.values() if share.status == "ACTIVE" for p in share.permissions.values()):
        raise not_permitted(f"The permission {permission.arn} is associated with a resource share.")
    del store.permissions[permission.arn]
    return {"returnValue": True, "permissionStatus": "DELETED"}


def list_resource_share_permissions(account_id, region, params):
    """ListResourceSharePermissions of the caller's share, or (ASSUMPTION) of one it has."""
    arn = params.get("resourceShareArn")
    try:
        share = own_share(account_id, region, arn)
    except RamError:
        share = next((share for share in shares_reaching(account_id, region) if share.arn == arn), None)
        if share is None:
            raise
    summaries = [dict(permission.summary(), resourceOwner="SELF" if share.owner == account_id else "OTHER-ACCOUNTS")
                 for permission in share.permissions.values()]
    return _paged("permissions", summaries, params, "ListResourceSharePermissions")


def _set_permission(share, permission, replace):
    current = share.permissions.get(permission.resource_type)
    if current is not None and current.arn != permission.arn and not replace:
        # AssociateResourceSharePermission reference: without replace, a second permission for a
        # type is an error (ASSUMPTION: InvalidParameterException).
        raise invalid_parameter(f"The resource share already has the permission {current.arn} for resource type "
                                f"{permission.resource_type}; set replace to true to replace it.")
    share.permissions[permission.resource_type] = permission
    share.touch()


def associate_resource_share_permission(account_id, region, params):
    """AssociateResourceSharePermission: add a permission, or replace the one for its type (``replace``)."""
    share = own_share(account_id, region, params.get("resourceShareArn"), modify=True)
    permission = ram_permissions.find(store_for(account_id, region), params.get("permissionArn"), params.get("permissionVersion"))
    ram_model.check_not_changing(share)
    _set_permission(share, permission, bool(params.get("replace")))
    ram_policy.refresh([share])
    return {"returnValue": True}


def disassociate_resource_share_permission(account_id, region, params):
    """DisassociateResourceSharePermission: only while no resource of its type is in the share (API reference).

    ASSUMPTION: that refusal is OperationNotPermittedException."""
    share = own_share(account_id, region, params.get("resourceShareArn"), modify=True)
    permission = ram_permissions.find(store_for(account_id, region), params.get("permissionArn"))
    current = share.permissions.get(permission.resource_type)
    if current is None or current.arn != permission.arn:
        raise unknown_resource(f"The permission {permission.arn} is not associated with the resource share {share.arn}.")
    if permission.resource_type == PCA_RESOURCE_TYPE and share.of_kind("RESOURCE", ram_model.LIVE):
        raise not_permitted(f"The resource share holds resources of type {permission.resource_type}: "
                            "you can remove its permission only when it holds none.")
    del share.permissions[permission.resource_type]
    share.touch()
    return {"returnValue": True}


def replace_permission_associations(account_id, region, params):
    """ReplacePermissionAssociations: every share of the caller using one permission gets another.

    ASSUMPTION: the work is COMPLETED at once (AWS reports IN_PROGRESS first)."""
    store = store_for(account_id, region)
    source = ram_permissions.find(store, params.get("fromPermissionArn"), params.get("fromPermissionVersion"))
    target = ram_permissions.find(store, params.get("toPermissionArn"))
    if source.resource_type != target.resource_type:
        raise invalid_parameter(f"The permissions {source.arn} and {target.arn} are for different resource types.")
    # The API reference: a CREATED_FROM_POLICY share is not changed by it.
    shares = [share for share in store.shares.values() if share.status == "ACTIVE" and share.feature_set == "STANDARD"
              and getattr(share.permissions.get(source.resource_type), "arn", None) == source.arn]
    for share in shares:
        ram_model.check_not_changing(share)
    for share in shares:
        _set_permission(share, target, True)
    ram_policy.refresh(shares)
    stamp = now()
    work = {"id": new_id(), "fromPermissionArn": source.arn, "fromPermissionVersion": source.version, "toPermissionArn": target.arn,
            "toPermissionVersion": target.version, "status": "COMPLETED", "creationTime": stamp, "lastUpdatedTime": stamp}
    store.replace_work.append(work)
    return {"replacePermissionAssociationsWork": work}


def list_replace_permission_associations_work(account_id, region, params):
    works = store_for(account_id, region).replace_work
    ids = _strings(params, "workIds")
    works = [work for work in works if (not ids or work["id"] in ids) and params.get("status") in (None, work["status"])]
    return _paged("replacePermissionAssociationsWorks", works, params, "ListReplacePermissionAssociationsWork")


# ---------------------------------------------------------------- invitations

def _received(account_id, region):
    return [invitation for store in stores_in(region) for share in store.shares.values()
            for invitation in share.invitations.values() if invitation.receiver == account_id]


def _invitation(account_id, region, arn):
    parts = arn_parts(arn)
    if parts is None or parts[1] != "ram" or not parts[4].startswith("resource-share-invitation/"):
        raise malformed_arn(arn)
    for invitation in _received(account_id, region):
        if invitation.arn == arn:
            return invitation
    raise RamError("ResourceShareInvitationArnNotFoundException", f"ResourceShareInvitation {arn} could not be found.")


def get_resource_share_invitations(account_id, region, params):
    """GetResourceShareInvitations: the invitations the caller received."""
    wanted = _strings(params, "resourceShareInvitationArns")
    for arn in wanted:
        _invitation(account_id, region, arn)
    shares = _strings(params, "resourceShareArns")
    found = [invitation.describe() for invitation in _received(account_id, region)
             if (not wanted or invitation.arn in wanted) and (not shares or invitation.share.arn in shares)]
    return _paged("resourceShareInvitations", found, params, "GetResourceShareInvitations")


def _answer_invitation(account_id, region, params, status):
    invitation = _invitation(account_id, region, params.get("resourceShareInvitationArn"))
    if invitation.status == "ACCEPTED":
        raise RamError("ResourceShareInvitationAlreadyAcceptedException", f"The invitation {invitation.arn} is already accepted.")
    if invitation.status == "REJECTED":
        raise RamError("ResourceShareInvitationAlreadyRejectedException", f"The invitation {invitation.arn} is already rejected.")
    if invitation.status == "EXPIRED":
        raise RamError("ResourceShareInvitationExpiredException", f"The invitation {invitation.arn} has expired.")
    invitation.status = status
    association = invitation.share.associations.get(("PRINCIPAL", invitation.receiver))
    if association is not None and association.awaiting_invitation:
        association.awaiting_invitation = False
        association.updated = now()
        # ASSUMPTION: a rejected invitation takes its principal out of the share.
        association.status = "ASSOCIATED" if status == "ACCEPTED" else "DISASSOCIATED"
    ram_policy.refresh([invitation.share])
    return {"resourceShareInvitation": invitation.describe()}


def accept_resource_share_invitation(account_id, region, params):
    """AcceptResourceShareInvitation: the principal's association becomes ASSOCIATED; its CAs' policies name it."""
    return _answer_invitation(account_id, region, params, "ACCEPTED")


def reject_resource_share_invitation(account_id, region, params):
    return _answer_invitation(account_id, region, params, "REJECTED")


def list_pending_invitation_resources(account_id, region, params):
    """ListPendingInvitationResources: the CAs of a share whose invitation is still PENDING."""
    invitation = _invitation(account_id, region, params.get("resourceShareInvitationArn"))
    if invitation.status == "REJECTED":
        raise RamError("ResourceShareInvitationAlreadyRejectedException", f"The invitation {invitation.arn} is already rejected.")
    if invitation.status == "EXPIRED":
        raise RamError("ResourceShareInvitationExpiredException", f"The invitation {invitation.arn} has expired.")
    resources = [_resource_entry(association) for association in invitation.share.of_kind("RESOURCE", ("ASSOCIATED",))]
    return _paged("resources", resources, params, "ListPendingInvitationResources")


def expire_invitation(region, arn):
    """Test hook: the invitation ``arn`` is EXPIRED, as after 7 days unanswered, and its principal
    is disassociated (AWS RAM User Guide, "Accepting and rejecting resource share invitations")."""
    for store in stores_in(region):
        for share in store.shares.values():
            for invitation in share.invitations.values():
                if invitation.arn == arn:
                    invitation.status = "EXPIRED"
                    association = share.associations.get(("PRINCIPAL", invitation.receiver))
                    if association is not None and association.awaiting_invitation:
                        association.awaiting_invitation = False
                        association.status = "DISASSOCIATED"
                        association.updated = now()
                    return invitation.describe()
    raise KeyError(f"no invitation {arn} in {region}")


# ---------------------------------------------------------------- tags and organizations

def _tagged(account_id, region, params):
    store = store_for(account_id, region)
    if params.get("resourceShareArn"):
        return own_share(account_id, region, params["resourceShareArn"])
    arn = params.get("resourceArn")
    if not arn:
        raise invalid_parameter("Specify resourceShareArn or resourceArn.")
    permission = ram_permissions.find(store, arn)
    if permission.arn not in store.permissions:
        raise not_permitted(f"You can't tag the AWS managed permission {arn}.")
    return permission


def tag_resource(account_id, region, params):
    """TagResource of a share or a customer managed permission."""
    tagged = _tagged(account_id, region, params)
    tags = tags_from(params.get("tags"))
    if len(dict(tagged.tags, **tags)) > 50:
        raise RamError("TagLimitExceededException", "A resource can have at most 50 tags.")
    tagged.tags.update(tags)
    return {}


def untag_resource(account_id, region, params):
    tagged = _tagged(account_id, region, params)
    for key in _strings(params, "tagKeys"):
        tagged.tags.pop(key, None)
    return {}


def enable_sharing_with_aws_organization(account_id, region, params):  # pylint: disable=unused-argument
    """EnableSharingWithAwsOrganization, from the organization's management account."""
    ram_model.enable_sharing(account_id, region)
    return {"returnValue": True}
