# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared set-up for the unit tests.

* Makes ``ansible_collections.pki.acmpca`` importable from a plain ``pytest`` run through a
  symlink tree ``build/pytest-collections/ansible_collections/pki/acmpca -> <repo root>``
  (when the checkout already sits in such a tree, as under ``ansible-test units``, that is used).
* Registers the hypothesis profiles (``CI=true`` selects the derandomized one).
* Fixtures: an AWS environment isolated from the developer's own, moto's ``mock_aws`` with
  ACM PCA helpers, a counter of the AWS calls the code under test makes, and a runner that
  drives a module's ``main()`` in-process.
"""


import collections
import importlib
import json
import os
import sys
import time
import uuid
from unittest import mock

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTION_TREE = os.path.join(REPO_ROOT, 'build', 'pytest-collections')


def _collections_path():
    """The directory holding ``ansible_collections/pki/acmpca``, created when needed."""
    parent = os.path.dirname(REPO_ROOT)
    if os.path.basename(parent) == 'pki' and os.path.basename(os.path.dirname(parent)) == 'ansible_collections':
        return os.path.dirname(os.path.dirname(parent))
    namespace_dir = os.path.join(COLLECTION_TREE, 'ansible_collections', 'pki')
    link = os.path.join(namespace_dir, 'acmpca')
    os.makedirs(namespace_dir, exist_ok=True)
    if os.path.islink(link) and os.path.realpath(link) == os.path.realpath(REPO_ROOT):
        return COLLECTION_TREE
    if os.path.exists(link) and not os.path.islink(link):
        raise RuntimeError(f'{link} exists and is not a symlink to the repository; remove it')
    # Several pytest-xdist workers may get here at once: each makes its own link and renames
    # it into place, which is atomic, so every worker sees either no link or a complete one.
    temporary = '%s.%d.%s' % (link, os.getpid(), uuid.uuid4().hex)
    os.symlink(REPO_ROOT, temporary)
    try:
        os.replace(temporary, link)
    except OSError:
        os.unlink(temporary)
        raise
    return COLLECTION_TREE


_COLLECTIONS_PATH = _collections_path()
if _COLLECTIONS_PATH not in sys.path:
    sys.path.insert(0, _COLLECTIONS_PATH)
try:
    importlib.import_module('ansible_collections.pki.acmpca.plugins.module_utils.policy_document')
except ImportError as import_error:
    # Ansible's own collection finder, once installed, answers for every ansible_collections
    # import from the paths it was given and ignores later sys.path entries.
    raise RuntimeError('cannot import the collection from %s (%s); was an Ansible collection loader installed '
                       'before tests/unit/conftest.py ran?' % (_COLLECTIONS_PATH, import_error))

# pylint: disable=wrong-import-position
import boto3  # noqa: E402
import botocore.session  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from moto import mock_aws  # noqa: E402

from ansible.module_utils.common import warnings as module_warnings  # noqa: E402

from pki_acmpca_emulator import pca_permissions, ram  # noqa: E402

from .compat import module_code_context, patch_module_args  # noqa: E402

from .helpers import REGION, AwsCalls, ModuleRun, canned_error, request_parameter, self_signed_certificate  # noqa: E402

# ---------------------------------------------------------------- hypothesis

settings.register_profile('unit', max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile('ci', parent=settings.get_profile('unit'), derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE') or ('ci' if os.environ.get('CI', '').lower() in ('true', '1', 'yes') else 'unit'))


# ------------------------------------------------------------------- speed

_LOADERS = {}


@pytest.fixture(scope='session', autouse=True)
def shared_botocore_loader():
    """One botocore data loader for every session the tests make.

    The code under test makes a new boto3 session per client, as a module run does; each
    would parse botocore's JSON data again (0.2 to 0.5 s). Sharing the loader keeps its caches.
    """
    original = botocore.session.create_loader

    def create_loader(search_path_string=None):
        if search_path_string not in _LOADERS:
            _LOADERS[search_path_string] = original(search_path_string)
        loader = _LOADERS[search_path_string]
        # boto3 appends its own data directory to the loader of every session it makes.
        loader.search_paths[:] = list(collections.OrderedDict.fromkeys(loader.search_paths))
        return loader

    botocore.session.create_loader = create_loader
    yield
    botocore.session.create_loader = original


# -------------------------------------------------------------- environment

@pytest.fixture
def isolated_aws_env(monkeypatch, tmp_path):
    """No AWS_* variable of the developer's, and empty shared config and credentials files."""
    for name in list(os.environ):
        if name.startswith(('AWS_', 'BOTO_')):
            monkeypatch.delenv(name)
    config_file = tmp_path / 'aws-config'
    credentials_file = tmp_path / 'aws-credentials'
    config_file.write_text('')
    credentials_file.write_text('')
    monkeypatch.setenv('AWS_CONFIG_FILE', str(config_file))
    monkeypatch.setenv('AWS_SHARED_CREDENTIALS_FILE', str(credentials_file))
    monkeypatch.setenv('AWS_EC2_METADATA_DISABLED', 'true')
    return {'config_file': config_file, 'credentials_file': credentials_file}


