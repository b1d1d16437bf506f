# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""conditions: each operator family once, with IAM's matching rules (IAM User Guide, "IAM JSON
policy elements: Condition operators" and "Single-valued vs. multivalued context keys")."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.conditions import (
    Operator,
    condition_holds,
    key_named,
    matches_when_absent,
    parse_operator,
    pattern_kind,
    value_matches,
)


def holds(operator, wanted, given):
    return condition_holds(parse_operator(operator), list(wanted), given)


class TestParsing:

    @pytest.mark.parametrize('written, family, comparison, negated, ignore_case', [
        ('StringEquals', 'String', 'eq', False, False),
        ('StringNotEquals', 'String', 'eq', True, False),
        ('StringEqualsIgnoreCase', 'String', 'eq', False, True),
        ('StringNotEqualsIgnoreCase', 'String', 'eq', True, True),
        ('StringLike', 'String', 'like', False, False),
        ('StringNotLike', 'String', 'like', True, False),
        ('ArnEquals', 'Arn', 'like', False, False),
        ('ArnLike', 'Arn', 'like', False, False),
        ('ArnNotEquals', 'Arn', 'like', True, False),
        ('ArnNotLike', 'Arn', 'like', True, False),
        ('NumericEquals', 'Numeric', 'eq', False, False),
        ('NumericNotEquals', 'Numeric', 'eq', True, False),
        ('NumericLessThan', 'Numeric', 'lt', False, False),
        ('NumericLessThanEquals', 'Numeric', 'le', False, False),
        ('NumericGreaterThan', 'Numeric', 'gt', False, False),
        ('NumericGreaterThanEquals', 'Numeric', 'ge', False, False),
        ('DateEquals', 'Date', 'eq', False, False),
        ('DateNotEquals', 'Date', 'eq', True, False),
        ('DateLessThan', 'Date', 'lt', False, False),
        ('DateGreaterThanEquals', 'Date', 'ge', False, False),
        ('Bool', 'Bool', 'eq', False, False),
        ('BinaryEquals', 'Binary', 'eq', False, False),
        ('IpAddress', 'IpAddress', 'eq', False, False),
        ('NotIpAddress', 'IpAddress', 'eq', True, False),
        ('Null', 'Null', 'eq', False, False),
    ])
    def test_each_documented_operator_is_one_family(self, written, family, comparison, negated, ignore_case):
        assert parse_operator(written) == Operator(written, family, comparison, negated, ignore_case)

    def test_if_exists_and_set_operators_qualify_the_family(self):
        assert parse_operator('ForAllValues:StringLikeIfExists') == Operator(
            'ForAllValues:StringLikeIfExists', 'String', 'like', if_exists=True, set_operator='ForAllValues')
        assert parse_operator('ForAnyValue:StringEquals').set_operator == 'ForAnyValue'
        assert parse_operator('NumericLessThanIfExists').if_exists

    def test_operator_names_are_read_without_case(self):
        assert parse_operator('stringequals').family == 'String'
        assert parse_operator('FORANYVALUE:STRINGLIKE').set_operator == 'ForAnyValue'

    @pytest.mark.parametrize('written', ['StringEqual', 'NullIfExists', 'ForAnyValue:Null', 'ForSomeValues:StringEquals',
                                         'IfExists', '', None, 7, 'Condition'])
    def test_anything_iam_does_not_document_is_no_operator(self, written):
        assert parse_operator(written) is None


class TestMissingKeys:

    @pytest.mark.parametrize('operator, result', [
        ('StringEquals', False), ('ArnLike', False), ('NumericLessThan', False), ('Bool', False), ('IpAddress', False),
        # "If the policy condition requires that the key is not matched ... and the right key is not present, the condition is true."
        ('StringNotEquals', True), ('ArnNotLike', True), ('NotIpAddress', True),
        ('StringEqualsIfExists', True), ('NumericGreaterThanIfExists', True),
        ('ForAllValues:StringEquals', True), ('ForAnyValue:StringEquals', False), ('ForAnyValue:StringNotEquals', False),
    ])
    def test_a_missing_key_matches_as_iam_documents(self, operator, result):
        assert matches_when_absent(parse_operator(operator)) is result
        assert holds(operator, ['x'], None) is result

    @pytest.mark.parametrize('wanted, given, result', [
        (['true'], None, True), (['true'], [], True), (['true'], ['v'], False),
        (['false'], ['v'], True), (['false'], None, False), (['TRUE'], None, True),
    ])
    def test_null_tests_presence(self, wanted, given, result):
        assert holds('Null', wanted, given) is result

    def test_an_empty_set_holds_for_all_values_and_not_for_any_value(self):
        assert holds('ForAllValues:StringEquals', ['a'], []) is True
        assert holds('ForAnyValue:StringEquals', ['a'], []) is False
        assert holds('StringEquals', ['a'], []) is False


