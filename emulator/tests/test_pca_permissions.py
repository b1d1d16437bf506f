# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator's CreatePermission, ListPermissions and DeletePermission (src/pki_acmpca_emulator/pca_permissions.py),
through boto3 against moto's mock_aws, as AWS documents them."""


import datetime
import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api._internal.models import moto_api_backend

from pki_acmpca_emulator import pca_permissions

from .conftest import ACCOUNT_ID, MISSING_CA_ARN, OTHER_ACCOUNT_ID, REGION

ACM = 'acm.amazonaws.com'
ALL_ACTIONS = ['IssueCertificate', 'GetCertificate', 'ListPermissions']


def error_code(call, **kwargs):
    with pytest.raises(ClientError) as exc_info:
        call(**kwargs)
    return exc_info.value.response['Error']['Code']


def listed(pca_client, arn, **kwargs):
    return pca_client.list_permissions(CertificateAuthorityArn=arn, **kwargs)


def test_a_created_permission_is_listed_with_the_callers_account_and_a_policy(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS)

    [permission] = listed(pca_client, arn)['Permissions']

    assert permission['CertificateAuthorityArn'] == arn
    assert (permission['Principal'], permission['SourceAccount'], permission['Actions']) == (ACM, ACCOUNT_ID, ALL_ACTIONS)
    assert isinstance(permission['CreatedAt'], datetime.datetime)
    policy = json.loads(permission['Policy'])
    assert policy['Statement'][0]['Principal'] == {'Service': ACM}
    assert policy['Statement'][0]['Action'] == ['acm-pca:IssueCertificate', 'acm-pca:GetCertificate', 'acm-pca:ListPermissions']
    assert policy['Statement'][0]['Resource'] == arn
    assert policy['Statement'][0]['Condition'] == {'StringEquals': {'aws:SourceAccount': ACCOUNT_ID}}


def test_a_ca_without_permissions_lists_none(pca_client, make_ca):
    assert listed(pca_client, make_ca())['Permissions'] == []


def test_permissions_are_keyed_by_principal_and_source_account(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=['GetCertificate'])
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=['IssueCertificate'], SourceAccount=OTHER_ACCOUNT_ID)

    assert error_code(pca_client.create_permission, CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS,
                      SourceAccount=ACCOUNT_ID) == 'PermissionAlreadyExistsException'
    assert sorted((item['SourceAccount'], tuple(item['Actions'])) for item in listed(pca_client, arn)['Permissions']) == [
        (OTHER_ACCOUNT_ID, ('IssueCertificate',)), (ACCOUNT_ID, ('GetCertificate',))]


def test_repeated_actions_are_stored_once(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=['GetCertificate', 'GetCertificate'])
    assert listed(pca_client, arn)['Permissions'][0]['Actions'] == ['GetCertificate']


def test_delete_removes_the_permission_and_a_second_delete_is_not_found(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS, SourceAccount=ACCOUNT_ID)
    pca_client.delete_permission(CertificateAuthorityArn=arn, Principal=ACM)
    assert listed(pca_client, arn)['Permissions'] == []
    assert error_code(pca_client.delete_permission, CertificateAuthorityArn=arn, Principal=ACM) == 'ResourceNotFoundException'


@pytest.mark.parametrize('operation, kwargs', [
    ('create_permission', {'Principal': ACM, 'Actions': ALL_ACTIONS}),
    ('delete_permission', {'Principal': ACM}),
    ('list_permissions', {}),
])
def test_an_unknown_ca_is_not_found(pca_client, operation, kwargs):
    assert error_code(getattr(pca_client, operation), CertificateAuthorityArn=MISSING_CA_ARN, **kwargs) == 'ResourceNotFoundException'


def test_another_accounts_ca_cannot_be_given_permissions(pca_client, make_ca, monkeypatch):
    arn = make_ca()
    monkeypatch.setenv('MOTO_ACCOUNT_ID', OTHER_ACCOUNT_ID)
    outsider = boto3.client('acm-pca', region_name=REGION)
    assert error_code(outsider.create_permission, CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS) == 'ResourceNotFoundException'


