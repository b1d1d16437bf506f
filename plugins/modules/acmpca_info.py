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
  - Optionally reads each CA's policy, permissions and tags, and reports who may use each CA.
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  resource_owner:
    description:
      - V(SELF) lists the CAs the account owns; V(OTHER_ACCOUNTS) those other accounts share
        with it (through a resource-based policy or AWS RAM).
      - Ignored when O(certificate_authority_arn) is given.
    type: str
    choices: [SELF, OTHER_ACCOUNTS]
    default: SELF
  certificate_authority_arn:
    description:
      - Describe only this CA, owned or shared, of the form
        C(arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>).
      - A CA that does not exist or cannot be seen fails the task.
    type: str
    aliases: [arn]
  include_policy:
    description:
      - Also return each CA's resource-based policy as RV(certificate_authorities[].policy).
      - A policy this account may not read is reported in
        RV(certificate_authorities[].policy_error) on that CA instead of failing the task.
    type: bool
    default: false
  include_access:
    description:
      - Also return who may use each CA as RV(certificate_authorities[].access), one finding
        per principal granted, and those outside the trust zone as RV(external_access).
      - Reads the policy and permissions as O(include_policy) and O(include_permissions) do.
    type: bool
    default: false
  trusted_accounts:
    description:
      - Accounts of the trust zone, 12-digit IDs as strings (quote them in YAML). The CA's
        owner account is always trusted.
      - Only with O(include_access=true).
    type: list
    elements: str
  trusted_organization_id:
    description:
      - The AWS Organization of the trust zone, C(o-) followed by 10 to 32 lowercase letters
        or digits; its member accounts are trusted.
      - Its accounts can be read only from the management account or a delegated
        administrator; otherwise the findings that depend on them are listed in RV(unresolved_access).
      - Only with O(include_access=true).
    type: str
  filters:
    description:
      - Keep only the CAs that match every filter given, applied after the listing.
      - C(status), C(type), C(usage_mode), C(key_algorithm) - the value AWS reports (for
        example V(ACTIVE), V(ROOT), V(GENERAL_PURPOSE), V(RSA_2048)).
      - C(common_name) - the CommonName of the CA's subject, exactly or as a shell-style glob
        (case-sensitive).
      - C(tags) - a dict of tag key to value; every tag given must be on the CA with that value.
      - Each value may also be a list, any item of which matches.
    type: dict
  include_permissions:
    description:
      - Also return the permissions each CA grants the ACM service principal as
        RV(certificate_authorities[].permissions).
      - Permissions that cannot be read are reported in
        RV(certificate_authorities[].permissions_error) on that CA instead of failing the task.
    type: bool
    default: false
  include_tags:
    description:
      - Also return each CA's tags as RV(certificate_authorities[].tags).
      - Tags that cannot be read are reported in RV(certificate_authorities[].tags_error) on
        that CA instead of failing the task.
    type: bool
    default: false
  include_shares:
    description:
      - With O(resource_owner=SELF) (or O(certificate_authority_arn)), also return the AWS RAM
        shares of this account that hold each CA as RV(certificate_authorities[].ram_shares).
      - With O(resource_owner=OTHER_ACCOUNTS), also return the pending RAM invitations to CAs of
        other accounts as RV(pending_invitations).
      - The RAM calls made grow with the account's shares and invitations, not with its CAs.
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
    The AWS calls made and the IAM permissions they need are in docs/user_guide.md ("Finding CAs",
    "IAM permissions"); how access findings are made, and what they cannot resolve, in docs/access.md.
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
      # access is null where the policy or the permissions could not be read: not audited
      - audit.certificate_authorities | selectattr('access', 'none') | list | length == 0
    fail_msg: >-
      CAs with access outside the zone, unresolved or not audited:
      {{ ((audit.external_access + audit.unresolved_access) | map(attribute='certificate_authority_arn') | list
          + audit.certificate_authorities | selectattr('access', 'none') | map(attribute='arn') | list) | unique | join(', ') }}

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

# From the command line (examples/localhost.yml, shipped in the collection, is an inventory of the
# control node; without an inventory Ansible warns that none was parsed):
#   ansible localhost -i examples/localhost.yml -m pki.acmpca.acmpca_info -a "region=eu-west-1 include_policy=true"
'''

RETURN = r'''
region:
  description: The region whose CAs were read.
  returned: always
  type: str
  sample: eu-west-1
