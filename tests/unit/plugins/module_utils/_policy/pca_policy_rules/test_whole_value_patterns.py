# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The patterns of organization IDs, template ARNs and account root ARNs match the whole value."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import check_org_sharing_settings
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_violations
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

from .....helpers import CA_ARN, ORGANIZATION_ID, OTHER_ACCOUNT_ID, account_policy, _root_arn, template_arn


CA = parse_certificate_authority_arn(CA_ARN)


# ================================================================= strict pattern ends

class TestTrailingNewlinesAreNotIgnored:
    """Python's ``$`` also matches before a trailing newline; the patterns must not accept one."""

    def test_an_organization_id_with_a_trailing_newline_is_not_an_organization_id(self):
        with pytest.raises(PolicyError):
            check_org_sharing_settings(f"{ORGANIZATION_ID}\n", ['EndEntityCertificate/V1'])

    def test_a_template_arn_with_a_trailing_newline_is_a_violation(self):
        document = account_policy()
        document['Statement'][1]['Condition']['StringEquals']['acm-pca:TemplateArn'] = f"{template_arn()}\n"
        assert policy_violations(document, CA) != []

    def test_a_root_arn_with_a_trailing_newline_is_not_the_account(self):
        changed = account_policy()
        for statement in changed['Statement']:
            statement['Principal'] = {'AWS': f"{_root_arn(OTHER_ACCOUNT_ID)}\n"}
        assert not policies_equivalent(account_policy(), changed)