@pytest.mark.parametrize('kwargs, code', [
    ({'Principal': 'ec2.amazonaws.com', 'Actions': ALL_ACTIONS}, 'InvalidRequestException'),
    ({'Principal': 'acm.*', 'Actions': ALL_ACTIONS}, 'ValidationException'),
    ({'Principal': ACM, 'Actions': ['RevokeCertificate']}, 'ValidationException'),
    ({'Principal': ACM, 'Actions': ['issuecertificate']}, 'ValidationException'),
    ({'Principal': ACM, 'Actions': ALL_ACTIONS + ['GetCertificate']}, 'ValidationException'),
    ({'Principal': ACM, 'Actions': ALL_ACTIONS, 'SourceAccount': '12345678901a'}, 'ValidationException'),
])
def test_create_refuses_what_the_service_model_forbids(pca_client, make_ca, kwargs, code):
    arn = make_ca()
    assert error_code(pca_client.create_permission, CertificateAuthorityArn=arn, **kwargs) == code
    assert listed(pca_client, arn)['Permissions'] == []


def test_a_pending_ca_may_be_given_permissions(pca_client, make_ca):
    arn = make_ca(active=False)
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS)
    assert len(listed(pca_client, arn)['Permissions']) == 1


def test_a_disabled_ca_can_be_read_but_its_permissions_not_changed(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS)
    pca_client.update_certificate_authority(CertificateAuthorityArn=arn, Status='DISABLED')
    assert error_code(pca_client.delete_permission, CertificateAuthorityArn=arn, Principal=ACM) == 'InvalidStateException'
    assert error_code(pca_client.create_permission, CertificateAuthorityArn=arn, Principal=ACM, Actions=['GetCertificate'],
                      SourceAccount=OTHER_ACCOUNT_ID) == 'InvalidStateException'
    assert len(listed(pca_client, arn)['Permissions']) == 1


def test_a_deleted_ca_is_in_the_wrong_state_for_every_operation(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS)
    pca_client.delete_certificate_authority(CertificateAuthorityArn=arn)
    for call, kwargs in ((pca_client.create_permission, {'Principal': ACM, 'Actions': ALL_ACTIONS}),
                         (pca_client.delete_permission, {'Principal': ACM}), (pca_client.list_permissions, {})):
        with pytest.raises(ClientError) as exc_info:
            call(CertificateAuthorityArn=arn, **kwargs)
        assert exc_info.value.response['Error']['Code'] == 'InvalidStateException'
        assert exc_info.value.response['Error']['Message'] == 'The certificate authority is in the DELETED state.'


def test_list_pages_and_refuses_a_token_it_did_not_give(pca_client, make_ca):
    arn = make_ca()
    accounts = ['%012d' % number for number in range(1, 6)]
    for account in accounts:
        pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=['GetCertificate'], SourceAccount=account)

    first = listed(pca_client, arn, MaxResults=2)
    second = listed(pca_client, arn, MaxResults=2, NextToken=first['NextToken'])
    third = listed(pca_client, arn, MaxResults=2, NextToken=second['NextToken'])
    paged = [item['SourceAccount'] for page in (first, second, third) for item in page['Permissions']]
    whole = pca_client.get_paginator('list_permissions').paginate(CertificateAuthorityArn=arn, PaginationConfig={'PageSize': 1})

    assert 'NextToken' not in third and paged == accounts
    assert [item['SourceAccount'] for page in whole for item in page['Permissions']] == accounts
    assert error_code(pca_client.list_permissions, CertificateAuthorityArn=arn, NextToken='not-a-token') == 'InvalidNextTokenException'
    other = make_ca()
    assert error_code(pca_client.list_permissions, CertificateAuthorityArn=other, NextToken=first['NextToken']) == 'InvalidNextTokenException'
    assert error_code(pca_client.list_permissions, CertificateAuthorityArn=arn, MaxResults=1001) == 'ValidationException'


def test_a_reset_forgets_every_permission(pca_client, make_ca):
    arn = make_ca()
    pca_client.create_permission(CertificateAuthorityArn=arn, Principal=ACM, Actions=ALL_ACTIONS)
    moto_api_backend.reset()
    assert error_code(pca_client.list_permissions, CertificateAuthorityArn=arn) == 'ResourceNotFoundException'


def test_installing_twice_changes_nothing():
    pca_permissions.install()
    pca_permissions.install()
    assert pca_permissions.is_installed()
