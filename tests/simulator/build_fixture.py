# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Record cloud-copilot's IAM simulator's verdicts on the generated cases in verdicts.json.gz.

Run by ``make access-fixture`` (after ``npm ci`` in this folder): generates the cases
(``cases.generate()``), has ``simulate.mjs`` run the simulator over them, and writes the fixture
that ``tests/unit/plugins/module_utils/access_check/test_simulator_agreement.py`` reads, so the
unit tests need no Node.js. The fixture names the simulator's version, the generator's seed and
a digest of the cases; the test refuses a fixture the generator no longer produces.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile

if __package__ in (None, ''):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tests.simulator import cases as generator  # noqa: E402  pylint: disable=wrong-import-position

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, 'verdicts.json.gz')
SIMULATOR = '@cloud-copilot/iam-simulate'


def simulator_version():
    with open(os.path.join(HERE, 'node_modules', *SIMULATOR.split('/'), 'package.json')) as handle:
        return json.load(handle)['version']


def run_simulator(generated):
    """The simulator's verdict on each case, by case id."""
    requests = [{'id': case['id'], 'policy': case['policy'], 'request': generator.simulator_request(case['request'])}
                for case in generated]
    with tempfile.TemporaryDirectory() as scratch:
        cases_file = os.path.join(scratch, 'cases.json')
        verdicts_file = os.path.join(scratch, 'verdicts.json')
        with open(cases_file, 'w') as handle:
            json.dump(requests, handle)
        subprocess.run(['node', os.path.join(HERE, 'simulate.mjs'), cases_file, verdicts_file], cwd=HERE, check=True)
        with open(verdicts_file) as handle:
            return {verdict.pop('id'): verdict for verdict in json.load(handle)}


def main():
    generated = generator.generate()
    verdicts = run_simulator(generated)
    refused = [case['id'] for case in generated if 'error' in verdicts[case['id']]]
    fixture = {
        'simulator': SIMULATOR,
        'simulator_version': simulator_version(),
        'generator': 'tests/simulator/cases.py',
        'seed': generator.SEED,
        'count': len(generated),
        'digest': generator.digest(generated),
        'cases': [dict(case, simulator=verdicts[case['id']]) for case in generated],
    }
    text = json.dumps(fixture, sort_keys=True, separators=(',', ':')).encode('utf-8')
    # mtime=0: the same verdicts make the same bytes, so a regeneration that changes nothing shows no diff.
    with open(FIXTURE, 'wb') as raw, gzip.GzipFile(filename='', mode='wb', fileobj=raw, mtime=0) as handle:
        handle.write(text)
    decisions = {}
    for verdict in verdicts.values():
        decisions[verdict.get('decision', 'refused')] = decisions.get(verdict.get('decision', 'refused'), 0) + 1
    print('%s %s: %d cases (seed %d): %s; written to %s'
          % (SIMULATOR, fixture['simulator_version'], len(generated), generator.SEED,
             ', '.join('%s %d' % item for item in sorted(decisions.items())), os.path.relpath(FIXTURE)))
    if refused:
        print('the simulator refused %d cases, e.g. %s' % (len(refused), json.dumps(verdicts[refused[0]])))


if __name__ == '__main__':
    main()
