# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The ACM PCA calls the modules make, each with the error handling AWS needs.

Every botocore failure leaves here as an AcmPcaError (see errors.py).
"""


import contextlib
import datetime
import functools
import itertools
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import NOT_FOUND, AcmPcaError, NotFoundError, aws_call
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_stored_policy

# botocore does not retry ConcurrentModificationException; writes retry it this many times.
CONCURRENT_MODIFICATION_ATTEMPTS = 5
CONCURRENT_MODIFICATION_BASE_DELAY = 0.5
# Bound on the per-CA reads of one operation (GetPolicy, ListTags, ListPermissions) running at
# once in acmpca_info: AWS Private CA throttles each operation against a quota of its own.
MAX_CONCURRENT_READS = 8
# The service returns at most 100 items a page whatever is asked; ask for the most.
LIST_PAGE_SIZE = 1000
# Per-CA read errors that describe that CA only (a CA shared with us, a DELETED CA, or
# one deleted since it was listed); any other error ends the task.
PER_CA_READ_ERRORS = ('AccessDeniedException', 'InvalidStateException', NOT_FOUND)


def _describe(client, arn):
    """The CA's description; NotFoundError when AWS does not know the CA."""
    with aws_call('DescribeCertificateAuthority', arn):
        return client.describe_certificate_authority(CertificateAuthorityArn=arn)['CertificateAuthority']


def describe_certificate_authority(client, arn):
    """The CA's description (botocore's dict), or None when it does not exist."""
    try:
        return _describe(client, arn)
    except NotFoundError:
        return None


def _get_policy(client, arn):
    """The CA's policy; NotFoundError when GetPolicy answers ResourceNotFound, which AWS
    answers both for a CA without a policy and for a CA that does not exist."""
    with aws_call('GetPolicy', arn):
        return parse_stored_policy(client.get_policy(ResourceArn=arn)['Policy'])


def missing_ca_error(client, arn, error):
    """The CA does not exist: said plainly, with AWS's own code, message and request ID."""
    return AcmPcaError('Certificate authority %s was not found in region %s for the account in use (AWS: %s: %s)'
                       % (arn, client.meta.region_name, error.code, error.aws_message),
                       error=error.error, response_metadata=error.response_metadata)


def read_policy(client, arn):
    """The CA's policy as a dict (or raw text), or None when GetPolicy answers
    ResourceNotFound: the CA has no policy, or does not exist.

    No other call follows GetPolicy here, so that a write can follow it at once: the
    write's own ResourceNotFound then tells a missing CA (``put_policy``). When nothing is
    written after a None, ask ``require_certificate_authority``: a missing CA is an
    error, never "no policy".
    """
    try:
        return _get_policy(client, arn)
    except NotFoundError:
        return None
    except AcmPcaError as error:
        if error.code == 'InvalidStateException':
            raise state_refused_error(client, arn, 'GetPolicy', error)
        raise


def require_certificate_authority(client, arn):
    """The CA's description (botocore's dict), from DescribeCertificateAuthority; a CA AWS
    does not know is the "not found" error, so that a mistyped ARN never reads as "no CA"
    or "no policy"."""
    try:
        return _describe(client, arn)
    except NotFoundError as missing:
        raise missing_ca_error(client, arn, missing)


