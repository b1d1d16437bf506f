# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Comparison of two policies by meaning, following IAM's documented rules.

This is the single place where two policies are compared; the modules, the filters
and the role all go through ``policies_equivalent``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import as_list as _as_list

_ROOT_PRINCIPAL = re.compile(r'^arn:aws[a-z-]*:iam::(?P<account>[0-9]{12}):root\Z')


def _sort_key(value):
    return json.dumps(value, sort_keys=True)


def _as_set(value):
    """A one-element list and a plain value mean the same; order and repeats do not matter."""
    items = value if isinstance(value, list) else [value]
    unique = dict((_sort_key(item), item) for item in items)
    return [unique[key] for key in sorted(unique)]


def _canonical_principal_id(value):
    if isinstance(value, str):
        match = _ROOT_PRINCIPAL.match(value)
        if match:
            return match.group('account')
    return value


def _canonical_principal(principal):
    if principal == '*':
        principal = {'AWS': '*'}
    if not isinstance(principal, dict):
        return principal
    canonical = {}
    for kind, ids in principal.items():
        if kind == 'AWS':
            ids = [_canonical_principal_id(item) for item in (ids if isinstance(ids, list) else [ids])]
        canonical[kind] = _as_set(ids)
    return canonical


def _canonical_condition(condition):
    if not isinstance(condition, dict):
        return condition
    return dict(
        (operator, dict((key, _as_set(values)) for key, values in tests.items()) if isinstance(tests, dict) else tests)
        for operator, tests in condition.items()
    )


def _canonical_statement(statement):
    if not isinstance(statement, dict):
        return statement
    canonical = {}
    for key, value in statement.items():
        if key == 'Effect' and isinstance(value, str):
            value = value.lower()
        elif key in ('Action', 'NotAction'):
            # IAM matches action names without regard to case.
            value = _as_set([action.lower() if isinstance(action, str) else action for action in _as_list(value)])
        elif key in ('Resource', 'NotResource'):
            value = _as_set(value)
        elif key in ('Principal', 'NotPrincipal'):
            value = _canonical_principal(value)
        elif key == 'Condition':
            value = _canonical_condition(value)
        canonical[key] = value
    return canonical


def canonical_policy(document):
    """A form of ``document`` in which every spelling of the same meaning is identical."""
    if not isinstance(document, dict):
        return document
    canonical = dict(document)
    if 'Statement' in document:
        canonical['Statement'] = _as_set([_canonical_statement(item) for item in _as_list(document['Statement'])])
    return canonical


def policies_equivalent(first, second):
    """True when the two policies (dicts, raw text or None) grant exactly the same."""
    if first is None or second is None:
        return first is None and second is None
    return _sort_key(canonical_policy(first)) == _sort_key(canonical_policy(second))

