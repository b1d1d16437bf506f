#!/usr/bin/python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


DOCUMENTATION = r'''
module: acmpca_info
short_description: List AWS Private CAs you own or that others share with you
version_added: 0.1.0
description:
  - Lists the AWS Private Certificate Authorities (ACM PCA) of the account in the region,
    or those other accounts share with it, or describes one CA by its ARN.
  - Every page of the listing is read.
  - With O(include_policy), O(include_permissions) or O(include_tags), each CA's policy,
    permissions or tags are read too, concurrently for many CAs (at most 8 requests of each
    operation at once).
  - O(filters) keeps only the CAs that match, after the listing.
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  resource_owner:
    description:
      - V(SELF) lists the CAs the account owns.
      - V(OTHER_ACCOUNTS) lists the CAs other accounts share with it, through a
        resource-based policy or AWS RAM.
      - Ignored when O(certificate_authority_arn) is given.
    type: str
    choices: [SELF, OTHER_ACCOUNTS]
    default: SELF
  certificate_authority_arn:
    description:
      - Describe only this CA, owned or shared. A CA that does not exist, or that the
        account in use cannot see, fails the task with a message naming the ARN and the
        region, so that an audit of a mistyped ARN cannot pass.
      - Checked locally before any AWS call; must be of the form
        C(arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>).
    type: str
    aliases: [arn]
  include_policy:
    description:
      - Also return each CA's resource-based policy as RV(certificate_authorities[].policy).
      - A CA whose policy this account may not read (usually a CA another account owns and
        shares with it) gets RV(certificate_authorities[].policy=null) and
        RV(certificate_authorities[].policy_error) instead of failing the task; any other
        error fails the task.
      - GetPolicy answers ResourceNotFound both for a CA without a policy and for a policy
        this account may not read. Whether the CA is the caller's decides - its
        C(OwnerAccount) against the caller's account. A listing answers that for what it
        lists (O(resource_owner=SELF) the caller's, V(OTHER_ACCOUNTS) other accounts'); for
        one CA named by O(certificate_authority_arn), STS GetCallerIdentity names the
        caller's account, asked once and only when GetPolicy finds no policy; when STS
        cannot answer, that CA gets RV(certificate_authorities[].policy_error) (its policy is
        unknown), never a plain V(null).
    type: bool
    default: false
  include_access:
    description:
      - Also return who may use each CA, as RV(certificate_authorities[].access), one finding
        per principal that an C(Allow) statement of its policy grants, and the top-level
        RV(external_access). See C(docs/access.md) for what is resolved and what is not.
      - Reads the policy as O(include_policy) does and the permissions as O(include_permissions)
        does, and returns them in RV(certificate_authorities[].policy) and
        RV(certificate_authorities[].permissions) too. Each permission of the ACM service
        principal is a finding of its own.
      - The analysis is local, with no AWS call beyond the policy and permission reads; with
        O(trusted_organization_id), the organization's accounts are read from AWS
        Organizations too, once, and only when a finding names an account outside
        O(trusted_accounts).
    type: bool
    default: false
  trusted_accounts:
    description:
      - With O(trusted_organization_id), the trust zone that
        RV(certificate_authorities[].access[].external) is decided against. The CA's owner
        account is always trusted.
      - 12-digit AWS account IDs, as strings (quote them in YAML). Checked before any AWS call.
      - Only with O(include_access=true).
    type: list
    elements: str
  trusted_organization_id:
    description:
      - The AWS Organization of the trust zone, C(o-) followed by 10 to 32 lowercase letters
        or digits. Checked before any AWS call.
      - An account named in a policy is in the zone when it is a member of this organization,
        read with DescribeOrganization and ListAccounts (which only the organization's
        management account or a delegated administrator may call). When they cannot be
        read, a warning says why, and such findings get
        RV(certificate_authorities[].access[].external=null) and are listed in RV(unresolved_access).
      - Only with O(include_access=true).
    type: str
  filters:
    description:
      - Keep only the CAs that match every filter given. Applied here, after the listing
        (AWS has no server-side filter for CAs); only C(tags) costs AWS calls, one
        C(ListTags) per CA that the other filters kept, concurrently.
      - C(status), C(type), C(usage_mode), C(key_algorithm) - the value AWS reports (for
        example V(ACTIVE), V(ROOT), V(GENERAL_PURPOSE), V(RSA_2048)), or a list of them
        (any of them matches).
      - C(common_name) - the CommonName of the CA's subject, exactly or as a shell-style
        glob (V(*), V(?), V([seq]); case-sensitive), or a list of them (any matches).
      - C(tags) - a dict of tag key to value (or to a list of values, any of which
        matches); every tag given must be on the CA with such a value. A CA whose tags
        cannot be read does not match.
      - Unknown filters and values are refused before any AWS call.
    type: dict
  include_permissions:
    description:
      - Also return the permissions each CA grants the ACM service principal (ListPermissions) as
        RV(certificate_authorities[].permissions).
      - A CA whose permissions cannot be read (AccessDenied, a DELETED CA, a CA deleted since it
        was listed) gets RV(certificate_authorities[].permissions=null) and
        RV(certificate_authorities[].permissions_error) instead of failing the task; any other
        error fails the task.
    type: bool
    default: false
  include_tags:
    description:
      - Also return each CA's tags as RV(certificate_authorities[].tags).
      - Tags of a CA this account may not read (AccessDenied, a DELETED CA, or a CA deleted
        since it was listed) are reported in RV(certificate_authorities[].tags_error) on that
        CA; any other error fails the task.
    type: bool
    default: false
extends_documentation_fragment:
  - pki.acmpca.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    details: This module only reads, so check mode changes nothing.
  diff_mode:
    support: none
notes:
  - >-
    IAM permissions - C(acm-pca:ListCertificateAuthorities) to list, or
    C(acm-pca:DescribeCertificateAuthority) on the CA named by O(certificate_authority_arn);
    C(acm-pca:GetPolicy) with O(include_policy) or O(include_access); C(acm-pca:ListPermissions) with
    O(include_permissions) or O(include_access); C(acm-pca:ListTags) with O(include_tags)
    or O(filters) C(tags); C(organizations:DescribeOrganization) and C(organizations:ListAccounts) with
    O(trusted_organization_id).
    STS GetCallerIdentity needs no permission.
seealso:
  - module: pki.acmpca.acmpca_policy
'''

