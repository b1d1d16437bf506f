# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS RAM for sharing private CAs, served by moto.

moto's RAM refuses to share a CA ("You cannot share the selected resource type") and lacks
associations' lifecycle, invitations and the CA permissions.  ``install()`` replaces the
RAM operations of moto's response class with the emulator's (and routes the paths moto does
not know), in the process that serves the requests: server.py for the HTTP server,
tests/unit/conftest.py and emulator/tests/conftest.py for ``mock_aws``.

* ram_shares.py: shares and their associations; ram_operations.py: permissions,
  invitations, tags, EnableSharingWithAwsOrganization; ram_permissions.py: the permission
  catalogue; ram_model.py: shares, associations, invitations and how changes settle;
  ram_policy.py: what a share writes into a CA's policy (and DeletePolicy's effect on shares).
* State lives on moto's RAM backends, so ``POST /moto-api/reset`` and a new ``mock_aws``
  forget it; the test hooks are forgotten with it.
* ``clientToken`` makes a write idempotent (RAM API Reference): the same token with the
  same request answers the first answer again; with another request it is
  IdempotentParameterMismatchException.

Test hooks, in-process (these functions) and over HTTP (``POST`` JSON to the emulator):

``hold(reads=None)``            ``/moto-api/pki-acmpca/ram/hold`` ``{"reads": N or null}``: association changes made
                                from now on stay ASSOCIATING / DISASSOCIATING until N GetResourceShareAssociations
                                answers have shown them (null: until release); ``{"reads": 0}`` is the default
``release()``                   ``/moto-api/pki-acmpca/ram/release``: settle every change in progress now, hold no more
``fail(entity, message, resource_share_arn=None)``  ``/moto-api/pki-acmpca/ram/fail``
                                ``{"entity": ..., "message": ..., "resourceShareArn": optional}``: the entity's live
                                associations become FAILED with that statusMessage now, and its later ones settle FAILED
``expire_invitation(arn, region)``  ``/moto-api/pki-acmpca/ram/expire-invitation`` ``{"invitationArn": ..., "region": ...}``
``share_from_policy(ca_arn, name=None)``  ``/moto-api/pki-acmpca/ram/share-from-policy`` ``{"certificateAuthorityArn": ..., "name": ...}``:
                                the CREATED_FROM_POLICY share RAM makes from a CA's policy (ram_shares.share_from_policy)
