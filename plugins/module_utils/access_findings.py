# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Who may use a CA: access findings from its resource-based policy, against a trust zone.

IAM Access Analyzer's resource types do not include ACM PCA certificate authorities, so
this answers its question ("who outside my zone of trust can use this?") locally, from
the policy pki.acmpca.acmpca_info has already read. Pure functions: no AWS call.

What is resolved, and what is only reported, is written out in docs/access.md.
"""


import re

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.iam import (
    ACCOUNT_ID,
    ARN_ACCOUNT,
    ORG_ID_KEY,
    ORG_PATHS_KEY,
    ORGANIZATION_ID_FORM,
    ROOT_PRINCIPAL,
    TEMPLATE_ARN_KEY,
    as_list,
    condition_blocks,
    condition_value,
    is_organization_id,
    policy_statements,
    statement_sid,
)
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import ISSUE_ACTION
from ansible_collections.pki.acmpca.plugins.module_utils.policy_statements import is_ram_statement

PRINCIPAL_TYPES = ('account', 'organization', 'organization_path', 'arn', 'service', 'public')
SOURCE_ACCOUNT_KEY = 'aws:SourceAccount'
SOURCE_ORG_ID_KEY = 'aws:SourceOrgID'
# Any template: an IssueCertificate grant without an acm-pca:TemplateArn condition.
ANY_TEMPLATE = '*'

# Condition keys whose values this analysis evaluates (IAM compares key names without case).
_PRINCIPAL_KEYS = (ORG_ID_KEY.lower(), ORG_PATHS_KEY.lower())
_TEMPLATE_KEY = TEMPLATE_ARN_KEY.lower()
# Operators that let a request through only when the key is present and matches. Negated
# operators, ...IfExists (true when the key is missing) and ForAllValues: (true when a
# multi-valued key is missing, as aws:PrincipalOrgPaths is outside any organization) do not.
_NARROWING_OPERATORS = frozenset(('stringequals', 'stringequalsignorecase', 'stringlike'))


# ------------------------------------------------------------- trust zone

def trust_zone(trusted_accounts=None, trusted_organization_id=None):
    """The trust zone as a dict (``accounts``, ``organization_id``), or None when neither
    is given. Raises InputError naming every bad ID."""
    if trusted_accounts is None and trusted_organization_id is None:
        return None
    problems = []
    if trusted_accounts is not None and not isinstance(trusted_accounts, (list, tuple)):
        problems.append('trusted_accounts must be a list of 12-digit AWS account IDs')
    else:
        problems.extend(f'trusted_accounts: {account!r} is not an AWS account ID (12 digits, written as a string: quote it in YAML, or a leading zero is lost)'
                        for account in trusted_accounts or [] if not isinstance(account, str) or not ACCOUNT_ID.match(account))
    if trusted_organization_id is not None and not is_organization_id(trusted_organization_id):
        problems.append(f'trusted_organization_id {trusted_organization_id!r} is not an organization ID ({ORGANIZATION_ID_FORM})')
    if problems:
        raise InputError('; '.join(problems))
    return {'accounts': list(trusted_accounts or []), 'organization_id': trusted_organization_id}


# ------------------------------------------------------------- conditions

def _strings(values):
    """The values of a test as the strings IAM reads; None when one of them is not a
    condition value (null, a list, an object): such a test is not evaluated here."""
    strings = [condition_value(value) for value in as_list(values)]
    return strings if all(isinstance(value, str) for value in strings) else None


def _principal_text(value):
    # A principal is a string; an unquoted account ID in YAML is a number.
    text = condition_value(value)
    return text if isinstance(text, str) else str(value)


def _is_narrowing(operator):
    if not isinstance(operator, str):
        return False
    operator = operator.lower()
    operator = operator.removeprefix('foranyvalue:')
    return operator in _NARROWING_OPERATORS


def _each_test(statement, other_tests):
    """``(operator, key, lower-case key, values)`` of each test of the statement's Condition,
    in the order written; a block that holds no test (not an object) goes to ``other_tests`` as written."""
    for operator, tests in condition_blocks(statement):
        if not isinstance(tests, dict):
            other_tests[operator] = tests
            continue
        for key, values in tests.items():
            yield operator, key, key.lower() if isinstance(key, str) else key, values


def _read_conditions(statement):
    """``(resolved, principal_tests, other_tests)``: the values narrowing operators give
    the keys evaluated here (lower-case key names), the principal tests (org ID and
    paths) as written, and every other test as written."""
    resolved, principal_tests, other_tests = {}, {}, {}
    for operator, key, lower, values in _each_test(statement, other_tests):
        strings = _strings(values)
        narrowing = _is_narrowing(operator) and strings is not None
        if narrowing and lower in _PRINCIPAL_KEYS + (_TEMPLATE_KEY,):
            resolved.setdefault(lower, []).extend(strings)
        if narrowing and lower in _PRINCIPAL_KEYS:
            principal_tests.setdefault(operator, {})[key] = values
        elif not (narrowing and lower == _TEMPLATE_KEY):
            other_tests.setdefault(operator, {})[key] = values
    return resolved, principal_tests, other_tests


def _merged(first, second):
    """``first`` with the tests of ``second`` (an operator's tests, always an object) added
    to those under the same operator; neither is changed."""
    merged = dict(first)
    for operator, tests in second.items():
        combined = dict(first.get(operator, {}))
        combined.update(tests)
        merged[operator] = combined
    return merged


# ------------------------------------------------------------- principals

def _unique(items):
    seen = set()
    return [item for item in items if not (item in seen or seen.add(item))]


def _aws_principal(value):
    value = _principal_text(value)
    if ACCOUNT_ID.match(value):
        return 'account', value
    match = ROOT_PRINCIPAL.match(value)
    if match:
        return 'account', match.group('account')
    return 'arn', value


def _everyone(resolved):
    """A ``"*"`` principal, as narrowed by aws:PrincipalOrgPaths or aws:PrincipalOrgID."""
    paths = resolved.get(ORG_PATHS_KEY.lower())
    if paths:
        return [('organization_path', path) for path in paths]
    organization_ids = resolved.get(ORG_ID_KEY.lower())
    if organization_ids:
        return [('organization', organization_id) for organization_id in organization_ids]
    return [('public', '*')]


def _principal_entries(statement):
    """The ``(kind, value)`` pairs of a statement's Principal (``("AWS", "*")`` for ``"*"``);
    None for a NotPrincipal, which names everyone but those principals: as wide as a
    public grant."""
    if 'NotPrincipal' in statement:
        return None
    principal = statement.get('Principal')
    if principal == '*':
        return [('AWS', '*')]
    if isinstance(principal, dict):
        return [(kind, value) for kind, values in principal.items() for value in as_list(values)]
    return []


def _principals(statement, resolved):
    """The ``(principal_type, principal)`` pairs a statement names."""
    entries = _principal_entries(statement)
    if entries is None:
        return [('public', '*')]
    found = []
    for kind, value in entries:
        if kind == 'AWS' and value == '*':
            found.extend(_everyone(resolved))
        elif kind == 'AWS':
            found.append(_aws_principal(value))
        elif kind == 'Service':
            found.append(('service', _principal_text(value)))
        else:
            # Federated and CanonicalUser principals: reported by what they are.
            found.append(('arn', _principal_text(value)))
    return _unique(found)


def _account_of(principal_type, principal):
    if principal_type == 'account':
        return principal
    if principal_type == 'arn':
        match = ARN_ACCOUNT.match(principal)
        return match.group('account') if match else None
    return None


# ------------------------------------------------------------- matching

def _glob(pattern, value, ignore_case=False):
    """IAM's StringLike and action matching: ``*`` any run of characters, ``?`` one."""
    expression = ''.join('.*' if char == '*' else '.' if char == '?' else re.escape(char) for char in pattern)
    flags = (re.IGNORECASE | re.DOTALL) if ignore_case else re.DOTALL
    return re.match(f'^{expression}\\Z', value, flags) is not None


def _action_matches(pattern, action):
    # Both are strings: the actions of a statement are read keeping only its strings.
    return _glob(pattern, action, ignore_case=True)


def _principal_covers(denied, finding, like):
    """Whether a Deny naming ``denied`` applies to every principal of ``finding``. ``like``:
    the Deny's organization values are StringLike patterns (else they match literally)."""
    denied_type, denied_principal = denied
    finding_type, finding_principal = finding
    if denied_type == 'public':
        return True
    if not like and denied_type in ('organization', 'organization_path') and _WILDCARDS.search(denied_principal):
        # Taken literally (StringEquals): no organization ID or path holds a * or ?, so it covers no one.
        return False
    if denied_type == finding_type and denied_type in ('organization', 'organization_path'):
        return _glob(denied_principal, finding_principal) if like else denied_principal == finding_principal
    if denied_type == finding_type:
        return denied_principal == finding_principal
    if denied_type == 'account' and finding_type == 'arn':
        # An account in a resource policy stands for every principal of that account.
        return _account_of('arn', finding_principal) == denied_principal
    if denied_type == 'organization' and finding_type == 'organization_path':
        if like:
            return _glob(f"{denied_principal}/*", finding_principal)
        return finding_principal.startswith(f"{denied_principal}/")
    return False


def _applies_to(statement, resource_arn):
    """Whether the statement's Resource names this CA (a Deny elsewhere takes nothing from it)."""
    if 'NotResource' in statement:
        return False
    resources = [resource for resource in as_list(statement.get('Resource')) if isinstance(resource, str)]
    return any(_glob(resource, resource_arn) for resource in resources) if resource_arn else '*' in resources


def _denials(statements, resource_arn):
    """``(principals, actions, like)`` of each Deny statement this analysis can apply: one
    with Principal and Action, a Resource that names this CA, and no condition beyond one
    org ID or paths test narrowing a "*". A Deny it cannot apply is left out, so findings err
    towards more access, never less."""
    denials = []
    for statement in statements:
        if statement.get('Effect') != 'Deny' or 'NotPrincipal' in statement or 'NotAction' in statement:
            continue
        if not _applies_to(statement, resource_arn):
            continue
        resolved, principal_tests, other_tests = _read_conditions(statement)
        if other_tests or _TEMPLATE_KEY in resolved:
            continue
        if sum(len(tests) for tests in principal_tests.values()) > 1:
            # IAM requires every one of several organization tests to hold; applying each
            # on its own would take away more access than the Deny does.
            continue
        principals = [principal for principal in _principals(statement, resolved)
                      if not principal_tests or principal[0] in ('organization', 'organization_path')]
        actions = [action for action in as_list(statement.get('Action')) if isinstance(action, str)]
        # The organization values are patterns when a StringLike operator narrows them.
        like = any(operator.lower().endswith('stringlike') for operator in principal_tests)
        denials.append((principals, actions, like))
    return denials


# ------------------------------------------------------------- who: the keys that narrow it

# Condition keys that narrow who may make a request (IAM's global condition context keys),
# narrowest first: the narrowest one a statement tests gives its findings; the others narrow
# them further (IAM requires every test of a statement to hold). aws:Principal* keys are in
# the context of every request an AWS principal makes; aws:Source* keys only when a service
# acts on behalf of a resource owner, so they narrow a service principal (or "*" to services).
_PRINCIPAL_NARROWING = (('aws:principalarn', 'arn'), ('aws:principalaccount', 'account'),
                        ('aws:principalorgpaths', 'organization_path'), ('aws:principalorgid', 'organization'))
_SOURCE_NARROWING = (('aws:sourcearn', 'source_arn'), ('aws:sourceaccount', 'account'), ('aws:sourceowner', 'account'),
                     ('aws:sourceorgpaths', 'organization_path'), ('aws:sourceorgid', 'organization'))
_NARROWING_KINDS = dict(_PRINCIPAL_NARROWING + _SOURCE_NARROWING)
_RANK = {key: rank for rank, (key, _kind) in enumerate(_PRINCIPAL_NARROWING + _SOURCE_NARROWING)}
_SOURCE_KEYS = frozenset(key for key, _kind in _SOURCE_NARROWING)
# ARN-typed keys, which IAM's ARN operators test too. ArnEquals and ArnLike are one
# operator: both take * and ? in each of the six parts of an ARN.
_ARN_KEYS = frozenset(('aws:principalarn', 'aws:sourcearn'))
_ARN_OPERATORS = frozenset(('arnequals', 'arnlike'))
_WILDCARDS = re.compile(r'[*?]')


def _pattern_kind(operator, key):
    """``'equals'`` or ``'like'`` for an operator that lets a request through only when
    ``key`` (lower case) is present and matches; None for any other (negated, ...IfExists,
    ForAllValues:, or an operator of another type)."""
    if not isinstance(operator, str):
        return None
    lower = operator.lower()
    lower = lower.removeprefix('foranyvalue:')
    if lower in ('stringequals', 'stringequalsignorecase'):
        return 'equals'
    if lower == 'stringlike' or (lower in _ARN_OPERATORS and key in _ARN_KEYS):
        return 'like'
    return None


def _alternative(kind, value, like, ignore_case=False):
    """What one value of a narrowing test admits, as ``(type, value)``; None when it admits
    more than one account or organization (a pattern over an account or organization ID)."""
    wild = _WILDCARDS.search if like else (lambda text: False)
    if ignore_case and kind in ('organization', 'organization_path'):
        # Organization, root and OU IDs are lower case: StringEqualsIgnoreCase matches them however written.
        value = value.lower()
    if kind in ('account', 'organization'):
        return None if wild(value) else (kind, value)
    if kind == 'organization_path':
        return None if wild(value.split('/', 1)[0]) else (kind, value)
    parts = value.split(':', 5)
    account = parts[4] if len(parts) == 6 else None
    # An ARN without an account (an S3 bucket's): a pattern anywhere in it spans accounts.
    if wild(account if account else value):
        return None
    if kind == 'source_arn':
        # A resource ARN without an account (an S3 bucket's) names a resource, not its owner.
        return ('account', account) if account and ACCOUNT_ID.match(account) else ('resource', value)
    return (kind, value)


class _Test:
    """One narrowing test of a statement: an operator on a who-key, and what each value admits."""

    def __init__(self, operator, key, written, kind):
        self.operator, self.key, self.written = operator, key, written
        self.rank = _RANK[key.lower()]
        self.is_source = key.lower() in _SOURCE_KEYS
        ignore_case = operator.lower().endswith('ignorecase')
        strings = _strings(written)
        alternatives = [_alternative(_NARROWING_KINDS[key.lower()], value, kind == 'like', ignore_case) for value in strings or ()]
        # One value that admits more than one account or organization, or no value: no narrowing.
        self.alternatives = _unique(alternatives) if alternatives and None not in alternatives else None


def _who_tests(statement):
    """``(tests, other_tests, templates)``: the narrowing who-tests, in the order written;
    every other test as written (by operator, then key); the values narrowing operators give
    acm-pca:TemplateArn (None when none does)."""
    tests, other_tests, templates = [], {}, None
    for operator, key, lower, values in _each_test(statement, other_tests):
        if lower == _TEMPLATE_KEY and _is_narrowing(operator) and _strings(values) is not None:
            templates = (templates or []) + _strings(values)
            continue
        kind = _pattern_kind(operator, lower) if lower in _NARROWING_KINDS else None
        test = _Test(operator, key, values, kind) if kind else None
        if test and test.alternatives:
            tests.append(test)
        else:
            other_tests.setdefault(operator, {})[key] = values
    return tests, other_tests, templates


def _written(tests, other_tests):
    """``other_tests`` with ``tests`` put back, as written."""
    for test in tests:
        other_tests = _merged(other_tests, {test.operator: {test.key: test.written}})
    return other_tests


class _Judge:
    """Whether what a test admits is inside the trust zone: True, False, or None when that
    turns on the membership of an organization whose accounts could not be read."""

    def __init__(self, zone, owner_account):
        self.zone = zone
        self.trusted = set(zone['accounts']) if zone else set()
        if owner_account:
            self.trusted.add(owner_account)
        self.organization_id = zone['organization_id'] if zone else None
        self.organization_accounts = zone.get('organization_accounts') if zone else None
        self.unknown = []

    def _account(self, account):
        if account in self.trusted:
            return True
        if not (account and self.organization_id and self.organization_accounts is not None):
            return False
        members = self.organization_accounts.members()
        if members is None:
            self.unknown.append(account)
            return None
        return account in members

    def _inside(self, kind, value):
        if kind in ('account', 'arn'):
            return self._account(_account_of(kind, value))
        if kind == 'organization':
            return value == self.organization_id
        if kind == 'organization_path':
            return bool(self.organization_id) and value.startswith(f"{self.organization_id}/")
        return False

    def _every(self, alternatives):
        answers = [self._inside(kind, value) for kind, value in alternatives]
        return False if False in answers else None if None in answers else True

    def external(self, alternatives, secondary_tests=()):
        """``(external, external_reason)`` of a principal that one of ``alternatives``
        admits (all of them must be inside) and every secondary test too: inside the zone
        when any of these keeps it inside, as IAM requires every test to hold."""
        if self.zone is None:
            return None, None
        del self.unknown[:]
        candidates = [alternatives] + [test.alternatives for test in secondary_tests]
        # Those that need no membership first: one inside settles it without asking AWS Organizations.
        candidates.sort(key=lambda items: any(kind in ('account', 'arn') for kind, _value in items))
        answers = []
        for items in candidates:
            answers.append(self._every(items))
            if answers[-1] is True:
                return False, None
        if None in answers:
            return None, ('whether account %s is in organization %s is unknown: %s'
                          % (', '.join(_unique(self.unknown)), self.organization_id, self.organization_accounts.problem))
        return True, None


# ------------------------------------------------------------- findings

def _who(principal_type, principal, external, conditions, source_account=None, source_organization=None):
    return {'principal_type': principal_type, 'principal': principal, 'conditions': conditions, 'external': external[0],
            'external_reason': external[1], 'source_account': source_account, 'source_organization': source_organization}


def _narrowed(tests, other_tests, judge, service=None):
    """One who per alternative of the narrowest of ``tests``; the other tests narrow it further
    and stay in ``conditions``. ``service``: the service principal the source keys narrow."""
    primary = min(tests, key=lambda test: test.rank)
    secondary = [test for test in tests if test is not primary]
    conditions = _written(secondary, other_tests)
    found = []
    for alternative in primary.alternatives:
        external = judge.external([alternative], secondary)
        if service is None:
            found.append(_who(alternative[0], alternative[1], external, conditions))
            continue
        source = {}
        single = [test.alternatives[0] for test in secondary if len(test.alternatives) == 1]
        for kind, value in [alternative] + single:
            field = 'account' if kind == 'account' else 'organization' if kind in ('organization', 'organization_path') else None
            if field:
                source.setdefault(field, value)
        # A resource ARN without an account is in no field of the finding: its test is shown.
        shown = _written([primary], conditions) if alternative[0] == 'resource' else conditions
        found.append(_who('service', service, external, shown, source.get('account'), source.get('organization')))
    return found


def _whos(statement, tests, other_tests, judge):
    """Who each principal of an Allow statement is, as narrowed by its conditions."""
    # Anyone, or a service acting for anyone: outside any zone.
    anyone = (True, None) if judge.zone is not None else (None, None)
    everything = _written(tests, other_tests)
    entries = _principal_entries(statement)
    if entries is None:
        return [_who('public', '*', anyone, everything)]
    principal_tests = [test for test in tests if not test.is_source]
    source_tests = [test for test in tests if test.is_source]
    found = []
    for kind, value in entries:
        if kind == 'AWS' and value == '*':
            if principal_tests:
                found.extend(_narrowed(principal_tests, _written(source_tests, other_tests), judge))
            elif source_tests:
                # Only a service acting for a resource owner has these keys in its request.
                found.extend(_narrowed(source_tests, other_tests, judge, service='*'))
            else:
                found.append(_who('public', '*', anyone, everything))
        elif kind == 'AWS':
            principal_type, principal_id = _aws_principal(value)
            # Its principal tests stay in conditions and narrow it further, as for a narrowed "*".
            external = judge.external([(principal_type, principal_id)], principal_tests)
            found.append(_who(principal_type, principal_id, external, everything))
        elif kind == 'Service' and source_tests:
            found.extend(_narrowed(source_tests, _written(principal_tests, other_tests), judge, service=_principal_text(value)))
        elif kind == 'Service':
            found.append(_who('service', _principal_text(value), anyone, everything))
        else:
            # Federated and CanonicalUser principals: reported by what they are.
            found.append(_who('arn', _principal_text(value), judge.external([('arn', _principal_text(value))]), everything))
    unique = {}
    for who in found:
        unique.setdefault((who['principal_type'], who['principal'], who['source_account'], who['source_organization']), who)
    return list(unique.values())


def _statement_findings(statement, denials, judge):
    tests, other_tests, templates = _who_tests(statement)
    sid = statement_sid(statement)
    if 'NotAction' in statement:
        # Every action but those named: reported as all of them.
        granted = ['*']
    else:
        granted = [action for action in as_list(statement.get('Action')) if isinstance(action, str)]
    findings = []
    for who in _whos(statement, tests, other_tests, judge):
        principal = (who['principal_type'], who['principal'])
        denied = [action for principals, actions, like in denials
                  if any(_principal_covers(item, principal, like) for item in principals) for action in actions]
        actions = [action for action in granted if not any(_action_matches(pattern, action) for pattern in denied)]
        if not actions:
            continue
        can_issue = (any(_action_matches(action, ISSUE_ACTION) for action in actions)
                     and not any(_action_matches(pattern, ISSUE_ACTION) for pattern in denied))
        findings.append({
            'sid': sid,
            'principal_type': who['principal_type'],
            'principal': who['principal'],
            'actions': actions,
            'can_issue': can_issue,
            'templates': list(templates or [ANY_TEMPLATE]) if can_issue else [],
            'shared_via': 'RAM' if is_ram_statement(statement) else 'POLICY',
            'conditions': who['conditions'],
            'is_public': who['principal_type'] == 'public',
            'external': who['external'],
            'source_account': who['source_account'],
            'source_organization': who['source_organization'],
            'external_reason': who['external_reason'],
        })
    return findings


def access_findings(policy, owner_account=None, zone=None, resource_arn=None):
    """One finding per principal each Allow statement of ``policy`` grants (see
    docs/access.md); ``[]`` for no policy. ``owner_account`` (the CA's owner) is always
    trusted; ``zone`` comes from ``trust_zone`` (None: ``external`` is None); a Deny takes
    access away only when its Resource names ``resource_arn`` (or is ``*``)."""
    if policy is None:
        return []
    if not isinstance(policy, dict):
        raise ValueError('the policy is not a JSON object, so who may use the CA cannot be worked out')
    statements = [statement for statement in policy_statements(policy) if isinstance(statement, dict)]
    denials = _denials(statements, resource_arn)
    judge = _Judge(zone, owner_account)
    findings = []
    for statement in statements:
        effect = statement.get('Effect')
        # Allow in any case counts: reporting too much access is the safe mistake.
        if isinstance(effect, str) and effect.lower() == 'allow':
            findings.extend(_statement_findings(statement, denials, judge))
    return findings


def _owner_of(certificate_authority):
    if certificate_authority.get('owner_account'):
        return certificate_authority['owner_account']
    try:
        return parse_certificate_authority_arn(certificate_authority.get('arn')).account
    except ValueError:
        return None


def permission_finding(permission, owner_account=None, zone=None):
    """The finding of one permission of the ACM service principal (as acmpca_info returns it):
    it may act for its source account only (the CA's owner when it names none), and issues
    with any template. Judged against the zone by that account, as policy findings are."""
    actions = [f'acm-pca:{action}' for action in permission.get('actions') or []]
    can_issue = ISSUE_ACTION in actions
    account = permission.get('source_account') or owner_account
    external, external_reason = _Judge(zone, owner_account).external([('account', account)])
    return {
        'sid': None,
        'principal_type': 'service',
        'principal': permission.get('principal'),
        'actions': actions,
        'can_issue': can_issue,
        'templates': [ANY_TEMPLATE] if can_issue else [],
        'shared_via': 'PERMISSION',
        'conditions': {},
        'is_public': False,
        'external': external,
        'source_account': permission.get('source_account'),
        'source_organization': None,
        'external_reason': external_reason,
    }


def add_access_findings(certificate_authorities, zone=None):
    """Give each CA (as pki.acmpca.acmpca_info returns it, with ``policy`` and ``permissions``)
    its ``access`` findings. Returns ``external_access`` (every finding with ``external``
    true) and ``unresolved_access`` (every finding whose place in the zone could not be told,
    with ``external`` null and its ``external_reason``), each finding with its
    ``certificate_authority_arn``. A CA whose policy or permissions could not be read, or
    whose policy could not be analysed, gets ``access: None`` (and ``access_error`` when the
    policy was read)."""
    external, unresolved = [], []
    for certificate_authority in certificate_authorities:
        if certificate_authority.get('policy_error') or certificate_authority.get('permissions_error'):
            certificate_authority['access'] = None
            continue
        owner_account = _owner_of(certificate_authority)
        try:
            findings = access_findings(certificate_authority.get('policy'), owner_account, zone, certificate_authority.get('arn'))
        except ValueError as exc:
            certificate_authority['access'] = None
            certificate_authority['access_error'] = str(exc)
            continue
        findings += [permission_finding(permission, owner_account, zone)
                     for permission in certificate_authority.get('permissions') or []]
        certificate_authority['access'] = findings
        for finding in findings:
            listed = dict(finding, certificate_authority_arn=certificate_authority.get('arn'))
            if finding['external'] is True:
                external.append(listed)
            elif finding['external'] is None and finding['external_reason']:
                unresolved.append(listed)
    return {'external_access': external, 'unresolved_access': unresolved}
