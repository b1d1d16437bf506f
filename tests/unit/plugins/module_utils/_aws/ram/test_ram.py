# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ram: the reads of shares, associations and permissions and the writes, against a stubbed
RAM client: the exact requests, every page, the latest association of each entity, and the
messages users see when RAM refuses or a share is ambiguous."""


import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws import ram
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._aws.ram import (
    Associations,
    all_pages,
    check_no_failure,
    find_share,
    live_shares,
    permission_for_user,
    principals_for_user,
    read_associations,
    resolve_permission,
    share_permission,
    shares_by_certificate_authority,
    tags_of,
    templates_of,
    wait_until_settled,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError

OWNER = '111122223333'
SHARE = f'arn:aws:ram:us-east-1:{OWNER}:resource-share/aaaa'
SHARE_2 = f'arn:aws:ram:us-east-1:{OWNER}:resource-share/bbbb'
CA = f'arn:aws:acm-pca:us-east-1:{OWNER}:certificate-authority/11111111-1111-1111-1111-111111111111'
CA_2 = f'arn:aws:acm-pca:us-east-1:{OWNER}:certificate-authority/22222222-2222-2222-2222-222222222222'
SUBNET = f'arn:aws:ec2:us-east-1:{OWNER}:subnet/subnet-1'
MEMBER = '444455556666'
OUTSIDER = '777788889999'
CA_TYPE = 'acm-pca:CertificateAuthority'
DEFAULT = 'AWSRAMDefaultPermissionCertificateAuthority'
DEFAULT_ARN = f'arn:aws:ram::aws:permission/{DEFAULT}'
OWN_ARN = f'arn:aws:ram:us-east-1:{OWNER}:permission/mine'


def share(arn=SHARE, name='cas', status='ACTIVE'):
    return dict(resourceShareArn=arn, name=name, status=status)


def association(entity, kind='RESOURCE', status='ASSOCIATED', share_arn=SHARE, updated=None, **extra):
    item = dict(resourceShareArn=share_arn, associatedEntity=entity, associationType=kind, status=status, **extra)
    if updated is not None:
        item['lastUpdatedTime'] = updated
    return item


def expect_associations(stubber, resources, principals, share_arn=None):
    scope = dict(resourceShareArns=[share_arn]) if share_arn else {}
    stubber.add_response('get_resource_share_associations', dict(resourceShareAssociations=resources),
                         dict(associationType='RESOURCE', **scope))
    stubber.add_response('get_resource_share_associations', dict(resourceShareAssociations=principals),
                         dict(associationType='PRINCIPAL', **scope))


# ----------------------------------------------------------------- paging

def test_all_pages_follows_next_token_to_the_end():
    calls = []
    pages = [dict(items=[1, 2], nextToken='a'), dict(nextToken='b'), dict(items=[3])]

    def call(**kwargs):
        calls.append(kwargs)
        return pages[len(calls) - 1]

    assert list(all_pages(call, 'items', x=1)) == [1, 2, 3]
    assert calls == [dict(x=1), dict(x=1, nextToken='a'), dict(x=1, nextToken='b')]


# ----------------------------------------------------------------- shares

def test_live_shares_by_name_drop_deleted_shares_and_other_names(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(), share(SHARE_2, status='DELETING')], nextToken='t'),
                         dict(resourceOwner='SELF', name='cas'))
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(SHARE_2, name='CAS'), share(SHARE_2, status='DELETED')]),
                         dict(resourceOwner='SELF', name='cas', nextToken='t'))
    assert live_shares(client, 'cas') == [share()]


def test_live_shares_by_arn_ask_for_the_arn_only(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(name='other')]),
                         dict(resourceOwner='SELF', resourceShareArns=[SHARE]))
    assert live_shares(client, 'cas', SHARE) == [share(name='other')]


def test_live_shares_without_name_or_arn_are_every_live_share(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(), share(SHARE_2, name='x', status='PENDING')]),
                         dict(resourceOwner='SELF'))
    assert live_shares(client) == [share(), share(SHARE_2, name='x', status='PENDING')]


def test_an_unknown_share_arn_is_no_share(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_shares', 'UnknownResourceException', 'unknown',
                             expected_params=dict(resourceOwner='SELF', resourceShareArns=[SHARE]))
    assert live_shares(client, resource_share_arn=SHARE) == []


def test_unknown_resource_without_an_arn_is_reported(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_shares', 'UnknownResourceException', 'unknown.',
                             expected_params=dict(resourceOwner='SELF', name='cas'))
    with pytest.raises(AcmPcaError) as raised:
        live_shares(client, 'cas')
    assert raised.value.message == 'GetResourceShares failed: UnknownResourceException: unknown'


def test_another_failure_on_a_share_arn_is_reported(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_shares', 'ServerInternalException', 'down',
                             expected_params=dict(resourceOwner='SELF', resourceShareArns=[SHARE]))
    with pytest.raises(AcmPcaError) as raised:
        live_shares(client, resource_share_arn=SHARE)
    assert raised.value.message == f'GetResourceShares failed for {SHARE}: ServerInternalException: down'


def test_find_share_is_the_one_share_or_none(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share()]), dict(resourceOwner='SELF', name='cas'))
    stubber.add_response('get_resource_shares', dict(resourceShares=[]), dict(resourceOwner='SELF', name='cas'))
    assert find_share(client, 'cas') == share()
    assert find_share(client, 'cas') is None


def test_two_live_shares_of_one_name_are_an_error_naming_both(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(SHARE_2), share()]), dict(resourceOwner='SELF', name='cas'))
    with pytest.raises(AcmPcaError) as raised:
        find_share(client, 'cas')
    assert raised.value.message == (f"2 live resource shares of this account are named 'cas': {SHARE}, {SHARE_2}; RAM allows "
                                    'that, so name the one to manage with resource_share_arn')


# ----------------------------------------------------------- associations

def test_the_latest_association_of_each_entity_is_kept(stubbed_ram):
    client, stubber = stubbed_ram
    old = association(CA, status='DISASSOCIATED', updated='2026-01-01T00:00:00Z')
    new = association(CA, status='ASSOCIATED', updated='2026-01-02T00:00:00Z')
    undated = association(CA_2, status='DISASSOCIATED')
    dated = association(CA_2, status='ASSOCIATING', updated='2026-01-01T00:00:00Z')
    same_time_first = association(MEMBER, 'PRINCIPAL', status='DISASSOCIATED', updated='2026-01-03T00:00:00Z')
    same_time_last = association(MEMBER, 'PRINCIPAL', status='ASSOCIATED', updated='2026-01-03T00:00:00Z')
    other_share = association(MEMBER, 'PRINCIPAL', status='ASSOCIATED', share_arn=SHARE_2, updated='2026-01-01T00:00:00Z')
    expect_associations(stubber, [new, old, dated, undated], [same_time_first, other_share, same_time_last], SHARE)
    found = read_associations(client, SHARE)
    assert sorted(found.resources, key=lambda item: item['associatedEntity']) == sorted([new, dated], key=lambda item: item['associatedEntity'])
    assert found.principals == [same_time_last, other_share]


def test_read_associations_of_the_whole_account_have_no_scope(stubbed_ram):
    client, stubber = stubbed_ram
    expect_associations(stubber, [], [])
    assert read_associations(client) == Associations([], [])


def test_a_refused_read_of_associations_names_the_share(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_resource_share_associations', 'ServerInternalException', 'down',
                             expected_params=dict(associationType='RESOURCE', resourceShareArns=[SHARE]))
    with pytest.raises(AcmPcaError) as raised:
        read_associations(client, SHARE)
    assert raised.value.message == f'GetResourceShareAssociations failed for {SHARE}: ServerInternalException: down'


def test_what_associations_hold_and_what_is_in_progress():
    associations = Associations(
        [association(CA), association(CA_2, status='ASSOCIATING'), association(SUBNET),
         association(CA.replace('1111-1111', '3333-3333'), status='DISASSOCIATED'),
         association(CA.replace('1111-1111', '4444-4444'), status='DISASSOCIATING')],
        [association(MEMBER, 'PRINCIPAL'), association(OUTSIDER, 'PRINCIPAL', status='ASSOCIATING', external=True),
         association('999999999999', 'PRINCIPAL', status='FAILED', statusMessage='nope'),
         association('888888888888', 'PRINCIPAL', status='ASSOCIATING', external=False),
         association('555555555555', 'PRINCIPAL', status='ASSOCIATED', external=True)])
    assert associations.certificate_authority_arns() == frozenset({CA, CA_2})
    assert associations.principal_ids() == frozenset({MEMBER, OUTSIDER, '888888888888', '555555555555'})
    assert associations.external_principals() == ['555555555555', OUTSIDER]
    assert associations.in_progress() == [('888888888888', 'ASSOCIATING'),
                                          (CA.replace('1111-1111', '4444-4444'), 'DISASSOCIATING'), (CA_2, 'ASSOCIATING')]
    assert associations.failed({'999999999999', MEMBER}) == [('999999999999', 'nope')]


def test_a_failure_without_a_message_says_so_and_check_no_failure_names_each():
    associations = Associations([association(CA, status='FAILED')],
                                [association(MEMBER, 'PRINCIPAL', status='FAILED', statusMessage='not allowed'),
                                 association(OUTSIDER, 'PRINCIPAL', status='FAILED', statusMessage='')])
    check_no_failure(associations, {CA_2}, SHARE)
    with pytest.raises(AcmPcaError) as raised:
        check_no_failure(associations, {CA, MEMBER, OUTSIDER}, SHARE)
    assert raised.value.message == (f'RAM failed to associate {MEMBER}, {OUTSIDER}, {CA} with {SHARE}: {MEMBER}: not allowed; '
                                    f'{OUTSIDER}: no status message; {CA}: no status message')


def test_principals_for_the_user_show_each_status_or_none():
    associations = Associations([], [association(OUTSIDER, 'PRINCIPAL', status='ASSOCIATING', external=True),
                                     association(MEMBER, 'PRINCIPAL', statusMessage='fine', external=False)])
    assert principals_for_user({OUTSIDER, MEMBER, '999999999999'}, associations) == [
        dict(id=MEMBER, status='ASSOCIATED', status_message='fine', external=False, pending_invitation=False),
        dict(id=OUTSIDER, status='ASSOCIATING', status_message=None, external=True, pending_invitation=True),
        dict(id='999999999999', status=None, status_message=None, external=None, pending_invitation=False)]
    assert principals_for_user({MEMBER}, None) == [
        dict(id=MEMBER, status=None, status_message=None, external=None, pending_invitation=False)]


def test_permission_for_the_user():
    permission = dict(name=DEFAULT, arn=DEFAULT_ARN, version='2', defaultVersion=False)
    assert permission_for_user(None) is None
    assert permission_for_user(permission) == dict(name=DEFAULT, arn=DEFAULT_ARN, version='2', is_default_version=False)
    assert permission_for_user(permission, replaced=True) == dict(name=DEFAULT, arn=DEFAULT_ARN, version='2',
                                                                  is_default_version=True)
    assert permission_for_user(dict(arn=DEFAULT_ARN)) == dict(name=None, arn=DEFAULT_ARN, version=None,
                                                              is_default_version=False)


def test_shares_by_certificate_authority_read_the_account_once_and_each_holding_share(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(), share(SHARE_2, name='two', status='PENDING')]),
                         dict(resourceOwner='SELF'))
    gone = f'arn:aws:ram:us-east-1:{OWNER}:resource-share/gone'
    expect_associations(stubber, [
        association(CA), association(CA_2, status='ASSOCIATING'), association(CA, share_arn=SHARE_2),
        association(CA_2, share_arn=SHARE_2, status='DISASSOCIATED'), association(CA, share_arn=gone),
        association(SUBNET)],
        [association(MEMBER, 'PRINCIPAL'), association(OUTSIDER, 'PRINCIPAL', share_arn=SHARE_2, status='DISASSOCIATED')])
    permission = dict(name=DEFAULT, arn=DEFAULT_ARN, version='1', defaultVersion=True, resourceType=CA_TYPE)
    stubber.add_response('list_resource_share_permissions', dict(permissions=[permission]), dict(resourceShareArn=SHARE))
    stubber.add_response('list_resource_share_permissions', dict(permissions=[]), dict(resourceShareArn=SHARE_2))
    first = dict(arn=SHARE, name='cas', status='ACTIVE',
                 permission=dict(name=DEFAULT, arn=DEFAULT_ARN, version='1', is_default_version=True),
                 principals=[dict(id=MEMBER, status='ASSOCIATED', status_message=None, external=None, pending_invitation=False)])
    second = dict(arn=SHARE_2, name='two', status='PENDING', permission=None, principals=[])
    assert shares_by_certificate_authority(client, [CA, CA_2, 'arn:unshared']) == {
        CA: [first, second], CA_2: [first], 'arn:unshared': []}


# ------------------------------------------------------------------ waiting

class Clock:
    def __init__(self):
        self.now = 100.0
        self.slept = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ram.time, 'monotonic', clock.monotonic)
    monkeypatch.setattr(ram.time, 'sleep', clock.sleep)
    return clock


def test_waiting_reads_until_nothing_is_in_progress(stubbed_ram, clock):
    client, stubber = stubbed_ram
    expect_associations(stubber, [association(CA, status='ASSOCIATING')], [], SHARE)
    expect_associations(stubber, [association(CA)], [], SHARE)
    assert wait_until_settled(client, SHARE, 12).resources == [association(CA)]
    assert clock.slept == [5]


def test_waiting_too_long_names_what_is_in_progress(stubbed_ram, clock):
    client, stubber = stubbed_ram
    for _read in range(4):
        expect_associations(stubber, [association(CA, status='ASSOCIATING')],
                            [association(MEMBER, 'PRINCIPAL', status='DISASSOCIATING')], SHARE)
    with pytest.raises(AcmPcaError) as raised:
        wait_until_settled(client, SHARE, 12)
    assert clock.slept == [5, 5, 2]
    assert raised.value.message == (f'the associations of {SHARE} did not settle within wait_timeout (12 s); still in progress: '
                                    f'{MEMBER} (DISASSOCIATING), {CA} (ASSOCIATING)')


# -------------------------------------------------------------- permissions

def test_share_permission_is_the_one_for_cas(stubbed_ram):
    client, stubber = stubbed_ram
    subnet = dict(arn='arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', resourceType='ec2:Subnet')
    mine = dict(arn=OWN_ARN, resourceType='ACM-PCA:certificateauthority')
    stubber.add_response('list_resource_share_permissions', dict(permissions=[subnet], nextToken='t'), dict(resourceShareArn=SHARE))
    stubber.add_response('list_resource_share_permissions', dict(permissions=[mine]), dict(resourceShareArn=SHARE, nextToken='t'))
    assert share_permission(client, SHARE) == mine


def test_a_refused_read_of_a_shares_permissions_names_it(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('list_resource_share_permissions', 'ServerInternalException', 'x',
                             expected_params=dict(resourceShareArn=SHARE))
    with pytest.raises(AcmPcaError) as raised:
        share_permission(client, SHARE)
    assert raised.value.message == f'ListResourceSharePermissions failed for {SHARE}: ServerInternalException: x'


def test_the_current_permission_answers_by_name_or_arn_without_a_call(stubbed_ram):
    client, _stubber = stubbed_ram
    current = dict(name=DEFAULT, arn=DEFAULT_ARN)
    assert resolve_permission(client, DEFAULT, current) is current
    assert resolve_permission(client, DEFAULT_ARN, current) is current


def test_a_permission_arn_is_read_with_get_permission(stubbed_ram):
    client, stubber = stubbed_ram
    permission = dict(arn=OWN_ARN, name='mine', resourceType=CA_TYPE)
    stubber.add_response('get_permission', dict(permission=permission), dict(permissionArn=OWN_ARN))
    assert resolve_permission(client, OWN_ARN, dict(name=DEFAULT, arn=DEFAULT_ARN)) == permission


def test_an_unknown_permission_arn_is_an_input_error(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_permission', 'UnknownResourceException', 'no such permission',
                             expected_params=dict(permissionArn=OWN_ARN))
    with pytest.raises(InputError) as raised:
        resolve_permission(client, OWN_ARN)
    assert str(raised.value) == f'permission {OWN_ARN} is not known to RAM (no such permission)'


def test_another_failure_to_read_a_permission_arn_is_reported(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('get_permission', 'ServerInternalException', 'down', expected_params=dict(permissionArn=OWN_ARN))
    with pytest.raises(AcmPcaError) as raised:
        resolve_permission(client, OWN_ARN)
    assert raised.value.message == f'GetPermission failed for {OWN_ARN}: ServerInternalException: down'


def test_a_permission_arn_for_another_resource_type_is_an_input_error(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_permission', dict(permission=dict(arn=OWN_ARN, resourceType='ec2:Subnet')),
                         dict(permissionArn=OWN_ARN))
    with pytest.raises(InputError) as raised:
        resolve_permission(client, OWN_ARN)
    assert str(raised.value) == (f'permission {OWN_ARN} is for the resource type ec2:Subnet, not {CA_TYPE}: a share of CAs '
                                 'needs a permission for CAs')


def test_a_permission_name_is_found_among_those_for_cas(stubbed_ram):
    client, stubber = stubbed_ram
    wanted = dict(name=DEFAULT, arn=DEFAULT_ARN)
    stubber.add_response('list_permissions', dict(permissions=[dict(name='other', arn=OWN_ARN)], nextToken='t'),
                         dict(resourceType=CA_TYPE))
    stubber.add_response('list_permissions', dict(permissions=[wanted]), dict(resourceType=CA_TYPE, nextToken='t'))
    assert resolve_permission(client, DEFAULT, dict(name='other', arn=OWN_ARN)) == wanted


def test_an_unknown_permission_name_lists_those_the_account_may_use(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('list_permissions', dict(permissions=[dict(name='zeta', arn=OWN_ARN), dict(name='alpha', arn=DEFAULT_ARN)]),
                         dict(resourceType=CA_TYPE))
    stubber.add_client_error('get_permission', 'UnknownResourceException', 'x',
                             expected_params=dict(permissionArn='arn:aws:ram::aws:permission/nope'))
    with pytest.raises(InputError) as raised:
        resolve_permission(client, 'nope')
    assert str(raised.value) == f"permission 'nope' is not a RAM permission for {CA_TYPE}; those this account may use: alpha, zeta"


def test_an_unknown_permission_name_with_none_listed_says_none(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('list_permissions', dict(permissions=[]), dict(resourceType=CA_TYPE))
    stubber.add_client_error('get_permission', 'UnknownResourceException', 'x',
                             expected_params=dict(permissionArn='arn:aws:ram::aws:permission/nope'))
    with pytest.raises(InputError) as raised:
        resolve_permission(client, 'nope')
    assert str(raised.value) == f"permission 'nope' is not a RAM permission for {CA_TYPE}; those this account may use: none"


def test_an_aws_managed_permission_name_for_another_type_is_told_apart(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('list_permissions', dict(permissions=[]), dict(resourceType=CA_TYPE))
    subnet_arn = 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet'
    stubber.add_response('get_permission', dict(permission=dict(arn=subnet_arn, resourceType='ec2:Subnet')),
                         dict(permissionArn=subnet_arn))
    with pytest.raises(InputError) as raised:
        resolve_permission(client, 'AWSRAMDefaultPermissionSubnet')
    assert str(raised.value) == ('permission AWSRAMDefaultPermissionSubnet is for the resource type ec2:Subnet, not '
                                 f'{CA_TYPE}: a share of CAs needs a permission for CAs')


def test_an_aws_managed_permission_for_cas_not_listed_is_used(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('list_permissions', dict(permissions=[]), dict(resourceType=CA_TYPE))
    found = dict(arn=DEFAULT_ARN, name=DEFAULT, resourceType=CA_TYPE)
    stubber.add_response('get_permission', dict(permission=found), dict(permissionArn=DEFAULT_ARN))
    assert resolve_permission(client, DEFAULT) == found


def test_a_failure_to_read_a_managed_permission_by_name_is_reported(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('list_permissions', dict(permissions=[]), dict(resourceType=CA_TYPE))
    stubber.add_client_error('get_permission', 'ServerInternalException', 'down', expected_params=dict(permissionArn=DEFAULT_ARN))
    with pytest.raises(AcmPcaError) as raised:
        resolve_permission(client, DEFAULT)
    assert raised.value.message == f'GetPermission failed for {DEFAULT_ARN}: ServerInternalException: down'


def test_a_refused_list_of_permissions_names_the_operation(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('list_permissions', 'ServerInternalException', 'down', expected_params=dict(resourceType=CA_TYPE))
    with pytest.raises(AcmPcaError) as raised:
        resolve_permission(client, DEFAULT)
    assert raised.value.message == 'ListPermissions failed: ServerInternalException: down'


TEMPLATE = json.dumps({'Effect': 'Allow', 'Action': ['acm-pca:IssueCertificate'],
                       'Condition': {'StringEquals': {'acm-pca:TemplateArn': 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'}}})


def test_templates_of_a_listed_permission_read_its_version(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_permission', dict(permission=dict(arn=OWN_ARN, permission=TEMPLATE)),
                         dict(permissionArn=OWN_ARN, permissionVersion=3))
    assert templates_of(client, dict(arn=OWN_ARN, version='3')) == ['arn:aws:acm-pca:::template/EndEntityCertificate/V1']


def test_templates_of_a_permission_without_version_read_the_default(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_permission', dict(permission=dict(arn=OWN_ARN, permission=TEMPLATE)), dict(permissionArn=OWN_ARN))
    assert templates_of(client, dict(arn=OWN_ARN)) == ['arn:aws:acm-pca:::template/EndEntityCertificate/V1']


def test_templates_of_a_permission_with_its_template_need_no_call(stubbed_ram):
    client, _stubber = stubbed_ram
    assert templates_of(client, dict(arn=OWN_ARN, permission=TEMPLATE)) == ['arn:aws:acm-pca:::template/EndEntityCertificate/V1']


# ------------------------------------------------------------------- writes

ORG = 'o-abcdefghij'
OU = 'ou-abcd-12345678'


def test_a_refusal_naming_organizations_adds_the_sharing_hint(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('associate_resource_share', 'OperationNotPermittedException', 'Organization sharing is off.')
    with pytest.raises(AcmPcaError) as raised:
        ram.associate(client, SHARE, [], [OU, MEMBER, ORG])
    assert raised.value.message == (
        f'AssociateResourceShare failed for {SHARE}: OperationNotPermittedException: Organization sharing is off '
        f'(RAM refused the organization principals {ORG}, {OU}: sharing with AWS Organizations is not enabled in RAM (or '
        'its onboarding is still in progress). EnableSharingWithAwsOrganization must be run from the organization\'s '
        'management account (aws ram enable-sharing-with-aws-organization, or the RAM console\'s Settings) before an '
        'organization or OU can be a principal)')


def test_the_sharing_hint_names_one_principal_in_the_singular(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_client_error('associate_resource_share', 'InvalidParameterException', 'not in an organization')
    with pytest.raises(AcmPcaError) as raised:
        ram.associate(client, SHARE, [CA], [ORG])
    assert raised.value.message.endswith(f'not in an organization (RAM refused the organization principal {ORG}: sharing '
                                         'with AWS Organizations is not enabled in RAM (or its onboarding is still in '
                                         'progress). EnableSharingWithAwsOrganization must be run from the organization\'s '
                                         'management account (aws ram enable-sharing-with-aws-organization, or the RAM '
                                         'console\'s Settings) before an organization or OU can be a principal)')


@pytest.mark.parametrize('code, aws_message, principals', [
    ('OperationNotPermittedException', 'not allowed', [ORG]),
    ('ServerInternalException', 'organization trouble', [ORG]),
    ('OperationNotPermittedException', 'organization off', [MEMBER]),
])
def test_no_sharing_hint_otherwise(stubbed_ram, code, aws_message, principals):
    client, stubber = stubbed_ram
    stubber.add_client_error('associate_resource_share', code, aws_message)
    with pytest.raises(AcmPcaError) as raised:
        ram.associate(client, SHARE, [], principals)
    assert raised.value.message == f'AssociateResourceShare failed for {SHARE}: {code}: {aws_message}'


def test_tags_of_a_share():
    assert tags_of(dict(tags=[dict(key='a', value='1'), dict(key='b')])) == {'a': '1', 'b': ''}
    assert tags_of(dict(tags=None)) == {}
    assert tags_of({}) == {}


def test_an_undated_association_gives_way_to_a_dated_one_after_it(stubbed_ram):
    client, stubber = stubbed_ram
    undated = association(CA, status='DISASSOCIATED')
    dated = association(CA, status='ASSOCIATED', updated='2026-01-01T00:00:00Z')
    expect_associations(stubber, [undated, dated], [], SHARE)
    assert read_associations(client, SHARE).resources == [dated]


def test_a_page_without_items_is_no_item(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(nextToken='t'), dict(resourceOwner='SELF', name='cas'))
    stubber.add_response('get_resource_shares', dict(resourceShares=[share()]), dict(resourceOwner='SELF', name='cas', nextToken='t'))
    assert live_shares(client, 'cas') == [share()]


def test_find_share_by_arn_asks_for_that_share(stubbed_ram):
    client, stubber = stubbed_ram
    stubber.add_response('get_resource_shares', dict(resourceShares=[share(name='renamed')]),
                         dict(resourceOwner='SELF', resourceShareArns=[SHARE]))
    assert find_share(client, 'cas', SHARE) == share(name='renamed')


def test_waiting_sleeps_no_longer_than_what_is_left(stubbed_ram, clock):
    client, stubber = stubbed_ram
    for _read in range(3):
        expect_associations(stubber, [association(CA, status='ASSOCIATING')], [], SHARE)
    with pytest.raises(AcmPcaError):
        wait_until_settled(client, SHARE, 5.5)
    assert clock.slept == [5, 0.5]
