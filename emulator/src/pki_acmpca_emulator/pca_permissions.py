# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CreatePermission, ListPermissions and DeletePermission for moto's ACM PCA, which has none.

``install()`` adds the three operations to moto's ACM PCA backend and its response class
(moto dispatches on the ``X-Amz-Target`` header to the method of the same name), in the
process that serves the requests: server.py for moto_server, tests/unit/conftest.py
for ``mock_aws``.  What they do follows the API reference:

* A permission belongs to one CA and is keyed by ``(Principal, SourceAccount)``; a request
  without ``SourceAccount`` stands for the calling account, which is what ListPermissions
  then shows (Terraform's ``aws_acmpca_permission`` reads ``source_account`` back as computed).
* CreatePermission: ``ResourceNotFoundException`` for a CA the caller does not own;
  ``PermissionAlreadyExistsException`` when the key is taken (a permission cannot be updated);
  ``ValidationException`` for what the service model forbids (1 to 3 actions out of
  IssueCertificate, GetCertificate, ListPermissions; a 12-digit SourceAccount; a principal
  without ``*``) and ``InvalidRequestException`` for any principal but ``acm.amazonaws.com``.
  Repeated actions are stored once.
* ``InvalidStateException`` ("The certificate authority is in the DELETED state.", the words
  Terraform matches) for CreatePermission and DeletePermission unless the CA is
  PENDING_CERTIFICATE or ACTIVE: the user guide says renewal permissions "can be delegated
  during private CA creation or altered anytime after as long as the CA is in the ACTIVE
  state" (the console grants them before the CA certificate is installed).  The API
  reference names the error, not the states; this is the strict reading.  ListPermissions
  answers in every state but DELETED, which Terraform expects.
* ListPermissions pages (``MaxResults`` 1 to 1000, 100 by default here; a ``NextToken`` it did
  not give is ``InvalidNextTokenException``); each permission has ``CertificateAuthorityArn``,
  ``CreatedAt``, ``Principal``, ``SourceAccount``, ``Actions`` and ``Policy``, the resource
  policy text AWS generates for the grant.  A CA shared with the caller through its policy
  is readable, as with the other read actions (see cross_account.py).
* DeletePermission of a permission that does not exist is ``ResourceNotFoundException``,
  as for an unknown CA (Terraform's delete treats that error as already deleted).

Permissions live on moto's CA objects, so ``POST /moto-api/reset`` and the end of a
``mock_aws`` block forget them with the CAs.
"""

import base64
import json

from moto.acmpca import responses as acmpca_responses
from moto.core.exceptions import JsonRESTError
from moto.core.utils import unix_time

from pki_acmpca_emulator.cross_account import readable_certificate_authority

ACM_PRINCIPAL = "acm.amazonaws.com"
ACTIONS = ("IssueCertificate", "GetCertificate", "ListPermissions")
WRITE_ALLOWED_STATES = ("PENDING_CERTIFICATE", "ACTIVE")
LIST_REFUSED_STATES = ("DELETED",)
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
_INSTALLED_MARK = "_pki_acmpca_permissions_installed"
_STORE = "_pki_acmpca_permissions"


class _Error(JsonRESTError):
    code = 400

    def __init__(self, error_type, message):
        super().__init__(error_type, message)


def _invalid_state(certificate_authority):
    return _Error("InvalidStateException", f"The certificate authority is in the {certificate_authority.status} state.")


def _validation(field, value, constraint):
    return _Error("ValidationException", f"1 validation error detected: Value {json.dumps(value)} at '{field}' failed to satisfy constraint: {constraint}")


def _permissions(certificate_authority):
    store = getattr(certificate_authority, _STORE, None)
    if store is None:
        store = {}
        setattr(certificate_authority, _STORE, store)
    return store


def _check_principal(principal):
    if not isinstance(principal, str) or not principal or len(principal) > 128 or "*" in principal:
        raise _validation("principal", principal, "Member must have length less than or equal to 128 and match pattern [^*]+")
    if principal != ACM_PRINCIPAL:
        raise _Error("InvalidRequestException", f"The principal {principal} is not supported: the only valid principal is {ACM_PRINCIPAL}")


def _source_account(backend, source_account):
    if source_account is None:
        return backend.account_id
    if not isinstance(source_account, str) or len(source_account) != 12 or not source_account.isdigit():
        raise _validation("sourceAccount", source_account, "Member must have length 12 and match pattern [0-9]+")
    return source_account


def _check_actions(actions):
    if not isinstance(actions, list) or not 1 <= len(actions) <= 3:
        raise _validation("actions", actions, "Member must have length between 1 and 3")
    for index, action in enumerate(actions):
        if action not in ACTIONS:
            raise _validation("actions.%d.member" % (index + 1), action, f"Member must satisfy enum value set: [{', '.join(ACTIONS)}]")
    return list(dict.fromkeys(actions))


def permission_policy(arn, principal, source_account, actions):
    """The resource policy text a permission stands for, as ListPermissions returns it."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": f"{principal}-{source_account}",
            "Effect": "Allow",
            "Principal": {"Service": principal},
            "Action": [f"acm-pca:{action}" for action in actions],
            "Resource": arn,
            "Condition": {"StringEquals": {"aws:SourceAccount": source_account}},
        }],
    }, separators=(",", ":"))


