# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of policy_statements at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_statements import RAM_SID_SUFFIX, is_ram_statement


def test_the_ram_sid_suffix_is_external_principals():
    assert RAM_SID_SUFFIX == '-external-principals'


@pytest.mark.parametrize('sid', ['rs-0a1b2c3d-external-principals', 'share-external-principals'])
def test_a_sid_ending_in_the_ram_suffix_is_a_ram_statement(sid):
    assert is_ram_statement({'Sid': sid})


@pytest.mark.parametrize('sid', ['rs-0a1b2c3d-external-principal', 'rs-0a1b2c3d-External-Principals', 'rs-0a1b2c3d_external_principals',
                                 'rs-0a1b2c3dexternal-principals', 'rs-0a1b2c3d-external-principals-x', 'external-principals'])
def test_a_sid_not_ending_in_the_exact_ram_suffix_is_not_a_ram_statement(sid):
    assert not is_ram_statement({'Sid': sid})
