# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ACM PCA resource policy logic: parse, compare by meaning, validate, and merge the
org-sharing statements. Pure functions: no boto3, no AnsibleModule.

This is the single place where two policies are compared; the module, the filters
and the role all go through ``policies_equivalent``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

# PutPolicy's Policy shape in the botocore model: 1..81920 characters, and only
# tab, LF, CR and U+0020..U+00FF.
POLICY_MAX_LENGTH = 81920
_FIRST_DISALLOWED_CHARACTER = re.compile(u'[^\t\n\r\u0020-\u00ff]')

POLICY_VERSIONS = ('2012-10-17', '2008-10-17')
POLICY_KEYS = ('Version', 'Id', 'Statement')
STATEMENT_KEYS = ('Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition')

READ_ACTIONS = (
    'acm-pca:DescribeCertificateAuthority',
    'acm-pca:GetCertificate',
    'acm-pca:GetCertificateAuthorityCertificate',
    'acm-pca:ListPermissions',
    'acm-pca:ListTags',
)
ISSUE_ACTION = 'acm-pca:IssueCertificate'
ALLOWED_ACTIONS = READ_ACTIONS + (ISSUE_ACTION,)
_ALLOWED_ACTIONS_LOWER = frozenset(action.lower() for action in ALLOWED_ACTIONS)

# The templates a cross-account issuer may use (AWS Private CA user guide).
CROSS_ACCOUNT_TEMPLATES = (
    'EndEntityCertificate/V1',
    'EndEntityClientAuthCertificate/V1',
    'EndEntityServerAuthCertificate/V1',
    'BlankEndEntityCertificate_APIPassthrough/V1',
    'BlankEndEntityCertificate_APICSRPassthrough/V1',
    'SubordinateCACertificate_PathLen0/V1',
)
TEMPLATE_ARN_KEY = 'acm-pca:TemplateArn'
ORG_ID_KEY = 'aws:PrincipalOrgID'
ORGANIZATION_ID = re.compile(r'^o-[a-z0-9]{10,32}\Z')
_TEMPLATE_ARN = re.compile(r'^arn:(?P<partition>aws[a-z-]*):acm-pca:::template/(?P<name>.+)\Z')
_ROOT_PRINCIPAL = re.compile(r'^arn:aws[a-z-]*:iam::(?P<account>[0-9]{12}):root\Z')

# Statements the org_sharing role owns are recognised by this Sid prefix.
ORG_SHARING_SID_PREFIX = 'PkiAcmpcaOrgSharing'
ORG_SHARING_READ_SID = ORG_SHARING_SID_PREFIX + 'Read'
ORG_SHARING_ISSUE_SID = ORG_SHARING_SID_PREFIX + 'Issue'


class PolicyError(ValueError):
    """A policy that cannot be used, with every reason found."""

    def __init__(self, message, violations=None):
        super(PolicyError, self).__init__(message)
        self.violations = list(violations or [])


# ---------------------------------------------------------------- parsing

def _reject_duplicate_keys(pairs):
    document = {}
    for key, value in pairs:
        if key in document:
            raise PolicyError('policy is not valid: the key %r appears twice in one object' % key)
        document[key] = value
    return document


def parse_policy(value, option='policy'):
    """Return the policy ``value`` (a dict or a JSON string) as a dict, checked against
    the PutPolicy size and character limits. Raises PolicyError."""
    if isinstance(value, dict):
        document = value
    elif isinstance(value, str):
        if not value.strip():
            raise PolicyError('%s is empty; give a JSON object' % option)
        try:
            document = json.loads(value, object_pairs_hook=_reject_duplicate_keys)
        except ValueError as exc:
            if isinstance(exc, PolicyError):
                raise
            raise PolicyError('%s is not valid JSON: %s' % (option, exc))
    else:
        raise PolicyError('%s must be a JSON object or a dict, got %s' % (option, type(value).__name__))
    if not isinstance(document, dict):
        raise PolicyError('%s must be a JSON object ({...}), got a JSON %s' % (option, _json_type(document)))
    check_policy_characters(document, option)
    size = len(serialize_policy(document))
    if size > POLICY_MAX_LENGTH:
        raise PolicyError('%s is %d characters once serialized; ACM PCA accepts at most %d' % (option, size, POLICY_MAX_LENGTH))
    return document


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