EXAMPLES = r'''
- name: List the CAs this account owns in the region
  pki.acmpca.acmpca_info:
    region: eu-west-1
  register: owned

- name: Show the ARNs of the ACTIVE ones
  ansible.builtin.debug:
    msg: "{{ owned.certificate_authorities | selectattr('status', 'equalto', 'ACTIVE') | map(attribute='arn') }}"

- name: Who outside the organization may use the account's CAs?
  pki.acmpca.acmpca_info:
    include_access: true
    trusted_organization_id: o-a1b2c3d4e5
    trusted_accounts: ["111122223333"]
  register: audit

- name: Fail when any CA grants access outside the trust zone, or when that cannot be told
  ansible.builtin.assert:
    that:
      - audit.external_access | length == 0
      - audit.unresolved_access | length == 0
    fail_msg: >-
      CAs with access outside the zone or unresolved:
      {{ (audit.external_access + audit.unresolved_access) | map(attribute='certificate_authority_arn') | unique | join(', ') }}

- name: Find the ACTIVE root CAs named pki-*, tagged for the platform team
  pki.acmpca.acmpca_info:
    filters:
      status: ACTIVE
      type: ROOT
      common_name: "pki-*"
      tags: {Team: platform}
  register: platform_roots

- name: List the CAs other accounts share with this one, with their policies
  pki.acmpca.acmpca_info:
    resource_owner: OTHER_ACCOUNTS
    include_policy: true
  register: shared_with_us

- name: Which CAs let ACM renew the certificates they issue?
  pki.acmpca.acmpca_info:
    include_permissions: true
  register: with_permissions

- name: Show the ARNs of the CAs that grant ACM no permission
  ansible.builtin.debug:
    msg: "{{ with_permissions.certificate_authorities | rejectattr('permissions') | map(attribute='arn') }}"

- name: Describe one CA, with its policy and tags
  pki.acmpca.acmpca_info:
    certificate_authority_arn: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    include_policy: true
    include_tags: true
  register: one_ca

# From the command line:
#   ansible localhost -m pki.acmpca.acmpca_info -a "region=eu-west-1 include_policy=true"
'''

