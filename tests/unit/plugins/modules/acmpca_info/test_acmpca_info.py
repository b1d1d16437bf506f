# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pki.acmpca.acmpca_info, run in-process against moto's mock_aws."""


import datetime
import json

import boto3
import pytest

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.pki.acmpca.plugins.module_utils._aws import connection
from ansible_collections.pki.acmpca.plugins.modules import acmpca_info

from ....helpers import ACCOUNT_ID, MISSING_CA_ARN, OTHER_ACCOUNT_ID, account_policy, canned_error, organization_policy, request_parameter


@pytest.fixture
def run(run_module):
    def run_info_module(check_mode=False, **args):
        return run_module(acmpca_info.main, args, check_mode=check_mode)
    return run_info_module


@pytest.fixture
def region(isolated_aws_env, monkeypatch):
    """Listing has no ARN to take a region from: give it one the usual way."""
    monkeypatch.setenv('AWS_DEFAULT_REGION', 'us-east-1')


@pytest.fixture
def owned_by(on_new_clients):
    """Make DescribeCertificateAuthority report the CAs added (ARN -> account) as owned by that account,
    as it does for a CA another account shares (moto keeps one store per account)."""
    owners = {}

    def answer(parsed, **kwargs):
        ca = parsed.get('CertificateAuthority', {})
        if ca.get('Arn') in owners:
            ca['OwnerAccount'] = owners[ca['Arn']]

    on_new_clients('after-call.acm-pca.DescribeCertificateAuthority', answer)
    return owners


