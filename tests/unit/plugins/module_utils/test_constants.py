# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Module-level constants, tested at their boundaries.

mutmut 3 does not mutate module-level code, so a changed pattern, list or limit would
go unnoticed by `make mutation`. These tests pin each constant where its value is the
contract (AWS's limits and names, the Sids users' policies carry) and probe each pattern
on both sides of every boundary (lengths, case, separators), through public behaviour
where there is one.
"""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils import certificate_authority, connection
from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.org_sharing import (
    ORG_SHARING_ISSUE_SID,
    ORG_SHARING_READ_SID,
    ORG_SHARING_SID_PREFIX,
    is_org_sharing_statement,
    org_sharing_statements,
)
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import (
    CROSS_ACCOUNT_TEMPLATES,
    ISSUE_ACTION,
    READ_ACTIONS,
    is_organization_id,
    policy_violations,
    template_arn,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import (
    POLICY_MAX_LENGTH,
    PolicyError,
    check_policy_characters,
    parse_policy,
    serialize_policy,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_equivalence import policies_equivalent
from ansible_collections.pki.acmpca.plugins.module_utils.policy_statements import RAM_SID_SUFFIX, is_ram_statement

from ...helpers import CA_ARN, TEMPLATES, account_policy, organization_policy

CA = parse_certificate_authority_arn(CA_ARN)
CA_ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789'
USUAL_FORM = 'arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>'


def _arn(partition='aws', region='us-east-1', account='111122223333', resource='certificate-authority/' + CA_ID, service='acm-pca'):
    return 'arn:%s:%s:%s:%s:%s' % (partition, service, region, account, resource)


def _arn_error(arn, option='resource_arn'):
    with pytest.raises(ValueError) as exc_info:
        parse_certificate_authority_arn(arn, option=option)
    return str(exc_info.value)


def _org_id_violations(organization_id):
    """The violations of the documented organization policy that name ``organization_id``."""
    return [problem for problem in policy_violations(organization_policy(organization_id=organization_id), CA)
            if repr(organization_id) in problem]


# ------------------------------------------------------------ organization ID

ORG_ID_ACCEPTED = [
    'o-' + 'a1b2c3d4e5',                # 10 characters: the shortest
    'o-' + 'abcdefghij',                # letters only
    'o-' + '0123456789',                # digits only
    'o-' + 'z' * 31,
    'o-' + 'a1' * 16,                   # 32 characters: the longest
]
ORG_ID_REFUSED = [
    'o-' + 'a1b2c3d4e',                 # 9 characters
    'o-' + 'a1' * 16 + 'b',             # 33 characters
    'o-',
    'o-A1B2C3D4E5',                     # upper case
    'o-a1b2c3d4E5',                     # one upper-case letter
    'O-a1b2c3d4e5',                     # upper-case prefix
    'o_a1b2c3d4e5',                     # another separator
    'oa1b2c3d4e5x',                     # no separator
    'o--a1b2c3d4e5',
    'o-a1b2c-3d4e5',                    # a separator inside
    'o-a1b2c3d4e5 ',
    ' o-a1b2c3d4e5',
    'o-a1b2c3d4e5\n',                   # a trailing newline ($ would let it through; \Z does not)
    'r-a1b2c3d4e5',                     # an organization root ID, not an organization ID
    'ou-a1b2-c3d4e5f6',                 # an organizational unit ID
]


@pytest.mark.parametrize('organization_id', ORG_ID_ACCEPTED)
def test_an_organization_id_of_o_and_10_to_32_lowercase_letters_or_digits_is_accepted(organization_id):
    assert is_organization_id(organization_id)
    assert _org_id_violations(organization_id) == []


@pytest.mark.parametrize('organization_id', ORG_ID_REFUSED)
def test_an_organization_id_of_another_length_case_or_separator_is_refused(organization_id):
    assert not is_organization_id(organization_id)
    # One violation for each of the policy's two statements (read and issue) that names it.
    assert len(_org_id_violations(organization_id)) == 2


@pytest.mark.parametrize('value', [None, 12, ['o-a1b2c3d4e5'], b'o-a1b2c3d4e5'])
def test_only_a_string_can_be_an_organization_id(value):
    assert is_organization_id(value) is False


# -------------------------------------------------------------- CA ARN (arn.py)

@pytest.mark.parametrize('partition, region', [('aws', 'us-east-1'), ('aws-cn', 'cn-north-1'), ('aws-us-gov', 'us-gov-west-1')])
def test_a_ca_arn_of_each_partition_is_accepted(partition, region):
    parts = parse_certificate_authority_arn(_arn(partition=partition, region=region))
    assert (parts.partition, parts.region, parts.account, parts.ca_id) == (partition, region, '111122223333', CA_ID)


@pytest.mark.parametrize('partition', ['AWS', 'Aws-cn', 'gcp', 'azure', 'aw'])
def test_a_ca_arn_of_no_aws_partition_is_refused(partition):
    arn = _arn(partition=partition)
    assert _arn_error(arn) == "resource_arn %r is not an ACM PCA certificate authority ARN: it is not of the form %s" % (arn, USUAL_FORM)


def test_a_12_digit_account_is_accepted():
    assert parse_certificate_authority_arn(_arn(account='000000000000')).account == '000000000000'


@pytest.mark.parametrize('account', ['11112222333', '1111222233334', '', '11112222333x', '１１１１２２２２３３３３'])
def test_an_account_of_11_or_13_digits_or_not_digits_is_refused_naming_the_account(account):
    arn = _arn(account=account)
    assert _arn_error(arn) == "resource_arn %r is not an ACM PCA certificate authority ARN: its account %r is not 12 digits" % (arn, account)


@pytest.mark.parametrize('service', ['acm', 'acm-pca-connector-ad', 'ACM-PCA', 'acmpca'])
def test_an_arn_of_another_service_is_refused_naming_the_service(service):
    arn = _arn(service=service)
    assert _arn_error(arn) == "resource_arn %r is not an ACM PCA certificate authority ARN: it belongs to the service %r, not 'acm-pca'" % (arn, service)


@pytest.mark.parametrize('resource', [
    'certificate-authority:' + CA_ID,        # another separator
    'Certificate-Authority/' + CA_ID,        # another case
    'certificate/' + CA_ID,
    'template/EndEntityCertificate/V1',
])
def test_a_resource_other_than_certificate_authority_slash_id_is_refused_naming_it(resource):
    arn = _arn(resource=resource)
    assert _arn_error(arn) == ("resource_arn %r is not an ACM PCA certificate authority ARN: its resource %r is not a certificate-authority/<id>"
                               % (arn, resource))


@pytest.mark.parametrize('arn', [
    _arn(region='US-EAST-1'),
    _arn(resource='certificate-authority/'),
    _arn(resource='certificate-authority/a/b'),
    'arn:aws:acm-pca:us-east-1:111122223333',
    'ARN:aws:acm-pca:us-east-1:111122223333:certificate-authority/' + CA_ID,
    _arn() + '\n',
])
def test_other_malformed_arns_are_refused_showing_the_usual_form(arn):
    assert _arn_error(arn) == "resource_arn %r is not an ACM PCA certificate authority ARN: it is not of the form %s" % (arn, USUAL_FORM)


def test_the_message_names_the_option_given():
    assert _arn_error('arn:aws:acm-pca:us-east-1:1:certificate-authority/x', option='ca_arn').startswith("ca_arn 'arn:aws:")


# The botocore model's Arn shape: 5 to 200 characters.

def test_a_4_character_value_is_refused_for_its_length():
    assert _arn_error('arn:') == "resource_arn must be 5 to 200 characters long, got 4: 'arn:'"


def test_a_5_character_value_passes_the_length_check_and_is_refused_for_its_form():
    assert _arn_error('arn:a') == "resource_arn 'arn:a' is not an ACM PCA certificate authority ARN: it is not of the form %s" % USUAL_FORM


def test_a_200_character_ca_arn_is_accepted():
    arn = _arn(resource='certificate-authority/' + 'a' * (200 - len(_arn(resource='certificate-authority/'))))
    assert len(arn) == 200
    assert parse_certificate_authority_arn(arn).arn == arn


def test_a_201_character_ca_arn_is_refused_for_its_length():
    arn = _arn(resource='certificate-authority/' + 'a' * (201 - len(_arn(resource='certificate-authority/'))))
    assert len(arn) == 201
    assert _arn_error(arn) == 'resource_arn must be 5 to 200 characters long, got 201: %r' % arn


@pytest.mark.parametrize('value', ['', None, 123456789012, ['arn']])
def test_an_empty_or_non_string_value_is_refused_showing_the_usual_form(value):
    assert _arn_error(value) == 'resource_arn must be a certificate authority ARN (%s)' % USUAL_FORM


# --------------------------------------------------- root principal (12 digits)

@pytest.mark.parametrize('partition', ['aws', 'aws-cn', 'aws-us-gov'])
def test_an_account_root_arn_means_the_account_in_its_own_partition_only(partition):
    root = 'arn:%s:iam::111122223333:root' % partition
    assert policies_equivalent(account_policy(account_id=root), account_policy(account_id='111122223333'), partition)
    for other in {'aws', 'aws-cn', 'aws-us-gov'} - {partition}:
        assert not policies_equivalent(account_policy(account_id=root), account_policy(account_id='111122223333'), other)


@pytest.mark.parametrize('account', ['11112222333', '1111222233334'])
def test_a_root_arn_of_11_or_13_digits_is_not_an_account(account):
    root = 'arn:aws:iam::%s:root' % account
    assert not policies_equivalent(account_policy(account_id=root), account_policy(account_id=account))


@pytest.mark.parametrize('root', [
    'arn:aws:iam::111122223333:ROOT',
    'arn:aws:iam::111122223333:root/x',
    'arn:aws:iam::111122223333:user/root',
    'arn:aws:iam:us-east-1:111122223333:root',
    'arn:aws:sts::111122223333:root',
    'arn:aws:iam::111122223333:root\n',
])
def test_other_principal_arns_are_not_the_account(root):
    assert not policies_equivalent(account_policy(account_id=root), account_policy(account_id='111122223333'))


# ----------------------------------------------------- policy size and characters

def _policy_of_length(length, filler='x'):
    """A policy whose serialized form is exactly ``length`` characters."""
    overhead = len(serialize_policy({'Id': ''}))
    document = {'Id': filler * (length - overhead)}
    assert len(serialize_policy(document)) == length
    return document


def test_the_policy_size_limit_is_putpolicys_81920_characters():
    assert POLICY_MAX_LENGTH == 81920


@pytest.mark.parametrize('filler', ['x', '\u00e9'])
def test_a_policy_of_81920_characters_is_accepted(filler):
    document = _policy_of_length(81920, filler)
    assert parse_policy(document) == document
    assert parse_policy(serialize_policy(document)) == document


@pytest.mark.parametrize('filler', ['x', '\u00e9'])
def test_a_policy_of_81921_characters_is_refused_naming_both_sizes(filler):
    with pytest.raises(PolicyError) as exc_info:
        parse_policy(_policy_of_length(81921, filler))
    assert str(exc_info.value) == 'policy is 81921 characters once serialized; ACM PCA accepts at most 81920'


@pytest.mark.parametrize('character', ['\t', '\n', '\r', '\u0020', '~', '\u007f', '\u0080', '\u00a0', '\u00ff'])
def test_tab_lf_cr_and_u0020_to_u00ff_are_accepted(character):
    document = {'Id': 'a%sb' % character}
    check_policy_characters(document)
    assert parse_policy(document) == document


@pytest.mark.parametrize('character', ['\u0000', '\u0008', '\u000b', '\u000c', '\u001f', '\u0100', '\u2028', '\u20ac', '\U0001f600'])
def test_other_characters_are_refused(character):
    with pytest.raises(PolicyError) as exc_info:
        parse_policy({'Id': 'a%sb' % character})
    assert str(exc_info.value) == (
        'policy contains the character %r (U+%04X) in Id at position 2; ACM PCA accepts only tab, LF, CR and U+0020..U+00FF'
        % (character, ord(character)))


@pytest.mark.parametrize('character, code', [('\u001f', 'U+001F'), ('\u0100', 'U+0100')])
def test_the_characters_just_outside_the_range_are_refused_in_keys_too(character, code):
    with pytest.raises(PolicyError) as exc_info:
        check_policy_characters({'Statement': [{'S%sd' % character: 'x'}]}, option='statements')
    assert str(exc_info.value) == (
        'statements contains the character %r (%s) in Statement[0].S%sd (key) at position 2; ACM PCA accepts only tab, LF, CR '
        'and U+0020..U+00FF' % (character, code, character))


# ----------------------------------------------------------- actions, templates

def test_the_read_actions_are_the_five_aws_documents():
    assert tuple(READ_ACTIONS) == (
        'acm-pca:DescribeCertificateAuthority',
        'acm-pca:GetCertificate',
        'acm-pca:GetCertificateAuthorityCertificate',
        'acm-pca:ListPermissions',
        'acm-pca:ListTags',
    )


def test_the_issue_action_is_issue_certificate():
    assert ISSUE_ACTION == 'acm-pca:IssueCertificate'


@pytest.mark.parametrize('action', [
    'acm-pca:DescribeCertificateAuthority',
    'acm-pca:GetCertificate',
    'acm-pca:GetCertificateAuthorityCertificate',
    'acm-pca:ListPermissions',
    'acm-pca:ListTags',
])
def test_each_read_action_alone_may_be_granted(action):
    policy = account_policy()
    policy['Statement'][0]['Action'] = action
    assert policy_violations(policy, CA) == []


@pytest.mark.parametrize('action', [
    'acm-pca:GetCertificateAuthorityCsr',        # a near name of a read action
    'acm-pca:ListCertificateAuthorities',
    'acm-pca:DescribeCertificateAuthorityAuditReport',
    'acm-pca:GetPolicy',
    'acm-pca:PutPolicy',
    'acm-pca:*',
    'acm-pca:Get*',
    'acm:GetCertificate',                        # another service's action of the same name
    'acm-pca-GetCertificate',                    # another separator
])
def test_actions_outside_the_read_list_are_refused_naming_them(action):
    policy = account_policy()
    policy['Statement'][0]['Action'] = action
    violations = policy_violations(policy, CA)
    assert len(violations) == 1
    assert repr(action) in violations[0]


def test_the_cross_account_templates_are_the_six_aws_documents():
    assert tuple(CROSS_ACCOUNT_TEMPLATES) == tuple(TEMPLATES)


@pytest.mark.parametrize('template', [
    'EndEntityCertificate/V1',
    'EndEntityClientAuthCertificate/V1',
    'EndEntityServerAuthCertificate/V1',
    'BlankEndEntityCertificate_APIPassthrough/V1',
    'BlankEndEntityCertificate_APICSRPassthrough/V1',
    'SubordinateCACertificate_PathLen0/V1',
])
def test_each_cross_account_template_may_be_issued_with(template):
    assert policy_violations(account_policy(template=template), CA) == []


@pytest.mark.parametrize('template', [
    'EndEntityCertificate/V2',
    'endentitycertificate/V1',
    'EndEntityCertificate',
    'SubordinateCACertificate_PathLen1/V1',
    'SubordinateCACertificate_PathLen0_APIPassthrough/V1',
    'RootCACertificate/V1',
    'CodeSigningCertificate/V1',
    'BlankEndEntityCertificate_CriticalBasicConstraints_APIPassthrough/V1',
])
def test_other_templates_are_refused_naming_them(template):
    violations = policy_violations(account_policy(template=template), CA)
    assert len(violations) == 1
    assert repr(template_arn('aws', template)) in violations[0]


def test_a_template_arn_is_arn_partition_acm_pca_template_name():
    assert template_arn('aws-cn', 'EndEntityCertificate/V1') == 'arn:aws-cn:acm-pca:::template/EndEntityCertificate/V1'


# ------------------------------------------------------------------ Sids

def test_the_org_sharing_sids_are_pinned_and_distinct():
    assert ORG_SHARING_SID_PREFIX == 'PkiAcmpcaOrgSharing'
    assert ORG_SHARING_READ_SID == 'PkiAcmpcaOrgSharingRead'
    assert ORG_SHARING_ISSUE_SID == 'PkiAcmpcaOrgSharingIssue'
    assert ORG_SHARING_READ_SID != ORG_SHARING_ISSUE_SID
    assert ORG_SHARING_READ_SID.startswith(ORG_SHARING_SID_PREFIX)
    assert ORG_SHARING_ISSUE_SID.startswith(ORG_SHARING_SID_PREFIX)


def test_the_role_writes_one_read_and_one_issue_statement_under_those_sids():
    statements = org_sharing_statements(CA, 'o-a1b2c3d4e5', ['EndEntityCertificate/V1'])
    assert [statement['Sid'] for statement in statements] == ['PkiAcmpcaOrgSharingRead', 'PkiAcmpcaOrgSharingIssue']
    assert all(is_org_sharing_statement(statement) for statement in statements)


@pytest.mark.parametrize('sid', ['PkiAcmpcaOrgSharing', 'PkiAcmpcaOrgSharingRead', 'PkiAcmpcaOrgSharingIssue', 'PkiAcmpcaOrgSharingMine'])
def test_statements_whose_sid_starts_with_the_prefix_are_the_roles(sid):
    assert is_org_sharing_statement({'Sid': sid})


@pytest.mark.parametrize('sid', ['PkiAcmpcaOrgSharin', 'pkiacmpcaorgsharingread', 'PKIACMPCAORGSHARINGREAD', 'XPkiAcmpcaOrgSharingRead',
                                 ' PkiAcmpcaOrgSharingRead', 'Pki-Acmpca-OrgSharingRead', 'ReadForOrganization'])
def test_statements_whose_sid_does_not_start_with_the_exact_prefix_are_not_the_roles(sid):
    assert not is_org_sharing_statement({'Sid': sid})


def test_the_ram_sid_suffix_is_external_principals():
    assert RAM_SID_SUFFIX == '-external-principals'


@pytest.mark.parametrize('sid', ['rs-0a1b2c3d-external-principals', 'share-external-principals'])
def test_a_sid_ending_in_the_ram_suffix_is_a_ram_statement(sid):
    assert is_ram_statement({'Sid': sid})


@pytest.mark.parametrize('sid', ['rs-0a1b2c3d-external-principal', 'rs-0a1b2c3d-External-Principals', 'rs-0a1b2c3d_external_principals',
                                 'rs-0a1b2c3dexternal-principals', 'rs-0a1b2c3d-external-principals-x', 'external-principals'])
def test_a_sid_not_ending_in_the_exact_ram_suffix_is_not_a_ram_statement(sid):
    assert not is_ram_statement({'Sid': sid})


# ------------------------------------------------------- connection and AWS calls

def test_the_connect_timeout_is_10_seconds():
    assert connection.DEFAULT_CONNECT_TIMEOUT == 10


def test_the_default_retries_allow_8_attempts_in_all():
    # Retry defaults may come to yield to AWS_RETRY_MODE / AWS_MAX_ATTEMPTS and the profile;
    # what stays is "8 attempts in all" when nothing else is configured.
    defaults = getattr(connection, 'DEFAULT_RETRIES', None)
    if defaults is None:
        pytest.skip('connection.py no longer has DEFAULT_RETRIES')
    assert defaults.get('total_max_attempts') == 8


def test_concurrent_modification_is_attempted_5_times_in_all():
    assert certificate_authority.CONCURRENT_MODIFICATION_ATTEMPTS == 5


def test_list_certificate_authorities_asks_for_1000_a_page():
    assert certificate_authority.LIST_PAGE_SIZE == 1000


def test_per_ca_reads_run_in_a_pool_of_8():
    assert certificate_authority.MAX_CONCURRENT_READS == 8
