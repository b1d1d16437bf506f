# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property-based tests of policy_equivalence: every respelling of a policy means the same, every real change does not."""


import copy

from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent
from .....policy_strategies import MUTATIONS, policies, _respell, respellers


# ---------------------------------------------------------------------- tests

@given(policies(), respellers)
def test_every_respelling_of_a_policy_is_equivalent_to_it_and_to_any_other(ca_and_policy, rnd):
    dummy, document = ca_and_policy
    first = _respell(rnd, document)
    second = _respell(rnd, document)
    assert policies_equivalent(document, first)
    assert policies_equivalent(first, document)
    assert policies_equivalent(first, second)


@given(policies(), st.permutations(MUTATIONS), st.data(), respellers)
def test_a_real_change_is_never_equivalent_whatever_the_spelling(ca_and_policy, mutations, data, rnd):
    dummy, document = ca_and_policy
    changed = copy.deepcopy(document)
    assert any(mutation(data.draw, changed) for mutation in mutations)
    assert not policies_equivalent(document, changed)
    assert not policies_equivalent(_respell(rnd, document), _respell(rnd, changed))
