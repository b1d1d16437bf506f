# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ACM PCA calls the modules make, each with the error handling AWS needs.

Every botocore failure leaves here as an AcmPcaError (see errors.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import functools
import random
import time
from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.pki.acmpca.plugins.module_utils.errors import AcmPcaError, aws_call
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import parse_stored_policy

# botocore does not retry ConcurrentModificationException; writes retry it this many times.
CONCURRENT_MODIFICATION_ATTEMPTS = 5
CONCURRENT_MODIFICATION_BASE_DELAY = 0.5
# Bounded pool for per-CA reads (GetPolicy, ListTags) in acmpca_info.
MAX_CONCURRENT_READS = 8
# The service returns at most 100 items a page whatever is asked; ask for the most.
LIST_PAGE_SIZE = 1000
# Per-CA read errors that describe that CA only (a CA shared with us, or DELETED).
PER_CA_READ_ERRORS = ('AccessDeniedException', 'InvalidStateException', 'PolicyNotReadable')


def _unless_not_found(operation, arn, call):
    """``call()``'s answer, or None when AWS answers ResourceNotFound."""
    try:
        with aws_call(operation, arn):
            return call()
    except AcmPcaError as error:
        if error.code == 'ResourceNotFoundException':
            return None
        raise


def describe_certificate_authority(client, arn):
    """The CA's description (botocore's dict), or None when it does not exist."""
    return _unless_not_found('DescribeCertificateAuthority', arn,
                             lambda: client.describe_certificate_authority(CertificateAuthorityArn=arn)['CertificateAuthority'])


def _get_policy(client, arn):
    """The stored policy, or None when GetPolicy answers ResourceNotFound, which AWS
    answers both for a CA without a policy and for a CA that does not exist."""
    return _unless_not_found('GetPolicy', arn, lambda: parse_stored_policy(client.get_policy(ResourceArn=arn)['Policy']))


def _missing_ca_error(client, arn):
    return AcmPcaError('Certificate authority %s was not found in region %s for the account in use'
                       % (arn, client.meta.region_name), error={'code': 'ResourceNotFoundException', 'message': 'not found'})


def read_policy(client, arn):
    """The CA's policy as a dict (or raw text), or None when it has none.

    Only when GetPolicy answers ResourceNotFound is DescribeCertificateAuthority asked
    whether the CA exists: a missing CA is an error, never "no policy".
    """
    try:
        policy = _get_policy(client, arn)
    except AcmPcaError as error:
        if error.code == 'InvalidStateException':
            raise _not_active_error(client, arn, 'GetPolicy', error)
        raise
    if policy is None and describe_certificate_authority(client, arn) is None:
        raise _missing_ca_error(client, arn)
    return policy


def _not_active_error(client, arn, operation, error):
    ca = describe_certificate_authority(client, arn)
    if ca is None:
        return _missing_ca_error(client, arn)
    return AcmPcaError('%s refused for %s: the certificate authority is %s; its policy can only be changed while it is ACTIVE'
                       % (operation, arn, ca.get('Status')), error=error.error, response_metadata=error.response_metadata)


def _write(client, operation, arn, call):
    """Run a policy write, retrying ConcurrentModificationException a bounded number of times."""
    for attempt in range(1, CONCURRENT_MODIFICATION_ATTEMPTS + 1):
        try:
            with aws_call(operation, arn):
                return call()
        except AcmPcaError as error:
            if error.code == 'ConcurrentModificationException' and attempt < CONCURRENT_MODIFICATION_ATTEMPTS:
                time.sleep(CONCURRENT_MODIFICATION_BASE_DELAY * (2 ** (attempt - 1)) * (0.5 + random.random() / 2))
                continue
            if error.code == 'InvalidStateException':
                raise _not_active_error(client, arn, operation, error)
            if error.code == 'ResourceNotFoundException':
                raise _missing_ca_error(client, arn)
            raise


def put_policy(client, arn, policy_text):
    _write(client, 'PutPolicy', arn, lambda: client.put_policy(ResourceArn=arn, Policy=policy_text))


def delete_policy(client, arn):
    _write(client, 'DeletePolicy', arn, lambda: client.delete_policy(ResourceArn=arn))


def list_certificate_authorities(client, resource_owner='SELF'):
    """Every CA of ``resource_owner`` (SELF or OTHER_ACCOUNTS), all pages read."""
    paginator = client.get_paginator('list_certificate_authorities')
    pages = paginator.paginate(ResourceOwner=resource_owner, PaginationConfig={'PageSize': LIST_PAGE_SIZE})
    with aws_call('ListCertificateAuthorities'):
        return [ca for page in pages for ca in page.get('CertificateAuthorities', [])]


def list_tags(client, arn):
    paginator = client.get_paginator('list_tags')
    with aws_call('ListTags', arn):
        return dict((tag['Key'], tag.get('Value', '')) for page in paginator.paginate(CertificateAuthorityArn=arn)
                    for tag in page.get('Tags', []))


def _per_ca_read(read, client, arn):
    """Run a per-CA read; errors that concern that CA alone are returned, not raised."""
    try:
        return read(client, arn), None
    except AcmPcaError as error:
        if error.code in PER_CA_READ_ERRORS:
            return None, {'code': error.code, 'message': error.error.get('message', ''), 'msg': error.message}
        raise


def _read_policy_of_listed_ca(client, arn, shared=False):
    """The policy of a CA that was just listed or described. On our own CA, ResourceNotFound
    means "no policy"; on a CA another account shares with us (so it has a policy or a RAM
    share), it means "not ours to read"."""
    policy = _get_policy(client, arn)
    if policy is None and shared:
        raise AcmPcaError('GetPolicy found no policy this account may read on %s, a CA another account owns' % arn,
                          error={'code': 'PolicyNotReadable', 'message': 'ResourceNotFoundException'})
    return policy


def _iso8601(value):
    # In UTC, so every controller prints the same instant the same way.
    if isinstance(value, datetime.datetime):
        return (value.astimezone(datetime.timezone.utc) if value.tzinfo else value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict((key, _iso8601(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_iso8601(item) for item in value]
    return value


def describe_for_user(client, cas, include_policy=False, include_tags=False, shared=False):
    """The CAs as snake_case dicts with ISO 8601 dates, plus their policy and tags when asked.

    Policies and tags are read concurrently, in a bounded pool. A CA whose policy or
    tags cannot be read (a CA shared with us, a DELETED CA) carries ``policy_error`` or
    ``tags_error``; any other failure ends the task. ``shared`` says the CAs were listed
    as shared by other accounts.
    """
    reads = []
    if include_policy:
        reads.append(('policy', functools.partial(_read_policy_of_listed_ca, shared=shared)))
    if include_tags:
        reads.append(('tags', list_tags))
    results = [camel_dict_to_snake_dict(_iso8601(ca)) for ca in cas]
    jobs = [(result, key, read) for result in results for key, read in reads]
    if jobs:
        pool = ThreadPoolExecutor(max_workers=min(MAX_CONCURRENT_READS, len(jobs)))
        try:
            futures = [(result, key, pool.submit(_per_ca_read, read, client, result['arn'])) for result, key, read in jobs]
            for result, key, future in futures:
                value, problem = future.result()
                result[key] = value
                if problem:
                    result[key + '_error'] = problem
        finally:
            # After a failure, the reads still queued would only be thrown away.
            pool.shutdown(wait=True, cancel_futures=True)
    return results
