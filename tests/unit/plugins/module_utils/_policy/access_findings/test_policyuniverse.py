# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_findings against an outside analyzer, policyuniverse (a test-only dependency).

A generated corpus of policies (principal forms x narrowing and other conditions x
operators x actions, Allow alone and Allow with a Deny) is read by both; they are compared
on "public" (policyuniverse's ``is_internet_accessible()``, any finding's ``is_public``) and
on the accounts and organizations allowed (``whos_allowed()``, the findings' principals and
sources). Every disagreement must be one of the classes in the table of docs/access.md
("Checked against policyuniverse"), each decided there by IAM's rule; a class that no
longer occurs must leave the table too. The corpus size and the number of documented
classes are printed at the end of the run (tests/unit/conftest.py).
"""


import fnmatch
import itertools
import os
import re

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_findings import access_findings

from .....helpers import CA_ARN

policyuniverse_policy = pytest.importorskip('policyuniverse.policy')

DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', '..', '..', 'docs', 'access.md')
TABLE_TITLE = '## Checked against policyuniverse'
ACCOUNT = '111122223333'
ORGANIZATION = 'o-a1b2c3d4e5'
PATH = ORGANIZATION + '/r-ab12/ou-ab12-11111111/*'

PRINCIPALS = {
    'star': {'Principal': '*'},
    'aws-star': {'Principal': {'AWS': '*'}},
    'account': {'Principal': {'AWS': ACCOUNT}},
    'root-arn': {'Principal': {'AWS': 'arn:aws:iam::%s:root' % ACCOUNT}},
    'role-arn': {'Principal': {'AWS': 'arn:aws:iam::%s:role/issuer' % ACCOUNT}},
    'service': {'Principal': {'Service': 'acm.amazonaws.com'}},
    'not-principal': {'NotPrincipal': {'AWS': ACCOUNT}},
}
STRING_OPERATORS = ('StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'ForAnyValue:StringLike', 'StringNotEquals',
                    'StringEqualsIfExists', 'StringLikeIfExists', 'ForAllValues:StringLike')
ARN_OPERATORS = ('ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnLikeIfExists')
# (key, value kind, value): the values each key is tested with.
VALUES = (
    ('aws:PrincipalAccount', 'account', ACCOUNT),
    ('aws:PrincipalAccount', 'pattern', '1111*'),
    ('aws:PrincipalArn', 'arn', 'arn:aws:iam::%s:role/pki-*' % ACCOUNT),
    ('aws:PrincipalArn', 'any-account', 'arn:aws:iam::*:role/pki'),
    ('aws:PrincipalOrgID', 'organization', ORGANIZATION),
    ('aws:PrincipalOrgID', 'pattern', 'o-*'),
    ('aws:PrincipalOrgPaths', 'path', PATH),
    ('aws:PrincipalOrgPaths', 'pattern', 'o-*/*'),
    ('aws:SourceAccount', 'account', ACCOUNT),
    ('aws:SourceOwner', 'account', ACCOUNT),
    ('aws:SourceArn', 'arn', 'arn:aws:acm:us-east-1:%s:certificate/*' % ACCOUNT),
    ('aws:SourceArn', 'no-account', 'arn:aws:s3:::bucket'),
    ('aws:SourceOrgID', 'organization', ORGANIZATION),
    ('aws:SourceOrgPaths', 'path', PATH),
    ('aws:SourceVpc', 'vpc', 'vpc-1a2b3c4d'),
    ('aws:SourceVpce', 'vpce', 'vpce-1a2b3c4d'),
    ('acm-pca:TemplateArn', 'template', 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'),
)
ARN_KEYS = ('aws:PrincipalArn', 'aws:SourceArn')
ACTIONS = {'issue': ['acm-pca:IssueCertificate'], 'all': 'acm-pca:*'}
# Two narrowing keys in one statement: IAM requires both.
PAIRS = (
    ({'StringEquals': {'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalOrgID': ORGANIZATION}}, 'aws:PrincipalAccount+aws:PrincipalOrgID'),
    ({'StringEquals': {'aws:SourceAccount': ACCOUNT}, 'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}, 'aws:SourceAccount+aws:SourceIp'),
    ({'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION}, 'IpAddress': {'aws:SourceIp': '0.0.0.0/0'}}, 'aws:PrincipalOrgID+aws:SourceIp'),
)


def _conditions():
    """``(key label, operator, condition)`` for every test of the corpus."""
    yield 'none', '-', None
    for key, kind, value in VALUES:
        for operator in STRING_OPERATORS + (ARN_OPERATORS if key in ARN_KEYS else ()):
            yield '%s %s' % (key, kind), operator, {operator: {key: value}}
    for operator, value in itertools.product(('IpAddress', 'NotIpAddress'), ('10.0.0.0/8', '0.0.0.0/0')):
        yield 'aws:SourceIp %s' % value, operator, {operator: {'aws:SourceIp': value}}
    for condition, label in PAIRS:
        yield label, 'StringEquals', condition


def corpus():
    """``(class fields, policy)`` for every policy of the corpus."""
    for (form, principal), (label, operator, condition), (actions_name, actions), variant in itertools.product(
            PRINCIPALS.items(), _conditions(), ACTIONS.items(), ('allow', 'allow+deny')):
        allow = dict(principal, Effect='Allow', Action=actions, Resource=CA_ARN)
        if condition:
            allow['Condition'] = condition
        statements = [allow]
        if variant == 'allow+deny':
            statements.append(dict(allow, Effect='Deny'))
        yield (form, label, operator, variant), {'Version': '2012-10-17', 'Statement': statements}


def _account_of(value):
    if re.match(r'^[0-9]{12}$', value):
        return value
    match = re.match(r'^arn:[^:]*:[^:]*:[^:]*:([0-9]{12}):', value)
    return match.group(1) if match else None


def theirs(document):
    """policyuniverse's verdict: (public, accounts, organizations)."""
    policy = policyuniverse_policy.Policy(document)
    accounts, organizations = set(), set()
    for entry in policy.whos_allowed():
        value = str(entry.value)
        if entry.category in ('principal', 'arn', 'account'):
            accounts.add(_account_of(value))
        elif entry.category == 'organization':
            organizations.add(value.split('/', 1)[0])
    return policy.is_internet_accessible(), accounts - {None}, organizations


