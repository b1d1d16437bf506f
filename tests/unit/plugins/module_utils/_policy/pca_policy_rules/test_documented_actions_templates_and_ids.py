# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of pca_policy_rules at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import (
    CROSS_ACCOUNT_TEMPLATES,
    ISSUE_ACTION,
    READ_ACTIONS,
    is_organization_id,
    policy_violations,
    template_arn,
)

from .....helpers import CA_ARN, TEMPLATES, account_policy, organization_policy


CA = parse_certificate_authority_arn(CA_ARN)


def _org_id_violations(organization_id):
    """The violations of the documented organization policy that name ``organization_id``."""
    return [problem for problem in policy_violations(organization_policy(organization_id=organization_id), CA)
            if repr(organization_id) in problem]


# ------------------------------------------------------------ organization ID

ORG_ID_ACCEPTED = [
    "o-a1b2c3d4e5",                # 10 characters: the shortest
    "o-abcdefghij",                # letters only
    "o-0123456789",                # digits only
    f"o-{'z' * 31}",
    f"o-{'a1' * 16}",                   # 32 characters: the longest
]


ORG_ID_REFUSED = [
    "o-a1b2c3d4e",                 # 9 characters
    f"o-{'a1' * 16}b",             # 33 characters
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
