# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The access check against an outside judge, cloud-copilot's IAM simulator.

tests/simulator/verdicts.json.gz holds the simulator's verdicts on the cases of
tests/simulator/cases.py (``make access-fixture`` records them; no Node.js is needed here). Every
case is evaluated again with ``access_check.evaluate``; a disagreement must fall in one of the
classes of the table in docs/access.md ("Checked against cloud-copilot's IAM simulator"), each
decided there by IAM's rule, and overall agreement must be at least 99.5%. A class that no longer
occurs must leave the table too. The figures are printed at the end of the run
(tests/unit/conftest.py).

Service principals are judged on hand-written cases from AWS's documentation
(``cases.SERVICE_PRINCIPAL_CASES``): the simulator does not fill in the keys of their requests.
"""

import collections
import gzip
import json
import os

import pytest

from tests.simulator import cases as generator

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', '..')
FIXTURE = os.path.join(REPO, 'tests', 'simulator', 'verdicts.json.gz')
DOCS = os.path.join(REPO, 'docs', 'access.md')
TABLE_TITLE = "## Checked against cloud-copilot's IAM simulator"
MINIMUM_AGREEMENT = 99.5


def _evaluate():
    """``access_check.evaluate``, or a skip while the module does not exist."""
    try:
        from ansible_collections.pki.acmpca.plugins.module_utils.access_check import evaluate  # pylint: disable=import-outside-toplevel
    except ImportError as error:
        pytest.skip('plugins/module_utils/access_check.py is not there yet (%s): nothing to compare with the simulator' % error)
    return evaluate


@pytest.fixture(scope='module')
def fixture():
    with gzip.open(FIXTURE, 'rt') as handle:
        return json.load(handle)


# ------------------------------------------------------------------ disagreement classes

def _tests(case):
    """``(operator, key, [policy values], [request values] or None)`` of every condition test of the case's policy."""
    statements = case['policy']['Statement']
    context = {key.lower(): value for key, value in generator.simulator_request(case['request'])['context'].items()}
    for statement in statements if isinstance(statements, list) else [statements]:
        for operator, tests in statement.get('Condition', {}).items():
            for key, values in tests.items():
                given = context.get(key.lower())
                yield (operator, key, values if isinstance(values, list) else [values],
                       None if given is None else given if isinstance(given, list) else [given])


def _is_epoch(value):
    return value.isdigit()


def _date_formats_mixed(case, _simulator, _ours):
    return any(operator.split(':')[-1].startswith('Date') and given is not None
               and {_is_epoch(value) for value in values + given} == {True, False}
               for operator, _key, values, given in _tests(case))


def _whole_address_space(case, _simulator, _ours):
    return any('IpAddress' in operator and any(value.endswith('/0') for value in values) for operator, _key, values, _given in _tests(case))


def _for_any_value_if_exists_on_an_absent_key(case, _simulator, _ours):
    return any(operator.startswith('ForAnyValue:') and operator.endswith('IfExists') and given is None
               for operator, _key, values, given in _tests(case))


def _arn_operator_with_a_policy_variable(case, _simulator, _ours):
    return any(operator.split(':')[-1].startswith('Arn') and any('${' in value for value in values)
               for operator, _key, values, _given in _tests(case))


# Each class: its name (the first cell of a row of the table in docs/access.md) and a test of a
# disagreeing case, given the simulator's decision and ours. A class says where IAM's documented
# rule and the simulator part; docs/access.md names the rule and what the simulator does there.
CLASSES = (
    ('date-epoch-against-iso-8601', _date_formats_mixed),
    ('ip-range-of-every-address', _whole_address_space),
    ('for-any-value-if-exists-on-an-absent-key', _for_any_value_if_exists_on_an_absent_key),
    ('arn-operator-with-a-policy-variable', _arn_operator_with_a_policy_variable),
)


def classify(case, ours):
    """The name of the documented class a disagreement belongs to, or None."""
    for name, belongs in CLASSES:
        if belongs(case, case['simulator']['decision'], ours):
            return name
    return None


