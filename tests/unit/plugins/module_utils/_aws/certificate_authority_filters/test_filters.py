# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""certificate_authority_filters: acmpca_info's filters, checked and applied to the listing."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority_filters import parse_filters, select_certificate_authorities


def listed(arn='arn:1', status='ACTIVE', ca_type='ROOT', usage_mode='GENERAL_PURPOSE', key_algorithm='RSA_2048', common_name='pki root'):
    ca = {'Arn': arn, 'Status': status, 'Type': ca_type,
          'CertificateAuthorityConfiguration': {'KeyAlgorithm': key_algorithm, 'Subject': {'CommonName': common_name}}}
    if usage_mode:
        ca['UsageMode'] = usage_mode
    return ca


class _NoClient:
    """Any AWS call is a failure: filters other than tags cost none."""

    def __getattr__(self, name):
        raise AssertionError(f'unexpected AWS call {name}')


def kept(cas, filters):
    return [ca['Arn'] for ca in select_certificate_authorities(_NoClient(), cas, parse_filters(filters))[0]]


class TestParseFilters:

    def test_no_filters(self):
        assert parse_filters(None) == {}
        assert parse_filters({}) == {}

    def test_a_value_or_a_list_of_values(self):
        assert parse_filters({'status': 'ACTIVE', 'type': ['ROOT', 'SUBORDINATE'], 'tags': {'Team': 'pki', 'Env': ['dev', 'prod']}}) == {
            'status': ['ACTIVE'], 'type': ['ROOT', 'SUBORDINATE'], 'tags': {'Team': ['pki'], 'Env': ['dev', 'prod']}}

    @pytest.mark.parametrize('filters, message', [
        ('ACTIVE', "filters must be a dict of status, type, usage_mode, key_algorithm, common_name, tags, got 'ACTIVE'"),
        ({'state': 'ACTIVE'}, "filters has the unknown filter 'state' (known: status, type, usage_mode, key_algorithm, common_name, tags)"),
        ({'status': 'active'}, "filters.status: 'active' not one of CREATING, PENDING_CERTIFICATE, ACTIVE, DELETED, DISABLED, EXPIRED, FAILED"),
        ({'type': ['ROOT', 'INTERMEDIATE']}, "filters.type: 'INTERMEDIATE' not one of ROOT, SUBORDINATE"),
        ({'usage_mode': 'SHORT'}, "filters.usage_mode: 'SHORT' not one of GENERAL_PURPOSE, SHORT_LIVED_CERTIFICATE"),
        ({'key_algorithm': 'RSA_1024'}, "filters.key_algorithm: 'RSA_1024' not one of RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, "
                                        "EC_secp384r1, EC_secp521r1, ML_DSA_44, ML_DSA_65, ML_DSA_87, SM2"),
        ({'common_name': 7}, 'filters.common_name must be a string or a non-empty list of strings, got 7'),
        ({'common_name': []}, 'filters.common_name must be a string or a non-empty list of strings, got []'),
        ({'tags': 'Team=pki'}, "filters.tags must be a dict of tag key to value, got 'Team=pki'"),
        ({'tags': {'Team': None}}, 'filters.tags.Team must be a string or a non-empty list of strings, got None'),
    ])
    def test_bad_names_and_values_are_refused_with_a_specific_message(self, filters, message):
        with pytest.raises(ValueError) as exc_info:
            parse_filters(filters)
        assert str(exc_info.value) == message

    def test_every_problem_is_named_at_once(self):
        with pytest.raises(ValueError) as exc_info:
            parse_filters({'state': 'x', 'status': 'x', 'tags': []})
        assert str(exc_info.value).count('; ') == 2


class TestSelect:

    CAS = [listed('arn:1'), listed('arn:2', status='DISABLED', common_name='pki issuing'),
           listed('arn:3', ca_type='SUBORDINATE', key_algorithm='EC_prime256v1', usage_mode=None, common_name='Other'),
           listed('arn:4', usage_mode='SHORT_LIVED_CERTIFICATE', common_name=None)]

    @pytest.mark.parametrize('filters, arns', [
        ({}, ['arn:1', 'arn:2', 'arn:3', 'arn:4']),
        ({'status': 'ACTIVE'}, ['arn:1', 'arn:3', 'arn:4']),
        ({'status': ['DISABLED', 'EXPIRED']}, ['arn:2']),
        ({'type': 'SUBORDINATE'}, ['arn:3']),
        # A CA AWS reports without a usage mode has AWS's default, GENERAL_PURPOSE.
        ({'usage_mode': 'GENERAL_PURPOSE'}, ['arn:1', 'arn:2', 'arn:3']),
        ({'usage_mode': 'SHORT_LIVED_CERTIFICATE'}, ['arn:4']),
        ({'key_algorithm': 'EC_prime256v1'}, ['arn:3']),
        ({'common_name': 'pki root'}, ['arn:1']),
        ({'common_name': 'pki *'}, ['arn:1', 'arn:2']),
        ({'common_name': ['Oth?r', 'pki i*']}, ['arn:2', 'arn:3']),
        ({'common_name': '[op]*'}, ['arn:1', 'arn:2']),
        # Case-sensitive on every platform; a CA without a CommonName matches no pattern.
        ({'common_name': 'PKI*'}, []),
        ({'common_name': '*'}, ['arn:1', 'arn:2', 'arn:3']),
        ({'status': 'ACTIVE', 'common_name': 'pki*'}, ['arn:1']),
        ({'tags': {}}, ['arn:1', 'arn:2', 'arn:3', 'arn:4']),
    ])
    def test_every_filter_given_must_match(self, filters, arns):
        assert kept(self.CAS, filters) == arns

    def test_tags_are_read_only_for_the_cas_the_other_filters_kept(self, monkeypatch):
        from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority_filters  # pylint: disable=import-outside-toplevel
        asked = []

        def list_tags_of(client, cas, pool=None):
            asked.extend(ca['Arn'] for ca in cas)
            return {'arn:1': {'tags': {'Team': 'pki', 'Env': 'prod'}}, 'arn:3': {'tags': {'Team': 'pki', 'Env': 'dev'}},
                    'arn:4': {'tags': None, 'tags_error': {'code': 'AccessDeniedException'}}}

        monkeypatch.setattr(certificate_authority_filters, 'list_tags_of', list_tags_of)
        filters = parse_filters({'status': 'ACTIVE', 'tags': {'Team': 'pki', 'Env': ['prod', 'test']}})
        cas, tags = select_certificate_authorities(None, self.CAS, filters)
        assert asked == ['arn:1', 'arn:3', 'arn:4']
        assert [ca['Arn'] for ca in cas] == ['arn:1']
        assert tags['arn:1'] == {'tags': {'Team': 'pki', 'Env': 'prod'}}
