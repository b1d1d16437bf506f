# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property-based tests of org_sharing: the role's statements keep foreign statements, are idempotent and valid."""


import copy

from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import (
    OrgSharingSettings,
    is_org_sharing_statement,
    org_sharing_statements,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

from .....helpers import TEMPLATES
from .....policy_strategies import organization_ids, policies


@given(policies(), organization_ids, st.lists(st.sampled_from(TEMPLATES), min_size=1, max_size=3, unique=True), st.booleans())
def test_org_sharing_keeps_foreign_statements_is_idempotent_and_valid(ca_and_policy, organization_id, templates, allow_issue):
    ca, current = ca_and_policy
    desired = policy_with_org_sharing(copy.deepcopy(current), ca, OrgSharingSettings(organization_id, templates, allow_issue=allow_issue))
    validate_policy(desired, ca)
    foreign = [statement for statement in desired['Statement'] if not is_org_sharing_statement(statement)]
    assert foreign == current['Statement']
    owned = [statement for statement in desired['Statement'] if is_org_sharing_statement(statement)]
    assert owned == org_sharing_statements(ca, OrgSharingSettings(organization_id, templates, allow_issue=allow_issue))
    again = policy_with_org_sharing(copy.deepcopy(desired), ca, OrgSharingSettings(organization_id, templates, allow_issue=allow_issue))
    assert policies_equivalent(desired, again)
    removed = policy_with_org_sharing(copy.deepcopy(desired), ca, OrgSharingSettings(organization_id, templates, allow_issue=allow_issue), state='absent')
    assert policies_equivalent(removed, current)
