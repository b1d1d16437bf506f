# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_expectations: requests a CA's policy must keep allowed or denied, checked before a write."""

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.access_expectations import (
    broken_expectations,
    checked_expectations,
    describe_request,
    require_expectations,
)
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError

from ....helpers import CA_ARN, ACCOUNT_ID, OTHER_ACCOUNT_ID, ORGANIZATION_ID, account_policy, organization_policy

ISSUE = 'acm-pca:IssueCertificate'
OUTSIDER = 'arn:aws:iam::777788889999:role/outsider'


def expectation(expect, principal=OTHER_ACCOUNT_ID, action=ISSUE, **fields):
    return dict(fields, principal=principal, action=action, expect=expect)


def checked(*items):
    return checked_expectations(list(items), CA_ARN)


class TestCheckedExpectations:

    def test_each_becomes_a_request_on_this_ca_with_its_label_and_expectation(self):
        result = checked(expectation('allowed', template='EndEntityCertificate/V1', organization_id=None),
                         expectation('denied', principal=OUTSIDER))
        assert result == [
            ('access_expectations[0]', {'principal': OTHER_ACCOUNT_ID, 'action': ISSUE, 'template': 'EndEntityCertificate/V1',
                                        'resource': CA_ARN}, 'allowed'),
            ('access_expectations[1]', {'principal': OUTSIDER, 'action': ISSUE, 'resource': CA_ARN}, 'denied')]

    def test_none_and_an_empty_list_check_nothing(self):
        assert checked_expectations(None, CA_ARN) == [] == checked_expectations([], CA_ARN)

    @pytest.mark.parametrize('principal', [ACCOUNT_ID, 'arn:aws:iam::%s:root' % ACCOUNT_ID, 'arn:aws:iam::%s:role/admin' % ACCOUNT_ID])
    def test_denied_for_a_principal_of_the_cas_own_account_is_refused(self, principal):
        with pytest.raises(InputError) as error:
            checked(expectation('allowed'), expectation('denied', principal=principal))
        assert error.value.violations == [
            "access_expectations[1]: expect: denied for %s, a principal of the CA's own account, cannot be checked: its "
            "identity-based policies can grant it access whatever the CA's policy says; name a principal of another account" % principal]
        assert str(error.value).startswith('access_expectations refused: access_expectations[1]: expect: denied for ')

    def test_allowed_for_a_principal_of_the_cas_own_account_is_accepted(self):
        assert checked(expectation('allowed', principal=ACCOUNT_ID))[0][2] == 'allowed'

    def test_denied_for_a_service_principal_is_accepted(self):
        assert checked(expectation('denied', principal='acm.amazonaws.com', source_account=OTHER_ACCOUNT_ID))[0][2] == 'denied'

    def test_every_problem_is_refused_at_once_under_the_option_name_given(self):
        with pytest.raises(InputError) as error:
            checked_expectations(['text', expectation('maybe'), dict(expectation('allowed'), who='me'),
                                  expectation('denied', principal=ACCOUNT_ID)], CA_ARN, 'org_sharing_access_expectations')
        assert error.value.violations == [
            "org_sharing_access_expectations[0]: must be a dict with a request and expect, not 'text'",
            "org_sharing_access_expectations[1]: expect must be allowed or denied, not 'maybe'",
            'org_sharing_access_expectations[2]: unknown keys who (a request takes principal, action, template, organization_id, '
            'organizational_unit_paths, source_account, source_arn, context, and expect)',
            "org_sharing_access_expectations[3]: expect: denied for %s, a principal of the CA's own account, cannot be checked: "
            "its identity-based policies can grant it access whatever the CA's policy says; name a principal of another account"
            % ACCOUNT_ID]

    def test_every_item_is_checked_after_one_is_refused_and_each_item_gives_one_reason(self):
        with pytest.raises(InputError) as error:
            checked(expectation('allowed', principal='not a principal'), expectation('denied', principal=ACCOUNT_ID),
                    expectation('maybe', principal='nobody'), dict(expectation('allowed'), who='me', why='no'))
        assert [violation.split(':')[0] for violation in error.value.violations] == [
            'access_expectations[0]', 'access_expectations[1]', 'access_expectations[2]', 'access_expectations[3]']
        assert error.value.violations[2] == "access_expectations[2]: expect must be allowed or denied, not 'maybe'"
        assert error.value.violations[3].startswith('access_expectations[3]: unknown keys who, why (a request takes principal, ')
        assert str(error.value) == 'access_expectations refused: ' + '; '.join(error.value.violations)

    def test_a_request_the_access_check_cannot_read_is_refused_naming_it(self):
        with pytest.raises(InputError) as error:
            checked(expectation('allowed', principal='not a principal'))
        assert error.value.violations[0].startswith('access_expectations[0]: ')
        assert 'not a principal' in error.value.violations[0]


