# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The AWS and IAM vocabulary every other file shares: the shapes of account IDs,
partitions, organizations and their paths, principal and template ARNs; the policy
versions; and how a statement's Sid, principals and Condition are read. The condition keys
and operators are in conditions.py. Pure: no boto3, no AnsibleModule."""


import json
import re

# ---------------------------------------------------------------- identifiers

PARTITION = r'aws[a-z-]*'
ACCOUNT = r'[0-9]{12}'
ACCOUNT_ID = re.compile(rf'^{ACCOUNT}\Z')


def account_id_problem(label, value):
    """Why ``value`` is not an AWS account ID, said so that the user can fix it; None when it
    is one. Digits of another length are most often an unquoted ID that YAML read as a
    number: an integer loses its leading zeros, and one with a leading 0 is read as octal."""
    if isinstance(value, str) and ACCOUNT_ID.match(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return f'{label} {value!r} is not an AWS account ID: YAML read it as a number: quote it ("012345678901"), 12 digits as a string'
    if isinstance(value, str) and value.isdigit():
        return (f'{label} {value!r} is not an AWS account ID (12 digits): written without quotes, an ID is read by YAML as a number, '
                'which loses its leading zeros (and one that starts with 0 is read as octal): quote it ("012345678901")')
    return f'{label} {value!r} is not an AWS account ID (12 digits, written as a string: quote it in YAML)'


# The IDs' patterns are those of the AWS Organizations API.
_ORGANIZATION = r'o-[a-z0-9]{10,32}'
_ROOT = r'r-[0-9a-z]{4,32}'
_ORGANIZATIONAL_UNIT = r'ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}'
ORGANIZATION_ID = re.compile(rf'^{_ORGANIZATION}\Z')
ORGANIZATION_ID_FORM = 'o- followed by 10 to 32 lowercase letters or digits'
# An organization path, without its ending: <org id>[/<root id>[/<ou id>]...].
ORGANIZATION_PATH = re.compile(rf'^(?P<organization_id>{_ORGANIZATION})(?:/{_ROOT}(?P<organizational_units>(?:/{_ORGANIZATIONAL_UNIT})*))?\Z')
# How a path may end: in a policy, "/" (that entity) or "/*" (it and everything below);
# an OU path given to the org_sharing role may also end in neither.
ORGANIZATION_PATH_ENDINGS = ('/*', '/')

# An account's root as a principal (in a partition).
ROOT_PRINCIPAL = re.compile(rf'^arn:(?P<partition>{PARTITION}):iam::(?P<account>{ACCOUNT}):root\Z')
# The AWS principals a resource policy can name: an account, an IAM user or role (or the
# account's root), or an assumed-role session.
PRINCIPAL_ARN = re.compile(rf'^arn:(?P<partition>{PARTITION}):(iam::{ACCOUNT}:.+|sts::{ACCOUNT}:assumed-role/.+)\Z')
TEMPLATE_ARN = re.compile(rf'^arn:(?P<partition>{PARTITION}):acm-pca:::template/(?P<name>.+)\Z')
# The partition of any ARN, and the account of an ARN that names one.
ARN_PARTITION = re.compile(rf'^arn:(?P<partition>{PARTITION}):')
ARN_ACCOUNT = re.compile(rf'^arn:[^:]+:[^:]*:[^:]*:(?P<account>{ACCOUNT}):')

# ---------------------------------------------------------------- policy versions

# What a policy this collection writes says.
VERSION_FOR_NEW_POLICIES = '2012-10-17'
# IAM's policy grammar: "If you do not include a Version element, the value defaults to 2008-10-17".
VERSION_WHEN_MISSING = '2008-10-17'
POLICY_VERSIONS = (VERSION_FOR_NEW_POLICIES, VERSION_WHEN_MISSING)


def is_organization_id(value):
    return isinstance(value, str) and bool(ORGANIZATION_ID.match(value))


def organization_path_without_ending(path):
    """A path without its ending (``/*`` or ``/``, once); any other value as it is."""
    if isinstance(path, str):
        for ending in ORGANIZATION_PATH_ENDINGS:
            if path.endswith(ending):
                return path[:-len(ending)]
    return path


def match_organization_path(path):
    """The match of ``path`` without its ending against ORGANIZATION_PATH, or None."""
    return ORGANIZATION_PATH.match(organization_path_without_ending(path)) if isinstance(path, str) else None


def is_organization_path(value):
    """A path as a policy condition writes it: it ends in ``/``, or ``/*`` for the principals below."""
    return match_organization_path(value) is not None and value != organization_path_without_ending(value)


def organizational_unit_path_match(path):
    """The match of an OU path as given to the org_sharing role (``/`` or ``/*`` at its end
    or neither; at least one OU), or None."""
    match = match_organization_path(path)
    return match if match and match.group('organizational_units') else None


def principals_below(path):
    """The aws:PrincipalOrgPaths value (for StringLike) of the principals in ``path`` and below."""
    return f"{organization_path_without_ending(path)}/*"


def template_arn(partition, name):
    return f'arn:{partition}:acm-pca:::template/{name}'


# ---------------------------------------------------------------- statements

def as_list(value):
    """A policy element that may be one value or a list of them, as a list."""
    return value if isinstance(value, list) else [value]


def policy_statements(policy):
    """The statements of a policy as a list ([] for no policy, or one that is not a JSON object)."""
    if not isinstance(policy, dict):
        return []
    return as_list(policy.get('Statement', []))


def statement_sid(statement):
    """The statement's Sid, or None when it has none (or is not a statement at all)."""
    sid = statement.get('Sid') if isinstance(statement, dict) else None
    return sid if isinstance(sid, str) and sid else None


def condition_blocks(statement):
    """``(operator, tests)`` of each operator in the statement's Condition, in the order
    written ([] without a Condition). ``tests`` is as written: an object of key to values
    when the policy is well formed. A Condition that is not an object is the one block
    ``('Condition', condition)``."""
    condition = statement.get('Condition')
    if condition is None:
        return []
    if not isinstance(condition, dict):
        return [('Condition', condition)]
    return list(condition.items())


def condition_tests(statement):
    """``(operator, key, values)`` of each test in the statement's Condition, in the order
    written; blocks that are not objects hold no test."""
    return [(operator, key, values) for operator, tests in condition_blocks(statement) if isinstance(tests, dict)
            for key, values in tests.items()]


def key_id(name):
    """What identifies a condition key: its name without case, as condition key names are not
    case-sensitive (IAM); any other value as it is."""
    return name.lower() if isinstance(name, str) else name


def is_key(name, key):
    return isinstance(name, str) and key_id(name) == key_id(key)


def condition_values(statement, operator, key):
    """The values a statement's ``operator`` condition gives for ``key``, as written (an
    empty list when it gives none)."""
    return [item for written, name, values in condition_tests(statement) if written == operator and is_key(name, key)
            for item in as_list(values)]


def condition_value(value):
    """What IAM reads a condition value as: condition values are strings, and a JSON
    boolean or number means its string form (YAML's ``true`` or ``100`` is ``"true"`` or
    ``"100"``). Null, a list or an object is not a condition value: it is returned as it
    is, for the caller to judge (a test with such a value matches nothing)."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return value


# ---------------------------------------------------------------- principals

def principal_text(value):
    """A principal as text: an unquoted account ID in YAML is a number."""
    text = condition_value(value)
    return text if isinstance(text, str) else str(value)


def aws_principal(value):
    """``(principal_type, principal)`` of an AWS principal other than ``"*"``: an account ID
    or an account's root ARN is the ``account``; any other ARN is itself (``arn``)."""
    value = principal_text(value)
    if ACCOUNT_ID.match(value):
        return 'account', value
    match = ROOT_PRINCIPAL.match(value)
    if match:
        return 'account', match.group('account')
    return 'arn', value


def statement_principals(statement):
    """``(element, principal_type, principal)`` of each principal the statement's Principal
    names, ``element`` being its kind as written (``AWS``, ``Service``, ``Federated``, ...):
    ``public`` ``*`` for ``"*"`` or ``{"AWS": "*"}``; ``account`` or ``arn`` for the other AWS
    principals; ``service`` for a service; ``arn`` (the value as written) for Federated and
    CanonicalUser principals. None for a NotPrincipal, which names everyone but those: as
    wide as a public grant."""
    if 'NotPrincipal' in statement:
        return None
    principal = statement.get('Principal')
    if principal == '*':
        principal = {'AWS': '*'}
    if not isinstance(principal, dict):
        return []
    found = []
    for element, values in principal.items():
        for value in as_list(values):
            if element == 'AWS' and value == '*':
                found.append((element, 'public', '*'))
            elif element == 'AWS':
                found.append((element,) + aws_principal(value))
            else:
                found.append((element, 'service' if element == 'Service' else 'arn', principal_text(value)))
    return found
