# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the RAM emulator's parts share: its errors, ARNs, paging and the per-account store.

RAM is a REST-JSON API (botocore ``ram`` service model): every error is a 400 with a
JSON body naming its type, as moto's ``JsonRESTError`` writes it.
"""

import base64
import json
import uuid

from moto.core.exceptions import JsonRESTError
from moto.core.utils import unix_time
from moto.ram.models import ram_backends
from moto.utilities.utils import get_partition

PCA_RESOURCE_TYPE = "acm-pca:CertificateAuthority"
DEFAULT_PAGE_SIZE = 500  # the API reference: maxResults 1 to 500
_STORE = "_pki_acmpca_ram_store"


class RamError(JsonRESTError):
    """``RamError("UnknownResourceException", "...")``: a 400 with that error type."""

    code = 400


def invalid_parameter(message):
    return RamError("InvalidParameterException", message)


def malformed_arn(arn):
    return RamError("MalformedArnException", f"The specified ARN {arn} is not valid. Verify the ARN and try again.")


def unknown_resource(message):
    return RamError("UnknownResourceException", message)


def not_permitted(message):
    return RamError("OperationNotPermittedException", message)


def now():
    """Seconds since the epoch, as RAM's JSON carries timestamps."""
    return unix_time()


def new_id():
    return str(uuid.uuid4())


def partition_of(region):
    return get_partition(region)


def arn_parts(arn):
    """``(partition, service, region, account, resource)`` of an ARN, or None when it is not one."""
    parts = str(arn or "").split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2], parts[3], parts[4], parts[5]


class Store:
    """One account's RAM state in one region: shares and customer managed permissions."""

    def __init__(self, account_id, region):
        self.account_id = account_id
        self.region = region
        self.shares = {}       # ARN -> Share, in creation order
        self.permissions = {}  # ARN -> CustomerPermission
        self.client_tokens = {}  # clientToken -> (operation, request, answer)
        self.replace_work = []   # ReplacePermissionAssociations' works


def store_for(account_id, region, create=True):
    """The Store kept on moto's RAM backend of ``account_id`` in ``region``.

    It lives on moto's backend object, so ``POST /moto-api/reset`` and the start of a
    ``mock_aws`` block (both reset every backend) forget it.  ``dict.get`` is used when
    not creating: moto's BackendDict makes a backend on every ``[]`` lookup.
    """
    if create:
        backend = ram_backends[account_id][region]
    else:
        account_backends = dict.get(ram_backends, account_id)
        backend = None if account_backends is None else dict.get(account_backends, region)
        if backend is None:
            return None
    store = backend.__dict__.get(_STORE)
    if store is None and create:
        store = Store(account_id, region)
        backend.__dict__[_STORE] = store
    return store


def stores_in(region):
    """Every account's Store in ``region`` (those that exist), ordered by account."""
    found = []
    for account_id in sorted(list(ram_backends.keys())):
        store = store_for(account_id, region, create=False)
        if store is not None:
            found.append(store)
    return found


def all_stores():
    """Every account's Store in every region."""
    regions = {region for account_id in list(ram_backends.keys()) for region in list(dict.get(ram_backends, account_id, {}).keys())}
    return [store for region in sorted(regions) for store in stores_in(region)]


def page(items, params, operation):
    """One page of ``items`` for ``params`` (``maxResults``, ``nextToken``): (items, next token)."""
    max_results = params.get("maxResults")
    if max_results is None:
        max_results = DEFAULT_PAGE_SIZE
    if not isinstance(max_results, int) or not 1 <= max_results <= DEFAULT_PAGE_SIZE:
        raise invalid_parameter(f"maxResults {max_results} is not valid: specify a value from 1 to {DEFAULT_PAGE_SIZE}.")
    offset = 0
    token = params.get("nextToken")
    if token is not None:
        try:
            token_operation, offset = json.loads(base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8"))
        except (ValueError, TypeError, AttributeError):
            token_operation, offset = None, None
        if token_operation != operation or not isinstance(offset, int) or offset < 1:
            raise RamError("InvalidNextTokenException", "The specified value for NextToken is not valid.")
    chunk = items[offset:offset + max_results]
    if offset + max_results < len(items):
        next_token = base64.urlsafe_b64encode(json.dumps([operation, offset + max_results]).encode("utf-8")).decode("ascii")
        return chunk, next_token
    return chunk, None


def tag_list(tags):
    return [{"key": key, "value": value} for key, value in tags.items()]


def tags_from(tag_list_value):
    tags = {}
    for tag in tag_list_value or []:
        if not isinstance(tag, dict) or not tag.get("key"):
            raise invalid_parameter("Each tag needs a key.")
        tags[tag["key"]] = tag.get("value", "")
    return tags