class TestSingleAndMultipleValues:

    def test_the_values_of_one_key_are_ored(self):
        assert holds('StringEquals', ['a', 'b'], ['b'])
        assert not holds('StringEquals', ['a', 'b'], ['c'])

    def test_a_negated_operator_holds_when_no_value_matches(self):
        assert holds('StringNotEquals', ['a', 'b'], ['c'])
        assert not holds('StringNotEquals', ['a', 'b'], ['b'])

    def test_for_any_value_needs_one_request_value_to_match(self):
        assert holds('ForAnyValue:StringLike', ['o-1/r-1/ou-2/*'], ['o-1/r-1/ou-1/', 'o-1/r-1/ou-2/ou-3/'])
        assert not holds('ForAnyValue:StringLike', ['o-1/r-1/ou-2/*'], ['o-1/r-1/ou-1/'])

    def test_for_all_values_needs_every_request_value_to_match(self):
        assert holds('ForAllValues:StringEquals', ['a', 'b'], ['a', 'b'])
        assert not holds('ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'])

    def test_negation_applies_to_each_request_value_under_a_set_operator(self):
        assert holds('ForAnyValue:StringNotEquals', ['a'], ['a', 'b'])
        assert not holds('ForAllValues:StringNotEquals', ['a'], ['a', 'b'])

    def test_a_plain_operator_on_several_request_values_does_not_match(self):
        assert not holds('StringEquals', ['a', 'b'], ['a', 'b'])
        assert not condition_holds(parse_operator('StringEquals'), ['a'], ['a'], multivalued=True)

    def test_if_exists_is_its_family_when_the_key_is_present(self):
        assert holds('StringEqualsIfExists', ['a'], ['a'])
        assert not holds('StringEqualsIfExists', ['a'], ['b'])


