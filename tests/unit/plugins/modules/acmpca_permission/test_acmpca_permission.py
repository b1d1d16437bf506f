# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_permission, run in-process against moto's mock_aws (with the tests'
permission emulator), reading the permissions back from moto."""


import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_permission

from ....helpers import ACCOUNT_ID, MISSING_CA_ARN, OTHER_ACCOUNT_ID, canned_error, canned_response

ACM = 'acm.amazonaws.com'
ALL_ACTIONS = ['IssueCertificate', 'GetCertificate', 'ListPermissions']


@pytest.fixture
def run(run_module):
    def run_permission_module(check_mode=False, diff=False, **args):
        return run_module(acmpca_permission.main, args, check_mode=check_mode, diff=diff)
    return run_permission_module


@pytest.fixture
def stored(pca):
    """(source account, actions) of every permission moto holds on a CA."""
    def read(arn):
        return sorted((item['SourceAccount'], item['Actions']) for item in pca.list_permissions(CertificateAuthorityArn=arn)['Permissions'])
    return read


def grant(pca, arn, actions=None, **kwargs):
    pca.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=actions or ALL_ACTIONS, **kwargs)


class TestPresent:

    def test_four_steps_create_the_permission_once(self, run, make_ca, stored, aws_calls):
        arn = make_ca()
        outcomes = [run(check_mode=step in (1, 3), diff=True, certificate_authority_arn=arn) for step in (1, 2, 3, 4)]

        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        # Check mode asks the CA's status only when it predicts a change; a write is read back once.
        assert aws_calls.operations == ['ListPermissions', 'DescribeCertificateAuthority', 'ListPermissions', 'CreatePermission',
                                        'ListPermissions', 'ListPermissions', 'ListPermissions']
        assert stored(arn) == [(ACCOUNT_ID, ALL_ACTIONS)]
        grant = {'principal': ACM, 'source_account': ACCOUNT_ID, 'actions': ALL_ACTIONS}
        assert outcomes[0].result['permission'] == dict(grant, certificate_authority_arn=arn, created_at=None, policy=None)
        created = outcomes[1].result['permission']
        assert created['created_at'].endswith('+00:00')
        assert created['policy']['Statement'][0]['Principal'] == {'Service': ACM}
        assert outcomes[3].result['permission'] == created
        assert outcomes[1].result['diff']['before'] == {} and outcomes[1].result['diff']['after'] == grant
        assert outcomes[3].result['diff']['before'] == outcomes[3].result['diff']['after'] == grant
        assert not any(outcome.result.get('warnings') for outcome in outcomes)

    def test_a_create_the_listing_does_not_show_yet_is_returned_with_null_fields_and_not_read_again(
            self, run, make_ca, on_new_clients, aws_calls):
        arn = make_ca()
        listings = []

        def empty_after_the_first(**kwargs):
            listings.append(1)
            if len(listings) > 1:
                return canned_response(), {'Permissions': [], 'ResponseMetadata': {'HTTPStatusCode': 200, 'RetryAttempts': 0}}
            return None
        on_new_clients('before-call.acm-pca.ListPermissions', empty_after_the_first)
        outcome = run(arn=arn)
        assert outcome.result['changed'] is True
        assert outcome.result['permission'] == {'certificate_authority_arn': arn, 'principal': ACM, 'source_account': ACCOUNT_ID,
                                                'actions': ALL_ACTIONS, 'created_at': None, 'policy': None}
        assert len(listings) == 2

    def test_the_same_actions_in_another_order_change_nothing(self, run, pca, make_ca, aws_calls):
        arn = make_ca()
        grant(pca, arn, ['ListPermissions', 'IssueCertificate'])
        outcome = run(certificate_authority_arn=arn, actions=['IssueCertificate', 'ListPermissions'])
        assert outcome.result['changed'] is False
        assert aws_calls.operations == ['ListPermissions']

    def test_other_actions_delete_and_create_the_permission_and_say_so_in_the_diff(self, run, pca, make_ca, stored, aws_calls):
        arn = make_ca()
        grant(pca, arn, ['GetCertificate'])
        outcome = run(diff=True, arn=arn, actions=['IssueCertificate', 'GetCertificate'])
        assert outcome.result['changed'] is True
        assert aws_calls.operations == ['ListPermissions', 'DeletePermission', 'CreatePermission', 'ListPermissions']
        assert stored(arn) == [(ACCOUNT_ID, ['IssueCertificate', 'GetCertificate'])]
        diff = outcome.result['diff']
        assert diff['before'] == {'principal': ACM, 'source_account': ACCOUNT_ID, 'actions': ['GetCertificate']}
        assert diff['after'] == {'principal': ACM, 'source_account': ACCOUNT_ID, 'actions': ['IssueCertificate', 'GetCertificate']}
        assert 'DeletePermission, then CreatePermission' in diff['after_header']

    def test_check_mode_with_other_actions_writes_nothing(self, run, pca, make_ca, stored, aws_calls):
        arn = make_ca()
        grant(pca, arn, ['GetCertificate'])
        outcome = run(check_mode=True, arn=arn)
        assert outcome.result['changed'] is True and outcome.result['permission']['actions'] == ALL_ACTIONS
        assert aws_calls.operations == ['ListPermissions', 'DescribeCertificateAuthority']
        assert stored(arn) == [(ACCOUNT_ID, ['GetCertificate'])]

    def test_a_source_account_is_its_own_permission(self, run, pca, make_ca, stored):
        arn = make_ca()
        grant(pca, arn)
        outcome = run(arn=arn, source_account=OTHER_ACCOUNT_ID, actions=['GetCertificate'])
        assert outcome.result['changed'] is True
        assert outcome.result['permission']['source_account'] == OTHER_ACCOUNT_ID
        assert stored(arn) == [(OTHER_ACCOUNT_ID, ['GetCertificate']), (ACCOUNT_ID, ALL_ACTIONS)]

    def test_the_cas_own_account_given_as_source_account_is_the_permission_made_without_one(self, run, pca, make_ca, aws_calls):
        arn = make_ca()
        grant(pca, arn)
        assert run(arn=arn, source_account=ACCOUNT_ID).result['changed'] is False
        assert aws_calls.operations == ['ListPermissions']

    def test_a_pending_ca_may_be_given_the_permission_and_check_mode_says_so_without_a_warning(self, run, make_ca, stored):
        arn = make_ca(active=False)
        checked = run(check_mode=True, arn=arn)
        assert checked.result['changed'] is True and not checked.result.get('warnings')
        assert stored(arn) == []
        assert run(arn=arn).result['changed'] is True
        assert stored(arn) == [(ACCOUNT_ID, ALL_ACTIONS)]

    @pytest.mark.parametrize('state', ['present', 'absent'])
    def test_check_mode_on_a_disabled_ca_fails_as_the_real_run_does(self, run, pca, make_ca, stored, aws_calls, state):
        arn = make_ca()
        if state == 'absent':
            grant(pca, arn)
        pca.update_certificate_authority(CertificateAuthorityArn=arn, Status='DISABLED')
        before = stored(arn)
        checked, real = run(check_mode=True, arn=arn, state=state), run(arn=arn, state=state)
        operation = 'CreatePermission' if state == 'present' else 'DeletePermission'
        expected = (f'{operation} refused for {arn}: the certificate authority is DISABLED; AWS changes permissions only while a CA '
                    'is being created or is ACTIVE')
        assert checked.failed and checked.result['msg'] == expected
        assert real.failed and real.result['msg'].startswith(expected + ' (AWS: InvalidStateException: ')
        assert aws_calls.operations[:2] == ['ListPermissions', 'DescribeCertificateAuthority']
        assert stored(arn) == before


class TestAbsent:

    def test_four_steps_delete_the_permission_once(self, run, pca, make_ca, stored, aws_calls):
        arn = make_ca()
        grant(pca, arn)
        outcomes = [run(check_mode=step in (1, 3), diff=True, arn=arn, state='absent') for step in (1, 2, 3, 4)]
        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        assert [outcome.result['permission'] for outcome in outcomes] == [None] * 4
        assert aws_calls.operations == ['ListPermissions', 'DescribeCertificateAuthority', 'ListPermissions', 'DeletePermission',
                                        'ListPermissions', 'ListPermissions']
        assert stored(arn) == []
        assert outcomes[1].result['diff']['before']['actions'] == ALL_ACTIONS and outcomes[1].result['diff']['after'] == {}

    def test_absent_keeps_the_permissions_of_other_source_accounts(self, run, pca, make_ca, stored):
        arn = make_ca()
        grant(pca, arn)
        grant(pca, arn, ['GetCertificate'], SourceAccount=OTHER_ACCOUNT_ID)
        assert run(arn=arn, state='absent').result['changed'] is True
        assert stored(arn) == [(OTHER_ACCOUNT_ID, ['GetCertificate'])]

    def test_a_permission_deleted_meanwhile_is_gone_as_asked(self, run, pca, make_ca, on_new_clients, aws_calls):
        arn = make_ca()
        grant(pca, arn)
        on_new_clients('before-call.acm-pca.DeletePermission', lambda **kwargs: canned_error('ResourceNotFoundException'))
        outcome = run(arn=arn, state='absent')
        assert outcome.rc == 0 and outcome.result['changed'] is True
        # (The canned answer stops botocore's before-call handlers: the counter may not see DeletePermission.)
        assert aws_calls.operations[0] == 'ListPermissions' and aws_calls.operations[-1] == 'DescribeCertificateAuthority'
        assert 'CreatePermission' not in aws_calls.operations


class TestErrors:

    @pytest.mark.parametrize('args, words', [
        ({'principal': 'ec2.amazonaws.com'}, "principal 'ec2.amazonaws.com' is not accepted: the only principal AWS accepts is acm.amazonaws.com"),
        ({'source_account': '12345'}, "source_account '12345' is not an AWS account ID"),
        ({'actions': []}, 'actions must name at least one of IssueCertificate, GetCertificate, ListPermissions'),
        ({'actions': ['RevokeCertificate']}, "action 'RevokeCertificate' is not a permission action"),
        ({'actions': ['issuecertificate']}, "(action names are case-sensitive: IssueCertificate)"),
        ({'actions': ['GetCertificate', 'GetCertificate']}, 'actions names GetCertificate more than once'),
        ({'arn': 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b'}, "belongs to the service 'acm', not 'acm-pca'"),
        ({'region': 'eu-west-1'}, 'certificate_authority_arn is in region us-east-1 but the region option'),
    ])
    def test_bad_input_is_refused_before_any_aws_call(self, run, make_ca, aws_calls, stored, args, words):
        arn = make_ca()
        outcome = run(**dict({'arn': arn}, **args))
        assert outcome.failed and words in outcome.result['msg'], outcome.result
        assert aws_calls.operations == []
        assert stored(arn) == []

    def test_every_problem_is_named_at_once(self, run, make_ca):
        outcome = run(arn=make_ca(), principal='x', source_account='1', actions=['Nope'])
        assert outcome.result['msg'].count('; ') == 2

    @pytest.mark.parametrize('state', ['present', 'absent'])
    def test_a_missing_ca_is_an_error(self, run, aws, state):
        outcome = run(arn=MISSING_CA_ARN, state=state)
        assert outcome.failed
        assert outcome.result['msg'].startswith(f'Certificate authority {MISSING_CA_ARN} was not found in region us-east-1')
        assert outcome.result['error']['code'] == 'ResourceNotFoundException'

    def test_a_deleted_ca_names_its_state(self, run, pca, make_ca, aws_calls):
        arn = make_ca()
        pca.delete_certificate_authority(CertificateAuthorityArn=arn)
        outcome = run(arn=arn)
        assert outcome.failed
        assert outcome.result['msg'].startswith(f'ListPermissions refused for {arn}: the certificate authority is DELETED')
        assert outcome.result['error']['code'] == 'InvalidStateException'
        assert aws_calls.operations == ['ListPermissions', 'DescribeCertificateAuthority']

    def test_a_state_that_refuses_the_write_is_named(self, run, make_ca, on_new_clients):
        arn = make_ca()
        on_new_clients('before-call.acm-pca.CreatePermission', lambda **kwargs: canned_error('InvalidStateException', 'not now'))
        outcome = run(arn=arn)
        assert outcome.result['msg'] == ('CreatePermission refused for %s: the certificate authority is ACTIVE '
                                         '(AWS: InvalidStateException: not now)' % arn)

    @pytest.mark.parametrize('code, hint', [
        ('PermissionAlreadyExistsException', 'a permission for this principal and source account already exists'),
        ('LimitExceededException', 'limit'),
        ('AccessDeniedException', 'IAM permissions'),
    ])
    def test_an_aws_error_is_one_line_with_its_code_and_a_hint(self, run, make_ca, on_new_clients, stored, code, hint):
        arn = make_ca()
        on_new_clients('before-call.acm-pca.CreatePermission', lambda **kwargs: canned_error(code, 'canned'))
        outcome = run(arn=arn)
        message = outcome.result['msg']
        assert message.startswith(f'CreatePermission failed for {arn}: {code}: canned (')
        assert hint in message and '\n' not in message
        assert outcome.result['error'] == {'code': code, 'message': 'canned'}
        assert stored(arn) == []

    def test_a_create_that_fails_after_the_delete_says_the_permission_is_gone_and_reports_the_change(
            self, run, pca, make_ca, on_new_clients, stored):
        # AWS cannot change a permission: once DeletePermission is done, a failed CreatePermission leaves none,
        # and ACM's renewals fail. The task says so, and that it changed something.
        arn = make_ca()
        grant(pca, arn)
        on_new_clients('before-call.acm-pca.CreatePermission', lambda **kwargs: canned_error('LimitExceededException', 'canned'))
        outcome = run(arn=arn, actions=['GetCertificate'])
        assert outcome.failed and outcome.result['changed'] is True
        message = outcome.result['msg']
        assert message.startswith(f'CreatePermission failed for {arn}: LimitExceededException: canned (')
        assert message.endswith('; DeletePermission had already removed the permission of acm.amazonaws.com for account %s '
                                '(IssueCertificate, GetCertificate, ListPermissions), so the CA has none for that account now'
                                % ACCOUNT_ID)
        assert '\n' not in message and stored(arn) == []
