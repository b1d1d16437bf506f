# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The org_sharing role's statements: the documented org-sharing shape, owned by a Sid
prefix, merged with the statements others own. Pure functions."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import PolicyError
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import (
    CROSS_ACCOUNT_TEMPLATES,
    ISSUE_ACTION,
    ORG_ID_KEY,
    READ_ACTIONS,
    TEMPLATE_ARN_KEY,
    is_organization_id,
    template_arn,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_statements import merge_statements

# Statements the org_sharing role owns are recognised by this Sid prefix.
ORG_SHARING_SID_PREFIX = 'PkiAcmpcaOrgSharing'
ORG_SHARING_READ_SID = ORG_SHARING_SID_PREFIX + 'Read'
ORG_SHARING_ISSUE_SID = ORG_SHARING_SID_PREFIX + 'Issue'


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
    (for ``present``) the role's own statements. None when nothing would remain.
    The same merge as acmpca_policy's ``statements`` (policy_statements.py)."""
    if current is not None and not isinstance(current, dict):
        raise PolicyError('the policy on %s is not a JSON object; the role will not rewrite it' % ca.arn)
    owned = org_sharing_statements(ca, organization_id, templates, allow_issue) if state == 'present' else []
    return merge_statements(current, put=owned, remove=is_org_sharing_statement)
