# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The ACM PCA resource policy rules: what a policy may grant, to whom, on what.
``policy_violations`` lists every rule a policy breaks, all in one pass, each naming the
statement and the element; ``policy_warnings`` what AWS accepts but never takes effect.
Pure functions."""


from ansible_collections.pki.acmpca.plugins.module_utils.conditions import (
    ORG_ID_KEY,
    ORG_PATHS_KEY,
    TEMPLATE_ARN_KEY,
    is_x509_key,
    matches_when_absent,
    parse_operator,
)
from ansible_collections.pki.acmpca.plugins.module_utils.iam import (
    ACCOUNT_ID,
    ORGANIZATION_ID_FORM,
    POLICY_VERSIONS,
    PRINCIPAL_ARN,
    TEMPLATE_ARN,
    as_list as _as_list,
    condition_tests,
    condition_values as _condition_values,
    is_organization_id,
    is_organization_path,
    statement_sid,
    template_arn,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import PolicyError

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
# AWS RAM customer managed permissions for ACM PCA may grant it, and RAM writes what a
# share grants into the CA's policy, so GetPolicy can return it (user guide, pca-cmp).
REVOKE_ACTION = 'acm-pca:RevokeCertificate'
ALLOWED_ACTIONS = READ_ACTIONS + (ISSUE_ACTION, REVOKE_ACTION)
# IAM knows Allow and Deny; an ACM PCA resource policy supports only Allow statements
# (user guide, "Supported policy types"): Deny guardrails belong in other policy types.
ALLOW = 'Allow'
DENY_GUARDRAILS = 'identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC endpoint policies'
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
# aws:PrincipalOrgPaths is multivalued: IAM documents it with ForAnyValue. ForAllValues
# is true when the key is absent, so it narrows nothing.
ORG_PATHS_OPERATORS = ('ForAnyValue:StringLike', 'ForAnyValue:StringEquals')


def _statement_label(statement, index):
    sid = statement_sid(statement)
    if sid is not None:
        return 'statement %r (Statement[%d])' % (sid, index)
    return 'Statement[%d]' % index


def _string_equals(statement, key):
    return _condition_values(statement, 'StringEquals', key)


def _grants_everyone(principal):
    if principal == '*':
        return True
    if isinstance(principal, dict):
        return '*' in _as_list(principal.get('AWS'))
    return False


def statement_violations(statement, index, ca):
    """Every ACM PCA policy rule the statement at ``index`` breaks."""
    return _statement_violations(statement, _statement_label(statement, index), ca)


def _statement_violations(statement, label, ca):
    if not isinstance(statement, dict):
        return [f'{label} must be a JSON object']
    problems = []
    for key in statement:
        if key not in STATEMENT_KEYS:
            problems.append(f"{label} has the unknown key {key!r} (allowed: {', '.join(STATEMENT_KEYS)})")
    for key in ('NotAction', 'NotResource', 'NotPrincipal'):
        if key in statement:
            problems.append(f'{label} uses {key}, which ACM PCA resource policies do not allow')
    effect = statement.get('Effect')
    problems.extend(_effect_violations(effect, label))
    # An element given as null (YAML's "Action:" with nothing after it) is missing too.
    if statement.get('Principal') is None:
        problems.append(f'{label} has no Principal')
    else:
        problems.extend(_principal_violations(statement['Principal'], label, ca))

    actions = _as_list(statement.get('Action') if statement.get('Action') is not None else [])
    if not actions:
        problems.append(f'{label} has no Action')
    for action in actions:
        # IAM matches action names without regard to case.
        if not isinstance(action, str) or action.lower() not in _ALLOWED_ACTIONS_LOWER:
            problems.append(f"{label}: Action {action!r} is not allowed in an ACM PCA policy (allowed: {', '.join(ALLOWED_ACTIONS)})")
    actions = [action.lower() for action in actions if isinstance(action, str)]

    resources = _as_list(statement.get('Resource') if statement.get('Resource') is not None else [])
    if not resources:
        problems.append(f'{label} has no Resource; it must be this CA\'s ARN {ca.arn}')
    for resource in resources:
        if resource != ca.arn:
            problems.append(f'{label}: Resource {resource!r} is not this CA\'s ARN {ca.arn}')

    # Every statement is meant as an Allow (the only kind supported), so the Allow rules
    # apply whatever is wrong with its Effect, and every problem shows in one pass; a Deny
    # is refused as such, and a "*" principal is how a Deny is usually written.
    if not _is_deny(effect) and ISSUE_ACTION.lower() in actions:
        problems.extend(_template_violations(statement, label, ca))
    if not _is_deny(effect) and _grants_everyone(statement.get('Principal')):
        problems.extend(_organization_violations(statement, label))
    return problems


def _is_deny(effect):
    return isinstance(effect, str) and effect.lower() == 'deny'


def _effect_violations(effect, label):
    if effect is None:
        return [f'{label} has no Effect; write Effect "Allow"']
    if effect == ALLOW:
        return []
    if _is_deny(effect):
        return [f'{label} has Effect {effect!r}: ACM PCA resource policies support only Allow statements; put Deny guardrails in {DENY_GUARDRAILS}']
    # IAM: "The Effect value is case sensitive"; AWS refuses "allow".
    if isinstance(effect, str) and effect.lower() == ALLOW.lower():
        return [f'{label} has Effect {effect!r}; Effect is case-sensitive: write "Allow"']
    return [f'{label} has Effect {effect!r}; it must be "Allow" (ACM PCA resource policies support only Allow statements)']


def _principal_violations(principal, label, ca):
    if principal == '*':
        return []
    if not isinstance(principal, dict):
        return ['%s: Principal must be "*" or an object such as {"AWS": "<account id>"}' % label]
    if not principal:
        return ['%s: Principal is empty ({}); name who is allowed, such as {"AWS": "<account id>"}' % label]
    problems = []
    for kind, values in principal.items():
        if _as_list(values) == []:
            problems.append(f'{label}: Principal {kind} is an empty list; name at least one principal')
        for value in _as_list(values):
            if not isinstance(value, str):
                # An unquoted account ID in YAML becomes a number (and loses leading zeros).
                problems.append('%s: Principal %s value %r must be a string; YAML or a template made it a number: quote '
                                'account IDs, or use "{{ account_id | string }}"' % (label, kind, value))
            elif kind == 'AWS':
                problems.extend(_aws_principal_violations(value, label, ca))
    return problems


def _aws_principal_violations(value, label, ca):
    if value == '*' or ACCOUNT_ID.match(value):
        return []
    if value.isdigit():
        return [f'{label}: Principal AWS {value!r} is not an account ID: account IDs are 12 digits (quote them in YAML so leading zeros stay)']
    match = PRINCIPAL_ARN.match(value)
    if not match:
        return ['%s: Principal AWS %r names no principal: give a 12-digit account ID, arn:%s:iam::<account id>:root, '
                'an IAM user or role ARN, or arn:%s:sts::<account id>:assumed-role/<role>/<session>'
                % (label, value, ca.partition, ca.partition)]
    if match.group('partition') != ca.partition:
        # An account ID is a principal of the CA's partition only; arn:aws-cn:... is another principal.
        return ['%s: Principal AWS %r is in partition %r but the CA is in %r; principals of another partition '
                'cannot use this CA' % (label, value, match.group('partition'), ca.partition)]
    return []


def _template_violations(statement, label, ca):
    templates = _string_equals(statement, TEMPLATE_ARN_KEY)
    if not templates:
        return [f'{label} grants {ISSUE_ACTION} without a StringEquals condition on {TEMPLATE_ARN_KEY} naming an allowed template']
    problems = []
    for template in templates:
        match = TEMPLATE_ARN.match(template) if isinstance(template, str) else None
        if not match or match.group('name') not in CROSS_ACCOUNT_TEMPLATES:
            problems.append('%s: %s %r is not a template a shared CA may issue with (allowed: %s)'
                            % (label, TEMPLATE_ARN_KEY, template,
                               ', '.join(template_arn(ca.partition, name) for name in CROSS_ACCOUNT_TEMPLATES)))
        elif match.group('partition') != ca.partition:
            problems.append(f"{label}: {TEMPLATE_ARN_KEY} {template!r} is in partition {match.group('partition')!r} but the CA is in {ca.partition!r}")
    return problems


def _organization_violations(statement, label):
    """A "*" principal must be narrowed to an organization (aws:PrincipalOrgID) or to
    organizational units (aws:PrincipalOrgPaths): PutPolicy grants to both."""
    organization_ids = _string_equals(statement, ORG_ID_KEY)
    paths = [(operator, _condition_values(statement, operator, ORG_PATHS_KEY)) for operator in ORG_PATHS_OPERATORS]
    paths = [(operator, values) for operator, values in paths if values]
    if not organization_ids and not paths:
        return ['%s allows any AWS account (a "*" principal) without a StringEquals %s condition or a %s condition '
                'on %s; name your organization or its OUs, or name account IDs as principals'
                % (label, ORG_ID_KEY, ' / '.join(ORG_PATHS_OPERATORS), ORG_PATHS_KEY)]
    problems = ['%s: %s %r is not an organization ID (%s)'
                % (label, ORG_ID_KEY, value, ORGANIZATION_ID_FORM) for value in organization_ids if not is_organization_id(value)]
    problems.extend(f'{label}: {ORG_PATHS_KEY} {value!r} under {operator} is not an organization path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'
                    for operator, values in paths for value in values if not is_organization_path(value))
    # Only StringLike reads * as a wildcard: under StringEquals such a path matches no principal.
    problems.extend(f'{label}: {ORG_PATHS_KEY} {value!r} under {operator} matches no principal (StringEquals takes * literally); use ForAnyValue:StringLike'
                    for operator, values in paths if not operator.endswith('StringLike')
                    for value in values if is_organization_path(value) and value.endswith('*'))
    return problems


def policy_violations(document, ca):
    """Every way ``document`` breaks the ACM PCA policy rules for the CA ``ca``
    (a CertificateAuthorityArn); an empty list when it follows them."""
    problems = [f"policy has the unknown top-level key {key!r} (allowed: {', '.join(POLICY_KEYS)})"
                for key in document if key not in POLICY_KEYS]
    if 'Version' in document and document['Version'] not in POLICY_VERSIONS:
        problems.append(f"policy Version {document['Version']!r} is not one of {', '.join(POLICY_VERSIONS)}")
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
        raise PolicyError(f"policy breaks {len(problems)} ACM PCA policy rule{'' if len(problems) == 1 else 's'}: {'; '.join(problems)}", problems)


def _x509_condition_keys(statement):
    """(operator, key) of each X.509 certificate condition key in the statement's Condition
    (key names are not case-sensitive)."""
    return [(operator, key) for operator, key, _values in condition_tests(statement) if is_x509_key(key)]


def _x509_outcome(operator):
    """What a test on a key absent from the request does, by the operator's kind (IAM)."""
    parsed = parse_operator(operator)
    if parsed and parsed.family == 'Null':
        return f'under {operator} the test sees only that the key is absent, never a certificate'
    if parsed and matches_when_absent(parsed):
        return f'under {operator} the test holds when the key is absent, so it narrows nothing'
    return 'the test never matches, so the statement never grants them'