@pytest.mark.usefixtures('region')
class TestListing:

    def test_no_ca_gives_an_empty_list(self, run, aws, aws_calls):
        outcome = run()
        assert outcome.rc == 0, outcome.result
        assert outcome.result['changed'] is False
        assert outcome.result['certificate_authorities'] == []
        # Whose account and which region had no CA: one STS call, made only for an empty listing.
        assert (outcome.result['account_id'], outcome.result['region']) == (ACCOUNT_ID, 'us-east-1')
        assert aws_calls.operations == ['ListCertificateAuthorities', 'GetCallerIdentity']

    def test_a_listing_names_its_account_from_the_cas_without_any_other_call(self, run, make_ca, aws_calls):
        make_ca()
        del aws_calls.operations[:]
        outcome = run()
        assert (outcome.result['account_id'], outcome.result['region']) == (ACCOUNT_ID, 'us-east-1')
        assert aws_calls.operations == ['ListCertificateAuthorities']

    def test_a_listing_whose_account_sts_cannot_tell_says_null(self, run, aws, on_new_clients):
        on_new_clients('before-call.sts.GetCallerIdentity', lambda **kwargs: canned_error('AccessDenied'))
        outcome = run()
        assert outcome.rc == 0 and outcome.result['account_id'] is None, outcome.result

    def test_the_cas_of_the_account_are_listed_with_snake_case_keys_and_iso_dates(self, run, make_ca):
        arn = make_ca()
        cas = run().result['certificate_authorities']
        assert [ca['arn'] for ca in cas] == [arn]
        ca = cas[0]
        assert ca['owner_account'] == ACCOUNT_ID
        assert ca['status'] == 'ACTIVE'
        assert ca['certificate_authority_configuration']['subject'] == {'common_name': 'unit test CA'}
        for key in ('created_at', 'not_before', 'not_after'):
            assert datetime.datetime.fromisoformat(ca[key]).tzinfo is not None
        assert 'policy' not in ca and 'tags' not in ca

    def test_every_page_is_read(self, run, pca, make_ca, pages_like_aws, aws_calls):
        created = {make_ca(active=False) for dummy in range(130)}
        cas = run().result['certificate_authorities']
        assert len(cas) == 130
        assert {ca['arn'] for ca in cas} == created
        assert aws_calls.operations == ['ListCertificateAuthorities', 'ListCertificateAuthorities']
        assert pages_like_aws.asked == [1000, 1000]

    def test_include_policy_and_include_tags_add_them_in_their_original_case(self, run, pca, make_ca):
        with_policy = make_ca(tags={'Team': 'pki', 'costCenter': 'CC-42'})
        pca.put_policy(ResourceArn=with_policy, Policy=json.dumps(organization_policy(with_policy)))
        without_policy = make_ca(active=False)
        cas = {ca['arn']: ca for ca in run(include_policy=True, include_tags=True).result['certificate_authorities']}
        assert cas[with_policy]['policy'] == organization_policy(with_policy)
        assert cas[with_policy]['tags'] == {'Team': 'pki', 'costCenter': 'CC-42'}
        assert cas[without_policy]['policy'] is None
        assert cas[without_policy]['tags'] == {}

    def test_with_the_policy_the_statements_aws_ram_wrote_are_named(self, run, pca, make_ca):
        ram_sid = '7f3e9a1c-external-principals'
        shared_by_ram = make_ca()
        policy = organization_policy(shared_by_ram)
        policy['Statement'].append({'Sid': ram_sid, 'Effect': 'Allow', 'Principal': {'AWS': '444455556666'},
                                    'Action': 'acm-pca:RevokeCertificate', 'Resource': shared_by_ram})
        pca.put_policy(ResourceArn=shared_by_ram, Policy=json.dumps(policy))
        without_policy = make_ca(active=False)
        cas = {ca['arn']: ca for ca in run(include_policy=True).result['certificate_authorities']}
        assert cas[shared_by_ram]['ram_statement_sids'] == [ram_sid]
        assert cas[without_policy]['ram_statement_sids'] == []
        assert all('ram_statement_sids' not in ca for ca in run().result['certificate_authorities'])

    def test_a_policy_that_cannot_be_read_is_reported_on_its_ca_and_the_task_succeeds(self, run, make_ca, deny_get_policy):
        denied = make_ca(active=False)
        readable = make_ca(active=False)
        deny_get_policy.add(denied)
        outcome = run(include_policy=True)
        assert outcome.rc == 0, outcome.result
        cas = {ca['arn']: ca for ca in outcome.result['certificate_authorities']}
        assert cas[denied]['policy'] is None
        assert cas[denied]['policy_error']['code'] == 'AccessDeniedException'
        assert 'policy_error' not in cas[readable]

    def test_listing_costs_no_call_to_learn_whose_cas_they_are(self, run, make_ca, aws_calls):
        make_ca(active=False)
        ca = run(include_policy=True).result['certificate_authorities'][0]
        assert ca['policy'] is None and 'policy_error' not in ca
        assert aws_calls.operations == ['ListCertificateAuthorities', 'GetPolicy']

    def test_a_ca_deleted_between_the_listing_and_its_tags_is_that_cas_error(self, run, make_ca, pca, on_new_clients):
        gone = make_ca(active=False)
        kept = make_ca(active=False, tags={'Team': 'pki'})

        def delete_first(params, **kwargs):
            if request_parameter(params, 'CertificateAuthorityArn') == gone:
                return canned_error('ResourceNotFoundException', 'Could not find certificate authority')
            return None

        on_new_clients('before-call.acm-pca.ListTags', delete_first)
        outcome = run(include_tags=True)
        assert outcome.rc == 0, outcome.result
        cas = {ca['arn']: ca for ca in outcome.result['certificate_authorities']}
        assert cas[gone]['tags'] is None
        assert cas[gone]['tags_error']['code'] == 'ResourceNotFoundException'
        assert cas[gone]['tags_error']['message'] == 'Could not find certificate authority'
        assert cas[gone]['tags_error']['request_id'] == 'canned-request-id'
        assert cas[kept]['tags'] == {'Team': 'pki'}

    def test_other_accounts_lists_cas_shared_with_the_account_not_its_own(self, run, make_ca):
        make_ca(active=False)
        assert run(resource_owner='OTHER_ACCOUNTS').result['certificate_authorities'] == []

    def test_it_works_in_check_mode(self, run, make_ca):
        arn = make_ca(active=False)
        outcome = run(check_mode=True, include_policy=True)
        assert outcome.result['changed'] is False
        assert [ca['arn'] for ca in outcome.result['certificate_authorities']] == [arn]

    def test_check_mode_reads_policies_and_tags_as_a_normal_run_does(self, run, pca, make_ca):
        shared = make_ca(tags={'Team': 'pki'})
        pca.put_policy(ResourceArn=shared, Policy=json.dumps(organization_policy(shared)))
        make_ca(active=False)
        normal = run(include_policy=True, include_tags=True)
        checked = run(check_mode=True, include_policy=True, include_tags=True)
        assert checked.result['changed'] is False
        assert checked.result['certificate_authorities'] == normal.result['certificate_authorities']
        assert {ca['arn']: ca['policy'] for ca in checked.result['certificate_authorities']}[shared] == organization_policy(shared)

    def test_a_bad_resource_owner_fails_naming_the_option_before_any_aws_call(self, run, aws, aws_calls):
        outcome = run(resource_owner='EVERYONE')
        assert outcome.failed
        assert outcome.result['msg'] == 'value of resource_owner must be one of: SELF, OTHER_ACCOUNTS, got: EVERYONE'
        assert aws_calls.operations == []


