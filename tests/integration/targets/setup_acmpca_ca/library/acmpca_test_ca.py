#!/usr/bin/python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only: create an ACTIVE root CA for the integration targets, or delete it again.

The collection manages who may use a CA, never the CA itself, so the targets bring their
own. Not shipped to users (it lives under tests/); see the role's README for why a module.
"""

DOCUMENTATION = r'''
module: acmpca_test_ca
short_description: Create or delete the throw-away root CA of the integration targets
description:
  - Test-only. V(present) creates a ROOT CA in C(SHORT_LIVED_CERTIFICATE) usage mode, issues
    its certificate from itself with the C(RootCACertificate/V1) template and imports it, so
    the CA is C(ACTIVE). V(absent) disables every such CA tagged with O(resource_prefix),
    deletes it with the shortest restore window (7 days), and fails unless each is then
    C(DELETED).
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  state:
    description: Create (V(present)) or delete (V(absent)) the CA.
    type: str
    choices: [present, absent]
    default: present
  resource_prefix:
    description: The value of the CA's C(Name) tag: a CA has no name, so the tag finds it again.
    type: str
    required: true
  common_name:
    description: The subject common name of a new CA.
    type: str
    default: pki.acmpca integration test root
  wait_timeout:
    description: Seconds to wait for AWS to create the CA, then its certificate; or for deleted CAs to be C(DELETED).
    type: int
    default: 300
  access_key:
    description: AWS access key ID.
    type: str
  secret_key:
    description: AWS secret access key.
    type: str
  session_token:
    description: AWS session token.
    type: str
  region:
    description: AWS region.
    type: str
    required: true
  endpoint_url:
    description: The ACM PCA endpoint (an emulator's).
    type: str
'''

RETURN = r'''
arn:
  description: The CA created (V(present)).
  type: str
  returned: state=present
deleted:
  description: The CAs deleted (V(absent)).
  type: list
  elements: str
  returned: state=absent
'''

import time
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    BOTO3_IMPORT_ERROR = traceback.format_exc()
else:
    BOTO3_IMPORT_ERROR = None

TAG_KEY = 'Name'
ROOT_TEMPLATE_ARN = 'arn:aws:acm-pca:::template/RootCACertificate/V1'
# The shortest restore window AWS allows: the CA stops costing only once it has passed.
# https://docs.aws.amazon.com/privateca/latest/userguide/PCADeleteCA.html
RESTORE_WINDOW_DAYS = 7
# Short-lived certificate mode caps what the CA issues at 7 days, though AWS does not check a
# root CA certificate's validity against it; 7 days outlives any run either way.
# https://docs.aws.amazon.com/privateca/latest/userguide/short-lived-certificates.html
VALIDITY_DAYS = 7
POLL_SECONDS = 3


def connect(params):
    return boto3.client(
        'acm-pca', region_name=params['region'], endpoint_url=params['endpoint_url'],
        aws_access_key_id=params['access_key'], aws_secret_access_key=params['secret_key'],
        aws_session_token=params['session_token'], config=Config(retries={'mode': 'standard'}))


def waiter_config(timeout):
    return {'Delay': POLL_SECONDS, 'MaxAttempts': max(1, timeout // POLL_SECONDS)}


def create_active_ca(client, params):
    """CreateCertificateAuthority, then the root certificate issued by the CA itself and
    imported: https://docs.aws.amazon.com/privateca/latest/userguide/PCACreateCA.html and
    https://docs.aws.amazon.com/privateca/latest/userguide/PCACertInstall.html"""
    arn = client.create_certificate_authority(
        CertificateAuthorityType='ROOT',
        UsageMode='SHORT_LIVED_CERTIFICATE',
        CertificateAuthorityConfiguration={
            'KeyAlgorithm': 'RSA_2048',
            'SigningAlgorithm': 'SHA256WITHRSA',
            'Subject': {'CommonName': params['common_name']},
        },
        Tags=[{'Key': TAG_KEY, 'Value': params['resource_prefix']}],
    )['CertificateAuthorityArn']
    wait = waiter_config(params['wait_timeout'])
    # The CA is CREATING until its key exists: GetCertificateAuthorityCsr answers then.
    client.get_waiter('certificate_authority_csr_created').wait(CertificateAuthorityArn=arn, WaiterConfig=wait)
    csr = client.get_certificate_authority_csr(CertificateAuthorityArn=arn)['Csr']
    certificate_arn = client.issue_certificate(
        CertificateAuthorityArn=arn, Csr=csr.encode('utf-8'), SigningAlgorithm='SHA256WITHRSA',
        TemplateArn=ROOT_TEMPLATE_ARN, Validity={'Type': 'DAYS', 'Value': VALIDITY_DAYS},
    )['CertificateArn']
    client.get_waiter('certificate_issued').wait(CertificateAuthorityArn=arn, CertificateArn=certificate_arn, WaiterConfig=wait)
    certificate = client.get_certificate(CertificateAuthorityArn=arn, CertificateArn=certificate_arn)['Certificate']
    client.import_certificate_authority_certificate(CertificateAuthorityArn=arn, Certificate=certificate.encode('utf-8'))
    return arn


