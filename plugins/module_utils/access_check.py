# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Who can do what: a request evaluated against a CA's resource-based policy, with IAM's
documented evaluation logic ("Policy evaluation logic": an explicit Deny wins over an
Allow, and without a matching Allow a request is implicitly denied).

Only the CA's side is answered: for a principal of another account its own identity
policies must allow too; for a principal of the CA's account either side suffices
(``same_account``). Conditions are read through the condition vocabulary (conditions.py).
Pure: no AWS call, no Ansible import.
"""


import re

from ansible_collections.pki.acmpca.plugins.module_utils.access_request import evaluated_request, is_multivalued
from ansible_collections.pki.acmpca.plugins.module_utils.conditions import (
    LITERALS,
    arn_matches,
    condition_holds,
    condition_strings,
    glob_matches,
    key_named,
    parse_operator,
)
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.iam import (
    VERSION_FOR_NEW_POLICIES,
    as_list,
    condition_blocks,
    key_id,
    policy_statements,
    statement_principals,
    statement_sid,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import parse_policy

ALLOWED = 'allowed'
IMPLICITLY_DENIED = 'implicitly_denied'
EXPLICITLY_DENIED = 'explicitly_denied'
EFFECTS = ('Allow', 'Deny')
# A policy variable: ${key} or ${key, 'default'} (IAM policy elements: Variables and tags);
# ${*}, ${?} and ${$} are the characters themselves.
_VARIABLE = re.compile(r"\$\{([^}*?$][^},]*)(?:,\s*'([^']*)')?\}")


class _Outcome:
    """What one statement does to the request: ``in_scope`` (its principal, action and
    resource match), ``holds`` (and so does its Condition), ``missing`` the keys it tests
    that the request lacks, ``settled`` whether a test failed on keys the request gives."""

    def __init__(self, label, effect):
        self.label, self.effect = label, effect
        self.in_scope = self.holds = self.settled = False
        self.missing = []

    def could_change(self):
        """The missing keys, when giving them could turn this statement's answer around."""
        return [] if self.settled and not self.holds else self.missing


def _key_name(name):
    """A key as missing_context names it: as the vocabulary spells it, else as written."""
    known = key_named(name)
    return known.name if known else name


# ---------------------------------------------------------------- variables

def _filled(value, request, missing):
    """``value`` with its policy variables filled from the request (their values written with
    IAM's literal characters), or None when one names a key the request lacks."""
    unknown = []

    def fill(match):
        name, default = match.group(1).strip(), match.group(2)
        values = request.context.get(key_id(name))
        if values and len(values) == 1:
            return ''.join(LITERALS.get(char, char) for char in values[0])
        if default is not None:
            return ''.join(LITERALS.get(char, char) for char in default)
        # A multivalued key cannot be a policy variable: it never matches, like a missing one.
        unknown.append(name)
        return ''

    filled = _VARIABLE.sub(fill, value)
    if unknown:
        missing.extend(_key_name(name) for name in unknown if not request.context.get(key_id(name)))
        return None
    return filled


def _policy_values(values, request, variables, missing):
    """The test's values as strings, variables filled; None when one is not a condition value.
    A value whose variable the request cannot fill matches nothing (IAM, "Policy variables with
    no value"): it is left out, and ``missing`` names its key."""
    strings = condition_strings(values)
    if strings is None or not variables:
        return None if strings is None else list(strings)
    return [value for value in (_filled(value, request, missing) for value in strings) if value is not None]


# ---------------------------------------------------------------- the statement's elements

def _principal_matches(element, principal_type, principal, request):
    if principal_type == 'public':
        return True
    if element == 'Service':
        return request.service == principal
    if element != 'AWS' or request.service:
        return False
    if principal_type == 'account':
        return principal == request.account
    return request.names_principal(principal)


def _in_principals(statement, request):
    principals = statement_principals(statement)
    if principals is None:
        named = statement_principals({'Principal': statement['NotPrincipal']})
        return not any(_principal_matches(*item, request) for item in named)
    return any(_principal_matches(*item, request) for item in principals)


def _in_actions(statement, request):
    key = 'NotAction' if 'NotAction' in statement else 'Action'
    patterns = [pattern for pattern in as_list(statement[key]) if isinstance(pattern, str)]
    # IAM matches action names without regard to case.
    named = any(glob_matches(pattern, request.action, ignore_case=True) for pattern in patterns)
    return named != (key == 'NotAction')


def _in_resources(statement, request, variables, missing):
    key = 'NotResource' if 'NotResource' in statement else 'Resource'
    patterns = [pattern for pattern in as_list(statement[key]) if isinstance(pattern, str)]
    if variables:
        patterns = [pattern for pattern in (_filled(item, request, missing) for item in patterns) if pattern is not None]
    named = any(pattern == '*' or arn_matches(pattern, request.resource) for pattern in patterns)
    return named != (key == 'NotResource')


