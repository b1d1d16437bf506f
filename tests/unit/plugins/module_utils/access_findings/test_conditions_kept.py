# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_findings: the tests a finding does not resolve stay in its ``conditions`` whatever
narrows it, and the Deny statements narrowed by anything but the principal's organization are
not applied."""


from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import access_findings
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import trust_zone

from ....helpers import CA_ARN, ORGANIZATION_ID, OTHER_ACCOUNT_ID, READ_ACTIONS

ZONE = trust_zone([OTHER_ACCOUNT_ID], ORGANIZATION_ID)
SOURCE_IP = {'IpAddress': {'aws:SourceIp': '10.0.0.0/8'}}
SERVICE = 'logs.amazonaws.com'


def statement(principal, condition, effect='Allow', action=None):
    return {'Sid': effect, 'Effect': effect, 'Principal': principal, 'Action': action or list(READ_ACTIONS), 'Resource': CA_ARN,
            'Condition': condition}


def who(*statements):
    return [(item['principal_type'], item['principal'], item['source_account'], item['source_organization'], item['external'],
             item['conditions']) for item in access_findings({'Statement': list(statements)}, zone=ZONE, resource_arn=CA_ARN)]


def test_a_service_narrowed_by_its_source_keeps_the_other_tests():
    condition = dict(SOURCE_IP, StringEquals={'aws:SourceAccount': OTHER_ACCOUNT_ID})
    assert who(statement({'Service': SERVICE}, condition)) == [('service', SERVICE, OTHER_ACCOUNT_ID, None, False, SOURCE_IP)]


def test_a_star_narrowed_by_a_source_keeps_the_other_tests():
    condition = dict(SOURCE_IP, StringEquals={'aws:SourceAccount': OTHER_ACCOUNT_ID})
    assert who(statement('*', condition)) == [('service', '*', OTHER_ACCOUNT_ID, None, False, SOURCE_IP)]


def test_a_resource_without_an_account_is_no_source_and_its_test_is_shown_with_the_others():
    condition = dict(SOURCE_IP, ArnLike={'aws:SourceArn': 'arn:aws:s3:::pki-logs'})
    assert who(statement({'Service': SERVICE}, condition)) == [('service', SERVICE, None, None, True, condition)]


def test_a_source_arn_whose_resource_holds_colons_names_its_account():
    condition = {'ArnLike': {'aws:SourceArn': f'arn:aws:logs:us-east-1:{OTHER_ACCOUNT_ID}:log-group:pki:*'}}
    assert who(statement({'Service': SERVICE}, condition)) == [('service', SERVICE, OTHER_ACCOUNT_ID, None, False, {})]


def test_a_source_arn_with_no_account_id_in_its_account_part_names_no_account():
    condition = {'ArnLike': {'aws:SourceArn': 'arn:aws:logs:us-east-1:pki:log-group:x'}}
    assert who(statement({'Service': SERVICE}, condition)) == [('service', SERVICE, None, None, True, condition)]


def test_a_federated_principal_keeps_its_conditions_and_is_judged_by_the_account_in_its_arn():
    provider = f'arn:aws:iam::{OTHER_ACCOUNT_ID}:saml-provider/corp'
    assert who(statement({'Federated': provider}, SOURCE_IP)) == [('arn', provider, None, None, False, SOURCE_IP)]


def test_a_deny_narrowed_by_the_sources_organization_is_not_applied():
    allow = statement('*', {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}})
    deny = statement('*', {'StringEquals': {'aws:SourceOrgID': ORGANIZATION_ID}}, effect='Deny', action='acm-pca:*')
    assert who(allow, deny) == [('organization', ORGANIZATION_ID, None, None, False, {})]