# The statuses in which AWS documents or reports that it refuses a change, by what changes
# (docs/reliability.md, "Check mode on a CA that is not ACTIVE"), and the reason said with
# them. AWS's API reference names InvalidStateException for these calls, not the statuses.
REFUSING_STATUSES = {
    # Reported from the field: a DELETED CA (in its restoration period) answers InvalidStateException.
    'policy': (('DELETED',), 'AWS refuses policy calls on a CA in its restoration period'),
    # AWS Private CA user guide, "Assign certificate renewal permissions to ACM" (PcaPermissions):
    # permissions "can be delegated during private CA creation or altered anytime after as
    # long as the CA is in the ACTIVE state".
    'permission': (('DISABLED', 'EXPIRED', 'FAILED', 'DELETED'),
                   'AWS changes permissions only while a CA is being created or is ACTIVE'),
}
# The statuses in which AWS documents that the change is accepted. ASSUMPTION: a
# PENDING_CERTIFICATE CA is one "being created" (the console grants the permissions before
# the CA certificate is installed).
ACCEPTING_STATUSES = {
    'policy': ('ACTIVE',),
    'permission': ('CREATING', 'PENDING_CERTIFICATE', 'ACTIVE'),
}
UNDOCUMENTED_STATUS_WARNING = ('%s on %s: the certificate authority is %s, a status in which AWS documents no rule for '
                               'this change; AWS may refuse it (InvalidStateException) when the task runs without check mode')


def _state_refusal(operation, arn, status, kind):
    """What a refusal of ``operation`` in ``status`` says, AWS's own words aside: the same
    for check mode's prediction and for the real run's failure."""
    statuses, reason = REFUSING_STATUSES[kind]
    because = '; %s' % reason if status in statuses else ''
    return '%s refused for %s: the certificate authority is %s%s' % (operation, arn, status, because)


def state_refused_error(client, arn, operation, error, kind='policy'):
    """AWS's InvalidStateException for ``operation`` said plainly: the CA's status (one
    DescribeCertificateAuthority) and, where AWS documents or reports it, why that status
    refuses a change of ``kind``; a CA that no longer exists is the "not found" error."""
    try:
        ca = _describe(client, arn)
    except NotFoundError as missing:
        return missing_ca_error(client, arn, missing)
    return AcmPcaError('%s (AWS: %s: %s)' % (_state_refusal(operation, arn, ca.get('Status'), kind), error.code, error.aws_message),
                       error=error.error, response_metadata=error.response_metadata)


def predict_state_refusal(description, operation, kind):
    """For check mode, once a change of ``kind`` is predicted on the CA ``description``
    (DescribeCertificateAuthority's answer): an AcmPcaError with the real run's message when
    AWS documents or reports that the CA's status refuses it, a warning (a list of one)
    when AWS documents no rule for that status, and no warning when it accepts the change."""
    status = description.get('Status')
    if status in ACCEPTING_STATUSES[kind]:
        return []
    if status in REFUSING_STATUSES[kind][0]:
        raise AcmPcaError(_state_refusal(operation, description['Arn'], status, kind))
    return [UNDOCUMENTED_STATUS_WARNING % (operation, description['Arn'], status)]


def _write(client, operation, arn, call):
    """Run a policy write, retrying ConcurrentModificationException a bounded number of times.
    NotFoundError (AWS answered ResourceNotFound) is the caller's to judge.
    The last attempt returns or raises, so the count needs no end of its own."""
    for attempt in itertools.count(1):
        try:
            with aws_call(operation, arn):
                return call()
        except AcmPcaError as error:
            if error.code == 'ConcurrentModificationException' and attempt < CONCURRENT_MODIFICATION_ATTEMPTS:
                time.sleep(CONCURRENT_MODIFICATION_BASE_DELAY * (2 ** (attempt - 1)) * (0.5 + random.random() / 2))
                continue
            if error.code == 'InvalidStateException':
                raise state_refused_error(client, arn, operation, error)
            raise


def put_policy(client, arn, policy_text):
    """Put the CA's policy. ResourceNotFound from PutPolicy means the CA does not exist
    (a CA without a policy takes one), so no description is needed to tell."""
    try:
        _write(client, 'PutPolicy', arn, lambda: client.put_policy(ResourceArn=arn, Policy=policy_text))
    except NotFoundError as not_found:
        raise missing_ca_error(client, arn, not_found)


