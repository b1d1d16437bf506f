# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The policy document itself: parse what a user or AWS gives, check the PutPolicy size
and character limits, and serialize what is sent. Pure functions: no boto3, no AnsibleModule."""


import json
import re

from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError

# PutPolicy's Policy shape in the botocore model: 1..81920 characters, and only
# tab, LF, CR and U+0020..U+00FF.
POLICY_MAX_LENGTH = 81920
_FIRST_DISALLOWED_CHARACTER = re.compile('[^\t\n\r\u0020-\u00ff]')


class PolicyError(InputError):
    """A policy that cannot be used, with every reason found (the message itself when it
    is the only one: bad JSON, too long, a character PutPolicy refuses)."""

    def __init__(self, message, violations=None):
        super().__init__(message, list(violations) if violations else [message])


# ---------------------------------------------------------------- parsing

def _reject_duplicate_keys(pairs):
    document = {}
    for key, value in pairs:
        if key in document:
            raise PolicyError(f'policy is not valid: the key {key!r} appears twice in one object')
        document[key] = value
    return document


def parse_policy(value, option='policy'):
    """Return the policy ``value`` (a dict or a JSON string) as a dict, checked against
    the PutPolicy size and character limits. Raises PolicyError."""
    if isinstance(value, dict):
        document = value
    elif isinstance(value, str):
        if not value.strip():
            raise PolicyError(f'{option} is empty; give a JSON object')
        try:
            document = json.loads(value, object_pairs_hook=_reject_duplicate_keys)
        except ValueError as exc:
            if isinstance(exc, PolicyError):
                raise
            raise PolicyError(f'{option} is not valid JSON: {exc}{_excerpt(exc)}')
    else:
        raise PolicyError(f'{option} must be a JSON object or a dict, got {type(value).__name__}')
    if not isinstance(document, dict):
        raise PolicyError('%s must be a JSON object ({...}), got a JSON %s' % (option, _json_type(document)))
    check_policy_characters(document, option)
    size = len(serialize_policy(document))
    if size > POLICY_MAX_LENGTH:
        raise PolicyError('%s is %d characters once serialized; ACM PCA accepts at most %d' % (option, size, POLICY_MAX_LENGTH))
    return document


# Characters shown on each side of a JSON error's position: enough to find it in a one-line policy.
EXCERPT_WIDTH = 24


def _excerpt(exc):
    """Where a JSON error is, as a short one-line excerpt with a marker (a one-line policy
    hundreds of characters long gives only a column number otherwise)."""
    position = getattr(exc, 'pos', None)
    if position is None:
        return ''
    text = exc.doc
    start, end = max(0, position - EXCERPT_WIDTH), min(len(text), position + EXCERPT_WIDTH)
    before, after = (part.replace('\n', ' ').replace('\t', ' ') for part in (text[start:position], text[position:end]))
    return ", here: '%s%s>>>%s%s'" % ('...' if start else '', before, after, '...' if end < len(text) else '')


def parse_stored_policy(text):
    """The policy as AWS returned it: a dict, or the raw text if it is not a JSON object."""
    if text is None:
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return text
    return document if isinstance(document, dict) else text


def serialize_policy(document):
    """The exact text sent to PutPolicy (compact; Latin-1 characters kept as they are)."""
    return json.dumps(document, ensure_ascii=False, separators=(',', ':'))


def _json_type(value):
    for python_type, name in ((list, 'array'), (str, 'string'), (bool, 'boolean'), (int, 'number'), (float, 'number')):
        if isinstance(value, python_type):
            return name
    return 'null'


def _walk_strings(value, path=''):
    if isinstance(value, dict):
        for key, item in value.items():
            child = f'{path}.{key}' if path else key
            yield f"{child} (key)", key
            yield from _walk_strings(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_strings(item, '%s[%d]' % (path, index))
    elif isinstance(value, str):
        yield path, value


def check_policy_characters(document, option='policy'):
    for path, text in _walk_strings(document):
        bad = _FIRST_DISALLOWED_CHARACTER.search(text)
        if bad:
            character = bad.group(0)
            raise PolicyError(
                '%s contains the character %r (U+%04X) in %s at position %d; ACM PCA accepts only tab, LF, CR '
                'and U+0020..U+00FF' % (option, character, ord(character), path, bad.start() + 1))