class TestOneCertificateAuthority:

    def test_the_ca_named_is_described_in_the_region_of_its_arn(self, run, make_ca, pca, monkeypatch):
        monkeypatch.setenv('AWS_DEFAULT_REGION', 'eu-west-1')
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        make_ca()
        cas = run(certificate_authority_arn=arn, include_policy=True).result['certificate_authorities']
        assert [(ca['arn'], ca['status'], ca['owner_account']) for ca in cas] == [(arn, 'ACTIVE', ACCOUNT_ID)]
        assert cas[0]['policy'] == organization_policy(arn)

    def test_the_arn_alias_works(self, run, make_ca):
        arn = make_ca(active=False)
        assert [ca['arn'] for ca in run(arn=arn).result['certificate_authorities']] == [arn]

    @pytest.mark.parametrize('include', [{}, {'include_policy': True, 'include_tags': True, 'include_access': True}])
    def test_a_ca_that_does_not_exist_fails_naming_the_arn_and_region(self, run, aws, aws_calls, include):
        # An audit of a mistyped ARN must not pass on an empty list.
        outcome = run(certificate_authority_arn=MISSING_CA_ARN, **include)
        assert outcome.failed
        assert outcome.result['msg'].startswith('Certificate authority %s was not found in region us-east-1 for the account in use '
                                                '(AWS: ResourceNotFoundException: ' % MISSING_CA_ARN)
        assert outcome.result['error']['code'] == 'ResourceNotFoundException'
        assert 'certificate_authorities' not in outcome.result
        assert aws_calls.operations == ['DescribeCertificateAuthority']

    def test_an_unreadable_policy_of_another_accounts_ca_is_policy_error_not_no_policy(self, run, make_ca, owned_by, aws_calls):
        arn = make_ca(active=False)
        owned_by[arn] = OTHER_ACCOUNT_ID
        outcome = run(certificate_authority_arn=arn, include_policy=True)
        assert outcome.rc == 0, outcome.result
        ca = outcome.result['certificate_authorities'][0]
        assert ca['owner_account'] == OTHER_ACCOUNT_ID
        assert ca['policy'] is None
        assert ca['policy_error']['code'] == 'ResourceNotFoundException'
        assert f'a CA of account {OTHER_ACCOUNT_ID}' in ca['policy_error']['msg']
        assert aws_calls.operations == ['DescribeCertificateAuthority', 'GetPolicy', 'GetCallerIdentity']

    def test_the_callers_own_ca_without_a_policy_has_policy_none_and_no_error(self, run, make_ca, aws_calls):
        arn = make_ca(active=False)
        ca = run(certificate_authority_arn=arn, include_policy=True).result['certificate_authorities'][0]
        assert ca['policy'] is None and 'policy_error' not in ca
        assert aws_calls.operations == ['DescribeCertificateAuthority', 'GetPolicy', 'GetCallerIdentity']

    def test_the_callers_account_is_not_asked_when_the_policy_is_read(self, run, pca, make_ca, owned_by, aws_calls):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(organization_policy(arn)))
        owned_by[arn] = OTHER_ACCOUNT_ID
        ca = run(certificate_authority_arn=arn, include_policy=True, include_tags=True).result['certificate_authorities'][0]
        assert ca['policy'] == organization_policy(arn)
        assert sorted(aws_calls.operations) == ['DescribeCertificateAuthority', 'GetPolicy', 'ListTags']

    def test_describing_one_ca_makes_no_listing_call(self, run, make_ca, aws_calls):
        arn = make_ca(active=False)
        run(certificate_authority_arn=arn)
        assert aws_calls.operations == ['DescribeCertificateAuthority']

    @pytest.mark.parametrize('arn', [
        'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d',
        'arn:aws:acm-pca:us-east-1:123456789012:template/EndEntityCertificate/V1',
        'not-an-arn',
    ])
    def test_a_bad_arn_fails_naming_the_option_before_any_aws_call(self, run, aws, aws_calls, arn):
        outcome = run(certificate_authority_arn=arn)
        assert outcome.failed
        assert outcome.result['msg'].startswith('certificate_authority_arn ')
        assert 'acm-pca' in outcome.result['msg']
        assert aws_calls.operations == [] and aws_calls.clients == 0

    def test_a_region_option_other_than_the_arns_fails_before_any_aws_call(self, run, make_ca, aws_calls):
        arn = make_ca(active=False)
        outcome = run(certificate_authority_arn=arn, region='eu-west-1')
        assert outcome.failed
        assert ('certificate_authority_arn is in region us-east-1 but the region option (set on the task or through module_defaults) '
                'says eu-west-1') in outcome.result['msg']
        assert aws_calls.operations == []