@pytest.fixture
def dummy_credentials(isolated_aws_env, monkeypatch):
    """Dummy credentials in the environment (moto maps them to its default account)."""
    monkeypatch.setenv('AWS_ACCESS_KEY_ID', 'testing')
    monkeypatch.setenv('AWS_SECRET_ACCESS_KEY', 'testing')
    return isolated_aws_env


# --------------------------------------------------------------------- moto

_RSA = {}


def _one_rsa_key(**kwargs):
    if 'key' not in _RSA:
        _RSA['key'] = _RSA['generate'](**kwargs)
    return _RSA['key']


@pytest.fixture
def aws(dummy_credentials, monkeypatch):
    """moto's mock_aws around the test, with cheap CA keys.

    moto makes an RSA-2048 key for every CA (about 70 ms) and decrypts and checks it again
    for every CSR (about 150 ms). No test uses those keys, so every CA gets the same one,
    kept in memory.
    """
    import moto.acmpca.models as acmpca_models  # pylint: disable=import-outside-toplevel
    _RSA.setdefault('generate', rsa.generate_private_key)
    monkeypatch.setattr(acmpca_models.rsa, 'generate_private_key', _one_rsa_key)
    monkeypatch.setattr(acmpca_models.CertificateAuthority, 'key', property(lambda ca: _one_rsa_key(public_exponent=65537, key_size=2048)))
    # moto has no CreatePermission, ListPermissions or DeletePermission, and does not share CAs
    # through RAM: the tests' emulator adds them.
    pca_permissions.install()
    ram.install()
    with mock_aws():
        yield


@pytest.fixture
def pca(aws):
    """A boto3 ACM PCA client for the test's own set-up and read-backs (not counted by aws_calls)."""
    return boto3.client('acm-pca', region_name=REGION)


@pytest.fixture
def make_ca(pca):
    """Create a CA in moto: ACTIVE (created, CSR signed, certificate imported) unless ``active=False``."""
    def make(active=True, tags=None, common_name='unit test CA'):
        kwargs = dict(
            CertificateAuthorityConfiguration={
                'KeyAlgorithm': 'RSA_2048',
                'SigningAlgorithm': 'SHA256WITHRSA',
                'Subject': {'CommonName': common_name},
            },
            CertificateAuthorityType='ROOT',
        )
        if tags:
            kwargs['Tags'] = [{'Key': key, 'Value': value} for key, value in sorted(tags.items())]
        arn = pca.create_certificate_authority(**kwargs)['CertificateAuthorityArn']
        if active:
            csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)['Csr']
            pca.import_certificate_authority_certificate(CertificateAuthorityArn=arn, Certificate=self_signed_certificate(csr))
        return arn
    return make


@pytest.fixture
def stored_policy(pca):
    """Read the policy moto holds for a CA: a dict, or None."""
    def read(arn):
        try:
            return json.loads(pca.get_policy(ResourceArn=arn)['Policy'])
        except pca.exceptions.ResourceNotFoundException:
            return None
    return read


class _PagesLikeAws:
    """Caps MaxResults at 100 on the clients it is installed on, recording what was asked."""

    def __init__(self):
        self.asked = []

    def _cap(self, params, **kwargs):
        self.asked.append(params.get('MaxResults'))
        if 'MaxResults' in params:
            params['MaxResults'] = min(params['MaxResults'], 100)

    def install(self, client):
        client.meta.events.register('provide-client-params.acm-pca.ListCertificateAuthorities', self._cap)
        return client


