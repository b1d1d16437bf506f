# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The org_sharing role's statements: the documented org-sharing shape, owned by a Sid
prefix, merged with the statements others own. Pure functions.

The role's settings travel as one value, OrgSharingSettings, checked once where they
enter (the role's filters, acmpca_policy's org_sharing option)."""

from dataclasses import dataclass

from ansible_collections.pki.acmpca.plugins.module_utils._policy.conditions import ORG_ID_KEY, ORG_PATHS_KEY, TEMPLATE_ARN_KEY
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import (
    ORGANIZATION_ID_FORM,
    VERSION_FOR_NEW_POLICIES,
    is_organization_id,
    organizational_unit_path_match,
    principals_below,
    template_arn,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import (
    CROSS_ACCOUNT_TEMPLATES,
    ISSUE_ACTION,
    READ_ACTIONS,
    REVOKE_ACTION,
    policy_violations,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError, parse_policy
# The role owns the statements whose Sid starts with ORG_SHARING_SID_PREFIX, defined in
# policy_statements.py beside AWS RAM's suffix (and importable from here as before).
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_statements import (
    ORG_SHARING_SID_PREFIX,
    is_org_sharing_statement,
    merge_statements,
)

ORG_SHARING_READ_SID = f"{ORG_SHARING_SID_PREFIX}Read"
ORG_SHARING_ISSUE_SID = f"{ORG_SHARING_SID_PREFIX}Issue"
# A statement of its own: the acm-pca:TemplateArn condition of the Issue statement is
# present only in IssueCertificate requests, so it would never match a revocation.
ORG_SHARING_REVOKE_SID = f"{ORG_SHARING_SID_PREFIX}Revoke"
# The role's variables are org_sharing_<name>; acmpca_policy's suboptions org_sharing.<name>.
ROLE_VARIABLE_PREFIX = 'org_sharing_'
# The role grants to OUs the way IAM documents it: a "*" principal narrowed by
# ForAnyValue:StringLike on aws:PrincipalOrgPaths, one <path>/* value per OU.
ORG_PATHS_OPERATOR = 'ForAnyValue:StringLike'
# What members may issue with when the settings name no template (the role's variable and
# acmpca_policy's org_sharing.templates default to it; roles/org_sharing/defaults/main.yml
# and meta/argument_specs.yml spell it for Ansible, and a unit test keeps them equal).
DEFAULT_TEMPLATES = ('EndEntityCertificate/V1',)


@dataclass(frozen=True)
class OrgSharingSettings:
    """The role's settings: the organization, the template names members may issue with,
    whether they may issue and revoke, and the OU paths that narrow the grant (None: the
    whole organization). Build it with ``checked`` unless the settings were checked already."""

    organization_id: str
    templates: tuple = DEFAULT_TEMPLATES
    allow_issue: bool = True
    organizational_unit_paths: tuple = None
    allow_revoke: bool = False

    @classmethod
    def checked(cls, organization_id, templates, allow_issue, organizational_unit_paths, allow_revoke, prefix):
        """The settings (``templates`` and ``organizational_unit_paths`` as lists), once
        check_org_sharing_settings has found nothing wrong with them (its messages name
        each setting ``prefix`` + its name)."""
        check_org_sharing_settings(organization_id, templates, organizational_unit_paths, prefix)
        return cls(organization_id, tuple(templates), allow_issue,
                   None if organizational_unit_paths is None else tuple(organizational_unit_paths), allow_revoke)


def _organizational_unit_path_violations(organization_id, paths, prefix):
    option = f"{prefix}organizational_unit_paths"
    if paths is None:
        return []
    if not isinstance(paths, (list, tuple)):
        return [f'{option} must be a list of organizational unit paths, got {type(paths).__name__}']
    if not paths:
        # An empty list must not silently widen the sharing to the whole organization.
        return [f'{option} is an empty list; leave it unset (null) to share with the whole organization']
    problems = []
    for path in paths:
        match = organizational_unit_path_match(path)
        if not match:
            problems.append(f'{option}: {path!r} is not an organizational unit path (o-xxxxxxxxxx/r-xxxx/ou-xxxx-xxxxxxxx, possibly deeper)')
        elif match.group('organization_id') != organization_id:
            problems.append(f'{option}: {path!r} is not in the organization {organization_id} ({prefix}organization_id)')
    return problems


def check_org_sharing_settings(organization_id, templates, organizational_unit_paths=None, prefix=ROLE_VARIABLE_PREFIX):
    """Raise PolicyError for an organization ID, template names or organizational unit
    paths the role cannot use; the messages name each setting ``prefix`` + its name."""
    problems = []
    if not is_organization_id(organization_id):
        problems.append(f'{prefix}organization_id {organization_id!r} is not an organization ID ({ORGANIZATION_ID_FORM})')
    if not isinstance(templates, list) or not templates:
        problems.append(f'{prefix}templates must be a non-empty list of template names')
    else:
        problems.extend(f"{prefix}templates: {name!r} is not a template a shared CA may issue with (allowed: {', '.join(CROSS_ACCOUNT_TEMPLATES)})"
                        for name in templates if name not in CROSS_ACCOUNT_TEMPLATES)
    problems.extend(_organizational_unit_path_violations(organization_id, organizational_unit_paths, prefix))
    if problems:
        raise PolicyError('; '.join(problems), problems)


def _principal_guard(organization_id, organizational_unit_paths):
    """The condition that narrows the "*" principal: the organization, or only its OUs."""
    if organizational_unit_paths:
        values = []
        for path in organizational_unit_paths:
            value = principals_below(path)
            if value not in values:
                values.append(value)
        return {ORG_PATHS_OPERATOR: {ORG_PATHS_KEY: values}}
    return {'StringEquals': {ORG_ID_KEY: organization_id}}


def org_sharing_statements(ca, settings):
    """The documented org-sharing statements for the CA ``ca`` (a CertificateAuthorityArn)
    and the OrgSharingSettings ``settings``: with OU paths, granted to the principals in
    those OUs only; with allow_revoke, also RevokeCertificate (what AWS RAM's
    AWSRAMRevokeCertificateCertificateAuthority permission grants)."""
    guard = _principal_guard(settings.organization_id, settings.organizational_unit_paths)
    statements = [{
        'Sid': ORG_SHARING_READ_SID,
        'Effect': 'Allow',
        'Principal': '*',
        'Action': list(READ_ACTIONS),
        'Resource': ca.arn,
        'Condition': guard,
    }]
    if settings.allow_issue:
        condition = _principal_guard(settings.organization_id, settings.organizational_unit_paths)
        condition.setdefault('StringEquals', {})[TEMPLATE_ARN_KEY] = [template_arn(ca.partition, name) for name in settings.templates]
        statements.append({
            'Sid': ORG_SHARING_ISSUE_SID,
            'Effect': 'Allow',
            'Principal': '*',
            'Action': ISSUE_ACTION,
            'Resource': ca.arn,
            'Condition': condition,
        })
    if settings.allow_revoke:
        statements.append({
            'Sid': ORG_SHARING_REVOKE_SID,
            'Effect': 'Allow',
            'Principal': '*',
            'Action': REVOKE_ACTION,
            'Resource': ca.arn,
            'Condition': _principal_guard(settings.organization_id, settings.organizational_unit_paths),
        })
    return statements


def policy_with_org_sharing(current, ca, settings, state='present'):
    """The policy the CA should have: the statements others own, kept as they are, plus
    (for ``present``) the role's own statements for ``settings``. None when nothing would
    remain. The same merge as acmpca_policy's ``statements`` (policy_statements.py)."""
    if current is not None and not isinstance(current, dict):
        raise PolicyError('the policy on %s is not a JSON object; the org_sharing statements will not be merged into it '
                          '(replace it whole with the policy option)' % ca.arn)
    owned = org_sharing_statements(ca, settings) if state == 'present' else []
    return merge_statements(current, put=owned, remove=is_org_sharing_statement)


# ------------------------------------------------- acmpca_policy's org_sharing option

def requested_org_sharing(settings, state, ca, validate=True):
    """Check acmpca_policy's ``org_sharing`` option without any AWS call, and return a
    function from the CA's current policy to the policy it should have (None: none).

    The settings are checked as the role checks its variables; with ``validate``, the
    statements the option writes are checked against the ACM PCA rules. The statements
    already on the CA are AWS's to have accepted."""
    chosen = OrgSharingSettings.checked(settings['organization_id'], settings['templates'], settings['allow_issue'],
                                        settings['organizational_unit_paths'], settings['allow_revoke'], prefix='org_sharing.')
    if state == 'present' and validate:
        problems = policy_violations({'Version': VERSION_FOR_NEW_POLICIES, 'Statement': org_sharing_statements(ca, chosen)}, ca)
        if problems:
            raise PolicyError('the org_sharing statements break %d ACM PCA policy rule%s: %s'
                              % (len(problems), '' if len(problems) == 1 else 's', '; '.join(problems)), problems)

    def policy_for(current):
        merged = policy_with_org_sharing(current, ca, chosen, state)
        if merged is not None:
            parse_policy(merged, option=f'the policy of {ca.arn} with the org_sharing statements')
        return merged
    return policy_for