class TestConnectionFailures:

    def test_no_region_anywhere_fails_naming_the_region_option(self, run, aws):
        outcome = run()
        assert outcome.failed
        assert outcome.result['msg'].startswith('No AWS region')

    def test_a_profile_with_explicit_keys_fails_as_mutually_exclusive(self, run, aws):
        outcome = run(profile='pki', access_key='AKIAIOSFODNN7EXAMPLE', secret_key='not-a-real-secret')
        assert outcome.failed
        assert outcome.result['msg'].startswith('parameters are mutually exclusive: profile|')

    def test_an_unknown_profile_fails_naming_it(self, run, aws):
        outcome = run(profile='no-such-profile', region='us-east-1')
        assert outcome.failed
        assert "'no-such-profile'" in outcome.result['msg']


class TestOptions:

    @pytest.mark.usefixtures('region')
    def test_the_task_result_shows_every_option_with_its_documented_default(self, run, aws):
        module_args = run().result['invocation']['module_args']
        names = ('resource_owner', 'certificate_authority_arn', 'include_policy', 'include_tags', 'include_access',
                 'trusted_accounts', 'trusted_organization_id')
        assert {name: module_args[name] for name in names} == {
            'resource_owner': 'SELF', 'certificate_authority_arn': None, 'include_policy': False, 'include_tags': False,
            'include_access': False, 'trusted_accounts': None, 'trusted_organization_id': None}

    @pytest.mark.usefixtures('region')
    def test_account_ids_given_as_yaml_numbers_are_taken_as_strings(self, run, pca, make_ca):
        arn = make_ca()
        pca.put_policy(ResourceArn=arn, Policy=json.dumps(account_policy(arn)))
        outcome = run(include_access=True, trusted_accounts=[int(OTHER_ACCOUNT_ID)])
        assert outcome.rc == 0, outcome.result
        assert outcome.result['invocation']['module_args']['trusted_accounts'] == [OTHER_ACCOUNT_ID]
        access = outcome.result['certificate_authorities'][0]['access']
        assert [(item['principal'], item['external']) for item in access] == [(OTHER_ACCOUNT_ID, False)] * 2
        assert outcome.result['external_access'] == []

    @pytest.mark.usefixtures('region')
    def test_without_boto3_the_module_fails_naming_it_before_any_aws_call(self, run, aws, aws_calls, monkeypatch):
        monkeypatch.setattr(connection, 'BOTO3_IMPORT_ERROR', 'ModuleNotFoundError: No module named boto3')
        outcome = run()
        assert outcome.failed
        assert outcome.result['msg'] == missing_required_lib('boto3 and botocore')
        assert aws_calls.operations == [] and aws_calls.clients == 0

    def test_sts_is_asked_in_the_region_of_the_cas_arn(self, run, aws, monkeypatch):
        # A network with only regional endpoints (VPC endpoints, opt-in regions) has no global STS.
        pca = boto3.client('acm-pca', region_name='eu-west-1')
        arn = pca.create_certificate_authority(
            CertificateAuthorityConfiguration={'KeyAlgorithm': 'RSA_2048', 'SigningAlgorithm': 'SHA256WITHRSA',
                                               'Subject': {'CommonName': 'unit test CA'}},
            CertificateAuthorityType='ROOT')['CertificateAuthorityArn']
        asked = []
        original = boto3.session.Session.client

        def client(self, *args, **kwargs):
            created = original(self, *args, **kwargs)
            created.meta.events.register('before-send.sts', lambda request, **kwargs: asked.append(
                (created.meta.region_name, request.url == f"{created.meta.endpoint_url}/")))
            return created

        monkeypatch.setattr(boto3.session.Session, 'client', client)
        ca = run(certificate_authority_arn=arn, include_policy=True).result['certificate_authorities'][0]
        assert ca['policy'] is None and 'policy_error' not in ca
        # The endpoint is botocore's for that region: the regional one in current botocore, the
        # global one in older releases unless sts_regional_endpoints says otherwise.
        assert asked == [('eu-west-1', True)]