@pytest.fixture
def pages_like_aws(monkeypatch):
    """Make moto answer at most 100 CAs a page whatever MaxResults says, as the real service does.

    Applies to every client made from now on, and to one made before with ``.install(client)``;
    ``.asked`` lists the MaxResults of every page requested.
    """
    pages = _PagesLikeAws()
    original = boto3.session.Session.client

    def client(self, *args, **kwargs):
        return pages.install(original(self, *args, **kwargs))

    monkeypatch.setattr(boto3.session.Session, 'client', client)
    return pages


@pytest.fixture
def on_new_clients(monkeypatch):
    """``on_new_clients(event, handler)`` registers a botocore event handler on every client
    made through ``boto3.session.Session.client`` from then on: the clients the code under
    test makes, not one made before (such as the ``pca`` fixture's)."""
    handlers = []
    original = boto3.session.Session.client

    def client(self, *args, **kwargs):
        created = original(self, *args, **kwargs)
        for event, handler in handlers:
            created.meta.events.register(event, handler)
        return created

    monkeypatch.setattr(boto3.session.Session, 'client', client)
    return lambda event, handler: handlers.append((event, handler))


@pytest.fixture
def deny_get_policy(on_new_clients):
    """GetPolicy answers AccessDeniedException for the CAs added to the returned set."""
    denied = set()

    def answer(params, **kwargs):
        if request_parameter(params, 'ResourceArn') in denied:
            return canned_error('AccessDeniedException', 'User is not authorized to perform: acm-pca:GetPolicy')
        return None

    on_new_clients('before-call.acm-pca.GetPolicy', answer)
    return denied


@pytest.fixture
def sleeps(monkeypatch):
    """Every time.sleep (botocore's back-off and the collection's own), recorded instead of slept."""
    recorded = []
    monkeypatch.setattr(time, 'sleep', recorded.append)
    return recorded


# ------------------------------------------------------------ call counting

@pytest.fixture
def aws_calls(monkeypatch):
    """Count every API call of every client made through ``boto3.session.Session.client`` from now on.

    The ``pca`` fixture's client is made before, so request ``pca`` (or ``make_ca``) first to count
    only what the code under test does.
    """
    calls = AwsCalls()
    original = boto3.session.Session.client

    def client(self, *args, **kwargs):
        created = original(self, *args, **kwargs)
        calls.clients += 1
        created.meta.events.register('before-call', calls.record)
        return created

    monkeypatch.setattr(boto3.session.Session, 'client', client)
    return calls


# ------------------------------------------------------------------ modules

@pytest.fixture
def run_module(capsys):
    """Run a module's ``main()`` in-process with ``args``; return a ModuleRun (exit code, result)."""
    def run(main, args, check_mode=False, diff=False):
        module_args = dict(args)
        if check_mode:
            module_args['_ansible_check_mode'] = True
        if diff:
            module_args['_ansible_diff'] = True
        capsys.readouterr()
        # A module runs in a process of its own. In-process, its warnings and deprecations are
        # module globals that would carry over to the next run, and once any controller code is
        # imported (ansible.errors, say) warnings would go to the controller's display instead.
        with patch_module_args(module_args), module_code_context(), \
                mock.patch.object(module_warnings, '_global_warnings', type(module_warnings._global_warnings)()), \
                mock.patch.object(module_warnings, '_global_deprecations', type(module_warnings._global_deprecations)()):
            with pytest.raises(SystemExit) as exit_info:
                main()
        return ModuleRun(exit_info.value.code, json.loads(capsys.readouterr().out))
    return run


# ------------------------------------------------------------ summary

def pytest_terminal_summary(terminalreporter):
    """Print what the policyuniverse differential test measured (recorded with
    ``record_property``, which pytest-xdist carries from its workers)."""
    for report in terminalreporter.stats.get('passed', []) + terminalreporter.stats.get('failed', []):
        properties = dict(getattr(report, 'user_properties', ()))
        if 'policyuniverse_corpus' in properties and report.when == 'call':
            terminalreporter.write_line('access findings vs policyuniverse: %d policies compared; %d classes of disagreement, '
                                        'all covered by the %d documented rows of docs/access.md'
                                        % (properties['policyuniverse_corpus'], properties['policyuniverse_disagreeing_classes'],
                                           properties['policyuniverse_documented']))
