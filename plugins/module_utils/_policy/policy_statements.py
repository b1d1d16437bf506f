# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Statements owned by their Sid: put some in a CA's policy, or take some out, and keep
every other statement exactly as it is.

One merge, two users: pki.acmpca.acmpca_policy with its ``statements`` option, and the
org_sharing role (through ``org_sharing.policy_with_org_sharing``). Also the one place
that knows which statements AWS RAM wrote. Pure functions: no boto3, no AnsibleModule."""


from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import VERSION_FOR_NEW_POLICIES, policy_statements, statement_sid
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import statement_violations
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError, parse_policy

# AWS RAM writes the statements of a resource share into the CA's policy under Sids of
# this form (CloudTrail's PutPolicy record of a RAM share); dropping them ends the
# share's access.
RAM_SID_SUFFIX = '-external-principals'
# The pki.acmpca.org_sharing role owns the statements whose Sid starts with this prefix:
# it replaces or removes them on every run (plugins/module_utils/_policy/org_sharing.py).
ORG_SHARING_SID_PREFIX = 'PkiAcmpcaOrgSharing'


def is_ram_statement(statement):
    """True for a statement AWS RAM wrote for a resource share."""
    sid = statement_sid(statement)
    return sid is not None and sid.endswith(RAM_SID_SUFFIX)


def is_org_sharing_statement(statement):
    """True for a statement the pki.acmpca.org_sharing role owns."""
    sid = statement_sid(statement)
    return sid is not None and sid.startswith(ORG_SHARING_SID_PREFIX)


def statement_owner(sid):
    """Who owns the statement with this Sid, when not the user: AWS RAM or the org_sharing role (else None)."""
    if isinstance(sid, str) and sid.endswith(RAM_SID_SUFFIX):
        return 'AWS RAM statement'
    if isinstance(sid, str) and sid.startswith(ORG_SHARING_SID_PREFIX):
        return 'org_sharing role statement'
    return None


def ram_statement_sids(policy):
    """The Sids of the statements AWS RAM wrote into ``policy``, in policy order."""
    return [statement_sid(statement) for statement in policy_statements(policy) if is_ram_statement(statement)]


def dropped_ram_statement_sids(current, desired):
    """The Sids of RAM statements in ``current`` that ``desired`` no longer has."""
    kept = {statement_sid(statement) for statement in policy_statements(desired)}
    return [sid for sid in ram_statement_sids(current) if sid not in kept]


def statement_sid_problems(statements, option='statements'):
    """Every reason an item of ``statements`` is not a dict with a non-empty Sid of its own
    that neither AWS RAM nor the org_sharing role owns ([] when there is none)."""
    if not isinstance(statements, (list, tuple)) or not statements:
        return [f'{option} must be a non-empty list of statements, each with a Sid']
    problems = []
    first_index = {}
    for index, statement in enumerate(statements):
        label = '%s[%d]' % (option, index)
        if not isinstance(statement, dict):
            problems.append(f'{label} must be a statement (a dict), got {type(statement).__name__}')
            continue
        sid = statement.get('Sid')
        if sid is None:
            problems.append(f'{label} has no Sid; every statement needs a non-empty Sid, by which it is found on the CA')
        elif not isinstance(sid, str) or not sid.strip():
            problems.append(f'{label} has the Sid {sid!r}; a Sid must be a non-empty string')
        elif sid in first_index:
            problems.append('%s repeats the Sid %r of %s[%d]; each Sid may appear once' % (label, sid, option, first_index[sid]))
        elif sid.endswith(RAM_SID_SUFFIX):
            problems.append('%s: the Sid %r ends in %r, which marks a statement AWS RAM writes for a resource share; '
                            'manage it through the RAM share, not this option' % (label, sid, RAM_SID_SUFFIX))
        elif sid.startswith(ORG_SHARING_SID_PREFIX):
            problems.append('%s: the Sid %r starts with %r, which marks a statement the pki.acmpca.org_sharing role owns '
                            '(its next run would replace or remove it); manage it through the role, or give your '
                            'statement another Sid' % (label, sid, ORG_SHARING_SID_PREFIX))
        if isinstance(sid, str):
            first_index.setdefault(sid, index)
    return problems


def _selector(remove):
    """A predicate over statements from ``remove``: None, a predicate, or a collection of Sids."""
    if callable(remove):
        return remove
    removed_sids = frozenset(remove or ())

    def has_removed_sid(statement):
        return statement_sid(statement) in removed_sids
    return has_removed_sid


def merge_statements(current, put=(), remove=None):
    """The policy ``current`` with the statements of ``put`` in place by Sid and the
    statements ``remove`` selects taken out; None when no statement would remain.

    A statement of ``put`` replaces the statement of ``current`` with its Sid where that
    stands (further statements with that Sid go), or is added at the end. ``remove`` is a
    predicate over ``current``'s statements (the role's: "the Sid has my prefix") or a
    collection of Sids. Every other statement, and the policy's Version and Id, stay as
    they are. ``current`` (a dict or None) is not modified.
    """
    if current is not None and not isinstance(current, dict):
        raise PolicyError('the policy on the CA is not a JSON object; its statements cannot be merged')
    selected = _selector(remove)
    put = list(put)
    by_sid = {statement_sid(statement): statement for statement in put if statement_sid(statement) is not None}
    placed = set()
    statements = []
    for statement in policy_statements(current):
        sid = statement_sid(statement)
        if sid in by_sid:
            if sid not in placed:
                statements.append(by_sid[sid])
                placed.add(sid)
        elif not selected(statement):
            statements.append(statement)
    statements.extend(statement for statement in put if statement_sid(statement) not in placed)
    if not statements:
        return None
    merged = dict(current) if current else {'Version': VERSION_FOR_NEW_POLICIES}
    merged['Statement'] = statements
    return merged


# ------------------------------------------------- acmpca_policy's statements option

def requested_statements(statements, state, ca, validate=True):
    """Check the ``statements`` option without any AWS call, reporting every problem in one
    error: the Sids (for both states) and, for ``present``, the limits and (with
    ``validate``) the ACM PCA rules of the statements given. The statements already on the
    CA are AWS's to have accepted."""
    problems = statement_sid_problems(statements)
    rule_problems = []
    if state == 'present' and isinstance(statements, (list, tuple)) and statements:
        document = {'Version': VERSION_FOR_NEW_POLICIES, 'Statement': list(statements)}
        try:
            parse_policy(document, option='statements')
        except PolicyError as exc:
            problems.extend(exc.violations)
        if validate:
            # Items that are not statements are named above already.
            rule_problems = [problem for index, statement in enumerate(statements) if isinstance(statement, dict)
                             for problem in statement_violations(statement, index, ca)]
    if problems or rule_problems:
        everything = problems + rule_problems
        if not problems:
            message = f"statements break {len(everything)} ACM PCA policy rule{'' if len(everything) == 1 else 's'}: {'; '.join(everything)}"
        elif len(everything) == 1:
            message = everything[0]
        else:
            message = f"statements has {len(everything)} problems: {'; '.join(everything)}"
        raise PolicyError(message, everything)
    return list(statements)


def statement_change_lines(changes):
    """``statement_changes`` (policy_equivalence.py) as lines a reviewer reads, the
    statements of AWS RAM and of the org_sharing role marked as such."""
    def named(sid, what):
        owner = statement_owner(sid)
        return 'statement %s %s%s' % (sid, what, ' (%s)' % owner if owner else '')
    lines = [named(item['sid'], f"changed: {', '.join(item['elements'])}") for item in changes['changed']]
    lines.extend(named(sid, 'added') for sid in changes['added'])
    lines.extend(named(sid, 'removed') for sid in changes['removed'])
    return lines


def policy_with_statements(current, statements, state, resource_arn):
    """The CA's policy with ``statements`` put in place by Sid (``present``) or the
    statements with their Sids taken out (``absent``); None when none would remain."""
    if current is not None and not isinstance(current, dict):
        raise PolicyError(f'the policy on {resource_arn} is not a JSON object, so statements cannot be merged into it; replace it whole with the policy option')
    if state == 'absent':
        return merge_statements(current, remove=[statement_sid(statement) for statement in statements])
    merged = merge_statements(current, put=statements)
    parse_policy(merged, option=f'the policy of {resource_arn} with these statements')
    return merged
