# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RAM's resource share operations for CA shares, each as ``operation(account_id, region, params) -> answer``.

The answers and errors follow the AWS RAM API Reference page of each operation (request and
response shapes from botocore's ``ram`` service model).  ram.py serves them over moto.
"""

from moto.acmpca import models as acmpca_models

from pki_acmpca_emulator import cross_account, ram_model, ram_permissions, ram_policy
from pki_acmpca_emulator.ram_common import (PCA_RESOURCE_TYPE, RamError, arn_parts, invalid_parameter, malformed_arn, not_permitted, page,
                                            partition_of, store_for, stores_in, tags_from, unknown_resource)
from pki_acmpca_emulator.ram_model import Association, Share

ASSOCIATION_STATUSES = ("ASSOCIATING", "ASSOCIATED", "FAILED", "DISASSOCIATING", "DISASSOCIATED", "SUSPENDED", "SUSPENDING", "RESTORING")
SHARE_STATUSES = ("PENDING", "ACTIVE", "FAILED", "DELETING", "DELETED")


def _resource_owner(params):
    owner = params.get("resourceOwner")
    if owner not in ("SELF", "OTHER-ACCOUNTS"):
        raise invalid_parameter(f"{owner} is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS and try again.")
    return owner


def _share_arn(arn):
    parts = arn_parts(arn)
    if parts is None or parts[1] != "ram" or not parts[4].startswith("resource-share/"):
        raise malformed_arn(arn)
    return arn


def own_share(account_id, region, arn, modify=False):
    """The caller's share ``arn``, or UnknownResourceException.

    ``modify``: the caller means to change it, which RAM refuses for a share it made from a
    resource-based policy (API Reference, PromoteResourceShareCreatedFromPolicy: such a share
    "can't be modified by using RAM"; ASSUMPTION: with OperationNotPermittedException)."""
    share = store_for(account_id, region).shares.get(_share_arn(arn))
    if share is None:
        raise unknown_resource(f"ResourceShare {arn} could not be found.")
    if modify and share.feature_set == "CREATED_FROM_POLICY":
        raise not_permitted(f"The resource share {arn} was created from a resource-based policy: it can't be modified by using AWS RAM. "
                            "Promote it to a standard resource share first.")
    return share


def check_resource(account_id, region, arn):
    """A CA the caller owns in this region; what else RAM may share is not emulated.

    ASSUMPTION: a CA that is not the caller's in this region (another account's, another
    region's, or none) is UnknownResourceException; any other resource type is refused as
    moto refuses it."""
    parts = arn_parts(arn)
    if parts is None:
        raise malformed_arn(arn)
    if parts[1] != "acm-pca" or not parts[4].startswith("certificate-authority/"):
        raise RamError("MalformedArnException", "You cannot share the selected resource type.")
    account_backends = dict.get(acmpca_models.acmpca_backends, account_id)
    backend = None if account_backends is None else dict.get(account_backends, region)
    if backend is None or arn not in backend.certificate_authorities:
        raise unknown_resource(f"The resource {arn} could not be found.")
    return arn


def _strings(params, key):
    values = params.get(key) or []
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise invalid_parameter(f"{key} must be a list of strings.")
    return list(dict.fromkeys(values))


def _check_principals(share_owner, region, principals, allow_external):
    return {principal: ram_model.classify_principal(share_owner, region, principal, allow_external) for principal in principals}


def _associate(share, kind, entity, classified=None):
    association = share.associations.get((kind, entity))
    if association is not None and association.status in ram_model.LIVE:
        return association
    external, needs_invitation = (classified[1], classified[2]) if classified else (False, False)
    association = Association(share, kind, entity, external=external, needs_invitation=needs_invitation)
    association.begin("ASSOCIATED")
    share.associations[(kind, entity)] = association
    return association


def _after_change(shares):
    """Settle what is due and write the CAs' policies again."""
    ram_model.settle_due(shares)
    ram_policy.refresh(shares)


def create_resource_share(account_id, region, params):
    """CreateResourceShare: the share with its CAs, principals and permission, in one call."""
    name = params.get("name")
    if not isinstance(name, str) or not name:
        raise invalid_parameter("The name of a resource share is required.")
    allow_external = params.get("allowExternalPrincipals", True)  # the API reference's default
    tags = tags_from(params.get("tags"))
    resources = [check_resource(account_id, region, arn) for arn in _strings(params, "resourceArns")]
    store = store_for(account_id, region)
    permissions = {}
    for permission_arn in _strings(params, "permissionArns"):
        permission = ram_permissions.find(store, permission_arn)
        if permission.resource_type in permissions:
            # ASSUMPTION: the error type (the API reference: one permission per resource type).
            raise invalid_parameter(f"You can associate only one permission per resource type: {permission.resource_type}.")
        permissions[permission.resource_type] = permission
    if resources:
        # ASSUMPTION: a permission for a type the share does not hold is refused (one for another
        # resource type than the CAs' is the case that matters).
        for resource_type, permission in permissions.items():
            if resource_type != PCA_RESOURCE_TYPE:
                raise invalid_parameter(f"The permission {permission.arn} is for resource type {resource_type}, "
                                        f"which is not the type of any resource in the resource share ({PCA_RESOURCE_TYPE}).")
        # The API reference: without permissionArns RAM uses each resource type's default permission.
        permissions.setdefault(PCA_RESOURCE_TYPE, ram_permissions.default_for(store, PCA_RESOURCE_TYPE))
    classified = _check_principals(account_id, region, _strings(params, "principals"), allow_external)
    share = Share(account_id, region, name, allow_external, tags)
    share.permissions = permissions
    for arn in resources:
        _associate(share, "RESOURCE", arn)
    for principal, kind in classified.items():
        _associate(share, "PRINCIPAL", principal, kind)
    store.shares[share.arn] = share
    answer = {"resourceShare": share.describe()}
    _after_change([share])
    return answer


def _tag_filter_matches(share, tag_filters):
    for tag_filter in tag_filters or []:
        key = tag_filter.get("tagKey")
        values = tag_filter.get("tagValues") or []
        if key not in share.tags or (values and share.tags[key] not in values):
            return False
    return True


def shares_reaching(account_id, region):
    """Other accounts' shares the caller has (OTHER-ACCOUNTS)."""
    return [share for store in stores_in(region) if store.account_id != account_id
            for share in store.shares.values() if ram_model.share_reaches(share, account_id)]


def get_resource_shares(account_id, region, params):
    """GetResourceShares: SELF lists the caller's shares, DELETED ones too; OTHER-ACCOUNTS those it has."""
    if _resource_owner(params) == "SELF":
        shares = list(store_for(account_id, region).shares.values())
    else:
        shares = shares_reaching(account_id, region)
    # ASSUMPTION: a well-formed share ARN that matches nothing filters everything out (no error).
    arns = [_share_arn(arn) for arn in _strings(params, "resourceShareArns")]
    status = params.get("resourceShareStatus")
    if status is not None and status not in SHARE_STATUSES:
        raise invalid_parameter(f"{status} is not a valid resource share status.")
    if params.get("permissionArn"):
        ram_permissions.find(store_for(account_id, region), params["permissionArn"])
    shares = [share for share in shares
              if (not arns or share.arn in arns) and (status is None or share.status == status)
              and (params.get("name") is None or share.name == params["name"])
              and (not params.get("permissionArn") or any(p.arn == params["permissionArn"] for p in share.permissions.values()))
              and _tag_filter_matches(share, params.get("tagFilters"))]
    chunk, token = page(shares, params, "GetResourceShares")
    return dict({"resourceShares": [share.describe() for share in chunk]}, **({"nextToken": token} if token else {}))


def _external_accounts(share):
    return sorted(association.entity for association in share.of_kind("PRINCIPAL", ram_model.LIVE) if association.external)


def update_resource_share(account_id, region, params):
    """UpdateResourceShare: the name and the external flag; what is omitted stays."""
    share = own_share(account_id, region, params.get("resourceShareArn"), modify=True)
    if share.status != "ACTIVE":
        raise RamError("InvalidStateTransitionException", f"The resource share {share.arn} is {share.status}.")
    if params.get("allowExternalPrincipals") is False and _external_accounts(share):
        # ASSUMPTION: RAM refuses to close a share to external principals while some are associated.
        raise not_permitted(f"The resource share has principals outside your organization ({', '.join(_external_accounts(share))}): "
                            "disassociate them before setting allowExternalPrincipals to false.")
    if params.get("name") is not None:
        share.name = params["name"]
    if params.get("allowExternalPrincipals") is not None:
        share.allow_external = bool(params["allowExternalPrincipals"])
    share.touch()
    return {"resourceShare": share.describe()}


def delete_resource_share(account_id, region, params):
    """DeleteResourceShare: the share becomes DELETED and stays listed; its CAs lose its statements.

    ASSUMPTION: it goes to DELETED at once (AWS passes through DELETING); deleting a deleted
    share again is UnknownResourceException."""
    share = own_share(account_id, region, params.get("resourceShareArn"), modify=True)
    if share.status == "DELETED":
        raise unknown_resource(f"ResourceShare {share.arn} could not be found.")
    share.status = "DELETED"
    for association in share.associations.values():
        if association.status != "DISASSOCIATED":
            association.begin("DISASSOCIATED")
            ram_model.settle(association)
    share.invitations = {receiver: invitation for receiver, invitation in share.invitations.items() if invitation.status != "PENDING"}
    share.touch()
    ram_policy.refresh([share])
    return {"returnValue": True}


def associate_resource_share(account_id, region, params):
    """AssociateResourceShare: add CAs and principals; each starts ASSOCIATING."""
    share = own_share(account_id, region, params.get("resourceShareArn"), modify=True)
    ram_model.check_not_changing(share)
    resources = [check_resource(account_id, region, arn) for arn in _strings(params, "resourceArns")]
    classified = _check_principals(account_id, region, _strings(params, "principals"), share.allow_external)
    if resources and PCA_RESOURCE_TYPE not in share.permissions:
        share.permissions[PCA_RESOURCE_TYPE] = ram_permissions.default_for(store_for(account_id, region), PCA_RESOURCE_TYPE)
    associations = [_associate(share, "RESOURCE", arn) for arn in resources]
    associations += [_associate(share, "PRINCIPAL", principal, kind) for principal, kind in classified.items()]
    share.touch()
    answer = {"resourceShareAssociations": [association.describe() for association in associations]}
    _after_change([share])
    return answer


def disassociate_resource_share(account_id, region, params):
    """DisassociateResourceShare: remove CAs and principals; each goes DISASSOCIATING.

    ASSUMPTION: an entity that is not associated is UnknownResourceException."""
    share = own_share(account_id, region, params.get("resourceShareArn"), modify=True)
    ram_model.check_not_changing(share)
    wanted = [("RESOURCE", arn) for arn in _strings(params, "resourceArns")] + [("PRINCIPAL", p) for p in _strings(params, "principals")]
    associations = []
    for key in wanted:
        association = share.associations.get(key)
        if association is None or association.status == "DISASSOCIATED":
            raise unknown_resource(f"{key[1]} is not associated with the resource share {share.arn}.")
        associations.append(association)
    for association in associations:
        association.begin("DISASSOCIATED")
    share.touch()
    answer = {"resourceShareAssociations": [association.describe() for association in associations]}
    _after_change([share])
    return answer


def get_resource_share_associations(account_id, region, params):
    """GetResourceShareAssociations of the caller's shares; each answer counts as a read for a held change."""
    association_type = params.get("associationType")
    if association_type not in ("PRINCIPAL", "RESOURCE", "SOURCE"):
        raise invalid_parameter(f"{association_type} is not a valid association type. Specify either PRINCIPAL or RESOURCE and try again.")
    status = params.get("associationStatus")
    if status is not None and status not in ASSOCIATION_STATUSES:
        raise invalid_parameter(f"{status} is not a valid association status.")
    if association_type == "PRINCIPAL" and params.get("resourceArn"):
        raise invalid_parameter("You cannot specify a resource ARN when the association type is PRINCIPAL.")
    if association_type == "RESOURCE" and params.get("principal"):
        raise invalid_parameter("You cannot specify a principal when the association type is RESOURCE.")
    arns = [_share_arn(arn) for arn in _strings(params, "resourceShareArns")]
    entity = params.get("resourceArn") or params.get("principal")
    found = [association for share in store_for(account_id, region).shares.values() if not arns or share.arn in arns
             for association in share.of_kind(association_type)
             if (entity is None or association.entity == entity) and (status is None or association.status == status)]
    chunk, token = page(found, params, "GetResourceShareAssociations")
    answer = dict({"resourceShareAssociations": [association.describe() for association in chunk]}, **({"nextToken": token} if token else {}))
    ram_policy.refresh(ram_model.count_read(chunk))
    return answer


def _resource_entry(association):
    return {"arn": association.entity, "type": PCA_RESOURCE_TYPE, "resourceShareArn": association.share.arn, "status": "AVAILABLE",
            "creationTime": association.created, "lastUpdatedTime": association.updated, "resourceRegionScope": "REGIONAL"}


def _listed_shares(account_id, region, params):
    if _resource_owner(params) == "SELF":
        shares = [share for share in store_for(account_id, region).shares.values() if share.status == "ACTIVE"]
    else:
        shares = shares_reaching(account_id, region)
    arns = _strings(params, "resourceShareArns")
    return [share for share in shares if not arns or share.arn in arns]


def _check_resource_type(params):
    resource_type = params.get("resourceType")
    if resource_type is not None and resource_type.lower() != PCA_RESOURCE_TYPE.lower():
        # ASSUMPTION: only CA shares are emulated, so another type lists nothing.
        return False
    return True


def list_resources(account_id, region, params):
    """ListResources: the CAs ASSOCIATED with the caller's shares (SELF) or with shares it has (OTHER-ACCOUNTS)."""
    shares = _listed_shares(account_id, region, params)
    principal = params.get("principal")
    arns = _strings(params, "resourceArns")
    found = [association for share in shares
             if principal is None or ("PRINCIPAL", principal) in share.associations
             for association in share.of_kind("RESOURCE", ("ASSOCIATED",)) if not arns or association.entity in arns]
    if not _check_resource_type(params):
        found = []
    chunk, token = page(found, params, "ListResources")
    return dict({"resources": [_resource_entry(association) for association in chunk]}, **({"nextToken": token} if token else {}))


def share_from_policy(ca_arn, name=None):
    """Test hook: the share RAM makes by itself from the CA's resource-based policy.

    API Reference, PromotePermissionCreatedFromPolicy: when a resource-based policy is attached,
    RAM creates a share of featureSet CREATED_FROM_POLICY with a managed permission holding the
    policy's permissions, visible only to the owner, which RAM does not let you modify.
    ASSUMPTION: for which resource types and when RAM does so is not documented, so the emulator
    makes one only when a test asks; its principals are the policy's accounts (and the owner's
    organization for a statement conditioned on it), already ASSOCIATED; the names and ARN of
    the share and its permission are the emulator's."""
    certificate_authority = ram_policy.certificate_authority_of(ca_arn)
    if certificate_authority is None or not certificate_authority.policy:
        raise ValueError(f"{ca_arn} is not a CA with a policy")
    owner, region = certificate_authority.account_id, certificate_authority.region_name
    principals, actions = ram_policy.policy_grantees(ca_arn)
    share = Share(owner, region, name or f"CreatedFromPolicy-{ca_arn.rsplit('/', 1)[-1]}", True, {})
    share.feature_set = "CREATED_FROM_POLICY"
    permission = ram_permissions.Permission(f"arn:{partition_of(region)}:ram:{region}:{owner}:permission/CreatedFromPolicy-{share.id}",
                                            f"CreatedFromPolicy-{share.id}", PCA_RESOURCE_TYPE, [{"Effect": "Allow", "Action": actions}],
                                            "CUSTOMER_MANAGED", share.created)
    permission.feature_set = "CREATED_FROM_POLICY"
    share.permissions[PCA_RESOURCE_TYPE] = permission
    store = store_for(owner, region)
    store.permissions[permission.arn] = permission
    for kind, entity in [("RESOURCE", ca_arn)] + [("PRINCIPAL", principal) for principal in principals]:
        association = Association(share, kind, entity, external=kind == "PRINCIPAL" and _outside_organization(owner, region, entity))
        association.status = "ASSOCIATED"
        share.associations[(kind, entity)] = association
    store.shares[share.arn] = share
    return share.describe()


def _outside_organization(owner, region, principal):
    organization = ram_model.organization_backend(owner, region)
    if not ram_model.ACCOUNT_RE.match(principal):
        return False
    return organization is None or cross_account.organization_id_for(principal, partition_of(region)) != organization.org.id


def list_principals(account_id, region, params):
    """ListPrincipals: the principals ASSOCIATED with the listed shares."""
    shares = _listed_shares(account_id, region, params)
    resource_arn = params.get("resourceArn")
    wanted = _strings(params, "principals")
    found = [association for share in shares
             if resource_arn is None or resource_arn in share.ca_arns()
             for association in share.of_kind("PRINCIPAL", ("ASSOCIATED",)) if not wanted or association.entity in wanted]
    if not _check_resource_type(params):
        found = []
    chunk, token = page(found, params, "ListPrincipals")
    principals = [{"id": association.entity, "resourceShareArn": association.share.arn, "creationTime": association.created,
                   "lastUpdatedTime": association.updated, "external": association.external} for association in chunk]
    return dict({"principals": principals}, **({"nextToken": token} if token else {}))
