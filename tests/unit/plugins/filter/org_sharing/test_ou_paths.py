# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Sharing with organizational units: the role's statements with aws:PrincipalOrgPaths,
their checks, and switching between the whole organization and OUs."""


import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.filter.org_sharing import org_sharing_changes, org_sharing_policy, org_sharing_violations
from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import access_findings
from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.org_sharing import (
    check_org_sharing_settings,
    org_sharing_statements,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import policy_violations, validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import PolicyError
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import trust_zone

from ....helpers import CA_ARN, ISSUE_ACTION, ORGANIZATION_ID, READ_ACTIONS, account_policy, template_arn

CA = parse_certificate_authority_arn(CA_ARN)
TEMPLATES = ['EndEntityCertificate/V1']
OU = ORGANIZATION_ID + '/r-ab12/ou-ab12-abcdefgh'
DEEPER_OU = OU + '/ou-ab12-ijklmnop'
OTHER_OU = ORGANIZATION_ID + '/r-ab12/ou-ab12-qrstuvwx'


def listed(policy=None, arn=CA_ARN):
    return {'arn': arn, 'status': 'ACTIVE', 'policy': policy}


class TestStatements:

    def test_ou_paths_narrow_the_star_principal_with_principal_org_paths_instead_of_the_organization(self):
        read, issue = org_sharing_statements(CA, ORGANIZATION_ID, TEMPLATES, organizational_unit_paths=[OU, DEEPER_OU])
        guard = {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [OU + '/*', DEEPER_OU + '/*']}}
        assert read['Principal'] == '*' and sorted(read['Action']) == sorted(READ_ACTIONS)
        assert read['Condition'] == guard
        assert issue['Action'] == ISSUE_ACTION
        assert issue['Condition'] == dict(guard, StringEquals={'acm-pca:TemplateArn': [template_arn('EndEntityCertificate/V1')]})

    @pytest.mark.parametrize('written', [OU, OU + '/', OU + '/*'])
    def test_a_path_is_written_once_ending_in_a_wildcard_however_it_was_given(self, written):
        read = org_sharing_statements(CA, ORGANIZATION_ID, TEMPLATES, organizational_unit_paths=[written, OU])[0]
        assert read['Condition']['ForAnyValue:StringLike']['aws:PrincipalOrgPaths'] == [OU + '/*']

    def test_they_pass_the_policy_rules(self):
        validate_policy({'Version': '2012-10-17', 'Statement': org_sharing_statements(CA, ORGANIZATION_ID, TEMPLATES,
                                                                                      organizational_unit_paths=[OU])}, CA)

    def test_the_access_analysis_reads_them_back_as_organization_path_findings(self):
        policy = {'Statement': org_sharing_statements(CA, ORGANIZATION_ID, TEMPLATES, organizational_unit_paths=[OU])}
        found = access_findings(policy, CA.account, trust_zone(None, ORGANIZATION_ID))
        assert [(item['principal_type'], item['principal'], item['can_issue'], item['external']) for item in found] == [
            ('organization_path', OU + '/*', False, False), ('organization_path', OU + '/*', True, False)]


class TestPolicyRules:

    def test_a_star_guarded_by_principal_org_paths_is_accepted(self):
        statement = {'Effect': 'Allow', 'Principal': '*', 'Action': list(READ_ACTIONS), 'Resource': CA_ARN,
                     'Condition': {'ForAnyValue:StringLike': {'aws:principalorgpaths': OU + '/*'}}}
        assert policy_violations({'Version': '2012-10-17', 'Statement': [statement]}, CA) == []

    def test_a_guard_value_that_is_not_an_organization_path_is_named(self):
        statement = {'Effect': 'Allow', 'Principal': '*', 'Action': list(READ_ACTIONS), 'Resource': CA_ARN,
                     'Condition': {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': ['*', OU + '/*']}}}
        problems = policy_violations({'Version': '2012-10-17', 'Statement': [statement]}, CA)
        assert problems == ["Statement[0]: aws:PrincipalOrgPaths '*' under ForAnyValue:StringLike is not an organization path "
                            "such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]


class TestSettings:

    def test_ou_paths_in_the_organization_are_accepted(self):
        check_org_sharing_settings(ORGANIZATION_ID, TEMPLATES, [OU, DEEPER_OU + '/*'])

    @pytest.mark.parametrize('paths, message', [
        (['ou-ab12-abcdefgh'], "'ou-ab12-abcdefgh' is not an organizational unit path (o-xxxxxxxxxx/r-xxxx/ou-xxxx-xxxxxxxx"),
        ([ORGANIZATION_ID + '/r-ab12'], 'is not an organizational unit path'),
        ([ORGANIZATION_ID + '/r-ab12/ou-AB12-abcdefgh'], 'is not an organizational unit path'),
        ([OU + '/*/x'], 'is not an organizational unit path'),
        ([42], '42 is not an organizational unit path'),
        (['o-otherorg000/r-ab12/ou-ab12-abcdefgh'], "'o-otherorg000/r-ab12/ou-ab12-abcdefgh' is not in the organization %s" % ORGANIZATION_ID),
        ([], 'is an empty list; leave it unset (null) to share with the whole organization'),
        ({'path': OU}, 'org_sharing_organizational_unit_paths must be a list'),
    ])
    def test_bad_paths_are_refused_naming_the_variable_and_the_path(self, paths, message):
        with pytest.raises(PolicyError) as exc_info:
            check_org_sharing_settings(ORGANIZATION_ID, TEMPLATES, paths)
        assert message in str(exc_info.value)
        assert 'org_sharing_organizational_unit_paths' in str(exc_info.value)

    def test_the_violations_filter_lists_every_bad_path(self):
        problems = org_sharing_violations(ORGANIZATION_ID, TEMPLATES, ['nope', OU, 'o-otherorg000/r-ab12/ou-ab12-abcdefgh'])
        assert len(problems) == 2

    def test_paths_given_as_one_comma_separated_string_are_a_list(self):
        assert org_sharing_violations(ORGANIZATION_ID, TEMPLATES, '%s, %s' % (OU, OTHER_OU)) == []
        desired = org_sharing_policy(None, CA_ARN, ORGANIZATION_ID, organizational_unit_paths='%s,%s' % (OU, OTHER_OU))
        assert desired['Statement'][0]['Condition']['ForAnyValue:StringLike']['aws:PrincipalOrgPaths'] == [OU + '/*', OTHER_OU + '/*']

    def test_the_changes_filter_refuses_bad_paths_before_looking_at_any_ca(self):
        with pytest.raises(AnsibleFilterError, match='org_sharing_organizational_unit_paths'):
            org_sharing_changes(None, ORGANIZATION_ID, organizational_unit_paths=['bad'])


class TestSwitching:

    def test_switching_from_organization_to_ous_and_back_replaces_only_the_roles_statements(self):
        foreign = account_policy()['Statement']
        whole = policy_with_org_sharing({'Version': '2012-10-17', 'Statement': list(foreign)}, CA, ORGANIZATION_ID, TEMPLATES)
        to_ous = org_sharing_changes([listed(whole)], ORGANIZATION_ID, organizational_unit_paths=[OU])
        assert to_ous['changes'] == [{'resource_arn': CA_ARN, 'state': 'present'}]
        ou_policy = policy_with_org_sharing(whole, CA, ORGANIZATION_ID, TEMPLATES, organizational_unit_paths=[OU])
        assert ou_policy['Statement'][:2] == foreign
        assert 'aws:PrincipalOrgID' not in str(ou_policy['Statement'][2:])
        assert org_sharing_changes([listed(ou_policy)], ORGANIZATION_ID, organizational_unit_paths=[OU + '/'])['changes'] == []
        assert org_sharing_changes([listed(ou_policy)], ORGANIZATION_ID)['changes'] == [{'resource_arn': CA_ARN, 'state': 'present'}]
        assert policies_equivalent(policy_with_org_sharing(ou_policy, CA, ORGANIZATION_ID, TEMPLATES), whole)

    def test_changing_the_ous_is_a_change_and_absent_removes_the_ou_statements(self):
        ou_policy = policy_with_org_sharing(None, CA, ORGANIZATION_ID, TEMPLATES, organizational_unit_paths=[OU])
        assert len(org_sharing_changes([listed(ou_policy)], ORGANIZATION_ID, organizational_unit_paths=[OU, OTHER_OU])['changes']) == 1
        absent = org_sharing_changes([listed(ou_policy)], ORGANIZATION_ID, state='absent', organizational_unit_paths=[OU])
        assert absent['changes'] == [{'resource_arn': CA_ARN, 'state': 'absent'}]
        assert policy_with_org_sharing(ou_policy, CA, ORGANIZATION_ID, TEMPLATES, state='absent') is None
