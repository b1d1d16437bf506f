# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hypothesis strategies for policies, shared by the property tests of policy_equivalence,
pca_policy_rules and org_sharing: policies in AWS's documented shapes, their respellings
(the same meaning written otherwise) and real changes (mutations)."""


import json

from hypothesis import strategies as st

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_policy

from .helpers import ISSUE_ACTION, READ_ACTIONS, TEMPLATES

ALLOWED_ACTIONS = READ_ACTIONS + [ISSUE_ACTION, 'acm-pca:RevokeCertificate']
PARTITIONS = {
    'aws': 'us-east-1',
    'aws-cn': 'cn-north-1',
    'aws-us-gov': 'us-gov-west-1',
}

# ------------------------------------------------------------------ strategies

_BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'


def _organization_id(number, length):
    digits = ''
    while number:
        number, digit = divmod(number, 36)
        digits += _BASE36[digit]
    return f"o-{(digits + _BASE36 * 4)[:length]}"


# Built from integers rather than from text: far fewer draws, so hundreds of examples stay fast.
account_ids = st.integers(min_value=0, max_value=10 ** 12 - 1).map(lambda number: '%012d' % number)
organization_ids = st.builds(_organization_id, st.integers(min_value=0, max_value=2 ** 64), st.integers(min_value=10, max_value=32))
partitions = st.sampled_from(sorted(PARTITIONS))


@st.composite
def certificate_authorities(draw):
    partition = draw(partitions)
    account = draw(account_ids)
    ca_id = draw(st.uuids()).hex
    return parse_certificate_authority_arn(f'arn:{partition}:acm-pca:{PARTITIONS[partition]}:{account}:certificate-authority/{ca_id}')


def _template_arn(partition, name):
    return f'arn:{partition}:acm-pca:::template/{name}'


@st.composite
def statements(draw, ca, sid):
    """One statement of the documented kind: accounts, or everyone in an organization."""
    actions = draw(st.lists(st.sampled_from(ALLOWED_ACTIONS), min_size=1, max_size=len(ALLOWED_ACTIONS), unique=True))
    statement = {'Sid': sid, 'Effect': 'Allow', 'Action': actions, 'Resource': ca.arn}
    string_equals = {}
    if draw(st.booleans()):
        statement['Principal'] = '*'
        string_equals['aws:PrincipalOrgID'] = draw(organization_ids)
    else:
        statement['Principal'] = {'AWS': draw(st.lists(account_ids, min_size=1, max_size=3, unique=True))}
    if ISSUE_ACTION in actions:
        templates = draw(st.lists(st.sampled_from(TEMPLATES), min_size=1, max_size=3, unique=True))
        string_equals['acm-pca:TemplateArn'] = [_template_arn(ca.partition, name) for name in templates]
    if string_equals:
        statement['Condition'] = {'StringEquals': string_equals}
    return statement


@st.composite
def policies(draw, ca=None):
    """(ca, policy): a valid-looking policy for a CA, in a plain spelling (lists everywhere)."""
    ca = ca or draw(certificate_authorities())
    count = draw(st.integers(min_value=1, max_value=4))
    document = {'Version': '2012-10-17', 'Statement': [draw(statements(ca, 'Statement%d' % index)) for index in range(count)]}
    return ca, document


# Respellings are drawn with one seeded random.Random: a handful of hypothesis draws per
# example instead of dozens keeps hundreds of examples fast; the seed is part of the example.
respellers = st.randoms(use_true_random=True)


def _reordered(rnd, mapping):
    """The same mapping with its keys in a random order."""
    keys = sorted(mapping)
    rnd.shuffle(keys)
    return {key: mapping[key] for key in keys}


def _respell_values(rnd, values):
    """A list as a shuffled list, or its one item as a plain value."""
    values = list(values) if isinstance(values, list) else [values]
    rnd.shuffle(values)
    if len(values) == 1 and rnd.random() < 0.5:
        return values[0]
    return values


def _respell_principal(rnd, principal, partition):
    if principal == '*':
        return rnd.choice(['*', {'AWS': '*'}, {'AWS': ['*']}])
    ids = []
    for account in principal['AWS']:
        if rnd.random() < 0.5:
            account = f'arn:{partition}:iam::{account}:root'
        ids.append(account)
    return {'AWS': _respell_values(rnd, ids)}


def _respell_key(rnd, name):
    """Condition key names are not case-sensitive."""
    return rnd.choice([name, name.lower(), name.upper(), name.swapcase()])


def _respell_statement(rnd, statement):
    respelled = {}
    partition = statement['Resource'].split(':')[1]
    for key, value in statement.items():
        if key in ('Action', 'Resource'):
            value = _respell_values(rnd, value)
        elif key == 'Principal':
            value = _respell_principal(rnd, value, partition)
        elif key == 'Condition':
            value = {operator: _reordered(rnd, {_respell_key(rnd, name): _respell_values(rnd, tests[name]) for name in tests})
                     for operator, tests in value.items()}
        respelled[key] = value
    return _reordered(rnd, respelled)


def _respell(rnd, document):
    """Another spelling of ``document`` with the same meaning, as the parsed JSON text a user may write:
    statements, list items and keys shuffled, one-element lists as plain values, account IDs as root
    ARNs of the CA's partition, "*" as {"AWS": "*"}, condition key names in another case, other indentation."""
    respelled = dict(document)
    statement_list = [_respell_statement(rnd, statement) for statement in document['Statement']]
    rnd.shuffle(statement_list)
    respelled['Statement'] = statement_list[0] if len(statement_list) == 1 and rnd.random() < 0.5 else statement_list
    respelled = _reordered(rnd, respelled)
    indent = rnd.choice([None, 0, 1, 2, 4, 8, '\t', ' \t '])
    separators = rnd.choice([None, (',', ':'), (', ', ': '), (' ,\n', ' :  ')])
    return parse_policy(json.dumps(respelled, indent=indent, separators=separators, ensure_ascii=rnd.random() < 0.5))


