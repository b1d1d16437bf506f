# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Who may use a CA: access findings from its resource-based policy, against a trust zone.

IAM Access Analyzer's resource types do not include ACM PCA certificate authorities, so
this answers its question ("who outside my zone of trust can use this?") locally, from
the policy pki.acmpca.acmpca_info has already read. Pure functions: no AWS call (the trust
zone's organization members come from the reader the TrustZone was given).

The units: conditions.py (the condition vocabulary), access_conditions.py (what a
statement's Condition says about who and which templates), access_denials.py (the Deny
statements applied), trust_zone.py (the zone and its judge), and here the findings.
What is resolved, and what is only reported, is written out in docs/access.md.
"""


from ansible_collections.pki.acmpca.plugins.module_utils.access_conditions import grant_conditions, who_tests, with_tests
from ansible_collections.pki.acmpca.plugins.module_utils.access_denials import denials, denied_actions
from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.conditions import glob_matches
from ansible_collections.pki.acmpca.plugins.module_utils.iam import as_list, policy_statements, statement_principals, statement_sid
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import ISSUE_ACTION
from ansible_collections.pki.acmpca.plugins.module_utils.policy_statements import is_ram_statement
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import ZoneJudge

PRINCIPAL_TYPES = ('account', 'organization', 'organization_path', 'arn', 'service', 'public')
# Any template: an IssueCertificate grant without an acm-pca:TemplateArn condition.
ANY_TEMPLATE = '*'


# ------------------------------------------------------------- who

def _who(principal_type, principal, external, conditions, source_account=None, source_organization=None):
    return {'principal_type': principal_type, 'principal': principal, 'conditions': conditions, 'external': external[0],
            'external_reason': external[1], 'source_account': source_account, 'source_organization': source_organization}


def _narrowed(tests, others, judge, service=None):
    """One who per alternative of the narrowest of ``tests``; the other tests narrow it further
    and stay in ``conditions``. ``service``: the service principal the source keys narrow."""
    primary = min(tests, key=lambda test: test.rank)
    secondary = [test for test in tests if test is not primary]
    conditions = with_tests(secondary, others)
    found = []
    for alternative in primary.alternatives:
        external = judge.external([alternative], [test.alternatives for test in secondary])
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
        shown = with_tests([primary], conditions) if alternative[0] == 'resource' else conditions
        found.append(_who('service', service, external, shown, source.get('account'), source.get('organization')))
    return found


def _whos(statement, tests, others, judge):
    """Who each principal of an Allow statement is, as narrowed by its conditions."""
    # Anyone, or a service acting for anyone: outside any zone.
    anyone = (True, None) if judge.zone is not None else (None, None)
    everything = with_tests(tests, others)
    principals = statement_principals(statement)
    if principals is None:
        return [_who('public', '*', anyone, everything)]
    principal_tests = [test for test in tests if not test.is_source]
    source_tests = [test for test in tests if test.is_source]
    found = []
    for element, principal_type, principal in principals:
        if principal_type == 'public' and principal_tests:
            found.extend(_narrowed(principal_tests, with_tests(source_tests, others), judge))
        elif principal_type == 'public' and source_tests:
            # Only a service acting for a resource owner has these keys in its request.
            found.extend(_narrowed(source_tests, others, judge, service='*'))
        elif principal_type == 'public':
            found.append(_who('public', '*', anyone, everything))
        elif element == 'AWS':
            # Its principal tests stay in conditions and narrow it further, as for a narrowed "*".
            external = judge.external([(principal_type, principal)], [test.alternatives for test in principal_tests])
            found.append(_who(principal_type, principal, external, everything))
        elif principal_type == 'service' and source_tests:
            found.extend(_narrowed(source_tests, with_tests(principal_tests, others), judge, service=principal))
        elif principal_type == 'service':
            found.append(_who('service', principal, anyone, everything))
        else:
            # Federated and CanonicalUser principals: reported by what they are.
            found.append(_who('arn', principal, judge.external([('arn', principal)]), everything))
    unique = {}
    for who in found:
        unique.setdefault((who['principal_type'], who['principal'], who['source_account'], who['source_organization']), who)
    return list(unique.values())


# ------------------------------------------------------------- findings

def _finding(who, actions, can_issue, templates, sid, shared_via):
    """The finding of one principal (every key, ``None`` where it does not apply)."""
    return {
        'sid': sid,
        'principal_type': who['principal_type'],
        'principal': who['principal'],
        'actions': actions,
        'can_issue': can_issue,
        'templates': list(templates or [ANY_TEMPLATE]) if can_issue else [],
        'shared_via': shared_via,
        'conditions': who['conditions'],
        'is_public': who['principal_type'] == 'public',
        'external': who['external'],
        'source_account': who['source_account'],
        'source_organization': who['source_organization'],
        'external_reason': who['external_reason'],
    }


def _action_matches(pattern, action):
    # IAM matches action names without regard to case.
    return glob_matches(pattern, action, ignore_case=True)


def _statement_findings(statement, found_denials, judge):
    conditions = grant_conditions(statement)
    tests, others = who_tests(conditions)
    if 'NotAction' in statement:
        # Every action but those named: reported as all of them.
        granted = ['*']
    else:
        granted = [action for action in as_list(statement.get('Action')) if isinstance(action, str)]
    findings = []
    for who in _whos(statement, tests, others, judge):
        denied = denied_actions(found_denials, (who['principal_type'], who['principal']))
        actions = [action for action in granted if not any(_action_matches(pattern, action) for pattern in denied)]
        if not actions:
            continue
        can_issue = (any(_action_matches(action, ISSUE_ACTION) for action in actions)
                     and not any(_action_matches(pattern, ISSUE_ACTION) for pattern in denied))
        findings.append(_finding(who, actions, can_issue, conditions.templates, statement_sid(statement),
                                 'RAM' if is_ram_statement(statement) else 'POLICY'))
    return findings


def access_findings(policy, owner_account=None, zone=None, resource_arn=None):
    """One finding per principal each Allow statement of ``policy`` grants (see
    docs/access.md); ``[]`` for no policy. ``owner_account`` (the CA's owner) is always
    trusted; ``zone`` is a TrustZone (None: ``external`` is None); a Deny takes access away
    only when its Resource names ``resource_arn`` (or is ``*``)."""
    if policy is None:
        return []
    if not isinstance(policy, dict):
        raise ValueError('the policy is not a JSON object, so who may use the CA cannot be worked out')
    statements = [statement for statement in policy_statements(policy) if isinstance(statement, dict)]
    found_denials = denials(statements, resource_arn)
    judge = ZoneJudge(zone, owner_account)
    findings = []
    for statement in statements:
        effect = statement.get('Effect')
        # Allow in any case counts: reporting too much access is the safe mistake.
        if isinstance(effect, str) and effect.lower() == 'allow':
            findings.extend(_statement_findings(statement, found_denials, judge))
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
    account = permission.get('source_account') or owner_account
    external = ZoneJudge(zone, owner_account).external([('account', account)])
    who = _who('service', permission.get('principal'), external, {}, permission.get('source_account'))
    return _finding(who, actions, ISSUE_ACTION in actions, None, None, 'PERMISSION')


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
