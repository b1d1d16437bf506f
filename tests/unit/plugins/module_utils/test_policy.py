# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""policy_document, policy_equivalence, pca_policy_rules and org_sharing: parsing, comparison by meaning, the ACM PCA policy rules, and org sharing."""


import copy
import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.org_sharing import (
    ORG_SHARING_ISSUE_SID,
    ORG_SHARING_READ_SID,
    check_org_sharing_settings,
    is_org_sharing_statement,
    org_sharing_statements,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import policy_violations, validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import (
    POLICY_MAX_LENGTH,
    PolicyError,
    check_policy_characters,
    parse_policy,
    parse_stored_policy,
    serialize_policy,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent

from ...helpers import (
    CA_ARN,
    ISSUE_ACTION,
    ORGANIZATION_ID,
    OTHER_ACCOUNT_ID,
    READ_ACTIONS,
    TEMPLATES,
    account_policy,
    organization_policy,
    template_arn,
)

CA = parse_certificate_authority_arn(CA_ARN)
OTHER_CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'
PARTITION_CAS = {
    'aws': 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'aws-cn': 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'aws-us-gov': 'arn:aws-us-gov:acm-pca:us-gov-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
}


def policy_of_serialized_length(length):
    """A policy whose compact serialization is exactly ``length`` characters."""
    document = {'Version': '2012-10-17', 'Id': ''}
    document['Id'] = 'x' * (length - len(serialize_policy(document)))
    assert len(serialize_policy(document)) == length
    return document


def errors_of(document, ca=CA):
    with pytest.raises(PolicyError) as exc_info:
        validate_policy(document, ca)
    return exc_info.value


# ===================================================================== parse_policy

class TestParsePolicy:

    def test_a_dict_is_returned_as_it_is(self):
        document = account_policy()
        assert parse_policy(document) == account_policy()

    def test_a_json_string_is_parsed_into_a_dict(self):
        assert parse_policy(json.dumps(account_policy(), indent=4)) == account_policy()

    @pytest.mark.parametrize('option', ['policy', 'desired_policy'])
    def test_invalid_json_fails_naming_the_option_and_the_json_error(self, option):
        text = '{"Version": "2012-10-17",'
        with pytest.raises(ValueError) as json_error:
            json.loads(text)
        with pytest.raises(PolicyError) as exc_info:
            parse_policy(text, option=option)
        assert str(exc_info.value) == '%s is not valid JSON: %s' % (option, json_error.value)
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
        assert str(exc_info.value) == 'policy must be a JSON object or a dict, got %s' % type_name

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
        assert str(exc_info.value) == 'policy is not valid: the key %r appears twice in one object' % key
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
    def test_a_policy_of_exactly_81920_characters_once_serialized_is_accepted(self, as_text):
        document = policy_of_serialized_length(POLICY_MAX_LENGTH)
        assert parse_policy(serialize_policy(document) if as_text else document) == document

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

    def test_latin1_characters_count_once_toward_the_size(self):
        document = policy_of_serialized_length(POLICY_MAX_LENGTH)
        document['Id'] = '\u00e9' * len(document['Id'])
        assert parse_policy(document) == document

    @pytest.mark.parametrize('character', ['\u00e9', '\u00ff', '\u00a0', '\u0020', '\u007f', '\t', '\n', '\r', '\u00c5ngstr\u00f6m'])
    def test_tab_lf_cr_and_u0020_to_u00ff_are_accepted(self, character):
        document = account_policy()
        document['Statement'][0]['Sid'] = 'Read%sAccess' % character
        assert parse_policy(document) == document

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
        document['Statement'][1]['Sid'] = 'Issue%sAccess' % character
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


# =============================================================== policies_equivalent

def _root_arn(account_id, partition='aws'):
    return 'arn:%s:iam::%s:root' % (partition, account_id)


def _respell(document, change):
    respelled = copy.deepcopy(document)
    change(respelled)
    return respelled


def _reverse_statements(document):
    document['Statement'].reverse()


def _reverse_actions(document):
    document['Statement'][0]['Action'].reverse()


def _issue_action_as_a_list(document):
    document['Statement'][1]['Action'] = [ISSUE_ACTION]


def _resource_as_a_list(document):
    for statement in document['Statement']:
        statement['Resource'] = [statement['Resource']]


def _condition_values_as_lists(document):
    for statement in document['Statement']:
        for tests in statement.get('Condition', {}).values():
            for key in tests:
                tests[key] = [tests[key]]


def _principal_account_as_a_list(document):
    for statement in document['Statement']:
        statement['Principal']['AWS'] = [statement['Principal']['AWS']]


def _condition_key_in_lower_case(document):
    for statement in document['Statement']:
        for tests in statement.get('Condition', {}).values():
            for key in list(tests):
                tests[key.lower()] = tests.pop(key)


def _duplicate_an_action(document):
    document['Statement'][0]['Action'].append(READ_ACTIONS[0])


def _duplicate_a_statement(document):
    document['Statement'].append(copy.deepcopy(document['Statement'][0]))


ACCOUNT_POLICY_RESPELLINGS = [
    ('statement order', _reverse_statements),
    ('action order', _reverse_actions),
    ('Action as a one-element list', _issue_action_as_a_list),
    ('Resource as a one-element list', _resource_as_a_list),
    ('condition value as a one-element list', _condition_values_as_lists),
    ('principal account as a one-element list', _principal_account_as_a_list),
    ('condition key name in lower case', _condition_key_in_lower_case),
    ('an action listed twice', _duplicate_an_action),
    ('a statement given twice', _duplicate_a_statement),
]


class TestPoliciesEquivalent:

    @pytest.mark.parametrize('change', [change for dummy, change in ACCOUNT_POLICY_RESPELLINGS],
                             ids=[name for name, dummy in ACCOUNT_POLICY_RESPELLINGS])
    def test_respellings_of_the_same_meaning_are_equivalent(self, change):
        original = account_policy()
        respelled = _respell(original, change)
        assert json.dumps(respelled) != json.dumps(original)
        assert policies_equivalent(original, respelled)
        assert policies_equivalent(respelled, original)

    @pytest.mark.parametrize('indent, separators', [(None, None), (7, (' ,  ', ' :\n ')), ('\t', None)])
    def test_json_text_with_other_whitespace_and_key_order_is_equivalent_once_parsed(self, indent, separators):
        text = json.dumps(account_policy(), indent=indent, separators=separators, sort_keys=True)
        reversed_keys = json.dumps(json.loads(text, object_pairs_hook=lambda pairs: dict(reversed(pairs))), indent=indent)
        for spelling in (text, reversed_keys):
            assert policies_equivalent(parse_policy(spelling), account_policy())

    def test_statement_as_one_object_is_equivalent_to_a_list_of_that_one_statement(self):
        one = account_policy()
        one['Statement'] = one['Statement'][:1]
        as_object = dict(one, Statement=one['Statement'][0])
        assert policies_equivalent(one, as_object)

    @pytest.mark.parametrize('partition', ['aws', 'aws-cn', 'aws-us-gov'])
    def test_an_account_id_is_equivalent_to_its_root_arn_in_the_cas_partition(self, partition):
        ca_arn = PARTITION_CAS[partition]
        with_root_arns = account_policy(ca_arn)
        for statement in with_root_arns['Statement']:
            statement['Principal'] = {'AWS': _root_arn(OTHER_ACCOUNT_ID, partition)}
        assert policies_equivalent(account_policy(ca_arn), with_root_arns)
        assert policies_equivalent(account_policy(ca_arn), with_root_arns, partition)

    def test_a_root_arn_in_a_list_of_principals_is_equivalent_to_the_id_in_any_order(self):
        first = account_policy()
        second = account_policy()
        first['Statement'][0]['Principal'] = {'AWS': ['444455556666', OTHER_ACCOUNT_ID]}
        second['Statement'][0]['Principal'] = {'AWS': [_root_arn(OTHER_ACCOUNT_ID), _root_arn('444455556666')]}
        assert policies_equivalent(first, second)

    def test_a_star_principal_is_equivalent_to_aws_star(self):
        with_aws_star = organization_policy()
        for statement in with_aws_star['Statement']:
            statement['Principal'] = {'AWS': '*'}
        assert policies_equivalent(organization_policy(), with_aws_star)
        with_aws_star['Statement'][0]['Principal'] = {'AWS': ['*']}
        assert policies_equivalent(organization_policy(), with_aws_star)

    def test_action_names_in_another_case_are_equivalent_as_iam_matches_them_without_case(self):
        respelled = account_policy()
        respelled['Statement'][0]['Action'] = [action.lower() for action in respelled['Statement'][0]['Action']]
        respelled['Statement'][1]['Action'] = 'ACM-PCA:ISSUECERTIFICATE'
        assert policies_equivalent(account_policy(), respelled)

    def test_both_condition_keys_of_the_organization_issue_statement_may_be_lists_in_any_order(self):
        respelled = organization_policy()
        tests = respelled['Statement'][1]['Condition']['StringEquals']
        respelled['Statement'][1]['Condition']['StringEquals'] = {
            'aws:PrincipalOrgID': [tests['aws:PrincipalOrgID']],
            'acm-pca:TemplateArn': [tests['acm-pca:TemplateArn']],
        }
        assert policies_equivalent(organization_policy(), respelled)

    def test_no_policy_is_equivalent_only_to_no_policy(self):
        assert policies_equivalent(None, None)
        assert not policies_equivalent(None, account_policy())
        assert not policies_equivalent(account_policy(), None)

    def test_no_policy_is_not_equivalent_to_an_empty_document(self):
        # None means "the CA has no policy"; {} is a (useless) document AWS would have to store.
        assert not policies_equivalent(None, {})
        assert not policies_equivalent({}, None)

    def test_a_stored_policy_that_is_not_json_is_equivalent_only_to_the_same_text(self):
        assert policies_equivalent('not json', 'not json')
        assert not policies_equivalent('not json', account_policy())


def _other_account(document):
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': '444455556666'}


def _one_statement_for_other_account(document):
    document['Statement'][1]['Principal'] = {'AWS': '444455556666'}


def _extra_action(document):
    document['Statement'][1]['Action'] = [ISSUE_ACTION, 'acm-pca:GetCertificate']


def _fewer_actions(document):
    document['Statement'][0]['Action'].pop()


def _other_template(document):
    document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn('SubordinateCACertificate_PathLen0/V1')


def _extra_template(document):
    document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = [
        template_arn(), template_arn('EndEntityServerAuthCertificate/V1')]


def _removed_statement(document):
    del document['Statement'][1]


def _other_sid(document):
    document['Statement'][0]['Sid'] = 'SomethingElse'


def _deny(document):
    document['Statement'][1]['Effect'] = 'Deny'


def _other_resource(document):
    document['Statement'][0]['Resource'] = OTHER_CA_ARN


def _other_version(document):
    document['Version'] = '2008-10-17'


def _no_version(document):
    del document['Version']


def _other_condition_operator(document):
    statement = document['Statement'][1]
    statement['Condition'] = {'StringLike': statement['Condition']['StringEquals']}


def _user_instead_of_account(document):
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': 'arn:aws:iam::%s:user/alice' % OTHER_ACCOUNT_ID}


def _root_of_other_account(document):
    for statement in document['Statement']:
        statement['Principal'] = {'AWS': _root_arn('444455556666')}


def _extra_principal(document):
    document['Statement'][0]['Principal'] = {'AWS': [OTHER_ACCOUNT_ID, '444455556666']}


def _everyone_in_org_instead_of_account(document):
    document['Statement'][0]['Principal'] = '*'
    document['Statement'][0]['Condition'] = {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}


REAL_CHANGES = [
    ('a different account', _other_account),
    ('one statement for a different account', _one_statement_for_other_account),
    ('an extra principal', _extra_principal),
    ('the root ARN of a different account', _root_of_other_account),
    ('an IAM user of the account instead of the account', _user_instead_of_account),
    ('an extra action', _extra_action),
    ('a removed action', _fewer_actions),
    ('a different template', _other_template),
    ('an extra template', _extra_template),
    ('a removed statement', _removed_statement),
    ('a different Sid', _other_sid),
    ('Deny instead of Allow', _deny),
    ('a different Resource', _other_resource),
    ('a different Version', _other_version),
    ('no Version (AWS then reads 2008-10-17)', _no_version),
    ('StringLike instead of StringEquals', _other_condition_operator),
    ('the organization instead of the account', _everyone_in_org_instead_of_account),
]


class TestRealChangesAreNotEquivalent:

    @pytest.mark.parametrize('change', [change for dummy, change in REAL_CHANGES], ids=[name for name, dummy in REAL_CHANGES])
    def test_a_real_change_is_not_equivalent(self, change):
        changed = _respell(account_policy(), change)
        assert not policies_equivalent(account_policy(), changed)
        assert not policies_equivalent(changed, account_policy())

    def test_a_different_organization_is_not_equivalent(self):
        assert not policies_equivalent(organization_policy(), organization_policy(organization_id='o-zyxwvutsrq'))

    def test_a_different_organization_in_one_statement_only_is_not_equivalent(self):
        changed = organization_policy()
        changed['Statement'][1]['Condition']['StringEquals']['aws:PrincipalOrgID'] = 'o-zyxwvutsrq'
        assert not policies_equivalent(organization_policy(), changed)

    def test_a_different_sid_counts_as_a_change(self):
        # The Sid is part of the stored policy and is how the org_sharing role recognises its
        # own statements (Terraform's policy equivalence compares it as well): renaming one
        # must be written, so it is not "equivalent".
        assert not policies_equivalent(account_policy(), _respell(account_policy(), _other_sid))


# ========================================================================== validation

class TestDocumentedShapesPass:

    @pytest.mark.parametrize('partition', sorted(PARTITION_CAS))
    def test_documented_shape_1_sharing_with_one_account_passes(self, partition):
        ca = parse_certificate_authority_arn(PARTITION_CAS[partition])
        assert policy_violations(account_policy(ca.arn), ca) == []
        validate_policy(account_policy(ca.arn), ca)

    @pytest.mark.parametrize('partition', sorted(PARTITION_CAS))
    def test_documented_shape_2_sharing_with_an_organization_passes(self, partition):
        ca = parse_certificate_authority_arn(PARTITION_CAS[partition])
        assert policy_violations(organization_policy(ca.arn), ca) == []
        validate_policy(organization_policy(ca.arn), ca)

    @pytest.mark.parametrize('template', TEMPLATES)
    def test_every_template_a_shared_ca_may_issue_with_passes(self, template):
        assert policy_violations(account_policy(template=template), CA) == []

    def test_action_names_in_another_case_pass_and_issue_still_needs_a_template(self):
        document = account_policy()
        document['Statement'][1]['Action'] = 'acm-pca:issuecertificate'
        assert policy_violations(document, CA) == []
        del document['Statement'][1]['Condition']
        assert any('without a StringEquals condition on acm-pca:TemplateArn' in problem for problem in policy_violations(document, CA))

    def test_several_allowed_templates_in_one_condition_pass(self):
        document = account_policy()
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = [template_arn(name) for name in TEMPLATES]
        assert policy_violations(document, CA) == []

    def test_respelled_shapes_pass(self):
        document = organization_policy()
        document['Statement'] = document['Statement'][1]
        document['Statement'].update(Principal={'AWS': ['*']}, Action=[ISSUE_ACTION], Resource=[CA_ARN])
        document['Statement']['Condition']['StringEquals']['acm-pca:TemplateArn'] = [template_arn()]
        assert policy_violations(document, CA) == []

    def test_the_2008_policy_version_and_an_id_pass(self):
        document = dict(account_policy(), Version='2008-10-17', Id='ca-sharing')
        assert policy_violations(document, CA) == []

    def test_a_deny_statement_is_refused_for_its_effect_only(self):
        # ACM PCA resource policies support only Allow; the Allow rules do not apply to it.
        document = account_policy()
        document['Statement'].append({'Effect': 'Deny', 'Principal': '*', 'Action': ISSUE_ACTION, 'Resource': CA_ARN})
        assert policy_violations(document, CA) == [
            "Statement[2] has Effect 'Deny': ACM PCA resource policies support only Allow statements; put Deny guardrails in "
            "identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC endpoint policies"]


def _statement(index, **changes):
    def change(document):
        statement = document['Statement'][index]
        for key, value in changes.items():
            if value is None:
                statement.pop(key, None)
            else:
                statement[key] = value
    return change


def _without_statement(document):
    del document['Statement']


def _empty_statement_list(document):
    document['Statement'] = []


def _org_statement(**string_equals):
    def change(document):
        document['Statement'][0]['Condition']['StringEquals'] = string_equals
    return change


def _unknown_top_level_key(document):
    document['Expires'] = '2030-01-01'


def _bad_version(document):
    document['Version'] = '2024-01-01'


RULES = [
    # (rule, policy builder, change, what the message must say)
    ('action not allowed', account_policy, _statement(0, Action=READ_ACTIONS + ['acm-pca:DeleteCertificateAuthority']),
     "statement 'ReadForAccount' (Statement[0]): Action 'acm-pca:DeleteCertificateAuthority' is not allowed in an ACM PCA policy"),
    ('wildcard action not allowed', account_policy, _statement(0, Action='acm-pca:*'),
     "Action 'acm-pca:*' is not allowed in an ACM PCA policy"),
    ('no Action', account_policy, _statement(0, Action=None), "statement 'ReadForAccount' (Statement[0]) has no Action"),
    ('Resource of another CA', account_policy, _statement(0, Resource=OTHER_CA_ARN),
     "Resource '%s' is not this CA's ARN %s" % (OTHER_CA_ARN, CA_ARN)),
    ('Resource wildcard', account_policy, _statement(1, Resource='*'), "Resource '*' is not this CA's ARN"),
    ('missing Resource', account_policy, _statement(1, Resource=None),
     "statement 'IssueForAccount' (Statement[1]) has no Resource; it must be this CA's ARN %s" % CA_ARN),
    ('IssueCertificate without TemplateArn', account_policy, _statement(1, Condition=None),
     "statement 'IssueForAccount' (Statement[1]) grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn"),
    ('IssueCertificate with TemplateArn under StringLike', account_policy,
     _statement(1, Condition={'StringLike': {'acm-pca:TemplateArn': template_arn()}}),
     'grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn'),
    ('template not allowed', account_policy,
     _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': template_arn('RootCACertificate/V1')}}),
     "acm-pca:TemplateArn 'arn:aws:acm-pca:::template/RootCACertificate/V1' is not a template a shared CA may issue with"),
    ('template not an ARN', account_policy,
     _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': 'EndEntityCertificate/V1'}}),
     "acm-pca:TemplateArn 'EndEntityCertificate/V1' is not a template a shared CA may issue with"),
    ('template in another partition', account_policy,
     _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': template_arn(partition='aws-cn')}}),
     "acm-pca:TemplateArn 'arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1' is in partition 'aws-cn' but the CA is in 'aws'"),
    ('"*" principal without aws:PrincipalOrgID', account_policy, _statement(0, Principal='*'),
     "statement 'ReadForAccount' (Statement[0]) allows any AWS account (a \"*\" principal) without a StringEquals aws:PrincipalOrgID "
     "condition or a ForAnyValue"),
    ('AWS "*" principal without aws:PrincipalOrgID', account_policy, _statement(1, Principal={'AWS': ['*']}),
     'allows any AWS account (a "*" principal) without a StringEquals aws:PrincipalOrgID condition'),
    ('bad organization id', organization_policy, _org_statement(**{'aws:PrincipalOrgID': 'o-ABC'}),
     "statement 'ReadForOrganization' (Statement[0]): aws:PrincipalOrgID 'o-ABC' is not an organization ID"),
    ('account id as organization id', organization_policy, _org_statement(**{'aws:PrincipalOrgID': OTHER_ACCOUNT_ID}),
     "aws:PrincipalOrgID '111122223333' is not an organization ID"),
    ('NotAction', account_policy, _statement(0, Action=None, NotAction=ISSUE_ACTION),
     "statement 'ReadForAccount' (Statement[0]) uses NotAction, which ACM PCA resource policies do not allow"),
    ('NotPrincipal', account_policy, _statement(0, NotPrincipal={'AWS': '444455556666'}), 'uses NotPrincipal'),
    ('NotResource', account_policy, _statement(0, NotResource=OTHER_CA_ARN), 'uses NotResource'),
    ('unknown statement key', account_policy, _statement(0, Principals={'AWS': OTHER_ACCOUNT_ID}),
     "statement 'ReadForAccount' (Statement[0]) has the unknown key 'Principals'"),
    ('unknown top-level key', account_policy, _unknown_top_level_key, "policy has the unknown top-level key 'Expires'"),
    ('unknown Version', account_policy, _bad_version, "policy Version '2024-01-01' is not one of 2012-10-17, 2008-10-17"),
    ('missing Principal', account_policy, _statement(0, Principal=None), "statement 'ReadForAccount' (Statement[0]) has no Principal"),
    ('account id as a number (unquoted in YAML)', account_policy, _statement(0, Principal={'AWS': 111122223333}),
     "statement 'ReadForAccount' (Statement[0]): Principal AWS value 111122223333 must be a string; YAML or a template made it a number: quote account IDs"),
    ('Principal as a list', account_policy, _statement(1, Principal=[OTHER_ACCOUNT_ID]),
     "statement 'IssueForAccount' (Statement[1]): Principal must be \"*\" or an object"),
    ('bad Effect', account_policy, _statement(0, Effect='Permit'),
     "statement 'ReadForAccount' (Statement[0]) has Effect 'Permit'; it must be \"Allow\""),
    ('missing Effect', account_policy, _statement(0, Effect=None), "statement 'ReadForAccount' (Statement[0]) has no Effect"),
    ('no Statement', account_policy, _without_statement, 'policy has no Statement'),
    ('empty Statement list', account_policy, _empty_statement_list, 'policy has no Statement'),
]


class TestEachRuleIsNamed:

    @pytest.mark.parametrize('build, change, expected', [rule[1:] for rule in RULES], ids=[rule[0] for rule in RULES])
    def test_a_policy_breaking_one_rule_fails_with_a_message_naming_that_rule(self, build, change, expected):
        document = _respell(build(), change)
        error = errors_of(document)
        assert any(expected in violation for violation in error.violations), error.violations
        assert expected in str(error)
        assert str(error).startswith('policy breaks %d ACM PCA policy rule' % len(error.violations))

    def test_a_statement_without_a_sid_is_labelled_by_its_index(self):
        document = account_policy()
        del document['Statement'][1]['Sid']
        document['Statement'][1]['Action'] = 'acm-pca:DeleteCertificateAuthority'
        assert errors_of(document).violations == [
            "Statement[1]: Action 'acm-pca:DeleteCertificateAuthority' is not allowed in an ACM PCA policy (allowed: %s)"
            % ', '.join(READ_ACTIONS + [ISSUE_ACTION, 'acm-pca:RevokeCertificate'])]

    def test_a_statement_that_is_not_an_object_is_named(self):
        document = account_policy()
        document['Statement'].append('acm-pca:GetCertificate')
        assert errors_of(document).violations == ['Statement[2] must be a JSON object']

    def test_every_violation_is_reported_at_once_each_with_its_statement(self):
        document = account_policy()
        document['Statement'][0]['Action'] = READ_ACTIONS + ['acm-pca:DeleteCertificateAuthority']
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn('CodeSigningCertificate/V1')
        document['Statement'].append({'Effect': 'Allow', 'Principal': '*', 'Action': 'acm-pca:GetCertificate', 'Resource': OTHER_CA_ARN})
        error = errors_of(document)
        assert len(error.violations) == 4, error.violations
        assert error.violations[0].startswith("statement 'ReadForAccount' (Statement[0]): Action 'acm-pca:DeleteCertificateAuthority'")
        assert error.violations[1].startswith("statement 'IssueForAccount' (Statement[1]): acm-pca:TemplateArn")
        assert error.violations[2].startswith('Statement[2]: Resource ')
        assert error.violations[3].startswith('Statement[2] allows any AWS account')
        assert str(error).startswith('policy breaks 4 ACM PCA policy rules: ')
        assert all(violation in str(error) for violation in error.violations)

    def test_one_violation_is_reported_in_the_singular(self):
        document = _respell(account_policy(), _statement(0, Principal=None))
        assert str(errors_of(document)).startswith('policy breaks 1 ACM PCA policy rule: ')

    def test_the_allowed_templates_are_listed_in_the_ca_partition(self):
        ca = parse_certificate_authority_arn(PARTITION_CAS['aws-us-gov'])
        document = _respell(account_policy(ca.arn), _statement(1, Condition={'StringEquals': {'acm-pca:TemplateArn': 'nope'}}))
        message = errors_of(document, ca).violations[0]
        assert 'arn:aws-us-gov:acm-pca:::template/EndEntityCertificate/V1' in message


# ========================================================================= org sharing

class TestOrgSharingSettings:

    def test_an_organization_id_and_known_template_names_are_accepted(self):
        check_org_sharing_settings(ORGANIZATION_ID, ['EndEntityCertificate/V1', 'SubordinateCACertificate_PathLen0/V1'])

    @pytest.mark.parametrize('organization_id', ['o-short', 'O-A1B2C3D4E5', 'r-a1b2c3d4e5', OTHER_ACCOUNT_ID, '', None, 'o-' + 'a' * 33])
    def test_a_bad_organization_id_fails_naming_the_variable(self, organization_id):
        with pytest.raises(PolicyError, match='^org_sharing_organization_id .* is not an organization ID'):
            check_org_sharing_settings(organization_id, ['EndEntityCertificate/V1'])

    @pytest.mark.parametrize('organization_id', ['o-' + 'a' * 10, 'o-' + '0' * 32, 'o-exampleorgid'])
    def test_organization_ids_of_10_to_32_lowercase_letters_or_digits_are_accepted(self, organization_id):
        check_org_sharing_settings(organization_id, ['EndEntityCertificate/V1'])

    @pytest.mark.parametrize('templates', [[], None, 'EndEntityCertificate/V1'])
    def test_templates_must_be_a_non_empty_list(self, templates):
        with pytest.raises(PolicyError, match='org_sharing_templates must be a non-empty list'):
            check_org_sharing_settings(ORGANIZATION_ID, templates)

    def test_an_unknown_template_name_fails_naming_it(self):
        with pytest.raises(PolicyError, match="org_sharing_templates: 'RootCACertificate/V1' is not a template"):
            check_org_sharing_settings(ORGANIZATION_ID, ['EndEntityCertificate/V1', 'RootCACertificate/V1'])

    def test_every_problem_is_reported_at_once(self):
        with pytest.raises(PolicyError) as exc_info:
            check_org_sharing_settings('o-BAD', ['Nope/V1', 'Nope/V2'])
        assert len(exc_info.value.violations) == 3


class TestOrgSharingStatements:

    def test_they_are_the_documented_organization_shape_with_recognisable_sids(self):
        statements = org_sharing_statements(CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert [statement['Sid'] for statement in statements] == [ORG_SHARING_READ_SID, ORG_SHARING_ISSUE_SID]
        assert all(is_org_sharing_statement(statement) for statement in statements)
        documented = organization_policy()
        assert policies_equivalent(
            {'Version': '2012-10-17', 'Statement': [dict(statement, Sid='x') for statement in statements]},
            {'Version': '2012-10-17', 'Statement': [dict(statement, Sid='x') for statement in documented['Statement']]},
        )

    def test_templates_are_named_in_the_partition_of_the_ca(self):
        ca = parse_certificate_authority_arn(PARTITION_CAS['aws-cn'])
        issue = org_sharing_statements(ca, ORGANIZATION_ID, ['EndEntityCertificate/V1', 'EndEntityServerAuthCertificate/V1'])[1]
        assert issue['Condition']['StringEquals'] == {
            'acm-pca:TemplateArn': ['arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1',
                                    'arn:aws-cn:acm-pca:::template/EndEntityServerAuthCertificate/V1'],
            'aws:PrincipalOrgID': ORGANIZATION_ID,
        }

    @pytest.mark.parametrize('partition', sorted(PARTITION_CAS))
    def test_they_pass_the_policy_rules(self, partition):
        ca = parse_certificate_authority_arn(PARTITION_CAS[partition])
        validate_policy({'Version': '2012-10-17', 'Statement': org_sharing_statements(ca, ORGANIZATION_ID, TEMPLATES)}, ca)

    def test_without_issue_only_the_read_statement_is_made(self):
        statements = org_sharing_statements(CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False)
        assert [statement['Sid'] for statement in statements] == [ORG_SHARING_READ_SID]
        assert ISSUE_ACTION not in statements[0]['Action']

    def test_statements_of_others_are_not_recognised_as_the_roles_own(self):
        assert not any(is_org_sharing_statement(statement) for statement in account_policy()['Statement'])
        assert not is_org_sharing_statement({'Effect': 'Allow'})
        assert not is_org_sharing_statement('PkiAcmpcaOrgSharingRead')


class TestPolicyWithOrgSharing:

    def test_on_a_ca_without_policy_it_is_a_new_2012_policy_of_the_roles_statements(self):
        desired = policy_with_org_sharing(None, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert desired == {'Version': '2012-10-17', 'Statement': org_sharing_statements(CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])}
        validate_policy(desired, CA)

    def test_statements_others_own_are_kept_as_they_are_and_first(self):
        current = account_policy()
        desired = policy_with_org_sharing(copy.deepcopy(current), CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert desired['Statement'][:2] == current['Statement']
        assert [statement['Sid'] for statement in desired['Statement'][2:]] == [ORG_SHARING_READ_SID, ORG_SHARING_ISSUE_SID]
        validate_policy(desired, CA)

    def test_the_roles_own_statements_are_replaced_not_duplicated(self):
        current = account_policy()
        current['Statement'] += org_sharing_statements(CA, 'o-zyxwvutsrq', ['EndEntityServerAuthCertificate/V1'])
        desired = policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert desired['Statement'] == account_policy()['Statement'] + org_sharing_statements(CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])

    def test_a_second_run_changes_nothing(self):
        once = policy_with_org_sharing(account_policy(), CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        twice = policy_with_org_sharing(copy.deepcopy(once), CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert policies_equivalent(once, twice)

    def test_read_only_sharing_removes_the_roles_issue_statement(self):
        current = policy_with_org_sharing(None, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        desired = policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False)
        assert [statement['Sid'] for statement in desired['Statement']] == [ORG_SHARING_READ_SID]

    def test_absent_removes_only_the_roles_statements(self):
        current = policy_with_org_sharing(account_policy(), CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        desired = policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'], state='absent')
        assert desired == account_policy()

    def test_absent_gives_none_when_nothing_else_remains(self):
        current = policy_with_org_sharing(None, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'], state='absent') is None

    def test_absent_on_a_ca_without_policy_gives_none(self):
        assert policy_with_org_sharing(None, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'], state='absent') is None

    def test_the_version_and_id_of_the_current_policy_are_kept(self):
        current = dict(account_policy(), Version='2008-10-17', Id='kept')
        desired = policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert (desired['Version'], desired['Id']) == ('2008-10-17', 'kept')

    def test_a_current_statement_given_as_one_object_is_kept(self):
        current = {'Version': '2012-10-17', 'Statement': account_policy()['Statement'][0]}
        desired = policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert desired['Statement'][0] == account_policy()['Statement'][0]
        assert len(desired['Statement']) == 3

    def test_the_current_policy_is_not_modified(self):
        current = account_policy()
        policy_with_org_sharing(current, CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])
        assert current == account_policy()

    def test_a_current_policy_that_is_not_a_json_object_is_refused(self):
        with pytest.raises(PolicyError, match='the policy on %s is not a JSON object' % CA_ARN):
            policy_with_org_sharing('not json', CA, ORGANIZATION_ID, ['EndEntityCertificate/V1'])


# ================================================================= strict pattern ends

class TestTrailingNewlinesAreNotIgnored:
    """Python's ``$`` also matches before a trailing newline; the patterns must not accept one."""

    def test_an_organization_id_with_a_trailing_newline_is_not_an_organization_id(self):
        with pytest.raises(PolicyError):
            check_org_sharing_settings(ORGANIZATION_ID + '\n', ['EndEntityCertificate/V1'])

    def test_a_template_arn_with_a_trailing_newline_is_a_violation(self):
        document = account_policy()
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = template_arn() + '\n'
        assert policy_violations(document, CA) != []

    def test_a_root_arn_with_a_trailing_newline_is_not_the_account(self):
        changed = account_policy()
        for statement in changed['Statement']:
            statement['Principal'] = {'AWS': _root_arn(OTHER_ACCOUNT_ID) + '\n'}
        assert not policies_equivalent(account_policy(), changed)
