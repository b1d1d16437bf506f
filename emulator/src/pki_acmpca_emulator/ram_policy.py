# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a RAM share does to a CA's resource policy.

AWS Private CA API Reference, PutPolicy: "updates made in AWS RAM are reflected in
policies"; DeletePolicy: deleting a policy that RAM applied removes the CA from every share
that included it.  AWS Private CA User Guide, "Attach a policy for cross-account access":
sharing a CA through RAM attaches the required policy to it automatically.

What RAM writes is not documented; this is the emulator's reading (ASSUMPTION throughout):

* each ACTIVE share with the CA ASSOCIATED contributes one statement per statement of its CA
  permission's policy template and per kind of settled principal: its accounts together
  (``{"AWS": ...}``), its organization (``"*"`` with ``StringEquals`` ``aws:PrincipalOrgID``,
  the user guide's documented organization shape), its OUs together (``"*"`` with
  ``ForAnyValue:StringLike`` ``aws:PrincipalOrgPaths`` ``o-.../r-.../ou-.../*``), its service
  principals (``{"Service": ...}``); ``Resource`` is the CA; the template's Condition is kept
  and the principal's condition added to it;
* their Sids are ``<share id>-<n>-external-principals`` (CloudTrail's PutPolicy records of RAM
  show Sids ending ``-external-principals``); an account principal that has not accepted its
  invitation gets no statement;
* RAM owns every statement whose Sid ends ``-external-principals``: when a share's change
  touches a CA, those statements are written again from the shares, and the policy's other
  statements are kept as they are.  A policy left empty is removed.  A policy that is not JSON
  is left alone.  RAM writes whatever state the CA is in (PutPolicy would want it ACTIVE).
  A PutPolicy that drops RAM's statements stands until RAM next changes something of the CA.
"""

import copy
import json

from moto.acmpca import models as acmpca_models

from pki_acmpca_emulator.ram_common import PCA_RESOURCE_TYPE, arn_parts, store_for
from pki_acmpca_emulator.ram_model import PrincipalKind, organization_backend, ou_path, principal_kind

SID_SUFFIX = "-external-principals"


def _single(values):
    return values[0] if len(values) == 1 else values


def _principal_groups(share):
    """(Principal element, condition it adds) for each kind of settled principal of ``share``."""
    principals = sorted(association.entity for association in share.of_kind("PRINCIPAL", ("ASSOCIATED",)))
    by_kind = {}
    for principal in principals:
        by_kind.setdefault(principal_kind(principal), []).append(principal)
    groups = []
    if by_kind.get(PrincipalKind.ACCOUNT):
        groups.append(({"AWS": _single(by_kind[PrincipalKind.ACCOUNT])}, {}))
    for organization_arn in by_kind.get(PrincipalKind.ORGANIZATION, []):
        groups.append(("*", {"StringEquals": {"aws:PrincipalOrgID": organization_arn.rsplit("/", 1)[1]}}))
    if by_kind.get(PrincipalKind.OU):
        organization = organization_backend(share.owner, share.region)
        if organization is not None:
            paths = sorted(ou_path(organization, ou_arn.rsplit("/", 1)[1]) + "*" for ou_arn in by_kind[PrincipalKind.OU])
            groups.append(("*", {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": _single(paths)}}))
    if by_kind.get(PrincipalKind.SERVICE):
        groups.append(({"Service": _single(by_kind[PrincipalKind.SERVICE])}, {}))
    return groups


def _with_condition(template_condition, added):
    condition = copy.deepcopy(template_condition or {})
    for operator, keys in added.items():
        condition.setdefault(operator, {}).update(keys)
    return condition


def share_statements(share, ca_arn):
    """The statements ``share`` writes into the policy of ``ca_arn``."""
    permission = share.permissions.get(PCA_RESOURCE_TYPE)
    if permission is None or share.feature_set != "STANDARD":
        return []
    statements = []
    for principal, added in _principal_groups(share):
        for template in permission.statements:
            statement = {"Sid": f"{share.id}-{len(statements) + 1}{SID_SUFFIX}", "Effect": template.get("Effect", "Allow"),
                         "Principal": principal, "Action": copy.deepcopy(template["Action"]), "Resource": ca_arn}
            condition = _with_condition(template.get("Condition"), added)
            if condition:
                statement["Condition"] = condition
            statements.append(statement)
    return statements


def certificate_authority_of(ca_arn):
    """moto's CA object for ``ca_arn`` (any account), or None."""
    parts = arn_parts(ca_arn)
    if parts is None:
        return None
    account_backends = dict.get(acmpca_models.acmpca_backends, parts[3])
    backend = None if account_backends is None else dict.get(account_backends, parts[2])
    if backend is None:
        return None
    return backend.certificate_authorities.get(ca_arn)


def write_policy(ca_arn):
    """Write the RAM statements of every share that holds ``ca_arn`` into its policy."""
    certificate_authority = certificate_authority_of(ca_arn)
    if certificate_authority is None:
        return
    document = {"Version": "2012-10-17", "Statement": []}
    if certificate_authority.policy:
        try:
            document = json.loads(certificate_authority.policy)
        except ValueError:
            return
        if not isinstance(document, dict):
            return
    kept = document.get("Statement", [])
    kept = [kept] if isinstance(kept, dict) else list(kept or [])
    kept = [statement for statement in kept if not (isinstance(statement, dict) and str(statement.get("Sid", "")).endswith(SID_SUFFIX))]
    store = store_for(certificate_authority.account_id, certificate_authority.region_name, create=False)
    written = []
    for share in (store.shares.values() if store else []):
        if share.status == "ACTIVE" and ca_arn in share.ca_arns():
            written.extend(share_statements(share, ca_arn))
    statements = kept + written
    if not statements:
        certificate_authority.policy = None
        return
    document["Statement"] = statements
    document.setdefault("Version", "2012-10-17")
    certificate_authority.policy = json.dumps(document, separators=(",", ":"))


def refresh(shares, ca_arns=()):
    """Write again the policy of every CA these shares hold or held, and of ``ca_arns``."""
    touched = list(ca_arns)
    for share in shares:
        for association in share.of_kind("RESOURCE"):
            if association.entity not in touched:
                touched.append(association.entity)
    for ca_arn in touched:
        write_policy(ca_arn)


def take_out_of_shares(ca_arn):
    """DeletePolicy's effect on RAM: the CA leaves every share that held it."""
    certificate_authority = certificate_authority_of(ca_arn)
    if certificate_authority is None:
        return
    store = store_for(certificate_authority.account_id, certificate_authority.region_name, create=False)
    for share in (store.shares.values() if store else []):
        association = share.associations.get(("RESOURCE", ca_arn))
        if association is not None and association.status in ("ASSOCIATING", "ASSOCIATED"):
            association.begin("DISASSOCIATED")
            association.status = "DISASSOCIATED"
            association.reads_left = 0
            share.touch()


def _listed(value):
    return value if isinstance(value, list) else [value]


def policy_grantees(ca_arn):
    """(principals, actions) the CA's own statements (not RAM's) grant: account IDs, and the
    owner's organization ARN for a ``"*"`` statement with its aws:PrincipalOrgID."""
    certificate_authority = certificate_authority_of(ca_arn)
    try:
        statements = _listed(json.loads(certificate_authority.policy).get("Statement", []))
    except (AttributeError, TypeError, ValueError):
        return [], []
    organization = organization_backend(certificate_authority.account_id, certificate_authority.region_name)
    principals, actions = set(), set()
    for statement in statements:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow" or str(statement.get("Sid", "")).endswith(SID_SUFFIX):
            continue
        principal = statement.get("Principal")
        named = _listed(principal.get("AWS", [])) if isinstance(principal, dict) else _listed(principal)
        for name in named:
            if str(name).isdigit():
                principals.add(str(name))
            elif str(name).endswith(":root"):
                principals.add(str(name).split(":")[4])
            elif name == "*" and organization is not None:
                org_ids = [value for keys in (statement.get("Condition") or {}).values() if isinstance(keys, dict)
                           for key, values in keys.items() if key.lower() == "aws:principalorgid" for value in _listed(values)]
                if organization.org.id in org_ids:
                    principals.add(organization.org.arn)
        actions.update(_listed(statement.get("Action", [])))
    return sorted(principals), sorted(actions)
