# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""policy_document: parsing and serializing a policy, its size and character limits, PolicyError."""


import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import (
    POLICY_MAX_LENGTH,
    PolicyError,
    check_policy_characters,
    parse_policy,
    parse_stored_policy,
    serialize_policy,
)

from .....helpers import ORGANIZATION_ID, account_policy


def policy_of_serialized_length(length):
    """A policy whose compact serialization is exactly ``length`` characters."""
    document = {'Version': '2012-10-17', 'Id': ''}
    document['Id'] = 'x' * (length - len(serialize_policy(document)))
    assert len(serialize_policy(document)) == length
    return document


# ===================================================================== parse_policy

class TestParsePolicy:

    def test_a_dict_is_returned_as_it_is(self):
        document = account_policy()
        assert parse_policy(document) == account_policy()

    def test_a_json_string_is_parsed_into_a_dict(self):
        assert parse_policy(json.dumps(account_policy(), indent=4)) == account_policy()

    def test_invalid_json_shows_a_short_excerpt_around_the_position_on_one_line(self):
        text = json.dumps(account_policy()).replace('"Effect": "Allow",', '"Effect": "Allow"', 1)
        with pytest.raises(PolicyError) as error:
            parse_policy(text)
        message = str(error.value)
        assert message.startswith("policy is not valid JSON: Expecting ',' delimiter: line 1 column ")
        excerpt = message.split(", here: ", 1)[1]
        assert excerpt.startswith("'...") and excerpt.endswith("...'") and '"Allow" >>>"' in excerpt
        assert len(excerpt) < 2 * 24 + 12

    def test_an_excerpt_near_the_start_or_the_end_has_no_ellipsis_there_and_no_line_break(self):
        with pytest.raises(PolicyError) as error:
            parse_policy('{\n"a" 1}')
        assert str(error.value).endswith(", here: '{ \"a\" >>>1}'")

    @pytest.mark.parametrize('option', ['policy', 'desired_policy'])
    def test_invalid_json_fails_naming_the_option_and_the_json_error(self, option):
        text = '{"Version": "2012-10-17",'
        with pytest.raises(ValueError) as json_error:
            json.loads(text)
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(text, option=option)
        assert str(exc_info.value) == f"{option} is not valid JSON: {json_error.value}, here: '...\"Version\": \"2012-10-17\",>>>'"
        assert 'line 1' in str(exc_info.value)
        assert exc_info.value.violations == [str(exc_info.value)]

    def test_the_default_option_name_is_policy(self):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy('{')
        assert str(exc_info.value).startswith('policy is not valid JSON: ')

    @pytest.mark.parametrize('text, kind', [
        ('[]', 'array'),
        ('[{"Version": "2012-10-17"}]', 'array'),
        ('"{\\"Version\\": \\"2012-10-17\\"}"', 'string'),
        ('42', 'number'),
        ('4.2', 'number'),
        ('true', 'boolean'),
        ('null', 'null'),
    ])
    def test_json_that_is_not_an_object_fails_naming_its_json_type(self, text, kind):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(text)
        assert str(exc_info.value) == 'policy must be a JSON object ({...}), got a JSON %s' % kind

    @pytest.mark.parametrize('value, type_name', [(['Statement'], 'list'), (42, 'int'), (None, 'NoneType'), (b'{}', 'bytes')])
    def test_a_value_neither_dict_nor_string_fails_naming_its_type(self, value, type_name):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(value)
        assert str(exc_info.value) == f'policy must be a JSON object or a dict, got {type_name}'

    @pytest.mark.parametrize('text', ['', '   ', '\n\t'])
    def test_an_empty_string_fails_as_empty(self, text):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(text)
        assert str(exc_info.value) == 'policy is empty; give a JSON object'

    def test_the_error_names_the_option_it_is_given(self):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy('', option='desired_policy')
        assert str(exc_info.value) == 'desired_policy is empty; give a JSON object'
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(7, option='desired_policy')
        assert str(exc_info.value) == 'desired_policy must be a JSON object or a dict, got int'
        with pytest.raises(PolicyError) as exc_info:
            parse_policy('[]', option='desired_policy')
        assert str(exc_info.value) == 'desired_policy must be a JSON object ({...}), got a JSON array'
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(policy_of_serialized_length(POLICY_MAX_LENGTH + 1), option='desired_policy')
        assert str(exc_info.value) == 'desired_policy is 81921 characters once serialized; ACM PCA accepts at most 81920'
        with pytest.raises(PolicyError) as exc_info:
            parse_policy({'Id': 'a\u2019'}, option='desired_policy')
        assert str(exc_info.value) == ("desired_policy contains the character '\u2019' (U+2019) in Id at position 2; "
                                       "ACM PCA accepts only tab, LF, CR and U+0020..U+00FF")

    @pytest.mark.parametrize('text, key', [
        ('{"Version": "2012-10-17", "Version": "2008-10-17"}', 'Version'),
        ('{"Statement": [{"Effect": "Allow", "Effect": "Deny"}]}', 'Effect'),
        ('{"Statement": [{"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},'
         ' "StringEquals": {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}}}]}', 'StringEquals'),
    ])
    def test_a_key_given_twice_in_one_object_fails_naming_the_key(self, text, key):
        # json.loads would silently keep the last one; a policy must not depend on that.
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(text)
        assert str(exc_info.value) == f'policy is not valid: the key {key!r} appears twice in one object'
        assert exc_info.value.violations == [str(exc_info.value)]

    def test_a_duplicate_key_fails_even_when_both_values_are_equal(self):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy('{"Id": "a", "Version": "2012-10-17", "Id": "a"}')
        assert str(exc_info.value) == "policy is not valid: the key 'Id' appears twice in one object"

    def test_every_key_and_value_of_json_text_is_kept(self):
        text = '{"Version": "2012-10-17", "Id": "x", "Statement": [{"Sid": "a", "Condition": {"StringEquals": {"k": ["v", 1, true, null]}}}]}'
        assert parse_policy(text) == {'Version': '2012-10-17', 'Id': 'x',
                                      'Statement': [{'Sid': 'a', 'Condition': {'StringEquals': {'k': ['v', 1, True, None]}}}]}

    def test_the_same_key_in_two_different_objects_is_fine(self):
        assert parse_policy('{"Statement": [{"Sid": "a"}, {"Sid": "b"}]}') == {'Statement': [{'Sid': 'a'}, {'Sid': 'b'}]}

    @pytest.mark.parametrize('as_text', [False, True], ids=['dict', 'json-text'])
    def test_a_policy_of_81921_characters_once_serialized_fails_naming_both_sizes(self, as_text):
        document = policy_of_serialized_length(POLICY_MAX_LENGTH + 1)
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(serialize_policy(document) if as_text else document)
        assert 'is 81921 characters once serialized' in str(exc_info.value)
        assert 'at most 81920' in str(exc_info.value)

    def test_the_size_is_that_of_the_compact_form_not_of_the_text_given(self):
        document = policy_of_serialized_length(POLICY_MAX_LENGTH - 100)
        indented = json.dumps(document, indent=200)
        assert len(indented) > POLICY_MAX_LENGTH - 100
        assert parse_policy(indented) == document

    def test_latin1_characters_are_accepted_in_json_text_too(self):
        document = account_policy()
        document['Statement'][0]['Sid'] = 'Acc\u00e8s'
        assert parse_policy(json.dumps(document))['Statement'][0]['Sid'] == 'Acc\u00e8s'
        assert parse_policy(json.dumps(document, ensure_ascii=False))['Statement'][0]['Sid'] == 'Acc\u00e8s'

    @pytest.mark.parametrize('character, code_point', [
        ('\u2019', 'U+2019'),      # a typographic apostrophe pasted from a document
        ('\u0100', 'U+0100'),      # the first character past Latin-1
        ('\u001f', 'U+001F'),      # a control character below the space
        ('\u000b', 'U+000B'),      # vertical tab
        ('\u0000', 'U+0000'),
        ('\U0001f600', 'U+1F600'),  # outside the Basic Multilingual Plane
    ])
    def test_a_character_outside_the_allowed_set_fails_naming_its_code_point_and_location(self, character, code_point):
        document = account_policy()
        document['Statement'][1]['Sid'] = f'Issue{character}Access'
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(document)
        message = str(exc_info.value)
        assert code_point in message
        assert 'Statement[1].Sid' in message
        assert 'at position 6' in message
        assert 'tab, LF, CR and U+0020..U+00FF' in message

    @pytest.mark.parametrize('document, where, position', [
        ({'Id': '\u2019'}, 'Id', 1),
        ({'Statement': [{'Sid': 'a'}, {'Action': ['x', 'ab\u2019']}]}, 'Statement[1].Action[1]', 3),
        ({'Statement': {'S\u2019d': 'x'}}, 'Statement.S\u2019d (key)', 2),
        ({'\u2019': 'x'}, '\u2019 (key)', 1),
        ({'Statement': [['x\u2019']]}, 'Statement[0][0]', 2),
    ])
    def test_a_disallowed_character_is_located_by_its_whole_path_and_position(self, document, where, position):
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(document)
        assert str(exc_info.value) == ("policy contains the character '\u2019' (U+2019) in %s at position %d; ACM PCA accepts "
                                       "only tab, LF, CR and U+0020..U+00FF" % (where, position))
        assert exc_info.value.violations == [str(exc_info.value)]

    def test_check_policy_characters_names_the_policy_option_by_default(self):
        with pytest.raises(PolicyError) as exc_info:
            check_policy_characters({'Id': '\u0100'})
        assert str(exc_info.value) == ("policy contains the character '\u0100' (U+0100) in Id at position 1; ACM PCA accepts "
                                       "only tab, LF, CR and U+0020..U+00FF")

    def test_check_policy_characters_accepts_non_string_values(self):
        assert check_policy_characters({'Statement': [{'n': 1, 'b': True, 'z': None, 'f': 1.5}]}) is None

    def test_a_disallowed_character_given_as_a_json_escape_is_found_too(self):
        with pytest.raises(PolicyError, match=r'U\+2019.* in Id at position 3'):
            parse_policy('{"Version": "2012-10-17", "Id": "ab\\u2019"}')

    def test_a_disallowed_character_in_a_key_is_located_at_that_key(self):
        with pytest.raises(PolicyError, match=r'U\+2013.* in Statement\[0\]\.Condition\.StringEquals\.aws:Principal\u2013OrgID \(key\)'):
            parse_policy({'Statement': [{'Condition': {'StringEquals': {'aws:Principal\u2013OrgID': ORGANIZATION_ID}}}]})

    def test_a_disallowed_character_in_a_list_item_is_located_by_index(self):
        document = account_policy()
        document['Statement'][0]['Action'][3] = 'acm-pca:List\u2014Permissions'
        with pytest.raises(PolicyError, match=r'U\+2014.* in Statement\[0\]\.Action\[3\] at position 13'):
            parse_policy(document)


