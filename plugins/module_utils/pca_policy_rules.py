# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ACM PCA resource policy rules: what a policy may grant, to whom, on what.
``policy_violations`` lists every rule a policy breaks. Pure functions."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import PolicyError, as_list as _as_list

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
    organization_paths = _organization_paths_guard(statement)
    if organization_paths:
        return _organization_paths_violations(organization_paths, label)
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


# ------------------------------------------------------- organizational units
# The PutPolicy reference lets a policy grant to an AWS Organizations unit; IAM's key for
# it is aws:PrincipalOrgPaths, written with ForAnyValue:StringLike and values
# <org id>/<root id>/<ou id>/.../* . A "*" principal guarded that way is as narrow as one
# guarded by aws:PrincipalOrgID.

ORG_PATHS_KEY = 'aws:PrincipalOrgPaths'
ORG_PATHS_OPERATOR = 'ForAnyValue:StringLike'
# o-<org>/r-<root>/ou-<root>-<ou>[/ou-...]: the IDs' patterns are those of the Organizations API.
ORGANIZATIONAL_UNIT_PATH = re.compile(r'^(?P<organization_id>o-[a-z0-9]{10,32})/r-[0-9a-z]{4,32}'
                                      r'(?:/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})+\Z')
_ORGANIZATION_PATH_VALUE = re.compile(r'^o-[a-z0-9]{10,32}/')


def _organization_paths_guard(statement):
    """The values ForAnyValue:StringLike gives aws:PrincipalOrgPaths (key name in any case), or None."""
    condition = statement.get('Condition')
    tests = condition.get(ORG_PATHS_OPERATOR) if isinstance(condition, dict) else None
    if not isinstance(tests, dict):
        return None
    for key, values in tests.items():
        if isinstance(key, str) and key.lower() == ORG_PATHS_KEY.lower():
            return _as_list(values)
    return None


def _organization_paths_violations(organization_paths, label):
    return ['%s: %s %r is not an organization path (o-xxxxxxxxxx/r-xxxx/ou-xxxx-xxxxxxxx/*)'
            % (label, ORG_PATHS_KEY, value) for value in organization_paths
            if not (isinstance(value, str) and _ORGANIZATION_PATH_VALUE.match(value))]
