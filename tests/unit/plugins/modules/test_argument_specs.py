# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Each module's argument spec says what its DOCUMENTATION says, option by option.

ansible-test's validate-modules checks the same in `make sanity`; this keeps the check in
the unit layer (and under mutation testing), and holds the collection's own convention
that every option names its type explicitly, as amazon.aws does.
"""


import importlib
import pkgutil

import pytest
import yaml

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import connection_argument_spec
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import validate_policy
from ansible_collections.pki.acmpca.plugins import modules as modules_package
from ansible_collections.pki.acmpca.plugins.modules import acmpca_policy

# Every module of the collection, found in plugins/modules: a new module is checked without
# being listed here.
MODULE_NAMES = sorted(info.name for info in pkgutil.iter_modules(modules_package.__path__) if not info.name.startswith('_'))
MODULES = [importlib.import_module(f'{modules_package.__name__}.{name}') for name in MODULE_NAMES]


class _Recorded(Exception):
    pass


def declared_arguments(module, monkeypatch):
    """The keyword arguments main() gives AnsibleModule (through module_options.checked_module)."""
    recorded = {}

    def record(**kwargs):
        recorded.update(kwargs)
        raise _Recorded()

    monkeypatch.setattr(module, 'checked_module', record)
    with pytest.raises(_Recorded):
        module.main()
    return recorded


def test_the_modules_are_found():
    assert {'acmpca_info', 'acmpca_permission', 'acmpca_policy', 'acmpca_ram_share', 'acmpca_ram_share_invitation'} <= set(MODULE_NAMES)


@pytest.mark.parametrize('module', MODULES, ids=MODULE_NAMES)
def test_every_documented_option_is_declared_as_documented(module, monkeypatch):
    spec = declared_arguments(module, monkeypatch)['argument_spec']
    documented = yaml.safe_load(module.DOCUMENTATION)['options']
    connection = connection_argument_spec()
    assert sorted(spec) == sorted(list(documented) + list(connection))
    assert {name: spec[name] for name in connection} == connection
    for name, option in documented.items():
        declared = spec[name]
        assert (name, declared['type']) == (name, option['type'])
        assert (name, declared.get('default')) == (name, option.get('default'))
        assert (name, declared.get('choices')) == (name, option.get('choices'))
        assert (name, sorted(declared.get('aliases', []))) == (name, sorted(option.get('aliases', [])))
        assert (name, declared.get('required', False)) == (name, option.get('required', False))
        assert (name, declared.get('elements')) == (name, option.get('elements'))


def test_the_violations_sample_of_acmpca_policy_is_the_message_the_rules_give():
    sample = yaml.safe_load(acmpca_policy.RETURN)['violations']['sample']
    arn = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
    policy = {'Version': '2012-10-17', 'Statement': [{'Sid': 'PartnerAdmin', 'Effect': 'Allow', 'Principal': {'AWS': '444455556666'},
                                                      'Action': 'acm-pca:DeleteCertificateAuthority', 'Resource': arn}]}
    with pytest.raises(InputError) as refused:
        validate_policy(policy, parse_certificate_authority_arn(arn))
    assert refused.value.violations == sample
