# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The AWS connection: options shared by every module and the one client factory.

Unset options are left to boto3's own chain (environment, shared files, instance
roles): credentials, region, endpoint, certificate bundle and retry settings alike.
Retries are botocore's own retry modes, configured once on the client.
"""


import os
import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError, aws_call
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.version import COLLECTION_NAME, COLLECTION_VERSION

try:
    import boto3
    import botocore.session
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ProfileNotFound
    BOTO3_IMPORT_ERROR = None
except ImportError:
    BOTO3_IMPORT_ERROR = traceback.format_exc()


# A black-holed endpoint should not hold a task for 8 x 60 s (botocore's default connect timeout).
DEFAULT_CONNECT_TIMEOUT = 10
# Eight attempts in all ride out a burst of seven throttles; botocore caps each wait at 20 s.
# (botocore's retries 'max_attempts' counts retries only; 'total_max_attempts' counts all.)
# Used only for a setting that neither aws_config.retries nor the environment or the
# profile gives (AWS_RETRY_MODE / retry_mode, AWS_MAX_ATTEMPTS / max_attempts).
DEFAULT_RETRIES = {'mode': 'standard', 'total_max_attempts': 8}
# botocore's retry settings: its config variable, and the environment variable for it.
_RETRY_SETTINGS = (('retry_mode', 'AWS_RETRY_MODE'), ('max_attempts', 'AWS_MAX_ATTEMPTS'))

CREDENTIAL_OPTIONS = ('access_key', 'secret_key', 'session_token')
_SERVICE_NAMES = {'acm-pca': 'ACM PCA', 'sts': 'STS', 'organizations': 'AWS Organizations', 'ram': 'AWS RAM'}


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


def _retries(requested, configured):
    """The retries given to botocore, setting by setting: the task's aws_config.retries,
    else the environment's or the profile's (``configured``: left for botocore to read),
    else the collection's default."""
    retries = dict(requested)
    if 'mode' not in retries and 'retry_mode' not in configured:
        retries['mode'] = DEFAULT_RETRIES['mode']
    if 'max_attempts' not in retries and 'total_max_attempts' not in retries and 'max_attempts' not in configured:
        retries['total_max_attempts'] = DEFAULT_RETRIES['total_max_attempts']
    return retries or None


def _client_config(aws_config, configured=()):
    settings = dict(aws_config or {})
    requested_retries = settings.pop('retries', None) or {}
    if not isinstance(requested_retries, dict):
        raise InputError('aws_config.retries must be a dict, for example {mode: standard, total_max_attempts: 8}; got %r'
                         % (requested_retries,))
    user_agent = f'{COLLECTION_NAME}/{COLLECTION_VERSION}'
    # Popped whatever its value: an empty or null user_agent_extra is no setting, not a second one.
    extra = settings.pop('user_agent_extra', None)
    if extra:
        user_agent = f'{extra} {user_agent}'
    settings.setdefault('connect_timeout', DEFAULT_CONNECT_TIMEOUT)
    try:
        return Config(retries=_retries(requested_retries, configured), user_agent_extra=user_agent, **settings)
    except (TypeError, ValueError, BotoCoreError) as exc:
        raise InputError(f'aws_config is not a valid botocore Config: {exc}')


def configured_retry_settings(core_session):
    """The retry settings the environment or the shared config profile gives, by botocore name."""
    try:
        profile = core_session.get_scoped_config()
    except ProfileNotFound:
        profile = {}
    except BotoCoreError as exc:
        raise _unreadable_config_error(exc)
    return frozenset(name for name, variable in _RETRY_SETTINGS if os.environ.get(variable) or profile.get(name))


def _verify(params):
    """botocore's ``verify``: None lets boto3 decide (AWS_CA_BUNDLE, the profile's ca_bundle,
    else its own bundle), as the AWS CLI does behind a TLS-inspecting proxy."""
    # As in amazon.aws: validate_certs=false turns verification off, whatever aws_ca_bundle says.
    if not params.get('validate_certs', True):
        return False
    bundle = params.get('aws_ca_bundle')
    if bundle and not os.path.isfile(bundle):
        raise InputError(f'aws_ca_bundle {bundle} does not exist or is not a file')
    return bundle or None


