# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Who may use a CA: access findings from its resource-based policy, against a trust zone.

IAM Access Analyzer's resource types do not include ACM PCA certificate authorities, so
this answers its question ("who outside my zone of trust can use this?") locally, from
the policy pki.acmpca.acmpca_info has already read. Pure functions: no AWS call.

What is resolved, and what is only reported, is written out in docs/access.md.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import ACCOUNT_ID, ROOT_PRINCIPAL, as_list
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import (
    ISSUE_ACTION,
    ORG_ID_KEY,
    ORG_PATHS_KEY,
    TEMPLATE_ARN_KEY,
    is_organization_id,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_statements import is_ram_statement

PRINCIPAL_TYPES = ('account', 'organization', 'organization_path', 'arn', 'service', 'public')
SOURCE_ACCOUNT_KEY = 'aws:SourceAccount'
SOURCE_ORG_ID_KEY = 'aws:SourceOrgID'
# Any template: an IssueCertificate grant without an acm-pca:TemplateArn condition.
ANY_TEMPLATE = '*'

_ARN_ACCOUNT = re.compile(r'^arn:[^:]+:[^:]*:[^:]*:(?P<account>[0-9]{12}):')
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
    is given. Raises ValueError naming every bad ID."""
    if trusted_accounts is None and trusted_organization_id is None:
        return None
    problems = []
    if trusted_accounts is not None and not isinstance(trusted_accounts, (list, tuple)):
        problems.append('trusted_accounts must be a list of 12-digit AWS account IDs')
    else:
        problems.extend('trusted_accounts: %r is not an AWS account ID (12 digits, written as a string: quote it in YAML, '
                        'or a leading zero is lost)' % (account,)
                        for account in trusted_accounts or [] if not isinstance(account, str) or not ACCOUNT_ID.match(account))
    if trusted_organization_id is not None and not is_organization_id(trusted_organization_id):
        problems.append('trusted_organization_id %r is not an organization ID (o- followed by 10 to 32 lowercase '
                        'letters or digits)' % (trusted_organization_id,))
    if problems:
        raise ValueError('; '.join(problems))
    return {'accounts': list(trusted_accounts or []), 'organization_id': trusted_organization_id}


# ------------------------------------------------------------- conditions

def _text(value):
    # IAM reads unquoted JSON booleans and numbers as their string forms.
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def _is_narrowing(operator):
    if not isinstance(operator, str):
        return False
    operator = operator.lower()
    if operator.startswith('foranyvalue:'):
        operator = operator[len('foranyvalue:'):]
    return operator in _NARROWING_OPERATORS


def _read_conditions(statement):
    """``(resolved, principal_tests, other_tests)``: the values narrowing operators give
    the keys evaluated here (lower-case key names), the principal tests (org ID and
    paths) as written, and every other test as written."""
    condition = statement.get('Condition')
    resolved, principal_tests, other_tests = {}, {}, {}
    if condition is None:
        return resolved, principal_tests, other_tests
    if not isinstance(condition, dict):
        return resolved, principal_tests, {'Condition': condition}
    for operator, tests in condition.items():
        if not isinstance(tests, dict):
            other_tests[operator] = tests
            continue
        narrowing = _is_narrowing(operator)
        for key, values in tests.items():
            lower = key.lower() if isinstance(key, str) else key
            if narrowing and lower in _PRINCIPAL_KEYS + (_TEMPLATE_KEY,):
                resolved.setdefault(lower, []).extend(_text(value) for value in as_list(values))
            if narrowing and lower in _PRINCIPAL_KEYS:
                principal_tests.setdefault(operator, {})[key] = values
            elif not (narrowing and lower == _TEMPLATE_KEY):
                other_tests.setdefault(operator, {})[key] = values
    return resolved, principal_tests, other_tests


def _narrowed_values(statement, key):
    """The values narrowing operators give ``key`` in the statement (``[]`` when none does)."""
    resolved = []
    condition = statement.get('Condition')
    for operator, tests in (condition.items() if isinstance(condition, dict) else ()):
        if _is_narrowing(operator) and isinstance(tests, dict):
            for name, values in tests.items():
                if isinstance(name, str) and name.lower() == key.lower():
                    resolved.extend(_text(value) for value in as_list(values))
    return resolved


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
    value = _text(value)
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


def _principals(statement, resolved):
    """The ``(principal_type, principal)`` pairs a statement names."""
    if 'NotPrincipal' in statement:
        # Everyone but the principals named: as wide as a public grant.
        return [('public', '*')]
    principal = statement.get('Principal')
    if principal == '*':
        entries = [('AWS', '*')]
    elif isinstance(principal, dict):
        entries = [(kind, value) for kind, values in principal.items() for value in as_list(values)]
    else:
        entries = []
    found = []
    for kind, value in entries:
        if kind == 'AWS' and value == '*':
            found.extend(_everyone(resolved))
        elif kind == 'AWS':
            found.append(_aws_principal(value))
        elif kind == 'Service':
            found.append(('service', _text(value)))
        else:
            # Federated and CanonicalUser principals: reported by what they are.
            found.append(('arn', _text(value)))
    return _unique(found)


def _account_of(principal_type, principal):
    if principal_type == 'account':
        return principal
    if principal_type == 'arn':
        match = _ARN_ACCOUNT.match(principal)
        return match.group('account') if match else None
    return None


# ------------------------------------------------------------- matching

def _glob(pattern, value, ignore_case=False):
    """IAM's StringLike and action matching: ``*`` any run of characters, ``?`` one."""
    expression = ''.join('.*' if char == '*' else '.' if char == '?' else re.escape(char) for char in pattern)
    flags = (re.IGNORECASE | re.DOTALL) if ignore_case else re.DOTALL
    return re.match('^%s\\Z' % expression, value, flags) is not None


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
    if denied_type == finding_type and denied_type in ('organization', 'organization_path'):
        return _glob(denied_principal, finding_principal) if like else denied_principal == finding_principal
    if denied_type == finding_type:
        return denied_principal == finding_principal
    if denied_type == 'account' and finding_type == 'arn':
        # An account in a resource policy stands for every principal of that account.
        return _account_of('arn', finding_principal) == denied_principal
    if denied_type == 'organization' and finding_type == 'organization_path':
        if like:
            return _glob(denied_principal + '/*', finding_principal)
        return finding_principal.startswith(denied_principal + '/')
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


# ------------------------------------------------------------- findings

def _is_external(principal_type, principal, statement, zone, owner_account):
    if zone is None:
        return None
    trusted_accounts = set(zone['accounts'])
    if owner_account:
        trusted_accounts.add(owner_account)
    organization_id = zone['organization_id']
    if principal_type in ('account', 'arn'):
        return _account_of(principal_type, principal) not in trusted_accounts
    if principal_type == 'organization':
        return principal != organization_id
    if principal_type == 'organization_path':
        return not (organization_id and principal.startswith(organization_id + '/'))
    if principal_type == 'service':
        # A service acts for any of its customers, unless the statement names whose
        # resources it acts for (the confused-deputy guard).
        source_accounts = _narrowed_values(statement, SOURCE_ACCOUNT_KEY)
        source_organizations = _narrowed_values(statement, SOURCE_ORG_ID_KEY)
        if source_accounts and all(account in trusted_accounts for account in source_accounts):
            return False
        if organization_id and source_organizations and all(value == organization_id for value in source_organizations):
            return False
        return True
    return True


def _statement_findings(statement, denials, zone, owner_account):
    resolved, principal_tests, other_tests = _read_conditions(statement)
    sid = statement.get('Sid') if isinstance(statement.get('Sid'), str) else None
    if 'NotAction' in statement:
        # Every action but those named: reported as all of them.
        granted = ['*']
    else:
        granted = [action for action in as_list(statement.get('Action')) if isinstance(action, str)]
    findings = []
    for principal in _principals(statement, resolved):
        principal_type, principal_id = principal
        denied = [action for principals, actions, like in denials
                  if any(_principal_covers(item, principal, like) for item in principals) for action in actions]
        actions = [action for action in granted if not any(_action_matches(pattern, action) for pattern in denied)]
        if not actions:
            continue
        can_issue = (any(_action_matches(action, ISSUE_ACTION) for action in actions)
                     and not any(_action_matches(pattern, ISSUE_ACTION) for pattern in denied))
        # The organization tests that made the principal an organization or a path are not
        # repeated; on any other principal they were not evaluated, so they are reported.
        conditions = other_tests if principal_type in ('organization', 'organization_path') \
            else _merged(other_tests, principal_tests)
        findings.append({
            'sid': sid,
            'principal_type': principal_type,
            'principal': principal_id,
            'actions': actions,
            'can_issue': can_issue,
            'templates': list(resolved.get(_TEMPLATE_KEY) or [ANY_TEMPLATE]) if can_issue else [],
            'shared_via': 'RAM' if is_ram_statement(statement) else 'POLICY',
            'conditions': conditions,
            'external': _is_external(principal_type, principal_id, statement, zone, owner_account),
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
    statements = [statement for statement in as_list(policy.get('Statement')) if isinstance(statement, dict)]
    denials = _denials(statements, resource_arn)
    findings = []
    for statement in statements:
        effect = statement.get('Effect')
        # Allow in any case counts: reporting too much access is the safe mistake.
        if isinstance(effect, str) and effect.lower() == 'allow':
            findings.extend(_statement_findings(statement, denials, zone, owner_account))
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
    with any template."""
    actions = ['acm-pca:%s' % action for action in permission.get('actions') or []]
    can_issue = ISSUE_ACTION in actions
    account = permission.get('source_account') or owner_account
    return {
        'sid': None,
        'principal_type': 'service',
        'principal': permission.get('principal'),
        'actions': actions,
        'can_issue': can_issue,
        'templates': [ANY_TEMPLATE] if can_issue else [],
        'shared_via': 'PERMISSION',
        'source_account': permission.get('source_account'),
        'conditions': {},
        'is_public': False,
        'external': None if zone is None else account not in set(zone['accounts']) | set([owner_account]),
    }


def add_access_findings(certificate_authorities, zone=None):
    """Give each CA (as pki.acmpca.acmpca_info returns it, with ``policy`` and ``permissions``)
    its ``access`` findings and return the ``external_access`` list: every finding with
    ``external`` true, with its ``certificate_authority_arn``. A CA whose policy or permissions
    could not be read, or whose policy could not be analysed, gets ``access: None`` (and
    ``access_error`` when the policy was read)."""
    external = []
    for certificate_authority in certificate_authorities:
        if certificate_authority.get('policy_error') or certificate_authority.get('permissions_error'):
            certificate_authority['access'] = None
            continue
        owner_account = _owner_of(certificate_authority)
        try:
            findings = access_findings(certificate_authority.get('policy'), owner_account, zone, certificate_authority.get('arn'))
            findings += [permission_finding(permission, owner_account, zone) for permission in certificate_authority.get('permissions') or []]
        except ValueError as exc:
            certificate_authority['access'] = None
            certificate_authority['access_error'] = str(exc)
            continue
        certificate_authority['access'] = findings
        external.extend(dict(finding, certificate_authority_arn=certificate_authority.get('arn'))
                        for finding in findings if finding['external'] is True)
    return external
