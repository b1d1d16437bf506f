# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters behind the pki.acmpca.org_sharing role.

Thin over ``module_utils/_policy/org_sharing.py`` (the role's statements and their merge with
statements others own) and ``policy_equivalence.py`` (the comparison by meaning).
What lives here is only the choice of CAs and the translation into Ansible errors.
Each filter is documented in the ``<filter name>.yml`` file beside this one.
"""


import difflib
import functools

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.utils.display import Display

from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_expectations import broken_expectations, checked_expectations
from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import (
    DEFAULT_TEMPLATES,
    ROLE_VARIABLE_PREFIX,
    OrgSharingSettings,
    check_org_sharing_settings,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing_ram import (
    DEFAULT_PERMISSIONS,
    DEFAULT_SHARE_NAME,
    ram_setting_violations,
    ram_share_calls,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

STATES = ('present', 'absent')
NOT_ACTIVE_REASON = 'the CA is %s; the role changes the policy of ACTIVE CAs only'
# The role's variables (meta/argument_specs.yml), and the fact it leaves.
ROLE_VARIABLES = ('org_sharing_organization_id', 'org_sharing_organizational_unit_paths', 'org_sharing_certificate_authority_arns',
                  'org_sharing_templates', 'org_sharing_allow_issue', 'org_sharing_allow_revoke', 'org_sharing_access_expectations',
                  'org_sharing_state', 'org_sharing_method', 'org_sharing_ram_permissions', 'org_sharing_ram_share_name')
ROLE_RESULT = 'org_sharing_result'
ORGANIZATION_ID_MISSING = ('org_sharing_organization_id is not set: give the AWS Organization to share with '
                           '(o- followed by 10 to 32 lowercase letters or digits)')


def _filter(function):
    """The one place where the filters' input errors become AnsibleFilterError."""
    @functools.wraps(function)
    def translated(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except InputError as exc:
            raise AnsibleFilterError(str(exc))
    return translated


def _checked_settings(organization_id, templates, allow_issue, state, organizational_unit_paths=None, allow_revoke=False):
    """The role's settings, checked once, as one OrgSharingSettings (templates and OU paths
    as tuples, allow_issue and allow_revoke as bools); InputError naming every problem."""
    problems = org_sharing_violations(organization_id, templates, organizational_unit_paths, allow_issue=allow_issue,
                                      state=state, allow_revoke=allow_revoke)
    if problems:
        raise InputError('; '.join(problems), problems)
    paths = _option_list(organizational_unit_paths)
    return OrgSharingSettings(organization_id, tuple(_option_list(templates)), _boolean(allow_issue),
                              None if paths is None else tuple(paths), _boolean(allow_revoke))


def _boolean(value):
    # -e key=value, INI inventories and AWX surveys give strings: "false" must mean false.
    return boolean(value, strict=True)


def _boolean_violations(name, value):
    try:
        _boolean(value)
    except TypeError as exc:
        return [f'{name} must be a boolean: {exc}']
    return []


def _option_list(value):
    # A role variable of type list may arrive as one comma-separated string (-e name=a,b).
    if isinstance(value, str):
        return [item.strip() for item in value.split(',') if item.strip()]
    return value


def _certificate_authority_arn(arn):
    return parse_certificate_authority_arn(arn, option='certificate authority ARN')


def _listed_arn_violations(certificate_authority_arns):
    if certificate_authority_arns is None:
        return []
    arns = _option_list(certificate_authority_arns)
    if not isinstance(arns, (list, tuple)):
        return [f'org_sharing_certificate_authority_arns must be a list of certificate authority ARNs, got {type(arns).__name__}']
    problems = []
    for arn in arns:
        try:
            parse_certificate_authority_arn(arn, option='org_sharing_certificate_authority_arns')
        except InputError as exc:
            problems.append(str(exc))
    return problems


def unknown_role_variables(names):
    """The ``org_sharing_*`` variable names the role does not know, each with the one it most
    likely stands for: a misspelled variable is otherwise ignored without a word."""
    unknown = sorted(set(names or ()) - set(ROLE_VARIABLES) - {ROLE_RESULT})
    # Compared without the prefix they all share, which would make any two names look alike.
    known = {name[len(ROLE_VARIABLE_PREFIX):]: name for name in ROLE_VARIABLES}
    described = []
    for name in unknown:
        closest = difflib.get_close_matches(name[len(ROLE_VARIABLE_PREFIX):], list(known), n=1)
        described.append('%s (did you mean %s?)' % (name, known[closest[0]]) if closest else name)
    return described


def _warn_unknown_role_variables(names):
    for name in unknown_role_variables(names):
        Display().warning(f'org_sharing does not know the variable {name}; it is ignored')


@_filter
def org_sharing_violations(organization_id, templates=DEFAULT_TEMPLATES, organizational_unit_paths=None,
                           certificate_authority_arns=None, allow_issue=True, state='present', allow_revoke=False,
                           role_variables=None):
    """Every problem with the role's settings and listed CA ARNs; [] when they can be used. No AWS call.
    ``role_variables``: the names of the ``org_sharing_*`` variables set, each unknown one warned about."""
    _warn_unknown_role_variables(role_variables)
    if organization_id is None:
        return [ORGANIZATION_ID_MISSING]
    templates = _option_list(templates)
    paths = _option_list(organizational_unit_paths)
    problems = []
    if state not in STATES:
        problems.append(f"org_sharing_state must be one of {', '.join(STATES)}, got {state!r}")
    try:
        check_org_sharing_settings(organization_id, list(templates) if isinstance(templates, (list, tuple)) else templates,
                                   list(paths) if isinstance(paths, (list, tuple)) else paths)
    except InputError as exc:
        problems.extend(exc.violations)
    problems.extend(_boolean_violations('org_sharing_allow_issue', allow_issue))
    problems.extend(_boolean_violations('org_sharing_allow_revoke', allow_revoke))
    problems.extend(_listed_arn_violations(certificate_authority_arns))
    return problems


@_filter
def org_sharing_policy(policy, resource_arn, organization_id, templates=DEFAULT_TEMPLATES, allow_issue=True, state='present',
                       organizational_unit_paths=None, allow_revoke=False):
    """The policy the CA ``resource_arn`` should have, given its current ``policy``; None
    when nothing would remain."""
    settings = _checked_settings(organization_id, templates, allow_issue, state, organizational_unit_paths, allow_revoke)
    return policy_with_org_sharing(policy, _certificate_authority_arn(resource_arn), settings, state)


def _not_owned_reason(ca, owned):
    """Why a listed ARN is not among the CAs read: another region, another account, or gone."""
    read = [_certificate_authority_arn(arn) for arn in owned]
    regions = sorted({other.region for other in read})
    accounts = sorted({other.account for other in read})
    if not read:
        return ('not found: the account in use owns no CA in the region the role reads, and the ARN names region %s '
                'and account %s; check the ARN, the account and the region' % (ca.region, ca.account))
    if ca.region not in regions:
        return ('it is in region %s, but the role reads the CAs of region %s (the region of its connection); run the '
                'role for region %s' % (ca.region, ', '.join(regions), ca.region))
    if ca.account not in accounts:
        return (f"it belongs to account {ca.account}, but the role acts as account {', '.join(accounts)} and shares only CAs that account owns")
    return f"not found among the {len(read)} CA{'' if len(read) == 1 else 's'} account {', '.join(accounts)} owns in region {', '.join(regions)}"


def _selection(certificate_authorities, certificate_authority_arns):
    """(the CAs the role acts on, the CAs it skips, the listed ARNs it cannot find): the
    listed ARNs once each, or else every ACTIVE CA (the others skipped)."""
    if certificate_authority_arns is None:
        selected = [ca for ca in certificate_authorities if ca.get('status') == 'ACTIVE']
        skipped = [dict(arn=ca['arn'], status=ca.get('status'), reason=NOT_ACTIVE_REASON % ca.get('status'))
                   for ca in certificate_authorities if ca.get('status') != 'ACTIVE']
        return selected, skipped, []
    problems = _listed_arn_violations(certificate_authority_arns)
    if problems:
        raise InputError('; '.join(problems), problems)
    owned = {ca.get('arn'): ca for ca in certificate_authorities}
    selected, refused, seen = [], [], set()
    for arn in _option_list(certificate_authority_arns):
        if arn in seen:
            continue
        seen.add(arn)
        if arn in owned:
            selected.append(owned[arn])
        else:
            refused.append(dict(arn=arn, status=None, reason=_not_owned_reason(_certificate_authority_arn(arn), owned)))
    return selected, [], refused


def _refusal(refused):
    if not refused:
        return ''
    return ('The org_sharing role changed nothing: it cannot share %d CA%s: %s'
            % (len(refused), '' if len(refused) == 1 else 's',
               '; '.join('%s%s: %s' % (ca['arn'], ' (%s)' % ca['status'] if ca['status'] else '', ca['reason']) for ca in refused)))


@_filter
def org_sharing_changes(certificate_authorities, organization_id, templates=DEFAULT_TEMPLATES, allow_issue=True,
                        state='present', certificate_authority_arns=None, organizational_unit_paths=None, allow_revoke=False,
                        access_expectations=None, account_id=None, region=None):
    """Which CAs the role must write, from one read of them all: ``{changes: [{resource_arn,
    state}], skipped: [{arn, status, reason}], refused: [{arn, status, reason}], refusal}``.

    The write itself merges into a fresh read of the CA (acmpca_policy's org_sharing option),
    so no policy computed here is ever written. ``refused`` lists the CAs the role cannot
    share (a listed CA not found, or not ACTIVE when it must change; a policy it could not
    read; a policy after the role that would break one of ``access_expectations``, changed or
    not), and ``refusal`` says so in one message; each also gets a warning.
    """
    settings = _checked_settings(organization_id, templates, allow_issue, state, organizational_unit_paths, allow_revoke)
    if not isinstance(certificate_authorities, (list, tuple)) or not all(
            isinstance(ca, dict) and isinstance(ca.get('arn'), str) for ca in certificate_authorities):
        raise InputError('the input must be the certificate_authorities list of pki.acmpca.acmpca_info '
                         '(dicts with arn, status and policy)')
    selected, skipped, refused = _selection(certificate_authorities, certificate_authority_arns)
    changes = []
    for certificate_authority in selected:
        arn = certificate_authority['arn']
        status = certificate_authority.get('status')
        if 'policy' not in certificate_authority:
            raise InputError(f'{arn} has no policy key: read the CAs with pki.acmpca.acmpca_info include_policy=true')
        if certificate_authority.get('policy_error'):
            error = certificate_authority['policy_error']
            refused.append(dict(arn=arn, status=status, reason='its policy could not be read (%s); the role changes no '
                                'policy it could not read' % (error.get('msg') or error.get('message') or error)))
            continue
        current = certificate_authority['policy']
        ca = _certificate_authority_arn(arn)
        try:
            desired = policy_with_org_sharing(current, ca, settings, state)
        except InputError as exc:
            refused.append(dict(arn=arn, status=status, reason=str(exc)))
            continue
        broken, _answers = broken_expectations(desired, checked_expectations(access_expectations, arn, 'org_sharing_access_expectations'))
        if broken:
            refused.append(dict(arn=arn, status=status, reason='its policy after the role would break access expectations: %s'
                                % '; '.join(broken)))
            continue
        if policies_equivalent(current, desired, ca.partition):
            continue
        if status != 'ACTIVE':
            refused.append(dict(arn=arn, status=status, reason=f"its policy must change, but {NOT_ACTIVE_REASON % status}"))
            continue
        changes.append(dict(resource_arn=arn, state=state))
    if certificate_authority_arns is not None:
        listed_order = {arn: index for index, arn in reversed(list(enumerate(_option_list(certificate_authority_arns))))}
        refused.sort(key=lambda ca: listed_order[ca['arn']])
    for ca in refused:
        Display().warning(f"org_sharing cannot share {ca['arn']}: {ca['reason']}")
    if not selected and not refused:
        # Otherwise a run with nothing to share looks exactly like a converged one.
        Display().warning(_nothing_to_share(certificate_authorities, certificate_authority_arns, account_id, region))
    return dict(changes=changes, skipped=skipped, refused=refused, refusal=_refusal(refused), examined=len(certificate_authorities))


def _nothing_to_share(certificate_authorities, certificate_authority_arns, account_id, region):
    where = 'account %s in region %s' % (account_id or '(unknown)', region or '(unknown)')
    if certificate_authority_arns is not None:
        return f'org_sharing found no CA to share: org_sharing_certificate_authority_arns is empty ({where})'
    if not certificate_authorities:
        return (f'org_sharing found no CA to share: {where} owns no CA. Check the region (the region option, AWS_REGION or '
                'the profile) and the account the credentials act as')
    return (f'org_sharing found no CA to share: {where} owns {len(certificate_authorities)} CA'
            f"{'' if len(certificate_authorities) == 1 else 's'}, none ACTIVE (see org_sharing_result.skipped)")


@_filter
def org_sharing_ram_violations(organization_id, permissions=DEFAULT_PERMISSIONS, share_name=DEFAULT_SHARE_NAME,
                               organizational_unit_paths=None, certificate_authority_arns=None, state='present',
                               templates=None, allow_issue=None, allow_revoke=None, role_variables=None):
    """Every problem with the role's settings for org_sharing_method ram; [] when they can be used. No AWS call.
    ``templates``, ``allow_issue`` and ``allow_revoke`` mean something only for policies: refused when set.
    ``role_variables``: as for org_sharing_violations, each unknown one warned about."""
    _warn_unknown_role_variables(role_variables)
    paths = _option_list(organizational_unit_paths)
    problems = []
    if state not in STATES:
        problems.append(f"org_sharing_state must be one of {', '.join(STATES)}, got {state!r}")
    try:
        check_org_sharing_settings(organization_id, list(DEFAULT_TEMPLATES), list(paths) if isinstance(paths, (list, tuple)) else paths)
    except InputError as exc:
        problems.extend(exc.violations)
    problems.extend(ram_setting_violations(share_name, _option_list(permissions), dict(
        org_sharing_templates=templates, org_sharing_allow_issue=allow_issue, org_sharing_allow_revoke=allow_revoke)))
    problems.extend(_listed_arn_violations(certificate_authority_arns))
    return problems


@_filter
def org_sharing_ram_shares(certificate_authorities, organization_id, permissions=DEFAULT_PERMISSIONS, share_name=DEFAULT_SHARE_NAME,
                           state='present', certificate_authority_arns=None, organizational_unit_paths=None):
    """The role's shares for org_sharing_method ram, from one read of the CAs with their shares
    (acmpca_info include_shares): ``{shares: [acmpca_ram_share arguments], skipped, refused, refusal}``."""
    problems = org_sharing_ram_violations(organization_id, permissions, share_name, organizational_unit_paths,
                                          certificate_authority_arns, state)
    if problems:
        raise InputError('; '.join(problems), problems)
    if not isinstance(certificate_authorities, (list, tuple)) or not all(
            isinstance(ca, dict) and isinstance(ca.get('arn'), str) and 'ram_shares' in ca for ca in certificate_authorities):
        raise InputError('the input must be the certificate_authorities list of pki.acmpca.acmpca_info read with '
                         'include_shares=true (dicts with arn, status and ram_shares)')
    selected, skipped, refused = _selection(certificate_authorities, certificate_authority_arns)
    for ca in refused:
        Display().warning(f"org_sharing cannot share {ca['arn']}: {ca['reason']}")
    paths = _option_list(organizational_unit_paths)
    calls = ram_share_calls(certificate_authorities, [ca['arn'] for ca in selected], organization_id,
                            list(_option_list(permissions)), share_name, state, None if paths is None else list(paths))
    return dict(shares=calls, skipped=skipped, refused=refused, refusal=_refusal(refused))


class FilterModule:

    def filters(self):
        return {
            'org_sharing_changes': org_sharing_changes,
            'org_sharing_policy': org_sharing_policy,
            'org_sharing_ram_shares': org_sharing_ram_shares,
            'org_sharing_ram_violations': org_sharing_ram_violations,
            'org_sharing_violations': org_sharing_violations,
        }
