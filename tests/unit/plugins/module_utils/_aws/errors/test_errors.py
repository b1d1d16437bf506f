# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""errors.py: every botocore failure becomes one clear, one-line task failure."""


import boto3
import botocore
import pytest
from botocore import exceptions as botocore_exceptions

from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError, aws_call, translate_aws_error

from .....helpers import CA_ARN

ENDPOINT = 'https://acm-pca.eu-west-1.amazonaws.com/'
VERSIONS = {'boto3_version': boto3.__version__, 'botocore_version': botocore.__version__}


def client_error(code, message='The policy is not valid.', operation='PutPolicy', status=400, request_id='1234-abcd'):
    return botocore_exceptions.ClientError({
        'Error': {'Code': code, 'Message': message},
        'ResponseMetadata': {'RequestId': request_id, 'HTTPStatusCode': status, 'HTTPHeaders': {'x-amzn-requestid': request_id}, 'RetryAttempts': 2},
    }, operation)


class FakeModule:
    """Records what fail_json is given, and stops like the real one."""

    def __init__(self):
        self.failed_with = None

    def fail_json(self, **kwargs):
        self.failed_with = kwargs
        raise SystemExit(1)


class TestClientErrors:

    def test_the_message_names_the_operation_the_arn_the_code_and_the_aws_message(self):
        error = translate_aws_error(client_error('InvalidRequestException', 'Something is off.'), 'PutPolicy', CA_ARN)
        assert error.message == f'PutPolicy failed for {CA_ARN}: InvalidRequestException: Something is off'

    def test_the_message_is_one_line(self):
        error = translate_aws_error(client_error('AccessDeniedException', 'User: x is not authorized'), 'GetPolicy', CA_ARN)
        assert '\n' not in error.message

    def test_error_holds_the_code_and_the_aws_message(self):
        error = translate_aws_error(client_error('InvalidRequestException', 'Something is off.'), 'PutPolicy', CA_ARN)
        assert error.error == {'code': 'InvalidRequestException', 'message': 'Something is off.'}
        assert error.code == 'InvalidRequestException'

    def test_response_metadata_holds_the_request_id_http_status_and_retries_and_no_header(self):
        error = translate_aws_error(client_error('ThrottlingException', status=400, request_id='req-42'), 'GetPolicy', CA_ARN)
        assert error.response_metadata == {'request_id': 'req-42', 'http_status_code': 400, 'retry_attempts': 2}

    def test_without_an_arn_the_message_names_the_operation_only(self):
        error = translate_aws_error(client_error('InvalidNextTokenException', 'Bad token.', 'ListCertificateAuthorities'),
                                    'ListCertificateAuthorities')
        assert error.message == 'ListCertificateAuthorities failed: InvalidNextTokenException: Bad token'

    def test_an_error_without_message_says_so(self):
        error = translate_aws_error(client_error('InternalFailure', message=''), 'GetPolicy', CA_ARN)
        assert error.message == f'GetPolicy failed for {CA_ARN}: InternalFailure: no message'
        assert error.error == {'code': 'InternalFailure', 'message': ''}

    def test_a_message_of_dots_only_says_no_message(self):
        error = translate_aws_error(client_error('InternalFailure', message='...'), 'GetPolicy', CA_ARN)
        assert error.message == f'GetPolicy failed for {CA_ARN}: InternalFailure: no message'
        assert error.error == {'code': 'InternalFailure', 'message': '...'}

    def test_only_the_final_dots_of_the_aws_message_are_dropped(self):
        error = translate_aws_error(client_error('InvalidRequestException', 'Tag key X. is not valid for X..'), 'GetPolicy', CA_ARN)
        assert error.message == f'GetPolicy failed for {CA_ARN}: InvalidRequestException: Tag key X. is not valid for X'
        assert error.error == {'code': 'InvalidRequestException', 'message': 'Tag key X. is not valid for X..'}

    def test_an_answer_without_error_or_metadata_is_an_unknown_error(self):
        error = translate_aws_error(botocore_exceptions.ClientError({}, 'GetPolicy'), 'GetPolicy', CA_ARN)
        assert error.message == f'GetPolicy failed for {CA_ARN}: Unknown: no message'
        assert error.error == {'code': 'Unknown', 'message': ''}
        assert error.code == 'Unknown'
        assert error.response_metadata == {}
        assert error.details == {}

    def test_an_error_without_code_is_unknown_and_keeps_its_message(self):
        exc = botocore_exceptions.ClientError({'Error': {'Message': 'Service unavailable.'}, 'ResponseMetadata': {'RequestId': 'r-1'}}, 'GetPolicy')
        error = translate_aws_error(exc, 'GetPolicy')
        assert error.message == 'GetPolicy failed: Unknown: Service unavailable'
        assert error.error == {'code': 'Unknown', 'message': 'Service unavailable.'}
        assert error.response_metadata == {'request_id': 'r-1'}

    @pytest.mark.parametrize('code, hint', [
        ('AccessDeniedException', 'check the caller\'s IAM permissions'),
        ('AccessDeniedException', 'that its policy shares it with this account'),
        ('LockoutPreventedException', 'would lock the caller out'),
        ('InvalidPolicyException', 'it must follow the documented ACM PCA policy structures'),
        ('InvalidPolicyException', 'validate_policy=true'),
        ('InvalidStateException', 'not in a status that allows this'),
        ('ConcurrentModificationException', 'run again'),
        ('ThrottlingException', 'aws_config.retries.total_max_attempts'),
        ('ThrottlingException', 'AWS_MAX_ATTEMPTS'),
        ('ExpiredTokenException', 'session token has expired'),
        ('UnrecognizedClientException', 'check the credentials'),
    ])
    def test_a_known_code_gets_a_hint_of_what_to_do(self, code, hint):
        error = translate_aws_error(client_error(code, 'AWS says no.'), 'PutPolicy', CA_ARN)
        assert error.message.startswith(f'PutPolicy failed for {CA_ARN}: {code}: AWS says no (')
        assert hint in error.message
        assert error.message.endswith(')')

    def test_an_unknown_code_gets_no_hint(self):
        error = translate_aws_error(client_error('SomethingNewException', 'New.'), 'PutPolicy', CA_ARN)
        assert error.message == f'PutPolicy failed for {CA_ARN}: SomethingNewException: New'