def ours(document):
    """access_findings' verdict: (public, accounts, organizations)."""
    found = access_findings(document, None, None, CA_ARN)
    accounts, organizations = set(), set()
    for finding in found:
        if finding['principal_type'] in ('account', 'arn'):
            accounts.add(_account_of(finding['principal']))
        elif finding['principal_type'] in ('organization', 'organization_path'):
            organizations.add(finding['principal'].split('/', 1)[0])
        if finding['source_account']:
            accounts.add(finding['source_account'])
        if finding['source_organization']:
            organizations.add(finding['source_organization'].split('/', 1)[0])
    return any(finding['is_public'] for finding in found), accounts - {None}, organizations


def _difference(field, their, our):
    """How the two verdicts on ``field`` differ, as the table names it; None when they agree."""
    if their == our:
        return None
    if field == 'public':
        return 'public: %s only' % ('policyuniverse' if their else 'here')
    if our < their:
        return '%s: policyuniverse lists more' % field
    if their < our:
        return '%s: here lists more' % field
    return '%s: differ' % field


def disagreements():
    """``(corpus size, {class: (theirs, ours)})``; a class is (principal form, condition,
    operator, statements, difference)."""
    size, found = 0, {}
    for fields, document in corpus():
        size += 1
        for field, their, our in zip(('public', 'accounts', 'organizations'), theirs(document), ours(document)):
            difference = _difference(field, their, our)
            # With a Deny, only what the Deny changes: the rest is the Allow's own class.
            if difference and not (fields[3] == 'allow+deny' and fields[:3] + ('allow', difference) in found):
                found.setdefault(fields + (difference,), (their, our))
    return size, found


def documented_classes():
    """The classes of the table in docs/access.md: the first five cells of each row, each a
    list of glob patterns (written comma-separated; any of them matches)."""
    with open(DOCS) as handle:
        text = handle.read()
    section = text[text.index(TABLE_TITLE):]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith('#'):
            break
        if line.startswith('|') and not set(line) <= set('|- '):
            cells = line.strip().strip('|').split('|')
            rows.append(tuple([pattern.strip().strip('`') for pattern in cell.split(',')] for cell in cells[:5]))
    return rows[1:]  # the header row


def _matches(row, key):
    return all(any(fnmatch.fnmatchcase(value, pattern) for pattern in patterns) for patterns, value in zip(row, key))


def test_every_disagreement_with_policyuniverse_is_documented_and_every_documented_one_occurs(record_property):
    size, found = disagreements()
    rows = documented_classes()
    record_property('policyuniverse_corpus', size)
    record_property('policyuniverse_documented', len(rows))
    record_property('policyuniverse_disagreeing_classes', len(found))
    assert size >= 500
    undocumented = ['%s: policyuniverse %r, here %r' % (' | '.join(key), their, our)
                    for key, (their, our) in sorted(found.items()) if not any(_matches(row, key) for row in rows)]
    assert undocumented == [], 'disagreements not in the table of docs/access.md:\n' + '\n'.join(undocumented)
    stale = [' | '.join(', '.join(cell) for cell in row) for row in rows if not any(_matches(row, key) for key in found)]
    assert stale == [], 'rows of the table of docs/access.md that no longer occur:\n' + '\n'.join(stale)