class TestBrokenExpectations:

    def test_kept_expectations_are_not_broken(self):
        kept = checked(expectation('allowed', template='EndEntityCertificate/V1'),
                       expectation('denied', principal=OUTSIDER, template='EndEntityCertificate/V1'))
        assert broken_expectations(account_policy(), kept) == ([], [])

    def test_an_allowed_request_the_policy_no_longer_allows_names_the_request_and_that_no_statement_allows_it(self):
        items = checked(expectation('allowed', template='EndEntityCertificate/V1'))
        messages, answers = broken_expectations(organization_policy(), items)
        assert messages == [
            'access_expectations[0] (%s %s, template EndEntityCertificate/V1): expected allowed, but the policy after this task '
            'denies it implicitly (no statement allows it); the request does not give aws:PrincipalOrgID, which the policy '
            'tests' % (OTHER_ACCOUNT_ID, ISSUE)]
        assert answers[0]['decision'] == 'implicitly_denied' and answers[0]['allowed'] is False
        assert answers[0]['expectation'] == 'allowed' and answers[0]['request'] == items[0][1]

    def test_a_denied_request_the_policy_allows_names_the_deciding_statement(self):
        items = checked(expectation('denied', principal=OUTSIDER, template='EndEntityCertificate/V1',
                                    organization_id=ORGANIZATION_ID))
        messages, answers = broken_expectations(organization_policy(), items)
        assert messages == [
            'access_expectations[0] (%s %s, template EndEntityCertificate/V1, organization_id %s): expected denied, but the '
            'policy after this task allows it (statement IssueForOrganization)' % (OUTSIDER, ISSUE, ORGANIZATION_ID)]
        assert answers[0]['statements'] == ['IssueForOrganization']

    def test_a_key_the_request_does_not_give_is_named_when_the_answer_depends_on_it(self):
        messages, _answers = broken_expectations(account_policy(), checked(expectation('allowed')))
        assert messages[0].endswith('the request does not give acm-pca:TemplateArn, which the policy tests')

    def test_an_explicit_deny_is_named_with_its_statement(self):
        denied = account_policy()
        denied['Statement'].append({'Sid': 'NoIssue', 'Effect': 'Deny', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': ISSUE,
                                    'Resource': CA_ARN})
        messages, _answers = broken_expectations(denied, checked(expectation('allowed', template='EndEntityCertificate/V1')))
        assert messages[0].endswith('expected allowed, but the policy after this task denies it explicitly (statement NoIssue)')

    def test_every_deciding_statement_and_every_missing_key_is_named(self):
        both = organization_policy()
        both['Statement'].append(dict(both['Statement'][1], Sid='IssueAgain'))
        outsider = expectation('denied', principal=OUTSIDER, template='EndEntityCertificate/V1', organization_id=ORGANIZATION_ID)
        denied, _answers = broken_expectations(both, checked(outsider))
        allowed, _answers = broken_expectations(both, checked(expectation('allowed')))
        assert denied[0].endswith('allows it (statement IssueForOrganization, IssueAgain)')
        assert allowed[0].endswith('the request does not give acm-pca:TemplateArn, aws:PrincipalOrgID, which the policy tests')

    def test_no_policy_allows_nothing(self):
        messages, _answers = broken_expectations(None, checked(expectation('allowed', action='acm-pca:GetCertificate')))
        assert len(messages) == 1


def test_require_expectations_raises_one_input_error_naming_every_broken_one_with_the_answers():
    items = checked(expectation('allowed', template='EndEntityCertificate/V1'), expectation('allowed', action='acm-pca:GetCertificate'))
    with pytest.raises(InputError) as error:
        require_expectations(organization_policy(), items, CA_ARN)
    assert str(error.value).startswith('the policy after this task breaks 2 access expectations of %s, so nothing is written: '
                                       'access_expectations[0] (' % CA_ARN)
    assert len(error.value.violations) == 2
    assert [answer['request']['action'] for answer in error.value.details['broken_expectations']] == [ISSUE, 'acm-pca:GetCertificate']
    assert str(error.value).endswith('; '.join(error.value.violations))
    require_expectations(account_policy(), items[:1], CA_ARN)


def test_a_request_reads_as_who_what_and_the_context_it_gives():
    assert describe_request({'principal': OUTSIDER, 'action': ISSUE, 'organizational_unit_paths': ['o-a/r-b/ou-c/'],
                             'context': {'aws:SourceIp': '10.0.0.1'}, 'resource': CA_ARN}) == (
        "%s %s, organizational_unit_paths ['o-a/r-b/ou-c/'], context {'aws:SourceIp': '10.0.0.1'}" % (OUTSIDER, ISSUE))
