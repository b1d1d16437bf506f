# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""IAM's and ACM PCA's documented semantics, one rule at a time: what the validation accepts (pca_policy_rules)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_violations

from .....helpers import CA_ARN, ISSUE_ACTION, ORGANIZATION_ID, OTHER_ACCOUNT_ID, account_policy, organization_policy, template_arn, with_statement


CA = parse_certificate_authority_arn(CA_ARN)
CN_CA_ARN = 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
OU_PATH = f"{ORGANIZATION_ID}/r-ab12/ou-ab12-11111111/*"


def ou_policy(operator='ForAnyValue:StringLike', key='aws:PrincipalOrgPaths', paths=(OU_PATH,)):
    """The organization policy with each statement narrowed to OUs instead of the organization."""
    document = organization_policy()
    for statement in document['Statement']:
        del statement['Condition']['StringEquals']['aws:PrincipalOrgID']
        if not statement['Condition']['StringEquals']:
            del statement['Condition']['StringEquals']
        statement['Condition'][operator] = {key: list(paths)}
    return document


def problems_naming(document, text, ca=CA):
    return [problem for problem in policy_violations(document, ca) if text in problem]


# ===================================================================== validation

class TestValidationReadsConditionKeysWithoutCase:

    def test_lower_case_template_and_org_id_keys_pass(self):
        document = organization_policy()
        for statement in document['Statement']:
            tests = statement['Condition']['StringEquals']
            statement['Condition']['StringEquals'] = {key.lower(): value for key, value in tests.items()}
        assert policy_violations(document, CA) == []

    def test_a_bad_template_under_a_lower_case_key_is_still_refused(self):
        document = account_policy()
        document['Statement'][1]['Condition'] = {'StringEquals': {'acm-pca:templatearn': template_arn('RootCACertificate/V1')}}
        assert problems_naming(document, "'arn:aws:acm-pca:::template/RootCACertificate/V1' is not a template")


class TestEffectSpelling:

    @pytest.mark.parametrize('spelling, right', [('allow', 'Allow'), ('ALLOW', 'Allow')])
    def test_effect_in_another_case_is_refused_naming_the_right_spelling(self, spelling, right):
        document = with_statement(account_policy(), 0, Effect=spelling)
        assert policy_violations(document, CA) == [
            f"statement 'ReadForAccount' (Statement[0]) has Effect {spelling!r}; Effect is case-sensitive: write \"{right}\""]

    def test_a_lower_case_allow_of_everyone_is_refused_once_for_its_effect(self):
        document = with_statement(organization_policy(), 0, Effect='allow')
        assert len(problems_naming(document, 'Effect is case-sensitive')) == 1

    @pytest.mark.parametrize('spelling', ['Deny', 'deny'])
    def test_a_deny_in_any_case_is_refused_as_pca_policies_support_only_allow(self, spelling):
        document = with_statement(account_policy(), 0, Effect=spelling)
        assert len(problems_naming(document, 'ACM PCA resource policies support only Allow statements')) == 1


class TestRevokeCertificate:

    def test_revoke_certificate_is_a_known_action(self):
        document = account_policy()
        document['Statement'].append({'Sid': 'Revoke', 'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID},
                                      'Action': 'acm-pca:RevokeCertificate', 'Resource': CA_ARN})
        assert policy_violations(document, CA) == []

    def test_revoke_certificate_shared_with_the_organization_still_needs_its_condition(self):
        document = organization_policy()
        document['Statement'][0]['Action'].append('acm-pca:RevokeCertificate')
        assert policy_violations(document, CA) == []
        del document['Statement'][0]['Condition']
        assert problems_naming(document, 'allows any AWS account')