class TestOtherBotocoreErrors:

    def test_no_credentials_explains_where_credentials_come_from(self):
        error = translate_aws_error(botocore_exceptions.NoCredentialsError(), 'GetPolicy', CA_ARN)
        assert error.message == ('No AWS credentials found for GetPolicy: set access_key and secret_key (or profile), or configure '
                                 'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role')
        assert error.error is None and error.code is None
        assert error.details == {'reason': 'NoCredentialsError'}
        assert error.response_metadata is None

    def test_partial_credentials_name_what_is_missing(self):
        exc = botocore_exceptions.PartialCredentialsError(provider='env', cred_var='AWS_SECRET_ACCESS_KEY')
        error = translate_aws_error(exc, 'GetPolicy', CA_ARN)
        assert error.message == 'Incomplete AWS credentials for GetPolicy: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY'
        assert error.details == {'reason': 'PartialCredentialsError'}

    def test_an_unreachable_endpoint_is_named_with_what_to_check(self):
        error = translate_aws_error(botocore_exceptions.EndpointConnectionError(endpoint_url=ENDPOINT), 'GetPolicy', CA_ARN)
        assert error.message == ('Could not reach the AWS endpoint %s for GetPolicy after retries: check endpoint_url, region and the '
                                 'network (Could not connect to the endpoint URL: "%s")' % (ENDPOINT, ENDPOINT))
        assert error.code is None and error.details == {'reason': 'EndpointConnectionError'}

    def test_a_closed_connection_is_reported_like_an_unreachable_endpoint(self):
        exc = botocore_exceptions.ConnectionClosedError(endpoint_url=ENDPOINT)
        assert translate_aws_error(exc, 'GetPolicy').message == (
            'Could not reach the AWS endpoint %s for GetPolicy after retries: check endpoint_url, region and the network '
            '(Connection was closed before we received a valid response from endpoint URL: "%s".)' % (ENDPOINT, ENDPOINT))

    def test_a_tls_failure_suggests_aws_ca_bundle_or_validate_certs(self):
        exc = botocore_exceptions.SSLError(endpoint_url=ENDPOINT, error='certificate verify failed')
        error = translate_aws_error(exc, 'PutPolicy', CA_ARN)
        assert error.message == ('TLS verification failed calling PutPolicy at %s: trust the endpoint\'s certificate authority with '
                                 'aws_ca_bundle, AWS_CA_BUNDLE or the profile\'s ca_bundle, or set validate_certs=false for a trusted '
                                 'test endpoint (SSL validation failed for %s certificate verify failed)' % (ENDPOINT, ENDPOINT))
        # AWS never answered: SSLError is botocore's, not an AWS error code.
        assert error.error is None and error.code is None
        assert error.details == {'reason': 'SSLError'}

    @pytest.mark.parametrize('exc_class, what', [(botocore_exceptions.ConnectTimeoutError, 'Connect'),
                                                 (botocore_exceptions.ReadTimeoutError, 'Read')])
    def test_a_timeout_names_the_endpoint(self, exc_class, what):
        error = translate_aws_error(exc_class(endpoint_url=ENDPOINT), 'GetPolicy', CA_ARN)
        assert error.message == f'Timed out calling GetPolicy at {ENDPOINT} after retries: {what} timeout on endpoint URL: "{ENDPOINT}"'
        assert error.error is None and error.details == {'reason': exc_class.__name__}

    def test_bad_parameters_name_the_operation_the_arn_and_the_parameter(self):
        exc = botocore_exceptions.ParamValidationError(report='Invalid length for parameter Policy, value: 0, valid min length: 1')
        error = translate_aws_error(exc, 'PutPolicy', CA_ARN)
        assert error.message == ('Invalid parameters for PutPolicy for %s: Parameter validation failed:\n'
                                 'Invalid length for parameter Policy, value: 0, valid min length: 1' % CA_ARN)
        assert error.code is None and error.details == {'reason': 'ParamValidationError'}

    def test_any_other_botocore_error_names_the_operation_and_the_arn(self):
        exc = botocore_exceptions.ProfileNotFound(profile='nope')
        error = translate_aws_error(exc, 'DeletePolicy', CA_ARN)
        assert error.message == f'DeletePolicy failed for {CA_ARN}: {exc}'
        assert error.error is None and error.details == {'reason': 'ProfileNotFound'}