account_id:
  description:
    - The account whose own CAs were listed; V(null) when STS cannot tell.
    - The owner of the CAs found; when none is found, the account the credentials act as
      (one STS GetCallerIdentity, made only then).
  returned: when O(resource_owner=SELF) and O(certificate_authority_arn) is not given
  type: str
  sample: "111122223333"
certificate_authorities:
  description: The CAs found, with snake_case keys and ISO 8601 dates; an empty list when none.
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
      sample: "4d7a0f9e2c1b3a5968778695a4b3c2d1"
    created_at:
      description: When the CA was created.
      type: str
      sample: "2026-11-26T17:05:36+00:00"
    last_state_change_at:
      description: When the CA last changed state.
      type: str
      returned: when AWS reports it
      sample: "2026-11-26T17:06:01+00:00"
    not_before:
      description: Start of the validity of the CA's certificate.
      type: str
      returned: when the CA has a certificate
      sample: "2026-11-26T16:05:36+00:00"
    not_after:
      description: End of the validity of the CA's certificate.
      type: str
      returned: when the CA has a certificate
      sample: "2036-11-26T17:05:36+00:00"
    restorable_until:
      description: Until when a DELETED CA can be restored.
      type: str
      returned: when the CA is DELETED
      sample: "2026-12-26T17:05:36+00:00"
    failure_reason:
      description: Why the CA failed.
      type: str
      returned: when the CA is FAILED
      sample: OTHER
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
      sample: GENERAL_PURPOSE
    key_storage_security_standard:
      description: The FIPS standard of the CA's key storage.
      type: str
      returned: when AWS reports it
      sample: FIPS_140_2_LEVEL_3_OR_HIGHER
    policy:
      description:
        - The CA's resource-based policy, keys in their original case (the stored text when it
          is not a JSON object); V(null) when it has none, or when it could not be read (see
          RV(certificate_authorities[].policy_error)).
      type: raw
      returned: when O(include_policy=true) or O(include_access=true)
      sample: {Version: "2012-10-17", Statement: []}
    ram_statement_sids:
      description: The Sids of the policy's statements that AWS RAM wrote (ending in C(-external-principals)).
      type: list
      elements: str
      returned: when O(include_policy=true) or O(include_access=true)
      sample: ["a1b2c3d4-5678-90ab-cdef-EXAMPLE11111-external-principals"]
    policy_error:
      description: Why the policy could not be read - C(code), C(message) and C(request_id) as AWS sent them, and C(msg).
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
          returns them; V(null) when they could not be read (see RV(certificate_authorities[].permissions_error)).
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
      description: Why the permissions could not be read, as RV(certificate_authorities[].policy_error).
      type: dict
      returned: when O(include_permissions=true) or O(include_access=true), and the permissions could not be read
      sample: {code: AccessDeniedException, message: User is not authorized, request_id: 0a1b2c3d-4e5f-6789-abcd-ef0123456789,
               msg: "ListPermissions failed for ..."}
    access:
      description:
        - Who may use the CA, one finding per principal granted and per permission of the ACM
          service principal (see docs/access.md).
        - V(null) when the policy or the permissions could not be read, or the policy is not a JSON object.
      type: list
      elements: dict
      returned: when O(include_access=true)
      contains:
        sid:
          description: The statement's C(Sid), or V(null).
          type: str
          sample: ShareWithPartner
        principal_type:
          description: V(account), V(organization), V(organization_path), V(arn), V(service) or V(public).
          type: str
          sample: account
        principal:
          description: The account ID, organization ID, organization path, principal ARN, service name, or C(*).
          type: str
          sample: "111122223333"
        actions:
          description: The actions granted.
          type: list
          elements: str
          sample: [acm-pca:IssueCertificate]
        can_issue:
          description: Whether C(acm-pca:IssueCertificate) is granted.
          type: bool
          sample: true
        templates:
          description: The template ARNs issuing is limited to; C([*]) when not limited.
          type: list
          elements: str
          sample: [arn:aws:acm-pca:::template/EndEntityCertificate/V1]
        shared_via:
          description: V(POLICY), V(RAM) (a statement AWS RAM wrote) or V(PERMISSION).
          type: str
          sample: POLICY
        conditions:
          description: The statement's other conditions, as written; they can only narrow the grant.
          type: dict
          sample: {}
        is_public:
          description: Whether anyone may use the grant.
          type: bool
          sample: false
        external:
          description: Whether the principal is outside the trust zone; V(null) when no zone is given or it cannot be told.
          type: bool
          sample: true
        source_account:
          description: For a V(service) principal, the account it may act for; else V(null).
          type: str
          sample: "111122223333"
        source_organization:
          description: For a V(service) principal, the organization ID or path it may act for; else V(null).
          type: str
          sample: o-a1b2c3d4e5
        external_reason:
          description: Why RV(certificate_authorities[].access[].external) is V(null) with a trust zone; else V(null).
          type: str
          sample: null
    access_error:
      description: Why RV(certificate_authorities[].access) is V(null) although the policy was read.
      type: str
      returned: when O(include_access=true) and the policy is not a JSON object
      sample: the policy is not a JSON object, so who may use the CA cannot be worked out
    tags:
      description: The CA's tags, key to value.
      type: dict
      returned: when O(include_tags=true)
      sample: {Team: pki}
    tags_error:
      description: Why the tags could not be read, as RV(certificate_authorities[].policy_error).
      type: dict
      returned: when O(include_tags=true) and the tags could not be read
      sample: {code: AccessDeniedException, message: User is not authorized, request_id: 0a1b2c3d-4e5f-6789-abcd-ef0123456789,
               msg: "ListTags failed for ..."}
    ram_shares:
      description:
        - The AWS RAM shares of this account that hold the CA, as M(pki.acmpca.acmpca_ram_share)
          shows them (C(arn), C(name), C(status), C(permission), C(principals) with their
          association's status).
      type: list
      elements: dict
      returned: when O(include_shares=true) and not O(resource_owner=OTHER_ACCOUNTS)
      sample:
        - arn: arn:aws:ram:eu-west-1:111122223333:resource-share/0a1b2c3d-4e5f-6789-abcd-ef0123456789
          name: pki-org-sharing
          status: ACTIVE
          permission: {name: AWSRAMDefaultPermissionCertificateAuthority, version: "1", is_default_version: true,
                       arn: "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionCertificateAuthority"}
          principals: [{id: "444455556666", status: ASSOCIATED, status_message: null, external: false, pending_invitation: false}]
pending_invitations:
  description:
    - The pending AWS RAM invitations to shares that hold CAs, as
      M(pki.acmpca.acmpca_ram_share_invitation) returns them, each with the C(certificate_authority_arns) shared.
  returned: when O(include_shares=true) and O(resource_owner=OTHER_ACCOUNTS)
  type: list
  elements: dict
  sample:
    - resource_share_invitation_arn: arn:aws:ram:eu-west-1:111122223333:resource-share-invitation/0a1b2c3d-4e5f-6789-abcd-ef0123456789
      resource_share_arn: arn:aws:ram:eu-west-1:111122223333:resource-share/0a1b2c3d-4e5f-6789-abcd-ef0123456789
      resource_share_name: pki-partner
      sender_account_id: "111122223333"
      receiver_account_id: "777788889999"
      status: PENDING
      invitation_timestamp: "2026-12-07T19:05:36+00:00"
      certificate_authority_arns: [arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789]
external_access:
  description:
    - The findings of RV(certificate_authorities[].access) outside the trust zone, each with the
      C(certificate_authority_arn) of its CA; empty when none or when no zone is given.
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
    - The findings whose place in the trust zone could not be told (the accounts of
      O(trusted_organization_id) could not be read), as RV(external_access). An audit should
      fail on it too.
  returned: when O(include_access=true)
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority_info import certificate_authority_info
from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.module_options import checked_module


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
        include_shares=dict(type='bool', default=False),
    )
    argument_spec.update(connection_argument_spec())
    module = checked_module(
        argument_spec=argument_spec,
        mutually_exclusive=connection_mutually_exclusive(),
        supports_check_mode=True,
    )
    require_boto3(module)
    try:
        result, warnings = certificate_authority_info(module.params)
    except (InputError, AcmPcaError) as error:
        error.fail(module)
    for warning in warnings:
        module.warn(warning)
    module.exit_json(changed=False, **result)


if __name__ == '__main__':
    main()