"""

import json

from moto.acmpca import models as acmpca_models
from moto.core.base_backend import BackendDict
from moto.core.utils import camelcase_to_underscores
from moto.moto_api._internal import urls as moto_api_urls
from moto.ram import responses as ram_responses
from moto.ram import urls as ram_urls

from pki_acmpca_emulator import ram_model, ram_operations, ram_policy, ram_shares
from pki_acmpca_emulator.ram_common import RamError, all_stores, store_for

OPERATIONS = {
    "CreateResourceShare": ram_shares.create_resource_share,
    "GetResourceShares": ram_shares.get_resource_shares,
    "UpdateResourceShare": ram_shares.update_resource_share,
    "DeleteResourceShare": ram_shares.delete_resource_share,
    "AssociateResourceShare": ram_shares.associate_resource_share,
    "DisassociateResourceShare": ram_shares.disassociate_resource_share,
    "GetResourceShareAssociations": ram_shares.get_resource_share_associations,
    "ListResources": ram_shares.list_resources,
    "ListPrincipals": ram_shares.list_principals,
    "ListPermissions": ram_operations.list_permissions,
    "GetPermission": ram_operations.get_permission,
    "CreatePermission": ram_operations.create_permission,
    "DeletePermission": ram_operations.delete_permission,
    "ListResourceSharePermissions": ram_operations.list_resource_share_permissions,
    "AssociateResourceSharePermission": ram_operations.associate_resource_share_permission,
    "DisassociateResourceSharePermission": ram_operations.disassociate_resource_share_permission,
    "ReplacePermissionAssociations": ram_operations.replace_permission_associations,
    "ListReplacePermissionAssociationsWork": ram_operations.list_replace_permission_associations_work,
    "GetResourceShareInvitations": ram_operations.get_resource_share_invitations,
    "AcceptResourceShareInvitation": ram_operations.accept_resource_share_invitation,
    "RejectResourceShareInvitation": ram_operations.reject_resource_share_invitation,
    "ListPendingInvitationResources": ram_operations.list_pending_invitation_resources,
    "TagResource": ram_operations.tag_resource,
    "UntagResource": ram_operations.untag_resource,
    "EnableSharingWithAwsOrganization": ram_operations.enable_sharing_with_aws_organization,
}
HOOK_PREFIX = "/moto-api/pki-acmpca/ram/"
HOOKS = ("hold", "release", "fail", "expire-invitation", "share-from-policy")
_INSTALLED_MARK = "_pki_acmpca_ram_installed"


def call(operation, account_id, region, params):
    """Run one RAM operation as ``account_id`` in ``region`` (what the HTTP answer carries)."""
    with ram_model.lock():
        token = params.get("clientToken")
        if token is None:
            return OPERATIONS[operation](account_id, region, params)
        store = store_for(account_id, region)
        request = json.dumps([operation, {key: value for key, value in params.items() if key != "clientToken"}], sort_keys=True)
        seen = store.client_tokens.get(token)
        if seen is not None:
            if seen[0] != request:
                raise RamError("IdempotentParameterMismatchException",
                               f"The client token {token} was already used for a different request.")
            return json.loads(seen[1])
        answer = dict(OPERATIONS[operation](account_id, region, params), clientToken=token)
        store.client_tokens[token] = (request, json.dumps(answer))
        return answer


# ---------------------------------------------------------------- test hooks

def hold(reads=None):
    with ram_model.lock():
        ram_model.hold(reads)


def release():
    with ram_model.lock():
        ram_policy.refresh(ram_model.release(all_stores()))


def fail(entity, message, resource_share_arn=None):
    with ram_model.lock():
        ram_model.fail(entity, message)
        ram_policy.refresh(ram_model.fail_now(all_stores(), entity, message, resource_share_arn))


def expire_invitation(arn, region="us-east-1"):
    with ram_model.lock():
        return ram_operations.expire_invitation(region, arn)


def share_from_policy(ca_arn, name=None):
    with ram_model.lock():
        return ram_shares.share_from_policy(ca_arn, name)


def _hook_response(request, full_url, headers):  # pylint: disable=unused-argument
    body = getattr(request, "data", None)
    if body is None:
        body = getattr(request, "body", None)
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    try:
        document = json.loads(body) if body else {}
        route = full_url.split(HOOK_PREFIX, 1)[1].split("?", 1)[0].strip("/")
        if route == "hold":
            hold(document.get("reads"))
            answer = {"hold": document.get("reads")}
        elif route == "release":
            release()
            answer = {"released": True}
        elif route == "fail":
            fail(document["entity"], document.get("message", "Failed by the emulator's test hook"), document.get("resourceShareArn"))
            answer = {"failing": document["entity"]}
        elif route == "expire-invitation":
            answer = expire_invitation(document["invitationArn"], document.get("region", "us-east-1"))
        elif route == "share-from-policy":
            answer = share_from_policy(document["certificateAuthorityArn"], document.get("name"))
        else:
            return 404, {}, json.dumps({"error": f"no RAM hook {route!r}"})
    except (KeyError, ValueError, TypeError) as error:
        return 400, {}, json.dumps({"error": str(error)})
    return 200, {"Content-Type": "application/json"}, json.dumps(answer)


# ---------------------------------------------------------------- install

def _response_method(operation):
    def method(self):
        params = json.loads(self.body) if self.body else {}
        for key, values in (self.querystring or {}).items():
            params.setdefault(key, values[0] if isinstance(values, list) else values)
        return json.dumps(call(operation, self.current_account, self.region, params))
    method.__name__ = camelcase_to_underscores(operation)
    return method


def _delete_policy_taking_ca_out_of_shares(original):
    # PCA DeletePolicy reference: deleting a policy RAM applied takes the CA out of every share.
    def delete_policy(self, resource_arn):
        original(self, resource_arn)
        with ram_model.lock():
            ram_policy.take_out_of_shares(resource_arn)
    return delete_policy


def _reset_forgetting_hooks(original):
    def reset(cls):
        original(cls)
        ram_model.clear_hooks()
    return classmethod(reset)


def install():
    """Serve RAM's CA sharing from moto in this process; calling it again does nothing."""
    response_class = ram_responses.ResourceAccessManagerResponse
    if getattr(response_class, _INSTALLED_MARK, False):
        return
    from botocore.session import Session  # pylint: disable=import-outside-toplevel
    model = Session().get_service_model("ram")
    for operation in OPERATIONS:
        setattr(response_class, camelcase_to_underscores(operation), _response_method(operation))
        path = "{0}/" + model.operation_model(operation).http["requestUri"].strip("/")
        if not any(known.startswith(path) for known in ram_urls.url_paths):
            ram_urls.url_paths[path + "/?$"] = response_class.dispatch
    for hook in HOOKS:
        moto_api_urls.url_paths["{0}" + HOOK_PREFIX + hook + "$"] = _hook_response
    backend_class = acmpca_models.ACMPCABackend
    backend_class.delete_policy = _delete_policy_taking_ca_out_of_shares(backend_class.delete_policy)
    BackendDict.reset = _reset_forgetting_hooks(BackendDict.reset.__func__)
    setattr(response_class, _INSTALLED_MARK, True)


def is_installed():
    return bool(getattr(ram_responses.ResourceAccessManagerResponse, _INSTALLED_MARK, False))