# ------------------------------------------------------------------- mutations
# Each makes one real change to the policy and returns True, or returns False (changing
# nothing) when the policy has nothing it applies to.

def _add_action(draw, document):
    candidates = [(index, action) for index, statement in enumerate(document['Statement'])
                  for action in READ_ACTIONS if action not in statement['Action']]
    if not candidates:
        return False
    index, action = draw(st.sampled_from(candidates))
    document['Statement'][index]['Action'].append(action)
    return True


def _remove_action(draw, document):
    candidates = [(index, action) for index, statement in enumerate(document['Statement'])
                  for action in statement['Action'] if len(statement['Action']) > 1]
    if not candidates:
        return False
    index, action = draw(st.sampled_from(candidates))
    document['Statement'][index]['Action'].remove(action)
    return True


def _change_account(draw, document):
    candidates = [(index, position) for index, statement in enumerate(document['Statement']) if statement['Principal'] != '*'
                  for position in range(len(statement['Principal']['AWS']))]
    if not candidates:
        return False
    index, position = draw(st.sampled_from(candidates))
    ids = document['Statement'][index]['Principal']['AWS']
    ids[position] = draw(account_ids.filter(lambda account: account not in ids))
    return True


def _change_template(draw, document):
    candidates = [(index, position) for index, statement in enumerate(document['Statement'])
                  for position in range(len(statement.get('Condition', {}).get('StringEquals', {}).get('acm-pca:TemplateArn', [])))]
    if not candidates:
        return False
    index, position = draw(st.sampled_from(candidates))
    arns = document['Statement'][index]['Condition']['StringEquals']['acm-pca:TemplateArn']
    partition = arns[position].split(':')[1]
    arns[position] = _template_arn(partition, draw(st.sampled_from([name for name in TEMPLATES if _template_arn(partition, name) not in arns])))
    return True


def _change_organization(draw, document):
    candidates = [index for index, statement in enumerate(document['Statement']) if statement['Principal'] == '*']
    if not candidates:
        return False
    tests = document['Statement'][draw(st.sampled_from(candidates))]['Condition']['StringEquals']
    tests['aws:PrincipalOrgID'] = draw(organization_ids.filter(lambda organization_id: organization_id != tests['aws:PrincipalOrgID']))
    return True


def _drop_statement(draw, document):
    del document['Statement'][draw(st.integers(min_value=0, max_value=len(document['Statement']) - 1))]
    return True


def _deny_statement(draw, document):
    document['Statement'][draw(st.integers(min_value=0, max_value=len(document['Statement']) - 1))]['Effect'] = 'Deny'
    return True


MUTATIONS = [_add_action, _remove_action, _change_account, _change_template, _change_organization, _drop_statement, _deny_statement]
