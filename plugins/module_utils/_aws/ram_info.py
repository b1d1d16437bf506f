# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""acmpca_info's ``include_shares``: the AWS RAM shares of the CAs listed, and the pending
invitations to CAs of other accounts."""


from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import service_client
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram import shares_by_certificate_authority
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram_invitations import pending_certificate_authority_invitations


def add_ram_shares(params, region, cas, resource_owner):
    """Give each CA (acmpca_info's snake_case dicts) ``ram_shares``, the shares of this account
    that hold it; with ``OTHER_ACCOUNTS``, return ``{'pending_invitations': [...]}`` instead
    (the CAs other accounts invite this one to), else {}."""
    client = service_client(params, 'ram', region)
    if resource_owner == 'OTHER_ACCOUNTS':
        return dict(pending_invitations=pending_certificate_authority_invitations(client))
    shares = shares_by_certificate_authority(client, [ca['arn'] for ca in cas])
    for ca in cas:
        ca['ram_shares'] = shares[ca['arn']]
    return {}
