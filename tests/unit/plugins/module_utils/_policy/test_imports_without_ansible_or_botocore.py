# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure policy logic (module_utils/_policy and module_utils/policy.py) imports in a
Python where neither ansible-core nor botocore can be imported: checkers outside Ansible
load it that way, and the layer boundary is a fact, not a convention."""

import json
import os
import subprocess
import sys
import textwrap

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))))
POLICY_PACKAGE = os.path.join(REPO_ROOT, 'plugins', 'module_utils', '_policy')

# Run in an isolated interpreter (-I: no PYTHONPATH, no user site, no current folder on the
# path): the collection is importable only through namespace stubs, and a meta-path finder
# refuses ansible, botocore and boto3, installed or not.
PROGRAM = textwrap.dedent('''
    import importlib, importlib.abc, json, sys, types

    BLOCKED = ('ansible', 'botocore', 'boto3')

    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split('.')[0] in BLOCKED:
                raise ImportError('blocked: ' + name)
            return None

    sys.meta_path.insert(0, Blocker())
    root, units = sys.argv[1], json.loads(sys.argv[2])
    for name, path in (('ansible_collections', None), ('ansible_collections.pki', None),
                       ('ansible_collections.pki.acmpca', root)):
        stub = types.ModuleType(name)
        stub.__path__ = [path] if path else []
        sys.modules[name] = stub
    for unit in units:
        importlib.import_module('ansible_collections.pki.acmpca.plugins.module_utils.' + unit)
    refused = []
    for name in BLOCKED:
        try:
            importlib.import_module(name)
        except ImportError:
            refused.append(name)
    loaded = sorted(name for name in sys.modules if name.split('.')[0] in BLOCKED)
    print(json.dumps({'units': len(units), 'loaded': loaded, 'refused': refused}))
''')


def _units():
    names = sorted(name[:-3] for name in os.listdir(POLICY_PACKAGE) if name.endswith('.py') and name != '__init__.py')
    return [f'_policy.{name}' for name in names] + ['policy']


def test_the_pure_policy_logic_imports_without_ansible_and_botocore():
    units = _units()
    completed = subprocess.run([sys.executable, '-I', '-c', PROGRAM, REPO_ROOT, json.dumps(units)],
                               capture_output=True, text=True, check=False, cwd='/')
    assert completed.returncode == 0, completed.stderr
    outcome = json.loads(completed.stdout)
    assert outcome == {'units': len(units), 'loaded': [], 'refused': ['ansible', 'botocore', 'boto3']}


def test_every_unit_of_the_pure_package_is_imported_by_that_check():
    assert {'_policy.conditions', '_policy.errors', '_policy.ram_share_plan', 'policy'} <= set(_units()) and len(_units()) == 20
