# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""acmpca_info's reads of a task share one pool: the tags a filter needs, then the policies,
tags and permissions asked for, at most 8 reads of each operation at once."""

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import list_certificate_authorities
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority_filters import parse_filters
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority_info import read_certificate_authorities


@pytest.fixture
def three_cas(pca, make_ca):
    for team in ('pki', 'pki', 'web'):
        make_ca(tags={'Team': team})
    return list_certificate_authorities(pca)


def test_the_tags_filter_and_every_include_share_one_pool(pca, three_cas, pool_sizes):
    described = read_certificate_authorities(pca, three_cas, parse_filters({'tags': {'Team': 'pki'}}), include_policy=True,
                                             include_tags=True, include_permissions=True)
    assert pool_sizes == [9]
    assert len(described) == 2
    assert all(ca['tags'] == {'Team': 'pki'} and ca['policy'] is None and ca['permissions'] == [] for ca in described)


def test_the_tags_filter_alone_reads_in_a_pool_of_one_operation(pca, three_cas, pool_sizes):
    described = read_certificate_authorities(pca, three_cas, parse_filters({'tags': {'Team': 'web'}}))
    assert pool_sizes == [3]
    # The tags read for the filter are not returned unless include_tags asks for them.
    assert len(described) == 1 and 'tags' not in described[0]


def test_include_tags_alone_reads_in_a_pool_of_one_operation(pca, three_cas, pool_sizes):
    described = read_certificate_authorities(pca, three_cas, parse_filters(None), include_tags=True)
    assert pool_sizes == [3]
    assert sorted(ca['tags']['Team'] for ca in described) == ['pki', 'pki', 'web']


def test_policies_and_permissions_without_tags_make_a_pool_of_two_operations(pca, three_cas, pool_sizes):
    read_certificate_authorities(pca, three_cas, parse_filters(None), include_policy=True, include_permissions=True)
    assert pool_sizes == [6]


def test_nothing_to_read_makes_no_pool(pca, three_cas, pool_sizes):
    assert len(read_certificate_authorities(pca, three_cas, parse_filters(None))) == 3
    assert pool_sizes == []