def tagged_live_cas(client, resource_prefix):
    """The CAs of the account tagged with the prefix, in any status but DELETED."""
    found = []
    for page in client.get_paginator('list_certificate_authorities').paginate():
        for authority in page['CertificateAuthorities']:
            if authority['Status'] == 'DELETED':
                continue
            tags = client.list_tags(CertificateAuthorityArn=authority['Arn'])['Tags']
            if {'Key': TAG_KEY, 'Value': resource_prefix} in tags:
                found.append(authority)
    return found


def delete_ca(client, authority):
    # Only an ACTIVE CA must be disabled first; a pending or failed one is deleted as it is.
    if authority['Status'] == 'ACTIVE':
        client.update_certificate_authority(CertificateAuthorityArn=authority['Arn'], Status='DISABLED')
    client.delete_certificate_authority(CertificateAuthorityArn=authority['Arn'], PermanentDeletionTimeInDays=RESTORE_WINDOW_DAYS)


def not_yet_deleted(client, arns, timeout):
    """The CAs among ``arns`` still not DELETED after ``timeout`` seconds of polling: a run
    must leave no CA of its prefix in any other status. ASSUMPTION: AWS documents no delay
    between DeleteCertificateAuthority and the DELETED status; the poll allows for one."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = [arn for arn in arns if client.describe_certificate_authority(
            CertificateAuthorityArn=arn)['CertificateAuthority']['Status'] != 'DELETED']
        if not remaining or time.monotonic() >= deadline:
            return remaining
        time.sleep(POLL_SECONDS)


def main():
    module = AnsibleModule(
        argument_spec={
            'state': {'type': 'str', 'choices': ['present', 'absent'], 'default': 'present'},
            'resource_prefix': {'type': 'str', 'required': True},
            'common_name': {'type': 'str', 'default': 'pki.acmpca integration test root'},
            'wait_timeout': {'type': 'int', 'default': 300},
            'access_key': {'type': 'str', 'no_log': True},
            'secret_key': {'type': 'str', 'no_log': True},
            'session_token': {'type': 'str', 'no_log': True},
            'region': {'type': 'str', 'required': True},
            'endpoint_url': {'type': 'str'},
        },
    )
    if BOTO3_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('boto3'), exception=BOTO3_IMPORT_ERROR)
    client = connect(module.params)
    try:
        if module.params['state'] == 'present':
            module.exit_json(changed=True, arn=create_active_ca(client, module.params))
        deleted = []
        for authority in tagged_live_cas(client, module.params['resource_prefix']):
            delete_ca(client, authority)
            deleted.append(authority['Arn'])
        remaining = not_yet_deleted(client, deleted, module.params['wait_timeout'])
        if remaining:
            module.fail_json(msg='CAs not DELETED %d s after their deletion: %s' % (module.params['wait_timeout'], ', '.join(remaining)),
                             changed=True, deleted=deleted)
        module.exit_json(changed=bool(deleted), deleted=deleted)
    except (BotoCoreError, ClientError) as error:
        module.fail_json(msg='%s: %s' % (type(error).__name__, error))


if __name__ == '__main__':
    main()
