# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RAM permissions: the AWS managed ones for private CAs, and customer managed ones.

Sources:

* AWS Private CA User Guide, "Resource-based policies" (pca-rbp): the AWS managed
  permissions for CAs are in RAM's managed permissions library under "CertificateAuthority".
* AWS Private CA User Guide, "Revoking a private certificate": cross-account issuers revoke
  through a second share with ``AWSRAMRevokeCertificateCertificateAuthority`` beside one with
  ``AWSRAMDefaultPermissionCertificateAuthority``.
* AWS Private CA User Guide, "Customer managed permissions in RAM" (pca-cmp): the seven
  actions a customer managed permission for CAs may grant.
* AWS RAM API Reference, CreatePermission: a policy template holds Effect, Action and
  Condition, never Resource or Principal; GetPermission returns it as the ``permission`` string.
* AWS RAM User Guide, "Creating customer managed permissions": the CLI example's ARN
  ``arn:aws:ram:<region>:<account>:permission/<name>`` and version "1" for a new permission.

ASSUMPTION: the statements of the AWS managed CA permissions.  AWS shows them only in the
console.  Each issuance permission here grants the five read actions and IssueCertificate for
the one template its name says (the structure of the user guide's documented cross-account
policy); the default one allows ``EndEntityCertificate/V1`` (users report it refuses the
APICSRPassthrough template and lacks GetCertificateAuthorityCsr).  The revoke permission
grants RevokeCertificate alone.
ASSUMPTION: a template of several statements reads back from GetPermission as a JSON list of
statement objects; one of a single statement as that object (as the CLI examples show).
"""

import json

from pki_acmpca_emulator.ram_common import (PCA_RESOURCE_TYPE, RamError, arn_parts, invalid_parameter, malformed_arn, now,
                                            partition_of, tag_list, tags_from, unknown_resource)

PCA_READ_ACTIONS = ("acm-pca:DescribeCertificateAuthority", "acm-pca:GetCertificate", "acm-pca:GetCertificateAuthorityCertificate",
                    "acm-pca:ListPermissions", "acm-pca:ListTags")
PCA_ACTIONS = PCA_READ_ACTIONS + ("acm-pca:IssueCertificate", "acm-pca:RevokeCertificate")
DEFAULT_PCA_PERMISSION = "AWSRAMDefaultPermissionCertificateAuthority"
# name -> (template it lets members issue or None, grants the read actions, grants RevokeCertificate)
_PCA_MANAGED = {
    DEFAULT_PCA_PERMISSION: ("EndEntityCertificate/V1", True, False),
    "AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority": ("BlankEndEntityCertificate_APICSRPassthrough/V1", True, False),
    "AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority": ("BlankEndEntityCertificate_APIPassthrough/V1", True, False),
    "AWSRAMSubordinateCACertificatePathLen0IssuanceCertificateAuthority": ("SubordinateCACertificate_PathLen0/V1", True, False),
    "AWSRAMRevokeCertificateCertificateAuthority": (None, False, True),
}
# Another resource type's default permission, so that "a permission of the wrong type" can be met.
# ASSUMPTION: its statement (only its resource type matters here).
OTHER_RESOURCE_TYPE = "ec2:Subnet"
_OTHER_MANAGED = {"AWSRAMDefaultPermissionSubnet": (OTHER_RESOURCE_TYPE, [{
    "Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:CreateNetworkInterface", "ec2:DescribeSubnets"]}])}
RESOURCE_TYPES = (PCA_RESOURCE_TYPE, OTHER_RESOURCE_TYPE)
# The actions a customer managed permission may grant, per resource type (pca-cmp for CAs).
_ALLOWED_ACTIONS = {PCA_RESOURCE_TYPE: PCA_ACTIONS, OTHER_RESOURCE_TYPE: ("ec2:RunInstances", "ec2:CreateNetworkInterface", "ec2:DescribeSubnets")}
_MANAGED_CREATED = 1608076800.0  # a fixed date for the AWS managed permissions (2020-12-16)


def template_arn(template, partition="aws"):
    return f"arn:{partition}:acm-pca:::template/{template}"


def _pca_statements(template, reads, revoke, partition):
    statements = []
    if reads:
        statements.append({"Effect": "Allow", "Action": list(PCA_READ_ACTIONS)})
    if template:
        statements.append({"Effect": "Allow", "Action": ["acm-pca:IssueCertificate"],
                           "Condition": {"StringEquals": {"acm-pca:TemplateArn": template_arn(template, partition)}}})
    if revoke:
        statements.append({"Effect": "Allow", "Action": ["acm-pca:RevokeCertificate"]})
    return statements


class Permission:
    """One RAM permission (one version: the emulator keeps version 1 only)."""

    def __init__(self, arn, name, resource_type, statements, permission_type, created, is_default=False, tags=None):
        self.arn = arn
        self.name = name
        self.resource_type = resource_type
        self.statements = statements
        self.permission_type = permission_type
        self.created = created
        self.is_resource_type_default = is_default
        self.tags = dict(tags or {})
        self.version = "1"
        self.feature_set = "STANDARD"

    def summary(self):
        summary = {
            "arn": self.arn, "version": self.version, "defaultVersion": True, "name": self.name,
            "resourceType": self.resource_type, "status": "ATTACHABLE", "creationTime": self.created,
            "lastUpdatedTime": self.created, "isResourceTypeDefault": self.is_resource_type_default,
            "permissionType": self.permission_type, "featureSet": self.feature_set,
        }
        if self.permission_type == "CUSTOMER_MANAGED":
            summary["tags"] = tag_list(self.tags)
        return summary

    def policy_template(self):
        if len(self.statements) == 1:
            return json.dumps(self.statements[0], separators=(",", ":"))
        return json.dumps(self.statements, separators=(",", ":"))

    def detail(self):
        detail = self.summary()
        detail["permission"] = self.policy_template()
        return detail


def managed_permissions(partition):
    """The AWS managed permissions this emulator knows, in ``partition``."""
    def arn(name):
        return f"arn:{partition}:ram::aws:permission/{name}"

    found = [Permission(arn(name), name, PCA_RESOURCE_TYPE, _pca_statements(template, reads, revoke, partition), "AWS_MANAGED",
                        _MANAGED_CREATED, is_default=name == DEFAULT_PCA_PERMISSION)
             for name, (template, reads, revoke) in _PCA_MANAGED.items()]
    found += [Permission(arn(name), name, resource_type, statements, "AWS_MANAGED", _MANAGED_CREATED, is_default=True)
              for name, (resource_type, statements) in _OTHER_MANAGED.items()]
    return found


def canonical_resource_type(resource_type):
    """The resource type as RAM spells it; the service part is case-sensitive, the type part not."""
    for known in RESOURCE_TYPES:
        if known.split(":", 1)[0] == str(resource_type).split(":", 1)[0] and known.lower() == str(resource_type).lower():
            return known
    raise invalid_parameter(f"Invalid resource type: {resource_type}")


def all_permissions(store):
    return managed_permissions(partition_of(store.region)) + list(store.permissions.values())


def find(store, arn, version=None):
    """The permission ``arn`` as ``store``'s account sees it, or UnknownResourceException."""
    parts = arn_parts(arn)
    if parts is None or parts[1] != "ram" or not parts[4].startswith("permission/"):
        raise malformed_arn(arn)
    for permission in all_permissions(store):
        if permission.arn == arn:
            if version is not None and str(version) != permission.version:
                raise unknown_resource(f"Permission {arn} version {version} could not be found.")
            return permission
    raise unknown_resource(f"Permission {arn} could not be found.")


