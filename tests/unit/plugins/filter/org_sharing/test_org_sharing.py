# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The org_sharing filters: which CA policies the role changes, and to what."""


import copy
import pathlib

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.filter.org_sharing import (
    ROLE_VARIABLES,
    FilterModule,
    org_sharing_changes,
    org_sharing_policy,
    org_sharing_ram_violations,
    org_sharing_violations,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import OrgSharingSettings, org_sharing_statements
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

from ....helpers import CA_ARN, MISSING_CA_ARN, ORGANIZATION_ID, account_policy

OTHER_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'
TEMPLATES = ['EndEntityCertificate/V1']


def shared(arn=CA_ARN, organization_id=ORGANIZATION_ID, foreign=None):
    """A policy holding the role's statements (after ``foreign`` statements, if any)."""
    statements = list(foreign or []) + org_sharing_statements(parse_certificate_authority_arn(arn), OrgSharingSettings(organization_id, TEMPLATES))
    return {'Version': '2012-10-17', 'Statement': statements}


def listed(arn=CA_ARN, status='ACTIVE', policy=None, **extra):
    """One CA as pki.acmpca.acmpca_info returns it with include_policy=true."""
    ca = {'arn': arn, 'status': status, 'policy': policy}
    ca.update(extra)
    return ca


def apply(cas, plan, **settings):
    """The CA list after the policy module has merged the role's statements into each CA of ``plan``."""
    cas = copy.deepcopy(cas)
    by_arn = {change['resource_arn']: change for change in plan['changes']}
    for ca in cas:
        if ca['arn'] in by_arn:
            ca['policy'] = org_sharing_policy(ca['policy'], ca['arn'], ORGANIZATION_ID, state=by_arn[ca['arn']]['state'], **settings)
    return cas


def changed(plan):
    return [(change['resource_arn'], change['state']) for change in plan['changes']]


def test_the_filters_are_registered_under_their_names():
    assert sorted(FilterModule().filters()) == ['org_sharing_changes', 'org_sharing_policy', 'org_sharing_ram_shares',
                                                'org_sharing_ram_violations', 'org_sharing_violations']


class TestViolations:

    def test_usable_settings_have_none(self):
        assert org_sharing_violations(ORGANIZATION_ID) == []
        assert org_sharing_violations(ORGANIZATION_ID, ('EndEntityServerAuthCertificate/V1',)) == []

    def test_listed_arns_state_and_flags_are_checked_too_before_any_aws_call(self):
        problems = org_sharing_violations(ORGANIZATION_ID, certificate_authority_arns=[CA_ARN, CA_ARN.replace('certificate-authority/', 'ca/')],
                                          allow_issue='maybe', allow_revoke='yes', state='gone')
        assert len(problems) == 3
        assert problems[0] == "org_sharing_state must be one of present, absent, got 'gone'"
        assert problems[1].startswith('org_sharing_allow_issue must be a boolean')
        assert problems[2].startswith("org_sharing_certificate_authority_arns %r is not an ACM PCA certificate authority ARN: "
                                      "its resource" % CA_ARN.replace('certificate-authority/', 'ca/'))

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
        assert issue['Condition']['StringEquals']['acm-pca:TemplateArn'] == [f'arn:aws:acm-pca:::template/{name}' for name in templates]

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

    def test_only_cas_whose_policy_must_change_are_returned_without_any_policy(self):
        cas = [listed(CA_ARN), listed(OTHER_ARN, policy=shared(OTHER_ARN))]
        plan = org_sharing_changes(cas, ORGANIZATION_ID)
        assert plan == {'changes': [{'resource_arn': CA_ARN, 'state': 'present'}], 'skipped': [], 'refused': [], 'refusal': '', 'examined': 2}

    def test_a_converged_account_needs_no_change(self):
        cas = [listed(CA_ARN, policy=account_policy()), listed(OTHER_ARN)]
        plan = org_sharing_changes(cas, ORGANIZATION_ID)
        assert len(plan['changes']) == 2
        assert org_sharing_changes(apply(cas, plan), ORGANIZATION_ID)['changes'] == []

    def test_a_respelled_copy_of_the_roles_statements_needs_no_change(self):
        policy = shared()
        for statement in policy['Statement']:
            statement['Principal'] = {'AWS': '*'}
            for tests in statement['Condition'].values():
                for key in list(tests):
                    tests[key.upper()] = tests.pop(key)
        assert org_sharing_changes([listed(policy=policy)], ORGANIZATION_ID)['changes'] == []

    def test_absent_lists_the_cas_holding_the_roles_statements_with_state_absent(self):
        cas = [listed(CA_ARN, policy=shared()), listed(OTHER_ARN, policy=shared(OTHER_ARN, foreign=account_policy(OTHER_ARN)['Statement'])),
               listed(MISSING_CA_ARN, policy=account_policy(MISSING_CA_ARN))]
        plan = org_sharing_changes(cas, ORGANIZATION_ID, state='absent')
        assert changed(plan) == [(CA_ARN, 'absent'), (OTHER_ARN, 'absent')]
        after = apply(cas, plan)
        assert after[0]['policy'] is None
        assert after[1]['policy']['Statement'] == account_policy(OTHER_ARN)['Statement']

    def test_absent_on_cas_without_the_roles_statements_changes_nothing(self):
        plan = org_sharing_changes([listed(CA_ARN), listed(OTHER_ARN, policy=account_policy(OTHER_ARN))], ORGANIZATION_ID, state='absent')
        assert plan['changes'] == []

    def test_allow_revoke_adds_a_change_where_the_revoke_statement_is_missing(self):
        plan = org_sharing_changes([listed(CA_ARN, policy=shared())], ORGANIZATION_ID, allow_revoke=True)
        assert changed(plan) == [(CA_ARN, 'present')]
        after = apply([listed(CA_ARN, policy=shared())], plan, allow_revoke=True)
        assert org_sharing_changes(after, ORGANIZATION_ID, allow_revoke='true')['changes'] == []

    def test_by_default_only_active_cas_are_chosen_and_the_others_are_skipped_with_their_status(self):
        cas = [listed(CA_ARN, status='DISABLED'), listed(OTHER_ARN, status='PENDING_CERTIFICATE'), listed(MISSING_CA_ARN)]
        plan = org_sharing_changes(cas, ORGANIZATION_ID)
        assert changed(plan) == [(MISSING_CA_ARN, 'present')]
        assert plan['skipped'] == [
            {'arn': CA_ARN, 'status': 'DISABLED', 'reason': 'the CA is DISABLED; the role changes the policy of ACTIVE CAs only'},
            {'arn': OTHER_ARN, 'status': 'PENDING_CERTIFICATE',
             'reason': 'the CA is PENDING_CERTIFICATE; the role changes the policy of ACTIVE CAs only'}]
        assert plan['refused'] == []

    def test_listed_arns_choose_the_cas_once_each(self):
        cas = [listed(CA_ARN), listed(OTHER_ARN)]
        plan = org_sharing_changes(cas, ORGANIZATION_ID, certificate_authority_arns=[OTHER_ARN, OTHER_ARN])
        assert changed(plan) == [(OTHER_ARN, 'present')]
        assert plan['skipped'] == []

    def test_a_listed_arn_not_found_is_refused_naming_it(self):
        plan = org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns=[MISSING_CA_ARN, CA_ARN])
        assert plan['refused'] == [{'arn': MISSING_CA_ARN, 'status': None,
                                    'reason': 'not found among the 1 CA account 123456789012 owns in region us-east-1'}]
        assert plan['refusal'] == ('The org_sharing role changed nothing: it cannot share 1 CA: %s: not found among the 1 CA '
                                   'account 123456789012 owns in region us-east-1' % MISSING_CA_ARN)

    def test_a_listed_arn_of_another_region_is_refused_naming_both_regions(self):
        west = CA_ARN.replace('us-east-1', 'eu-west-1')
        plan = org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns=[west])
        assert plan['refused'][0]['reason'] == ('it is in region eu-west-1, but the role reads the CAs of region us-east-1 '
                                                '(the region of its connection); run the role for region eu-west-1')

    def test_a_listed_arn_when_the_account_owns_no_ca_is_refused_naming_its_region_and_account(self):
        plan = org_sharing_changes([], ORGANIZATION_ID, certificate_authority_arns=[CA_ARN])
        assert 'owns no CA in the region the role reads, and the ARN names region us-east-1 and account 123456789012' \
            in plan['refused'][0]['reason']

    def test_every_refused_ca_is_a_warning(self, monkeypatch):
        warnings = []
        monkeypatch.setattr('ansible.utils.display.Display.warning', lambda self, msg, *args, **kwargs: warnings.append(msg))
        org_sharing_changes([listed(CA_ARN, status='PENDING_CERTIFICATE')], ORGANIZATION_ID, certificate_authority_arns=[CA_ARN, OTHER_ARN])
        # In the order the CAs were listed.
        assert warnings == [
            f'org_sharing cannot share {CA_ARN}: its policy must change, but the CA is PENDING_CERTIFICATE; the role changes the policy of ACTIVE CAs only',
            f'org_sharing cannot share {OTHER_ARN}: not found among the 1 CA account 123456789012 owns in region us-east-1']

    def test_a_listed_arn_that_is_not_an_arn_fails(self):
        with pytest.raises(AnsibleFilterError, match='not-an-arn'):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns=['not-an-arn'])

    def test_arns_given_as_one_comma_separated_string_are_a_list_as_ansible_list_options_are(self):
        plan = org_sharing_changes([listed(CA_ARN), listed(OTHER_ARN)], ORGANIZATION_ID,
                                   certificate_authority_arns=f'{CA_ARN}, {OTHER_ARN}')
        assert [change['resource_arn'] for change in plan['changes']] == [CA_ARN, OTHER_ARN]

    def test_arns_that_are_neither_a_list_nor_a_string_fail(self):
        with pytest.raises(AnsibleFilterError, match='org_sharing_certificate_authority_arns must be a list'):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, certificate_authority_arns={'arn': CA_ARN})

    @pytest.mark.parametrize('text', ['false', 'no', 'False', '0', 'off'])
    def test_allow_issue_given_as_a_string_such_as_from_extra_vars_is_read_as_a_boolean(self, text):
        cas = [listed(CA_ARN, policy=shared())]
        assert changed(org_sharing_changes(cas, ORGANIZATION_ID, allow_issue=text)) == [(CA_ARN, 'present')]
        assert org_sharing_changes(apply(cas, org_sharing_changes(cas, ORGANIZATION_ID, allow_issue=text), allow_issue=False),
                                   ORGANIZATION_ID, allow_issue=text)['changes'] == []

    @pytest.mark.parametrize('name, args', [('org_sharing_allow_issue', {'allow_issue': 'maybe'}),
                                            ('org_sharing_allow_revoke', {'allow_revoke': 'perhaps'})])
    def test_a_flag_that_is_not_a_boolean_fails(self, name, args):
        with pytest.raises(AnsibleFilterError, match=f'{name} must be a boolean'):
            org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, **args)

    def test_templates_given_as_one_comma_separated_string_are_a_list(self):
        cas = [listed(CA_ARN)]
        plan = org_sharing_changes(cas, ORGANIZATION_ID, templates='EndEntityCertificate/V1,EndEntityServerAuthCertificate/V1')
        issue = apply(cas, plan, templates=['EndEntityCertificate/V1', 'EndEntityServerAuthCertificate/V1'])[0]['policy']['Statement'][1]
        assert len(issue['Condition']['StringEquals']['acm-pca:TemplateArn']) == 2

    def test_a_chosen_ca_that_is_not_active_and_must_change_is_refused_naming_its_status(self):
        plan = org_sharing_changes([listed(CA_ARN, status='DISABLED')], ORGANIZATION_ID, certificate_authority_arns=[CA_ARN])
        assert plan['changes'] == []
        assert plan['refused'] == [{'arn': CA_ARN, 'status': 'DISABLED',
                                    'reason': 'its policy must change, but the CA is DISABLED; the role changes the policy of ACTIVE CAs only'}]
        assert plan['refusal'].startswith(f'The org_sharing role changed nothing: it cannot share 1 CA: {CA_ARN} (DISABLED): ')

    def test_a_listed_ca_that_is_not_active_but_converged_is_neither_changed_nor_refused(self):
        plan = org_sharing_changes([listed(CA_ARN, status='DISABLED', policy=shared())], ORGANIZATION_ID, certificate_authority_arns=[CA_ARN])
        assert plan == {'changes': [], 'skipped': [], 'refused': [], 'refusal': '', 'examined': 1}

    def test_a_ca_whose_policy_could_not_be_read_is_refused(self):
        cas = [listed(CA_ARN, policy_error={'code': 'AccessDeniedException', 'message': 'no', 'msg': 'GetPolicy failed'})]
        plan = org_sharing_changes(cas, ORGANIZATION_ID)
        assert plan['changes'] == []
        assert plan['refused'][0]['reason'] == 'its policy could not be read (GetPolicy failed); the role changes no policy it could not read'

    def test_a_policy_that_is_not_a_json_object_is_refused(self):
        plan = org_sharing_changes([listed(CA_ARN, policy='not json')], ORGANIZATION_ID)
        assert 'is not a JSON object' in plan['refused'][0]['reason']

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


