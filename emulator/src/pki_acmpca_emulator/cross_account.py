# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cross-account test double for moto's ACM PCA backend.

moto keeps one ACM PCA store per account, so a CA that account A shares through its
resource policy never shows up for account B.  ``install()`` patches moto *in the
process that serves the requests* (see ``server.py``) so that, for the calling
account B:

* ``ListCertificateAuthorities(ResourceOwner=OTHER_ACCOUNTS)`` lists the CAs of other
  accounts in the same region whose policy grants B (pagination unchanged);
* ``DescribeCertificateAuthority``, ``GetCertificateAuthorityCertificate`` and
  ``ListTags`` answer for such a CA (the read actions a PCA sharing policy grants);
* everything else (GetPolicy, PutPolicy, IssueCertificate, ...) stays owner-only, and an
  ARN that is not granted answers ResourceNotFoundException as moto does.

A policy grants account B when an Allow statement names B as principal (``"<id>"`` or
``"arn:<partition>:iam::<id>:root"`` under ``"AWS"``, alone or in a list), or names
``"*"`` / ``{"AWS": "*"}`` together with ``StringEquals`` ``aws:PrincipalOrgID`` equal to
B's organization in moto's Organizations backend, or with ``ForAnyValue:StringLike``
``aws:PrincipalOrgPaths`` matching B's path in it (``o-.../r-.../ou-.../``, the statements
a RAM share with an organizational unit writes, see ram_policy.py).  A statement's other condition keys
(``acm-pca:TemplateArn``) describe the request, not the caller, and are ignored.

moto also forgets to clear its member-account -> organization map on
``POST /moto-api/reset``; ``install()`` fixes that too, so a reset really starts over.
"""

import fnmatch
import json

from moto.acmpca import models as acmpca_models
from moto.acmpca import responses as acmpca_responses
from moto.acmpca.exceptions import InvalidStateException, ResourceNotFoundException
from moto.moto_api._internal import models as moto_api_models
from moto.organizations.models import organizations_backends
from moto.utilities.paginator import paginate
from moto.utilities.utils import get_partition

_INSTALLED_MARK = "_pki_acmpca_cross_account_installed"
_ORG_ID_CONDITION_KEY = "aws:principalorgid"
_ORG_PATHS_CONDITION_KEY = "aws:principalorgpaths"


def organization_id_for(account_id, partition="aws"):
    """Return the ID of the organization ``account_id`` belongs to in moto, or None."""
    backend = organization_backend_for(account_id, partition)
    return None if backend is None else backend.org.id


def organization_backend_for(account_id, partition="aws"):
    """moto's Organizations backend that holds the organization ``account_id`` is in, or None.

    Members made with CreateAccount are in ``organizations_backends.master_accounts``
    (member id -> (management account id, partition)); the management account is not,
    but its own backend holds the organization.  ``dict.get`` is used on purpose: moto's
    BackendDict creates a backend on every ``[]`` lookup.
    """
    management = organizations_backends.master_accounts.get(account_id)
    management_account_id = management[0] if management is not None else account_id
    account_backends = dict.get(organizations_backends, management_account_id)
    if account_backends is None:
        return None
    backend = dict.get(account_backends, partition)
    if getattr(backend, "org", None) is None:
        return None
    return backend


def organization_path(backend, parent_id):
    """``o-.../r-.../ou-.../`` down to ``parent_id`` (a root or OU ID), as aws:PrincipalOrgPaths writes it."""
    parents = {ou.id: ou.parent_id for ou in backend.ou}
    chain = []
    while parent_id is not None and parent_id in parents and parent_id not in chain:
        chain.append(parent_id)
        parent_id = parents[parent_id]
    return "/".join([backend.org.id] + list(reversed(chain))) + "/"


def organization_paths_for(account_id, partition="aws"):
    """The aws:PrincipalOrgPaths values of a principal of ``account_id``: one path, or none outside any organization."""
    backend = organization_backend_for(account_id, partition)
    if backend is None:
        return []
    for account in backend.accounts:
        if account.id == account_id:
            return [organization_path(backend, account.parent_id)]
    return [organization_path(backend, backend.org.root_id)]


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _names_account(aws_principals, account_id):
    for principal in aws_principals:
        if not isinstance(principal, str):
            continue
        if principal == account_id:
            return True
        parts = principal.split(":")
        if len(parts) == 6 and parts[0] == "arn" and parts[2] == "iam" and parts[4] == account_id and parts[5] == "root":
            return True
    return False


def _principal_matches(principal, account_id):
    """Return (matches, needs_org_condition) for a statement's Principal."""
    if principal == "*":
        return True, True
    if not isinstance(principal, dict):
        return False, False
    aws_principals = _as_list(principal.get("AWS"))
    if _names_account(aws_principals, account_id):
        return True, False
    if "*" in aws_principals:
        return True, True
    return False, False


def _org_paths_hold(operator, values, organization_paths):
    # IAM condition operators: ForAnyValue:StringLike holds when one of the request's paths
    # matches one pattern (``*`` and ``?`` wildcards); StringEquals compares the one path.
    if operator in ("ForAnyValue:StringLike", "StringLike"):
        return any(fnmatch.fnmatchcase(path, str(pattern)) for path in organization_paths for pattern in _as_list(values))
    if operator in ("ForAnyValue:StringEquals", "StringEquals"):
        return any(path in _as_list(values) for path in organization_paths)
    return False


