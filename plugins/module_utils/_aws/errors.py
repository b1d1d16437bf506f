# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Where AWS's failures become task results.

Two kinds of failure leave module_utils, and a module catches each once:
- InputError (``_policy/errors.py``): input the task cannot use; ``error.fail(module, ...)``.
- AcmPcaError: AWS failed or refused (NotFoundError when AWS answered
  ResourceNotFoundException); ``error.fail(module)``. Botocore exceptions are translated
  here, so every message names the operation, the AWS error code and message, and the
  ARN involved.
"""


from contextlib import contextmanager

try:
    import boto3
    import botocore
    from botocore import exceptions as botocore_exceptions
except ImportError:  # reported by connection.require_boto3()
    boto3 = botocore = botocore_exceptions = None


# What a user can do about the AWS error codes this collection meets most.
_HINTS = {
    'AccessDeniedException': 'the credentials in use are not allowed to do this; check the caller\'s IAM permissions '
                             'and, for a CA of another account, that its policy shares it with this account',
    'LockoutPreventedException': 'AWS refused because the change would lock the caller out of later actions on this CA; '
                                 'keep the access the caller needs, or make the change as another principal',
    'InvalidPolicyException': 'AWS rejected the policy; it must follow the documented ACM PCA policy structures '
                              '(validate_policy=true checks them before any call)',
    'ResourceNotFoundException': 'no such certificate authority for this account in this region',
    'InvalidArnException': 'AWS does not accept this ARN',
    'InvalidStateException': 'the certificate authority is not in a status that allows this',
    'ConcurrentModificationException': 'another change to this CA\'s policy was in progress; retried, still conflicting; run again',
    'ThrottlingException': 'AWS kept throttling after every retry; run again later, or allow more attempts in all with '
                           'aws_config.retries.total_max_attempts (8 by default) or AWS_MAX_ATTEMPTS',
    'RequestFailedException': 'AWS could not complete the request; run again',
    'PermissionAlreadyExistsException': 'a permission for this principal and source account already exists (created meanwhile, '
                                        'perhaps by another run); run again to compare it with the one asked for',
    'LimitExceededException': 'an AWS Private CA limit (quota) was reached; see the service quotas of the account',
    'UnrecognizedClientException': 'the access key is not known to AWS; check the credentials',
    'InvalidClientTokenId': 'the access key is not known to AWS; check the credentials',
    'ExpiredTokenException': 'the session token has expired; get fresh credentials',
    'SignatureDoesNotMatch': 'the secret key does not match the access key',
}
# AWS Organizations' AccessDenied has another cause than ACM PCA's: who may read the organization.
_ORGANIZATIONS_DENIED = ('the credentials in use may not read the organization; only its management account or a '
                         'delegated administrator may list its accounts (organizations:DescribeOrganization, '
                         'organizations:ListAccounts)')
_OPERATION_HINTS = {
    ('DescribeOrganization', 'AccessDeniedException'): _ORGANIZATIONS_DENIED,
    ('ListAccounts', 'AccessDeniedException'): _ORGANIZATIONS_DENIED,
}


NOT_FOUND = 'ResourceNotFoundException'


def library_versions():
    """The boto3 and botocore in use, as amazon.aws reports them on a failure."""
    if boto3 is None:
        return {}
    return {'boto3_version': boto3.__version__, 'botocore_version': botocore.__version__}


class AcmPcaError(Exception):
    """A failure to report to the user: a one-line message plus AWS details when there are any.

    ``error`` is what AWS answered (its code and message) and only that; a failure AWS never
    answered (TLS, network, credentials) has none, and ``reason`` names botocore's exception.
    """

    def __init__(self, message, error=None, response_metadata=None, **details):
        super().__init__(message)
        self.message = message
        self.error = error
        self.response_metadata = response_metadata
        self.details = details

    @property
    def code(self):
        """The AWS error code, or None when AWS did not answer with an error."""
        return (self.error or {}).get('code')

    @property
    def aws_message(self):
        """AWS's own message, for a message of ours that quotes it."""
        return (self.error or {}).get('message') or 'no message'

    def fail(self, module):
        result = dict(self.details)
        if self.error is not None:
            result['error'] = self.error
        if self.response_metadata is not None:
            result['response_metadata'] = self.response_metadata
        result.update(library_versions())
        module.fail_json(msg=self.message, **result)


