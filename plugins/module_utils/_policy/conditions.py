# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The condition vocabulary: each condition key the collection reads, each condition
operator IAM documents with its matching rules, and one reading of a statement's Condition.

Access findings, their Deny handling, the policy rules and the access check all read
conditions through this file, so a new key is one entry in ``KEYS``.

Sources: IAM User Guide, "AWS global condition context keys", "IAM JSON policy elements:
Condition operators", "Single-valued vs. multivalued context keys"; the ACM PCA user guide
for acm-pca:TemplateArn and the X.509 certificate condition keys. Pure: no AWS call.
"""


import base64
import datetime
import ipaddress
import re
from dataclasses import dataclass
from typing import Optional

from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import as_list, condition_blocks, condition_value, key_id

# ---------------------------------------------------------------- keys

# What a key narrows when a Condition requires it to match: the AWS principal making the
# request, or the resource owner an AWS service acts for (aws:Source* keys are in a request
# only when a service calls on behalf of a resource).
PRINCIPAL = 'principal'
SOURCE = 'source'


@dataclass(frozen=True)
class ConditionKey:
    """One condition key. ``type`` is IAM's (String, ARN, Numeric, Date, Bool, IPAddress);
    ``multivalued`` keys hold a set of values in a request; ``narrows`` is PRINCIPAL, SOURCE
    or None; ``admits`` what one value of a narrowing test names (``arn``, ``account``,
    ``organization_path``, ``organization``, ``source_arn``); ``request`` the fact of an
    evaluated request that gives its values (see access_check.py), None when only a
    request's ``context`` can."""

    name: str
    type: str = 'String'
    multivalued: bool = False
    narrows: Optional[str] = None
    admits: Optional[str] = None
    request: Optional[str] = None

    @property
    def id(self):
        return key_id(self.name)


# The keys that narrow who come first, narrowest first: the narrowest one a statement tests
# gives its findings, the others narrow them further.
KEYS = (
    ConditionKey('aws:PrincipalArn', 'ARN', narrows=PRINCIPAL, admits='arn', request='principal_arn'),
    ConditionKey('aws:PrincipalAccount', narrows=PRINCIPAL, admits='account', request='principal_account'),
    ConditionKey('aws:PrincipalOrgPaths', multivalued=True, narrows=PRINCIPAL, admits='organization_path',
                 request='organizational_unit_paths'),
    ConditionKey('aws:PrincipalOrgID', narrows=PRINCIPAL, admits='organization', request='organization_id'),
    ConditionKey('aws:SourceArn', 'ARN', narrows=SOURCE, admits='source_arn', request='source_arn'),
    ConditionKey('aws:SourceAccount', narrows=SOURCE, admits='account', request='source_account'),
    ConditionKey('aws:SourceOwner', narrows=SOURCE, admits='account'),
    ConditionKey('aws:SourceOrgPaths', multivalued=True, narrows=SOURCE, admits='organization_path'),
    ConditionKey('aws:SourceOrgID', narrows=SOURCE, admits='organization'),
    # The template an IssueCertificate request names (ACM PCA user guide; String in the
    # Service Authorization Reference): it narrows what may be issued, not who.
    ConditionKey('acm-pca:TemplateArn', request='template_arn'),
    # Where a request comes from, not who sends it: they narrow no one.
    ConditionKey('aws:SourceIp', 'IPAddress'),
    ConditionKey('aws:SourceVpc'),
    ConditionKey('aws:SourceVpce'),
    # Filled in for every request; the access check derives them from the request.
    ConditionKey('aws:PrincipalIsAWSService', 'Bool', request='principal_is_aws_service'),
    ConditionKey('aws:PrincipalServiceName', request='principal_service_name'),
    ConditionKey('aws:ResourceAccount', request='resource_account'),
    ConditionKey('aws:ResourceOrgID'),
    ConditionKey('aws:ResourceOrgPaths', multivalued=True),
    ConditionKey('aws:CurrentTime', 'Date'),
    ConditionKey('aws:EpochTime', 'Date'),
    ConditionKey('aws:SecureTransport', 'Bool'),
)
TEMPLATE_ARN_KEY = 'acm-pca:TemplateArn'
ORG_ID_KEY = 'aws:PrincipalOrgID'
ORG_PATHS_KEY = 'aws:PrincipalOrgPaths'
# Keys describing the certificate about to be signed: present only in IssueCertificate
# requests (user guide, "Control certificate issuance with X.509 certificate condition keys").
X509_KEY_PREFIX = 'acm-pca:x509'


def key_named(name):
    """The ConditionKey of ``name`` (any case), or None for a key not in the vocabulary."""
    wanted = key_id(name)
    return next((key for key in KEYS if key.id == wanted), None)


def narrowing_rank(key):
    """The order of a narrowing key in KEYS: lower is narrower."""
    return KEYS.index(key)


def is_x509_key(name):
    return isinstance(name, str) and key_id(name).startswith(key_id(X509_KEY_PREFIX))


# ---------------------------------------------------------------- operators

