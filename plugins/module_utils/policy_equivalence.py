# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Comparison of two policies by meaning, following IAM's documented rules.

This is the single place where two policies are compared; the modules, the filters
and the role all go through ``policies_equivalent``; ``statement_changes`` names what
differs, statement by statement, by the same rules.

What IAM documents, and this file applies:
- the order of statements and of list items, repeats, and a one-element list against a
  plain value do not matter; ``"*"`` is ``{"AWS": "*"}``;
- action names and condition key names are not case-sensitive;
- condition values are strings: a JSON boolean or number means its string form;
- a policy without ``Version`` is read as ``2008-10-17``;
- an account ID is ``arn:<partition>:iam::<id>:root`` only in the partition of the
  resource the policy is attached to;
- the ``Effect`` value is case-sensitive, so it is compared as written.
"""


import json

from ansible_collections.pki.acmpca.plugins.module_utils.iam import (
    ACCOUNT_ID,
    ARN_PARTITION,
    ROOT_PRINCIPAL,
    VERSION_WHEN_MISSING,
    as_list as _as_list,
    condition_value,
    key_id,
    policy_statements,
    statement_sid,
)


def _sort_key(value):
    return json.dumps(value, sort_keys=True)


def _as_set(value):
    """A one-element list and a plain value mean the same; order and repeats do not matter."""
    items = value if isinstance(value, list) else [value]
    unique = {_sort_key(item): item for item in items}
    return [unique[key] for key in sorted(unique)]


# ---------------------------------------------------------------- partition

def _statements(document):
    return [statement for statement in policy_statements(document) if isinstance(statement, dict)]


def _partitions(documents, key, pattern):
    found = set()
    for document in documents:
        for statement in _statements(document):
            values = statement.get(key)
            if key == 'Principal':
                values = values.get('AWS') if isinstance(values, dict) else None
            for value in _as_list(values):
                match = pattern.match(value) if isinstance(value, str) else None
                if match:
                    found.add(match.group('partition'))
    return found


def policy_partition(*documents):
    """The partition the policies are attached in, read from the documents themselves.

    A CA's policy names the CA as its Resource, which gives the partition. Without one
    (Resource "*"), the root principals tell, when they all name one partition. Otherwise
    None: account IDs then stay distinct from every root ARN.
    """
    for key, pattern in (('Resource', ARN_PARTITION), ('Principal', ROOT_PRINCIPAL)):
        found = _partitions(documents, key, pattern)
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None


# ---------------------------------------------------------------- canonical form

def _root_arn(value, partition):
    if isinstance(value, str) and ACCOUNT_ID.match(value):
        return f'arn:{partition}:iam::{value}:root'
    return value


def _canonical_principal(principal, partition):
    if principal == '*':
        principal = {'AWS': '*'}
    if not isinstance(principal, dict):
        return principal
    canonical = {}
    for kind, ids in principal.items():
        if kind == 'AWS' and partition:
            ids = [_root_arn(item, partition) for item in _as_list(ids)]
        canonical[kind] = _as_set(ids)
    return canonical


def _canonical_condition_tests(tests):
    """Condition key names are not case-sensitive; two spellings of one key keep both value sets
    (each key gives the sorted list of its value sets)."""
    if not isinstance(tests, dict):
        return tests
    grouped = {}
    for key, values in tests.items():
        grouped.setdefault(key_id(key), []).append(_as_set([condition_value(value) for value in _as_list(values)]))
    return {name: sorted(sets, key=_sort_key) for name, sets in grouped.items()}


def _canonical_condition(condition):
    if not isinstance(condition, dict):
        return condition
    return {operator: _canonical_condition_tests(tests) for operator, tests in condition.items()}


def _canonical_statement(statement, partition):
    if not isinstance(statement, dict):
        return statement
    canonical = {}
    for key, value in statement.items():
        if key in ('Action', 'NotAction'):
            # IAM matches action names without regard to case.
            value = _as_set([action.lower() if isinstance(action, str) else action for action in _as_list(value)])
        elif key in ('Resource', 'NotResource'):
            value = _as_set(value)
        elif key in ('Principal', 'NotPrincipal'):
            value = _canonical_principal(value, partition)
        elif key == 'Condition':
            value = _canonical_condition(value)
        canonical[key] = value
    return canonical


def _canonical_policy(document, partition):
    if not isinstance(document, dict):
        return document
    canonical = dict(document)
    canonical.setdefault('Version', VERSION_WHEN_MISSING)
    if 'Statement' in document:
        canonical['Statement'] = _as_set([_canonical_statement(item, partition) for item in _as_list(document['Statement'])])
    return canonical


def policies_equivalent(first, second, partition=None):
    """True when the two policies (dicts, raw text or None) grant exactly the same.

    ``partition``: the partition of the CA the policies are for (``aws``, ``aws-cn``, ...),
    in which an account ID names ``arn:<partition>:iam::<id>:root``. Give it whenever it
    is known; None reads it from the two documents (see ``policy_partition``)."""
    if partition is None:
        partition = policy_partition(first, second)
    return _sort_key(_canonical_policy(first, partition)) == _sort_key(_canonical_policy(second, partition))


# ---------------------------------------------------------------- statement changes

# The statement elements, in the order a change names them (others follow, sorted).
STATEMENT_ELEMENTS = ('Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition')
_ABSENT = '<absent>'  # never the json.dumps of a value


def _statement_list(document):
    if not isinstance(document, dict) or document.get('Statement') is None:
        return []
    return _as_list(document['Statement'])


def _element_values(group, key):
    return sorted({_sort_key(statement[key]) if key in statement else _ABSENT for statement in group})


def _changed_elements(old, new):
    """The elements in which the statements ``old`` and ``new`` (canonical, one Sid; usually
    one each) differ; [] when they mean the same."""
    if _as_set(old) == _as_set(new):
        return []
    keys = {key for statement in old + new for key in statement if key != 'Sid'}
    ordered = [key for key in STATEMENT_ELEMENTS if key in keys] + sorted(key for key in keys if key not in STATEMENT_ELEMENTS)
    elements = [key for key in ordered if _element_values(old, key) != _element_values(new, key)]
    # Two statements sharing a Sid may trade values: then name every element that varies.
    return elements or [key for key in ordered if len(_element_values(old + new, key)) > 1]


def statement_changes(before, after, partition=None):
    """What changes, statement by statement, from the policy ``before`` to ``after`` (dicts,
    raw text or None, as ``policies_equivalent`` takes them), compared by meaning.

    Returns ``{'added': [...], 'removed': [...], 'changed': [{'sid', 'elements'}]}``:
    - a statement with a Sid is matched by its Sid: added or removed when only one side
      has it, changed when both do and it means something else, ``elements`` naming
      what differs (``Effect``, ``Principal``, ``Action``, ``Resource``, ``Condition``, ...);
      several statements sharing a Sid are compared as one group;
    - a statement without a Sid is named ``#<index>``, its index in its own policy's
      Statement list: unchanged when the other side holds a Sid-less statement of the
      same meaning, otherwise removed (``#i`` of ``before``) or added (``#j`` of ``after``);
    - ``added`` and ``changed`` follow ``after``'s order, ``removed`` ``before``'s.
    A policy that is not a JSON object has no statements. When all three lists are
    empty, the two policies' statements mean the same (Version and Id may still differ).
    """
    if partition is None:
        partition = policy_partition(before, after)
    sides = []
    for document in (before, after):
        groups, unnamed = {}, {}
        entries = []
        for index, statement in enumerate(_statement_list(document)):
            canonical = _canonical_statement(statement, partition)
            sid = statement_sid(statement)
            if sid is None:
                unnamed.setdefault(_sort_key(canonical), []).append(index)
                entries.append((index, None, canonical))
            else:
                groups.setdefault(sid, []).append(canonical)
                entries.append((index, sid, canonical))
        sides.append((groups, unnamed, entries))
    (old_groups, old_unnamed, old_entries), (new_groups, new_unnamed, new_entries) = sides

    def listed(entries, other_groups, other_unnamed):
        names = []
        for index, sid, canonical in entries:
            if sid is None:
                if _sort_key(canonical) not in other_unnamed:
                    names.append('#%d' % index)
            elif sid not in other_groups and sid not in names:
                names.append(sid)
        return names

    changed = []
    for _index, sid, _canonical in new_entries:
        if sid is not None and sid in old_groups and sid not in [item['sid'] for item in changed]:
            elements = _changed_elements(old_groups[sid], new_groups[sid])
            if elements:
                changed.append({'sid': sid, 'elements': elements})
    return {
        'added': listed(new_entries, old_groups, old_unnamed),
        'removed': listed(old_entries, new_groups, new_unnamed),
        'changed': changed,
    }