class TestAwsCall:

    def test_a_botocore_error_inside_the_block_leaves_as_an_acmpca_error(self):
        with pytest.raises(AcmPcaError) as exc_info:
            with aws_call('GetPolicy', CA_ARN):
                raise client_error('ResourceNotFoundException', 'Not found.', 'GetPolicy')
        assert exc_info.value.code == 'ResourceNotFoundException'
        assert CA_ARN in exc_info.value.message

    def test_a_botocore_core_error_inside_the_block_is_translated_too(self):
        with pytest.raises(AcmPcaError, match='^No AWS credentials found for ListCertificateAuthorities'):
            with aws_call('ListCertificateAuthorities'):
                raise botocore_exceptions.NoCredentialsError()

    def test_other_exceptions_pass_through_unchanged(self):
        with pytest.raises(KeyError):
            with aws_call('GetPolicy', CA_ARN):
                raise KeyError('Policy')


class TestFail:

    def test_fail_reports_msg_error_and_response_metadata(self):
        module = FakeModule()
        error = translate_aws_error(client_error('LockoutPreventedException', 'Nope.', request_id='req-7'), 'PutPolicy', CA_ARN)
        with pytest.raises(SystemExit):
            error.fail(module)
        assert sorted(module.failed_with) == ['boto3_version', 'botocore_version', 'error', 'msg', 'response_metadata']
        assert module.failed_with['msg'] == error.message
        assert module.failed_with['error'] == {'code': 'LockoutPreventedException', 'message': 'Nope.'}
        assert module.failed_with['response_metadata']['request_id'] == 'req-7'
        assert module.failed_with['response_metadata']['http_status_code'] == 400

    def test_fail_without_aws_details_reports_msg_only(self):
        module = FakeModule()
        with pytest.raises(SystemExit):
            AcmPcaError('No AWS region').fail(module)
        assert module.failed_with == dict(VERSIONS, msg='No AWS region')

    def test_fail_adds_the_details_given(self):
        module = FakeModule()
        with pytest.raises(SystemExit):
            AcmPcaError('bad', resource_arn=CA_ARN).fail(module)
        assert module.failed_with == dict(VERSIONS, msg='bad', resource_arn=CA_ARN)

    def test_every_failure_names_the_boto3_and_botocore_versions_as_amazon_aws_does(self):
        module = FakeModule()
        error = translate_aws_error(botocore_exceptions.SSLError(endpoint_url=ENDPOINT, error='bad'), 'GetPolicy', CA_ARN)
        with pytest.raises(SystemExit):
            error.fail(module)
        assert module.failed_with['boto3_version'] == boto3.__version__
        assert module.failed_with['botocore_version'] == botocore.__version__
        assert module.failed_with['reason'] == 'SSLError' and 'error' not in module.failed_with

    def test_an_acmpca_error_reads_as_its_message(self):
        assert str(AcmPcaError('one line')) == 'one line'
        assert AcmPcaError('one line').code is None