class TestPolicyError:

    def test_a_single_message_is_its_only_violation(self):
        error = PolicyError('policy is wrong')
        assert (str(error), error.violations) == ('policy is wrong', ['policy is wrong'])
        assert isinstance(error, ValueError)

    def test_the_violations_given_are_kept_as_a_list(self):
        error = PolicyError('policy breaks 2 rules', ('first', 'second'))
        assert (str(error), error.violations) == ('policy breaks 2 rules', ['first', 'second'])

    def test_an_empty_list_of_violations_falls_back_to_the_message(self):
        assert PolicyError('only this', []).violations == ['only this']


class TestSerializeAndStoredPolicy:

    def test_serialize_policy_is_compact_json_keeping_latin1_characters_as_they_are(self):
        assert serialize_policy({'Id': 'caf\u00e9', 'Statement': []}) == '{"Id":"caf\u00e9","Statement":[]}'
        assert serialize_policy({'Statement': [{'Action': ['a', 'b'], 'Sid': 'x'}]}) == '{"Statement":[{"Action":["a","b"],"Sid":"x"}]}'

    def test_parse_stored_policy_reads_aws_text_into_a_dict(self):
        assert parse_stored_policy(json.dumps(account_policy())) == account_policy()

    @pytest.mark.parametrize('text', ['not json', '[1, 2]', '"a string"'])
    def test_parse_stored_policy_keeps_text_that_is_not_a_json_object_as_it_is(self, text):
        assert parse_stored_policy(text) == text

    def test_parse_stored_policy_keeps_every_key_and_value(self):
        text = '{"Version": "2012-10-17", "Statement": [{"Sid": "a", "Condition": {"Bool": {"k": true}}}]}'
        assert parse_stored_policy(text) == {'Version': '2012-10-17', 'Statement': [{'Sid': 'a', 'Condition': {'Bool': {'k': True}}}]}

    def test_parse_stored_policy_of_an_empty_string_keeps_it(self):
        assert parse_stored_policy('') == ''

    def test_parse_stored_policy_of_none_is_none(self):
        assert parse_stored_policy(None) is None
