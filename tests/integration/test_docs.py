# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-doc renders the reference of every plugin and the role from the installed collection."""

import subprocess

import pytest

from tests.support.harness import executable, hermetic_env


@pytest.mark.parametrize('plugin_type, name, expected', [
    ('module', 'pki.acmpca.acmpca_policy', ['resource_arn', 'validate_policy', 'previous_policy', 'aws_ca_bundle', 'check_mode']),
    ('module', 'pki.acmpca.acmpca_info', ['resource_owner', 'include_policy', 'certificate_authorities', 'owner_account',
                                          'include_access', 'trusted_organization_id', 'external_access']),
    ('role', 'pki.acmpca.org_sharing', ['org_sharing_organization_id', 'org_sharing_templates', 'org_sharing_state',
                                        'org_sharing_organizational_unit_paths']),
    ('filter', 'pki.acmpca.org_sharing_changes', ['organization_id']),
    ('filter', 'pki.acmpca.org_sharing_policy', ['resource_arn']),
    ('filter', 'pki.acmpca.org_sharing_violations', ['templates']),
])
def test_ansible_doc_renders_the_reference(collection_root, tmp_path, plugin_type, name, expected):
    env = hermetic_env(str(tmp_path), {'ANSIBLE_COLLECTIONS_PATH': collection_root})
    completed = subprocess.run([executable('ansible-doc'), '-t', plugin_type, name], env=env, check=False,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert completed.returncode == 0, completed.stderr
    assert '[ERROR]' not in completed.stderr + completed.stdout
    for word in expected:
        assert word in completed.stdout