def delete_policy(client, arn):
    """Delete the CA's policy. ResourceNotFound from DeletePolicy (another run, or someone,
    removed the policy meanwhile) is success when the CA exists: the policy is gone, as asked."""
    try:
        _write(client, 'DeletePolicy', arn, lambda: client.delete_policy(ResourceArn=arn))
    except NotFoundError as not_found:
        if describe_certificate_authority(client, arn) is None:
            raise missing_ca_error(client, arn, not_found)


def list_certificate_authorities(client, resource_owner='SELF'):
    """Every CA of ``resource_owner`` (SELF or OTHER_ACCOUNTS), all pages read."""
    paginator = client.get_paginator('list_certificate_authorities')
    pages = paginator.paginate(ResourceOwner=resource_owner, PaginationConfig={'PageSize': LIST_PAGE_SIZE})
    with aws_call('ListCertificateAuthorities'):
        return [ca for page in pages for ca in page.get('CertificateAuthorities', [])]


def list_tags(client, arn):
    paginator = client.get_paginator('list_tags')
    with aws_call('ListTags', arn):
        return {tag['Key']: tag.get('Value', '') for page in paginator.paginate(CertificateAuthorityArn=arn)
                for tag in page.get('Tags', [])}


class CallerAccount:
    """The account the credentials act as, asked of STS GetCallerIdentity at most once per
    task and only when needed (``lookup`` makes the call); safe to share between threads."""

    def __init__(self, lookup):
        self._lookup = lookup
        self._lock = threading.Lock()
        self._account = None

    def account_id(self):
        with self._lock:
            if self._account is None:
                self._account = self._lookup()
            return self._account

    def owns(self, ca):
        return ca.get('owner_account') == self.account_id()


def _per_ca_error(error):
    """The per-CA ``*_error`` dict: AWS's own code, message and request ID, and the one-line msg."""
    return {
        'code': error.code,
        'message': (error.error or {}).get('message'),
        'msg': error.message,
        'request_id': (error.response_metadata or {}).get('request_id'),
    }


def _per_ca_read(key, read, client, ca, limit=None):
    """Run a per-CA read within ``limit`` (its operation's semaphore, when the pool holds
    several operations): ``{key: value}``, or ``{key: None, key_error: {...}}`` for an error
    that concerns that CA alone; any other error is raised."""
    try:
        with limit or contextlib.nullcontext():
            return {key: read(client, ca)}
    except AcmPcaError as error:
        if error.code in PER_CA_READ_ERRORS:
            return {key: None, f"{key}_error": _per_ca_error(error)}
        raise


def _read_policy_of_listed_ca(client, ca, is_own):
    """The policy of a CA that was just listed or described. GetPolicy answers
    ResourceNotFound both for a CA without a policy and for a policy this account may not
    read: on the caller's own CA it means "no policy"; on another account's CA (a shared
    CA has a policy or a RAM share) it means "not readable", which is reported."""
    try:
        return _get_policy(client, ca['arn'])
    except NotFoundError as not_found:
        if _is_own_or_unknown(is_own, ca, not_found):
            return None
        raise AcmPcaError('GetPolicy found no policy this account may read on %s, a CA of account %s: AWS answers %s '
                          'when the policy of another account\'s CA is not readable (AWS: %s)'
                          % (ca['arn'], ca.get('owner_account'), NOT_FOUND, not_found.aws_message),
                          error=not_found.error, response_metadata=not_found.response_metadata)


def _is_own_or_unknown(is_own, ca, not_found):
    """``is_own(ca)``; when the caller's account cannot be told (STS unreachable through an
    ACM PCA-only endpoint, say), the empty GetPolicy answer is reported as unknown on that
    CA, never read as "no policy"."""
    try:
        return is_own(ca)
    except AcmPcaError as error:
        raise AcmPcaError('GetPolicy found no policy on %s, and whether that CA is this account\'s could not be told, so its '
                          'policy is unknown, not absent: %s' % (ca['arn'], error.message),
                          error=not_found.error, response_metadata=not_found.response_metadata)


def _list_tags_of_listed_ca(client, ca):
    return list_tags(client, ca['arn'])