class TestFilters:

    def test_filters_over_100_cas_without_tags_cost_no_call_beyond_the_listing(self, run, region, make_ca, aws_calls, pages_like_aws):
        arns = [make_ca(active=False, common_name='pki %03d' % index) for index in range(100)]
        del aws_calls.operations[:]
        outcome = run(filters={'status': 'PENDING_CERTIFICATE', 'type': 'ROOT', 'key_algorithm': 'RSA_2048',
                               'common_name': 'pki 0[0-4]?'})
        assert outcome.rc == 0, outcome.result
        assert sorted(ca['arn'] for ca in outcome.result['certificate_authorities']) == sorted(arns[:50])
        # Two pages of 100 at most, as AWS answers; nothing per CA.
        assert set(aws_calls.operations) == {'ListCertificateAuthorities'}

    def test_with_tags_one_list_tags_per_ca_the_other_filters_kept_and_none_again_for_include_tags(self, run, region, make_ca, aws_calls):
        team = [make_ca(active=False, tags={'Team': 'pki'}, common_name='pki %d' % index) for index in range(3)]
        make_ca(active=False, tags={'Team': 'web'}, common_name='pki web')
        make_ca(active=False, tags={'Team': 'pki'}, common_name='other')
        del aws_calls.operations[:]
        outcome = run(filters={'common_name': 'pki*', 'tags': {'Team': 'pki'}}, include_tags=True)
        assert outcome.rc == 0, outcome.result
        cas = outcome.result['certificate_authorities']
        assert sorted(ca['arn'] for ca in cas) == sorted(team)
        assert [ca['tags'] for ca in cas] == [{'Team': 'pki'}] * 3
        assert sorted(aws_calls.operations) == ['ListCertificateAuthorities'] + ['ListTags'] * 4

    def test_with_one_ca_by_arn_a_filter_that_does_not_match_gives_an_empty_list(self, run, make_ca):
        arn = make_ca(active=False)
        assert run(certificate_authority_arn=arn, filters={'status': 'ACTIVE'}).result['certificate_authorities'] == []
        assert [ca['arn'] for ca in run(certificate_authority_arn=arn, filters={'status': 'PENDING_CERTIFICATE'}).result[
            'certificate_authorities']] == [arn]

    def test_bad_filters_are_refused_before_any_aws_call(self, run, region, aws, aws_calls):
        outcome = run(filters={'status': 'active', 'name': 'x'})
        assert outcome.failed
        assert outcome.result['msg'] == ("filters.status: 'active' not one of CREATING, PENDING_CERTIFICATE, ACTIVE, DELETED, DISABLED, "
                                         "EXPIRED, FAILED; filters has the unknown filter 'name' (known: status, type, usage_mode, "
                                         "key_algorithm, common_name, tags)")
        assert aws_calls.operations == []
