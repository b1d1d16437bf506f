# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration tests: real ansible-playbook runs against the emulator (see
pki_acmpca_emulator.pytest_fixtures for the fixtures). Every test under tests/integration
gets the ``integration`` marker."""

import os

import pytest

# Fixtures are found by name in this module's namespace.
from pki_acmpca_emulator.pytest_fixtures import aws, ansible, collection_root, fault_proxy, moto_server, play  # noqa: F401  pylint: disable=unused-import


def pytest_configure(config):
    config.addinivalue_line("markers", "integration: runs against moto_server and/or the real ansible executables")
    config.addinivalue_line("markers", "compat: also run with the lowest supported ansible-core and boto3 (make compat)")


def pytest_collection_modifyitems(config, items):  # pylint: disable=unused-argument
    here = os.path.dirname(os.path.abspath(__file__))
    for item in items:
        if str(item.fspath).startswith(here + os.sep):
            item.add_marker(pytest.mark.integration)