class NotFoundError(AcmPcaError):
    """AWS answered ResourceNotFoundException: the caller judges what was not found."""


def _endpoint_of(exc):
    # botocore formats these exceptions' messages from endpoint_url: every one of them has it.
    return exc.kwargs['endpoint_url']


# botocore's ResponseMetadata keys a failure keeps: the request ID AWS Support asks for, the
# HTTP status and the retries made. Every HTTP header is noise in a task result.
RESPONSE_METADATA_KEYS = (('RequestId', 'request_id'), ('HTTPStatusCode', 'http_status_code'), ('RetryAttempts', 'retry_attempts'))


def _response_metadata(response_metadata):
    return {key: response_metadata[aws_key] for aws_key, key in RESPONSE_METADATA_KEYS if aws_key in response_metadata}


def translate_aws_error(exc, operation, resource_arn=None):
    """Turn a botocore exception raised by ``operation`` into an AcmPcaError."""
    subject = f' for {resource_arn}' if resource_arn else ''
    if isinstance(exc, botocore_exceptions.ClientError):
        error = exc.response.get('Error', {})
        code = error.get('Code', 'Unknown')
        text = error.get('Message') or ''
        hint = _OPERATION_HINTS.get((operation, code)) or _HINTS.get(code)
        message = f"{operation} failed{subject}: {code}: {text.rstrip('.') or 'no message'}"
        if hint:
            message += f' ({hint})'
        return (NotFoundError if code == NOT_FOUND else AcmPcaError)(
            message,
            error={'code': code, 'message': text},
            response_metadata=_response_metadata(exc.response.get('ResponseMetadata', {})),
        )
    if isinstance(exc, botocore_exceptions.NoCredentialsError):
        message = ('No AWS credentials found for %s: set access_key and secret_key (or profile), or configure '
                   'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role' % operation)
    elif isinstance(exc, botocore_exceptions.PartialCredentialsError):
        message = f'Incomplete AWS credentials for {operation}: {exc}'
    elif isinstance(exc, botocore_exceptions.SSLError):
        message = ('TLS verification failed calling %s at %s: trust the endpoint\'s certificate authority with aws_ca_bundle, '
                   'AWS_CA_BUNDLE or the profile\'s ca_bundle, or set validate_certs=false for a trusted test endpoint (%s)'
                   % (operation, _endpoint_of(exc), exc))
    elif isinstance(exc, (botocore_exceptions.EndpointConnectionError, botocore_exceptions.ConnectionClosedError)):
        message = f'Could not reach the AWS endpoint {_endpoint_of(exc)} for {operation} after retries: check endpoint_url, region and the network ({exc})'
    elif isinstance(exc, (botocore_exceptions.ConnectTimeoutError, botocore_exceptions.ReadTimeoutError)):
        message = f'Timed out calling {operation} at {_endpoint_of(exc)} after retries: {exc}'
    elif isinstance(exc, botocore_exceptions.ParamValidationError):
        message = f'Invalid parameters for {operation}{subject}: {exc}'
    else:
        message = f'{operation} failed{subject}: {exc}'
    # AWS never answered: no AWS error code to report, only what botocore raised.
    return AcmPcaError(message, reason=type(exc).__name__)


@contextmanager
def aws_call(operation, resource_arn=None):
    """Translate any botocore failure inside the block into an AcmPcaError."""
    try:
        yield
    except (botocore_exceptions.ClientError, botocore_exceptions.BotoCoreError) as exc:
        raise translate_aws_error(exc, operation, resource_arn)