def _walk_strings(value, path):
    if isinstance(value, dict):
        for key, item in value.items():
            child = '%s.%s' % (path, key) if path else key
            yield child + ' (key)', key
            yield from _walk_strings(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_strings(item, '%s[%d]' % (path, index))
    elif isinstance(value, str):
        yield path, value


def check_policy_characters(document, option='policy'):
    for path, text in _walk_strings(document, ''):
        bad = _FIRST_DISALLOWED_CHARACTER.search(text)
        if bad:
            character = bad.group(0)
            raise PolicyError(
                '%s contains the character %r (U+%04X) in %s at position %d; ACM PCA accepts only tab, LF, CR '
                'and U+0020..U+00FF' % (option, character, ord(character), path, bad.start() + 1))


# ------------------------------------------------------------ equivalence

def _sort_key(value):
    return json.dumps(value, sort_keys=True)


def _as_set(value):
    """A one-element list and a plain value mean the same; order and repeats do not matter."""
    items = value if isinstance(value, list) else [value]
    unique = dict((_sort_key(item), item) for item in items)
    return [unique[key] for key in sorted(unique)]


def _canonical_principal_id(value):
    if isinstance(value, str):
        match = _ROOT_PRINCIPAL.match(value)
        if match:
            return match.group('account')
    return value


def _canonical_principal(principal):
    if principal == '*':
        principal = {'AWS': '*'}
    if not isinstance(principal, dict):
        return principal
    canonical = {}
    for kind, ids in principal.items():
        if kind == 'AWS':
            ids = [_canonical_principal_id(item) for item in (ids if isinstance(ids, list) else [ids])]
        canonical[kind] = _as_set(ids)
    return canonical


def _canonical_condition(condition):
    if not isinstance(condition, dict):
        return condition
    return dict(
        (operator, dict((key, _as_set(values)) for key, values in tests.items()) if isinstance(tests, dict) else tests)
        for operator, tests in condition.items()
    )


def _canonical_statement(statement):
    if not isinstance(statement, dict):
        return statement
    canonical = {}
    for key, value in statement.items():
        if key == 'Effect' and isinstance(value, str):
            value = value.lower()
        elif key in ('Action', 'NotAction'):
            # IAM matches action names without regard to case.
            value = _as_set([action.lower() if isinstance(action, str) else action for action in _as_list(value)])
        elif key in ('Resource', 'NotResource'):
            value = _as_set(value)
        elif key in ('Principal', 'NotPrincipal'):
            value = _canonical_principal(value)
        elif key == 'Condition':
            value = _canonical_condition(value)
        canonical[key] = value
    return canonical


def canonical_policy(document):
    """A form of ``document`` in which every spelling of the same meaning is identical."""
    if not isinstance(document, dict):
        return document
    canonical = dict(document)
    if 'Statement' in document:
        canonical['Statement'] = _as_set([_canonical_statement(item) for item in _as_list(document['Statement'])])
    return canonical


def policies_equivalent(first, second):
    """True when the two policies (dicts, raw text or None) grant exactly the same."""
    if first is None or second is None:
        return first is None and second is None
    return _sort_key(canonical_policy(first)) == _sort_key(canonical_policy(second))


def _as_list(value):
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------- validation

def _statement_label(statement, index):
    sid = statement.get('Sid') if isinstance(statement, dict) else None
    if isinstance(sid, str) and sid:
        return 'statement %r (Statement[%d])' % (sid, index)
    return 'Statement[%d]' % index


def _string_equals(statement, key):
    """The values a statement's StringEquals condition gives for ``key``, or None."""
    condition = statement.get('Condition')
    if not isinstance(condition, dict):
        return None
    tests = condition.get('StringEquals')
    if not isinstance(tests, dict) or key not in tests:
        return None
    return _as_list(tests[key])


def _grants_everyone(principal):
    if principal == '*':
        return True
    if isinstance(principal, dict):
        return '*' in _as_list(principal.get('AWS', []))
    return False


def _statement_violations(statement, label, ca):
    if not isinstance(statement, dict):
        return ['%s must be a JSON object' % label]
    problems = []
    for key in statement:
        if key not in STATEMENT_KEYS:
            problems.append('%s has the unknown key %r (allowed: %s)' % (label, key, ', '.join(STATEMENT_KEYS)))
    for key in ('NotAction', 'NotResource', 'NotPrincipal'):
        if key in statement:
            problems.append('%s uses %s, which ACM PCA resource policies do not allow' % (label, key))
    # Effect is compared without regard to case, as AWS does.
    effect = statement.get('Effect')
    effect = effect.lower() if isinstance(effect, str) else effect
    if effect not in ('allow', 'deny'):
        problems.append('%s has Effect %r; it must be "Allow" or "Deny"' % (label, statement.get('Effect')))
    if 'Principal' not in statement:
        problems.append('%s has no Principal' % label)
    problems.extend(_principal_type_violations(statement.get('Principal'), label))

    actions = _as_list(statement.get('Action', []))
    if not actions:
        problems.append('%s has no Action' % label)
    for action in actions:
        # IAM matches action names without regard to case.
        if not isinstance(action, str) or action.lower() not in _ALLOWED_ACTIONS_LOWER:
            problems.append('%s: action %r is not allowed in an ACM PCA policy (allowed: %s)'
                            % (label, action, ', '.join(ALLOWED_ACTIONS)))
    actions = [action.lower() for action in actions if isinstance(action, str)]

    resources = _as_list(statement.get('Resource', []))
    if not resources:
        problems.append('%s has no Resource; it must be this CA\'s ARN %s' % (label, ca.arn))
    for resource in resources:
        if resource != ca.arn:
            problems.append('%s: Resource %r is not this CA\'s ARN %s' % (label, resource, ca.arn))

    if effect == 'allow' and ISSUE_ACTION.lower() in actions:
        problems.extend(_template_violations(statement, label, ca))
    if effect == 'allow' and _grants_everyone(statement.get('Principal')):
        problems.extend(_organization_violations(statement, label))
    return problems


def _principal_type_violations(principal, label):
    # An unquoted account ID in YAML becomes a number (and loses leading zeros).
    if principal is None or principal == '*':
        return []
    if not isinstance(principal, dict):
        return ['%s: Principal must be "*" or an object such as {"AWS": "<account id>"}' % label]
    return ['%s: Principal %s value %r must be a string; YAML or a template made it a number: quote account IDs, '
            'or use "{{ account_id | string }}"' % (label, kind, value)
            for kind, values in principal.items() for value in _as_list(values) if not isinstance(value, str)]


def _template_violations(statement, label, ca):
    templates = _string_equals(statement, TEMPLATE_ARN_KEY)
    if not templates:
        return ['%s grants %s without a StringEquals condition on %s naming an allowed template'
                % (label, ISSUE_ACTION, TEMPLATE_ARN_KEY)]
    problems = []
    for template in templates:
        match = _TEMPLATE_ARN.match(template) if isinstance(template, str) else None
        if not match or match.group('name') not in CROSS_ACCOUNT_TEMPLATES:
            problems.append('%s: %s %r is not a template a shared CA may issue with (allowed: %s)'
                            % (label, TEMPLATE_ARN_KEY, template,
                               ', '.join(template_arn(ca.partition, name) for name in CROSS_ACCOUNT_TEMPLATES)))
        elif match.group('partition') != ca.partition:
            problems.append('%s: %s %r is in partition %r but the CA is in %r'
                            % (label, TEMPLATE_ARN_KEY, template, match.group('partition'), ca.partition))
    return problems


def _organization_violations(statement, label):
    organization_ids = _string_equals(statement, ORG_ID_KEY)
    if not organization_ids:
        return ['%s allows any AWS account (a "*" principal) without a StringEquals %s condition; '
                'name your organization, or name account IDs as principals' % (label, ORG_ID_KEY)]
    return ['%s: %s %r is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)'
            % (label, ORG_ID_KEY, value) for value in organization_ids if not is_organization_id(value)]


def policy_violations(document, ca):
    """Every way ``document`` breaks the ACM PCA policy rules for the CA ``ca``
    (a CertificateAuthorityArn); an empty list when it follows them."""
    problems = ['policy has the unknown top-level key %r (allowed: %s)' % (key, ', '.join(POLICY_KEYS))
                for key in document if key not in POLICY_KEYS]
    if 'Version' in document and document['Version'] not in POLICY_VERSIONS:
        problems.append('policy Version %r is not one of %s' % (document['Version'], ', '.join(POLICY_VERSIONS)))
    statements = _as_list(document.get('Statement', []))
    if not statements:
        problems.append('policy has no Statement')
    for index, statement in enumerate(statements):
        problems.extend(_statement_violations(statement, _statement_label(statement, index), ca))
    return problems


def validate_policy(document, ca):
    """Raise PolicyError listing every violation of the ACM PCA policy rules."""
    problems = policy_violations(document, ca)
    if problems:
        raise PolicyError('policy breaks %d ACM PCA policy rule%s: %s'
                          % (len(problems), '' if len(problems) == 1 else 's', '; '.join(problems)), problems)


# ------------------------------------------------------------ org sharing

def is_organization_id(value):
    return isinstance(value, str) and bool(ORGANIZATION_ID.match(value))


def template_arn(partition, name):
    return 'arn:%s:acm-pca:::template/%s' % (partition, name)


def check_org_sharing_settings(organization_id, templates):
    """Raise PolicyError for an organization ID or template names the role cannot use."""
    problems = []
    if not is_organization_id(organization_id):
        problems.append('org_sharing_organization_id %r is not an organization ID (o- followed by 10 to 32 '
                        'lowercase letters or digits)' % (organization_id,))
    if not isinstance(templates, list) or not templates:
        problems.append('org_sharing_templates must be a non-empty list of template names')
    else:
        problems.extend('org_sharing_templates: %r is not a template a shared CA may issue with (allowed: %s)'
                        % (name, ', '.join(CROSS_ACCOUNT_TEMPLATES))
                        for name in templates if name not in CROSS_ACCOUNT_TEMPLATES)
    if problems:
        raise PolicyError('; '.join(problems), problems)


def org_sharing_statements(ca, organization_id, templates, allow_issue=True):
    """The documented org-sharing statements for the CA ``ca`` (a CertificateAuthorityArn)."""
    statements = [{
        'Sid': ORG_SHARING_READ_SID,
        'Effect': 'Allow',
        'Principal': '*',
        'Action': list(READ_ACTIONS),
        'Resource': ca.arn,
        'Condition': {'StringEquals': {ORG_ID_KEY: organization_id}},
    }]
    if allow_issue:
        statements.append({
            'Sid': ORG_SHARING_ISSUE_SID,
            'Effect': 'Allow',
            'Principal': '*',
            'Action': ISSUE_ACTION,
            'Resource': ca.arn,
            'Condition': {'StringEquals': {
                TEMPLATE_ARN_KEY: [template_arn(ca.partition, name) for name in templates],
                ORG_ID_KEY: organization_id,
            }},
        })
    return statements


def is_org_sharing_statement(statement):
    sid = statement.get('Sid') if isinstance(statement, dict) else None
    return isinstance(sid, str) and sid.startswith(ORG_SHARING_SID_PREFIX)


def policy_with_org_sharing(current, ca, organization_id, templates, allow_issue=True, state='present'):
    """The policy the CA should have: the statements others own, kept as they are, plus
    (for ``present``) the role's own statements. None when nothing would remain."""
    if current is not None and not isinstance(current, dict):
        raise PolicyError('the policy on %s is not a JSON object; the role will not rewrite it' % ca.arn)
    current = current or {}
    foreign = [statement for statement in _as_list(current.get('Statement', []))
               if not is_org_sharing_statement(statement)]
    owned = org_sharing_statements(ca, organization_id, templates, allow_issue) if state == 'present' else []
    if not foreign and not owned:
        return None
    desired = dict(current) if current else {'Version': '2012-10-17'}
    desired['Statement'] = foreign + owned
    return desired
