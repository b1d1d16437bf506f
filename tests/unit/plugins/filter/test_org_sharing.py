# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The org_sharing filters: which CA policies the role changes, and to what."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.filter.org_sharing import (
    FilterModule,
    org_sharing_changes,
    org_sharing_policy,
    org_sharing_violations,
)
from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.org_sharing import org_sharing_statements
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent

from ...helpers import CA_ARN, MISSING_CA_ARN, ORGANIZATION_ID, account_policy

OTHER_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'
TEMPLATES = ['EndEntityCertificate/V1']


def shared(arn=CA_ARN, organization_id=ORGANIZATION_ID, foreign=None):
    """A policy holding the role's statements (after ``foreign`` statements, if any)."""
    statements = list(foreign or []) + org_sharing_statements(parse_certificate_authority_arn(arn), organization_id, TEMPLATES)
    return {'Version': '2012-10-17', 'Statement': statements}


def listed(arn=CA_ARN, status='ACTIVE', policy=None, **extra):
    """One CA as pki.acmpca.acmpca_info returns it with include_policy=true."""
    ca = {'arn': arn, 'status': status, 'policy': policy}
    ca.update(extra)
    return ca


def apply(cas, changes):
    """The CA list after the policy module has made ``changes``."""
    cas = copy.deepcopy(cas)
    by_arn = dict((change['resource_arn'], change) for change in changes)
    for ca in cas:
        if ca['arn'] in by_arn:
            ca['policy'] = by_arn[ca['arn']]['policy']
    return cas


def test_the_filters_are_registered_under_their_names():
    assert sorted(FilterModule().filters()) == ['org_sharing_changes', 'org_sharing_policy', 'org_sharing_violations']


class TestViolations:

    def test_usable_settings_have_none(self):
        assert org_sharing_violations(ORGANIZATION_ID) == []
        assert org_sharing_violations(ORGANIZATION_ID, ('EndEntityServerAuthCertificate/V1',)) == []

    def test_every_problem_is_listed_naming_the_role_variables(self):
        problems = org_sharing_violations('o-ABC', ['Nope/V1'])
        assert len(problems) == 2
        assert problems[0].startswith("org_sharing_organization_id 'o-ABC' is not an organization ID")
        assert problems[1].startswith("org_sharing_templates: 'Nope/V1' is not a template")


class TestPolicy:

    def test_a_ca_without_policy_gets_the_roles_statements(self):
        desired = org_sharing_policy(None, CA_ARN, ORGANIZATION_ID)
        assert policies_equivalent(desired, shared())
        validate_policy(desired, parse_certificate_authority_arn(CA_ARN))

    def test_foreign_statements_are_kept(self):
        desired = org_sharing_policy(account_policy(), CA_ARN, ORGANIZATION_ID)
        assert desired['Statement'][:2] == account_policy()['Statement']

    def test_the_roles_statements_for_several_templates_pass_the_policy_rules_acmpca_policy_validates_with(self):
        # Moved from an integration test that re-applied the role's result with validate_policy=true.
        templates = ['EndEntityServerAuthCertificate/V1', 'SubordinateCACertificate_PathLen0/V1']
        desired = org_sharing_policy(None, CA_ARN, ORGANIZATION_ID, templates=templates)
        validate_policy(desired, parse_certificate_authority_arn(CA_ARN))
        issue = [statement for statement in desired['Statement'] if statement['Sid'] == 'PkiAcmpcaOrgSharingIssue'][0]
        assert issue['Condition']['StringEquals']['acm-pca:TemplateArn'] == ['arn:aws:acm-pca:::template/%s' % name for name in templates]

    def test_absent_on_a_policy_of_only_the_roles_statements_is_none(self):
        assert org_sharing_policy(shared(), CA_ARN, ORGANIZATION_ID, state='absent') is None

    @pytest.mark.parametrize('args, message', [
        ((CA_ARN, ORGANIZATION_ID, TEMPLATES, True, 'gone'), 'org_sharing_state must be one of present, absent'),
        ((CA_ARN, 'o-BAD'), 'org_sharing_organization_id'),
        ((CA_ARN, ORGANIZATION_ID, ['Nope/V1']), 'org_sharing_templates'),
        (('not-an-arn', ORGANIZATION_ID), 'certificate authority ARN'),
    ])
    def test_bad_arguments_fail_naming_what_is_wrong(self, args, message):
        with pytest.raises(AnsibleFilterError, match=message):
            org_sharing_policy(None, *args)

    def test_a_policy_that_is_not_a_json_object_is_refused(self):
        with pytest.raises(AnsibleFilterError, match='is not a JSON object'):
            org_sharing_policy('not json', CA_ARN, ORGANIZATION_ID)


