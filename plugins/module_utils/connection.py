# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The AWS connection: options shared by every module and the one client factory.

Unset options are left to boto3's own chain (environment, shared files, instance
roles); retries are botocore's own retry modes, configured once on the client.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.pki.acmpca.plugins.module_utils.errors import AcmPcaError

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ProfileNotFound
    BOTO3_IMPORT_ERROR = None
except ImportError:
    BOTO3_IMPORT_ERROR = traceback.format_exc()

COLLECTION_NAME = 'pki.acmpca'
COLLECTION_VERSION = '0.1.0'

# A black-holed endpoint should not hold a task for 8 x 60 s (botocore's default connect timeout).
DEFAULT_CONNECT_TIMEOUT = 10
# Eight attempts in all ride out a burst of seven throttles; botocore caps each wait at 20 s.
# (botocore's retries 'max_attempts' counts retries only; 'total_max_attempts' counts all.)
DEFAULT_RETRIES = {'mode': 'standard', 'total_max_attempts': 8}

CREDENTIAL_OPTIONS = ('access_key', 'secret_key', 'session_token')


def connection_argument_spec():
    """The connection options, with the names and aliases of amazon.aws."""
    return dict(
        region=dict(type='str', aliases=['aws_region']),
        endpoint_url=dict(type='str', aliases=['aws_endpoint_url']),
        access_key=dict(type='str', aliases=['aws_access_key_id', 'aws_access_key'], no_log=False),
        secret_key=dict(type='str', aliases=['aws_secret_access_key', 'aws_secret_key'], no_log=True),
        session_token=dict(type='str', aliases=['aws_session_token'], no_log=True),
        profile=dict(type='str', aliases=['aws_profile']),
        validate_certs=dict(type='bool', default=True),
        aws_ca_bundle=dict(type='path'),
        aws_config=dict(type='dict'),
    )


def connection_mutually_exclusive():
    return [['profile', option] for option in CREDENTIAL_OPTIONS]


def require_boto3(module):
    if BOTO3_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib('boto3 and botocore'), exception=BOTO3_IMPORT_ERROR)


def _client_config(aws_config):
    settings = dict(aws_config or {})
    requested_retries = settings.pop('retries', None) or {}
    if not isinstance(requested_retries, dict):
        raise AcmPcaError('aws_config.retries must be a dict, for example {mode: standard, total_max_attempts: 8}; got %r'
                          % (requested_retries,))
    retries = dict(DEFAULT_RETRIES)
    if 'max_attempts' in requested_retries:
        del retries['total_max_attempts']
    retries.update(requested_retries)
    user_agent = '%s/%s' % (COLLECTION_NAME, COLLECTION_VERSION)
    if settings.get('user_agent_extra'):
        user_agent = '%s %s' % (settings.pop('user_agent_extra'), user_agent)
    settings.setdefault('connect_timeout', DEFAULT_CONNECT_TIMEOUT)
    try:
        return Config(retries=retries, user_agent_extra=user_agent, **settings)
    except (TypeError, ValueError, BotoCoreError) as exc:
        raise AcmPcaError('aws_config is not a valid botocore Config: %s' % exc)


def resolve_region(params, session):
    return params.get('region') or os.environ.get('AWS_REGION') or session.region_name


def create_session(params):
    try:
        return boto3.session.Session(
            aws_access_key_id=params.get('access_key'),
            aws_secret_access_key=params.get('secret_key'),
            aws_session_token=params.get('session_token'),
            profile_name=params.get('profile'),
        )
    except ProfileNotFound as exc:
        raise AcmPcaError('The AWS profile %r was not found in the shared config or credentials files'
                          % (params.get('profile') or exc.kwargs.get('profile')))


def acmpca_client(params, region=None):
    """An ACM PCA client built from the module's connection options; ``region``, when
    given, wins over every configured region."""
    if bool(params.get('access_key')) != bool(params.get('secret_key')):
        raise AcmPcaError('access_key and secret_key must be given together (got only %s)'
                          % ('access_key' if params.get('access_key') else 'secret_key'))
    if params.get('session_token') and not params.get('access_key'):
        raise AcmPcaError('session_token needs access_key and secret_key too: a session token alone is not a credential')
    session = create_session(params)
    region = region or resolve_region(params, session)
    if not region:
        raise AcmPcaError('No AWS region: set the region option, or AWS_REGION / AWS_DEFAULT_REGION, '
                          'or a region in the AWS profile')
    # As in amazon.aws: validate_certs=false turns verification off, whatever aws_ca_bundle says.
    verify = (params.get('aws_ca_bundle') or True) if params.get('validate_certs', True) else False
    if isinstance(verify, str) and not os.path.isfile(verify):
        raise AcmPcaError('aws_ca_bundle %s does not exist or is not a file' % verify)
    try:
        return session.client(
            'acm-pca',
            region_name=region,
            endpoint_url=params.get('endpoint_url') or None,
            verify=verify,
            config=_client_config(params.get('aws_config')),
        )
    except (BotoCoreError, ValueError) as exc:
        raise AcmPcaError('Could not create the ACM PCA client for region %s: %s' % (region, exc))


def client_for_certificate_authority(params, ca, option):
    """A client for the region named in the CA's ARN (``ca``, a CertificateAuthorityArn).

    The ARN says where the CA lives, so it wins over a region taken from the environment
    or a profile; an explicit region option that disagrees is a mistake worth stopping on.
    """
    if params.get('region') and params['region'] != ca.region:
        raise AcmPcaError('%s is in region %s but the region option (set on the task or through module_defaults) says %s; '
                          'leave region unset to use the region of the ARN (region: "{{ omit }}" on the task), or make them agree'
                          % (option, ca.region, params['region']))
    return acmpca_client(params, region=ca.region)