def _own_certificate_authority(backend, arn):
    certificate_authority = backend.describe_certificate_authority(arn)
    if certificate_authority.status not in WRITE_ALLOWED_STATES:
        raise _invalid_state(certificate_authority)
    return certificate_authority


def create_permission(backend, certificate_authority_arn, principal, actions, source_account=None):
    _check_principal(principal)
    actions = _check_actions(actions)
    source_account = _source_account(backend, source_account)
    certificate_authority = _own_certificate_authority(backend, certificate_authority_arn)
    store = _permissions(certificate_authority)
    if (principal, source_account) in store:
        raise _Error("PermissionAlreadyExistsException",
                     f"The designated permission has already been given to the user: {principal}, {source_account}")
    store[(principal, source_account)] = {
        "CertificateAuthorityArn": certificate_authority_arn,
        "CreatedAt": unix_time(),
        "Principal": principal,
        "SourceAccount": source_account,
        "Actions": actions,
        "Policy": permission_policy(certificate_authority_arn, principal, source_account, actions),
    }


def delete_permission(backend, certificate_authority_arn, principal, source_account=None):
    _check_principal(principal)
    source_account = _source_account(backend, source_account)
    certificate_authority = _own_certificate_authority(backend, certificate_authority_arn)
    if _permissions(certificate_authority).pop((principal, source_account), None) is None:
        raise _Error("ResourceNotFoundException", f"Could not find permission for {principal}, {source_account} on resource: {certificate_authority_arn}")


def _token(arn, offset):
    return base64.urlsafe_b64encode(json.dumps([arn, offset]).encode("utf-8")).decode("ascii")


def _offset(arn, token):
    try:
        token_arn, offset = json.loads(base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8"))
    except (ValueError, TypeError, AttributeError):
        offset, token_arn = None, None
    if token_arn != arn or not isinstance(offset, int) or offset < 1:
        raise _Error("InvalidNextTokenException", "The token specified in the NextToken argument is not valid.")
    return offset


def list_permissions(backend, certificate_authority_arn, max_results=None, next_token=None):
    """One page: (permissions, next token or None)."""
    if max_results is None:
        max_results = DEFAULT_PAGE_SIZE
    if not isinstance(max_results, int) or not 1 <= max_results <= MAX_PAGE_SIZE:
        raise _validation("maxResults", max_results, "Member must have value between 1 and %d" % MAX_PAGE_SIZE)
    certificate_authority = readable_certificate_authority(backend, certificate_authority_arn)
    if certificate_authority.status in LIST_REFUSED_STATES:
        raise _invalid_state(certificate_authority)
    offset = 0 if next_token is None else _offset(certificate_authority_arn, next_token)
    permissions = sorted(_permissions(certificate_authority).values(), key=lambda item: (item["CreatedAt"], item["SourceAccount"]))
    page = permissions[offset:offset + max_results]
    more = offset + max_results < len(permissions)
    return [dict(permission, Actions=list(permission["Actions"])) for permission in page], \
        _token(certificate_authority_arn, offset + max_results) if more else None


def _create_permission_response(self):
    params = json.loads(self.body)
    create_permission(self.acmpca_backend, params.get("CertificateAuthorityArn"), params.get("Principal"),
                      params.get("Actions"), params.get("SourceAccount"))
    return "{}"


def _list_permissions_response(self):
    params = json.loads(self.body)
    permissions, next_token = list_permissions(self.acmpca_backend, params.get("CertificateAuthorityArn"),
                                               params.get("MaxResults"), params.get("NextToken"))
    response = {"Permissions": permissions}
    if next_token:
        response["NextToken"] = next_token
    return json.dumps(response)


def _delete_permission_response(self):
    params = json.loads(self.body)
    delete_permission(self.acmpca_backend, params.get("CertificateAuthorityArn"), params.get("Principal"), params.get("SourceAccount"))
    return "{}"


def install():
    """Add the three operations to moto in this process; calling it again does nothing."""
    response_class = acmpca_responses.ACMPCAResponse
    if getattr(response_class, _INSTALLED_MARK, False):
        return
    response_class.create_permission = _create_permission_response
    response_class.list_permissions = _list_permissions_response
    response_class.delete_permission = _delete_permission_response
    setattr(response_class, _INSTALLED_MARK, True)


def is_installed():
    return bool(getattr(acmpca_responses.ACMPCAResponse, _INSTALLED_MARK, False))
