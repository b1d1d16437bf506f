#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run ../shared/tools/peer_policy_check.py on this checkout (`make unit` runs it) and fail
on any disagreement with AWS's semantics.

This is the tool's --strict rule with one exception, which IAM's own documentation
decides: "The Effect value is case sensitive", so AWS refuses a policy whose Effect is
not exactly Allow or Deny, and this collection refuses it too (validation) and never
folds Effect in comparison. Two peer cases (Terraform's "Casing of Effect" and "Single
Statement vs []Statement") still expect `allow` to equal `Allow` and carry no AWS verdict
in the cases file; a comparison with a policy AWS refuses is moot, so such cases are
reported here and not counted. Once the cases file marks them moot, --strict alone passes.

    python .ci/peer_cases.py [CHECKOUT]      (from the repository root, with the venv's Python)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(os.path.dirname(ROOT), 'shared', 'tools', 'peer_policy_check.py')
CASES = os.path.join(os.path.dirname(ROOT), 'shared', 'reference', 'peer-policy-cases.json')
EFFECTS = ('Allow', 'Deny')


def statements(side: dict) -> list:
    """The statements of one side of a case, [] when it is not a policy object."""
    text = side.get('text') if 'text' in side else json.dumps(side.get('doc'))
    try:
        document = json.loads(text)
    except (TypeError, ValueError):
        return []
    found = document.get('Statement', []) if isinstance(document, dict) else []
    return found if isinstance(found, list) else [found]


def refused_by_aws(case: dict) -> bool:
    """True when a policy of the case has an Effect other than exactly Allow or Deny."""
    sides = [case.get(key) for key in ('policy1', 'policy2') if isinstance(case.get(key), dict)]
    return any(isinstance(statement, dict) and 'Effect' in statement and statement['Effect'] not in EFFECTS
               for side in sides for statement in statements(side))


def main() -> int:
    checkout = sys.argv[1] if len(sys.argv) > 1 else ROOT
    if not os.path.exists(TOOL):
        print('peer cases: %s not found; nothing to measure' % TOOL)
        return 0
    with tempfile.TemporaryDirectory() as workdir:
        out = os.path.join(workdir, 'results.json')
        completed = subprocess.run([sys.executable, TOOL, checkout, '-q', '--json', out], check=False,
                                   capture_output=True, text=True)
        print(completed.stdout.rstrip())
        if completed.returncode not in (0, 1) or not os.path.exists(out):
            print(completed.stderr.rstrip())
            return completed.returncode or 2
        with open(out, encoding='utf-8') as handle:
            results = json.load(handle)['results']
    with open(CASES, encoding='utf-8') as handle:
        cases = dict((case['id'], case) for suite in json.load(handle)['suites'] for case in suite['cases'])

    failures, moot = [], []
    for result in results:
        if result['kind'] == 'validation':
            if result['got'] != 'valid' and 'doc-typo' not in (result.get('tags') or []):
                failures.append('%s: documented policy refused: %s' % (result['id'], result.get('detail')))
            continue
        expected = result['aws_expected']
        if result['kind'] != 'peer' or expected is None:
            continue
        agreed = result['got'] in ('error', 'not-equivalent') if expected == 'error' else result['got'] == expected
        if agreed:
            continue
        if refused_by_aws(cases[result['id']]):
            moot.append(result['id'])
        else:
            failures.append('%s: expected %s on AWS semantics, got %s %s'
                            % (result['id'], expected, result['got'], result.get('detail') or ''))
    for case_id in moot:
        print('peer cases: moot (a policy AWS refuses: Effect must be exactly Allow or Deny): %s' % case_id)
    for failure in failures:
        print('peer cases: FAILED %s' % failure)
    print('peer cases: %d disagreement(s) with AWS semantics, %d moot' % (len(failures), len(moot)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
