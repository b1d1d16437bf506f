// Copyright: (c) 2026, pki.acmpca contributors
// GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
//
// Runs cloud-copilot's IAM simulator over the cases that tests/simulator/build_fixture.py writes
// (node simulate.mjs <cases.json> <verdicts.json>). Each case is simulated with one identity policy
// allowing everything in the caller's account and no SCP or RCP beyond the defaults, so that the
// verdict is the CA policy's.
import { readFileSync, writeFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const ALLOW_EVERYTHING = {
  name: 'AllowEverything',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
}
const DECISIONS = { Allowed: 'allowed', ImplicitlyDenied: 'implicitly_denied', ExplicitlyDenied: 'explicitly_denied' }

// The simulator names a statement by its Sid, else by its 1-based position; the collection by its
// Sid, else by '#<0-based index>'.
function statementName(policy, identifier) {
  const statements = [policy.Statement].flat()
  const bySid = statements.findIndex((statement) => statement.Sid === identifier)
  return bySid >= 0 ? identifier : '#' + (Number(identifier) - 1)
}

async function simulate(testCase) {
  const request = testCase.request
  const response = await runSimulation({
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resource_account },
      contextVariables: request.context
    },
    identityPolicies: [ALLOW_EVERYTHING],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: testCase.policy
  }, { simulationMode: 'Strict' })
  if (response.resultType === 'error') {
    return { id: testCase.id, error: response.errors }
  }
  if (response.resultType !== 'single') {
    return { id: testCase.id, error: { message: 'unexpected result type ' + response.resultType } }
  }
  const analysis = response.result.analysis.resourceAnalysis
  const deciding = response.overallResult === 'ExplicitlyDenied' ? analysis.denyStatements : analysis.allowStatements
  return {
    id: testCase.id,
    decision: DECISIONS[response.overallResult],
    statements: deciding.map((statement) => statementName(testCase.policy, statement.explain.identifier)),
    ignored_context_keys: response.result.ignoredContextKeys
  }
}

const [input, output] = process.argv.slice(2)
const cases = JSON.parse(readFileSync(input, 'utf8'))
const verdicts = []
for (const testCase of cases) {
  verdicts.push(await simulate(testCase))
}
writeFileSync(output, JSON.stringify(verdicts))
