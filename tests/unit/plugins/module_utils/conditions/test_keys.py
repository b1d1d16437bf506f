# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""conditions: each condition key once (IAM's "AWS global condition context keys"; the ACM
PCA user guide), and one reading of a statement's Condition."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils import conditions
from ansible_collections.pki.acmpca.plugins.module_utils.conditions import (
    KEYS,
    ORG_ID_KEY,
    ORG_PATHS_KEY,
    PRINCIPAL,
    SOURCE,
    TEMPLATE_ARN_KEY,
    ConditionKey,
    is_x509_key,
    key_named,
    narrowing_rank,
    read_condition,
    written_tests,
)


class TestKeys:

    def test_each_key_is_in_the_vocabulary_once(self):
        assert len({key.id for key in KEYS}) == len(KEYS)

    @pytest.mark.parametrize('written', ['aws:PrincipalOrgID', 'AWS:PRINCIPALORGID', 'aws:principalorgid'])
    def test_key_names_are_read_without_case(self, written):
        assert key_named(written).name == ORG_ID_KEY

    @pytest.mark.parametrize('written', ['aws:PrincipalTag/team', 'acm-pca:x509Subject/CommonName', None, 42])
    def test_a_key_outside_the_vocabulary_is_unknown(self, written):
        assert key_named(written) is None

    @pytest.mark.parametrize('name, narrows, admits, multivalued', [
        ('aws:PrincipalArn', PRINCIPAL, 'arn', False),
        ('aws:PrincipalAccount', PRINCIPAL, 'account', False),
        (ORG_PATHS_KEY, PRINCIPAL, 'organization_path', True),
        (ORG_ID_KEY, PRINCIPAL, 'organization', False),
        ('aws:SourceArn', SOURCE, 'source_arn', False),
        ('aws:SourceAccount', SOURCE, 'account', False),
        ('aws:SourceOwner', SOURCE, 'account', False),
        ('aws:SourceOrgPaths', SOURCE, 'organization_path', True),
        ('aws:SourceOrgID', SOURCE, 'organization', False),
        (TEMPLATE_ARN_KEY, None, None, False),
        ('aws:SourceIp', None, None, False),
        ('aws:SourceVpc', None, None, False),
        ('aws:SourceVpce', None, None, False),
    ])
    def test_what_each_key_narrows(self, name, narrows, admits, multivalued):
        key = key_named(name)
        assert (key.narrows, key.admits, key.multivalued) == (narrows, admits, multivalued)

    def test_types_are_iams(self):
        assert [key.name for key in KEYS if key.type == 'ARN'] == ['aws:PrincipalArn', 'aws:SourceArn']
        assert key_named('aws:SourceIp').type == 'IPAddress'
        assert key_named('aws:PrincipalIsAWSService').type == 'Bool'
        assert key_named('aws:CurrentTime').type == 'Date'
        # The Service Authorization Reference types acm-pca:TemplateArn as a String.
        assert key_named(TEMPLATE_ARN_KEY).type == 'String'

    def test_narrower_keys_come_first_principal_keys_before_source_keys(self):
        ranked = sorted((key for key in KEYS if key.narrows), key=narrowing_rank)
        assert [key.name for key in ranked] == ['aws:PrincipalArn', 'aws:PrincipalAccount', ORG_PATHS_KEY, ORG_ID_KEY,
                                                'aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOwner',
                                                'aws:SourceOrgPaths', 'aws:SourceOrgID']

    def test_the_key_constants_are_entries(self):
        assert all(key_named(name).name == name for name in (TEMPLATE_ARN_KEY, ORG_ID_KEY, ORG_PATHS_KEY))

    def test_a_key_entry_is_a_value(self):
        assert ConditionKey('aws:SourceVpc') == key_named('aws:sourcevpc')
        assert key_named('AWS:SourceVpc').id == 'aws:sourcevpc'

    @pytest.mark.parametrize('name, result', [('acm-pca:x509Subject/CommonName', True), ('ACM-PCA:X509EXT/KEYUSAGE', True),
                                              (TEMPLATE_ARN_KEY, False), (None, False)])
    def test_x509_certificate_keys_are_known_by_their_prefix(self, name, result):
        assert is_x509_key(name) is result


class TestReading:

    STATEMENT = {'Condition': {
        'StringEquals': {'AWS:PrincipalOrgID': 'o-a1b2c3d4e5', TEMPLATE_ARN_KEY: [True, 7]},
        'ForAnyValue:StringLike': {ORG_PATHS_KEY: None},
        'Bogus': {'aws:SourceIp': '10.0.0.0/8'},
        'IpAddress': 'aws:SourceIp',
    }}

    def test_each_test_is_read_once_with_its_operator_and_key(self):
        tests, unreadable = read_condition(self.STATEMENT)
        assert [(test.operator, test.key, test.strings) for test in tests] == [
            ('StringEquals', 'AWS:PrincipalOrgID', ('o-a1b2c3d4e5',)),
            ('StringEquals', TEMPLATE_ARN_KEY, ('true', '7')),
            ('ForAnyValue:StringLike', ORG_PATHS_KEY, None),
            ('Bogus', 'aws:SourceIp', ('10.0.0.0/8',)),
        ]
        assert [test.known.name if test.known else None for test in tests] == [ORG_ID_KEY, TEMPLATE_ARN_KEY, ORG_PATHS_KEY, 'aws:SourceIp']
        assert [test.parsed.family if test.parsed else None for test in tests] == ['String', 'String', 'String', None]
        assert unreadable == {'IpAddress': 'aws:SourceIp'}

    def test_a_test_narrows_only_with_condition_values(self):
        tests, _unreadable = read_condition(self.STATEMENT)
        assert [test.pattern for test in tests] == ['equals', 'equals', None, None]

    def test_the_tests_are_written_back_as_they_were(self):
        tests, unreadable = read_condition(self.STATEMENT)
        assert written_tests(tests, unreadable) == self.STATEMENT['Condition']
        assert written_tests(tests[:1]) == {'StringEquals': {'AWS:PrincipalOrgID': 'o-a1b2c3d4e5'}}

    @pytest.mark.parametrize('statement', [{}, {'Condition': None}, {'Condition': {}}])
    def test_no_condition_has_no_test(self, statement):
        assert read_condition(statement) == ([], {})

    def test_a_condition_that_is_no_object_is_one_unreadable_block(self):
        assert read_condition({'Condition': 'x'}) == ([], {'Condition': 'x'})

    def test_the_vocabulary_is_the_module_attribute_read_at_call_time(self, monkeypatch):
        # A new key is one entry: key_named (and so every reader) sees what KEYS holds.
        monkeypatch.setattr(conditions, 'KEYS', KEYS + (ConditionKey('example:CallerAccount', narrows=PRINCIPAL, admits='account'),))
        assert key_named('EXAMPLE:calleraccount').admits == 'account'