def _condition(statement, request, variables, outcome):
    """Whether every test of the statement's Condition holds (IAM ANDs its operators and the
    keys of each); records in ``outcome`` the keys it needs and whether a given key settled it."""
    holds = True
    for operator, block in condition_blocks(statement):
        parsed = parse_operator(operator)
        if parsed is None:
            raise InputError(f'{outcome.label}: Condition operator {operator!r} is not one IAM documents')
        if not isinstance(block, dict):
            raise InputError(f'{outcome.label}: Condition {operator} must map condition keys to values')
        for name, values in block.items():
            missing = []
            given = request.context.get(key_id(name))
            if given is None and request.can_have(name):
                missing.append(_key_name(name))
            unfilled = len(missing)
            wanted = _policy_values(values, request, variables and parsed.family in ('String', 'Arn'), missing)
            # A negated test holds only when no value matches: one that cannot be filled in
            # cannot be shown not to match, so the test fails (as cloud-copilot's simulator reads it).
            refused = given is not None and parsed.negated and len(missing) > unfilled
            result = wanted is not None and not refused and condition_holds(parsed, wanted, given, is_multivalued(request, name))
            outcome.missing.extend(item for item in missing if item not in outcome.missing)
            if not result and not missing:
                outcome.settled = True
            holds = holds and result
    return holds


def _outcome(statement, index, request, variables):
    label = statement_sid(statement) or f'#{index}'
    outcome = _Outcome(label, statement['Effect'])
    # A Resource whose variable the request cannot fill names no resource; its key is not
    # reported, as the request names the CA itself.
    outcome.in_scope = (_in_principals(statement, request) and _in_actions(statement, request)
                        and _in_resources(statement, request, variables, []))
    if outcome.in_scope:
        outcome.holds = _condition(statement, request, variables, outcome)
    return outcome


# ---------------------------------------------------------------- the policy

def _statement_problems(statement, label):
    if not isinstance(statement, dict):
        return [f'{label} is not a JSON object']
    problems = []
    if statement.get('Effect') not in EFFECTS:
        problems.append(f"{label} has Effect {statement.get('Effect')!r}; IAM knows only \"Allow\" and \"Deny\" (case-sensitive)")
    for element, negated in (('Principal', 'NotPrincipal'), ('Action', 'NotAction'), ('Resource', 'NotResource')):
        if (element in statement) == (negated in statement):
            problems.append(f'{label} must have exactly one of {element} and {negated}')
    return problems


def _statements(document):
    statements = policy_statements(document)
    problems = [problem for index, statement in enumerate(statements)
                for problem in _statement_problems(statement, f'Statement[{index}]')]
    if not statements:
        problems.append('the policy has no Statement')
    if problems:
        raise InputError(f"the policy cannot be evaluated: {'; '.join(problems)}", problems)
    return statements


def _named_certificate_authorities(statements):
    named = []
    for statement in statements:
        for resource in as_list(statement.get('Resource')):
            if isinstance(resource, str) and ':certificate-authority/' in resource and '*' not in resource and '?' not in resource:
                if resource not in named:
                    named.append(resource)
    return named


def _policy(policy):
    """The policy as a dict (None for none), from a dict or a JSON string."""
    if policy is None or policy == '':
        return None
    return parse_policy(policy)


def _decision(outcomes):
    in_scope = [outcome for outcome in outcomes if outcome.in_scope]
    denies = [outcome for outcome in in_scope if outcome.effect == 'Deny' and outcome.holds]
    allows = [outcome for outcome in in_scope if outcome.effect == 'Allow' and outcome.holds]
    if denies:
        deciding, decision, others = denies, EXPLICITLY_DENIED, []
    elif allows:
        deciding, decision = allows, ALLOWED
        # A Deny that a missing key kept from applying could still take it away.
        others = [outcome for outcome in in_scope if outcome.effect == 'Deny']
    else:
        deciding, decision = [], IMPLICITLY_DENIED
        others = [outcome for outcome in in_scope if outcome.effect == 'Allow']
    missing = []
    # The deciding statements turn on a missing key only when each of them does.
    if deciding and all(outcome.missing for outcome in deciding):
        missing.extend(key for outcome in deciding for key in outcome.missing)
    missing.extend(key for outcome in others for key in outcome.could_change())
    return decision, [outcome.label for outcome in deciding], sorted(set(missing), key=str.lower)


def _evaluate(document, statements, request_fields):
    request = evaluated_request(request_fields, _named_certificate_authorities(statements))
    variables = isinstance(document, dict) and document.get('Version') == VERSION_FOR_NEW_POLICIES
    outcomes = [_outcome(statement, index, request, variables) for index, statement in enumerate(statements)]
    decision, deciding, missing = _decision(outcomes)
    return {
        'decision': decision,
        'allowed': decision == ALLOWED,
        'statements': deciding,
        'missing_context': missing,
        'same_account': request.same_account,
    }


def evaluate(policy, request):
    """The answer of a CA's resource-based ``policy`` (a dict, a JSON string, or None) to one
    ``request`` (see access_request.evaluated_request for its keys):
    ``{decision, allowed, statements, missing_context, same_account}``. Raises InputError
    for a request or a policy that cannot be evaluated."""
    return evaluate_all(policy, [request])[0]


def evaluate_all(policy, requests):
    """``evaluate`` for each of ``requests`` (a list), the policy read once."""
    if not isinstance(requests, list):
        raise InputError(f'the requests must be a list of requests, got {type(requests).__name__}')
    document = _policy(policy)
    statements = _statements(document) if document is not None else []
    answers = []
    for index, request in enumerate(requests):
        try:
            answers.append(_evaluate(document, statements, request))
        except InputError as error:
            if len(requests) == 1:
                raise
            raise InputError(f'request {index}: {error}') from None
    return answers
