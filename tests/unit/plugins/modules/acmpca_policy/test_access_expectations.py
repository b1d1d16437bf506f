# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""acmpca_policy access_expectations, in-process against moto's mock_aws: a task whose policy would
break one fails and writes nothing, in check mode too, and checking them costs no AWS call."""

import json

import pytest

from ....helpers import ACCOUNT_ID, ORGANIZATION_ID, OTHER_ACCOUNT_ID, account_policy, organization_policy

ISSUE = 'acm-pca:IssueCertificate'
OUTSIDER = 'arn:aws:iam::777788889999:role/outsider'


def issues(principal, expect, **fields):
    return dict({'principal': principal, 'action': ISSUE, 'template': 'EndEntityCertificate/V1', 'expect': expect}, **fields)


KEPT_BY_THE_ORGANIZATION_POLICY = [issues('444455556666', 'allowed', organization_id=ORGANIZATION_ID), issues(OUTSIDER, 'denied')]
BROKEN_BY_THE_ORGANIZATION_POLICY = [issues(OTHER_ACCOUNT_ID, 'allowed')]


@pytest.fixture
def ca_with_policy(make_ca, pca):
    arn = make_ca()
    pca.put_policy(ResourceArn=arn, Policy=json.dumps(account_policy(arn)))
    return arn


@pytest.mark.parametrize('check_mode', [True, False])
def test_a_policy_breaking_an_expectation_fails_naming_it_and_writes_nothing(run, ca_with_policy, stored_policy, aws_calls, check_mode):
    outcome = run(resource_arn=ca_with_policy, policy=organization_policy(ca_with_policy), check_mode=check_mode,
                  access_expectations=KEPT_BY_THE_ORGANIZATION_POLICY + BROKEN_BY_THE_ORGANIZATION_POLICY)
    assert outcome.rc == 1
    assert outcome.result['msg'] == (
        'the policy after this task breaks 1 access expectation of %s, so nothing is written: access_expectations[2] '
        '(%s %s, template EndEntityCertificate/V1): expected allowed, but the policy after this task denies it implicitly '
        '(no statement allows it); the request does not give aws:PrincipalOrgID, which the policy tests'
        % (ca_with_policy, OTHER_ACCOUNT_ID, ISSUE))
    assert [answer['request']['principal'] for answer in outcome.result['broken_expectations']] == [OTHER_ACCOUNT_ID]
    assert outcome.result['resource_arn'] == ca_with_policy
    assert aws_calls.operations == ['GetPolicy']
    assert stored_policy(ca_with_policy) == account_policy(ca_with_policy)


def test_a_policy_keeping_every_expectation_is_written_with_no_extra_aws_call(run, ca_with_policy, stored_policy, aws_calls):
    outcome = run(resource_arn=ca_with_policy, policy=organization_policy(ca_with_policy), access_expectations=KEPT_BY_THE_ORGANIZATION_POLICY)
    assert outcome.rc == 0, outcome.result
    assert outcome.result['changed'] is True
    assert aws_calls.operations == ['GetPolicy', 'PutPolicy']
    assert stored_policy(ca_with_policy) == organization_policy(ca_with_policy)


def test_an_unchanged_policy_is_checked_too(run, ca_with_policy, aws_calls):
    kept = run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy), access_expectations=BROKEN_BY_THE_ORGANIZATION_POLICY)
    broken = run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy),
                 access_expectations=[issues(OTHER_ACCOUNT_ID, 'allowed', template='SubordinateCACertificate_PathLen0/V1')])
    assert (kept.rc, kept.result['changed']) == (0, False)
    assert broken.rc == 1 and 'expected allowed, but the policy after this task denies it implicitly' in broken.result['msg']
    assert aws_calls.operations == ['GetPolicy', 'GetPolicy']


def test_removing_statements_is_checked_against_what_remains(run, ca_with_policy, stored_policy):
    outcome = run(resource_arn=ca_with_policy, state='absent', statements=[{'Sid': 'IssueForAccount'}],
                  access_expectations=BROKEN_BY_THE_ORGANIZATION_POLICY)
    assert outcome.rc == 1
    assert 'expected allowed, but the policy after this task denies it implicitly' in outcome.result['msg']
    assert stored_policy(ca_with_policy) == account_policy(ca_with_policy)


def test_denied_for_a_principal_of_the_cas_own_account_is_refused_before_any_aws_call(run, ca_with_policy, aws_calls):
    outcome = run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy),
                  access_expectations=[issues('arn:aws:iam::%s:role/admin' % ACCOUNT_ID, 'denied')])
    assert outcome.rc == 1
    assert outcome.result['msg'].startswith("access_expectations refused: access_expectations[0]: expect: denied for "
                                            "arn:aws:iam::%s:role/admin, a principal of the CA's own account" % ACCOUNT_ID)
    assert aws_calls.operations == []


def test_an_expectation_needs_a_principal_an_action_and_expect(run, ca_with_policy, aws_calls):
    outcome = run(resource_arn=ca_with_policy, policy=account_policy(ca_with_policy), access_expectations=[{'principal': OUTSIDER}])
    assert outcome.rc == 1
    assert 'missing required arguments: action, expect found in access_expectations' in outcome.result['msg']
    assert aws_calls.operations == []