def default_for(store, resource_type):
    for permission in managed_permissions(partition_of(store.region)):
        if permission.resource_type == resource_type and permission.is_resource_type_default:
            return permission
    raise invalid_parameter(f"No default permission for resource type {resource_type}.")


def list_permissions(store, params):
    """ListPermissions: every permission the account may attach, filtered as asked."""
    permissions = [permission for permission in all_permissions(store) if permission.feature_set == "STANDARD"]
    if params.get("resourceType"):
        resource_type = canonical_resource_type(params["resourceType"])
        permissions = [permission for permission in permissions if permission.resource_type == resource_type]
    permission_type = params.get("permissionType") or "ALL"
    if permission_type not in ("ALL", "AWS_MANAGED", "CUSTOMER_MANAGED"):
        raise invalid_parameter(f"{permission_type} is not a valid permission type. Specify ALL, AWS_MANAGED or CUSTOMER_MANAGED.")
    if permission_type != "ALL":
        permissions = [permission for permission in permissions if permission.permission_type == permission_type]
    if params.get("permissionStatus") not in (None, "ATTACHABLE"):
        permissions = []
    return permissions


def _malformed_template(message):
    return RamError("MalformedPolicyTemplateException", message)


def _check_template(policy_template, resource_type):
    """The statement of a customer managed permission's policy template, checked (CreatePermission reference)."""
    try:
        statement = json.loads(policy_template)
    except (TypeError, ValueError):
        raise _malformed_template("The policy template is not valid JSON.") from None
    if not isinstance(statement, dict):
        raise _malformed_template("The policy template must be one JSON object with Effect, Action and, optionally, Condition.")
    extra = sorted(set(statement) - {"Effect", "Action", "Condition"})
    if extra:
        raise _malformed_template(f"The policy template can't include {', '.join(extra)}: only Effect, Action and Condition.")
    if statement.get("Effect") != "Allow":
        raise _malformed_template("The policy template's Effect must be Allow.")
    actions = statement.get("Action")
    actions = [actions] if isinstance(actions, str) else actions
    if not isinstance(actions, list) or not actions:
        raise _malformed_template("The policy template needs at least one Action.")
    allowed = _ALLOWED_ACTIONS[resource_type]
    refused = [action for action in actions if action not in allowed]
    if refused:
        raise RamError("InvalidPolicyException", f"The actions {', '.join(refused)} are not supported for resource type {resource_type}.")
    if "Condition" in statement and not isinstance(statement["Condition"], dict):
        raise _malformed_template("The policy template's Condition must be an object.")
    return dict(statement, Action=actions)


def create_permission(store, params):
    """CreatePermission: a customer managed permission, version 1."""
    name = params.get("name")
    if not isinstance(name, str) or not name or len(name) > 36 or not all(c.isalnum() or c in "_.-" for c in name):
        raise invalid_parameter(f"The permission name {name!r} is not valid: use 1 to 36 letters, digits, periods, hyphens or underscores.")
    resource_type = canonical_resource_type(params.get("resourceType"))
    statement = _check_template(params.get("policyTemplate"), resource_type)
    arn = f"arn:{partition_of(store.region)}:ram:{store.region}:{store.account_id}:permission/{name}"
    if arn in store.permissions:
        raise RamError("PermissionAlreadyExistsException", f"A permission named {name} already exists.")
    permission = Permission(arn, name, resource_type, [statement], "CUSTOMER_MANAGED", now(), tags=tags_from(params.get("tags")))
    store.permissions[arn] = permission
    return permission
