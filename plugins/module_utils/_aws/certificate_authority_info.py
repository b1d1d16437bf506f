# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""pki.acmpca.acmpca_info's read pipeline: from the task's options to its result.

The CAs are found (one by ARN, or listed), filtered, and described; their tags, policies
and permissions are read in one PerCaReadPool for the whole task, the tags read for the
``tags`` filter kept rather than read again; AWS RAM's shares, read per account, follow.
Access findings are judged last, against the trust zone the options give.
"""

import contextlib

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import (
    CallerAccount,
    PerCaReadPool,
    describe_for_user,
    list_certificate_authorities,
    require_certificate_authority,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority_filters import parse_filters, select_certificate_authorities
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    acmpca_client,
    caller_account_lookup,
    client_for_certificate_authority,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.organizations import OrganizationAccounts
from ansible_collections.pki.acmpca.plugins.module_utils._aws.permissions import permissions_of_listed_ca
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram_info import add_ram_shares
from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_findings import add_access_findings
from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_statements import ram_statement_sids
from ansible_collections.pki.acmpca.plugins.module_utils._policy.trust_zone import trust_zone


def find_certificate_authorities(client, arn, resource_owner):
    if arn:
        return [require_certificate_authority(client, arn)]
    return list_certificate_authorities(client, resource_owner)


def mark_ram_statements(cas):
    """Name the statements AWS RAM wrote in each CA's policy, which are easy to drop by mistake."""
    for ca in cas:
        ca['ram_statement_sids'] = ram_statement_sids(ca.get('policy'))
    return cas


def trust_zone_of(params):
    """The trust zone the options give (None without one); InputError for bad IDs."""
    if not params['include_access'] and (params['trusted_accounts'] is not None or params['trusted_organization_id'] is not None):
        raise InputError('trusted_accounts and trusted_organization_id are used only with include_access=true')
    return trust_zone(params['trusted_accounts'], params['trusted_organization_id'])


def ownership(params, client, arn, resource_owner):
    """Whether a CA is the caller's: its OwnerAccount against the caller's account.

    ListCertificateAuthorities already answers for what it lists (SELF: the caller's CAs;
    OTHER_ACCOUNTS: other accounts'). For one CA named by its ARN, STS names the caller's
    account: asked once, and only when GetPolicy finds no policy on that CA."""
    if arn:
        return CallerAccount(caller_account_lookup(params, client.meta.region_name)).owns
    return lambda ca: resource_owner == 'SELF'


def listed_account(params, client, cas):
    """The account whose own CAs were listed: their owner, or, when none was found, the
    caller's account (STS GetCallerIdentity, asked only then, so that "no CA" names whose
    account and which region were read); None when STS cannot tell."""
    if cas:
        return cas[0].get('owner_account')
    try:
        return caller_account_lookup(params, client.meta.region_name)()
    except AcmPcaError:
        return None


def read_certificate_authorities(client, cas, filters, include_policy=False, include_tags=False, include_permissions=False,
                                 is_own=None):
    """The CAs (botocore's dicts) that pass ``filters``, described for the user with what
    the include options ask, every per-CA read in one pool."""
    operations = sum((bool(include_tags or filters.get('tags')), include_policy, include_permissions))
    pool = PerCaReadPool.sized_for(operations, len(cas))
    with pool or contextlib.nullcontext():
        kept, tags = select_certificate_authorities(client, cas, filters, pool)
        # Tags read for the tags filter are not read again.
        result = describe_for_user(client, kept, include_policy, include_tags and not tags, is_own,
                                   [('permissions', permissions_of_listed_ca)] if include_permissions else (), pool)
    for item in result if include_tags and tags else ():
        item.update(tags[item['arn']])
    if include_policy:
        mark_ram_statements(result)
    return result


def certificate_authority_info(params):
    """acmpca_info's result for its options ``params``, and the warnings to give:
    ``({certificate_authorities, region, [account_id], [access_summary...], [shares...]}, [warning, ...])``.
    InputError or AcmPcaError when the task fails."""
    arn = params['certificate_authority_arn']
    zone = trust_zone_of(params)
    filters = parse_filters(params['filters'])
    if arn:
        client = client_for_certificate_authority(params, parse_certificate_authority_arn(arn, option='certificate_authority_arn'),
                                                  'certificate_authority_arn')
    else:
        client = acmpca_client(params)
    if zone and zone.organization_id:
        zone = zone.reading_members_with(OrganizationAccounts(params, client.meta.region_name, zone.organization_id))
    cas = read_certificate_authorities(
        client, find_certificate_authorities(client, arn, params['resource_owner']), filters,
        include_policy=params['include_policy'] or params['include_access'], include_tags=params['include_tags'],
        include_permissions=params['include_permissions'] or params['include_access'],
        is_own=ownership(params, client, arn, params['resource_owner']))
    listing = dict(region=client.meta.region_name)
    if not arn and params['resource_owner'] == 'SELF':
        listing['account_id'] = listed_account(params, client, cas)
    # AWS RAM is read per account, not per CA: its own calls, after the per-CA reads.
    shares = add_ram_shares(params, client.meta.region_name, cas, 'SELF' if arn else params['resource_owner']) \
        if params['include_shares'] else {}
    access = add_access_findings(cas, zone) if params['include_access'] else {}
    warnings = []
    if zone and zone.organization_accounts and zone.organization_accounts.warning():
        warnings.append(zone.organization_accounts.warning())
    return dict(certificate_authorities=cas, **listing, **access, **shares), warnings
