# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""connection.py: the connection options of amazon.aws, and the one client factory."""


import os

import boto3
import pytest
from ansible.module_utils.basic import missing_required_lib
from botocore.config import Config
from botocore.exceptions import ClientError, ConfigParseError, ProfileNotFound

from ansible_collections.pki.acmpca.plugins.module_utils._aws import connection
from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    Connection,
    acmpca_client,
    caller_account_lookup,
    client_for_certificate_authority,
    configured_retry_settings,
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.version import COLLECTION_VERSION

from .....helpers import canned_response

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))))
KEYS = {'access_key': 'AKIDEXAMPLE', 'secret_key': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'}


def client(**params):
    options = dict(KEYS, region='eu-west-1')
    options.update(params)
    return acmpca_client({key: value for key, value in options.items() if value is not None})


def client_error(params, **kwargs):
    with pytest.raises(AcmPcaError) as exc_info:
        acmpca_client(params, **kwargs)
    return exc_info.value.message


def input_error(params, **kwargs):
    """The message of the InputError a mistake in the connection options raises."""
    with pytest.raises(InputError) as exc_info:
        acmpca_client(params, **kwargs)
    return str(exc_info.value)


class TestArgumentSpec:

    def test_the_options_names_aliases_types_defaults_and_no_log_are_those_of_the_design(self):
        assert connection_argument_spec() == {
            'region': {'type': 'str', 'aliases': ['aws_region']},
            'endpoint_url': {'type': 'str', 'aliases': ['aws_endpoint_url']},
            'access_key': {'type': 'str', 'aliases': ['aws_access_key_id', 'aws_access_key'], 'no_log': False},
            'secret_key': {'type': 'str', 'aliases': ['aws_secret_access_key', 'aws_secret_key'], 'no_log': True},
            'session_token': {'type': 'str', 'aliases': ['aws_session_token'], 'no_log': True},
            'profile': {'type': 'str', 'aliases': ['aws_profile']},
            'validate_certs': {'type': 'bool', 'default': True},
            'aws_ca_bundle': {'type': 'path'},
            'aws_config': {'type': 'dict'},
        }

    def test_each_call_returns_a_fresh_spec_a_module_may_extend(self):
        first = connection_argument_spec()
        first['region']['aliases'].append('mine')
        assert connection_argument_spec()['region']['aliases'] == ['aws_region']

    def test_profile_is_mutually_exclusive_with_each_explicit_credential(self):
        assert sorted(connection_mutually_exclusive()) == [['profile', 'access_key'], ['profile', 'secret_key'], ['profile', 'session_token']]


@pytest.mark.usefixtures('isolated_aws_env')
class TestClient:

    def test_it_is_an_acm_pca_client_in_the_region_given(self):
        made = client()
        assert made.meta.service_model.service_name == 'acm-pca'
        assert made.meta.region_name == 'eu-west-1'
        assert made.meta.endpoint_url == 'https://acm-pca.eu-west-1.amazonaws.com'

    def test_endpoint_url_replaces_the_aws_endpoint(self):
        assert client(endpoint_url='http://127.0.0.1:5000').meta.endpoint_url == 'http://127.0.0.1:5000'

    def test_certificates_are_verified_by_default(self):
        assert client()._endpoint.http_session._verify not in (False, None)

    def test_without_aws_ca_bundle_botocore_uses_the_aws_ca_bundle_environment_variable(self, tmp_path, monkeypatch):
        bundle = tmp_path / 'proxy-ca.pem'
        bundle.write_text('-----BEGIN CERTIFICATE-----\n')
        monkeypatch.setenv('AWS_CA_BUNDLE', str(bundle))
        assert client()._endpoint.http_session._verify == str(bundle)

    def test_without_aws_ca_bundle_botocore_uses_the_profiles_ca_bundle(self, tmp_path, isolated_aws_env):
        bundle = tmp_path / 'proxy-ca.pem'
        bundle.write_text('-----BEGIN CERTIFICATE-----\n')
        isolated_aws_env['config_file'].write_text(f'[profile proxied]\nca_bundle = {bundle}\n')
        made = acmpca_client({'profile': 'proxied', 'region': 'eu-west-1'})
        assert made._endpoint.http_session._verify == str(bundle)

    def test_aws_ca_bundle_wins_over_the_environment_and_validate_certs_false_over_all(self, tmp_path, monkeypatch):
        mine, theirs = tmp_path / 'mine.pem', tmp_path / 'theirs.pem'
        for bundle in (mine, theirs):
            bundle.write_text('-----BEGIN CERTIFICATE-----\n')
        monkeypatch.setenv('AWS_CA_BUNDLE', str(theirs))
        assert client(aws_ca_bundle=str(mine))._endpoint.http_session._verify == str(mine)
        assert client(validate_certs=False)._endpoint.http_session._verify is False

    def test_validate_certs_false_turns_verification_off(self):
        assert client(validate_certs=False)._endpoint.http_session._verify is False

    def test_aws_ca_bundle_is_the_bundle_verification_uses(self, tmp_path):
        bundle = tmp_path / 'bundle.pem'
        bundle.write_text('-----BEGIN CERTIFICATE-----\n')
        assert client(aws_ca_bundle=str(bundle))._endpoint.http_session._verify == str(bundle)

    def test_an_aws_ca_bundle_that_does_not_exist_is_an_error_naming_the_path(self, tmp_path):
        bundle = str(tmp_path / 'missing.pem')
        assert input_error(dict(KEYS, region='eu-west-1', aws_ca_bundle=bundle)) == \
            f'aws_ca_bundle {bundle} does not exist or is not a file'

    def test_an_aws_ca_bundle_that_is_a_directory_is_an_error_naming_the_path(self, tmp_path):
        assert input_error(dict(KEYS, region='eu-west-1', aws_ca_bundle=str(tmp_path))) == \
            f'aws_ca_bundle {tmp_path} does not exist or is not a file'

    def test_validate_certs_false_wins_over_aws_ca_bundle_as_in_amazon_aws(self, tmp_path):
        # amazon.aws verifies with the bundle only when validate_certs is true.
        assert client(validate_certs=False, aws_ca_bundle=str(tmp_path / 'bundle.pem'))._endpoint.http_session._verify is False

    @pytest.mark.parametrize('params', [{'region': 'eu-west-1'}, dict(KEYS, region='eu-west-1'), {'profile': 'any', 'region': 'eu-west-1'}])
    def test_a_shared_config_file_botocore_cannot_parse_is_a_clear_error_not_a_traceback(self, isolated_aws_env, params):
        isolated_aws_env['config_file'].write_text('[profile broken\nregion = eu-west-1\n  = =\n')
        assert client_error(params) == \
            f"Could not read the AWS shared config or credentials files: Unable to parse config file: {isolated_aws_env['config_file']}"

    def test_the_connect_timeout_is_10_seconds_unless_aws_config_says_otherwise(self):
        assert client().meta.config.connect_timeout == 10
        assert client(aws_config={'connect_timeout': 3}).meta.config.connect_timeout == 3

    def test_a_session_token_without_keys_is_refused_naming_the_options(self):
        assert input_error({'region': 'eu-west-1', 'session_token': 'lone-token'}) == \
            'session_token needs access_key and secret_key too: a session token alone is not a credential'

    def test_retries_use_botocore_standard_mode_with_8_attempts_in_all_by_default(self):
        assert client().meta.config.retries == {'mode': 'standard', 'total_max_attempts': 8}

    def test_aws_config_retries_are_merged_into_the_defaults(self):
        assert client(aws_config={'retries': {'mode': 'adaptive'}}).meta.config.retries == {'mode': 'adaptive', 'total_max_attempts': 8}

    def test_aws_config_total_max_attempts_overrides_the_default(self):
        assert client(aws_config={'retries': {'total_max_attempts': 3}}).meta.config.retries == {'mode': 'standard', 'total_max_attempts': 3}

    @pytest.mark.parametrize('environment, expected', [
        ({'AWS_RETRY_MODE': 'adaptive'}, {'mode': 'adaptive', 'total_max_attempts': 8}),
        ({'AWS_MAX_ATTEMPTS': '3'}, {'mode': 'standard', 'total_max_attempts': 3}),
        ({'AWS_RETRY_MODE': 'legacy', 'AWS_MAX_ATTEMPTS': '12'}, {'mode': 'legacy', 'total_max_attempts': 12}),
    ])
    def test_retry_settings_of_the_environment_win_over_the_collection_default(self, monkeypatch, environment, expected):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        assert client().meta.config.retries == expected

    def test_retry_settings_of_the_profile_win_over_the_collection_default(self, isolated_aws_env):
        isolated_aws_env['config_file'].write_text('[profile slow]\nretry_mode = adaptive\nmax_attempts = 2\n')
        made = acmpca_client({'profile': 'slow', 'region': 'eu-west-1'})
        assert made.meta.config.retries == {'mode': 'adaptive', 'total_max_attempts': 2}

    def test_aws_config_retries_win_over_the_environment(self, monkeypatch):
        monkeypatch.setenv('AWS_RETRY_MODE', 'adaptive')
        monkeypatch.setenv('AWS_MAX_ATTEMPTS', '3')
        made = client(aws_config={'retries': {'mode': 'standard', 'total_max_attempts': 5}})
        assert made.meta.config.retries == {'mode': 'standard', 'total_max_attempts': 5}

    def test_aws_config_max_attempts_keeps_botocore_meaning_of_retries_after_the_first(self):
        assert client(aws_config={'retries': {'max_attempts': 3}}).meta.config.retries == {'mode': 'standard', 'total_max_attempts': 4}

    def test_other_aws_config_settings_reach_botocore(self):
        config = client(aws_config={'connect_timeout': 5, 'read_timeout': 7, 'max_pool_connections': 20}).meta.config
        assert (config.connect_timeout, config.read_timeout, config.max_pool_connections) == (5, 7, 20)

    def test_the_user_agent_names_the_collection_and_its_version(self):
        assert client().meta.config.user_agent_extra == f'pki.acmpca/{COLLECTION_VERSION}'

    def test_a_user_agent_extra_of_aws_config_is_kept_beside_the_collection(self):
        assert client(aws_config={'user_agent_extra': 'my-platform/2'}).meta.config.user_agent_extra == 'my-platform/2 pki.acmpca/0.1.0'

    def test_the_user_agent_header_sent_names_the_collection(self):
        made = client()
        sent = []

        def capture(request, **kwargs):
            sent.append(request.headers['User-Agent'])
            return canned_response(body=b'{"CertificateAuthorities": []}')

        made.meta.events.register('before-send.acm-pca.ListCertificateAuthorities', capture)
        assert made.list_certificate_authorities()['CertificateAuthorities'] == []
        user_agent = sent[0].decode('utf-8') if isinstance(sent[0], bytes) else sent[0]
        assert 'pki.acmpca/0.1.0' in user_agent
        assert user_agent.startswith('Boto3/')

    def test_a_failing_call_is_attempted_8_times_in_all(self, monkeypatch):
        monkeypatch.setattr('time.sleep', lambda seconds: None)
        made = client()
        attempts = []

        def fail(request, **kwargs):
            attempts.append(request)
            return canned_response(503, b'{"__type": "ServiceUnavailable", "message": "try later"}')

        made.meta.events.register('before-send.acm-pca.GetPolicy', fail)
        with pytest.raises(ClientError):
            made.get_policy(ResourceArn='arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/x')
        assert len(attempts) == 8

    def test_a_region_argument_wins_over_the_region_option(self):
        assert acmpca_client(dict(KEYS, region='eu-west-1'), region='ap-south-1').meta.region_name == 'ap-south-1'

    def test_credentials_from_the_options_sign_the_requests(self):
        credentials = client(session_token='token')._request_signer._credentials
        assert (credentials.access_key, credentials.secret_key, credentials.token) == (KEYS['access_key'], KEYS['secret_key'], 'token')


@pytest.mark.usefixtures('isolated_aws_env')
class TestRegionAndCredentialsChain:

    def test_without_a_region_anywhere_it_fails_naming_the_region_option_variables_and_group_aws(self):
        assert client_error(dict(KEYS)) == (
            'No AWS region: set the region option, or AWS_REGION / AWS_DEFAULT_REGION, or a region in the AWS profile. Settings '
            "under module_defaults group/aws never reach this collection's modules (ansible-core fixes that group to amazon.aws "
            'and community.aws): put them under group/pki.acmpca.acmpca as well')

    def test_aws_region_from_the_environment_is_used(self, monkeypatch):
        monkeypatch.setenv('AWS_REGION', 'eu-central-1')
        assert acmpca_client(dict(KEYS)).meta.region_name == 'eu-central-1'

    def test_aws_default_region_from_the_environment_is_used(self, monkeypatch):
        monkeypatch.setenv('AWS_DEFAULT_REGION', 'eu-north-1')
        assert acmpca_client(dict(KEYS)).meta.region_name == 'eu-north-1'

    def test_aws_region_wins_over_aws_default_region_and_the_profile(self, monkeypatch, isolated_aws_env):
        isolated_aws_env['config_file'].write_text('[default]\nregion = sa-east-1\n')
        monkeypatch.setenv('AWS_DEFAULT_REGION', 'eu-north-1')
        assert acmpca_client(dict(KEYS)).meta.region_name == 'eu-north-1'
        monkeypatch.setenv('AWS_REGION', 'eu-central-1')
        assert acmpca_client(dict(KEYS)).meta.region_name == 'eu-central-1'

    def test_the_region_option_wins_over_the_environment(self, monkeypatch):
        monkeypatch.setenv('AWS_REGION', 'eu-central-1')
        assert acmpca_client(dict(KEYS, region='us-west-2')).meta.region_name == 'us-west-2'

    def test_a_profile_gives_its_region_and_credentials(self, isolated_aws_env):
        isolated_aws_env['config_file'].write_text('[profile pki]\nregion = sa-east-1\n')
        isolated_aws_env['credentials_file'].write_text('[pki]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = secret\n')
        made = acmpca_client({'profile': 'pki'})
        assert made.meta.region_name == 'sa-east-1'
        assert made._request_signer._credentials.access_key == 'AKIDPROFILE'

    def test_an_unknown_profile_fails_naming_it(self):
        message = client_error({'profile': 'no-such-profile', 'region': 'eu-west-1'})
        assert message == "The AWS profile 'no-such-profile' was not found in the shared config or credentials files"

    def test_an_unknown_profile_from_aws_profile_fails_naming_it(self, monkeypatch):
        monkeypatch.setenv('AWS_PROFILE', 'ghost-profile')
        assert client_error({'region': 'eu-west-1'}) == \
            "The AWS profile 'ghost-profile' was not found in the shared config or credentials files"

    def test_an_access_key_without_secret_key_fails_naming_both(self):
        assert input_error({'access_key': 'AKID', 'region': 'eu-west-1'}) == \
            'access_key and secret_key must be given together (got only access_key)'

    def test_a_secret_key_without_access_key_fails_naming_both(self):
        assert input_error({'secret_key': 'secret', 'region': 'eu-west-1'}) == \
            'access_key and secret_key must be given together (got only secret_key)'

    @pytest.mark.parametrize('aws_config, reason', [
        ({'no_such_setting': 1}, "unexpected keyword argument 'no_such_setting'"),
        ({'retries': {'mode': 'sometimes'}}, '"mode": "sometimes"'),
        ({'retries': {'max_attempts': -1}}, '"max_attempts": -1'),
        ({'retries': {'total_max_attempts': 0}}, 'must be an integer greater than or equal to 1'),
    ])
    def test_a_bad_aws_config_fails_naming_aws_config_and_the_problem(self, aws_config, reason):
        message = input_error(dict(KEYS, region='eu-west-1', aws_config=aws_config))
        assert message.startswith('aws_config is not a valid botocore Config: ')
        assert reason in message

    def test_aws_config_retries_that_are_not_a_dict_fail_naming_aws_config(self):
        assert input_error(dict(KEYS, region='eu-west-1', aws_config={'retries': 5})) == \
            'aws_config.retries must be a dict, for example {mode: standard, total_max_attempts: 8}; got 5'

    def test_a_bad_aws_config_setting_fails_with_botocores_own_reason(self):
        with pytest.raises(TypeError) as botocore_reason:
            Config(no_such_setting=1)
        assert input_error(dict(KEYS, region='eu-west-1', aws_config={'no_such_setting': 1})) == \
            f'aws_config is not a valid botocore Config: {botocore_reason.value}'

    def test_a_region_botocore_refuses_fails_naming_the_client_and_the_region(self):
        assert client_error(dict(KEYS, region='not a region!')) == (
            "Could not create the ACM PCA client for region not a region!: "
            "Provided region_name 'not a region!' doesn't match a supported format.")

    def test_a_bad_timeout_in_aws_config_fails_with_a_clear_error(self):
        message = client_error(dict(KEYS, region='eu-west-1', aws_config={'connect_timeout': 'soon'}))
        assert message.startswith('Could not create the ACM PCA client for region eu-west-1: ')
        assert 'soon' in message


@pytest.mark.usefixtures('isolated_aws_env')
class TestClientForCertificateAuthority:

    CA = parse_certificate_authority_arn('arn:aws:acm-pca:ap-southeast-2:111122223333:certificate-authority/abc')

    def test_the_region_of_the_arn_is_used_when_no_region_option_is_set(self):
        assert client_for_certificate_authority(dict(KEYS), self.CA, 'resource_arn').meta.region_name == 'ap-southeast-2'

    def test_the_region_of_the_arn_wins_over_the_environment(self, monkeypatch):
        monkeypatch.setenv('AWS_REGION', 'eu-west-1')
        assert client_for_certificate_authority(dict(KEYS), self.CA, 'resource_arn').meta.region_name == 'ap-southeast-2'

    def test_a_matching_region_option_is_fine(self):
        made = client_for_certificate_authority(dict(KEYS, region='ap-southeast-2'), self.CA, 'resource_arn')
        assert made.meta.region_name == 'ap-southeast-2'

    def test_a_region_option_that_disagrees_with_the_arn_fails_naming_both_regions_and_the_option(self):
        with pytest.raises(InputError) as exc_info:
            client_for_certificate_authority(dict(KEYS, region='eu-west-1'), self.CA, 'certificate_authority_arn')
        assert str(exc_info.value) == (
            'certificate_authority_arn is in region ap-southeast-2 but the region option (set on the task or through module_defaults) '
            'says eu-west-1; leave region unset to use the region of the ARN (region: "{{ omit }}" on the task), or make them agree')

    def test_a_region_option_of_none_is_no_region_option(self):
        made = client_for_certificate_authority(dict(KEYS, region=None), self.CA, 'resource_arn')
        assert made.meta.region_name == 'ap-southeast-2'


STS_IDENTITY = (b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
                b'<Arn>arn:aws:iam::444455556666:user/alice</Arn><UserId>AIDEXAMPLE</UserId><Account>444455556666</Account>'
                b'</GetCallerIdentityResult><ResponseMetadata><RequestId>canned</RequestId></ResponseMetadata></GetCallerIdentityResponse>')
STS_DENIED = (b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>'
              b'<Message>not allowed</Message></Error><RequestId>canned</RequestId></ErrorResponse>')


class MadeClients(list):
    """(service, keyword arguments, client) of every client made; ``answers[operation]`` is the
    (status, body) every such client gets for that operation, without a request leaving the process."""

    def __init__(self):
        super().__init__()
        self.answers = {}

    def answer(self, event_name, **kwargs):
        operation = event_name.rsplit('.', 1)[-1]
        return canned_response(*self.answers[operation]) if operation in self.answers else None


@pytest.fixture
def made_clients(monkeypatch):
    """Every client boto3 makes from now on, with the arguments it was made with."""
    made = MadeClients()
    original = boto3.session.Session.client

    def client(self, service, **kwargs):
        created = original(self, service, **kwargs)
        made.append((service, dict(kwargs), created))
        created.meta.events.register('before-send', made.answer)
        return created

    monkeypatch.setattr(boto3.session.Session, 'client', client)
    return made


@pytest.mark.usefixtures('isolated_aws_env')
class TestClientArguments:

    def test_acmpca_client_passes_region_endpoint_verify_and_config_and_nothing_else(self, made_clients, tmp_path):
        bundle = tmp_path / 'bundle.pem'
        bundle.write_text('-----BEGIN CERTIFICATE-----\n')
        acmpca_client(dict(KEYS, region='eu-west-1', endpoint_url='http://127.0.0.1:5000', aws_ca_bundle=str(bundle),
                           aws_config={'read_timeout': 7}))
        [(service, kwargs, dummy)] = made_clients
        config = kwargs.pop('config')
        assert (service, kwargs) == ('acm-pca', {'region_name': 'eu-west-1', 'endpoint_url': 'http://127.0.0.1:5000', 'verify': str(bundle)})
        assert (config.retries, config.connect_timeout, config.read_timeout, config.user_agent_extra) == \
            ({'mode': 'standard', 'total_max_attempts': 8}, 10, 7, 'pki.acmpca/0.1.0')

    def test_unset_options_are_left_to_boto3(self, made_clients):
        acmpca_client(dict(KEYS, region='eu-west-1'))
        [(service, kwargs, dummy)] = made_clients
        assert (kwargs['endpoint_url'], kwargs['verify']) == (None, None)

    def test_an_empty_endpoint_url_is_no_endpoint_url(self, made_clients):
        made = acmpca_client(dict(KEYS, region='eu-west-1', endpoint_url=''))
        assert made_clients[0][1]['endpoint_url'] is None
        assert made.meta.endpoint_url == 'https://acm-pca.eu-west-1.amazonaws.com'

    def test_validate_certs_false_is_verify_false(self, made_clients):
        acmpca_client(dict(KEYS, region='eu-west-1', validate_certs=False))
        assert made_clients[0][1]['verify'] is False

    @pytest.mark.parametrize('extra', ['', None])
    def test_an_empty_user_agent_extra_is_no_user_agent_extra(self, extra):
        # It used to fail: "aws_config is not a valid botocore Config: ... got multiple values for keyword argument 'user_agent_extra'".
        assert client(aws_config={'user_agent_extra': extra}).meta.config.user_agent_extra == 'pki.acmpca/0.1.0'

    def test_aws_config_is_not_changed_by_building_the_client(self):
        aws_config = {'user_agent_extra': 'my-platform/2', 'retries': {'mode': 'adaptive'}}
        client(aws_config=aws_config)
        assert aws_config == {'user_agent_extra': 'my-platform/2', 'retries': {'mode': 'adaptive'}}


@pytest.mark.usefixtures('isolated_aws_env')
class TestConnectionClient:

    @pytest.mark.parametrize('service, name', [('acm-pca', 'ACM PCA'), ('sts', 'STS'), ('s3', 's3')])
    def test_a_client_botocore_cannot_make_fails_naming_the_service_and_region(self, service, name):
        with pytest.raises(AcmPcaError) as exc_info:
            Connection(dict(KEYS)).client(service, 'not a region!')
        assert exc_info.value.message == (
            f"Could not create the {name} client for region not a region!: Provided region_name 'not a region!' doesn't match a supported format.")

    def test_the_clients_of_one_connection_share_its_session(self, made_clients):
        connection_ = Connection(dict(KEYS))
        first, second = connection_.client('acm-pca', 'eu-west-1'), connection_.client('sts', 'eu-west-2')
        assert (first.meta.region_name, second.meta.region_name) == ('eu-west-1', 'eu-west-2')
        assert first._request_signer._credentials.access_key == second._request_signer._credentials.access_key == KEYS['access_key']


@pytest.mark.usefixtures('isolated_aws_env')
class TestCallerAccountLookup:

    def test_it_asks_sts_in_the_region_given_with_the_connection_options(self, made_clients):
        made_clients.answers['GetCallerIdentity'] = (200, STS_IDENTITY)
        lookup = caller_account_lookup(dict(KEYS, region='eu-west-1', endpoint_url='http://127.0.0.1:5000', validate_certs=False),
                                       'ap-south-1')
        assert made_clients == []  # no client until asked
        assert lookup() == '444455556666'
        [(service, kwargs, made)] = made_clients
        kwargs.pop('config')
        assert (service, kwargs) == ('sts', {'region_name': 'ap-south-1', 'endpoint_url': 'http://127.0.0.1:5000', 'verify': False})
        assert made._request_signer._credentials.access_key == KEYS['access_key']

    def test_an_sts_error_names_get_caller_identity(self, made_clients):
        made_clients.answers['GetCallerIdentity'] = (403, STS_DENIED)
        with pytest.raises(AcmPcaError) as exc_info:
            caller_account_lookup(dict(KEYS), 'eu-west-1')()
        assert exc_info.value.message == 'GetCallerIdentity failed: AccessDenied: not allowed'
        assert exc_info.value.code == 'AccessDenied'


class FakeModule:

    def __init__(self):
        self.failures = []

    def fail_json(self, **result):
        self.failures.append(result)


class TestRequireBoto3:

    def test_without_boto3_the_module_fails_naming_both_libraries_with_the_import_traceback(self, monkeypatch):
        monkeypatch.setattr(connection, 'BOTO3_IMPORT_ERROR', 'Traceback: No module named boto3')
        module = FakeModule()
        require_boto3(module)
        assert module.failures == [{'msg': missing_required_lib('boto3 and botocore'), 'exception': 'Traceback: No module named boto3'}]
        assert 'boto3 and botocore' in module.failures[0]['msg']

    def test_with_boto3_nothing_happens(self):
        module = FakeModule()
        require_boto3(module)
        assert module.failures == []


class FakeCoreSession:
    """A botocore session whose shared config is ``profile``, or raises it."""

    def __init__(self, profile):
        self.profile = profile

    def get_scoped_config(self):
        if isinstance(self.profile, Exception):
            raise self.profile
        return self.profile


@pytest.mark.usefixtures('isolated_aws_env')
class TestConfiguredRetrySettings:

    def test_none_when_neither_the_environment_nor_the_profile_sets_them(self):
        assert configured_retry_settings(FakeCoreSession({'region': 'eu-west-1'})) == frozenset()

    def test_the_profile_settings_by_botocore_name(self):
        assert configured_retry_settings(FakeCoreSession({'retry_mode': 'adaptive'})) == frozenset(['retry_mode'])
        assert configured_retry_settings(FakeCoreSession({'max_attempts': '3'})) == frozenset(['max_attempts'])

    def test_the_environment_settings_by_botocore_name(self, monkeypatch):
        monkeypatch.setenv('AWS_MAX_ATTEMPTS', '3')
        assert configured_retry_settings(FakeCoreSession({})) == frozenset(['max_attempts'])
        monkeypatch.setenv('AWS_RETRY_MODE', 'legacy')
        assert configured_retry_settings(FakeCoreSession({})) == frozenset(['max_attempts', 'retry_mode'])

    def test_a_profile_that_does_not_exist_gives_only_the_environment(self, monkeypatch):
        monkeypatch.setenv('AWS_RETRY_MODE', 'adaptive')
        assert configured_retry_settings(FakeCoreSession(ProfileNotFound(profile='ghost'))) == frozenset(['retry_mode'])

    def test_a_shared_config_botocore_cannot_parse_is_a_clear_error(self):
        with pytest.raises(AcmPcaError) as exc_info:
            configured_retry_settings(FakeCoreSession(ConfigParseError(path='/home/me/.aws/config')))
        assert exc_info.value.message == \
            'Could not read the AWS shared config or credentials files: Unable to parse config file: /home/me/.aws/config'