def _org_conditions_hold(condition, organization_id, organization_paths=()):
    """Return (org_condition_present, all_org_conditions_hold) for a Condition block.

    The organization keys are aws:PrincipalOrgID (StringEquals, the documented PCA policy
    shape) and aws:PrincipalOrgPaths (ForAnyValue:StringLike, what a share with an OU writes)."""
    present = False
    if not isinstance(condition, dict):
        return present, True
    for operator, keys in condition.items():
        if not isinstance(keys, dict):
            continue
        for key, values in keys.items():
            key = str(key).lower()
            if key == _ORG_PATHS_CONDITION_KEY:
                present = True
                if not _org_paths_hold(operator, values, organization_paths):
                    return present, False
                continue
            if key != _ORG_ID_CONDITION_KEY:
                continue
            present = True
            if operator != "StringEquals" or organization_id is None:
                return present, False
            if organization_id not in _as_list(values):
                return present, False
    return present, True


def policy_grants(policy_text, account_id, organization_id=None, organization_paths=()):
    """True when the PCA resource policy ``policy_text`` lets ``account_id`` in."""
    if not policy_text:
        return False
    try:
        document = json.loads(policy_text)
    except ValueError:
        return False
    if not isinstance(document, dict):
        return False
    for statement in _as_list(document.get("Statement")):
        if not isinstance(statement, dict):
            continue
        if str(statement.get("Effect", "")).lower() != "allow":
            continue
        matches, needs_org_condition = _principal_matches(statement.get("Principal"), account_id)
        if not matches:
            continue
        org_condition_present, org_conditions_hold = _org_conditions_hold(statement.get("Condition"), organization_id, organization_paths)
        if not org_conditions_hold:
            continue
        if needs_org_condition and not org_condition_present:
            continue
        return True
    return False


def _caller_grants(policy_text, backend):
    partition = get_partition(backend.region_name)
    return policy_grants(policy_text, backend.account_id, organization_id_for(backend.account_id, partition),
                         organization_paths_for(backend.account_id, partition))


def _store_of(account_id, region_name):
    account_backends = dict.get(acmpca_models.acmpca_backends, account_id)
    if account_backends is None:
        return None
    return dict.get(account_backends, region_name)


def shared_certificate_authorities(backend):
    """CAs of other accounts in ``backend``'s region whose policy grants its account."""
    shared = []
    for owner_account_id in sorted(list(acmpca_models.acmpca_backends.keys())):
        if owner_account_id == backend.account_id:
            continue
        store = _store_of(owner_account_id, backend.region_name)
        if store is None:
            continue
        for certificate_authority in list(store.certificate_authorities.values()):
            if _caller_grants(certificate_authority.policy, backend):
                shared.append(certificate_authority)
    return shared


def _owner_store_for_arn(arn):
    parts = str(arn or "").split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "acm-pca":
        return None
    return _store_of(parts[4], parts[3])


def readable_certificate_authority(backend, arn):
    """The CA ``arn`` as seen by ``backend``'s account: its own, or one shared with it."""
    if arn in backend.certificate_authorities:
        return backend.certificate_authorities[arn]
    store = _owner_store_for_arn(arn)
    if store is not None and store is not backend:
        certificate_authority = store.certificate_authorities.get(arn)
        if certificate_authority is not None and _caller_grants(certificate_authority.policy, backend):
            return certificate_authority
    raise ResourceNotFoundException(arn)


def _list_certificate_authorities(self, resource_owner=None):
    if resource_owner == "OTHER_ACCOUNTS":
        certificate_authorities = shared_certificate_authorities(self)
    else:
        certificate_authorities = [ca for ca in self.certificate_authorities.values() if ca.account_id == self.account_id]
    # A stable order keeps moto's pagination tokens valid between pages.
    certificate_authorities.sort(key=lambda ca: (ca.created_at, ca.arn), reverse=True)
    return certificate_authorities


# moto's paginator looks the model up by the wrapped function's name.
_list_certificate_authorities.__name__ = "list_certificate_authorities"
_list_certificate_authorities.__qualname__ = "ACMPCABackend.list_certificate_authorities"


def _get_certificate_authority_certificate(self, certificate_authority_arn):
    certificate_authority = readable_certificate_authority(self, certificate_authority_arn)
    if certificate_authority.status != "ACTIVE":
        raise InvalidStateException(certificate_authority_arn)
    return certificate_authority.certificate_bytes, certificate_authority.certificate_chain


def _list_tags(self, certificate_authority_arn):
    certificate_authority = readable_certificate_authority(self, certificate_authority_arn)
    owner_store = _store_of(certificate_authority.account_id, certificate_authority.region_name)
    return owner_store.tagger.list_tags_for_resource(certificate_authority_arn)


def _describe_certificate_authority_response(self):
    params = json.loads(self.body)
    certificate_authority = readable_certificate_authority(self.acmpca_backend, params.get("CertificateAuthorityArn"))
    return json.dumps({"CertificateAuthority": certificate_authority.to_json()})


def _wrap_reset(original_reset):
    def reset(self):
        original_reset(self)
        organizations_backends.master_accounts.clear()

    return reset


def install():
    """Apply the patches to moto in this process; calling it again does nothing."""
    backend_class = acmpca_models.ACMPCABackend
    if getattr(backend_class, _INSTALLED_MARK, False):
        return
    backend_class.list_certificate_authorities = paginate(pagination_model=backend_class.PAGINATION_MODEL)(_list_certificate_authorities)
    backend_class.get_certificate_authority_certificate = _get_certificate_authority_certificate
    backend_class.list_tags = _list_tags
    acmpca_responses.ACMPCAResponse.describe_certificate_authority = _describe_certificate_authority_response
    moto_api_models.MotoAPIBackend.reset = _wrap_reset(moto_api_models.MotoAPIBackend.reset)
    setattr(backend_class, _INSTALLED_MARK, True)


def is_installed():
    return bool(getattr(acmpca_models.ACMPCABackend, _INSTALLED_MARK, False))