@dataclass(frozen=True)
class Operator:
    """One condition operator as IAM reads it: ``family`` (String, Arn, Numeric, Date, Bool,
    Binary, IpAddress, Null), ``comparison`` (eq, lt, le, gt, ge, like), whether it is negated
    or ignores case, ``...IfExists``, and its set operator (ForAnyValue, ForAllValues or None)."""

    written: str
    family: str
    comparison: str = 'eq'
    negated: bool = False
    ignore_case: bool = False
    if_exists: bool = False
    set_operator: Optional[str] = None


_ORDERINGS = (('Equals', 'eq'), ('NotEquals', 'eq'), ('LessThan', 'lt'), ('LessThanEquals', 'le'),
              ('GreaterThan', 'gt'), ('GreaterThanEquals', 'ge'))
# Each operator family once: name -> (family, comparison, negated, ignore case).
_OPERATORS = {
    'stringequals': ('String', 'eq', False, False),
    'stringnotequals': ('String', 'eq', True, False),
    'stringequalsignorecase': ('String', 'eq', False, True),
    'stringnotequalsignorecase': ('String', 'eq', True, True),
    'stringlike': ('String', 'like', False, False),
    'stringnotlike': ('String', 'like', True, False),
    # ArnEquals and ArnLike are one test: both take * and ? in each part of the ARN.
    'arnequals': ('Arn', 'like', False, False),
    'arnlike': ('Arn', 'like', False, False),
    'arnnotequals': ('Arn', 'like', True, False),
    'arnnotlike': ('Arn', 'like', True, False),
    'bool': ('Bool', 'eq', False, False),
    'binaryequals': ('Binary', 'eq', False, False),
    'ipaddress': ('IpAddress', 'eq', False, False),
    'notipaddress': ('IpAddress', 'eq', True, False),
    'null': ('Null', 'eq', False, False),
}
_OPERATORS.update({f'{family.lower()}{name.lower()}': (family, comparison, name == 'NotEquals', False)
                   for family in ('Numeric', 'Date') for name, comparison in _ORDERINGS})
_SET_OPERATORS = ('ForAnyValue', 'ForAllValues')
_IF_EXISTS = 'ifexists'


def parse_operator(written):
    """The Operator ``written`` names (operator names read without case, as access findings
    always have), or None for one IAM does not document."""
    if not isinstance(written, str):
        return None
    rest = written.lower()
    set_operator = None
    for name in _SET_OPERATORS:
        if rest.startswith(f'{name.lower()}:'):
            set_operator, rest = name, rest[len(name) + 1:]
    if_exists = rest.endswith(_IF_EXISTS)
    rest = rest[:-len(_IF_EXISTS)] if if_exists else rest
    if rest not in _OPERATORS or (rest == 'null' and (if_exists or set_operator)):
        return None
    family, comparison, negated, ignore_case = _OPERATORS[rest]
    return Operator(written, family, comparison, negated, ignore_case, if_exists, set_operator)


def matches_when_absent(operator):
    """What a test gives when its key is missing from the request (IAM: the values do not
    match, so a positive test is false and a negated one true; ...IfExists and ForAllValues:
    are true; ForAnyValue: is false). Null is not asked: it tests presence itself."""
    if operator.if_exists or operator.set_operator == 'ForAllValues':
        return True
    if operator.set_operator == 'ForAnyValue':
        return False
    return operator.negated


def pattern_kind(operator, key):
    """``'equals'`` or ``'like'`` when a test lets a request through only when ``key`` is in
    it and matches one value (each value then admits what it names); None for any other test
    (negated, ...IfExists, ForAllValues:, another family, a key not in the vocabulary)."""
    if operator is None or key is None or operator.negated or operator.if_exists or operator.set_operator == 'ForAllValues':
        return None
    if operator.family == 'String':
        return operator.comparison if operator.comparison == 'like' else 'equals'
    if operator.family == 'Arn' and key.type == 'ARN':
        return 'like'
    return None


# ---------------------------------------------------------------- reading a Condition

@dataclass(frozen=True)
class ConditionTest:
    """One test of a Condition: ``operator`` and ``key`` as written, ``values`` as written,
    ``strings`` the values as IAM reads them (None when one is not a condition value: null,
    a list or an object), and the vocabulary's Operator and ConditionKey (None when unknown)."""

    operator: str
    key: str
    values: object
    strings: tuple
    parsed: Operator
    known: ConditionKey

    @property
    def pattern(self):
        """See pattern_kind; None too when a value is not a condition value."""
        return pattern_kind(self.parsed, self.known) if self.strings is not None else None


def condition_strings(values):
    """The values of a test as the strings IAM reads; None when one of them is not a
    condition value (null, a list, an object): such a test matches nothing."""
    strings = tuple(condition_value(value) for value in as_list(values))
    return strings if all(isinstance(value, str) for value in strings) else None


