# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The org_sharing role's AWS RAM method: one share per permission, named and tagged as the
role's, for the organization or the OUs at the end of its OU paths. Pure functions: what
each share must hold, as the arguments of one acmpca_ram_share call."""


from ansible_collections.pki.acmpca.plugins.module_utils._policy.ram_share_plan import DEFAULT_PERMISSION, OU_ID_IN_TEXT

DEFAULT_SHARE_NAME = 'pki-acmpca-org-sharing'
DEFAULT_PERMISSIONS = (DEFAULT_PERMISSION,)
# The tag that marks a share as the role's (its value: the permission the share is for).
ORG_SHARING_TAG_KEY = 'PkiAcmpcaOrgSharing'
# What only the policy method uses: with RAM, the share's permission decides.
POLICY_ONLY_VARIABLES = ('org_sharing_templates', 'org_sharing_allow_issue', 'org_sharing_allow_revoke')


def permission_name(permission):
    """A permission's name: what follows the ARN's last ``/``, or the name as given."""
    return permission.split('/')[-1]


def share_names(share_name, permissions):
    """The share of each permission: the first named ``share_name``, each other ``<share_name>-<permission name>``."""
    return [share_name if index == 0 else f'{share_name}-{permission_name(permission)}'
            for index, permission in enumerate(permissions)]


def ram_setting_violations(share_name, permissions, policy_only):
    """Every problem with the RAM method's own variables; ``policy_only``: the policy-only
    variables set, by name (None when not set)."""
    problems = []
    if not isinstance(share_name, str) or not share_name.strip():
        problems.append('org_sharing_ram_share_name must be a non-empty string')
    if not isinstance(permissions, (list, tuple)) or not permissions or not all(isinstance(item, str) and item for item in permissions):
        problems.append('org_sharing_ram_permissions must be a non-empty list of RAM permission names or ARNs')
    else:
        repeated = sorted({name for name in map(permission_name, permissions) if list(map(permission_name, permissions)).count(name) > 1})
        if repeated:
            problems.append(f"org_sharing_ram_permissions names {', '.join(repeated)} more than once (one share per permission)")
    for name in POLICY_ONLY_VARIABLES:
        if policy_only.get(name) is not None:
            problems.append(f'{name} is used only with org_sharing_method: policy; with ram, the RAM permission '
                            '(org_sharing_ram_permissions) decides what members may do: unset it')
    return problems


def ram_principals(organization_id, organizational_unit_paths):
    """The organization, or the OU at the end of each path, by ID (acmpca_ram_share turns
    them into ARNs through AWS Organizations)."""
    if not organizational_unit_paths:
        return [organization_id]
    principals = []
    for path in organizational_unit_paths:
        unit = OU_ID_IN_TEXT.findall(path)[-1]
        if unit not in principals:
            principals.append(unit)
    return principals


def shares_holding(certificate_authorities):
    """{share name: [CA ARNs]} from acmpca_info's ``ram_shares`` of each CA."""
    held = {}
    for ca in certificate_authorities:
        for share in ca.get('ram_shares') or ():
            held.setdefault(share['name'], []).append(ca['arn'])
    return held


def ram_share_calls(certificate_authorities, selected_arns, organization_id, permissions, share_name, state,
                    organizational_unit_paths=None):
    """The acmpca_ram_share call of each of the role's shares.

    ``present``: the share holds the selected CAs (others the role put there stay), for the
    organization or the OUs, with its permission and the role's tag. ``absent``: the selected
    CAs are taken out; a share left with no CA is deleted."""
    held = shares_holding(certificate_authorities)
    calls = []
    for name, permission in zip(share_names(share_name, permissions), permissions):
        if state == 'present':
            calls.append(dict(name=name, state='present', certificate_authority_arns=sorted(selected_arns),
                              purge_certificate_authorities=False,
                              principals=ram_principals(organization_id, organizational_unit_paths),
                              permission=permission, tags={ORG_SHARING_TAG_KEY: permission_name(permission)}))
            continue
        remaining = sorted(set(held.get(name, ())) - set(selected_arns))
        if remaining:
            calls.append(dict(name=name, state='present', certificate_authority_arns=remaining,
                              purge_certificate_authorities=True))
        else:
            calls.append(dict(name=name, state='absent'))
    return calls
