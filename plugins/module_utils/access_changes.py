# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Who gains and who loses access to a CA when its policy changes.

A reviewer of a plan needs "the organization lost IssueCertificate; OU ou-x gained it", not
"statement PkiAcmpcaOrgSharingIssue changed: Condition". This compares the access findings
(``access_findings``, the same ones ``acmpca_info include_access`` reports) of the policy
before and after, principal by principal, so "who" reads as it does there. Pure functions: no
AWS call.

A principal's access is a set of grants: each action ACM PCA policies may grant (a wildcard
such as ``acm-pca:*`` stands for every one it matches), and for ``acm-pca:IssueCertificate``
one grant per template (``*``: any template). Each grant carries the conditions under which it
holds (a finding's ``conditions``; a grant without any holds whatever the others say).
"""

import json
import re

from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import access_findings
from ansible_collections.pki.acmpca.plugins.module_utils.iam import TEMPLATE_ARN
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import ALLOWED_ACTIONS, ISSUE_ACTION
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent

WHO_KEYS = ('principal_type', 'principal', 'source_account', 'source_organization')
UNCONDITIONAL = {}


def _matches(pattern, action):
    """IAM's action matching: case-insensitive, ``*`` and ``?`` wildcards."""
    expression = ''.join('.*' if char == '*' else '.' if char == '?' else re.escape(char) for char in pattern)
    return re.match('^%s\\Z' % expression, action, re.IGNORECASE) is not None


def _actions(written):
    """The ACM PCA actions a finding's action (as written) grants; one the policy rules do not
    know stays as written."""
    known = [action for action in ALLOWED_ACTIONS if _matches(written, action)]
    return known or [written]


def _grants(finding):
    """``{(action, template or None): conditions}`` of one finding."""
    grants = {}
    for written in finding['actions']:
        for action in _actions(written):
            if action != ISSUE_ACTION:
                grants[(action, None)] = finding['conditions']
            elif finding['can_issue']:
                grants.update({(action, template): finding['conditions'] for template in finding['templates']})
    return grants


def _same_conditions(first, second):
    """Two conditions compared by meaning, through the one policy comparison of the collection."""
    return policies_equivalent({'Statement': [{'Effect': 'Allow', 'Condition': first}]},
                               {'Statement': [{'Effect': 'Allow', 'Condition': second}]})


def _distinct(conditions):
    """Conditions without repeats; a grant that holds under no condition holds whatever the others say."""
    if any(not condition for condition in conditions):
        return [UNCONDITIONAL]
    distinct = []
    for condition in conditions:
        if not any(_same_conditions(condition, other) for other in distinct):
            distinct.append(condition)
    return distinct


def _access(policy, resource_arn):
    """``{who: {grant: [conditions]}}``; ``who`` as in ``WHO_KEYS``. No trust zone: who, not
    whether inside or outside (the owner account matters only for that)."""
    access = {}
    for finding in access_findings(policy, None, None, resource_arn):
        grants = access.setdefault(tuple(finding[key] for key in WHO_KEYS), {})
        for grant, conditions in _grants(finding).items():
            grants.setdefault(grant, []).append(conditions)
    return {who: {grant: _distinct(conditions) for grant, conditions in grants.items()} for who, grants in access.items()}


def _entry(who, grants):
    entry = dict(zip(WHO_KEYS, who))
    entry['actions'] = sorted({action for action, _template in grants})
    entry['templates'] = sorted({template for action, template in grants if template is not None})
    return entry


def _equal_condition_sets(first, second):
    return (len(first) == len(second) and all(any(_same_conditions(one, other) for other in second) for one in first))


def _sort_key(entry):
    return tuple(entry[key] or '' for key in WHO_KEYS)


def access_changes(before, after, resource_arn):
    """What the change of the policy of the CA ``resource_arn`` from ``before`` to ``after``
    (dicts or None) does to who may use it: ``gained`` and ``lost`` (``{principal_type, principal, source_account,
    source_organization, actions, templates}``) and ``conditions_changed`` (the grants that
    stay, under other conditions: ``conditions_before`` and ``conditions_after`` besides).
    Empty lists when access does not change; None when a side is not a JSON object (who may
    use the CA cannot be worked out then)."""
    if not all(policy is None or isinstance(policy, dict) for policy in (before, after)):
        return None
    old, new = _access(before, resource_arn), _access(after, resource_arn)
    gained, lost, conditions_changed = [], [], []
    for who in set(old) | set(new):
        old_grants, new_grants = old.get(who, {}), new.get(who, {})
        if set(new_grants) - set(old_grants):
            gained.append(_entry(who, set(new_grants) - set(old_grants)))
        if set(old_grants) - set(new_grants):
            lost.append(_entry(who, set(old_grants) - set(new_grants)))
        changed = [grant for grant in set(old_grants) & set(new_grants) if not _equal_condition_sets(old_grants[grant], new_grants[grant])]
        if changed:
            entry = _entry(who, changed)
            entry['conditions_before'] = _distinct([condition for grant in changed for condition in old_grants[grant]])
            entry['conditions_after'] = _distinct([condition for grant in changed for condition in new_grants[grant]])
            conditions_changed.append(entry)
    return {'gained': sorted(gained, key=_sort_key), 'lost': sorted(lost, key=_sort_key),
            'conditions_changed': sorted(conditions_changed, key=_sort_key)}


def _who_text(entry):
    text = '%s %s' % (entry['principal_type'], entry['principal'])
    sources = [value for value in (entry['source_account'], entry['source_organization']) if value]
    return text + (' acting for %s' % ', '.join(sources) if sources else '')


def _template_name(template):
    # The ARNs differ only in the partition; '*' (any template) stays as it is.
    match = TEMPLATE_ARN.match(template)
    return match.group('name') if match else template


def _grant_text(entry):
    names = [_template_name(template) for template in entry['templates']]
    return ', '.join(entry['actions']) + (' (templates: %s)' % ', '.join(names) if names else '')


def _conditions_text(conditions):
    return ' or '.join(json.dumps(condition, sort_keys=True) for condition in conditions)


def access_change_lines(changes):
    """``access_changes`` as lines a reviewer reads (shown in diff mode under the statement summary)."""
    if changes is None:
        return ['unknown: the policy is not a JSON object']
    lines = ['%s gains %s' % (_who_text(entry), _grant_text(entry)) for entry in changes['gained']]
    lines.extend('%s loses %s' % (_who_text(entry), _grant_text(entry)) for entry in changes['lost'])
    lines.extend('%s keeps %s under other conditions: %s -> %s'
                 % (_who_text(entry), _grant_text(entry), _conditions_text(entry['conditions_before']), _conditions_text(entry['conditions_after']))
                 for entry in changes['conditions_changed'])
    return lines or ['none']
