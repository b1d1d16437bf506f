# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters behind the pki.acmpca.org_sharing role.

Thin over ``module_utils/org_sharing.py`` (the role's statements and their merge with
statements others own) and ``policy_equivalence.py`` (the comparison by meaning).
What lives here is only the choice of CAs and the translation into Ansible errors.
Each filter is documented in the ``<filter name>.yml`` file beside this one.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.org_sharing import (
    check_org_sharing_settings,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import PolicyError
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent

DEFAULT_TEMPLATES = ('EndEntityCertificate/V1',)
STATES = ('present', 'absent')


def _checked_settings(organization_id, templates, allow_issue, state, organizational_unit_paths=None):
    """The role's settings checked, with templates and OU paths as lists and allow_issue as a bool."""
    if state not in STATES:
        raise AnsibleFilterError('org_sharing_state must be one of %s, got %r' % (', '.join(STATES), state))
    problems = org_sharing_violations(organization_id, templates, organizational_unit_paths)
    if problems:
        raise AnsibleFilterError('; '.join(problems))
    paths = _option_list(organizational_unit_paths)
    return list(_option_list(templates)), _allow_issue(allow_issue), None if paths is None else list(paths)


def _allow_issue(value):
    # -e key=value, INI inventories and AWX surveys give strings: "false" must mean false.
    try:
        return boolean(value, strict=True)
    except TypeError as exc:
        raise AnsibleFilterError('org_sharing_allow_issue must be a boolean: %s' % exc)


def _option_list(value):
    # A role variable of type list may arrive as one comma-separated string (-e name=a,b).
    if isinstance(value, str):
        return [item.strip() for item in value.split(',') if item.strip()]
    return value


def _certificate_authority_arn(arn):
    try:
        return parse_certificate_authority_arn(arn, option='certificate authority ARN')
    except ValueError as exc:
        raise AnsibleFilterError(str(exc))


def org_sharing_violations(organization_id, templates=DEFAULT_TEMPLATES, organizational_unit_paths=None):
    """Every problem with the organization ID, template names and OU paths; [] when they can be used."""
    templates = _option_list(templates)
    paths = _option_list(organizational_unit_paths)
    try:
        check_org_sharing_settings(organization_id, list(templates) if isinstance(templates, (list, tuple)) else templates,
                                   list(paths) if isinstance(paths, (list, tuple)) else paths)
    except PolicyError as exc:
        return exc.violations
    return []


def org_sharing_policy(policy, resource_arn, organization_id, templates=DEFAULT_TEMPLATES, allow_issue=True, state='present',
                       organizational_unit_paths=None):
    """The policy the CA ``resource_arn`` should have, given its current ``policy``; None
    when nothing would remain."""
    templates, allow_issue, paths = _checked_settings(organization_id, templates, allow_issue, state, organizational_unit_paths)
    ca = _certificate_authority_arn(resource_arn)
    try:
        return policy_with_org_sharing(policy, ca, organization_id, templates, allow_issue, state, paths)
    except PolicyError as exc:
        raise AnsibleFilterError(str(exc))


def _selected_certificate_authorities(certificate_authorities, certificate_authority_arns):
    """The CAs the role acts on: the listed ARNs, which must all be owned, or else every
    ACTIVE one."""
    if certificate_authority_arns is None:
        return [ca for ca in certificate_authorities if ca.get('status') == 'ACTIVE']
    certificate_authority_arns = _option_list(certificate_authority_arns)
    if not isinstance(certificate_authority_arns, (list, tuple)):
        raise AnsibleFilterError('org_sharing_certificate_authority_arns must be a list of certificate authority ARNs, got %s'
                                 % type(certificate_authority_arns).__name__)
    owned = dict((ca.get('arn'), ca) for ca in certificate_authorities)
    for arn in certificate_authority_arns:
        _certificate_authority_arn(arn)
    not_owned = [arn for arn in certificate_authority_arns if arn not in owned]
    if not_owned:
        raise AnsibleFilterError(
            'org_sharing_certificate_authority_arns names %d CA%s the account does not own in the region it reads '
            '(%d owned CA%s found); the role shares only CAs the account owns, so check the ARN, the account and '
            'the region: %s' % (len(not_owned), '' if len(not_owned) == 1 else 's', len(owned),
                                '' if len(owned) == 1 else 's', ', '.join(not_owned)))
    seen = set()
    selected = []
    for arn in certificate_authority_arns:
        if arn not in seen:
            seen.add(arn)
            selected.append(owned[arn])
    return selected


def org_sharing_changes(certificate_authorities, organization_id, templates=DEFAULT_TEMPLATES, allow_issue=True,
                        state='present', certificate_authority_arns=None, organizational_unit_paths=None):
    """The CAs whose policy must change, as ``[{resource_arn, state, policy}]`` for
    pki.acmpca.acmpca_policy; [] when every CA already has the policy it should."""
    templates, allow_issue, paths = _checked_settings(organization_id, templates, allow_issue, state, organizational_unit_paths)
    if not isinstance(certificate_authorities, (list, tuple)) or not all(
            isinstance(ca, dict) and isinstance(ca.get('arn'), str) for ca in certificate_authorities):
        raise AnsibleFilterError('the input must be the certificate_authorities list of pki.acmpca.acmpca_info '
                                 '(dicts with arn, status and policy)')
    changes = []
    for certificate_authority in _selected_certificate_authorities(certificate_authorities, certificate_authority_arns):
        arn = certificate_authority['arn']
        if certificate_authority.get('policy_error'):
            error = certificate_authority['policy_error']
            raise AnsibleFilterError('the policy of %s could not be read (%s); the role changes no policy it could '
                                     'not read' % (arn, error.get('msg') or error.get('message') or error))
        if 'policy' not in certificate_authority:
            raise AnsibleFilterError('%s has no policy key: read the CAs with pki.acmpca.acmpca_info '
                                     'include_policy=true' % arn)
        current = certificate_authority['policy']
        ca = _certificate_authority_arn(arn)
        try:
            desired = policy_with_org_sharing(current, ca, organization_id, templates, allow_issue, state, paths)
        except PolicyError as exc:
            raise AnsibleFilterError(str(exc))
        if policies_equivalent(current, desired, ca.partition):
            continue
        if certificate_authority.get('status') != 'ACTIVE':
            raise AnsibleFilterError('the policy of %s must change but the CA is %s; AWS changes the policy of '
                                     'ACTIVE CAs only' % (arn, certificate_authority.get('status')))
        changes.append(dict(resource_arn=arn, state='absent' if desired is None else 'present', policy=desired))
    return changes


class FilterModule(object):

    def filters(self):
        return {
            'org_sharing_changes': org_sharing_changes,
            'org_sharing_policy': org_sharing_policy,
            'org_sharing_violations': org_sharing_violations,
        }
