# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""org_sharing (module_utils): the exact statements the role writes to AWS, the exact
messages naming the role variable that is wrong, and the merge that keeps others'
statements."""


import copy

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy import org_sharing
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import organization_path_without_ending as organizational_unit_path
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import (
    OrgSharingSettings,
    check_org_sharing_settings,
    is_org_sharing_statement,
    org_sharing_statements,
    policy_with_org_sharing,
    requested_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_violations
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError

from .....helpers import CA_ARN, ISSUE_ACTION, ORGANIZATION_ID, READ_ACTIONS, account_policy, template_arn

CA = parse_certificate_authority_arn(CA_ARN)
CN_CA_ARN = 'arn:aws-cn:acm-pca:cn-north-1:123456789012:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
CN_CA = parse_certificate_authority_arn(CN_CA_ARN)
OU = f"{ORGANIZATION_ID}/r-ab12/ou-ab12-abcdefgh"
OTHER_OU = f"{ORGANIZATION_ID}/r-ab12/ou-ab12-qrstuvwx"
FOREIGN_OU = 'o-otherorg000/r-ab12/ou-ab12-abcdefgh'
ALLOWED = ('EndEntityCertificate/V1, EndEntityClientAuthCertificate/V1, EndEntityServerAuthCertificate/V1, '
           'BlankEndEntityCertificate_APIPassthrough/V1, BlankEndEntityCertificate_APICSRPassthrough/V1, '
           'SubordinateCACertificate_PathLen0/V1')
PATH_FORM = '(o-xxxxxxxxxx/r-xxxx/ou-xxxx-xxxxxxxx, possibly deeper)'


def read_statement(condition, arn=CA_ARN):
    """The Read statement exactly as the role writes it."""
    return {'Sid': 'PkiAcmpcaOrgSharingRead', 'Effect': 'Allow', 'Principal': '*', 'Action': list(READ_ACTIONS),
            'Resource': arn, 'Condition': condition}


def issue_statement(condition, arn=CA_ARN):
    """The Issue statement exactly as the role writes it."""
    return {'Sid': 'PkiAcmpcaOrgSharingIssue', 'Effect': 'Allow', 'Principal': '*', 'Action': ISSUE_ACTION,
            'Resource': arn, 'Condition': condition}


def settings_problems(organization_id=ORGANIZATION_ID, templates=None, paths=None):
    """The PolicyError check_org_sharing_settings raises: (its message, its violations)."""
    with pytest.raises(PolicyError) as exc_info:
        check_org_sharing_settings(organization_id, ['EndEntityCertificate/V1'] if templates is None else templates, paths)
    return str(exc_info.value), exc_info.value.violations


class TestTheStatementsWrittenToAws:

    def test_the_whole_organization_gets_exactly_the_documented_read_and_issue_statements(self):
        statements = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1', 'EndEntityServerAuthCertificate/V1']))
        assert statements == [
            read_statement({'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}),
            issue_statement({'StringEquals': {
                'aws:PrincipalOrgID': ORGANIZATION_ID,
                'acm-pca:TemplateArn': [template_arn('EndEntityCertificate/V1'), template_arn('EndEntityServerAuthCertificate/V1')],
            }}),
        ]

    def test_ous_get_exactly_a_principal_org_paths_guard_and_no_organization_id(self):
        statements = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'],
                                                                   organizational_unit_paths=[OU, f"{OTHER_OU}/"]))
        guard = {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [f"{OU}/*", f"{OTHER_OU}/*"]}}
        assert statements == [
            read_statement(guard),
            issue_statement(dict(guard, StringEquals={'acm-pca:TemplateArn': [template_arn('EndEntityCertificate/V1')]})),
        ]

    def test_an_ou_given_twice_however_spelled_is_written_once(self):
        read = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False,
                                                             organizational_unit_paths=[f"{OU}/*", OTHER_OU, OU, f"{OU}/"]))[0]
        assert read['Condition'] == {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [f"{OU}/*", f"{OTHER_OU}/*"]}}

    def test_read_only_sharing_writes_only_the_read_statement(self):
        statements = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False))
        assert statements == [read_statement({'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}})]

    def test_the_template_arns_are_in_the_cas_partition(self):
        issue = org_sharing_statements(CN_CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))[1]
        assert issue == issue_statement({'StringEquals': {
            'aws:PrincipalOrgID': ORGANIZATION_ID,
            'acm-pca:TemplateArn': ['arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1'],
        }}, arn=CN_CA_ARN)


class TestOrganizationalUnitPath:

    @pytest.mark.parametrize('given', [OU, f"{OU}/", f"{OU}/*"])
    def test_a_trailing_slash_or_wildcard_is_dropped(self, given):
        assert organizational_unit_path(given) == OU

    def test_only_one_ending_is_dropped(self):
        assert organizational_unit_path(f"{OU}//") == f"{OU}/"
        assert organizational_unit_path(f"{OU}/*/*") == f"{OU}/*"

    def test_a_value_that_is_not_a_string_is_returned_as_it_is(self):
        assert organizational_unit_path(42) == 42
        assert organizational_unit_path(None) is None


class TestSettingsMessages:

    def test_usable_settings_raise_nothing(self):
        assert check_org_sharing_settings(ORGANIZATION_ID, ['EndEntityCertificate/V1']) is None
        assert check_org_sharing_settings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], [OU]) is None

    def test_a_bad_organization_id_is_named_exactly(self):
        message, violations = settings_problems(organization_id='o-ABC')
        assert violations == ["org_sharing_organization_id 'o-ABC' is not an organization ID (o- followed by 10 to 32 "
                              "lowercase letters or digits)"]
        assert message == violations[0]

    @pytest.mark.parametrize('templates', [[], ('EndEntityCertificate/V1',), 'EndEntityCertificate/V1', {}])
    def test_templates_that_are_not_a_non_empty_list_are_named_exactly(self, templates):
        message, violations = settings_problems(templates=templates)
        assert violations == ['org_sharing_templates must be a non-empty list of template names']
        assert message == violations[0]

    def test_each_unknown_template_is_named_with_the_allowed_ones(self):
        message, violations = settings_problems(templates=['Nope/V1', 'EndEntityCertificate/V1', 'RootCACertificate/V1'])
        assert violations == [
            f"org_sharing_templates: 'Nope/V1' is not a template a shared CA may issue with (allowed: {ALLOWED})",
            f"org_sharing_templates: 'RootCACertificate/V1' is not a template a shared CA may issue with (allowed: {ALLOWED})",
        ]
        assert message == '; '.join(violations)

    @pytest.mark.parametrize('paths, problem', [
        ({'path': OU}, 'org_sharing_organizational_unit_paths must be a list of organizational unit paths, got dict'),
        (OU, 'org_sharing_organizational_unit_paths must be a list of organizational unit paths, got str'),
        ([], 'org_sharing_organizational_unit_paths is an empty list; leave it unset (null) to share with the whole organization'),
        ((), 'org_sharing_organizational_unit_paths is an empty list; leave it unset (null) to share with the whole organization'),
        (['ou-ab12-abcdefgh'], f"org_sharing_organizational_unit_paths: 'ou-ab12-abcdefgh' is not an organizational unit path {PATH_FORM}"),
        ([42], f"org_sharing_organizational_unit_paths: 42 is not an organizational unit path {PATH_FORM}"),
        ((FOREIGN_OU,), f"org_sharing_organizational_unit_paths: '{FOREIGN_OU}' is not in the organization {ORGANIZATION_ID} (org_sharing_organization_id)"),
    ])
    def test_bad_paths_are_named_exactly(self, paths, problem):
        message, violations = settings_problems(paths=paths)
        assert violations == [problem]
        assert message == problem

    def test_every_problem_is_listed_in_order_and_joined(self):
        message, violations = settings_problems(organization_id='o-ABC', templates=[], paths=['nope', OU, f"{FOREIGN_OU}/*"])
        assert violations == [
            "org_sharing_organization_id 'o-ABC' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)",
            'org_sharing_templates must be a non-empty list of template names',
            f"org_sharing_organizational_unit_paths: 'nope' is not an organizational unit path {PATH_FORM}",
            f"org_sharing_organizational_unit_paths: '{OU}' is not in the organization o-ABC (org_sharing_organization_id)",
            f"org_sharing_organizational_unit_paths: '{FOREIGN_OU}/*' is not in the organization o-ABC (org_sharing_organization_id)",
        ]
        assert message == '; '.join(violations)


class TestOwnedStatements:

    @pytest.mark.parametrize('statement', [
        {'Sid': 'PkiAcmpcaOrgSharingRead'},
        {'Sid': 'PkiAcmpcaOrgSharingIssue'},
        {'Sid': 'PkiAcmpcaOrgSharingAnythingElse'},
    ])
    def test_a_sid_with_the_roles_prefix_is_the_roles(self, statement):
        assert is_org_sharing_statement(statement) is True

    @pytest.mark.parametrize('statement', [
        {'Sid': 'ReadForAccount'},
        {'Sid': 'MyPkiAcmpcaOrgSharingRead'},
        {'Sid': 'pkiacmpcaorgsharingread'},
        {'Sid': 7},
        {'Sid': None},
        {'Effect': 'Allow'},
        'PkiAcmpcaOrgSharingRead',
        None,
    ])
    def test_anything_else_is_not(self, statement):
        assert is_org_sharing_statement(statement) is False


class TestPolicyWithOrgSharing:

    def test_by_default_a_ca_without_policy_gets_both_statements_in_a_2012_policy(self):
        assert policy_with_org_sharing(None, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'])) == {
            'Version': '2012-10-17',
            'Statement': org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'])),
        }

    def test_the_role_statements_follow_the_others_and_replace_the_roles_earlier_ones_where_they_stand(self):
        current = account_policy()
        current['Statement'].insert(1, {'Sid': 'PkiAcmpcaOrgSharingRead', 'Effect': 'Allow', 'Principal': '*'})
        current['Statement'].append({'Sid': 'PkiAcmpcaOrgSharingOld', 'Effect': 'Allow', 'Principal': '*'})
        desired = policy_with_org_sharing(copy.deepcopy(current), CA,
                                          OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], organizational_unit_paths=[OU]))
        read, issue = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], organizational_unit_paths=[OU]))
        assert desired == {'Version': '2012-10-17', 'Statement': [account_policy()['Statement'][0], read,
                                                                  account_policy()['Statement'][1], issue]}

    def test_read_only_drops_the_roles_issue_statement(self):
        current = policy_with_org_sharing(account_policy(), CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        desired = policy_with_org_sharing(current, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False))
        assert desired['Statement'] == account_policy()['Statement'] + org_sharing_statements(
            CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False))

    def test_absent_removes_every_statement_with_the_roles_prefix_and_keeps_the_others(self):
        current = account_policy()
        current['Statement'].extend([{'Sid': 'PkiAcmpcaOrgSharingOld'}]
                                    + org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'])))
        assert policy_with_org_sharing(current, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']), state='absent') == account_policy()

    def test_absent_with_nothing_left_or_nothing_there_is_no_policy(self):
        only_role = policy_with_org_sharing(None, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert policy_with_org_sharing(only_role, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']), state='absent') is None
        assert policy_with_org_sharing(None, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']), state='absent') is None

    @pytest.mark.parametrize('current', ['{"Statement": []}', ['not', 'an', 'object']])
    def test_a_policy_that_is_not_a_json_object_is_refused_naming_the_ca(self, current):
        with pytest.raises(PolicyError) as exc_info:
            policy_with_org_sharing(current, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert str(exc_info.value) == ('the policy on %s is not a JSON object; the org_sharing statements will not be merged into '
                                       'it (replace it whole with the policy option)' % CA_ARN)


class TestRevoke:

    def test_allow_revoke_adds_a_statement_of_its_own_for_the_same_principals_which_passes_the_rules(self):
        statements = org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False,
                                                                   organizational_unit_paths=[OU], allow_revoke=True))
        assert [statement['Sid'] for statement in statements] == ['PkiAcmpcaOrgSharingRead', 'PkiAcmpcaOrgSharingRevoke']
        assert statements[1] == {'Sid': 'PkiAcmpcaOrgSharingRevoke', 'Effect': 'Allow', 'Principal': '*',
                                 'Action': 'acm-pca:RevokeCertificate', 'Resource': CA_ARN,
                                 'Condition': {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [f"{OU}/*"]}}}
        assert policy_violations({'Version': '2012-10-17', 'Statement': statements}, CA) == []

    def test_turning_revoke_off_removes_the_statement(self):
        shared = policy_with_org_sharing(account_policy(), CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_revoke=True))
        assert 'PkiAcmpcaOrgSharingRevoke' in str(shared)
        assert 'PkiAcmpcaOrgSharingRevoke' not in str(policy_with_org_sharing(shared, CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'])))


class TestRequestedOrgSharing:

    SETTINGS = {'organization_id': ORGANIZATION_ID, 'templates': ['EndEntityCertificate/V1'], 'organizational_unit_paths': None,
                'allow_issue': True, 'allow_revoke': False}

    def test_settings_are_named_as_the_modules_suboptions(self):
        with pytest.raises(PolicyError) as exc_info:
            requested_org_sharing(dict(self.SETTINGS, organization_id='o-BAD', templates=[]), 'present', CA)
        assert exc_info.value.violations == [
            "org_sharing.organization_id 'o-BAD' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)",
            'org_sharing.templates must be a non-empty list of template names']

    def test_the_statements_written_are_validated_unless_told_not_to(self, monkeypatch):
        monkeypatch.setattr(org_sharing, 'policy_violations', lambda document, ca: [f"broken: {len(document['Statement'])} statements"])
        with pytest.raises(PolicyError, match='^the org_sharing statements break 1 ACM PCA policy rule: broken: 2 statements$'):
            requested_org_sharing(self.SETTINGS, 'present', CA)
        assert requested_org_sharing(self.SETTINGS, 'present', CA, validate=False)(None)['Statement'][0]['Sid'] == 'PkiAcmpcaOrgSharingRead'
        # absent writes no statement of its own: nothing to validate.
        assert requested_org_sharing(self.SETTINGS, 'absent', CA)(None) is None

    def test_the_merged_policy_keeps_every_other_statement(self):
        policy_for = requested_org_sharing(self.SETTINGS, 'present', CA)
        merged = policy_for(account_policy())
        assert merged['Statement'][:2] == account_policy()['Statement']
        assert policy_for(merged) == merged

    def test_a_merged_policy_over_the_size_limit_is_refused(self):
        big = account_policy()
        big['Statement'][0]['Sid'] = 'x' * 82000
        with pytest.raises(PolicyError, match=f'the policy of {CA_ARN} with the org_sharing statements'):
            requested_org_sharing(self.SETTINGS, 'present', CA)(big)