class TestFamilies:

    @pytest.mark.parametrize('operator, wanted, given, result', [
        ('StringEquals', 'Team', 'Team', True),
        ('StringEquals', 'Team', 'team', False),
        ('StringEqualsIgnoreCase', 'Team', 'tEAM', True),
        ('StringEquals', 'a*', 'abc', False),
        ('StringLike', 'a*c', 'abbbc', True),
        ('StringLike', 'a?c', 'abc', True),
        ('StringLike', 'a?c', 'abbc', False),
        ('StringLike', 'A*', 'abc', False),
        ('StringLike', 'a.c', 'abc', False),
        ('StringLike', '*', 'line\nbreak', True),
        ('ArnLike', 'arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/pki', True),
        ('ArnEquals', 'arn:aws:iam::*:role/pki', 'arn:aws:iam::111122223333:role/pki', True),
        # Each of the six parts on its own: a * stops at the part's end.
        ('ArnLike', 'arn:aws:iam::1*', 'arn:aws:iam::111122223333:role/pki', False),
        ('ArnLike', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a:b', True),
        # The sixth part holds every colon after the fifth, in the policy's value as in the request's.
        ('ArnLike', 'arn:aws:logs:*:*:log-group:pki:*', 'arn:aws:logs:us-east-1:111122223333:log-group:pki:log-stream', True),
        ('ArnLike', 'arn:aws:logs:*:*:log-group:pki:*', 'arn:aws:logs:us-east-1:111122223333:log-group:web:log-stream', False),
        ('ArnLike', 'arn:aws:iam::111122223333:role/pki', 'ARN:aws:iam::111122223333:role/pki', False),
        ('ArnLike', 'arn:aws:iam::111122223333:role/pki', '111122223333', False),
        ('NumericEquals', '10', '10.0', True),
        ('NumericLessThan', '10', '9', True),
        ('NumericLessThan', '10', '10', False),
        ('NumericLessThanEquals', '10', '10', True),
        ('NumericGreaterThan', '10', '11', True),
        ('NumericGreaterThan', '10', '10', False),
        ('NumericGreaterThanEquals', '10', '10', True),
        ('NumericGreaterThanEquals', '10', '11', True),
        ('NumericGreaterThanEquals', '10', '9', False),
        ('NumericEquals', 'ten', '10', False),
        ('DateLessThan', '2030-01-01T00:00:00Z', '2026-12-07T20:00:00Z', True),
        ('DateGreaterThan', '2030-01-01T00:00:00Z', '2026-12-07T20:00:00Z', False),
        ('DateEquals', '2026-12-07T20:00:00Z', '2026-12-07T21:00:00+01:00', True),
        ('DateEquals', '2026-12-07T20:00:00Z', '1796673600', True),
        ('DateEquals', '2026-12-07', '2026-12-07T00:00:00Z', True),
        ('DateEquals', '2026-12-07T20:00:00z', '2026-12-07T20:00:00+00:00', True),
        ('DateEquals', '2026-12-07T20:00:00', '2026-12-07T20:00:00Z', True),
        ('DateLessThan', 'soon', '2026-12-07T20:00:00Z', False),
        ('Bool', 'true', 'true', True),
        ('Bool', 'true', 'TRUE', True),
        ('Bool', 'true', 'false', False),
        ('BinaryEquals', 'QmluYXJ5', 'QmluYXJ5', True),
        ('BinaryEquals', 'QmluYXJ5', 'QmluYXJ6', False),
        ('BinaryEquals', 'not base64!', 'not base64!', False),
        ('BinaryEquals', 'QmluYXJ5!', 'QmluYXJ5', False),
        ('IpAddress', '10.0.0.0/8', '10.1.2.3', True),
        ('IpAddress', '10.0.0.0/8', '11.1.2.3', False),
        ('IpAddress', '203.0.113.7', '203.0.113.7', True),
        ('IpAddress', '2001:db8::/32', '2001:db8::1', True),
        ('IpAddress', '10.0.0.0/8', 'not an address', False),
        # A range written with host bits set is the range they belong to.
        ('IpAddress', '10.1.2.3/8', '10.9.9.9', True),
        ('StringEquals', 'a${*}b${?}${$}', 'a*b?$', True),
        ('StringEquals', 'a${*}b', 'axb', False),
    ])
    def test_each_family_compares_as_iam_documents(self, operator, wanted, given, result):
        assert value_matches(parse_operator(operator), wanted, given) is result


class TestNarrowing:

    @pytest.mark.parametrize('operator, key, kind', [
        ('StringEquals', 'aws:PrincipalOrgID', 'equals'),
        ('StringEqualsIgnoreCase', 'aws:PrincipalOrgID', 'equals'),
        ('ForAnyValue:StringEquals', 'aws:PrincipalOrgPaths', 'equals'),
        ('StringLike', 'aws:PrincipalAccount', 'like'),
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'like'),
        ('ArnLike', 'aws:PrincipalArn', 'like'),
        ('ArnEquals', 'aws:SourceArn', 'like'),
        # Not narrowing: an ARN operator on a String key, negated, IfExists, ForAllValues, other families.
        ('ArnLike', 'aws:PrincipalOrgID', None),
        ('StringNotEquals', 'aws:PrincipalOrgID', None),
        ('StringEqualsIfExists', 'aws:PrincipalOrgID', None),
        ('ForAllValues:StringLike', 'aws:PrincipalOrgPaths', None),
        ('Null', 'aws:PrincipalOrgID', None),
        ('IpAddress', 'aws:SourceIp', None),
        ('StringEquals', 'aws:NotAKey', None),
        ('NotAnOperator', 'aws:PrincipalOrgID', None),
    ])
    def test_only_a_test_that_requires_the_key_to_match_narrows(self, operator, key, kind):
        assert pattern_kind(parse_operator(operator), key_named(key)) == kind