def _statement_warnings(statement, label):
    if not isinstance(statement, dict):
        return []
    actions = _as_list(statement.get('Action') if statement.get('Action') is not None else [])
    others = [action for action in actions if not (isinstance(action, str) and action.lower() == ISSUE_ACTION.lower())]
    if not others:
        return []
    named = ', '.join(str(action) for action in others)
    # Without IssueCertificate beside them, there is nothing to move into a statement of its own.
    if len(others) < len(actions):
        advice = f'give {ISSUE_ACTION} a statement of its own'
    else:
        advice = f'use the key only in a statement for {ISSUE_ACTION}, or drop it'
    return ['%s: Condition %s %r is an X.509 certificate condition key, present only in %s requests: for %s %s; %s'
            % (label, operator, key, ISSUE_ACTION, named, _x509_outcome(operator), advice)
            for operator, key in _x509_condition_keys(statement)]


def policy_warnings(document):
    """What AWS accepts in ``document`` but never takes effect: an X.509 certificate condition
    key in a statement for actions other than acm-pca:IssueCertificate. Warnings, not
    violations: the statement still grants what it grants for IssueCertificate."""
    statements = _as_list(document.get('Statement', [])) if isinstance(document, dict) else []
    return [warning for index, statement in enumerate(statements)
            for warning in _statement_warnings(statement, _statement_label(statement, index))]
