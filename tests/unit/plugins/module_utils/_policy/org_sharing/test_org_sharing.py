# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""org_sharing: the settings against the organization ID pattern, the statements against AWS's documented
organization shape and the policy rules, and what a merge keeps of the current policy (the exact
statements and messages are in test_org_sharing_statements.py)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import (
    ORG_SHARING_ISSUE_SID,
    ORG_SHARING_READ_SID,
    OrgSharingSettings,
    check_org_sharing_settings,
    is_org_sharing_statement,
    org_sharing_statements,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

from .....helpers import CA_ARN, ORGANIZATION_ID, OTHER_ACCOUNT_ID, PARTITION_CAS, TEMPLATES, account_policy, organization_policy


CA = parse_certificate_authority_arn(CA_ARN)


# ========================================================================= org sharing

class TestOrgSharingSettings:

    def test_an_organization_id_and_known_template_names_are_accepted(self):
        check_org_sharing_settings(ORGANIZATION_ID, ['EndEntityCertificate/V1', 'SubordinateCACertificate_PathLen0/V1'])

    @pytest.mark.parametrize('organization_id', ['o-short', 'O-A1B2C3D4E5', 'r-a1b2c3d4e5', OTHER_ACCOUNT_ID, '', None, f"o-{'a' * 33}"])
    def test_a_bad_organization_id_fails_naming_the_variable(self, organization_id):
        with pytest.raises(PolicyError, match='^org_sharing_organization_id .* is not an organization ID'):
            check_org_sharing_settings(organization_id, ['EndEntityCertificate/V1'])

    @pytest.mark.parametrize('organization_id', [f"o-{'a' * 10}", f"o-{'0' * 32}", 'o-exampleorgid'])
    def test_organization_ids_of_10_to_32_lowercase_letters_or_digits_are_accepted(self, organization_id):
        check_org_sharing_settings(organization_id, ['EndEntityCertificate/V1'])

    @pytest.mark.parametrize('templates', [[], None, 'EndEntityCertificate/V1'])
    def test_templates_must_be_a_non_empty_list(self, templates):
        with pytest.raises(PolicyError, match='org_sharing_templates must be a non-empty list'):
            check_org_sharing_settings(ORGANIZATION_ID, templates)


class TestOrgSharingStatements:

    def test_they_are_the_documented_organization_shape_with_recognisable_sids(self):
        statements = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert [statement['Sid'] for statement in statements] == [ORG_SHARING_READ_SID, ORG_SHARING_ISSUE_SID]
        assert all(is_org_sharing_statement(statement) for statement in statements)
        documented = organization_policy()
        assert policies_equivalent(
            {'Version': '2012-10-17', 'Statement': [dict(statement, Sid='x') for statement in statements]},
            {'Version': '2012-10-17', 'Statement': [dict(statement, Sid='x') for statement in documented['Statement']]},
        )

    @pytest.mark.parametrize('partition', sorted(PARTITION_CAS))
    def test_they_pass_the_policy_rules(self, partition):
        ca = parse_certificate_authority_arn(PARTITION_CAS[partition])
        validate_policy({'Version': '2012-10-17', 'Statement': org_sharing_statements(ca, OrgSharingSettings(ORGANIZATION_ID, TEMPLATES))}, ca)


class TestPolicyWithOrgSharing:

    def test_the_version_and_id_of_the_current_policy_are_kept(self):
        current = dict(account_policy(), Version='2008-10-17', Id='kept')
        desired = policy_with_org_sharing(current, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert (desired['Version'], desired['Id']) == ('2008-10-17', 'kept')

    def test_a_current_statement_given_as_one_object_is_kept(self):
        current = {'Version': '2012-10-17', 'Statement': account_policy()['Statement'][0]}
        desired = policy_with_org_sharing(current, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert desired['Statement'][0] == account_policy()['Statement'][0]
        assert len(desired['Statement']) == 3

    def test_the_current_policy_is_not_modified(self):
        current = account_policy()
        policy_with_org_sharing(current, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert current == account_policy()
