# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ram's writes: each sends exactly the request RAM documents, with a fresh clientToken
where the operation takes one, and a refusal names the operation and the share."""


import uuid

import boto3
import pytest
from botocore.stub import ANY

from ansible_collections.pki.acmpca.plugins.module_utils._aws import ram
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.ram_share_plan import ShareState

from .....helpers import PARAMS, REGION

OWNER = '111122223333'
SHARE = f'arn:aws:ram:us-east-1:{OWNER}:resource-share/aaaa'
CA = f'arn:aws:acm-pca:us-east-1:{OWNER}:certificate-authority/11111111-1111-1111-1111-111111111111'
CA_2 = f'arn:aws:acm-pca:us-east-1:{OWNER}:certificate-authority/22222222-2222-2222-2222-222222222222'
PERMISSION = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionCertificateAuthority'
CREATED = dict(resourceShareArn=SHARE, name='cas', status='ACTIVE')


class Tokens:
    """Counts clientTokens; each must be a new UUID."""

    def __init__(self):
        self.seen = []

    def __eq__(self, other):
        uuid.UUID(other)
        assert other not in self.seen
        self.seen.append(other)
        return True


def test_create_share_sends_everything_sorted_with_tags(stubbed_ram):
    client, stubber = stubbed_ram
    state = ShareState(certificate_authority_arns=frozenset({CA_2, CA}), principals=frozenset({'444455556666', '222233334444'}),
                       allow_external_principals=True, tags={'b': '2', 'a': '1'})
    tokens = Tokens()
    stubber.add_response('create_resource_share', dict(resourceShare=CREATED), dict(
        name='cas', resourceArns=[CA, CA_2], principals=['222233334444', '444455556666'], permissionArns=[PERMISSION],
        allowExternalPrincipals=True, clientToken=tokens, tags=[dict(key='a', value='1'), dict(key='b', value='2')]))
    assert ram.create_share(client, 'cas', state, PERMISSION) == CREATED
    assert len(tokens.seen) == 1


def test_create_share_without_tags_sends_none(stubbed_ram):
    client, stubber = stubbed_ram
    state = ShareState(certificate_authority_arns=frozenset({CA}), principals=frozenset(), allow_external_principals=False)
    stubber.add_response('create_resource_share', dict(resourceShare=CREATED), dict(
        name='cas', resourceArns=[CA], principals=[], permissionArns=[PERMISSION], allowExternalPrincipals=False,
        clientToken=ANY))
    assert ram.create_share(client, 'cas', state, PERMISSION) == CREATED


def test_a_refused_create_names_the_operation_only(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('create_resource_share', 'OperationNotPermittedException', 'organization sharing is off')
    state = ShareState(certificate_authority_arns=frozenset({CA}), principals=frozenset({'o-abcdefghij'}))
    with pytest.raises(AcmPcaError) as raised:
        ram.create_share(client, 'cas', state, PERMISSION)
    assert raised.value.message.startswith('CreateResourceShare failed: OperationNotPermittedException: organization '
                                           'sharing is off (RAM refused the organization principal o-abcdefghij: ')


@pytest.mark.parametrize('call, method, params', [
    (lambda client: ram.associate(client, SHARE, (CA,), ('444455556666',)), 'associate_resource_share',
     dict(resourceShareArn=SHARE, resourceArns=[CA], principals=['444455556666'], clientToken=ANY)),
    (lambda client: ram.disassociate(client, SHARE, (CA,), ('444455556666',)), 'disassociate_resource_share',
     dict(resourceShareArn=SHARE, resourceArns=[CA], principals=['444455556666'], clientToken=ANY)),
    (lambda client: ram.replace_permission(client, SHARE, PERMISSION), 'associate_resource_share_permission',
     dict(resourceShareArn=SHARE, permissionArn=PERMISSION, replace=True, clientToken=ANY)),
    (lambda client: ram.set_allow_external_principals(client, SHARE, False), 'update_resource_share',
     dict(resourceShareArn=SHARE, allowExternalPrincipals=False, clientToken=ANY)),
    (lambda client: ram.tag_share(client, SHARE, {'z': '', 'a': 'x'}), 'tag_resource',
     dict(resourceShareArn=SHARE, tags=[dict(key='a', value='x'), dict(key='z', value='')])),
    (lambda client: ram.untag_share(client, SHARE, ('a', 'z')), 'untag_resource', dict(resourceShareArn=SHARE, tagKeys=['a', 'z'])),
    (lambda client: ram.delete_share(client, SHARE), 'delete_resource_share', dict(resourceShareArn=SHARE, clientToken=ANY)),
])
def test_each_write_sends_the_documented_request(stubbed_ram, call, method, params):
    client, stubber = stubbed_ram
    stubber.add_response(method, {}, params)
    call(client)


@pytest.mark.parametrize('call, method, operation', [
    (lambda client: ram.disassociate(client, SHARE, (), ('o-abcdefghij',)), 'disassociate_resource_share', 'DisassociateResourceShare'),
    (lambda client: ram.replace_permission(client, SHARE, PERMISSION), 'associate_resource_share_permission',
     'AssociateResourceSharePermission'),
    (lambda client: ram.set_allow_external_principals(client, SHARE, True), 'update_resource_share', 'UpdateResourceShare'),
    (lambda client: ram.tag_share(client, SHARE, {'a': 'x'}), 'tag_resource', 'TagResource'),
    (lambda client: ram.untag_share(client, SHARE, ['a']), 'untag_resource', 'UntagResource'),
    (lambda client: ram.delete_share(client, SHARE), 'delete_resource_share', 'DeleteResourceShare'),
])
def test_a_refused_write_names_the_operation_and_the_share(stubbed_ram, call, method, operation):
    client, stubber = stubbed_ram
    stubber.add_client_error(method, 'OperationNotPermittedException', 'organization says no.')
    with pytest.raises(AcmPcaError) as raised:
        call(client)
    assert raised.value.message == f'{operation} failed for {SHARE}: OperationNotPermittedException: organization says no'


def test_client_tokens_are_fresh_uuids():
    first, second = ram._token(), ram._token()
    assert first != second and str(uuid.UUID(first)) == first


# ------------------------------------------------------ clients and organization

def test_the_ram_client_uses_the_configured_region():
    client = ram.ram_client(dict(PARAMS, region='eu-central-1'))
    assert (client.meta.service_model.service_name, client.meta.region_name) == ('ram', 'eu-central-1')


def test_describe_organization_answers_the_callers_organization(aws):
    organization = boto3.client('organizations', region_name=REGION).create_organization(FeatureSet='ALL')['Organization']
    assert ram.describe_organization(dict(PARAMS), REGION)['Id'] == organization['Id']


def test_no_organization_is_an_input_error_asking_for_arns(aws):
    with pytest.raises(InputError) as raised:
        ram.describe_organization(dict(PARAMS), REGION)
    assert str(raised.value) == ('the account in use belongs to no organization, so o-... and ou-... principals cannot be '
                                 'turned into ARNs; give organizations and OUs as ARNs')


def test_describe_organization_asks_in_the_region_given(aws, monkeypatch):
    boto3.client('organizations', region_name=REGION).create_organization(FeatureSet='ALL')
    for name in ('AWS_REGION', 'AWS_DEFAULT_REGION'):
        monkeypatch.delenv(name, raising=False)
    seen = []
    original = ram.Connection.client
    monkeypatch.setattr(ram.Connection, 'client', lambda self, service, region: seen.append((service, region)) or original(self, service, region))
    assert ram.describe_organization({key: value for key, value in PARAMS.items() if key != 'region'}, 'eu-west-2')['Id']
    assert seen == [('organizations', 'eu-west-2')]
