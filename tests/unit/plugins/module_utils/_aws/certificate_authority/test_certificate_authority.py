# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""certificate_authority.py: the ACM PCA calls, against moto's mock_aws and botocore's Stubber."""


import datetime
import json
import threading
import time

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import (
    CallerAccount,
    delete_policy,
    describe_certificate_authority,
    describe_for_user,
    list_certificate_authorities,
    list_tags,
    put_policy,
    read_policy,
    require_certificate_authority,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError

from .....helpers import (
    ACCOUNT_ID,
    CA_ARN,
    MISSING_CA_ARN,
    OTHER_ACCOUNT_ID,
    REGION,
    canned_error,
    canned_response,
    organization_policy,
    request_parameter,
)


def stubbed_client():
    client = boto3.client('acm-pca', region_name=REGION, aws_access_key_id='AKID', aws_secret_access_key='secret')
    return client, Stubber(client)


def fail_for(client, operation, arn, code, message='canned message'):
    """Make ``operation`` fail with ``code`` for the CA ``arn`` only (None: for every CA)."""
    def answer(params, **kwargs):
        if arn is None or request_parameter(params, 'ResourceArn') == arn or request_parameter(params, 'CertificateAuthorityArn') == arn:
            return canned_error(code, message)
        return None
    client.meta.events.register(f'before-call.acm-pca.{operation}', answer)


def listed(count):
    """``count`` CAs as ListCertificateAuthorities gives them (AWS answers for them come from a test's handlers)."""
    return [{'Arn': 'arn:aws:acm-pca:us-east-1:%s:certificate-authority/%08d-0000-4000-8000-000000000000' % (ACCOUNT_ID, number)}
            for number in range(count)]


def no_policy(arn):
    """What a ``before-call`` handler returns for GetPolicy on a CA without a policy."""
    return (canned_response(404, json.dumps({'__type': 'ResourceNotFoundException', 'message': 'No policy.'}).encode('utf-8')),
            {'Error': {'Code': 'ResourceNotFoundException', 'Message': 'No policy.'},
             'ResponseMetadata': {'RequestId': 'canned-request-id', 'HTTPStatusCode': 404, 'HTTPHeaders': {}, 'RetryAttempts': 0}})


def count_calls(client):
    calls = []
    client.meta.events.register('before-call', lambda model, **kwargs: calls.append(model.name))
    return calls


# ================================================================= read / put / delete

class TestReadPolicy:

    def test_a_ca_without_policy_has_none(self, pca, make_ca):
        assert read_policy(pca, make_ca()) is None

    def test_a_ca_with_a_policy_gives_it_as_a_dict_in_its_original_key_case(self, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        assert read_policy(pca, arn) == organization_policy(arn)

    def test_a_policy_with_a_policy_reads_with_one_call(self, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        calls = count_calls(pca)
        read_policy(pca, arn)
        assert calls == ['GetPolicy']

    def test_a_stored_policy_that_is_not_json_is_given_as_its_text(self, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy='not json at all')
        assert read_policy(pca, arn) == 'not json at all'

    def test_a_missing_ca_reads_as_none_with_one_call_so_that_a_write_can_follow_at_once(self, pca):
        calls = count_calls(pca)
        assert read_policy(pca, MISSING_CA_ARN) is None
        assert calls == ['GetPolicy']

    def test_a_missing_ca_is_an_error_naming_it_and_the_region_when_required(self, pca):
        with pytest.raises(AcmPcaError) as exc_info:
            require_certificate_authority(pca, MISSING_CA_ARN)
        assert exc_info.value.code == 'ResourceNotFoundException'
        assert exc_info.value.message.startswith('Certificate authority %s was not found in region %s for the account in use (AWS: '
                                                 'ResourceNotFoundException: ' % (MISSING_CA_ARN, REGION))

    def test_a_missing_ca_keeps_aws_own_message_and_request_id(self, pca):
        fail_for(pca, 'DescribeCertificateAuthority', MISSING_CA_ARN, 'ResourceNotFoundException', 'No CA by that ARN.')
        with pytest.raises(AcmPcaError) as exc_info:
            require_certificate_authority(pca, MISSING_CA_ARN)
        assert exc_info.value.error == {'code': 'ResourceNotFoundException', 'message': 'No CA by that ARN.'}
        assert exc_info.value.response_metadata['request_id'] == 'canned-request-id'
        assert exc_info.value.message.endswith('(AWS: ResourceNotFoundException: No CA by that ARN.)')

    def test_access_denied_is_an_error_naming_the_operation_and_the_ca(self, pca, make_ca):
        arn = make_ca()
        fail_for(pca, 'GetPolicy', arn, 'AccessDeniedException', 'not yours')
        with pytest.raises(AcmPcaError) as exc_info:
            read_policy(pca, arn)
        assert exc_info.value.message.startswith(f'GetPolicy failed for {arn}: AccessDeniedException: not yours')

    def test_invalid_state_on_get_policy_names_the_status_describe_reports(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('get_policy', 'InvalidStateException', 'The CA is deleted.')
        stubber.add_response('describe_certificate_authority', {'CertificateAuthority': {'Arn': CA_ARN, 'Status': 'DELETED'}},
                             {'CertificateAuthorityArn': CA_ARN})
        with stubber, pytest.raises(AcmPcaError, match=f'^GetPolicy refused for {CA_ARN}: the certificate authority is DELETED'):
            read_policy(client, CA_ARN)

    def test_a_missing_ca_is_said_in_one_whole_message(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('describe_certificate_authority', 'ResourceNotFoundException', 'No CA by that ARN.',
                                 expected_params={'CertificateAuthorityArn': CA_ARN})
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            require_certificate_authority(client, CA_ARN)
        stubber.assert_no_pending_responses()
        assert exc_info.value.message == ('Certificate authority %s was not found in region us-east-1 for the account in use '
                                          '(AWS: ResourceNotFoundException: No CA by that ARN.)' % CA_ARN)

    def test_a_missing_ca_without_aws_message_says_no_message(self, pca):
        fail_for(pca, 'DescribeCertificateAuthority', MISSING_CA_ARN, 'ResourceNotFoundException', '')
        with pytest.raises(AcmPcaError) as exc_info:
            require_certificate_authority(pca, MISSING_CA_ARN)
        assert exc_info.value.message == ('Certificate authority %s was not found in region us-east-1 for the account in use '
                                          '(AWS: ResourceNotFoundException: no message)' % MISSING_CA_ARN)

    def test_invalid_state_on_get_policy_is_one_whole_message_with_aws_details(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('get_policy', 'InvalidStateException', 'The CA is deleted.', http_status_code=400,
                                 response_meta={'RequestId': 'get-policy-request'}, expected_params={'ResourceArn': CA_ARN})
        stubber.add_response('describe_certificate_authority', {'CertificateAuthority': {'Arn': CA_ARN, 'Status': 'DELETED'}},
                             {'CertificateAuthorityArn': CA_ARN})
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            read_policy(client, CA_ARN)
        assert exc_info.value.message == ('GetPolicy refused for %s: the certificate authority is DELETED; AWS refuses policy calls on a CA '
                                          'in its restoration period (AWS: InvalidStateException: The CA is deleted.)' % CA_ARN)
        assert exc_info.value.error == {'code': 'InvalidStateException', 'message': 'The CA is deleted.'}
        assert exc_info.value.response_metadata['request_id'] == 'get-policy-request'

    def test_invalid_state_without_aws_message_says_no_message(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('get_policy', 'InvalidStateException', '')
        stubber.add_response('describe_certificate_authority', {'CertificateAuthority': {'Arn': CA_ARN, 'Status': 'FAILED'}})
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            read_policy(client, CA_ARN)
        assert exc_info.value.message == ('GetPolicy refused for %s: the certificate authority is FAILED '
                                          '(AWS: InvalidStateException: no message)' % CA_ARN)

    def test_invalid_state_on_a_ca_deleted_meanwhile_says_it_was_not_found(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('get_policy', 'InvalidStateException', 'The CA is deleted.')
        stubber.add_client_error('describe_certificate_authority', 'ResourceNotFoundException', 'No CA by that ARN.',
                                 response_meta={'RequestId': 'describe-request'}, expected_params={'CertificateAuthorityArn': CA_ARN})
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            read_policy(client, CA_ARN)
        assert exc_info.value.message == ('Certificate authority %s was not found in region us-east-1 for the account in use '
                                          '(AWS: ResourceNotFoundException: No CA by that ARN.)' % CA_ARN)
        assert exc_info.value.error == {'code': 'ResourceNotFoundException', 'message': 'No CA by that ARN.'}
        assert exc_info.value.response_metadata['request_id'] == 'describe-request'


class TestPutPolicy:

    def test_the_policy_text_is_stored_as_given(self, pca, make_ca):
        arn = make_ca()
        text = json.dumps(organization_policy(arn), separators=(',', ':'))
        put_policy(pca, arn, text)
        assert pca.get_policy(ResourceArn=arn)['Policy'] == text

    def test_a_ca_that_is_not_active_fails_naming_its_status(self, pca, make_ca):
        arn = make_ca(active=False)
        with pytest.raises(AcmPcaError) as exc_info:
            put_policy(pca, arn, json.dumps(organization_policy(arn)))
        assert exc_info.value.code == 'InvalidStateException'
        # AWS documents no rule for PENDING_CERTIFICATE: the status and AWS's own words, no rule of ours.
        assert exc_info.value.message.startswith('PutPolicy refused for %s: the certificate authority is PENDING_CERTIFICATE '
                                                 '(AWS: InvalidStateException: ' % arn)
        assert exc_info.value.response_metadata['http_status_code'] == 400
        assert exc_info.value.response_metadata['request_id']

    def test_a_missing_ca_fails_naming_it_from_the_put_policy_answer_alone(self, pca):
        calls = count_calls(pca)
        with pytest.raises(AcmPcaError, match=f'^Certificate authority {MISSING_CA_ARN} was not found'):
            put_policy(pca, MISSING_CA_ARN, '{}')
        assert calls == ['PutPolicy']

    def test_the_status_named_is_the_one_describe_reports(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('put_policy', 'InvalidStateException', 'The CA is not active.')
        stubber.add_response('describe_certificate_authority', {'CertificateAuthority': {'Arn': CA_ARN, 'Status': 'DISABLED'}},
                             {'CertificateAuthorityArn': CA_ARN})
        with stubber, pytest.raises(AcmPcaError, match='the certificate authority is DISABLED'):
            put_policy(client, CA_ARN, '{}')


class TestDeletePolicy:

    def test_the_policy_is_removed(self, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        delete_policy(pca, arn)
        assert read_policy(pca, arn) is None

    def test_deleting_when_there_is_no_policy_succeeds(self, pca, make_ca):
        arn = make_ca()
        delete_policy(pca, arn)
        assert read_policy(pca, arn) is None

    def test_a_missing_ca_fails_naming_it(self, pca):
        with pytest.raises(AcmPcaError, match=f'^Certificate authority {MISSING_CA_ARN} was not found'):
            delete_policy(pca, MISSING_CA_ARN)

    def test_resource_not_found_from_delete_policy_on_an_existing_ca_is_success(self, pca, make_ca):
        # Two absent runs racing, or the policy removed meanwhile: the policy is gone, as asked.
        arn = make_ca()
        calls = []
        # before-parameter-build comes before the canned answer of before-call.
        pca.meta.events.register('before-parameter-build.acm-pca', lambda model, **kwargs: calls.append(model.name))
        fail_for(pca, 'DeletePolicy', arn, 'ResourceNotFoundException', 'Policy not found.')
        assert delete_policy(pca, arn) is None
        assert calls == ['DeletePolicy', 'DescribeCertificateAuthority']

    def test_resource_not_found_from_delete_policy_on_a_missing_ca_keeps_aws_message_and_request_id(self, pca):
        fail_for(pca, 'DeletePolicy', MISSING_CA_ARN, 'ResourceNotFoundException', 'No such CA.')
        with pytest.raises(AcmPcaError) as exc_info:
            delete_policy(pca, MISSING_CA_ARN)
        assert exc_info.value.message.startswith(f'Certificate authority {MISSING_CA_ARN} was not found')
        assert exc_info.value.message.endswith('(AWS: ResourceNotFoundException: No such CA.)')
        assert exc_info.value.error == {'code': 'ResourceNotFoundException', 'message': 'No such CA.'}
        assert exc_info.value.response_metadata['request_id'] == 'canned-request-id'

    def test_a_ca_that_is_not_active_fails_naming_the_operation_and_its_status(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('delete_policy', 'InvalidStateException', 'The CA is not active.', expected_params={'ResourceArn': CA_ARN})
        stubber.add_response('describe_certificate_authority', {'CertificateAuthority': {'Arn': CA_ARN, 'Status': 'DISABLED'}},
                             {'CertificateAuthorityArn': CA_ARN})
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            delete_policy(client, CA_ARN)
        stubber.assert_no_pending_responses()
        assert exc_info.value.message == ('DeletePolicy refused for %s: the certificate authority is DISABLED '
                                          '(AWS: InvalidStateException: The CA is not active.)' % CA_ARN)

    def test_another_error_names_the_operation_and_the_ca(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('delete_policy', 'RequestFailedException', 'Try again.')
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            delete_policy(client, CA_ARN)
        assert exc_info.value.message == ('DeletePolicy failed for %s: RequestFailedException: Try again '
                                          '(AWS could not complete the request; run again)' % CA_ARN)


@pytest.mark.usefixtures('isolated_aws_env')
class TestConcurrentModification:

    @pytest.mark.parametrize('operation, write', [
        ('put_policy', lambda client: put_policy(client, CA_ARN, '{"Statement": []}')),
        ('delete_policy', lambda client: delete_policy(client, CA_ARN)),
    ])
    def test_a_write_succeeds_after_four_conflicts(self, sleeps, operation, write):
        client, stubber = stubbed_client()
        for dummy in range(4):
            stubber.add_client_error(operation, 'ConcurrentModificationException', 'busy')
        stubber.add_response(operation, {})
        with stubber:
            write(client)
            stubber.assert_no_pending_responses()
        assert len(sleeps) == 4

    def test_five_conflicts_in_a_row_fail_after_five_attempts_and_four_waits(self, sleeps):
        client, stubber = stubbed_client()
        for dummy in range(5):
            stubber.add_client_error('put_policy', 'ConcurrentModificationException', 'busy',
                                     expected_params={'ResourceArn': CA_ARN, 'Policy': '{}'})
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            put_policy(client, CA_ARN, '{}')
        stubber.assert_no_pending_responses()
        assert len(sleeps) == 4
        assert exc_info.value.code == 'ConcurrentModificationException'
        assert exc_info.value.message.startswith(f'PutPolicy failed for {CA_ARN}: ConcurrentModificationException: busy')

    @pytest.mark.parametrize('code', ['LockoutPreventedException', 'InvalidPolicyException', 'RequestFailedException'])
    def test_other_errors_are_not_retried(self, sleeps, code):
        client, stubber = stubbed_client()
        stubber.add_client_error('put_policy', code, 'no')
        with stubber, pytest.raises(AcmPcaError) as exc_info:
            put_policy(client, CA_ARN, '{}')
        assert sleeps == []
        assert exc_info.value.code == code


# ================================================================================ listing

class TestListCertificateAuthorities:

    def test_no_ca_is_an_empty_list(self, pca):
        assert list_certificate_authorities(pca) == []

    def test_every_page_is_read(self, pca, make_ca, pages_like_aws):
        created = {make_ca(active=False) for dummy in range(130)}
        listed = list_certificate_authorities(pages_like_aws.install(pca))
        assert len(listed) == 130
        assert {ca['Arn'] for ca in listed} == created
        assert pages_like_aws.asked == [1000, 1000]

    def test_it_asks_for_1000_a_page_and_the_resource_owner(self, isolated_aws_env):
        client, stubber = stubbed_client()
        first = {'Arn': CA_ARN, 'OwnerAccount': '111122223333'}
        second = {'Arn': MISSING_CA_ARN, 'OwnerAccount': '444455556666'}
        stubber.add_response('list_certificate_authorities', {'CertificateAuthorities': [first], 'NextToken': 'page-2'},
                             {'ResourceOwner': 'OTHER_ACCOUNTS', 'MaxResults': 1000})
        stubber.add_response('list_certificate_authorities', {'CertificateAuthorities': [second]},
                             {'ResourceOwner': 'OTHER_ACCOUNTS', 'MaxResults': 1000, 'NextToken': 'page-2'})
        with stubber:
            assert list_certificate_authorities(client, 'OTHER_ACCOUNTS') == [first, second]
        stubber.assert_no_pending_responses()

    def test_the_resource_owner_is_self_by_default(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_response('list_certificate_authorities', {'CertificateAuthorities': []}, {'ResourceOwner': 'SELF', 'MaxResults': 1000})
        with stubber:
            assert list_certificate_authorities(client) == []

    def test_a_listing_error_names_the_operation(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_client_error('list_certificate_authorities', 'InvalidNextTokenException', 'stale token')
        with stubber, pytest.raises(AcmPcaError, match='^ListCertificateAuthorities failed: InvalidNextTokenException: stale token'):
            list_certificate_authorities(client)

    def test_a_page_without_certificate_authorities_adds_none(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_response('list_certificate_authorities', {'NextToken': 'page-2'})
        stubber.add_response('list_certificate_authorities', {'CertificateAuthorities': [{'Arn': CA_ARN}]})
        with stubber:
            assert list_certificate_authorities(client) == [{'Arn': CA_ARN}]

    def test_other_accounts_lists_none_of_the_accounts_own_cas(self, pca, make_ca):
        make_ca(active=False)
        assert list_certificate_authorities(pca, 'OTHER_ACCOUNTS') == []


class TestDescribeCertificateAuthority:

    def test_an_existing_ca_is_described(self, pca, make_ca):
        arn = make_ca()
        assert describe_certificate_authority(pca, arn)['Status'] == 'ACTIVE'

    def test_a_missing_ca_is_none(self, pca):
        assert describe_certificate_authority(pca, MISSING_CA_ARN) is None

    def test_other_errors_are_raised(self, pca, make_ca):
        arn = make_ca()
        fail_for(pca, 'DescribeCertificateAuthority', arn, 'AccessDeniedException')
        with pytest.raises(AcmPcaError, match=f'^DescribeCertificateAuthority failed for {arn}: AccessDeniedException'):
            describe_certificate_authority(pca, arn)


class TestListTags:

    def test_tags_are_a_dict_of_key_to_value_in_their_original_case(self, pca, make_ca):
        arn = make_ca(active=False, tags={'Team': 'pki', 'CostCenter': 'CC-42'})
        assert list_tags(pca, arn) == {'Team': 'pki', 'CostCenter': 'CC-42'}

    def test_no_tags_is_an_empty_dict(self, pca, make_ca):
        assert list_tags(pca, make_ca(active=False)) == {}

    def test_every_page_is_read_and_a_tag_without_value_has_an_empty_one(self, isolated_aws_env):
        client, stubber = stubbed_client()
        stubber.add_response('list_tags', {'Tags': [{'Key': 'Team', 'Value': 'pki'}], 'NextToken': 'page-2'},
                             {'CertificateAuthorityArn': CA_ARN})
        stubber.add_response('list_tags', {'NextToken': 'page-3'}, {'CertificateAuthorityArn': CA_ARN, 'NextToken': 'page-2'})
        stubber.add_response('list_tags', {'Tags': [{'Key': 'Flag'}]}, {'CertificateAuthorityArn': CA_ARN, 'NextToken': 'page-3'})
        with stubber:
            assert list_tags(client, CA_ARN) == {'Team': 'pki', 'Flag': ''}
        stubber.assert_no_pending_responses()

    def test_an_error_names_the_operation_and_the_ca(self, pca, make_ca):
        arn = make_ca(active=False)
        fail_for(pca, 'ListTags', arn, 'AccessDeniedException', 'Not yours.')
        with pytest.raises(AcmPcaError) as exc_info:
            list_tags(pca, arn)
        assert exc_info.value.message == ("ListTags failed for %s: AccessDeniedException: Not yours (the credentials in use are not "
                                          "allowed to do this; check the caller's IAM permissions and, for a CA of another account, "
                                          "that its policy shares it with this account)" % arn)


# ====================================================================== describe_for_user

def _is_iso8601(value):
    return isinstance(value, str) and datetime.datetime.fromisoformat(value).tzinfo is not None


class TestDescribeForUser:

    def test_keys_are_snake_case_and_dates_iso_8601_strings(self, pca, make_ca):
        arn = make_ca()
        described = describe_for_user(pca, list_certificate_authorities(pca))
        assert len(described) == 1
        ca = described[0]
        assert ca['arn'] == arn
        assert ca['owner_account'] == ACCOUNT_ID
        assert ca['status'] == 'ACTIVE'
        assert ca['type'] == 'ROOT'
        assert ca['certificate_authority_configuration'] == {
            'key_algorithm': 'RSA_2048', 'signing_algorithm': 'SHA256WITHRSA', 'subject': {'common_name': 'unit test CA'}}
        assert 'crl_configuration' in ca['revocation_configuration']
        assert ca['key_storage_security_standard'] and ca['usage_mode']
        for key in ('created_at', 'last_state_change_at', 'not_before', 'not_after'):
            assert _is_iso8601(ca[key]), (key, ca[key])
        assert all(key == key.lower() for key in ca)
        json.dumps(described)

    def test_every_field_of_the_aws_model_is_converted(self):
        moment = datetime.datetime(2026, 11, 26, 17, 5, 36, tzinfo=datetime.timezone.utc)
        ca = {
            'Arn': CA_ARN, 'OwnerAccount': '111122223333', 'CreatedAt': moment, 'LastStateChangeAt': moment,
            'Type': 'SUBORDINATE', 'Serial': '4f:2a', 'Status': 'DELETED', 'NotBefore': moment, 'NotAfter': moment,
            'FailureReason': 'OTHER', 'RestorableUntil': moment, 'KeyStorageSecurityStandard': 'FIPS_140_2_LEVEL_3_OR_HIGHER',
            'UsageMode': 'GENERAL_PURPOSE',
            'CertificateAuthorityConfiguration': {
                'KeyAlgorithm': 'EC_prime256v1', 'SigningAlgorithm': 'SHA256WITHECDSA',
                'Subject': {'CommonName': 'pki.example.com', 'OrganizationalUnit': 'PKI'},
                'CsrExtensions': {'KeyUsage': {'DigitalSignature': True}},
            },
            'RevocationConfiguration': {'CrlConfiguration': {'Enabled': False}, 'OcspConfiguration': {'Enabled': True}},
        }
        assert describe_for_user(None, [ca]) == [{
            'arn': CA_ARN, 'owner_account': '111122223333', 'created_at': '2026-11-26T17:05:36+00:00',
            'last_state_change_at': '2026-11-26T17:05:36+00:00', 'type': 'SUBORDINATE', 'serial': '4f:2a', 'status': 'DELETED',
            'not_before': '2026-11-26T17:05:36+00:00', 'not_after': '2026-11-26T17:05:36+00:00', 'failure_reason': 'OTHER',
            'restorable_until': '2026-11-26T17:05:36+00:00', 'key_storage_security_standard': 'FIPS_140_2_LEVEL_3_OR_HIGHER',
            'usage_mode': 'GENERAL_PURPOSE',
            'certificate_authority_configuration': {
                'key_algorithm': 'EC_prime256v1', 'signing_algorithm': 'SHA256WITHECDSA',
                'subject': {'common_name': 'pki.example.com', 'organizational_unit': 'PKI'},
                'csr_extensions': {'key_usage': {'digital_signature': True}},
            },
            'revocation_configuration': {'crl_configuration': {'enabled': False}, 'ocsp_configuration': {'enabled': True}},
        }]

    def test_policy_and_tags_are_absent_unless_asked_for(self, pca, make_ca):
        make_ca()
        ca = describe_for_user(pca, list_certificate_authorities(pca))[0]
        assert 'policy' not in ca and 'tags' not in ca

    def test_the_policy_keeps_its_original_key_case_and_tags_are_a_dict(self, pca, make_ca):
        arn = make_ca(tags={'Team': 'pki'})
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        ca = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True, include_tags=True)[0]
        assert ca['policy'] == organization_policy(arn)
        assert ca['policy']['Statement'][1]['Condition']['StringEquals']['aws:PrincipalOrgID'] == 'o-a1b2c3d4e5'
        assert ca['tags'] == {'Team': 'pki'}
        assert 'policy_error' not in ca and 'tags_error' not in ca

    def test_a_ca_without_policy_has_policy_none(self, pca, make_ca):
        make_ca(active=False)
        assert describe_for_user(pca, list_certificate_authorities(pca), include_policy=True)[0]['policy'] is None

    @pytest.mark.parametrize('code', ['AccessDeniedException', 'InvalidStateException'])
    def test_a_per_ca_error_on_get_policy_is_reported_on_that_ca_only(self, pca, make_ca, code):
        arns = [make_ca(active=False) for dummy in range(3)]
        fail_for(pca, 'GetPolicy', arns[1], code, 'not for you')
        described = {ca['arn']: ca for ca in describe_for_user(pca, list_certificate_authorities(pca), include_policy=True)}
        denied = described[arns[1]]
        assert denied['policy'] is None
        assert denied['policy_error']['code'] == code
        assert denied['policy_error']['message'] == 'not for you'
        assert denied['policy_error']['msg'].startswith(f'GetPolicy failed for {arns[1]}: {code}')
        for arn in (arns[0], arns[2]):
            assert described[arn]['policy'] is None and 'policy_error' not in described[arn]

    def test_a_ca_of_another_account_without_a_readable_policy_reports_policy_error_not_no_policy(self, pca, make_ca):
        make_ca(active=False)
        asked = []

        def is_own(ca):
            asked.append(ca['arn'])
            return ca['owner_account'] == OTHER_ACCOUNT_ID

        ca = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True, is_own=is_own)[0]
        assert asked == [ca['arn']]
        assert ca['policy'] is None
        # The code is the one AWS sent, with AWS's message and request ID.
        assert ca['policy_error']['code'] == 'ResourceNotFoundException'
        assert ca['policy_error']['message'] and ca['policy_error']['request_id']
        assert f'a CA of account {ACCOUNT_ID}' in ca['policy_error']['msg']

    def test_ownership_is_asked_only_when_get_policy_finds_no_policy(self, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        asked = []
        ca = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True, is_own=asked.append)[0]
        assert ca['policy'] == organization_policy(arn) and asked == []

    @pytest.mark.parametrize('operation, include', [('ListTags', 'include_tags'), ('GetPolicy', 'include_policy')])
    def test_a_ca_deleted_since_it_was_listed_is_that_cas_error_not_the_tasks(self, pca, make_ca, operation, include):
        arns = [make_ca(active=False) for dummy in range(2)]
        listed = list_certificate_authorities(pca)
        fail_for(pca, operation, arns[0], 'ResourceNotFoundException', 'gone')
        described = {ca['arn']: ca for ca in describe_for_user(pca, listed, is_own=lambda ca: False, **{include: True})}
        key = 'tags' if operation == 'ListTags' else 'policy'
        assert described[arns[0]][f"{key}_error"]['code'] == 'ResourceNotFoundException'
        assert described[arns[0]][key] is None
        assert f"{key}_error" not in described[arns[1]] or operation == 'GetPolicy'


class TestCallerAccount:

    def test_sts_is_asked_once_for_many_cas_and_threads(self):
        calls = []
        caller = CallerAccount(lambda: calls.append(1) or ACCOUNT_ID)
        threads = [threading.Thread(target=caller.owns, args=({'owner_account': ACCOUNT_ID},)) for dummy in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert caller.owns({'owner_account': ACCOUNT_ID}) and not caller.owns({'owner_account': OTHER_ACCOUNT_ID})
        assert calls == [1]

    def test_a_caller_account_sts_cannot_tell_makes_an_empty_policy_unknown_on_that_ca_not_absent(self, pca, make_ca):
        make_ca()

        def unreachable():
            raise AcmPcaError('Could not reach the AWS endpoint https://vpce.example for GetCallerIdentity after retries')

        [ca] = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True, is_own=CallerAccount(unreachable).owns)
        assert ca['policy'] is None
        assert ca['policy_error']['code'] == 'ResourceNotFoundException'
        assert ca['policy_error']['msg'] == (
            "GetPolicy found no policy on %s, and whether that CA is this account's could not be told, so its policy is "
            "unknown, not absent: Could not reach the AWS endpoint https://vpce.example for GetCallerIdentity after retries"
            % ca['arn'])

    def test_nothing_is_asked_until_needed(self):
        calls = []
        CallerAccount(lambda: calls.append(1) or ACCOUNT_ID)
        assert calls == []

    def test_dates_are_given_in_utc_whatever_the_controller_time_zone(self):
        paris = datetime.timezone(datetime.timedelta(hours=1))
        created = datetime.datetime(2026, 11, 26, 18, 0, tzinfo=paris)
        ca = describe_for_user(None, [{'Arn': 'arn:x', 'CreatedAt': created}])[0]
        assert ca['created_at'] == '2026-11-26T17:00:00+00:00'

    def test_access_denied_on_list_tags_is_reported_as_tags_error(self, pca, make_ca):
        arn = make_ca(active=False, tags={'Team': 'pki'})
        fail_for(pca, 'ListTags', arn, 'AccessDeniedException')
        ca = describe_for_user(pca, list_certificate_authorities(pca), include_tags=True)[0]
        assert ca['tags'] is None
        assert ca['tags_error']['code'] == 'AccessDeniedException'

    def test_an_error_that_is_not_about_one_ca_fails(self, pca, make_ca):
        arns = [make_ca(active=False) for dummy in range(3)]
        fail_for(pca, 'GetPolicy', arns[2], 'RequestFailedException', 'try again')
        with pytest.raises(AcmPcaError, match=f'^GetPolicy failed for {arns[2]}: RequestFailedException: try again'):
            describe_for_user(pca, list_certificate_authorities(pca), include_policy=True)

    def test_reads_run_concurrently_at_most_8_of_each_operation_at_once(self, pca, make_ca):
        for dummy in range(20):
            make_ca(active=False, tags={'Team': 'pki'})
        state = {'active': {}, 'most': {}, 'calls': 0}
        lock = threading.Lock()

        def started(model, **kwargs):
            with lock:
                state['active'][model.name] = state['active'].get(model.name, 0) + 1
                state['calls'] += 1
                state['most'][model.name] = max(state['most'].get(model.name, 0), state['active'][model.name])
            time.sleep(0.01)

        def finished(model, **kwargs):
            with lock:
                state['active'][model.name] -= 1

        cas = list_certificate_authorities(pca)
        pca.meta.events.register('before-call', started)
        pca.meta.events.register('after-call', finished)
        described = describe_for_user(pca, cas, include_policy=True, include_tags=True)
        assert len(described) == 20
        assert state['calls'] == 40
        # That reads do run at once is proven without timing by test_up_to_8_reads_run_at_once.
        assert sorted(state['most']) == ['GetPolicy', 'ListTags'] and max(state['most'].values()) <= 8

    def test_the_pool_has_8_workers_for_each_operation(self, pca, pool_sizes):
        for operation in ('GetPolicy', 'ListTags'):
            pca.meta.events.register(f'before-call.acm-pca.{operation}',
                                     lambda params, **kwargs: no_policy(request_parameter(params, 'ResourceArn') or 'x'))
        describe_for_user(pca, listed(12), include_policy=True, include_tags=True, other_reads=[('more', lambda client, ca: [])])
        assert pool_sizes == [24]

    def test_no_reads_no_pool_and_no_call(self, pca, make_ca):
        make_ca(active=False)
        cas = list_certificate_authorities(pca)
        calls = count_calls(pca)
        describe_for_user(pca, cas)
        assert calls == []

    def test_no_cas_gives_an_empty_list(self, pca):
        assert describe_for_user(pca, [], include_policy=True, include_tags=True) == []


@pytest.fixture
def controller_in_tokyo(monkeypatch):
    """The controller's local time zone is UTC+9 (a POSIX TZ string: no tz database needed)."""
    monkeypatch.setenv('TZ', 'JST-9')
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class TestDescribeForUserDetails:

    def test_a_per_ca_error_is_aws_code_message_request_id_and_the_one_line_msg(self, pca, make_ca):
        arn = make_ca(active=False)
        fail_for(pca, 'GetPolicy', arn, 'AccessDeniedException', 'Not for you.')
        [ca] = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True)
        assert ca['policy'] is None
        assert ca['policy_error'] == {
            'code': 'AccessDeniedException',
            'message': 'Not for you.',
            'msg': "GetPolicy failed for %s: AccessDeniedException: Not for you (the credentials in use are not allowed to do this; "
                   "check the caller's IAM permissions and, for a CA of another account, that its policy shares it with this account)" % arn,
            'request_id': 'canned-request-id',
        }

    @pytest.mark.parametrize('aws_message, shown', [('Policy not found.', 'Policy not found.'), ('', 'no message')])
    def test_a_policy_of_another_accounts_ca_that_is_not_readable_is_one_whole_message(self, pca, make_ca, aws_message, shown):
        arn = make_ca(active=False)
        fail_for(pca, 'GetPolicy', arn, 'ResourceNotFoundException', aws_message)
        [ca] = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True, is_own=lambda ca: False)
        assert ca['policy'] is None
        assert ca['policy_error'] == {
            'code': 'ResourceNotFoundException',
            'message': aws_message,
            'msg': "GetPolicy found no policy this account may read on %s, a CA of account %s: AWS answers ResourceNotFoundException "
                   "when the policy of another account's CA is not readable (AWS: %s)" % (arn, ACCOUNT_ID, shown),
            'request_id': 'canned-request-id',
        }

    def test_an_owner_that_cannot_be_told_keeps_aws_code_message_and_request_id(self, pca, make_ca):
        arn = make_ca(active=False)
        fail_for(pca, 'GetPolicy', arn, 'ResourceNotFoundException', 'Policy not found.')

        def unknown(ca):
            raise AcmPcaError('GetCallerIdentity failed: no route')

        [ca] = describe_for_user(pca, list_certificate_authorities(pca), include_policy=True, is_own=unknown)
        assert ca['policy_error'] == {
            'code': 'ResourceNotFoundException',
            'message': 'Policy not found.',
            'msg': "GetPolicy found no policy on %s, and whether that CA is this account's could not be told, so its policy is "
                   "unknown, not absent: GetCallerIdentity failed: no route" % arn,
            'request_id': 'canned-request-id',
        }

    def test_aware_dates_are_given_in_utc_not_in_the_controller_zone(self, controller_in_tokyo):
        paris = datetime.timezone(datetime.timedelta(hours=1))
        [ca] = describe_for_user(None, [{'Arn': CA_ARN, 'CreatedAt': datetime.datetime(2026, 11, 26, 18, 0, tzinfo=paris)}])
        assert ca == {'arn': CA_ARN, 'created_at': '2026-11-26T17:00:00+00:00'}

    def test_a_date_without_zone_is_given_as_it_is_not_shifted_by_the_controller_zone(self, controller_in_tokyo):
        [ca] = describe_for_user(None, [{'Arn': CA_ARN, 'CreatedAt': datetime.datetime(2026, 11, 26, 18, 0),
                                         'RestorableUntil': datetime.date(2026, 12, 1)}])
        assert ca == {'arn': CA_ARN, 'created_at': '2026-11-26T18:00:00', 'restorable_until': '2026-12-01'}

    def test_lists_are_converted_item_by_item(self):
        moment = datetime.datetime(2026, 11, 26, 17, 5, 36, tzinfo=datetime.timezone.utc)
        ca = {'Arn': CA_ARN, 'CertificateAuthorityConfiguration': {'CsrExtensions': {'SubjectInformationAccess': [
            {'AccessMethod': {'AccessMethodType': 'CA_REPOSITORY'}, 'AccessLocation': {'UniformResourceIdentifier': 'http://pki.example'}},
        ]}}, 'Dates': [moment, 'text', 7]}
        assert describe_for_user(None, [ca]) == [{
            'arn': CA_ARN,
            'certificate_authority_configuration': {'csr_extensions': {'subject_information_access': [
                {'access_method': {'access_method_type': 'CA_REPOSITORY'}, 'access_location': {'uniform_resource_identifier': 'http://pki.example'}},
            ]}},
            'dates': ['2026-11-26T17:05:36+00:00', 'text', 7],
        }]

    def test_up_to_8_reads_run_at_once(self, pca):
        # Each of the first 8 GetPolicy calls waits for the other 7: they all run only when 8 run at once.
        all_eight = threading.Barrier(8, timeout=10)
        lock = threading.Lock()
        state = {'calls': 0}

        def answer(params, **kwargs):
            with lock:
                state['calls'] += 1
                first_eight = state['calls'] <= 8
            if first_eight:
                all_eight.wait()
            return no_policy(request_parameter(params, 'ResourceArn'))

        pca.meta.events.register('before-call.acm-pca.GetPolicy', answer)
        described = describe_for_user(pca, listed(12), include_policy=True)
        assert [ca['policy'] for ca in described] == [None] * 12
        assert state['calls'] == 12

    def test_the_pool_has_8_workers_or_one_per_read(self, pca, pool_sizes):
        # Pinned directly: Python's own default pool size depends on the machine's cores.
        pca.meta.events.register('before-call.acm-pca.GetPolicy', lambda params, **kwargs: no_policy(request_parameter(params, 'ResourceArn')))
        describe_for_user(pca, listed(12), include_policy=True)
        describe_for_user(pca, listed(3), include_policy=True)
        describe_for_user(pca, listed(3))
        assert pool_sizes == [8, 3]

    def test_reads_still_queued_when_the_task_fails_are_not_made(self, pca, monkeypatch):
        cas = listed(64)
        lock = threading.Lock()
        started = []
        busy = threading.Event()
        shut_down = threading.Event()
        shutdown = certificate_authority.ThreadPoolExecutor.shutdown

        def shutdown_then_release(pool, wait=True, **kwargs):
            # The reads in hand finish only once the pool has been shut down, so no worker
            # can take a queued read before shutdown could cancel it, however slow this thread.
            shutdown(pool, wait=False, **kwargs)
            shut_down.set()
            shutdown(pool, wait=wait)

        def answer(params, **kwargs):
            arn = request_parameter(params, 'ResourceArn')
            with lock:
                started.append(arn)
                if len(started) == 8:
                    busy.set()
            if arn == cas[0]['Arn']:
                # Fail once every worker of the pool has a read in hand.
                busy.wait(10)
                return canned_error('RequestFailedException', 'Try again.')
            shut_down.wait(10)
            return no_policy(arn)

        monkeypatch.setattr(certificate_authority.ThreadPoolExecutor, 'shutdown', shutdown_then_release)
        pca.meta.events.register('before-call.acm-pca.GetPolicy', answer)
        with pytest.raises(AcmPcaError) as exc_info:
            describe_for_user(pca, cas, include_policy=True)
        assert exc_info.value.message.startswith(f"GetPolicy failed for {cas[0]['Arn']}: RequestFailedException: Try again")
        # The 8 reads running at the failure, and at most the one the failed read's worker
        # took next (it then waits for the shutdown too); the other 55 queued were cancelled.
        assert 8 <= len(started) <= 9
