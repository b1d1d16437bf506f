# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of policy_document at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import (
    POLICY_MAX_LENGTH,
    PolicyError,
    check_policy_characters,
    parse_policy,
    serialize_policy,
)


# ----------------------------------------------------- policy size and characters

def _policy_of_length(length, filler='x'):
    """A policy whose serialized form is exactly ``length`` characters."""
    overhead = len(serialize_policy({'Id': ''}))
    document = {'Id': filler * (length - overhead)}
    assert len(serialize_policy(document)) == length
    return document


def test_the_policy_size_limit_is_putpolicys_81920_characters():
    assert POLICY_MAX_LENGTH == 81920


@pytest.mark.parametrize('filler', ['x', '\u00e9'])
def test_a_policy_of_81920_characters_is_accepted(filler):
    document = _policy_of_length(81920, filler)
    assert parse_policy(document) == document
    assert parse_policy(serialize_policy(document)) == document


@pytest.mark.parametrize('filler', ['x', '\u00e9'])
def test_a_policy_of_81921_characters_is_refused_naming_both_sizes(filler):
    with pytest.raises(PolicyError) as exc_info:
        parse_policy(_policy_of_length(81921, filler))
    assert str(exc_info.value) == 'policy is 81921 characters once serialized; ACM PCA accepts at most 81920'


@pytest.mark.parametrize('character', ['\t', '\n', '\r', '\u0020', '~', '\u007f', '\u0080', '\u00a0', '\u00ff'])
def test_tab_lf_cr_and_u0020_to_u00ff_are_accepted(character):
    document = {'Id': f'a{character}b'}
    check_policy_characters(document)
    assert parse_policy(document) == document


@pytest.mark.parametrize('character', ['\u0000', '\u0008', '\u000b', '\u000c', '\u001f', '\u0100', '\u2028', '\u20ac', '\U0001f600'])
def test_other_characters_are_refused(character):
    with pytest.raises(PolicyError) as exc_info:
        parse_policy({'Id': f'a{character}b'})
    assert str(exc_info.value) == (
        f'policy contains the character {character!r} (U+{ord(character):04X}) in Id at position 2; ACM PCA accepts only tab, LF, CR and U+0020..U+00FF')


@pytest.mark.parametrize('character, code', [('\u001f', 'U+001F'), ('\u0100', 'U+0100')])
def test_the_characters_just_outside_the_range_are_refused_in_keys_too(character, code):
    with pytest.raises(PolicyError) as exc_info:
        check_policy_characters({'Statement': [{f'S{character}d': 'x'}]}, option='statements')
    assert str(exc_info.value) == (
        'statements contains the character %r (%s) in Statement[0].S%sd (key) at position 2; ACM PCA accepts only tab, LF, CR '
        'and U+0020..U+00FF' % (character, code, character))