def read_condition(statement):
    """``(tests, unreadable)``: every ConditionTest of the statement's Condition in the
    order written, and the blocks that hold no test (not an object), by operator as written."""
    tests, unreadable = [], {}
    for operator, block in condition_blocks(statement):
        if not isinstance(block, dict):
            unreadable[operator] = block
            continue
        parsed = parse_operator(operator)
        for key, values in block.items():
            tests.append(ConditionTest(operator, key, values, condition_strings(values), parsed, key_named(key)))
    return tests, unreadable


def written_tests(tests, unreadable=None):
    """The tests as a Condition, by operator then key, as written."""
    condition = dict(unreadable or {})
    for test in tests:
        condition[test.operator] = {**condition.get(test.operator, {}), test.key: test.values}
    return condition


# ---------------------------------------------------------------- matching values

WILDCARDS = re.compile(r'[*?]')
# IAM's special characters: ${*}, ${?} and ${$} stand for a literal *, ? and $ ("IAM policy
# elements: Variables and tags"); a filled-in policy variable is written with them.
_GLOB_TOKENS = re.compile(r'\$\{[*?$]\}|[*?]|[^*?$]+|\$', re.DOTALL)
LITERALS = {'*': '${*}', '?': '${?}', '$': '${$}'}


def _glob_expression(pattern):
    parts = []
    for token in _GLOB_TOKENS.findall(pattern):
        if token == '*':
            parts.append('.*')
        elif token == '?':
            parts.append('.')
        else:
            parts.append(re.escape(token[2] if token.startswith('${') and len(token) == 4 else token))
    return ''.join(parts)


def glob_matches(pattern, value, ignore_case=False):
    """IAM's wildcards (StringLike, Action, Resource): ``*`` any run of characters, ``?`` one;
    ``${*}``, ``${?}`` and ``${$}`` the characters themselves."""
    flags = (re.IGNORECASE | re.DOTALL) if ignore_case else re.DOTALL
    return re.match(f'^{_glob_expression(pattern)}\\Z', value, flags) is not None


def literal(pattern):
    """A policy value as the text it stands for under an Equals operator (``${*}`` is ``*``)."""
    return re.sub(r'\$\{([*?$])\}', r'\1', pattern)


def arn_matches(pattern, value):
    # "Each of the six colon-delimited components of the ARN is checked separately".
    patterns, values = pattern.split(':', 5), value.split(':', 5)
    return len(patterns) == len(values) == 6 and all(glob_matches(p, v) for p, v in zip(patterns, values))


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _date(text):
    """A Date operator's value: ISO 8601 (a trailing Z is UTC) or seconds since the epoch."""
    number = _number(text)
    if number is not None:
        return number
    try:
        # Before Python 3.11, fromisoformat takes no Z for UTC.
        moment = datetime.datetime.fromisoformat(re.sub(r'[Zz]\Z', '+00:00', text))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def _ordered(comparison, wanted, given):
    if wanted is None or given is None:
        return False
    return {'eq': given == wanted, 'lt': given < wanted, 'le': given <= wanted,
            'gt': given > wanted, 'ge': given >= wanted}[comparison]


def _in_network(network, address):
    try:
        return ipaddress.ip_address(address) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


def _binary(text):
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        return None


def value_matches(operator, wanted, given):
    """Whether the request value ``given`` matches the policy value ``wanted`` under the
    operator's family and comparison, before negation (both strings)."""
    family = operator.family
    if family == 'String' and operator.comparison == 'like':
        return glob_matches(wanted, given)
    if family == 'String':
        wanted = literal(wanted)
        return wanted.lower() == given.lower() if operator.ignore_case else wanted == given
    if family == 'Arn':
        return arn_matches(wanted, given)
    if family == 'Numeric':
        return _ordered(operator.comparison, _number(wanted), _number(given))
    if family == 'Date':
        return _ordered(operator.comparison, _date(wanted), _date(given))
    if family == 'Bool':
        return wanted.lower() == given.lower()
    if family == 'Binary':
        return _binary(wanted) is not None and _binary(wanted) == _binary(given)
    return _in_network(wanted, given)


def condition_holds(operator, wanted, given, multivalued=False):
    """Whether one test holds: ``wanted`` the policy's values (strings), ``given`` the
    request's values (a list of strings; None or an empty list when the key is missing from
    the request); ``multivalued``: the key may hold several values in a request.

    IAM's rules: the values of one key are ORed; a negated operator holds when no value
    matches; ForAnyValue: holds when at least one request value does, ForAllValues: when
    every one does; Null "true" holds when the key is missing. A multivalued key needs a set
    operator ("Multivalued context keys require a condition set operator"): without one the
    test does not match. ASSUMPTION: IAM does not document that case; a single-valued key
    under a set operator is a set of one value."""
    given = given or None
    if operator.family == 'Null':
        return any(value.lower() == ('true' if given is None else 'false') for value in wanted)
    if given is None:
        return matches_when_absent(operator)

    def holds(value):
        matched = any(value_matches(operator, item, value) for item in wanted)
        return matched != operator.negated

    if operator.set_operator == 'ForAllValues':
        return all(holds(value) for value in given)
    if operator.set_operator == 'ForAnyValue':
        return any(holds(value) for value in given)
    return not (multivalued or len(given) > 1) and holds(given[0])
