# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator's RAM through its HTTP server and the fault proxy: what a module run sees
(call log, injected failures, test hooks over HTTP, another account's view)."""

import json

import pytest
from botocore.exceptions import ClientError

from pki_acmpca_emulator.harness import reset_moto

PCA_TYPE = 'acm-pca:CertificateAuthority'


def ram_entries(aws):
    return [(entry['method'], entry['operation'], entry['arn']) for entry in aws.proxy.log() if entry['service'] == 'ram']


def test_every_ram_call_is_logged_with_its_operation_and_share(aws):
    ca = aws.create_active_ca()
    ram = aws.proxied_client(service='ram')
    share_arn = ram.create_resource_share(name='cas', resourceArns=[ca], principals=['111122223333'])['resourceShare']['resourceShareArn']
    ram.get_resource_share_associations(associationType='RESOURCE', resourceShareArns=[share_arn])
    ram.list_permissions(resourceType=PCA_TYPE)
    ram.delete_resource_share(resourceShareArn=share_arn)

    assert ram_entries(aws) == [('POST', 'CreateResourceShare', None), ('POST', 'GetResourceShareAssociations', None),
                                ('POST', 'ListPermissions', None), ('DELETE', 'DeleteResourceShare', share_arn)]
    assert aws.proxy.operations('ram') == ['CreateResourceShare', 'GetResourceShareAssociations', 'ListPermissions', 'DeleteResourceShare']
    assert aws.client(service='ram').get_resource_shares(resourceOwner='SELF')['resourceShares'][0]['status'] == 'DELETED'


def test_a_ram_fault_rule_answers_as_aws_would_and_pca_rules_leave_ram_alone(aws):
    aws.proxy.add_fault('*', 'throttle')
    aws.proxy.add_fault('RAM.GetResourceShares', 'access_denied', times=1)
    ram = aws.proxied_client(service='ram', max_attempts=1)

    with pytest.raises(ClientError) as exc_info:
        ram.get_resource_shares(resourceOwner='SELF')
    assert exc_info.value.response['Error']['Code'] == 'AccessDeniedException'
    assert 'ram:GetResourceShares' in exc_info.value.response['Error']['Message']
    assert ram.get_resource_shares(resourceOwner='SELF')['resourceShares'] == []
    assert [entry['fault'] for entry in aws.proxy.log() if entry['service'] == 'ram'] == ['access_denied', None]


def test_hooks_over_http_hold_fail_and_release(aws):
    ca = aws.create_active_ca()
    ram = aws.client(service='ram')
    aws.ram_hold(reads=None)
    share_arn = ram.create_resource_share(name='cas', resourceArns=[ca])['resourceShare']['resourceShareArn']
    assert [item['status'] for item in ram.get_resource_share_associations(associationType='RESOURCE')['resourceShareAssociations']] == \
        ['ASSOCIATING']
    with pytest.raises(ClientError) as exc_info:
        ram.disassociate_resource_share(resourceShareArn=share_arn, resourceArns=[ca])
    assert exc_info.value.response['Error']['Code'] == 'InvalidStateTransitionException'

    aws.ram_release()
    aws.ram_fail('222233334444', 'The principal could not be associated.')
    ram.associate_resource_share(resourceShareArn=share_arn, principals=['222233334444'])
    [principal] = ram.get_resource_share_associations(associationType='PRINCIPAL')['resourceShareAssociations']
    assert (principal['status'], principal['statusMessage']) == ('FAILED', 'The principal could not be associated.')


def test_a_reset_forgets_the_hooks(aws):
    aws.ram_hold(reads=None)
    aws.ram_fail('222233334444', 'no')
    reset_moto(aws.moto_url)
    ca = aws.create_active_ca()
    ram = aws.client(service='ram')
    ram.create_resource_share(name='cas', resourceArns=[ca], principals=['222233334444'])
    assert [item['status'] for item in ram.get_resource_share_associations(associationType='RESOURCE')['resourceShareAssociations']] == \
        ['ASSOCIATED']
    assert [item['status'] for item in ram.get_resource_share_associations(associationType='PRINCIPAL')['resourceShareAssociations']] == \
        ['ASSOCIATING']  # an invitation waits: not failed


def test_a_member_sees_the_shared_ca_and_an_outsider_only_after_accepting(aws):
    organization_id, _management = aws.create_organization()
    member = aws.member_account()
    outsider = aws.outsider_account()
    aws.enable_ram_sharing()
    ca = aws.create_active_ca()
    organization_arn = aws.client(service='organizations').describe_organization()['Organization']['Arn']
    aws.client(service='ram').create_resource_share(name='cas', resourceArns=[ca], principals=[organization_arn, outsider.account_id])

    def visible(account):
        client = aws.proxied_client(credentials=account.credentials)
        return [item['Arn'] for item in client.list_certificate_authorities(ResourceOwner='OTHER_ACCOUNTS')['CertificateAuthorities']]

    assert visible(member) == [ca]
    assert visible(outsider) == []
    outsider_ram = aws.proxied_client(service='ram', credentials=outsider.credentials)
    [invitation] = outsider_ram.get_resource_share_invitations()['resourceShareInvitations']
    outsider_ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation['resourceShareInvitationArn'])
    assert visible(outsider) == [ca]
    policy = json.loads(aws.client().get_policy(ResourceArn=ca)['Policy'])
    assert {json.dumps(statement['Principal']) for statement in policy['Statement']} == {'"*"', json.dumps({'AWS': outsider.account_id})}
    assert organization_id in json.dumps(policy)
    assert [entry['account_id'] for entry in aws.proxy.log() if entry['service'] == 'ram'] == [outsider.account_id] * 2
