# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_ram_share, run in-process against the tests' RAM double (moto's RAM
cannot share a CA), with moto's STS for the caller's account; state read back from the double."""


import pytest

from ansible_collections.pki.acmpca.plugins.modules import acmpca_ram_share

from ....helpers import ACCOUNT_ID, OTHER_ACCOUNT_ID, ORGANIZATION_ID, REGION
from ....ram_double import ORGANIZATION_ARN, OU_ARN, OU_ID, OUTSIDE_ACCOUNT_ID, RamDouble, managed_permission_arn

CA_1 = f'arn:aws:acm-pca:{REGION}:{ACCOUNT_ID}:certificate-authority/11111111-1111-1111-1111-111111111111'
CA_2 = f'arn:aws:acm-pca:{REGION}:{ACCOUNT_ID}:certificate-authority/22222222-2222-2222-2222-222222222222'
DEFAULT = 'AWSRAMDefaultPermissionCertificateAuthority'
REVOKE = 'AWSRAMRevokeCertificateCertificateAuthority'
END_ENTITY = 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'
READS = ['GetResourceShares', 'GetResourceShareAssociations', 'GetResourceShareAssociations',
         'ListResourceSharePermissions', 'GetPermission']


@pytest.fixture
def ram(aws, on_new_clients, sleeps):
    """The RAM double; waits are recorded, not slept (``sleeps``)."""
    return RamDouble().install(on_new_clients)


@pytest.fixture
def run(run_module, ram):
    def run_share_module(check_mode=False, diff=False, **args):
        args.setdefault('region', REGION)
        return run_module(acmpca_ram_share.main, args, check_mode=check_mode, diff=diff)
    return run_share_module


def stored(ram, name='cas'):
    """(CAs, principals, permission name, allow external, tags) of the live share ``name``."""
    shares = [share for share in ram.shares.values() if share['name'] == name and share['status'] == 'ACTIVE']
    assert len(shares) == 1
    share = shares[0]
    arn = share['resourceShareArn']
    live = [item for item in ram.associations if item['resourceShareArn'] == arn and item['status'] != 'DISASSOCIATED']
    return (sorted(item['associatedEntity'] for item in live if item['associationType'] == 'RESOURCE'),
            sorted(item['associatedEntity'] for item in live if item['associationType'] == 'PRINCIPAL'),
            ram.permission_versions[arn].rsplit('/', 1)[-1], share['allowExternalPrincipals'],
            {tag['key']: tag['value'] for tag in share['tags']})


def four_steps(run, **args):
    return [run(check_mode=step in (1, 3), diff=True, **args) for step in (1, 2, 3, 4)]


class TestCreate:

    def test_four_steps_create_the_share_in_one_call(self, run, ram, aws_calls):
        outcomes = four_steps(run, name='cas', certificate_authority_arns=[CA_1], principals=[OTHER_ACCOUNT_ID])
        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        assert ram.writes == ['CreateResourceShare']
        assert stored(ram) == ([CA_1], [OTHER_ACCOUNT_ID], DEFAULT, False, {})
        share = outcomes[3].result['resource_share']
        assert share['certificate_authority_arns'] == [CA_1]
        assert share['principals'] == [dict(id=OTHER_ACCOUNT_ID, status='ASSOCIATED', status_message=None, external=False,
                                            pending_invitation=False)]
        assert share['permission'] == dict(name=DEFAULT, arn=managed_permission_arn(DEFAULT), version='1', is_default_version=True)
        assert share['templates'] == [END_ENTITY]
        assert share['allow_external_principals'] is False and share['feature_set'] == 'STANDARD'
        assert outcomes[0].result['resource_share']['arn'] is None
        assert outcomes[0].result['diff']['before'] == {}
        assert outcomes[0].result['diff']['after']['principals'] == [OTHER_ACCOUNT_ID]

    def test_an_unchanged_share_is_only_read(self, run, ram, aws_calls):
        run(name='cas', certificate_authority_arns=[CA_1], principals=[OTHER_ACCOUNT_ID])
        del ram.operations[:], aws_calls.operations[:]
        assert run(name='cas', certificate_authority_arns=[CA_1], principals=[OTHER_ACCOUNT_ID],
                   permission=DEFAULT).result['changed'] is False
        assert ram.operations == READS and aws_calls.operations == []

    def test_check_mode_writes_nothing_and_shows_the_share_to_be(self, run, ram):
        outcome = run(check_mode=True, name='cas', certificate_authority_arns=[CA_1], principals=[ORGANIZATION_ID])
        assert outcome.result['changed'] is True and ram.shares == {}
        shown = outcome.result['resource_share']
        assert shown['name'] == 'cas' and shown['principals'][0]['id'] == ORGANIZATION_ARN and shown['principals'][0]['status'] is None

    def test_tags_are_given_on_creation(self, run, ram):
        run(name='cas', certificate_authority_arns=[CA_1], tags={'Team': 'pki'})
        assert stored(ram)[4] == {'Team': 'pki'}
        assert ram.writes == ['CreateResourceShare']


class TestChanges:

    @pytest.fixture
    def share(self, run):
        return run(name='cas', certificate_authority_arns=[CA_1], principals=[OTHER_ACCOUNT_ID, ORGANIZATION_ARN]).result

    def test_four_steps_add_a_ca_keeping_the_others(self, run, ram, share):
        outcomes = four_steps(run, name='cas', certificate_authority_arns=[CA_2], purge_certificate_authorities=False)
        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        assert ram.writes == ['CreateResourceShare', 'AssociateResourceShare']
        assert stored(ram)[0] == [CA_1, CA_2]
        assert outcomes[1].result['diff']['after']['certificate_authority_arns'] == [CA_1, CA_2]

    def test_four_steps_remove_a_principal(self, run, ram, share):
        outcomes = four_steps(run, name='cas', principals=[ORGANIZATION_ID])
        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        assert ram.writes == ['CreateResourceShare', 'DisassociateResourceShare']
        assert stored(ram)[:2] == ([CA_1], [ORGANIZATION_ARN])

    def test_four_steps_change_the_permission(self, run, ram, share):
        outcomes = four_steps(run, name='cas', permission=REVOKE)
        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        assert ram.writes == ['CreateResourceShare', 'AssociateResourceSharePermission']
        assert stored(ram)[2] == REVOKE
        assert outcomes[3].result['resource_share']['templates'] == []
        assert outcomes[1].result['diff']['before']['permission_arn'] == managed_permission_arn(DEFAULT)

    def test_a_permission_without_a_template_condition_allows_any_template(self, run, ram, share):
        outcome = run(name='cas', permission=managed_permission_arn('AWSRAMPermissionAnyTemplateCertificateAuthority'))
        assert outcome.result['changed'] is True and outcome.result['resource_share']['templates'] is None

    def test_omitted_options_change_nothing_whatever_purge_says(self, run, ram, share):
        del ram.operations[:]
        outcome = run(name='cas', purge_certificate_authorities=True, purge_principals=True, purge_tags=True)
        assert outcome.result['changed'] is False and ram.operations == READS
        assert stored(ram) == ([CA_1], sorted([OTHER_ACCOUNT_ID, ORGANIZATION_ARN]), DEFAULT, False, {})

    def test_tags_are_set_and_purged(self, run, ram, share):
        run(name='cas', tags={'a': '1', 'b': '2'})
        run(name='cas', tags={'b': '3'}, purge_tags=False)
        assert stored(ram)[4] == {'a': '1', 'b': '3'}
        assert run(name='cas', tags={'a': '1'}).result['changed'] is True
        assert stored(ram)[4] == {'a': '1'}
        assert ram.writes[1:] == ['TagResource', 'TagResource', 'UntagResource']

    def test_the_share_is_found_by_its_arn(self, run, ram, share):
        arn = share['resource_share']['arn']
        outcome = run(resource_share_arn=arn, certificate_authority_arns=[CA_1, CA_2])
        assert outcome.result['changed'] is True and stored(ram)[0] == [CA_1, CA_2]

    def test_allowing_external_principals_updates_the_share_before_the_association(self, run, ram, share):
        run(name='cas', principals=[OUTSIDE_ACCOUNT_ID], purge_principals=False, allow_external_principals=True)
        assert ram.writes[1:] == ['UpdateResourceShare', 'AssociateResourceShare']
        assert stored(ram)[3] is True


class TestPrincipals:

    def test_an_organization_given_as_id_or_arn_is_one_principal(self, run, ram, aws_calls):
        run(name='cas', certificate_authority_arns=[CA_1], principals=[ORGANIZATION_ID, OU_ID])
        assert stored(ram)[1] == sorted([ORGANIZATION_ARN, OU_ARN])
        assert run(name='cas', principals=[OU_ARN, ORGANIZATION_ARN]).result['changed'] is False

    def test_an_account_root_arn_is_the_account(self, run, ram):
        run(name='cas', principals=[OTHER_ACCOUNT_ID])
        assert run(name='cas', principals=[f'arn:aws:iam::{OTHER_ACCOUNT_ID}:root']).result['changed'] is False

    def test_an_outside_principal_is_settled_while_its_invitation_is_pending(self, run, ram):
        outcome = run(name='cas', certificate_authority_arns=[CA_1], principals=[OUTSIDE_ACCOUNT_ID], allow_external_principals=True)
        assert outcome.result['resource_share']['principals'][0]['pending_invitation'] is True
        assert run(name='cas', certificate_authority_arns=[CA_2], purge_certificate_authorities=False).result['changed'] is True

    def test_external_principals_cannot_stay_when_external_sharing_is_turned_off(self, run, ram):
        run(name='cas', principals=[OUTSIDE_ACCOUNT_ID], allow_external_principals=True)
        outcome = run(name='cas', allow_external_principals=False)
        assert outcome.failed and OUTSIDE_ACCOUNT_ID in outcome.result['msg']
        assert ram.writes == ['CreateResourceShare']

    def test_turning_external_sharing_off_with_the_outside_principal_removed(self, run, ram):
        run(name='cas', principals=[OUTSIDE_ACCOUNT_ID, OTHER_ACCOUNT_ID], allow_external_principals=True)
        run(name='cas', principals=[OTHER_ACCOUNT_ID], allow_external_principals=False)
        assert ram.writes[1:] == ['DisassociateResourceShare', 'UpdateResourceShare']
        assert stored(ram)[1:4] == ([OTHER_ACCOUNT_ID], DEFAULT, False)

    def test_an_organization_without_ram_sharing_enabled_is_explained(self, run, ram):
        ram.organization_sharing_enabled = False
        outcome = run(name='cas', certificate_authority_arns=[CA_1], principals=[ORGANIZATION_ID])
        assert outcome.failed
        assert 'EnableSharingWithAwsOrganization' in outcome.result['msg'] and 'management account' in outcome.result['msg']
        assert ORGANIZATION_ARN in outcome.result['msg'] and ram.shares == {}

    def test_an_organization_id_outside_an_organization_is_refused(self, run, ram):
        ram.in_organization = False
        outcome = run(name='cas', principals=[ORGANIZATION_ID])
        assert outcome.failed and 'belongs to no organization' in outcome.result['msg'] and ram.writes == []

    def test_another_organization_id_must_be_given_as_its_arn(self, run, ram):
        outcome = run(name='cas', principals=['o-zzzzzzzzzz'])
        assert outcome.failed and 'give that organization as its ARN' in outcome.result['msg']


class TestBadInput:

    @pytest.mark.parametrize('arn, words', [
        ('arn:aws:acm-pca:us-east-1:123456789012:template/x', 'not an ACM PCA certificate authority ARN'),
        (CA_1.replace(REGION, 'eu-west-1'), 'in region eu-west-1, but the share is in region us-east-1'),
    ])
    def test_a_bad_ca_arn_fails_before_any_aws_call(self, run, ram, aws_calls, arn, words):
        outcome = run(name='cas', certificate_authority_arns=[arn])
        assert outcome.failed and words in outcome.result['msg'] and ram.operations == aws_calls.operations == []

    def test_a_bad_principal_fails_before_any_aws_call(self, run, ram, aws_calls):
        outcome = run(name='cas', principals=['12345', 'o-ABC'])
        assert outcome.failed and "'12345'" in outcome.result['msg'] and "'o-ABC'" in outcome.result['msg']
        assert ram.operations == aws_calls.operations == []

    def test_a_ca_of_another_account_fails_before_any_write(self, run, ram):
        foreign = CA_1.replace(ACCOUNT_ID, OTHER_ACCOUNT_ID)
        outcome = run(name='cas', certificate_authority_arns=[foreign])
        assert outcome.failed and foreign in outcome.result['msg'] and ram.writes == []

    def test_an_unknown_permission_is_refused_naming_those_for_cas(self, run, ram):
        outcome = run(name='cas', permission='NoSuchPermission')
        assert outcome.failed and 'NoSuchPermission' in outcome.result['msg'] and DEFAULT in outcome.result['msg']
        assert ram.writes == []

    @pytest.mark.parametrize('permission', ['AWSRAMDefaultPermissionSubnet', managed_permission_arn('AWSRAMDefaultPermissionSubnet')])
    def test_a_permission_of_another_resource_type_is_refused(self, run, ram, permission):
        outcome = run(name='cas', permission=permission)
        assert outcome.failed and 'ec2:Subnet' in outcome.result['msg'] and ram.writes == []

    def test_two_live_shares_with_the_name_are_named(self, run, ram):
        first = run(name='cas').result['resource_share']['arn']
        ram.CreateResourceShare(name='cas')
        second = [arn for arn in ram.shares if arn != first][0]
        outcome = run(name='cas', principals=[OTHER_ACCOUNT_ID])
        assert outcome.failed and first in outcome.result['msg'] and second in outcome.result['msg']
        assert ram.writes == ['CreateResourceShare']

    def test_a_deleted_share_with_the_name_is_not_counted(self, run, ram):
        run(name='cas')
        run(name='cas', state='absent')
        assert run(name='cas').result['changed'] is True
        assert len(ram.shares) == 2

    def test_an_unknown_share_arn_cannot_be_created(self, run, ram):
        outcome = run(resource_share_arn=f'arn:aws:ram:{REGION}:{ACCOUNT_ID}:resource-share/missing')
        assert outcome.failed and 'give its name' in outcome.result['msg']

    def test_an_unknown_permission_arn_is_refused(self, run, ram):
        outcome = run(name='cas', permission=managed_permission_arn('NoSuchPermission'))
        assert outcome.failed and 'is not known to RAM' in outcome.result['msg'] and ram.writes == []

    def test_an_outside_account_without_external_sharing_is_refused_by_ram_without_the_organization_hint(self, run, ram):
        outcome = run(name='cas', principals=[OUTSIDE_ACCOUNT_ID])
        assert outcome.failed and 'OperationNotPermittedException' in outcome.result['msg']
        assert 'EnableSharingWithAwsOrganization' not in outcome.result['msg'] and ram.shares == {}

    def test_absent_by_an_unknown_arn_changes_nothing(self, run, ram):
        outcome = run(resource_share_arn=f'arn:aws:ram:{REGION}:{ACCOUNT_ID}:resource-share/missing', state='absent')
        assert outcome.result['changed'] is False and outcome.result['resource_share'] is None

    def test_name_or_arn_is_required(self, run):
        assert run(principals=[OTHER_ACCOUNT_ID]).failed


class TestWaiting:

    def test_changes_wait_for_associations_in_progress(self, run, ram, sleeps):
        ram.settle_after_reads = 2
        run(name='cas', certificate_authority_arns=[CA_1])
        ram.settle_after_reads = 0
        assert stored(ram)[0] == [CA_1] and sleeps[0] == 5
        assert run(name='cas', certificate_authority_arns=[CA_1]).result['resource_share']['certificate_authority_arns'] == [CA_1]

    def test_a_permission_change_waits_for_associations_in_progress(self, run, ram, sleeps):
        ram.settle_after_reads = 4
        run(name='cas', certificate_authority_arns=[CA_1], wait=False)
        ram.settle_after_reads = 0
        outcome = run(name='cas', permission=REVOKE)
        assert not outcome.failed and stored(ram)[2] == REVOKE and sleeps

    def test_a_timeout_names_what_is_pending(self, run, ram, sleeps):
        ram.settle_after_reads = 100
        outcome = run(name='cas', certificate_authority_arns=[CA_1], wait_timeout=0)
        assert outcome.failed and 'did not settle' in outcome.result['msg'] and CA_1 in outcome.result['msg']

    def test_without_wait_a_change_during_an_association_fails_clearly(self, run, ram):
        ram.settle_after_reads = 100
        run(name='cas', certificate_authority_arns=[CA_1], wait=False)
        outcome = run(name='cas', certificate_authority_arns=[CA_2], wait=False)
        assert outcome.failed and 'wait is false' in outcome.result['msg'] and ram.writes == ['CreateResourceShare']

    def test_a_failed_association_fails_with_rams_message(self, run, ram):
        ram.failures[CA_2] = 'The resource is not in a state that can be shared.'
        outcome = run(name='cas', certificate_authority_arns=[CA_1, CA_2])
        assert outcome.failed and CA_2 in outcome.result['msg'] and 'not in a state that can be shared' in outcome.result['msg']


class TestAbsentAndCreatedFromPolicy:

    def test_four_steps_delete_the_share(self, run, ram):
        run(name='cas', certificate_authority_arns=[CA_1])
        outcomes = four_steps(run, name='cas', state='absent', certificate_authority_arns=['ignored'])
        assert [outcome.result['changed'] for outcome in outcomes] == [True, True, False, False]
        assert ram.writes == ['CreateResourceShare', 'DeleteResourceShare']
        assert [share['status'] for share in ram.shares.values()] == ['DELETED']
        assert outcomes[1].result['resource_share'] is None
        assert outcomes[0].result['diff']['after'] == {} and outcomes[0].result['diff']['before']['name'] == 'cas'

    def test_a_share_created_from_a_policy_is_reported_never_modified(self, run, ram):
        arn = run(name='cas', certificate_authority_arns=[CA_1]).result['resource_share']['arn']
        ram.shares[arn]['featureSet'] = 'CREATED_FROM_POLICY'
        unchanged = run(name='cas', certificate_authority_arns=[CA_1])
        assert unchanged.result['changed'] is False and unchanged.result['resource_share']['feature_set'] == 'CREATED_FROM_POLICY'
        for args in (dict(certificate_authority_arns=[CA_2]), dict(state='absent')):
            outcome = run(name='cas', **args)
            assert outcome.failed and 'CREATED_FROM_POLICY' in outcome.result['msg']
        assert ram.writes == ['CreateResourceShare']


class TestAwsErrors:
    """Each AWS call's failure ends the task naming the operation, AWS's code and message."""

    @pytest.mark.parametrize('operation, args', [
        ('GetResourceShares', dict()),
        ('GetResourceShareAssociations', dict()),
        ('ListResourceSharePermissions', dict()),
        ('GetPermission', dict()),
        ('ListPermissions', dict(permission=REVOKE)),
        ('AssociateResourceShare', dict(certificate_authority_arns=[CA_2], purge_certificate_authorities=False)),
        ('DisassociateResourceShare', dict(certificate_authority_arns=[])),
        ('AssociateResourceSharePermission', dict(permission=REVOKE)),
        ('UpdateResourceShare', dict(allow_external_principals=True)),
        ('TagResource', dict(tags={'a': '2'})),
        ('UntagResource', dict(tags={})),
        ('DeleteResourceShare', dict(state='absent')),
        ('DescribeOrganization', dict(principals=[ORGANIZATION_ID])),
    ])
    def test_a_failed_call_on_an_existing_share_is_named(self, run, ram, operation, args):
        run(name='cas', certificate_authority_arns=[CA_1], tags={'a': '1'})
        ram.refusals[operation] = ('AccessDeniedException', 'User is not authorized')
        outcome = run(name='cas', **args)
        assert outcome.failed and outcome.result['msg'].startswith(f'{operation} failed')
        assert outcome.result['error'] == {'code': 'AccessDeniedException', 'message': 'User is not authorized'}

    def test_a_failed_creation_is_named(self, run, ram):
        ram.refusals['CreateResourceShare'] = ('ResourceShareLimitExceededException', 'Too many shares')
        outcome = run(name='cas', certificate_authority_arns=[CA_1])
        assert outcome.failed and outcome.result['msg'] == (
            'CreateResourceShare failed: ResourceShareLimitExceededException: Too many shares')

    def test_a_failed_organization_read_is_passed_on(self, run, ram):
        ram.refusals['DescribeOrganization'] = ('AccessDeniedException', 'denied')
        outcome = run(name='cas', principals=[OU_ID])
        assert outcome.failed and outcome.result['msg'].startswith('DescribeOrganization failed: AccessDeniedException: denied')

    def test_exact_messages(self, run, ram, sleeps):
        ram.in_organization = False
        assert run(name='cas', principals=[ORGANIZATION_ID]).result['msg'] == (
            'the account in use belongs to no organization, so o-... and ou-... principals cannot be turned into ARNs; '
            'give organizations and OUs as ARNs')
        ram.in_organization = True
        ram.organization_sharing_enabled = False
        message = run(name='cas', principals=[ORGANIZATION_ID]).result['msg']
        assert message.endswith(
            f'(RAM refused the organization principal {ORGANIZATION_ARN}: sharing with AWS Organizations is not enabled '
            "in RAM (or its onboarding is still in progress). EnableSharingWithAwsOrganization must be run from the "
            "organization's management account (aws ram enable-sharing-with-aws-organization, or the RAM console's "
            'Settings) before an organization or OU can be a principal)')
        assert 'principals ' in run(name='cas', principals=[ORGANIZATION_ID, OU_ID]).result['msg']
        assert run(name='cas', permission='NoSuch').result['msg'] == (
            "permission 'NoSuch' is not a RAM permission for acm-pca:CertificateAuthority; those this account may use: "
            'AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority, '
            'AWSRAMDefaultPermissionCertificateAuthority, AWSRAMPermissionAnyTemplateCertificateAuthority, '
            'AWSRAMRevokeCertificateCertificateAuthority')
        assert run(name='cas', permission='AWSRAMDefaultPermissionSubnet').result['msg'] == (
            'permission AWSRAMDefaultPermissionSubnet is for the resource type ec2:Subnet, not acm-pca:CertificateAuthority: '
            'a share of CAs needs a permission for CAs')
        unknown = managed_permission_arn('Nope')
        assert run(name='cas', permission=unknown).result['msg'] == (
            f'permission {unknown} is not known to RAM (Permission {unknown} could not be found.)')
        ram.settle_after_reads = 100
        arn = run(name='cas', certificate_authority_arns=[CA_1], wait=False).result['resource_share']['arn']
        assert run(name='cas', certificate_authority_arns=[CA_2], wait_timeout=0).result['msg'] == (
            f'the associations of {arn} did not settle within wait_timeout (0 s); still in progress: {CA_1} (ASSOCIATING)')
        assert run(name='cas', certificate_authority_arns=[CA_2], wait=False).result['msg'] == (
            f'associations of {arn} are still in progress ({CA_1} (ASSOCIATING)) and wait is false; run again later, '
            'or with wait: true')

    def test_a_failed_association_message(self, run, ram):
        ram.failures[CA_2] = 'not shareable'
        outcome = run(name='cas', certificate_authority_arns=[CA_2])
        [arn] = list(ram.shares)
        assert outcome.result['msg'] == f'RAM failed to associate {CA_2} with {arn}: {CA_2}: not shareable'

    def test_twin_shares_message(self, run, ram):
        ram.CreateResourceShare(name='cas')
        ram.CreateResourceShare(name='cas')
        arns = sorted(ram.shares)
        assert run(name='cas').result['msg'] == (
            f"2 live resource shares of this account are named 'cas': {arns[0]}, {arns[1]}; RAM allows that, so name the one "
            'to manage with resource_share_arn')

    def test_the_share_permission_given_by_arn_is_not_looked_up(self, run, ram):
        run(name='cas', certificate_authority_arns=[CA_1])
        del ram.operations[:]
        assert run(name='cas', permission=managed_permission_arn(DEFAULT)).result['changed'] is False
        assert ram.operations == READS
