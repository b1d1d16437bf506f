# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

import os

import yaml

from ansible_collections.pki.acmpca.plugins.module_utils.version import COLLECTION_NAME, COLLECTION_VERSION

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))))


def _galaxy():
    with open(os.path.join(REPO_ROOT, 'galaxy.yml')) as galaxy:
        return yaml.safe_load(galaxy)


def test_collection_version_is_the_version_in_galaxy_yml():
    assert COLLECTION_VERSION == _galaxy()['version']


def test_collection_name_is_the_namespace_and_name_in_galaxy_yml():
    metadata = _galaxy()
    assert COLLECTION_NAME == f"{metadata['namespace']}.{metadata['name']}"
