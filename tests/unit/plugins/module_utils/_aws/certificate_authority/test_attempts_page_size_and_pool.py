# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of certificate_authority at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority


def test_concurrent_modification_is_attempted_5_times_in_all():
    assert certificate_authority.CONCURRENT_MODIFICATION_ATTEMPTS == 5


def test_list_certificate_authorities_asks_for_1000_a_page():
    assert certificate_authority.LIST_PAGE_SIZE == 1000


def test_per_ca_reads_run_in_a_pool_of_8():
    assert certificate_authority.MAX_CONCURRENT_READS == 8