RETURN = r'''
certificate_authorities:
  description:
    - The CAs found, with snake_case keys and ISO 8601 dates; an empty list when none.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: ARN of the CA.
      type: str
      sample: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    owner_account:
      description: The account that owns the CA.
      type: str
      sample: "111122223333"
    status:
      description: The CA's status.
      type: str
      sample: ACTIVE
    type:
      description: V(ROOT) or V(SUBORDINATE).
      type: str
      sample: ROOT
    serial:
      description: Serial number of the CA's certificate.
      type: str
      returned: when the CA has a certificate
    created_at:
      description: When the CA was created (ISO 8601).
      type: str
      sample: "2026-11-26T17:05:36+00:00"
    last_state_change_at:
      description: When the CA last changed state (ISO 8601).
      type: str
      returned: when AWS reports it
    not_before:
      description: Start of the validity of the CA's certificate (ISO 8601).
      type: str
      returned: when the CA has a certificate
    not_after:
      description: End of the validity of the CA's certificate (ISO 8601).
      type: str
      returned: when the CA has a certificate
    restorable_until:
      description: For a DELETED CA, until when it can be restored (ISO 8601).
      type: str
      returned: when the CA is DELETED
    failure_reason:
      description: Why the CA failed.
      type: str
      returned: when the CA is FAILED
    certificate_authority_configuration:
      description: Key algorithm, signing algorithm and subject of the CA.
      type: dict
      sample:
        key_algorithm: RSA_2048
        signing_algorithm: SHA256WITHRSA
        subject: {common_name: pki.example.com}
    revocation_configuration:
      description: CRL and OCSP settings of the CA.
      type: dict
      sample: {crl_configuration: {enabled: false}}
    usage_mode:
      description: V(GENERAL_PURPOSE) or V(SHORT_LIVED_CERTIFICATE).
      type: str
      returned: when AWS reports it
    key_storage_security_standard:
      description: The FIPS standard of the CA's key storage.
      type: str
      returned: when AWS reports it
    policy:
      description:
        - The CA's resource-based policy with its keys in their original case; V(null)
          when it has none or when it could not be read (then
          RV(certificate_authorities[].policy_error) says why).
        - A dict, or the stored text when AWS holds a policy that is not a JSON object.
      type: raw
      returned: when O(include_policy=true) or O(include_access=true)
    ram_statement_sids:
      description:
        - The Sids of the policy's statements that AWS RAM wrote for resource shares (they end
          in C(-external-principals)); an empty list when there are none.
        - Dropping these statements, or deleting the policy, ends the RAM shares' access to the CA.
          M(pki.acmpca.acmpca_policy) with O(pki.acmpca.acmpca_policy#module:statements) never touches them.
      type: list
      elements: str
      returned: when O(include_policy=true) or O(include_access=true)
      sample: ["a1b2c3d4-5678-90ab-cdef-EXAMPLE11111-external-principals"]
    policy_error:
      description:
        - Why the policy could not be read - C(code) and C(message) as AWS sent them,
          C(request_id) of that answer, and C(msg), one line naming the operation and the CA.
        - For another account's CA whose policy is not readable, C(code) is the
          C(ResourceNotFoundException) AWS answered.
      type: dict
      returned: when O(include_policy=true) or O(include_access=true), and the policy could not be read
      sample:
        code: AccessDeniedException
        message: User is not authorized
        request_id: 0a1b2c3d-4e5f-6789-abcd-ef0123456789
        msg: "GetPolicy failed for ..."
    permissions:
      description:
        - The permissions the CA grants the ACM service principal, as M(pki.acmpca.acmpca_permission)
          returns them (C(principal), C(source_account), C(actions), C(created_at), and C(policy),
          the resource policy AWS generated, as a dict); an empty list when none.
        - V(null) when they could not be read (then RV(certificate_authorities[].permissions_error) says why).
      type: list
      elements: dict
      returned: when O(include_permissions=true) or O(include_access=true)
      sample:
        - certificate_authority_arn: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
          principal: acm.amazonaws.com
          source_account: "111122223333"
          actions: [IssueCertificate, GetCertificate, ListPermissions]
          created_at: "2026-11-26T17:05:36+00:00"
          policy: {Version: "2012-10-17", Statement: []}
    permissions_error:
      description: Why the permissions could not be read (C(code), C(message), C(request_id), C(msg), as for C(policy_error)).
      type: dict
      returned: when O(include_permissions=true) or O(include_access=true), and the permissions could not be read
    access:
      description:
        - Who may use the CA, one finding per principal that an C(Allow) statement grants,
          after C(Deny) statements that take the same actions from the same principal, and one
          per permission of the ACM service principal; an empty list when the CA has neither.
        - V(null) when the policy or the permissions could not be read (see
          RV(certificate_authorities[].policy_error) and RV(certificate_authorities[].permissions_error))
          or the policy is not a JSON object (see RV(certificate_authorities[].access_error)).
      type: list
      elements: dict
      returned: when O(include_access=true)
      contains:
        sid:
          description: The statement's C(Sid), or V(null).
          type: str
          sample: ShareWithPartner
        principal_type:
          description:
            - V(account), V(organization), V(organization_path), V(arn), V(service) or V(public).
            - A C("*") principal narrowed by C(aws:PrincipalArn) gives V(arn), by
              C(aws:PrincipalAccount) V(account), by C(aws:PrincipalOrgPaths)
              V(organization_path), by C(aws:PrincipalOrgID) V(organization), by an
              C(aws:Source*) key V(service) (C(*)); with none of them, V(public).
          type: str
          sample: account
        principal:
          description:
            - The 12-digit account ID (root ARNs folded to it), the organization ID, the
              organization path, the principal ARN, the service name, or C(*).
          type: str
          sample: "111122223333"
        actions:
          description: The actions granted, as written in the policy, less those a C(Deny) takes away.
          type: list
          elements: str
          sample: [acm-pca:IssueCertificate]
        can_issue:
          description: Whether C(acm-pca:IssueCertificate) is granted.
          type: bool
        templates:
          description:
            - The template ARNs issuing is limited to (the C(acm-pca:TemplateArn) condition);
              C([*]) when issuing is not limited; empty when
              RV(certificate_authorities[].access[].can_issue) is false.
          type: list
          elements: str
          sample: [arn:aws:acm-pca:::template/EndEntityCertificate/V1]
        shared_via:
          description:
            - V(RAM) for a statement AWS RAM wrote (C(Sid) ending C(-external-principals)), V(PERMISSION)
              for a permission of the ACM service principal (C(sid) V(null), C(principal_type) V(service),
              the actions as C(acm-pca:...) names, C(templates) C([*]) when it may issue), else V(POLICY).
          type: str
          sample: POLICY
        conditions:
          description:
            - The statement's conditions other than those the principal, the source and the
              templates come from, as written (for example C(aws:SourceIp)); C({}) when none.
              They can only narrow the finding.
          type: dict
          sample: {}
        is_public:
          description: Whether anyone may use the grant (a C("*") principal that no condition narrows to an account or organization).
          type: bool
          sample: false
        external:
          description:
            - Whether the principal is outside the trust zone (O(trusted_accounts),
              O(trusted_organization_id) and its member accounts, and the CA's owner); V(null)
              when no trust zone is given, or when it turns on the organization's accounts and
              they could not be read (see RV(certificate_authorities[].access[].external_reason)).
          type: bool
          sample: true
        source_account:
          description:
            - For a V(service) principal, the account it may act for (C(aws:SourceAccount), C(aws:SourceOwner),
              C(aws:SourceArn)); for a permission, the account ACM acts for, by which
              RV(certificate_authorities[].access[].external) is decided (by the CA's owner when the permission
              names none); else V(null).
          type: str
          sample: "111122223333"
        source_organization:
          description: For a V(service) principal, the organization ID or path it may act for (C(aws:SourceOrgID), C(aws:SourceOrgPaths)); else V(null).
          type: str
        external_reason:
          description: Why RV(certificate_authorities[].access[].external) is V(null) with a trust zone; else V(null).
          type: str
    access_error:
      description: Why RV(certificate_authorities[].access) is V(null) although the policy was read.
      type: str
      returned: when O(include_access=true) and the policy is not a JSON object
    tags:
      description: The CA's tags as a dict of key to value, keys in their original case.
      type: dict
      returned: when O(include_tags=true)
      sample: {Team: pki}
    tags_error:
      description: Why the tags could not be read (C(code), C(message), C(request_id), C(msg), as for C(policy_error)).
      type: dict
      returned: when O(include_tags=true) and the tags could not be read
external_access:
  description:
    - Every finding of RV(certificate_authorities[].access) with C(external=true), each with
      the C(certificate_authority_arn) of its CA.
    - An empty list when nothing is external or when no trust zone is given.
  returned: when O(include_access=true)
  type: list
  elements: dict
  sample:
    - certificate_authority_arn: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
      sid: ShareWithPartner
      principal_type: account
      principal: "444455556666"
      actions: [acm-pca:IssueCertificate]
      can_issue: true
      templates: [arn:aws:acm-pca:::template/EndEntityCertificate/V1]
      shared_via: POLICY
      conditions: {}
      is_public: false
      external: true
      source_account: null
      source_organization: null
      external_reason: null
unresolved_access:
  description:
    - Every finding of RV(certificate_authorities[].access) whose place in the trust zone
      could not be told (C(external=null) with a trust zone, because the accounts of
      O(trusted_organization_id) could not be read), each with the C(certificate_authority_arn)
      of its CA and its C(external_reason). An audit should fail on it as on RV(external_access).
    - An empty list when there are none, or when no trust zone is given.
  returned: when O(include_access=true)
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import add_access_findings, trust_zone
from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.certificate_authority import (
    CallerAccount,
    describe_for_user,
    list_certificate_authorities,
    require_certificate_authority,
)
from ansible_collections.pki.acmpca.plugins.module_utils.certificate_authority_filters import parse_filters, select_certificate_authorities
from ansible_collections.pki.acmpca.plugins.module_utils.connection import (
    acmpca_client,
    caller_account_lookup,
    client_for_certificate_authority,
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils.errors import AcmPcaError, InputError
from ansible_collections.pki.acmpca.plugins.module_utils.organizations import OrganizationAccounts
from ansible_collections.pki.acmpca.plugins.module_utils.permissions import permissions_of_listed_ca
from ansible_collections.pki.acmpca.plugins.module_utils.policy_statements import ram_statement_sids


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


def main():
    argument_spec = dict(
        resource_owner=dict(type='str', default='SELF', choices=['SELF', 'OTHER_ACCOUNTS']),
        certificate_authority_arn=dict(type='str', aliases=['arn']),
        include_policy=dict(type='bool', default=False),
        include_permissions=dict(type='bool', default=False),
        include_tags=dict(type='bool', default=False),
        include_access=dict(type='bool', default=False),
        trusted_accounts=dict(type='list', elements='str'),
        trusted_organization_id=dict(type='str'),
        filters=dict(type='dict'),
    )
    argument_spec.update(connection_argument_spec())
    module = AnsibleModule(
        argument_spec=argument_spec,
        mutually_exclusive=connection_mutually_exclusive(),
        supports_check_mode=True,
    )
    require_boto3(module)
    arn = module.params['certificate_authority_arn']

    try:
        zone = trust_zone_of(module.params)
        filters = parse_filters(module.params['filters'])
        if arn:
            ca = parse_certificate_authority_arn(arn, option='certificate_authority_arn')
            client = client_for_certificate_authority(module.params, ca, 'certificate_authority_arn')
        else:
            client = acmpca_client(module.params)
        if zone and zone['organization_id']:
            zone['organization_accounts'] = OrganizationAccounts(module.params, client.meta.region_name, zone['organization_id'])
        cas, tags = select_certificate_authorities(client, find_certificate_authorities(client, arn, module.params['resource_owner']), filters)
        is_own = ownership(module.params, client, arn, module.params['resource_owner'])
        read_policy = module.params['include_policy'] or module.params['include_access']
        read_permissions = module.params['include_permissions'] or module.params['include_access']
        # Tags read for the tags filter are not read again.
        result = describe_for_user(client, cas, read_policy, module.params['include_tags'] and not tags, is_own,
                                   [('permissions', permissions_of_listed_ca)] if read_permissions else ())
        for item in result if module.params['include_tags'] and tags else ():
            item.update(tags[item['arn']])
        if read_policy:
            mark_ram_statements(result)
    except InputError as error:
        error.fail(module)
    except AcmPcaError as error:
        error.fail(module)

    access = add_access_findings(result, zone) if module.params['include_access'] else {}
    if zone and zone.get('organization_accounts') and zone['organization_accounts'].warning():
        module.warn(zone['organization_accounts'].warning())
    module.exit_json(changed=False, certificate_authorities=result, **access)


if __name__ == '__main__':
    main()
