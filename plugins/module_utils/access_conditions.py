# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""What a statement's Condition says about who may use a CA, and with which templates, as
access findings read it (docs/access.md, "The condition keys that narrow who"): one reading
for Allow and Deny statements alike, through the condition vocabulary. Pure."""


from dataclasses import dataclass

from ansible_collections.pki.acmpca.plugins.module_utils.conditions import (
    SOURCE,
    TEMPLATE_ARN_KEY,
    WILDCARDS,
    key_named,
    narrowing_rank,
    read_condition,
    written_tests,
)
from ansible_collections.pki.acmpca.plugins.module_utils.iam import ACCOUNT_ID
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import unique

_TEMPLATE = key_named(TEMPLATE_ARN_KEY)


@dataclass(frozen=True)
class GrantConditions:
    """A statement's Condition as findings read it: ``narrowing`` the tests of keys that narrow
    who that let a request through only when the key is present and matches (ConditionTests,
    in the order written); ``templates`` the acm-pca:TemplateArn values such tests give (None
    when none does); ``others`` every other test, as written (by operator, then key)."""

    narrowing: tuple
    templates: list
    others: dict


def grant_conditions(statement):
    """The GrantConditions of a statement."""
    tests, unreadable = read_condition(statement)
    narrowing, templates, others = [], None, []
    for test in tests:
        if test.pattern and test.known is _TEMPLATE:
            templates = (templates or []) + list(test.strings)
        elif test.pattern and test.known.narrows:
            narrowing.append(test)
        else:
            others.append(test)
    return GrantConditions(tuple(narrowing), templates, written_tests(others, unreadable))


def admitted(kind, value, like, ignore_case):
    """What one value of a narrowing test admits, as ``(type, value)``; None when it admits
    more than one account or organization (a pattern over an account or organization ID).
    ``kind`` is the key's ``admits``; ``like``: the value is a pattern."""
    if ignore_case and kind in ('organization', 'organization_path'):
        # Organization, root and OU IDs are lower case: StringEqualsIgnoreCase matches them however written.
        value = value.lower()
    account = None
    if kind in ('arn', 'source_arn'):
        parts = value.split(':', 5)
        account = parts[4] if len(parts) == 6 else None
    # What must hold no wildcard for the value to admit one account or organization: the
    # organization of a path, the account of an ARN (all of an ARN without one, such as an S3
    # bucket's: a pattern anywhere in it spans accounts), else the value itself.
    scope = value.partition('/')[0] if kind == 'organization_path' else account or value
    if like and WILDCARDS.search(scope):
        return None
    if kind == 'source_arn':
        # A resource ARN without an account (an S3 bucket's) names a resource, not its owner.
        return ('account', account) if account and ACCOUNT_ID.match(account) else ('resource', value)
    return (kind, value)


class WhoTest:
    """One narrowing test of an Allow statement, and what each of its values admits
    (``alternatives``: None when a value admits more than one account or organization)."""

    def __init__(self, test):
        self.test = test
        self.rank = narrowing_rank(test.known)
        self.is_source = test.known.narrows == SOURCE
        alternatives = [admitted(test.known.admits, value, test.pattern == 'like', test.parsed.ignore_case) for value in test.strings]
        # One value that admits more than one account or organization, or no value: no narrowing.
        self.alternatives = unique(alternatives) if alternatives and None not in alternatives else None


def who_tests(conditions):
    """``(tests, others)``: the WhoTests of an Allow statement's GrantConditions that narrow
    who, in the order written, and every other test as written."""
    tests = [WhoTest(test) for test in conditions.narrowing]
    narrowing = [test for test in tests if test.alternatives]
    return narrowing, with_tests([test for test in tests if not test.alternatives], conditions.others)


def with_tests(tests, others):
    """``others`` (a Condition as written) with the WhoTests ``tests`` put back, as written."""
    return written_tests([test.test for test in tests], others)
