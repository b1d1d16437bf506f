# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The default templates are DEFAULT_TEMPLATES wherever Ansible needs them spelled out: the
role's tasks and argument spec (YAML cannot import it) and the filters' and
acmpca_policy's defaults (which import it)."""

import ast
import inspect
import os
import re

import yaml

from ansible_collections.pki.acmpca.plugins.filter import org_sharing as org_sharing_filters
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import DEFAULT_TEMPLATES, OrgSharingSettings
from ansible_collections.pki.acmpca.plugins.modules import acmpca_policy

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))))))
ROLE = os.path.join(REPO_ROOT, 'roles', 'org_sharing')


def _yaml(*parts):
    with open(os.path.join(ROLE, *parts), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def test_the_default_is_the_end_entity_template():
    assert DEFAULT_TEMPLATES == ('EndEntityCertificate/V1',)
    assert OrgSharingSettings('o-a1b2c3d4e5').templates == DEFAULT_TEMPLATES


def test_the_roles_tasks_and_argument_spec_spell_the_same_default():
    # The policy method's default is set in tasks/main.yml (the ram method refuses the variable when set).
    [include] = [task for task in _yaml('tasks', 'main.yml') if task.get('when') == "org_sharing_method == 'policy'"]
    spelled = re.fullmatch(r"\{\{ org_sharing_templates \| default\((\[.*\])\) \}\}", include['vars']['__org_sharing_templates'])
    assert tuple(ast.literal_eval(spelled.group(1))) == DEFAULT_TEMPLATES
    options = _yaml('meta', 'argument_specs.yml')['argument_specs']['main']['options']
    assert tuple(options['org_sharing_templates']['default']) == DEFAULT_TEMPLATES


def test_the_filters_default_to_it():
    for name in ('org_sharing_violations', 'org_sharing_policy', 'org_sharing_changes'):
        assert inspect.signature(getattr(org_sharing_filters, name)).parameters['templates'].default == DEFAULT_TEMPLATES


def test_acmpca_policy_defaults_to_it(monkeypatch):
    captured = {}

    class Stop(Exception):
        pass

    def capture(argument_spec, **_kwargs):
        captured.update(argument_spec)
        raise Stop

    monkeypatch.setattr(acmpca_policy, 'checked_module', capture)
    try:
        acmpca_policy.main()
    except Stop:
        pass
    assert captured['org_sharing']['options']['templates']['default'] == list(DEFAULT_TEMPLATES)
