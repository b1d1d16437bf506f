# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property-based tests of pca_policy_rules and policy_document: the ACM PCA policy rules do not depend on the spelling, and a policy survives serializing."""


from hypothesis import given

from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_violations
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_policy, serialize_policy
from .....policy_strategies import policies, _respell, respellers


@given(policies(), respellers)
def test_generated_policies_and_their_respellings_pass_the_policy_rules_and_survive_serializing(ca_and_policy, rnd):
    ca, document = ca_and_policy
    assert policy_violations(document, ca) == []
    assert policy_violations(_respell(rnd, document), ca) == []
    assert parse_policy(serialize_policy(document)) == document
