# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A condition key is one entry in conditions.KEYS: no other plugin file spells a key's name,
and the entry alone decides how access findings and their Deny handling read the key."""


import ast
import pathlib

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils import conditions
from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import access_findings
from ansible_collections.pki.acmpca.plugins.module_utils.conditions import KEYS, PRINCIPAL, ConditionKey, is_x509_key, key_named
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import trust_zone

from ....helpers import CA_ARN, ORGANIZATION_ID, READ_ACTIONS

PLUGINS = pathlib.Path(__file__).resolve().parents[5] / 'plugins'
VOCABULARY = PLUGINS / 'module_utils' / 'conditions.py'
OU_PATH = f'{ORGANIZATION_ID}/r-ab12/ou-ab12-abcdefgh/'


def _names_a_key(text):
    return key_named(text) is not None or text.lower().startswith('aws:') or is_x509_key(text)


def _key_literals(path):
    tree = ast.parse(path.read_text(encoding='utf-8'))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and _names_a_key(node.value)]


def test_the_plugins_exist_where_this_test_looks():
    assert VOCABULARY.is_file() and _key_literals(VOCABULARY)


def test_no_plugin_file_but_the_vocabulary_spells_a_condition_key():
    spelled = {str(path.relative_to(PLUGINS)): _key_literals(path)
               for path in sorted(PLUGINS.rglob('*.py')) if path != VOCABULARY}
    assert {path: keys for path, keys in spelled.items() if keys} == {}


def _statement(effect, condition, action=None):
    return {'Sid': effect, 'Effect': effect, 'Principal': '*', 'Action': action or list(READ_ACTIONS), 'Resource': CA_ARN,
            'Condition': condition}


@pytest.fixture
def unit_key(monkeypatch):
    """A key IAM does not have, that names an organization path as aws:PrincipalOrgPaths does: one entry."""
    key = ConditionKey('example:PrincipalOrgUnit', multivalued=True, narrows=PRINCIPAL, admits='organization_path')
    monkeypatch.setattr(conditions, 'KEYS', KEYS + (key,))
    return key.name


def test_a_new_entry_narrows_a_star_in_findings(unit_key):
    zone = trust_zone(None, ORGANIZATION_ID)
    [found] = access_findings({'Statement': [_statement('Allow', {'ForAnyValue:StringLike': {unit_key: OU_PATH}})]}, zone=zone)
    assert (found['principal_type'], found['principal'], found['external'], found['conditions']) == (
        'organization_path', OU_PATH, False, {})


def test_a_new_entry_is_applied_in_deny_handling(unit_key):
    allow = _statement('Allow', {'ForAnyValue:StringLike': {unit_key: OU_PATH}})
    deny = _statement('Deny', {'ForAnyValue:StringLike': {unit_key: f'{ORGANIZATION_ID}/*'}}, action='acm-pca:*')
    assert access_findings({'Statement': [allow, deny]}, resource_arn=CA_ARN) == []


def test_without_its_entry_a_key_narrows_nothing(monkeypatch):
    # aws:SourceOrgPaths, taken out of the vocabulary, is reported as a test like any other.
    monkeypatch.setattr(conditions, 'KEYS', tuple(key for key in KEYS if key.name != 'aws:SourceOrgPaths'))
    condition = {'ForAnyValue:StringLike': {'aws:SourceOrgPaths': f'{OU_PATH}*'}}
    statement = dict(_statement('Allow', condition), Principal={'Service': 'acm.amazonaws.com'})
    [found] = access_findings({'Statement': [statement]}, zone=trust_zone(None, ORGANIZATION_ID))
    assert (found['source_organization'], found['external'], found['conditions']) == (None, True, condition)
    monkeypatch.undo()
    [found] = access_findings({'Statement': [statement]}, zone=trust_zone(None, ORGANIZATION_ID))
    assert (found['source_organization'], found['external'], found['conditions']) == (f'{OU_PATH}*', False, {})