class TestOrganizationalUnitGuard:

    @pytest.mark.parametrize('operator, key, paths', [
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [OU_PATH]),
        ('ForAnyValue:StringLike', 'aws:principalorgpaths', [OU_PATH]),
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [OU_PATH, f"{ORGANIZATION_ID}/r-ab12/ou-ab12-22222222/ou-ab12-33333333/*"]),
        ('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [f"{ORGANIZATION_ID}/*"]),
        ('ForAnyValue:StringEquals', 'aws:PrincipalOrgPaths', [f"{ORGANIZATION_ID}/r-ab12/ou-ab12-11111111/"]),
    ])
    def test_a_star_principal_narrowed_to_organizational_units_is_guarded(self, operator, key, paths):
        assert policy_violations(ou_policy(operator, key, paths), CA) == []

    @pytest.mark.parametrize('operator', ['ForAllValues:StringLike', 'StringLike', 'StringNotLike'])
    def test_an_operator_that_does_not_require_the_path_is_no_guard(self, operator):
        # ForAllValues is true when the caller has no org path at all.
        assert len(problems_naming(ou_policy(operator), 'allows any AWS account (a "*" principal)')) == 2

    @pytest.mark.parametrize('path', ['*', 'o-*', 'o-a1b2c3d4e5*', 'r-ab12/ou-ab12-11111111/*', 'o-a1b2c3d4e5/r-ab12/ou-x/*'])
    def test_a_path_that_does_not_start_with_one_organization_is_refused(self, path):
        problems = problems_naming(ou_policy(paths=[path]), 'is not an organization path')
        assert len(problems) == 2 and repr(path) in problems[0]

    def test_a_wildcard_path_under_string_equals_matches_no_one_and_is_refused(self):
        problems = policy_violations(ou_policy('ForAnyValue:StringEquals', 'aws:PrincipalOrgPaths', [OU_PATH]), CA)
        assert len(problems) == 2
        assert problems[0].endswith(": aws:PrincipalOrgPaths %r under ForAnyValue:StringEquals matches no principal "
                                    "(StringEquals takes * literally); use ForAnyValue:StringLike" % OU_PATH), problems[0]

    def test_org_id_and_org_paths_together_pass(self):
        document = organization_policy()
        for statement in document['Statement']:
            statement['Condition']['ForAnyValue:StringLike'] = {'aws:PrincipalOrgPaths': OU_PATH}
        assert policy_violations(document, CA) == []


class TestPrincipalsNameSomeone:

    @pytest.mark.parametrize('principal, text', [
        ({}, 'Principal is empty ({})'),
        ({'AWS': []}, 'Principal AWS is an empty list'),
        ({'Service': []}, 'Principal Service is an empty list'),
    ])
    def test_an_empty_principal_is_refused(self, principal, text):
        document = with_statement(account_policy(), 0, Principal=principal)
        assert problems_naming(document, text)

    @pytest.mark.parametrize('account', ['11112222333', '1111222233334', '0'])
    def test_an_account_id_that_is_not_12_digits_is_refused(self, account):
        document = with_statement(account_policy(), 0, Principal={'AWS': account})
        assert problems_naming(document, f"Principal AWS {account!r} is not an account ID: account IDs are 12 digits")

    @pytest.mark.parametrize('value', [
        'alice',
        'arn:aws:s3:::my-bucket',
        'arn:aws:iam::1111:root',
        'arn:aws:iam:::root',
        'arn:aws:sts::111122223333:federated-user/bob',
        'arn:PARTITION:iam::111122223333:root',
        'o-a1b2c3d4e5',
    ])
    def test_an_aws_principal_that_names_no_principal_is_refused(self, value):
        document = with_statement(account_policy(), 0, Principal={'AWS': [OTHER_ACCOUNT_ID, value]})
        assert problems_naming(document, f'Principal AWS {value!r} names no principal')

    @pytest.mark.parametrize('value', [
        'arn:aws:iam::111122223333:root',
        'arn:aws:iam::111122223333:role/issuer',
        'arn:aws:iam::111122223333:role/path/to/issuer',
        'arn:aws:iam::111122223333:user/alice',
        'arn:aws:sts::111122223333:assumed-role/issuer/session',
    ])
    def test_account_user_role_and_session_arns_pass(self, value):
        document = with_statement(account_policy(), 0, Principal={'AWS': value})
        assert policy_violations(document, CA) == []

    def test_a_principal_of_another_partition_than_the_cas_is_refused(self):
        document = with_statement(account_policy(), 1, Principal={'AWS': f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root'})
        assert problems_naming(document, "is in partition 'aws-cn' but the CA is in 'aws'")
        cn_ca = parse_certificate_authority_arn(CN_CA_ARN)
        cn_document = with_statement(account_policy(CN_CA_ARN), 0, Principal={'AWS': f'arn:aws-cn:iam::{OTHER_ACCOUNT_ID}:root'})
        assert policy_violations(cn_document, cn_ca) == []

    def test_issue_rules_still_apply_to_a_principal_named_by_arn(self):
        document = with_statement(account_policy(), 1, Principal={'AWS': f'arn:aws:iam::{OTHER_ACCOUNT_ID}:role/issuer'},
                                  Condition=None)
        assert problems_naming(document, f'grants {ISSUE_ACTION} without a StringEquals condition')