class TestNothingToShareAndUnknownVariables:

    @pytest.fixture
    def warnings(self, monkeypatch):
        said = []
        monkeypatch.setattr('ansible.utils.display.Display.warning', lambda self, msg, *args, **kwargs: said.append(msg))
        return said

    def test_no_ca_in_the_region_is_a_warning_naming_the_account_and_the_region(self, warnings):
        plan = org_sharing_changes([], ORGANIZATION_ID, account_id='111122223333', region='eu-west-3')
        assert plan['examined'] == 0 and plan['changes'] == []
        assert warnings == ['org_sharing found no CA to share: account 111122223333 in region eu-west-3 owns no CA. Check the '
                            'region (the region option, AWS_REGION or the profile) and the account the credentials act as']

    def test_no_active_ca_is_a_warning_counting_the_cas_examined(self, warnings):
        pending = {'arn': CA_ARN, 'status': 'PENDING_CERTIFICATE', 'policy': None}
        plan = org_sharing_changes([pending], ORGANIZATION_ID, account_id='123456789012', region='us-east-1')
        assert plan['examined'] == 1 and [ca['arn'] for ca in plan['skipped']] == [CA_ARN]
        assert warnings == ['org_sharing found no CA to share: account 123456789012 in region us-east-1 owns 1 CA, none ACTIVE '
                            '(see org_sharing_result.skipped)']

    def test_an_empty_list_of_arns_is_a_warning(self, warnings):
        org_sharing_changes([], ORGANIZATION_ID, certificate_authority_arns=[])
        assert warnings == ['org_sharing found no CA to share: org_sharing_certificate_authority_arns is empty '
                            '(account (unknown) in region (unknown))']

    def test_a_ca_to_share_gives_no_such_warning(self, warnings):
        org_sharing_changes([{'arn': CA_ARN, 'status': 'ACTIVE', 'policy': None}], ORGANIZATION_ID)
        assert warnings == []

    def test_each_unknown_role_variable_is_a_warning_naming_the_likely_one(self, warnings):
        names = ['org_sharing_organization_id', 'org_sharing_alow_issue', 'org_sharing_result', 'org_sharing_zzz']
        assert org_sharing_violations(ORGANIZATION_ID, role_variables=names) == []
        assert warnings == [
            'org_sharing does not know the variable org_sharing_alow_issue (did you mean org_sharing_allow_issue?); it is ignored',
            'org_sharing does not know the variable org_sharing_zzz; it is ignored']

    def test_the_ram_method_warns_about_unknown_role_variables_too(self, warnings):
        names = ['org_sharing_organization_id', 'org_sharing_method', 'org_sharing_ram_permisions', 'org_sharing_result']
        assert org_sharing_ram_violations(ORGANIZATION_ID, role_variables=names) == []
        assert warnings == ['org_sharing does not know the variable org_sharing_ram_permisions '
                            '(did you mean org_sharing_ram_permissions?); it is ignored']

    def test_a_missing_organization_id_is_the_one_problem_named(self, warnings):
        assert org_sharing_violations(None, role_variables=['org_sharing_organisation_id']) == [
            'org_sharing_organization_id is not set: give the AWS Organization to share with (o- followed by 10 to 32 lowercase '
            'letters or digits)']
        assert warnings == ['org_sharing does not know the variable org_sharing_organisation_id '
                            '(did you mean org_sharing_organization_id?); it is ignored']


def test_the_role_variables_known_are_those_of_the_roles_argument_specs():
    specs = pathlib.Path(__file__).resolve().parents[5] / 'roles' / 'org_sharing' / 'meta' / 'argument_specs.yml'
    options = yaml.safe_load(specs.read_text(encoding='utf-8'))['argument_specs']['main']['options']
    assert sorted(ROLE_VARIABLES) == sorted(options)
