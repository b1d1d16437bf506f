# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The Deny statements access findings apply, and what each takes away from whom
(docs/access.md, "Deny statements: what is resolved"). A Deny that cannot be applied
exactly is left out, so findings err towards more access, never less. Pure."""


from ansible_collections.pki.acmpca.plugins.module_utils.access_conditions import grant_conditions
from ansible_collections.pki.acmpca.plugins.module_utils.conditions import PRINCIPAL, WILDCARDS, glob_matches
from ansible_collections.pki.acmpca.plugins.module_utils.iam import as_list, statement_principals
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import account_of, unique

_ORGANIZATION_TYPES = ('organization', 'organization_path')


def _is_organization_test(test):
    return test.known.narrows == PRINCIPAL and test.known.admits in _ORGANIZATION_TYPES


def _applies_to(statement, resource_arn):
    """Whether the statement's Resource names this CA (a Deny elsewhere takes nothing from it)."""
    if 'NotResource' in statement:
        return False
    resources = [resource for resource in as_list(statement.get('Resource')) if isinstance(resource, str)]
    return any(glob_matches(resource, resource_arn) for resource in resources) if resource_arn else '*' in resources


def _denied_principals(statement, organization_test):
    """The ``(principal_type, principal)`` pairs a Deny names: its ``"*"`` as narrowed by its
    organization test; with such a test, only the organizations or paths it names."""
    found = []
    for _element, principal_type, principal in statement_principals(statement):
        if principal_type == 'public' and organization_test:
            found.extend((organization_test.known.admits, value) for value in organization_test.strings)
        elif not organization_test:
            found.append((principal_type, principal))
    return unique(found)


def denials(statements, resource_arn):
    """``(principals, actions, like)`` of each Deny statement findings can apply: one with
    Principal and Action, a Resource that names this CA, and no condition beyond one org ID
    or paths test narrowing a ``"*"``. ``like``: that test's values are StringLike patterns."""
    found = []
    for statement in statements:
        if statement.get('Effect') != 'Deny' or 'NotPrincipal' in statement or 'NotAction' in statement:
            continue
        if not _applies_to(statement, resource_arn):
            continue
        conditions = grant_conditions(statement)
        if conditions.others or conditions.templates is not None or not all(map(_is_organization_test, conditions.narrowing)):
            continue
        if len(conditions.narrowing) > 1:
            # IAM requires every one of several organization tests to hold; applying each
            # on its own would take away more access than the Deny does.
            continue
        organization_test = conditions.narrowing[0] if conditions.narrowing else None
        actions = [action for action in as_list(statement.get('Action')) if isinstance(action, str)]
        like = organization_test is not None and organization_test.pattern == 'like'
        found.append((_denied_principals(statement, organization_test), actions, like))
    return found


def covers(denied, finding, like):
    """Whether a Deny naming ``denied`` applies to every principal of ``finding`` (both
    ``(principal_type, principal)``). ``like``: the Deny's organization values are StringLike
    patterns (else they match literally)."""
    denied_type, denied_principal = denied
    finding_type, finding_principal = finding
    if denied_type == 'public':
        return True
    if not like and denied_type in _ORGANIZATION_TYPES and WILDCARDS.search(denied_principal):
        # Taken literally (StringEquals): no organization ID or path holds a * or ?, so it covers no one.
        return False
    if denied_type == finding_type and denied_type in _ORGANIZATION_TYPES:
        return glob_matches(denied_principal, finding_principal) if like else denied_principal == finding_principal
    if denied_type == finding_type:
        return denied_principal == finding_principal
    if denied_type == 'account' and finding_type == 'arn':
        # An account in a resource policy stands for every principal of that account.
        return account_of('arn', finding_principal) == denied_principal
    if denied_type == 'organization' and finding_type == 'organization_path':
        if like:
            return glob_matches(f"{denied_principal}/*", finding_principal)
        return finding_principal.startswith(f"{denied_principal}/")
    return False


def denied_actions(found_denials, principal):
    """The action patterns the Deny statements take away from ``principal``."""
    return [action for principals, actions, like in found_denials
            if any(covers(item, principal, like) for item in principals) for action in actions]