def list_tags_of(client, cas, pool=None):
    """The tags of each CA (botocore's dicts), by ARN, read concurrently in ``pool`` (a
    PerCaReadPool; one of its own when None): ``{'tags': {...}}``, or ``{'tags': None,
    'tags_error': {...}}`` for a CA whose tags cannot be read (as ``describe_for_user``
    reports them); any other failure ends the task."""
    tags = {ca['Arn']: {} for ca in cas}
    _read_in(pool, client, [(tags[arn], 'tags', list_tags, arn) for arn in tags], 1)
    return tags


class PerCaReadPool:
    """One bounded thread pool for every per-CA read of a task (tags, policies, permissions):
    at most MAX_CONCURRENT_READS reads of each operation run at once, each against a quota
    of its own. After a failure, the reads still queued are thrown away."""

    def __init__(self, workers):
        self._pool = ThreadPoolExecutor(max_workers=workers)
        self._limits = {}

    @classmethod
    def sized_for(cls, operations, cas):
        """A pool for ``operations`` (how many kinds of read) over ``cas`` (how many CAs);
        None when there is nothing to read."""
        jobs = operations * cas
        return cls(min(MAX_CONCURRENT_READS * operations, jobs)) if jobs else None

    def read(self, client, jobs):
        """Run ``jobs``, each ``(into, key, read, ca)``: ``into`` (a dict) is updated with
        ``{key: read(client, ca)}`` or the per-CA error of that read."""
        for key in {key for _into, key, _read, _ca in jobs}:
            self._limits.setdefault(key, threading.BoundedSemaphore(MAX_CONCURRENT_READS))
        futures = [(into, self._pool.submit(_per_ca_read, key, read, client, ca, self._limits[key])) for into, key, read, ca in jobs]
        for into, future in futures:
            into.update(future.result())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        # shutdown waits for the reads already running by default.
        self._pool.shutdown(cancel_futures=True)


def _read_in(pool, client, jobs, operations):
    """Run ``jobs`` in ``pool``, or in a pool of their own (``operations`` kinds of read)."""
    if pool is not None:
        pool.read(client, jobs)
        return
    if jobs:
        with PerCaReadPool(min(MAX_CONCURRENT_READS * operations, len(jobs))) as own:
            own.read(client, jobs)


def iso8601(value):
    # In UTC, so every controller prints the same instant the same way.
    if isinstance(value, datetime.datetime):
        return (value.astimezone(datetime.timezone.utc) if value.tzinfo else value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: iso8601(item) for key, item in value.items()}
    if isinstance(value, list):
        return [iso8601(item) for item in value]
    return value


def describe_for_user(client, cas, include_policy=False, include_tags=False, is_own=None, other_reads=(), pool=None):
    """The CAs as snake_case dicts with ISO 8601 dates, plus their policy and tags when asked.

    Policies and tags are read concurrently in ``pool`` (a PerCaReadPool; one of its own
    when None). A CA whose policy or tags cannot be read (a CA shared with us, a DELETED
    CA, a CA deleted since it was listed) carries ``policy_error`` or ``tags_error``; any
    other failure ends the task.
    ``is_own(ca)`` tells whether a CA (snake_case dict) is the caller's; it is asked only
    when GetPolicy answers ResourceNotFound (default: every CA is the caller's).
    ``other_reads``: more ``(key, read(client, ca))`` per-CA reads for the same pool
    (permissions.py's ``permissions_of_listed_ca``), their errors under ``<key>_error``.
    """
    reads = []
    if include_policy:
        reads.append(('policy', functools.partial(_read_policy_of_listed_ca, is_own=is_own or (lambda ca: True))))
    if include_tags:
        reads.append(('tags', _list_tags_of_listed_ca))
    reads.extend(other_reads)
    results = [camel_dict_to_snake_dict(iso8601(ca)) for ca in cas]
    _read_in(pool, client, [(result, key, read, result) for result in results for key, read in reads], len(reads))
    return results
