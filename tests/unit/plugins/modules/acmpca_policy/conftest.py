# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixtures of the acmpca_policy tests."""


import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_policy


@pytest.fixture
def run(run_module):
    def run_policy_module(check_mode=False, diff=False, **args):
        return run_module(acmpca_policy.main, args, check_mode=check_mode, diff=diff)
    return run_policy_module
