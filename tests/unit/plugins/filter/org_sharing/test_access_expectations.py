# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""org_sharing_changes with access_expectations: a CA whose policy after the role would break one is
refused before any write, whether its policy changes or not."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.filter.org_sharing import org_sharing_changes

from ....helpers import CA_ARN, ORGANIZATION_ID, account_policy

OTHER_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'
TEAM_OU = ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111'
MEMBER = '444455556666'


def member_issues(expect='allowed', paths=(TEAM_OU + '/',)):
    return {'principal': MEMBER, 'action': 'acm-pca:IssueCertificate', 'template': 'EndEntityCertificate/V1',
            'organization_id': ORGANIZATION_ID, 'organizational_unit_paths': list(paths), 'expect': expect}


def listed(arn, policy=None):
    return {'arn': arn, 'status': 'ACTIVE', 'policy': policy}


def test_expectations_kept_by_the_policies_after_the_role_change_nothing_in_the_plan():
    plan = org_sharing_changes([listed(CA_ARN), listed(OTHER_ARN)], ORGANIZATION_ID, organizational_unit_paths=[TEAM_OU],
                               access_expectations=[member_issues()])
    assert [change['resource_arn'] for change in plan['changes']] == [CA_ARN, OTHER_ARN]
    assert plan['refused'] == []


def test_a_ca_whose_policy_after_the_role_breaks_one_is_refused_naming_the_request_and_the_expectation():
    plan = org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, organizational_unit_paths=[ORGANIZATION_ID + '/r-ab12/ou-ab12-11111112'],
                               access_expectations=[member_issues()])
    assert plan['changes'] == []
    [refused] = plan['refused']
    assert refused['arn'] == CA_ARN
    assert refused['reason'].startswith('its policy after the role would break access expectations: org_sharing_access_expectations[0] '
                                        '(%s acm-pca:IssueCertificate, template EndEntityCertificate/V1, ' % MEMBER)
    assert 'expected allowed, but the policy after this task denies it implicitly (no statement allows it)' in refused['reason']
    assert plan['refusal'].startswith('The org_sharing role changed nothing: it cannot share 1 CA: %s (ACTIVE): its policy after '
                                      'the role would break' % CA_ARN)


def test_a_ca_that_does_not_change_is_checked_too():
    # The member account is also named outright on this CA: a denied expectation breaks there whatever the role writes.
    plan = org_sharing_changes([listed(CA_ARN, account_policy(account_id=MEMBER))], ORGANIZATION_ID, state='absent',
                               access_expectations=[member_issues('denied')])
    assert plan['changes'] == []
    assert 'expected denied, but the policy after this task allows it (statement IssueForAccount)' in plan['refused'][0]['reason']


def test_an_expectation_the_access_check_cannot_read_fails_the_filter_naming_the_role_variable():
    with pytest.raises(AnsibleFilterError, match=r'org_sharing_access_expectations\[0\]: expect must be allowed or denied'):
        org_sharing_changes([listed(CA_ARN)], ORGANIZATION_ID, access_expectations=[member_issues('maybe')])