def resolve_region(params, session):
    return params.get('region') or os.environ.get('AWS_REGION') or session.region_name


class Connection:
    """A boto3 session and the botocore session under it, whose shared config this module
    reads (boto3 gives no public access to it)."""

    def __init__(self, params):
        self.params = params
        self.core_session = botocore.session.Session()
        self.session = create_session(params, self.core_session)

    def client(self, service, region):
        verify = _verify(self.params)
        config = _client_config(self.params.get('aws_config'), configured_retry_settings(self.core_session))
        try:
            return self.session.client(service, region_name=region, endpoint_url=self.params.get('endpoint_url') or None,
                                       verify=verify, config=config)
        except (BotoCoreError, ValueError) as exc:
            raise AcmPcaError(f'Could not create the {_SERVICE_NAMES.get(service, service)} client for region {region}: {exc}')


def create_session(params, core_session=None):
    try:
        return boto3.session.Session(
            botocore_session=core_session,
            aws_access_key_id=params.get('access_key'),
            aws_secret_access_key=params.get('secret_key'),
            aws_session_token=params.get('session_token'),
            profile_name=params.get('profile'),
        )
    except ProfileNotFound as exc:
        # botocore names the profile it looked for: the profile option, else AWS_PROFILE.
        raise AcmPcaError(f"The AWS profile {exc.kwargs.get('profile')!r} was not found in the shared config or credentials files")
    except BotoCoreError as exc:
        raise _unreadable_config_error(exc)


def _unreadable_config_error(exc):
    # A shared config or credentials file botocore cannot parse (ConfigParseError, ...).
    return AcmPcaError(f'Could not read the AWS shared config or credentials files: {exc}')


def acmpca_client(params, region=None):
    """An ACM PCA client built from the module's connection options; ``region``, when
    given, wins over every configured region."""
    return service_client(params, 'acm-pca', region)


def service_client(params, service, region=None):
    """A client of ``service`` built from the module's connection options; ``region``, when
    given, wins over every configured region."""
    if bool(params.get('access_key')) != bool(params.get('secret_key')):
        raise InputError(f"access_key and secret_key must be given together (got only {'access_key' if params.get('access_key') else 'secret_key'})")
    if params.get('session_token') and not params.get('access_key'):
        raise InputError('session_token needs access_key and secret_key too: a session token alone is not a credential')
    connection = Connection(params)
    region = region or resolve_region(params, connection.session)
    if not region:
        raise AcmPcaError('No AWS region: set the region option, or AWS_REGION / AWS_DEFAULT_REGION, '
                          'or a region in the AWS profile. Settings under module_defaults group/aws never reach this '
                          "collection's modules (ansible-core fixes that group to amazon.aws and community.aws): "
                          'put them under group/pki.acmpca.acmpca as well')
    return connection.client(service, region)


def client_for_certificate_authority(params, ca, option):
    """A client for the region named in the CA's ARN (``ca``, a CertificateAuthorityArn).

    The ARN says where the CA lives, so it wins over a region taken from the environment
    or a profile; an explicit region option that disagrees is a mistake worth stopping on.
    """
    if params.get('region') and params['region'] != ca.region:
        raise InputError('%s is in region %s but the region option (set on the task or through module_defaults) says %s; '
                         'leave region unset to use the region of the ARN (region: "{{ omit }}" on the task), or make them agree'
                         % (option, ca.region, params['region']))
    return acmpca_client(params, region=ca.region)


def caller_account_lookup(params, region):
    """A function that asks STS GetCallerIdentity which account the credentials act as.

    The STS client takes the same connection options as the ACM PCA client (endpoint_url
    included, as in amazon.aws) and is made only when the function is called."""
    def caller_account_id():
        client = Connection(params).client('sts', region)
        with aws_call('GetCallerIdentity'):
            return client.get_caller_identity()['Account']
    return caller_account_id