class TestChanges:

    def test_only_cas_whose_policy_must_change_are_returned(self):
        cas = [listed(CA_ARN), listed(OTHER_ARN, policy=shared(OTHER_ARN))]
        changes = org_sharing_changes(cas, ORGANIZATION_ID)
        assert [(change['resource_arn'], change['state']) for change in changes] == [(CA_ARN, 'present')]
        assert policies_equivalent(changes[0]['policy'], shared())

    def test_a_converged_account_needs_no_change(self):
        cas = [listed(CA_ARN, policy=account_policy()), listed(OTHER_ARN)]
        changes = org_sharing_changes(cas, ORGANIZATION_ID)
        assert len(changes) == 2
        assert org_sharing_changes(apply(cas, changes), ORGANIZATION_ID) == []

    def test_a_respelled_copy_of_the_roles_statements_needs_no_change(self):
        policy = shared()
        for statement in policy['Statement']:
            statement['Principal'] = {'AWS': '*'}
            for tests in statement['Condition'].values():
                for key in list(tests):
                    tests[key.upper()] = tests.pop(key)
        assert org_sharing_changes([listed(policy=policy)], ORGANIZATION_ID) == []

    def test_absent_removes_the_roles_statements_and_deletes_a_policy_left_empty(self):
        cas = [listed(CA_ARN, policy=shared()), listed(OTHER_ARN, policy=shared(OTHER_ARN, foreign=account_policy(OTHER_ARN)['Statement']))]
        changes = dict((change['resource_arn'], change) for change in org_sharing_changes(cas, ORGANIZATION_ID, state='absent'))
        assert changes[CA_ARN] == {'resource_arn': CA_ARN, 'state': 'absent', 'policy': None}
        assert changes[OTHER_ARN]['state'] == 'present'
        assert changes[OTHER_ARN]['policy']['Statement'] == account_policy(OTHER_ARN)['Statement']

    def test_absent_on_cas_without_the_roles_statements_changes_nothing(self):
        assert org_sharing_changes([listed(CA_ARN), listed(OTHER_ARN, policy=account_policy(OTHER_ARN))], ORGANIZATION_ID, state='absent') == []

    def test_by_default_only_active_cas_are_chosen(self):
        cas = [listed(CA_ARN, status='DISABLED'), listed(OTHER_ARN, status='PENDING_CERTIFICATE'), listed(MISSING_CA_ARN)]
        assert [change['resource_arn'] for change in org_sharing_changes(cas, ORGANIZATION_ID)] == [MISSING_CA_ARN]

    def test_listed_arns_choose_the_cas_once_each(self):
        cas = [listed(CA_ARN), listed(OTHER_ARN)]
        changes = org_sharing_changes(cas, ORGANIZATION_ID, certificate_authority_arns=[OTHER_ARN, OTHER_ARN])
        assert [change['resource_arn'] for change in changes] == [OTHER_ARN]

    def test_a_listed_arn_the_account_does_not_own_fails_naming_it(self):
        with pytest.raises(AnsibleFilterError, match='does not own.*%s' % MISSING_CA_ARN):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns=[MISSING_CA_ARN])

    def test_a_listed_arn_that_is_not_an_arn_fails(self):
        with pytest.raises(AnsibleFilterError, match='not-an-arn'):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns=['not-an-arn'])

    def test_arns_given_as_one_comma_separated_string_are_a_list_as_ansible_list_options_are(self):
        changes = org_sharing_changes([listed(CA_ARN), listed(OTHER_ARN)], ORGANIZATION_ID,
                                      certificate_authority_arns='%s, %s' % (CA_ARN, OTHER_ARN))
        assert [change['resource_arn'] for change in changes] == [CA_ARN, OTHER_ARN]

    def test_arns_that_are_neither_a_list_nor_a_string_fail(self):
        with pytest.raises(AnsibleFilterError, match='org_sharing_certificate_authority_arns must be a list'):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns={'arn': CA_ARN})

    @pytest.mark.parametrize('text', ['false', 'no', 'False', '0', 'off'])
    def test_allow_issue_given_as_a_string_such_as_from_extra_vars_is_read_as_a_boolean(self, text):
        changes = org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, allow_issue=text)
        sids = [statement['Sid'] for statement in changes[0]['policy']['Statement']]
        assert sids == ['PkiAcmpcaOrgSharingRead']

    def test_allow_issue_false_shares_read_only_and_drops_an_earlier_issue_statement(self):
        changes = org_sharing_changes([listed(CA_ARN, policy=shared())], ORGANIZATION_ID, allow_issue=False)
        assert [statement['Sid'] for statement in changes[0]['policy']['Statement']] == ['PkiAcmpcaOrgSharingRead']

    def test_allow_issue_that_is_not_a_boolean_fails(self):
        with pytest.raises(AnsibleFilterError, match='org_sharing_allow_issue must be a boolean'):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, allow_issue='maybe')

    def test_templates_given_as_one_comma_separated_string_are_a_list(self):
        changes = org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID,
                                      templates='EndEntityCertificate/V1,EndEntityServerAuthCertificate/V1')
        issue = changes[0]['policy']['Statement'][1]
        assert len(issue['Condition']['StringEquals']['acm-pca:TemplateArn']) == 2

    def test_a_chosen_ca_that_is_not_active_and_must_change_fails_naming_its_status(self):
        with pytest.raises(AnsibleFilterError, match='must change but the CA is DISABLED'):
            org_sharing_changes([listed(CA_ARN, status='DISABLED')], ORGANIZATION_ID, certificate_authority_arns=[CA_ARN])

    def test_a_ca_whose_policy_could_not_be_read_fails_and_nothing_is_changed(self):
        cas = [listed(CA_ARN, policy_error={'code': 'AccessDeniedException', 'message': 'no', 'msg': 'GetPolicy failed'})]
        with pytest.raises(AnsibleFilterError, match='could not be read'):
            org_sharing_changes(cas, ORGANIZATION_ID)

    def test_cas_read_without_include_policy_fail(self):
        with pytest.raises(AnsibleFilterError, match='include_policy=true'):
            org_sharing_changes([{'arn': CA_ARN, 'status': 'ACTIVE'}], ORGANIZATION_ID)

    @pytest.mark.parametrize('cas', [None, 'arn', [CA_ARN], [{'status': 'ACTIVE'}]])
    def test_input_that_is_not_the_info_modules_list_fails(self, cas):
        with pytest.raises(AnsibleFilterError, match='certificate_authorities list of pki.acmpca.acmpca_info'):
            org_sharing_changes(cas, ORGANIZATION_ID)

    def test_bad_settings_fail_before_looking_at_any_ca(self):
        with pytest.raises(AnsibleFilterError, match='org_sharing_organization_id'):
            org_sharing_changes(None, 'o-BAD')