def documented_classes():
    """The class names in the first column of the table in docs/access.md."""
    with open(DOCS) as handle:
        text = handle.read()
    section = text[text.index(TABLE_TITLE):]
    names = []
    for line in section.splitlines()[1:]:
        if line.startswith('#'):
            break
        if line.startswith('|') and not set(line) <= set('|- '):
            names.append(line.strip().strip('|').split('|')[0].strip().strip('`'))
    return names[1:]  # the header row


# ------------------------------------------------------------------------------- tests

def test_the_fixture_holds_the_simulators_verdicts_on_the_cases_the_generator_makes(fixture):
    generated = generator.generate(fixture['seed'], fixture['count'])
    assert fixture['digest'] == generator.digest(generated), 'tests/simulator/cases.py changed: run make access-fixture'
    assert fixture['count'] >= 5000
    decisions = collections.Counter(case['simulator'].get('decision') for case in fixture['cases'])
    assert set(decisions) == {'allowed', 'implicitly_denied', 'explicitly_denied'}, decisions
    # Keys the simulator drops for an action would make it judge another request than ours.
    assert [case['id'] for case in fixture['cases'] if case['simulator'].get('ignored_context_keys')] == []


def _compared(evaluate, case):
    """``(what differs or None, our decision)``: the decision, else the statements deciding an
    allow or an explicit deny (an implicit deny has none to compare)."""
    try:
        answer = evaluate(case['policy'], case['request'])
    except Exception as error:  # pylint: disable=broad-except
        return 'decision', 'error: %s' % type(error).__name__
    if answer['decision'] != case['simulator']['decision']:
        return 'decision', answer['decision']
    if sorted(answer['statements']) != sorted(case['simulator']['statements']):
        return 'statements %s' % answer['statements'], answer['decision']
    return None, answer['decision']


def test_the_access_check_agrees_with_the_simulator_outside_the_documented_classes(fixture, record_property):
    evaluate = _evaluate()
    judged = [case for case in fixture['cases'] if 'decision' in case['simulator']]
    classes, statement_classes, undocumented = collections.Counter(), collections.Counter(), []
    for case in judged:
        difference, ours = _compared(evaluate, case)
        if difference is None:
            continue
        name = classify(case, ours)
        (classes if difference == 'decision' else statement_classes)[name or 'undocumented'] += 1
        if name is None:
            undocumented.append((case, difference, ours))
    agreement = 100.0 * (len(judged) - sum(classes.values())) / len(judged)
    record_property('simulator_cases', len(judged))
    record_property('simulator_version', fixture['simulator_version'])
    record_property('simulator_agreement', '%.2f' % agreement)
    record_property('simulator_classes', ', '.join('%s: %d' % item for item in sorted(classes.items())) or 'none')
    record_property('simulator_statement_differences', sum(statement_classes.values()))
    shown = ['case %d: simulator %s %s, here %s (%s)\n  policy %s\n  request %s'
             % (case['id'], case['simulator']['decision'], case['simulator']['statements'], ours, difference,
                json.dumps(case['policy']), json.dumps(case['request']))
             for case, difference, ours in undocumented[:10]]
    assert undocumented == [], '%d disagreements in no class of docs/access.md, e.g.:\n%s' % (len(undocumented), '\n'.join(shown))
    documented = documented_classes()
    assert sorted(set(classes) - set(documented)) == [], 'classes used by the test but missing from the table of docs/access.md'
    assert sorted(set(documented) - set(classes)) == [], 'rows of the table of docs/access.md that no longer occur'
    assert agreement >= MINIMUM_AGREEMENT


@pytest.mark.parametrize('case', generator.SERVICE_PRINCIPAL_CASES, ids=lambda case: case['name'])
def test_service_principal_requests_are_decided_as_aws_documents(case):
    evaluate = _evaluate()
    answer = evaluate(case['policy'], case['request'])
    assert answer['decision'] == case['expect']
    assert answer['same_account'] is None
    if 'missing_context' in case:
        assert answer['missing_context'] == case['missing_context']
