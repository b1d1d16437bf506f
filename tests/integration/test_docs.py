# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-doc renders the reference of every plugin and the role from the installed collection.

One ansible-doc run per plugin type renders all of that type's plugins (ansible-doc takes
several names); each plugin's own section of the output must hold its words. The markup
itself is linted by antsibull-docs over the built tarball (make release).
"""

import re
import subprocess

import pytest

from pki_acmpca_emulator.harness import executable, hermetic_env

EXPECTED = {
    'module': {
        'pki.acmpca.acmpca_policy': ['resource_arn', 'validate_policy', 'previous_policy', 'aws_ca_bundle', 'check_mode',
                                     'org_sharing', 'allow_revoke'],
        'pki.acmpca.acmpca_info': ['resource_owner', 'include_policy', 'certificate_authorities', 'owner_account',
                                   'include_access', 'trusted_organization_id', 'external_access', 'include_permissions',
                                   'permissions_error', 'filters', 'unresolved_access'],
        'pki.acmpca.acmpca_permission': ['certificate_authority_arn', 'source_account', 'actions', 'acm.amazonaws.com',
                                         'CreatePermission', 'check_mode', 'diff_mode', 'permission'],
    },
    'role': {
        'pki.acmpca.org_sharing': ['org_sharing_organization_id', 'org_sharing_templates', 'org_sharing_state',
                                   'org_sharing_organizational_unit_paths', 'org_sharing_allow_revoke'],
    },
    'filter': {
        'pki.acmpca.org_sharing_changes': ['organization_id', 'skipped', 'refusal'],
        'pki.acmpca.org_sharing_policy': ['resource_arn'],
        'pki.acmpca.org_sharing_violations': ['templates', 'certificate_authority_arns'],
    },
}


def sections(text):
    """The rendered reference of each plugin, by name: ansible-doc starts each with a '> ' line
    naming it ('> MODULE name', '> ROLE: *name*'; older ansible-core: '> NAME')."""
    found = {}
    name = None
    for line in text.splitlines():
        header = re.match(r'> (?:[A-Z]+:? +)?\*?([\w.]+)', line)
        if header:
            name = header.group(1).lower()
            found[name] = []
        elif name is not None:
            found[name].append(line)
    return {key: '\n'.join(lines) for key, lines in found.items()}


@pytest.mark.parametrize('plugin_type', sorted(EXPECTED))
def test_ansible_doc_renders_the_reference_of_every_plugin_of_the_type(collection_root, tmp_path, plugin_type):
    env = hermetic_env(str(tmp_path), {'ANSIBLE_COLLECTIONS_PATH': collection_root})
    names = sorted(EXPECTED[plugin_type])
    completed = subprocess.run([executable('ansible-doc'), '-t', plugin_type] + names, env=env, check=False,
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert '[ERROR]' not in completed.stderr + completed.stdout
    rendered = sections(completed.stdout)
    assert sorted(rendered) == names, completed.stdout
    for name in names:
        for word in EXPECTED[plugin_type][name]:
            assert word in rendered[name], (name, word)
