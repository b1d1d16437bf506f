# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""connection.py: the connection options of amazon.aws, and the one client factory."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import pytest
import yaml
from botocore.exceptions import ClientError

from ansible_collections.pki.acmpca.plugins.module_utils import connection
from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.connection import (
    COLLECTION_VERSION,
    acmpca_client,
    client_for_certificate_authority,
    connection_argument_spec,
    connection_mutually_exclusive,
)
from ansible_collections.pki.acmpca.plugins.module_utils.errors import AcmPcaError

from ...helpers import canned_response

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
KEYS = {'access_key': 'AKIDEXAMPLE', 'secret_key': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'}


def client(**params):
    options = dict(KEYS, region='eu-west-1')
    options.update(params)
    return acmpca_client(dict((key, value) for key, value in options.items() if value is not None))


def client_error(params, **kwargs):
    with pytest.raises(AcmPcaError) as exc_info:
        acmpca_client(params, **kwargs)
    return exc_info.value.message


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
        isolated_aws_env['config_file'].write_text(u'[profile proxied]\nca_bundle = %s\n' % bundle)
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
        with pytest.raises(AcmPcaError, match='aws_ca_bundle %s does not exist' % re.escape(bundle)):
            client(aws_ca_bundle=bundle)

    def test_validate_certs_false_wins_over_aws_ca_bundle_as_in_amazon_aws(self, tmp_path):
        # amazon.aws verifies with the bundle only when validate_certs is true.
        assert client(validate_certs=False, aws_ca_bundle=str(tmp_path / 'bundle.pem'))._endpoint.http_session._verify is False

    @pytest.mark.parametrize('params', [{'region': 'eu-west-1'}, dict(KEYS, region='eu-west-1'), {'profile': 'any', 'region': 'eu-west-1'}])
    def test_a_shared_config_file_botocore_cannot_parse_is_a_clear_error_not_a_traceback(self, isolated_aws_env, params):
        isolated_aws_env['config_file'].write_text(u'[profile broken\nregion = eu-west-1\n  = =\n')
        message = client_error(params)
        assert message.startswith('Could not read the AWS shared config or credentials files: '), message

    def test_the_connect_timeout_is_10_seconds_unless_aws_config_says_otherwise(self):
        assert client().meta.config.connect_timeout == 10
        assert client(aws_config={'connect_timeout': 3}).meta.config.connect_timeout == 3

    def test_a_session_token_without_keys_is_refused_naming_the_options(self):
        message = client_error({'region': 'eu-west-1', 'session_token': 'lone-token'})
        assert 'session_token needs access_key and secret_key' in message

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
        isolated_aws_env['config_file'].write_text(u'[profile slow]\nretry_mode = adaptive\nmax_attempts = 2\n')
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
        assert client().meta.config.user_agent_extra == 'pki.acmpca/%s' % COLLECTION_VERSION

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

    def test_without_a_region_anywhere_it_fails_naming_the_region_option_and_variables(self):
        message = client_error(dict(KEYS))
        assert message.startswith('No AWS region')
        assert 'region option' in message and 'AWS_REGION' in message and 'AWS_DEFAULT_REGION' in message

    def test_aws_region_from_the_environment_is_used(self, monkeypatch):
        monkeypatch.setenv('AWS_REGION', 'eu-central-1')
        assert acmpca_client(dict(KEYS)).meta.region_name == 'eu-central-1'

    def test_aws_default_region_from_the_environment_is_used(self, monkeypatch):
        monkeypatch.setenv('AWS_DEFAULT_REGION', 'eu-north-1')
        assert acmpca_client(dict(KEYS)).meta.region_name == 'eu-north-1'

    def test_the_region_option_wins_over_the_environment(self, monkeypatch):
        monkeypatch.setenv('AWS_REGION', 'eu-central-1')
        assert acmpca_client(dict(KEYS, region='us-west-2')).meta.region_name == 'us-west-2'

    def test_a_profile_gives_its_region_and_credentials(self, isolated_aws_env):
        isolated_aws_env['config_file'].write_text(u'[profile pki]\nregion = sa-east-1\n')
        isolated_aws_env['credentials_file'].write_text(u'[pki]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = secret\n')
        made = acmpca_client({'profile': 'pki'})
        assert made.meta.region_name == 'sa-east-1'
        assert made._request_signer._credentials.access_key == 'AKIDPROFILE'

    def test_an_unknown_profile_fails_naming_it(self):
        message = client_error({'profile': 'no-such-profile', 'region': 'eu-west-1'})
        assert message == "The AWS profile 'no-such-profile' was not found in the shared config or credentials files"

    def test_an_unknown_profile_from_aws_profile_fails_naming_it(self, monkeypatch):
        monkeypatch.setenv('AWS_PROFILE', 'ghost-profile')
        message = client_error({'region': 'eu-west-1'})
        assert 'ghost-profile' in message

    def test_an_access_key_without_secret_key_fails_naming_both(self):
        assert client_error({'access_key': 'AKID', 'region': 'eu-west-1'}) == \
            'access_key and secret_key must be given together (got only access_key)'

    def test_a_secret_key_without_access_key_fails_naming_both(self):
        assert client_error({'secret_key': 'secret', 'region': 'eu-west-1'}) == \
            'access_key and secret_key must be given together (got only secret_key)'

    @pytest.mark.parametrize('aws_config, reason', [
        ({'no_such_setting': 1}, "unexpected keyword argument 'no_such_setting'"),
        ({'retries': {'mode': 'sometimes'}}, '"mode": "sometimes"'),
        ({'retries': {'max_attempts': -1}}, '"max_attempts": -1'),
        ({'retries': {'total_max_attempts': 0}}, 'must be an integer greater than or equal to 1'),
    ])
    def test_a_bad_aws_config_fails_naming_aws_config_and_the_problem(self, aws_config, reason):
        message = client_error(dict(KEYS, region='eu-west-1', aws_config=aws_config))
        assert message.startswith('aws_config is not a valid botocore Config: ')
        assert reason in message

    def test_aws_config_retries_that_are_not_a_dict_fail_naming_aws_config(self):
        message = client_error(dict(KEYS, region='eu-west-1', aws_config={'retries': 5}))
        assert 'aws_config' in message and 'retries' in message

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
        with pytest.raises(AcmPcaError) as exc_info:
            client_for_certificate_authority(dict(KEYS, region='eu-west-1'), self.CA, 'certificate_authority_arn')
        assert exc_info.value.message.startswith(
            'certificate_authority_arn is in region ap-southeast-2 but the region option (set on the task or through module_defaults) says eu-west-1')


def test_collection_version_is_the_version_in_galaxy_yml():
    with open(os.path.join(REPO_ROOT, 'galaxy.yml')) as galaxy:
        assert COLLECTION_VERSION == yaml.safe_load(galaxy)['version']


def test_collection_name_is_the_namespace_and_name_in_galaxy_yml():
    with open(os.path.join(REPO_ROOT, 'galaxy.yml')) as galaxy:
        metadata = yaml.safe_load(galaxy)
    assert connection.COLLECTION_NAME == '%s.%s' % (metadata['namespace'], metadata['name'])
