# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""permissions: the ACM service principal's permissions on a CA, checked locally and read and
written against moto's mock_aws (with the tests' permission emulator)."""


import datetime

import boto3
import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._aws.permissions import (
    ACM_PRINCIPAL,
    PERMISSION_ACTIONS,
    create_permission,
    delete_permission,
    find_permission,
    permission_for_user,
    permissions_of_listed_ca,
    read_permissions,
    requested_permission,
    same_grant,
)

from .....helpers import ACCOUNT_ID, CA_ARN, MISSING_CA_ARN, OTHER_ACCOUNT_ID, REGION


CA = parse_certificate_authority_arn(CA_ARN)


class TestRequestedPermission:

    def test_the_defaults_stand_for_the_cas_own_account_and_the_documented_action_order(self):
        assert requested_permission(CA, ACM_PRINCIPAL, None, ['ListPermissions', 'IssueCertificate']) == {
            'CertificateAuthorityArn': CA_ARN, 'Principal': ACM_PRINCIPAL, 'SourceAccount': ACCOUNT_ID,
            'Actions': ['IssueCertificate', 'ListPermissions']}

    def test_a_source_account_is_kept(self):
        assert requested_permission(CA, ACM_PRINCIPAL, OTHER_ACCOUNT_ID, list(PERMISSION_ACTIONS))['SourceAccount'] == OTHER_ACCOUNT_ID

    @pytest.mark.parametrize('principal, source_account, actions, message', [
        ('acm.amazonaws.com.cn', None, ['GetCertificate'],
         "principal 'acm.amazonaws.com.cn' is not accepted: the only principal AWS accepts is acm.amazonaws.com"),
        (ACM_PRINCIPAL, '1234567890123', ['GetCertificate'],
         "source_account '1234567890123' is not an AWS account ID (12 digits): written without quotes, an ID is read by YAML as a "
         'number, which loses its leading zeros (and one that starts with 0 is read as octal): quote it ("012345678901")'),
        (ACM_PRINCIPAL, None, [], 'actions must name at least one of IssueCertificate, GetCertificate, ListPermissions'),
        (ACM_PRINCIPAL, None, ['acm-pca:GetCertificate'],
         "action 'acm-pca:GetCertificate' is not a permission action: use IssueCertificate, GetCertificate, ListPermissions"),
        (ACM_PRINCIPAL, None, ['getcertificate'],
         "action 'getcertificate' is not a permission action: use IssueCertificate, GetCertificate, ListPermissions "
         "(action names are case-sensitive: GetCertificate)"),
        (ACM_PRINCIPAL, None, ['GetCertificate', 'ListPermissions', 'GetCertificate'], 'actions names GetCertificate more than once'),
    ])
    def test_what_aws_refuses_is_refused_with_its_reason(self, principal, source_account, actions, message):
        with pytest.raises(ValueError) as exc_info:
            requested_permission(CA, principal, source_account, actions)
        assert str(exc_info.value) == message


class TestComparison:

    def test_actions_compare_as_a_set(self):
        requested = requested_permission(CA, ACM_PRINCIPAL, None, ['GetCertificate', 'IssueCertificate'])
        assert same_grant({'Actions': ['IssueCertificate', 'GetCertificate']}, requested)
        assert not same_grant({'Actions': ['IssueCertificate']}, requested)
        assert not same_grant(None, requested)
        assert not same_grant({'Actions': ['IssueCertificate']}, None)

    def test_a_permission_is_found_by_principal_and_source_account(self):
        own = {'Principal': ACM_PRINCIPAL, 'SourceAccount': ACCOUNT_ID}
        other = {'Principal': ACM_PRINCIPAL, 'SourceAccount': OTHER_ACCOUNT_ID}
        unnamed = {'Principal': ACM_PRINCIPAL}
        assert find_permission([other, own], ACM_PRINCIPAL, ACCOUNT_ID) is own
        assert find_permission([other], ACM_PRINCIPAL, ACCOUNT_ID) is None
        assert find_permission([unnamed], ACM_PRINCIPAL, ACCOUNT_ID) is unnamed
        assert find_permission([own], 'other.amazonaws.com', ACCOUNT_ID) is None


class TestForUser:

    def test_snake_case_keys_an_iso_8601_date_and_the_policy_parsed_in_its_own_case(self):
        moment = datetime.datetime(2026, 11, 26, 17, 5, 36, tzinfo=datetime.timezone.utc)
        permission = {'CertificateAuthorityArn': CA_ARN, 'CreatedAt': moment, 'Principal': ACM_PRINCIPAL, 'SourceAccount': ACCOUNT_ID,
                      'Actions': ['GetCertificate'], 'Policy': '{"Statement": [{"Condition": {"StringEquals": {"aws:SourceAccount": "1"}}}]}'}
        assert permission_for_user(permission) == {
            'certificate_authority_arn': CA_ARN, 'created_at': '2026-11-26T17:05:36+00:00', 'principal': ACM_PRINCIPAL,
            'source_account': ACCOUNT_ID, 'actions': ['GetCertificate'],
            'policy': {'Statement': [{'Condition': {'StringEquals': {'aws:SourceAccount': '1'}}}]}}

    def test_a_permission_not_read_back_has_no_date_or_policy(self):
        result = permission_for_user(requested_permission(CA, ACM_PRINCIPAL, None, ['GetCertificate']))
        assert (result['created_at'], result['policy']) == (None, None)
        assert permission_for_user(None) is None


class TestCalls:

    def test_create_read_and_delete_against_moto(self, pca, make_ca):
        arn = make_ca()
        ca = parse_certificate_authority_arn(arn)
        client = boto3.client('acm-pca', region_name=REGION)
        create_permission(client, requested_permission(ca, ACM_PRINCIPAL, None, ['GetCertificate']), False)
        create_permission(client, requested_permission(ca, ACM_PRINCIPAL, OTHER_ACCOUNT_ID, ['IssueCertificate']), True)
        permissions = read_permissions(client, arn)
        assert sorted((item['SourceAccount'], item['Actions']) for item in permissions) == [
            (OTHER_ACCOUNT_ID, ['IssueCertificate']), (ACCOUNT_ID, ['GetCertificate'])]
        assert len(permissions_of_listed_ca(client, {'arn': arn})) == 2
        delete_permission(client, find_permission(permissions, ACM_PRINCIPAL, OTHER_ACCOUNT_ID))
        assert [item['SourceAccount'] for item in read_permissions(client, arn)] == [ACCOUNT_ID]

    def test_every_page_is_read(self, pca, make_ca, on_new_clients):
        arn = make_ca()
        accounts = ['%012d' % number for number in range(1, 8)]
        for account in accounts:
            pca.create_permission(CertificateAuthorityArn=arn, Principal=ACM_PRINCIPAL, Actions=['GetCertificate'], SourceAccount=account)

        def two_a_page(params, **kwargs):
            params['MaxResults'] = 2
        on_new_clients('provide-client-params.acm-pca.ListPermissions', two_a_page)
        client = boto3.client('acm-pca', region_name=REGION)
        assert [item['SourceAccount'] for item in read_permissions(client, arn)] == accounts

    def test_an_existing_permission_is_aws_s_error_with_its_hint(self, pca, make_ca):
        arn = make_ca()
        requested = requested_permission(parse_certificate_authority_arn(arn), ACM_PRINCIPAL, None, ['GetCertificate'])
        client = boto3.client('acm-pca', region_name=REGION)
        create_permission(client, requested, False)
        with pytest.raises(AcmPcaError) as exc_info:
            create_permission(client, requested, False)
        assert exc_info.value.code == 'PermissionAlreadyExistsException'
        assert 'a permission for this principal and source account already exists' in exc_info.value.message

    def test_a_missing_ca_is_said_plainly_for_every_call(self, aws):
        client = boto3.client('acm-pca', region_name=REGION)
        requested = requested_permission(parse_certificate_authority_arn(MISSING_CA_ARN), ACM_PRINCIPAL, None, ['GetCertificate'])
        for call in (lambda: read_permissions(client, MISSING_CA_ARN), lambda: create_permission(client, requested, False),
                     lambda: delete_permission(client, requested)):
            with pytest.raises(AcmPcaError) as exc_info:
                call()
            assert exc_info.value.message.startswith(f'Certificate authority {MISSING_CA_ARN} was not found')
