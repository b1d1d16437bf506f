# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator's AWS RAM for CA shares (src/pki_acmpca_emulator/ram*.py), through boto3 against moto's mock_aws:
shares, associations and their lifecycle, the CA policy RAM writes, who then sees the CA, invitations."""

import json

import pytest
from botocore.exceptions import ClientError
from moto.moto_api._internal.models import moto_api_backend

from pki_acmpca_emulator import pca, ram
from pki_acmpca_emulator.ram_policy import SID_SUFFIX

from .conftest import ACCOUNT_ID, REGION, client

OUTSIDER = '111122223333'
PCA_TYPE = 'acm-pca:CertificateAuthority'
DEFAULT = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionCertificateAuthority'
CSR_PASSTHROUGH = 'arn:aws:ram::aws:permission/AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority'
REVOKE = 'arn:aws:ram::aws:permission/AWSRAMRevokeCertificateCertificateAuthority'
SUBNET = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'
TEMPLATE = 'arn:aws:acm-pca:::template/%s'


def error_of(call, **kwargs):
    with pytest.raises(ClientError) as exc_info:
        call(**kwargs)
    return exc_info.value.response['Error']['Code'], exc_info.value.response['Error']['Message']


def code_of(call, **kwargs):
    return error_of(call, **kwargs)[0]


def policy_of(pca_client, arn):
    try:
        return json.loads(pca_client.get_policy(ResourceArn=arn)['Policy'])
    except ClientError as error:
        assert error.response['Error']['Code'] == 'ResourceNotFoundException'
        return None


def ram_statements(pca_client, arn):
    policy = policy_of(pca_client, arn) or {'Statement': []}
    return [statement for statement in policy['Statement'] if statement.get('Sid', '').endswith(SID_SUFFIX)]


def associations(ram_client, kind, **kwargs):
    return {item['associatedEntity']: item for item in
            ram_client.get_resource_share_associations(associationType=kind, **kwargs)['resourceShareAssociations']}


def statuses(ram_client, kind, **kwargs):
    return {entity: item['status'] for entity, item in associations(ram_client, kind, **kwargs).items()}


def visible_cas(account_id):
    listed = client('acm-pca', account_id).list_certificate_authorities(ResourceOwner='OTHER_ACCOUNTS')
    return [item['Arn'] for item in listed['CertificateAuthorities']]


def share(ram_client, name='cas', **kwargs):
    return ram_client.create_resource_share(name=name, **kwargs)['resourceShare']['resourceShareArn']


# ---------------------------------------------------------------- permissions

def test_the_pca_permissions_are_listed_with_the_default_one_flagged(ram_client):
    permissions = ram_client.list_permissions(resourceType=PCA_TYPE)['permissions']
    names = {item['name']: item for item in permissions}
    assert set(names) == {'AWSRAMDefaultPermissionCertificateAuthority', 'AWSRAMRevokeCertificateCertificateAuthority',
                          'AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority',
                          'AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority',
                          'AWSRAMSubordinateCACertificatePathLen0IssuanceCertificateAuthority'}
    assert [name for name, item in names.items() if item['isResourceTypeDefault']] == ['AWSRAMDefaultPermissionCertificateAuthority']
    assert {item['permissionType'] for item in permissions} == {'AWS_MANAGED'}
    assert names['AWSRAMDefaultPermissionCertificateAuthority']['arn'] == DEFAULT
    assert SUBNET in [item['arn'] for item in ram_client.list_permissions()['permissions']]
    assert ram_client.list_permissions(resourceType=PCA_TYPE, permissionType='CUSTOMER_MANAGED')['permissions'] == []
    assert code_of(ram_client.list_permissions, resourceType='acm-pca:Nothing') == 'InvalidParameterException'


def test_permissions_page(ram_client):
    pages = [ram_client.list_permissions(resourceType=PCA_TYPE, maxResults=2)]
    while 'nextToken' in pages[-1]:
        pages.append(ram_client.list_permissions(resourceType=PCA_TYPE, maxResults=2, nextToken=pages[-1]['nextToken']))
    assert [len(page['permissions']) for page in pages] == [2, 2, 1]
    assert code_of(ram_client.list_permissions, nextToken='bogus') == 'InvalidNextTokenException'


@pytest.mark.parametrize('arn, statements', [
    (DEFAULT, [(5, None), (['acm-pca:IssueCertificate'], 'EndEntityCertificate/V1')]),
    (CSR_PASSTHROUGH, [(5, None), (['acm-pca:IssueCertificate'], 'BlankEndEntityCertificate_APICSRPassthrough/V1')]),
    (REVOKE, [(['acm-pca:RevokeCertificate'], None)]),
])
def test_get_permission_returns_the_policy_template(ram_client, arn, statements):
    permission = ram_client.get_permission(permissionArn=arn)['permission']
    template = json.loads(permission['permission'])
    template = template if isinstance(template, list) else [template]
    read = [(len(item['Action']) if len(item['Action']) == 5 else item['Action'],
             item.get('Condition', {}).get('StringEquals', {}).get('acm-pca:TemplateArn', '').replace(TEMPLATE % '', '') or None)
            for item in template]
    assert read == statements
    assert (permission['resourceType'], permission['version'], permission['defaultVersion']) == (PCA_TYPE, '1', True)


def test_get_permission_errors(ram_client):
    assert code_of(ram_client.get_permission, permissionArn='arn:aws:ram::aws:permission/Nothing') == 'UnknownResourceException'
    assert code_of(ram_client.get_permission, permissionArn='not-an-arn') == 'MalformedArnException'
    assert code_of(ram_client.get_permission, permissionArn=DEFAULT, permissionVersion=2) == 'UnknownResourceException'


def test_a_customer_managed_permission_is_created_listed_and_written_into_the_policy(ram_client, pca_client, make_ca, sharing):
    template = {'Effect': 'Allow', 'Action': ['acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate'],
                'Condition': {'StringEquals': {'acm-pca:TemplateArn': TEMPLATE % 'EndEntityClientAuthCertificate/V1'}}}
    created = ram_client.create_permission(name='IssueAndRevoke', resourceType=PCA_TYPE, policyTemplate=json.dumps(template))['permission']
    arn = make_ca()
    share(ram_client, resourceArns=[arn], principals=[sharing['arn']], permissionArns=[created['arn']])

    assert created['arn'] == f'arn:aws:ram:{REGION}:{ACCOUNT_ID}:permission/IssueAndRevoke'
    assert [item['arn'] for item in ram_client.list_permissions(permissionType='CUSTOMER_MANAGED')['permissions']] == [created['arn']]
    [statement] = ram_statements(pca_client, arn)
    assert statement['Action'] == template['Action']
    assert statement['Condition']['StringEquals'] == {'acm-pca:TemplateArn': TEMPLATE % 'EndEntityClientAuthCertificate/V1',
                                                      'aws:PrincipalOrgID': sharing['id']}
    assert code_of(ram_client.delete_permission, permissionArn=created['arn']) == 'OperationNotPermittedException'


def test_a_permission_leaves_a_share_without_cas_and_an_unused_one_is_deleted(ram_client, in_process):  # pylint: disable=unused-argument
    template = json.dumps({'Effect': 'Allow', 'Action': ['acm-pca:GetCertificate']})
    created = ram_client.create_permission(name='ReadOnly', resourceType=PCA_TYPE, policyTemplate=template)['permission']['arn']
    share_arn = share(ram_client, permissionArns=[created])
    ram_client.tag_resource(resourceArn=created, tags=[{'key': 'k', 'value': 'v'}])
    assert ram_client.get_permission(permissionArn=created)['permission']['tags'] == [{'key': 'k', 'value': 'v'}]

    assert ram_client.disassociate_resource_share_permission(resourceShareArn=share_arn, permissionArn=created)['returnValue'] is True
    assert ram_client.list_resource_share_permissions(resourceShareArn=share_arn)['permissions'] == []
    assert ram_client.delete_permission(permissionArn=created)['permissionStatus'] == 'DELETED'
    assert code_of(ram_client.get_permission, permissionArn=created) == 'UnknownResourceException'
    assert code_of(ram_client.delete_permission, permissionArn=DEFAULT) == 'OperationNotPermittedException'


@pytest.mark.parametrize('template, code', [
    ('not json', 'MalformedPolicyTemplateException'),
    ({'Effect': 'Allow', 'Action': ['acm-pca:IssueCertificate'], 'Resource': '*'}, 'MalformedPolicyTemplateException'),
    ({'Effect': 'Deny', 'Action': ['acm-pca:IssueCertificate']}, 'MalformedPolicyTemplateException'),
    ({'Effect': 'Allow', 'Action': ['acm-pca:DeleteCertificateAuthority']}, 'InvalidPolicyException'),
])
def test_create_permission_checks_its_template(ram_client, template, code):
    text = template if isinstance(template, str) else json.dumps(template)
    assert code_of(ram_client.create_permission, name='Bad', resourceType=PCA_TYPE, policyTemplate=text) == code
    assert ram_client.list_permissions(permissionType='CUSTOMER_MANAGED')['permissions'] == []


# ---------------------------------------------------------------- shares and what they write

def test_a_share_with_the_organization_writes_the_documented_statements_and_members_see_the_ca(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['arn']], tags=[{'key': 'team', 'value': 'pki'}])

    [listed] = ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares']
    assert (listed['resourceShareArn'], listed['status'], listed['allowExternalPrincipals'], listed['featureSet']) == \
        (share_arn, 'ACTIVE', True, 'STANDARD')
    assert listed['tags'] == [{'key': 'team', 'value': 'pki'}]
    assert statuses(ram_client, 'PRINCIPAL') == {sharing['arn']: 'ASSOCIATED'}
    assert statuses(ram_client, 'RESOURCE') == {arn: 'ASSOCIATED'}
    reads, issue = ram_statements(pca_client, arn)
    assert reads['Principal'] == '*' and reads['Resource'] == arn and len(reads['Action']) == 5
    assert reads['Condition'] == {'StringEquals': {'aws:PrincipalOrgID': sharing['id']}}
    assert issue['Condition'] == {'StringEquals': {'acm-pca:TemplateArn': TEMPLATE % 'EndEntityCertificate/V1',
                                                   'aws:PrincipalOrgID': sharing['id']}}
    assert [item['permissionArn'] if 'permissionArn' in item else item['arn']
            for item in ram_client.list_resource_share_permissions(resourceShareArn=share_arn)['permissions']] == [DEFAULT]
    assert visible_cas(sharing['member']) == [arn]
    assert visible_cas(OUTSIDER) == []
    member_ram = client('ram', sharing['member'])
    assert [item['resourceShareArn'] for item in member_ram.get_resource_shares(resourceOwner='OTHER-ACCOUNTS')['resourceShares']] == [share_arn]
    assert [item['arn'] for item in member_ram.list_resources(resourceOwner='OTHER-ACCOUNTS')['resources']] == [arn]


def test_an_organization_principal_is_refused_until_sharing_is_enabled_from_the_management_account(ram_client, make_ca, organization):
    arn = make_ca()
    code, message = error_of(ram_client.create_resource_share, name='cas', resourceArns=[arn], principals=[organization['arn']])
    assert code == 'OperationNotPermittedException' and 'not enabled sharing with your AWS organization' in message
    assert ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares'] == []
    assert code_of(client('ram', organization['member']).enable_sharing_with_aws_organization) == 'OperationNotPermittedException'

    assert ram_client.enable_sharing_with_aws_organization()['returnValue'] is True
    share(ram_client, resourceArns=[arn], principals=[organization['arn']])
    services = organization['client'].list_aws_service_access_for_organization()['EnabledServicePrincipals']
    assert [item['ServicePrincipal'] for item in services] == ['ram.amazonaws.com']


def test_an_organizational_unit_writes_its_path_and_only_accounts_under_it_see_the_ca(ram_client, pca_client, make_ca, sharing):
    organizations = sharing['client']
    root = organizations.list_roots()['Roots'][0]['Id']
    unit = organizations.create_organizational_unit(ParentId=root, Name='pki')['OrganizationalUnit']
    inside = organizations.create_account(AccountName='inside', Email='inside@example.com')['CreateAccountStatus']['AccountId']
    organizations.move_account(AccountId=inside, SourceParentId=root, DestinationParentId=unit['Id'])
    arn = make_ca()
    share(ram_client, resourceArns=[arn], principals=[unit['Arn']])

    reads, _issue = ram_statements(pca_client, arn)
    assert reads['Condition'] == {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': f"{sharing['id']}/{root}/{unit['Id']}/*"}}
    assert visible_cas(inside) == [arn]
    assert visible_cas(sharing['member']) == []


def test_a_member_account_gets_the_share_without_invitation(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    share(ram_client, resourceArns=[arn], principals=[sharing['member']])
    [association] = associations(ram_client, 'PRINCIPAL').values()
    assert (association['status'], association['external']) == ('ASSOCIATED', False)
    assert client('ram', sharing['member']).get_resource_share_invitations()['resourceShareInvitations'] == []
    assert ram_statements(pca_client, arn)[0]['Principal'] == {'AWS': sharing['member']}
    assert visible_cas(sharing['member']) == [arn]


def test_the_owners_own_account_is_a_principal_without_invitation(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    share(ram_client, resourceArns=[make_ca()], principals=[ACCOUNT_ID])
    [association] = associations(ram_client, 'PRINCIPAL').values()
    assert (association['status'], association['external']) == ('ASSOCIATED', False)
    assert ram_client.get_resource_share_invitations()['resourceShareInvitations'] == []


def test_an_outside_account_sees_the_ca_only_after_accepting_its_invitation(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    share_arn = share(ram_client, resourceArns=[arn], principals=[OUTSIDER, sharing['member']])
    outsider = client('ram', OUTSIDER)
    [invitation] = outsider.get_resource_share_invitations()['resourceShareInvitations']

    assert (invitation['status'], invitation['senderAccountId'], invitation['receiverAccountId'], invitation['resourceShareArn']) == \
        ('PENDING', ACCOUNT_ID, OUTSIDER, share_arn)
    assert associations(ram_client, 'PRINCIPAL')[OUTSIDER]['external'] is True
    assert statuses(ram_client, 'PRINCIPAL')[OUTSIDER] == 'ASSOCIATING'
    assert [statement['Principal'] for statement in ram_statements(pca_client, arn)] == [{'AWS': sharing['member']}] * 2
    assert visible_cas(OUTSIDER) == []
    assert outsider.get_resource_shares(resourceOwner='OTHER-ACCOUNTS')['resourceShares'] == []
    assert [item['arn'] for item in outsider.list_pending_invitation_resources(
        resourceShareInvitationArn=invitation['resourceShareInvitationArn'])['resources']] == [arn]

    accepted = outsider.accept_resource_share_invitation(resourceShareInvitationArn=invitation['resourceShareInvitationArn'])
    assert accepted['resourceShareInvitation']['status'] == 'ACCEPTED'
    assert statuses(ram_client, 'PRINCIPAL')[OUTSIDER] == 'ASSOCIATED'
    assert ram_statements(pca_client, arn)[0]['Principal'] == {'AWS': sorted([OUTSIDER, sharing['member']])}
    assert visible_cas(OUTSIDER) == [arn]
    assert code_of(outsider.accept_resource_share_invitation, resourceShareInvitationArn=invitation['resourceShareInvitationArn']) == \
        'ResourceShareInvitationAlreadyAcceptedException'
    assert code_of(client('ram', sharing['member']).accept_resource_share_invitation,
                   resourceShareInvitationArn=invitation['resourceShareInvitationArn']) == 'ResourceShareInvitationArnNotFoundException'


def test_a_rejected_or_expired_invitation_takes_the_principal_out(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    arn = make_ca()
    share(ram_client, resourceArns=[arn], principals=[OUTSIDER, '444455556666'])
    outsider, other = client('ram', OUTSIDER), client('ram', '444455556666')
    [rejected] = outsider.get_resource_share_invitations()['resourceShareInvitations']
    [expired] = other.get_resource_share_invitations()['resourceShareInvitations']

    outsider.reject_resource_share_invitation(resourceShareInvitationArn=rejected['resourceShareInvitationArn'])
    ram.expire_invitation(expired['resourceShareInvitationArn'], REGION)

    assert statuses(ram_client, 'PRINCIPAL') == {OUTSIDER: 'DISASSOCIATED', '444455556666': 'DISASSOCIATED'}
    assert code_of(outsider.accept_resource_share_invitation, resourceShareInvitationArn=rejected['resourceShareInvitationArn']) == \
        'ResourceShareInvitationAlreadyRejectedException'
    assert code_of(other.accept_resource_share_invitation, resourceShareInvitationArn=expired['resourceShareInvitationArn']) == \
        'ResourceShareInvitationExpiredException'


def test_a_share_closed_to_external_principals_refuses_an_outside_account(ram_client, make_ca, sharing):
    arn = make_ca()
    code, message = error_of(ram_client.create_resource_share, name='cas', resourceArns=[arn], principals=[OUTSIDER],
                             allowExternalPrincipals=False)
    assert code == 'OperationNotPermittedException' and 'only be shared within your AWS Organization' in message
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['member']], allowExternalPrincipals=False)
    assert code_of(ram_client.associate_resource_share, resourceShareArn=share_arn, principals=[OUTSIDER]) == 'OperationNotPermittedException'


@pytest.mark.parametrize('principal, code', [
    ('o-abcdefghij', 'InvalidParameterException'),
    ('arn:aws:iam::111122223333:role/issuer', 'InvalidParameterException'),
    ('arn:aws:organizations::999999999999:organization/o-zzzzzzzzzz', 'UnknownResourceException'),
    ('arn:aws:iam::111122223333:root', 'InvalidParameterException'),
])
def test_bad_principals_are_refused_and_nothing_is_made(ram_client, make_ca, sharing, principal, code):  # pylint: disable=unused-argument
    assert code_of(ram_client.create_resource_share, name='cas', resourceArns=[make_ca()], principals=[principal]) == code
    assert ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares'] == []


def test_bad_resources_and_permissions_are_refused(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    arn = make_ca()
    foreign = arn.replace(ACCOUNT_ID, OUTSIDER)
    assert code_of(ram_client.create_resource_share, name='x', resourceArns=[foreign]) == 'UnknownResourceException'
    assert code_of(ram_client.create_resource_share, name='x', resourceArns=['nonsense']) == 'MalformedArnException'
    assert code_of(ram_client.create_resource_share, name='x', resourceArns=[f'arn:aws:ec2:{REGION}:{ACCOUNT_ID}:vpc/vpc-1']) == \
        'MalformedArnException'
    assert code_of(ram_client.create_resource_share, name='x', resourceArns=[arn], permissionArns=[SUBNET]) == 'InvalidParameterException'
    assert code_of(ram_client.create_resource_share, name='x', resourceArns=[arn], permissionArns=[DEFAULT, REVOKE]) == \
        'InvalidParameterException'
    assert ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares'] == []


def test_disassociating_a_principal_or_a_ca_removes_its_statements(ram_client, pca_client, make_ca, sharing):
    first, second = make_ca(), make_ca()
    share_arn = share(ram_client, resourceArns=[first, second], principals=[sharing['arn'], sharing['member']])

    answer = ram_client.disassociate_resource_share(resourceShareArn=share_arn, principals=[sharing['arn']], resourceArns=[second])

    assert {item['associatedEntity']: item['status'] for item in answer['resourceShareAssociations']} == \
        {sharing['arn']: 'DISASSOCIATING', second: 'DISASSOCIATING'}
    assert statuses(ram_client, 'PRINCIPAL') == {sharing['arn']: 'DISASSOCIATED', sharing['member']: 'ASSOCIATED'}
    assert [statement['Principal'] for statement in ram_statements(pca_client, first)] == [{'AWS': sharing['member']}] * 2
    assert policy_of(pca_client, second) is None
    assert code_of(ram_client.disassociate_resource_share, resourceShareArn=share_arn, resourceArns=[second]) == 'UnknownResourceException'
    answer = ram_client.associate_resource_share(resourceShareArn=share_arn, resourceArns=[second])
    assert [item['status'] for item in answer['resourceShareAssociations']] == ['ASSOCIATING']
    assert len(ram_statements(pca_client, second)) == 2


def test_a_deleted_share_stays_listed_and_its_statements_go(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['arn']])
    assert ram_client.delete_resource_share(resourceShareArn=share_arn)['returnValue'] is True

    [listed] = ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares']
    assert listed['status'] == 'DELETED'
    assert ram_client.get_resource_shares(resourceOwner='SELF', resourceShareStatus='ACTIVE')['resourceShares'] == []
    assert policy_of(pca_client, arn) is None
    assert visible_cas(sharing['member']) == []
    assert code_of(ram_client.associate_resource_share, resourceShareArn=share_arn, principals=[sharing['member']]) == \
        'InvalidStateTransitionException'


def test_statements_written_with_put_policy_are_kept_beside_rams(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    own = {'Sid': 'Mine', 'Effect': 'Allow', 'Principal': {'AWS': OUTSIDER}, 'Action': ['acm-pca:GetCertificate'], 'Resource': arn}
    pca_client.put_policy(ResourceArn=arn, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [own]}))
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['arn']])
    assert [statement.get('Sid') for statement in policy_of(pca_client, arn)['Statement']][0] == 'Mine'
    ram_client.delete_resource_share(resourceShareArn=share_arn)
    assert policy_of(pca_client, arn)['Statement'] == [own]


def test_delete_policy_takes_the_ca_out_of_every_share(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    first = share(ram_client, name='one', resourceArns=[arn], principals=[sharing['arn']])
    second = share(ram_client, name='two', resourceArns=[arn], principals=[sharing['member']], permissionArns=[REVOKE])
    pca_client.delete_policy(ResourceArn=arn)

    assert statuses(ram_client, 'RESOURCE', resourceShareArns=[first]) == {arn: 'DISASSOCIATED'}
    assert statuses(ram_client, 'RESOURCE', resourceShareArns=[second]) == {arn: 'DISASSOCIATED'}
    ram_client.associate_resource_share(resourceShareArn=first, principals=[sharing['member']])
    assert policy_of(pca_client, arn) is None
    assert visible_cas(sharing['member']) == []


def test_replacing_the_permission_rewrites_the_statements(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['arn']])

    assert code_of(ram_client.associate_resource_share_permission, resourceShareArn=share_arn, permissionArn=CSR_PASSTHROUGH) == \
        'InvalidParameterException'
    ram_client.associate_resource_share_permission(resourceShareArn=share_arn, permissionArn=CSR_PASSTHROUGH, replace=True)
    assert ram_statements(pca_client, arn)[1]['Condition']['StringEquals']['acm-pca:TemplateArn'] == \
        TEMPLATE % 'BlankEndEntityCertificate_APICSRPassthrough/V1'
    work = ram_client.replace_permission_associations(fromPermissionArn=CSR_PASSTHROUGH, toPermissionArn=REVOKE)
    assert work['replacePermissionAssociationsWork']['status'] == 'COMPLETED'
    assert [item['id'] for item in ram_client.list_replace_permission_associations_work()['replacePermissionAssociationsWorks']] == \
        [work['replacePermissionAssociationsWork']['id']]
    assert [statement['Action'] for statement in ram_statements(pca_client, arn)] == [['acm-pca:RevokeCertificate']]
    assert [item['arn'] for item in ram_client.list_resource_share_permissions(resourceShareArn=share_arn)['permissions']] == [REVOKE]
    assert code_of(ram_client.disassociate_resource_share_permission, resourceShareArn=share_arn, permissionArn=REVOKE) == \
        'OperationNotPermittedException'
    assert code_of(ram_client.replace_permission_associations, fromPermissionArn=REVOKE, toPermissionArn=SUBNET) == \
        'InvalidParameterException'


def test_a_share_made_from_a_policy_is_listed_but_cannot_be_modified(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    pca_client.put_policy(ResourceArn=arn, Policy=json.dumps(pca.account_share_policy(arn, OUTSIDER)))
    before = policy_of(pca_client, arn)
    made = ram.share_from_policy(arn, name='from-policy')
    share_arn = made['resourceShareArn']

    [listed] = ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares']
    assert (listed['name'], listed['featureSet']) == ('from-policy', 'CREATED_FROM_POLICY')
    assert statuses(ram_client, 'PRINCIPAL') == {OUTSIDER: 'ASSOCIATED'}
    [permission] = ram_client.list_resource_share_permissions(resourceShareArn=share_arn)['permissions']
    assert permission['featureSet'] == 'CREATED_FROM_POLICY'
    assert permission['arn'] not in [item['arn'] for item in ram_client.list_permissions()['permissions']]
    for call, kwargs in ((ram_client.associate_resource_share, {'principals': [sharing['member']]}),
                         (ram_client.update_resource_share, {'name': 'renamed'}),
                         (ram_client.delete_resource_share, {}),
                         (ram_client.associate_resource_share_permission, {'permissionArn': DEFAULT, 'replace': True})):
        assert code_of(call, resourceShareArn=share_arn, **kwargs) == 'OperationNotPermittedException'
    share(ram_client, resourceArns=[arn], principals=[sharing['arn']])
    assert [statement for statement in policy_of(pca_client, arn)['Statement'] if statement in before['Statement']] == before['Statement']


# ---------------------------------------------------------------- lifecycle hooks

def test_a_held_change_stays_associating_for_the_reads_asked_and_blocks_other_changes(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    ram.hold(reads=2)
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['arn']])

    assert statuses(ram_client, 'RESOURCE') == {arn: 'ASSOCIATING'}
    assert policy_of(pca_client, arn) is None
    assert code_of(ram_client.associate_resource_share, resourceShareArn=share_arn, principals=[sharing['member']]) == \
        'InvalidStateTransitionException'
    assert statuses(ram_client, 'RESOURCE') == {arn: 'ASSOCIATING'}
    assert statuses(ram_client, 'RESOURCE') == {arn: 'ASSOCIATED'}
    # Each association counts the answers that showed it: the principal's has not been read yet.
    assert statuses(ram_client, 'PRINCIPAL') == {sharing['arn']: 'ASSOCIATING'}
    assert policy_of(pca_client, arn) is None
    assert statuses(ram_client, 'PRINCIPAL') == {sharing['arn']: 'ASSOCIATING'}
    assert statuses(ram_client, 'PRINCIPAL') == {sharing['arn']: 'ASSOCIATED'}
    assert len(ram_statements(pca_client, arn)) == 2


def test_a_change_held_until_released(ram_client, make_ca, sharing):
    ram.hold()
    share(ram_client, resourceArns=[make_ca()], principals=[sharing['arn']])
    assert [set(statuses(ram_client, 'PRINCIPAL').values()) for read in range(3)] == [{'ASSOCIATING'}] * 3
    ram.release()
    assert set(statuses(ram_client, 'PRINCIPAL').values()) == {'ASSOCIATED'}


def test_a_failed_association_carries_its_message_and_writes_nothing(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    ram.fail(arn, 'The CA is not in a state that can be shared.')
    share(ram_client, resourceArns=[arn], principals=[sharing['arn']])
    [association] = associations(ram_client, 'RESOURCE').values()
    assert (association['status'], association['statusMessage']) == ('FAILED', 'The CA is not in a state that can be shared.')
    assert policy_of(pca_client, arn) is None


def test_an_associated_principal_can_be_made_failed(ram_client, pca_client, make_ca, sharing):
    arn = make_ca()
    share(ram_client, resourceArns=[arn], principals=[sharing['arn']])
    ram.fail(sharing['arn'], 'Sharing with the organization failed.')
    assert associations(ram_client, 'PRINCIPAL')[sharing['arn']]['statusMessage'] == 'Sharing with the organization failed.'
    assert policy_of(pca_client, arn) is None


# ---------------------------------------------------------------- reads, updates, tags, tokens

def test_get_resource_shares_filters_and_pages(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    arns = [share(ram_client, name=f'share-{index}', resourceArns=[make_ca()], tags=[{'key': 'n', 'value': str(index % 2)}])
            for index in range(3)]
    listed = ram_client.get_resource_shares

    assert [item['name'] for item in listed(resourceOwner='SELF', name='share-1')['resourceShares']] == ['share-1']
    assert [item['resourceShareArn'] for item in listed(resourceOwner='SELF', tagFilters=[{'tagKey': 'n', 'tagValues': ['0']}])[
        'resourceShares']] == [arns[0], arns[2]]
    assert [item['resourceShareArn'] for item in listed(resourceOwner='SELF', resourceShareArns=[arns[1]])['resourceShares']] == [arns[1]]
    first = listed(resourceOwner='SELF', maxResults=2)
    assert [item['resourceShareArn'] for item in first['resourceShares'] + listed(resourceOwner='SELF', nextToken=first['nextToken'])[
        'resourceShares']] == arns
    assert code_of(listed, resourceOwner='NOBODY') == 'InvalidParameterException'


def test_update_keeps_what_is_omitted_and_refuses_to_close_a_share_with_outsiders(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    share_arn = share(ram_client, resourceArns=[make_ca()], principals=[OUTSIDER])
    updated = ram_client.update_resource_share(resourceShareArn=share_arn, name='renamed')['resourceShare']
    assert (updated['name'], updated['allowExternalPrincipals']) == ('renamed', True)
    assert code_of(ram_client.update_resource_share, resourceShareArn=share_arn, allowExternalPrincipals=False) == \
        'OperationNotPermittedException'
    missing = share_arn[:-4] + 'ffff'
    assert code_of(ram_client.update_resource_share, resourceShareArn=missing, name='x') == 'UnknownResourceException'


def test_tags_of_a_share(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    share_arn = share(ram_client, resourceArns=[make_ca()], tags=[{'key': 'a', 'value': '1'}])
    ram_client.tag_resource(resourceShareArn=share_arn, tags=[{'key': 'b', 'value': '2'}])
    ram_client.untag_resource(resourceShareArn=share_arn, tagKeys=['a'])
    assert ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares'][0]['tags'] == [{'key': 'b', 'value': '2'}]


def test_a_client_token_makes_create_idempotent(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    arn = make_ca()
    first = ram_client.create_resource_share(name='x', resourceArns=[arn], clientToken='token-1')
    again = ram_client.create_resource_share(name='x', resourceArns=[arn], clientToken='token-1')
    assert first['resourceShare']['resourceShareArn'] == again['resourceShare']['resourceShareArn']
    assert again['clientToken'] == 'token-1'
    assert len(ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares']) == 1
    assert code_of(ram_client.create_resource_share, name='y', resourceArns=[arn], clientToken='token-1') == \
        'IdempotentParameterMismatchException'


def test_list_resources_and_principals_of_the_owner(ram_client, make_ca, sharing):
    arn = make_ca()
    share_arn = share(ram_client, resourceArns=[arn], principals=[sharing['arn'], OUTSIDER])
    assert [(item['arn'], item['type'], item['resourceShareArn']) for item in ram_client.list_resources(resourceOwner='SELF')['resources']] == \
        [(arn, PCA_TYPE, share_arn)]
    # The outsider has not accepted: only the organization is ASSOCIATED.
    assert [item['id'] for item in ram_client.list_principals(resourceOwner='SELF')['principals']] == [sharing['arn']]


def test_a_reset_forgets_shares_and_hooks(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    ram.hold()
    share(ram_client, resourceArns=[make_ca()])
    moto_api_backend.reset()
    assert ram_client.get_resource_shares(resourceOwner='SELF')['resourceShares'] == []
    assert ram.ram_model._hooks['hold'] == 0  # pylint: disable=protected-access


def test_installing_twice_changes_nothing():
    ram.install()
    ram.install()
    assert ram.is_installed()


def test_a_principal_added_again_is_invited_again(ram_client, make_ca, in_process):  # pylint: disable=unused-argument
    share_arn = share(ram_client, resourceArns=[make_ca()], principals=[OUTSIDER])
    outsider = client('ram', OUTSIDER)
    [first] = outsider.get_resource_share_invitations()['resourceShareInvitations']
    outsider.accept_resource_share_invitation(resourceShareInvitationArn=first['resourceShareInvitationArn'])
    ram_client.disassociate_resource_share(resourceShareArn=share_arn, principals=[OUTSIDER])
    ram_client.associate_resource_share(resourceShareArn=share_arn, principals=[OUTSIDER])

    [second] = outsider.get_resource_share_invitations()['resourceShareInvitations']
    assert second['status'] == 'PENDING' and second['resourceShareInvitationArn'] != first['resourceShareInvitationArn']
    assert statuses(ram_client, 'PRINCIPAL') == {OUTSIDER: 'ASSOCIATING'}
