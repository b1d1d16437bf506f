# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""pca_policy_rules: the exact violation list, whole messages in order, for each rule.

The validator's messages are what a user reads when a task fails, so each test pins the
complete list ``policy_violations`` returns (and ``validate_policy`` raises), not a
substring of it. The lists of allowed keys, actions and templates in the messages are
written out here, independently of the plugin.
"""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.pca_policy_rules import (
    is_organization_id,
    is_organization_path,
    policy_violations,
    policy_warnings,
    statement_violations,
    template_arn,
    validate_policy,
)
from ansible_collections.pki.acmpca.plugins.module_utils.policy_document import PolicyError

from ....helpers import CA_ARN, ISSUE_ACTION, ORGANIZATION_ID, OTHER_ACCOUNT_ID, READ_ACTIONS, TEMPLATES, account_policy, organization_policy

CA = parse_certificate_authority_arn(CA_ARN)
OTHER_CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'
CN_CA_ARN = 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
TEMPLATE = 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'

STATEMENT_KEYS = 'Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition'
ALLOWED_ACTIONS = ('acm-pca:DescribeCertificateAuthority, acm-pca:GetCertificate, acm-pca:GetCertificateAuthorityCertificate, '
                   'acm-pca:ListPermissions, acm-pca:ListTags, acm-pca:IssueCertificate, acm-pca:RevokeCertificate')


def allowed_templates(partition='aws'):
    return ', '.join('arn:%s:acm-pca:::template/%s' % (partition, name) for name in TEMPLATES)


ANY_ACCOUNT = ('allows any AWS account (a "*" principal) without a StringEquals aws:PrincipalOrgID condition or a '
               'ForAnyValue:StringLike / ForAnyValue:StringEquals condition on aws:PrincipalOrgPaths; name your organization '
               'or its OUs, or name account IDs as principals')
MISSING_TEMPLATE = ('Statement[0] grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn '
                    'naming an allowed template')
DENY = ('Statement[0] has Effect \'Deny\': ACM PCA resource policies support only Allow statements; put Deny guardrails in '
        'identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC endpoint policies')
READ = "statement 'ReadForAccount' (Statement[0])"
ISSUE = "statement 'IssueForAccount' (Statement[1])"
ORG_READ = "statement 'ReadForOrganization' (Statement[0])"
ORG_ISSUE = "statement 'IssueForOrganization' (Statement[1])"


def read_statement(**changes):
    """One statement granting the read actions to one account, with ``changes`` (None removes a key)."""
    statement = {'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': list(READ_ACTIONS), 'Resource': CA_ARN}
    return _changed(statement, changes)


def issue_statement(**changes):
    statement = {'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': ISSUE_ACTION, 'Resource': CA_ARN,
                 'Condition': {'StringEquals': {'acm-pca:TemplateArn': TEMPLATE}}}
    return _changed(statement, changes)


def _changed(statement, changes):
    for key, value in changes.items():
        if value is None:
            statement.pop(key, None)
        else:
            statement[key] = value
    return statement


def violations(*statements, **kwargs):
    """The violations of a 2012-10-17 policy of ``statements`` on ``ca`` (default: CA)."""
    return policy_violations({'Version': '2012-10-17', 'Statement': list(statements)}, kwargs.get('ca', CA))


def org_statement(condition, principal='*', **changes):
    return read_statement(Principal=principal, Condition=condition, **changes)


# ===================================================================== labels

class TestStatementLabels:

    def test_a_statement_with_a_sid_is_named_by_sid_and_index(self):
        assert violations(read_statement(), read_statement(Sid='Second', Action=None)) == [
            "statement 'Second' (Statement[1]) has no Action"]

    @pytest.mark.parametrize('sid', [None, '', 5, ['Read']], ids=['absent', 'empty', 'number', 'list'])
    def test_a_statement_without_a_usable_sid_is_named_by_its_index(self, sid):
        statement = read_statement(Action=None)
        if sid is not None:
            statement['Sid'] = sid
        assert violations(read_statement(), statement) == ['Statement[1] has no Action']

    @pytest.mark.parametrize('statement', ['acm-pca:GetCertificate', ['Sid'], None, 7])
    def test_a_statement_that_is_not_an_object_is_named_and_nothing_else_is_checked(self, statement):
        assert violations(read_statement(), statement) == ['Statement[1] must be a JSON object']


# ================================================================ policy level

class TestPolicyLevel:

    def test_unknown_top_level_keys_are_each_named_in_order(self):
        document = dict(account_policy(), Expires='2030-01-01', statement=[])
        assert policy_violations(document, CA) == [
            "policy has the unknown top-level key 'Expires' (allowed: Version, Id, Statement)",
            "policy has the unknown top-level key 'statement' (allowed: Version, Id, Statement)",
        ]

    @pytest.mark.parametrize('version, shown', [('2024-01-01', "'2024-01-01'"), ('2012-10-18', "'2012-10-18'"), (2012, '2012'), (None, 'None')])
    def test_a_version_other_than_2012_10_17_or_2008_10_17_is_named(self, version, shown):
        document = dict(account_policy(), Version=version)
        assert policy_violations(document, CA) == ['policy Version %s is not one of 2012-10-17, 2008-10-17' % shown]

    @pytest.mark.parametrize('version', ['2012-10-17', '2008-10-17'])
    def test_both_policy_versions_pass(self, version):
        assert policy_violations(dict(account_policy(), Version=version), CA) == []

    def test_a_policy_without_version_passes(self):
        document = account_policy()
        del document['Version']
        assert policy_violations(document, CA) == []

    @pytest.mark.parametrize('statement', [[], 'absent'], ids=['empty list', 'absent'])
    def test_a_policy_without_statements_says_so_once(self, statement):
        document = account_policy()
        if statement == 'absent':
            del document['Statement']
        else:
            document['Statement'] = statement
        assert policy_violations(document, CA) == ['policy has no Statement']

    def test_an_empty_document_breaks_only_the_statement_rule(self):
        assert policy_violations({}, CA) == ['policy has no Statement']

    def test_one_statement_given_as_an_object_is_checked_as_statement_0(self):
        document = {'Version': '2012-10-17', 'Statement': read_statement(Sid='Only', Resource='*')}
        assert policy_violations(document, CA) == ["statement 'Only' (Statement[0]): Resource '*' is not this CA's ARN %s" % CA_ARN]

    def test_policy_level_violations_come_before_statement_violations(self):
        document = {'Statement': [read_statement(Action=None)], 'Version': '1', 'Extra': 1}
        assert policy_violations(document, CA) == [
            "policy has the unknown top-level key 'Extra' (allowed: Version, Id, Statement)",
            "policy Version '1' is not one of 2012-10-17, 2008-10-17",
            'Statement[0] has no Action',
        ]


# ================================================================= statement keys

class TestStatementKeys:

    def test_unknown_statement_keys_are_each_named_with_the_allowed_keys(self):
        statement = read_statement(Actions=['acm-pca:GetCertificate'], sid='x')
        assert violations(statement) == [
            "Statement[0] has the unknown key 'Actions' (allowed: %s)" % STATEMENT_KEYS,
            "Statement[0] has the unknown key 'sid' (allowed: %s)" % STATEMENT_KEYS,
        ]

    def test_not_action_not_resource_and_not_principal_are_each_refused_in_that_order(self):
        statement = read_statement(Sid='Negated', NotPrincipal={'AWS': OTHER_ACCOUNT_ID}, NotResource=OTHER_CA_ARN, NotAction=ISSUE_ACTION)
        assert violations(statement) == [
            "statement 'Negated' (Statement[0]) uses NotAction, which ACM PCA resource policies do not allow",
            "statement 'Negated' (Statement[0]) uses NotResource, which ACM PCA resource policies do not allow",
            "statement 'Negated' (Statement[0]) uses NotPrincipal, which ACM PCA resource policies do not allow",
        ]

    def test_a_statement_breaking_every_rule_lists_them_in_a_fixed_order(self):
        statement = {'Sid': 'Bad', 'Effect': 'allow', 'Extra': 1, 'NotAction': 'x', 'Action': 'iam:PassRole', 'Resource': '*'}
        assert violations(statement) == [
            "statement 'Bad' (Statement[0]) has the unknown key 'Extra' (allowed: %s)" % STATEMENT_KEYS,
            "statement 'Bad' (Statement[0]) uses NotAction, which ACM PCA resource policies do not allow",
            "statement 'Bad' (Statement[0]) has Effect 'allow'; Effect is case-sensitive: write \"Allow\"",
            "statement 'Bad' (Statement[0]) has no Principal",
            "statement 'Bad' (Statement[0]): Action 'iam:PassRole' is not allowed in an ACM PCA policy (allowed: %s)" % ALLOWED_ACTIONS,
            "statement 'Bad' (Statement[0]): Resource '*' is not this CA's ARN %s" % CA_ARN,
        ]


# ======================================================================== Effect

class TestEffect:

    def test_allow_passes(self):
        assert violations(read_statement(Effect='Allow')) == []

    @pytest.mark.parametrize('effect', ['allow', 'ALLOW', 'aLLow'])
    def test_another_case_of_allow_names_the_right_spelling(self, effect):
        assert violations(read_statement(Effect=effect)) == [
            'Statement[0] has Effect %r; Effect is case-sensitive: write "Allow"' % effect]

    @pytest.mark.parametrize('effect', ['Deny', 'deny', 'DENY'])
    def test_a_deny_is_refused_as_pca_policies_support_only_allow_naming_where_guardrails_belong(self, effect):
        assert violations(read_statement(Effect=effect)) == [
            'Statement[0] has Effect %r: ACM PCA resource policies support only Allow statements; put Deny guardrails in '
            'identity-based policies, service control policies (SCPs), resource control policies (RCPs) or VPC endpoint '
            'policies' % effect]

    @pytest.mark.parametrize('effect, shown', [('Permit', "'Permit'"), ('', "''"), (True, 'True'), (['Allow'], "['Allow']")])
    def test_any_other_effect_names_allow(self, effect, shown):
        assert violations(read_statement(Effect=effect)) == [
            'Statement[0] has Effect %s; it must be "Allow" (ACM PCA resource policies support only Allow statements)' % shown]

    @pytest.mark.parametrize('effect', ['absent', None], ids=['absent', 'null'])
    def test_a_missing_effect_is_named_as_missing(self, effect):
        statement = read_statement(Effect=None)
        if effect is None:
            statement['Effect'] = None
        assert violations(statement) == ['Statement[0] has no Effect; write Effect "Allow"']

    def test_a_misspelt_allow_still_gets_the_allow_rules_in_the_same_pass(self):
        assert violations(issue_statement(Effect='allow', Condition=None)) == [
            'Statement[0] has Effect \'allow\'; Effect is case-sensitive: write "Allow"', MISSING_TEMPLATE]

    def test_a_lower_case_public_allow_reports_both_rules_at_once(self):
        assert violations(org_statement(None, Effect='allow')) == [
            'Statement[0] has Effect \'allow\'; Effect is case-sensitive: write "Allow"', 'Statement[0] ' + ANY_ACCOUNT]

    def test_a_statement_without_effect_still_gets_the_allow_rules(self):
        assert violations(org_statement(None, Effect=None)) == [
            'Statement[0] has no Effect; write Effect "Allow"', 'Statement[0] ' + ANY_ACCOUNT]


# ===================================================================== Principal

class TestPrincipal:

    def test_a_missing_principal_is_named(self):
        assert violations(read_statement(Principal=None)) == ['Statement[0] has no Principal']

    @pytest.mark.parametrize('principal', [[OTHER_ACCOUNT_ID], OTHER_ACCOUNT_ID, ['*'], 5])
    def test_a_principal_neither_star_nor_an_object_is_refused_once(self, principal):
        # A list holding "*" is no principal at all: it is not read as "everyone" either.
        assert violations(read_statement(Principal=principal)) == [
            'Statement[0]: Principal must be "*" or an object such as {"AWS": "<account id>"}']

    def test_an_empty_principal_object_is_refused(self):
        assert violations(read_statement(Principal={})) == [
            'Statement[0]: Principal is empty ({}); name who is allowed, such as {"AWS": "<account id>"}']

    def test_an_empty_list_of_principals_is_refused(self):
        assert violations(read_statement(Principal={'AWS': []})) == [
            'Statement[0]: Principal AWS is an empty list; name at least one principal']

    @pytest.mark.parametrize('value', [111122223333, 1.5, None, True])
    def test_a_principal_value_that_is_not_a_string_is_refused_with_the_quoting_hint(self, value):
        assert violations(read_statement(Principal={'AWS': ['444455556666', value]})) == [
            'Statement[0]: Principal AWS value %r must be a string; YAML or a template made it a number: quote account IDs, '
            'or use "{{ account_id | string }}"' % (value,)]

    @pytest.mark.parametrize('value', ['11112222333', '1111222233334', '0'])
    def test_digits_that_are_not_12_are_not_an_account_id(self, value):
        assert violations(read_statement(Principal={'AWS': value})) == [
            "Statement[0]: Principal AWS %r is not an account ID: account IDs are 12 digits (quote them in YAML so leading "
            "zeros stay)" % value]

    @pytest.mark.parametrize('value', ['alice', 'arn:aws:iam::111122223333', 'arn:aws:iam::11112222333:root',
                                       'arn:aws:sts::111122223333:role/x', 'arn:aws:s3:::bucket', '111122223333 '])
    def test_a_value_naming_no_principal_lists_the_accepted_forms(self, value):
        assert violations(read_statement(Principal={'AWS': value})) == [
            "Statement[0]: Principal AWS %r names no principal: give a 12-digit account ID, arn:aws:iam::<account id>:root, "
            "an IAM user or role ARN, or arn:aws:sts::<account id>:assumed-role/<role>/<session>" % value]

    def test_the_accepted_forms_are_shown_in_the_cas_partition(self):
        ca = parse_certificate_authority_arn(CN_CA_ARN)
        assert violations(read_statement(Principal={'AWS': 'bob'}, Resource=CN_CA_ARN), ca=ca) == [
            "Statement[0]: Principal AWS 'bob' names no principal: give a 12-digit account ID, arn:aws-cn:iam::<account id>:root, "
            "an IAM user or role ARN, or arn:aws-cn:sts::<account id>:assumed-role/<role>/<session>"]

    @pytest.mark.parametrize('value', [
        OTHER_ACCOUNT_ID,
        '000000000000',
        'arn:aws:iam::111122223333:root',
        'arn:aws:iam::111122223333:user/alice',
        'arn:aws:iam::111122223333:role/path/Issuer',
        'arn:aws:sts::111122223333:assumed-role/Issuer/session',
    ])
    def test_an_account_id_or_a_principal_arn_of_the_cas_partition_passes(self, value):
        assert violations(read_statement(Principal={'AWS': value}), issue_statement(Principal={'AWS': [value, '444455556666']})) == []

    def test_a_principal_arn_of_another_partition_is_refused_naming_both_partitions(self):
        value = 'arn:aws-cn:iam::111122223333:root'
        assert violations(read_statement(Principal={'AWS': value})) == [
            "Statement[0]: Principal AWS %r is in partition 'aws-cn' but the CA is in 'aws'; principals of another partition "
            "cannot use this CA" % value]

    def test_a_principal_arn_of_the_aws_partition_is_refused_on_a_china_ca(self):
        ca = parse_certificate_authority_arn(CN_CA_ARN)
        value = 'arn:aws:sts::111122223333:assumed-role/Issuer/session'
        assert violations(read_statement(Principal={'AWS': value}, Resource=CN_CA_ARN), ca=ca) == [
            "Statement[0]: Principal AWS %r is in partition 'aws' but the CA is in 'aws-cn'; principals of another partition "
            "cannot use this CA" % value]

    def test_each_bad_value_of_a_principal_list_is_named_in_order(self):
        assert violations(read_statement(Principal={'AWS': ['12345', OTHER_ACCOUNT_ID, 'carol']})) == [
            "Statement[0]: Principal AWS '12345' is not an account ID: account IDs are 12 digits (quote them in YAML so leading "
            "zeros stay)",
            "Statement[0]: Principal AWS 'carol' names no principal: give a 12-digit account ID, arn:aws:iam::<account id>:root, "
            "an IAM user or role ARN, or arn:aws:sts::<account id>:assumed-role/<role>/<session>",
        ]

    def test_an_aws_star_with_an_organization_passes(self):
        assert violations(org_statement({'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}}, principal={'AWS': '*'})) == []


# ======================================================================== Action

class TestAction:

    @pytest.mark.parametrize('action', [None, []], ids=['absent', 'empty list'])
    def test_a_statement_without_actions_says_so_once(self, action):
        assert violations(read_statement(Action=action)) == ['Statement[0] has no Action']

    @pytest.mark.parametrize('action', ['acm-pca:*', '*', 'acm-pca:DeleteCertificateAuthority', 'acm-pca:GetPolicy', 5, None])
    def test_an_action_outside_the_seven_is_refused_listing_the_seven(self, action):
        assert violations(read_statement(Action=['acm-pca:GetCertificate', action])) == [
            'Statement[0]: Action %r is not allowed in an ACM PCA policy (allowed: %s)' % (action, ALLOWED_ACTIONS)]

    @pytest.mark.parametrize('action', list(READ_ACTIONS) + ['acm-pca:RevokeCertificate', 'ACM-PCA:LISTTAGS', 'acm-pca:listpermissions'])
    def test_each_allowed_action_in_any_case_passes(self, action):
        assert violations(read_statement(Action=action)) == []

    def test_an_issue_grant_in_another_case_among_other_values_still_needs_a_template(self):
        assert violations(issue_statement(Action=[5, 'ACM-PCA:ISSUECERTIFICATE'], Condition=None)) == [
            'Statement[0]: Action 5 is not allowed in an ACM PCA policy (allowed: %s)' % ALLOWED_ACTIONS,
            'Statement[0] grants acm-pca:IssueCertificate without a StringEquals condition on acm-pca:TemplateArn naming an '
            'allowed template',
        ]


# ====================================================================== Resource

class TestResource:

    @pytest.mark.parametrize('resource', [None, []], ids=['absent', 'empty list'])
    def test_a_statement_without_resource_names_the_cas_arn(self, resource):
        assert violations(read_statement(Resource=resource)) == [
            "Statement[0] has no Resource; it must be this CA's ARN %s" % CA_ARN]

    def test_each_resource_other_than_this_ca_is_named(self):
        assert violations(read_statement(Resource=[CA_ARN, OTHER_CA_ARN, '*', 7])) == [
            "Statement[0]: Resource %r is not this CA's ARN %s" % (OTHER_CA_ARN, CA_ARN),
            "Statement[0]: Resource '*' is not this CA's ARN %s" % CA_ARN,
            "Statement[0]: Resource 7 is not this CA's ARN %s" % CA_ARN,
        ]

    def test_the_cas_arn_as_a_one_element_list_passes(self):
        assert violations(read_statement(Resource=[CA_ARN])) == []


# ================================================================ TemplateArn

class TestIssueTemplate:

    @pytest.mark.parametrize('condition', [
        None,
        'StringEquals',
        {},
        {'StringEquals': 'acm-pca:TemplateArn'},
        {'StringEquals': {}},
        {'StringEquals': {'acm-pca:TemplateArn': []}},
        {'StringLike': {'acm-pca:TemplateArn': TEMPLATE}},
        {'StringEquals': {'acm-pca:TemplateArns': TEMPLATE}},
    ], ids=['absent', 'a string', 'empty', 'operator not an object', 'no keys', 'no values', 'StringLike', 'another key'])
    def test_an_issue_grant_without_a_string_equals_template_condition_is_refused(self, condition):
        assert violations(issue_statement(Condition=condition)) == [MISSING_TEMPLATE]

    def test_a_deny_of_issue_is_refused_as_a_deny_only(self):
        assert violations(issue_statement(Effect='Deny', Condition=None)) == [DENY]

    def test_a_read_grant_needs_no_template(self):
        assert violations(read_statement()) == []

    @pytest.mark.parametrize('key', ['acm-pca:templatearn', 'ACM-PCA:TEMPLATEARN'])
    def test_the_condition_key_is_matched_without_case(self, key):
        assert violations(issue_statement(Condition={'StringEquals': {key: TEMPLATE}})) == []

    def test_every_spelling_of_the_key_is_checked_and_other_keys_are_ignored(self):
        condition = {'StringEquals': {1: 'ignored', 'acm-pca:TemplateArn': TEMPLATE, 'ACM-PCA:TemplateARN': ['x', TEMPLATE]}}
        assert violations(issue_statement(Condition=condition)) == [
            "Statement[0]: acm-pca:TemplateArn 'x' is not a template a shared CA may issue with (allowed: %s)" % allowed_templates()]

    @pytest.mark.parametrize('template', [
        'arn:aws:acm-pca:::template/RootCACertificate/V1',
        'arn:aws:acm-pca:::template/EndEntityCertificate/V2',
        'arn:aws:acm-pca:::template/',
        'arn:aws:acm-pca:us-east-1::template/EndEntityCertificate/V1',
        'EndEntityCertificate/V1',
        TEMPLATE + '\n',
        42,
        None,
    ])
    def test_a_template_outside_the_six_is_refused_listing_the_six(self, template):
        assert violations(issue_statement(Condition={'StringEquals': {'acm-pca:TemplateArn': [TEMPLATE, template]}})) == [
            'Statement[0]: acm-pca:TemplateArn %r is not a template a shared CA may issue with (allowed: %s)'
            % (template, allowed_templates())]

    def test_the_six_are_listed_in_the_cas_partition(self):
        ca = parse_certificate_authority_arn(CN_CA_ARN)
        statement = issue_statement(Resource=CN_CA_ARN, Condition={'StringEquals': {'acm-pca:TemplateArn': 'nope'}})
        assert violations(statement, ca=ca) == [
            "Statement[0]: acm-pca:TemplateArn 'nope' is not a template a shared CA may issue with (allowed: %s)"
            % allowed_templates('aws-cn')]

    def test_a_template_of_another_partition_is_refused_naming_both_partitions(self):
        template = 'arn:aws-us-gov:acm-pca:::template/EndEntityCertificate/V1'
        assert violations(issue_statement(Condition={'StringEquals': {'acm-pca:TemplateArn': template}})) == [
            "Statement[0]: acm-pca:TemplateArn %r is in partition 'aws-us-gov' but the CA is in 'aws'" % template]

    def test_a_template_of_the_cas_partition_passes_on_a_china_ca(self):
        ca = parse_certificate_authority_arn(CN_CA_ARN)
        statement = issue_statement(Resource=CN_CA_ARN, Condition={'StringEquals': {
            'acm-pca:TemplateArn': 'arn:aws-cn:acm-pca:::template/SubordinateCACertificate_PathLen0/V1'}})
        assert violations(statement, ca=ca) == []


# ================================================================= "*" principals

class TestEveryonePrincipal:

    @pytest.mark.parametrize('principal', ['*', {'AWS': '*'}, {'AWS': ['*']}, {'AWS': [OTHER_ACCOUNT_ID, '*']}])
    def test_a_star_principal_without_an_organization_condition_is_refused(self, principal):
        assert violations(org_statement(None, principal=principal)) == ['Statement[0] ' + ANY_ACCOUNT]

    @pytest.mark.parametrize('condition', [
        {'StringLike': {'aws:PrincipalOrgID': ORGANIZATION_ID}},
        {'StringEquals': {'aws:PrincipalOrgID': []}},
        {'ForAllValues:StringLike': {'aws:PrincipalOrgPaths': ORGANIZATION_ID + '/*'}},
        {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': []}},
        {'StringEquals': {'aws:SourceAccount': OTHER_ACCOUNT_ID}},
    ], ids=['StringLike org id', 'no org id', 'ForAllValues', 'no paths', 'another key'])
    def test_a_condition_that_does_not_narrow_to_an_organization_is_refused(self, condition):
        assert violations(org_statement(condition)) == ['Statement[0] ' + ANY_ACCOUNT]

    def test_an_account_principal_needs_no_organization_and_a_deny_is_refused_as_a_deny_only(self):
        assert violations(read_statement(Principal={'AWS': OTHER_ACCOUNT_ID})) == []
        assert violations(org_statement(None, Effect='Deny')) == [DENY]

    @pytest.mark.parametrize('condition', [
        {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID}},
        {'StringEquals': {'AWS:PRINCIPALORGID': [ORGANIZATION_ID]}},
        {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': ORGANIZATION_ID + '/*'}},
        {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': [ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111/*']}},
        {'ForAnyValue:StringEquals': {'aws:principalorgpaths': ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111/'}},
        {'StringEquals': {'aws:PrincipalOrgID': ORGANIZATION_ID},
         'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': ORGANIZATION_ID + '/r-ab12/*'}},
    ], ids=['org id', 'org id in upper case', 'org path', 'ou path', 'exact ou path', 'both'])
    def test_an_organization_or_its_ous_narrow_a_star_principal(self, condition):
        assert violations(org_statement(condition)) == []

    @pytest.mark.parametrize('value', ['o-ABCDEFGHIJ', 'o-short', OTHER_ACCOUNT_ID, ORGANIZATION_ID + '\n', 12345, None])
    def test_a_value_that_is_not_an_organization_id_is_named(self, value):
        condition = {'StringEquals': {'aws:PrincipalOrgID': [ORGANIZATION_ID, value]}}
        assert violations(org_statement(condition)) == [
            'Statement[0]: aws:PrincipalOrgID %r is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)'
            % (value,)]

    @pytest.mark.parametrize('operator', ['ForAnyValue:StringLike', 'ForAnyValue:StringEquals'])
    @pytest.mark.parametrize('value', ['o-a1b2c3d4e5/r-ab12/ou-ab12', 'r-ab12/*', ORGANIZATION_ID + '/**', 7])
    def test_a_value_that_is_not_an_organization_path_is_named_once(self, operator, value):
        condition = {operator: {'aws:PrincipalOrgPaths': [value]}}
        assert violations(org_statement(condition)) == [
            'Statement[0]: aws:PrincipalOrgPaths %r under %s is not an organization path such as '
            'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' % (value, operator)]

    @pytest.mark.parametrize('value', [ORGANIZATION_ID + '/*', ORGANIZATION_ID + '/r-ab12/ou-ab12-11111111/*'])
    def test_a_wildcard_path_under_string_equals_matches_no_principal(self, value):
        condition = {'ForAnyValue:StringEquals': {'aws:PrincipalOrgPaths': value}}
        assert violations(org_statement(condition)) == [
            'Statement[0]: aws:PrincipalOrgPaths %r under ForAnyValue:StringEquals matches no principal (StringEquals takes * '
            'literally); use ForAnyValue:StringLike' % value]

    def test_every_organization_problem_is_named_in_order(self):
        condition = {
            'StringEquals': {'aws:PrincipalOrgID': ['o-BAD', 'o-WORSE']},
            'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': ['bad-path', ORGANIZATION_ID + '/*']},
            'ForAnyValue:StringEquals': {'aws:PrincipalOrgPaths': ['bad-too', ORGANIZATION_ID + '/*']},
        }
        assert violations(org_statement(condition)) == [
            "Statement[0]: aws:PrincipalOrgID 'o-BAD' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)",
            "Statement[0]: aws:PrincipalOrgID 'o-WORSE' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)",
            "Statement[0]: aws:PrincipalOrgPaths 'bad-path' under ForAnyValue:StringLike is not an organization path such as "
            "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*",
            "Statement[0]: aws:PrincipalOrgPaths 'bad-too' under ForAnyValue:StringEquals is not an organization path such as "
            "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*",
            "Statement[0]: aws:PrincipalOrgPaths 'o-a1b2c3d4e5/*' under ForAnyValue:StringEquals matches no principal "
            "(StringEquals takes * literally); use ForAnyValue:StringLike",
        ]

    def test_the_documented_organization_issue_statement_passes_and_its_rules_apply_together(self):
        document = organization_policy()
        document['Statement'][1]['Condition']['StringEquals'] = {'acm-pca:TemplateArn': 'bad', 'aws:PrincipalOrgID': 'o-bad'}
        assert policy_violations(document, CA) == [
            "%s: acm-pca:TemplateArn 'bad' is not a template a shared CA may issue with (allowed: %s)" % (ORG_ISSUE, allowed_templates()),
            "%s: aws:PrincipalOrgID 'o-bad' is not an organization ID (o- followed by 10 to 32 lowercase letters or digits)"
            % ORG_ISSUE,
        ]


# ================================================================ one pass

class TestEveryRuleInOnePass:

    def test_every_rule_of_every_statement_is_named_at_once_each_with_its_statement_and_element(self):
        document = {'Version': '2012-10-17', 'Statement': [
            read_statement(Sid='Public', Effect='allow', Principal='*', Resource=None),
            issue_statement(Sid='Guardrail', Effect='Deny', Action=None),
        ]}
        assert policy_violations(document, CA) == [
            "statement 'Public' (Statement[0]) has Effect 'allow'; Effect is case-sensitive: write \"Allow\"",
            "statement 'Public' (Statement[0]) has no Resource; it must be this CA's ARN %s" % CA_ARN,
            "statement 'Public' (Statement[0]) " + ANY_ACCOUNT,
            "statement 'Guardrail' (Statement[1]) has Effect 'Deny': ACM PCA resource policies support only Allow statements; "
            "put Deny guardrails in identity-based policies, service control policies (SCPs), resource control policies (RCPs) "
            "or VPC endpoint policies",
            "statement 'Guardrail' (Statement[1]) has no Action",
        ]

    @pytest.mark.parametrize('element', ['Principal', 'Action', 'Resource'])
    def test_an_element_given_as_null_is_named_as_missing(self, element):
        statement = read_statement()
        statement[element] = None
        expected = {'Principal': 'Statement[0] has no Principal', 'Action': 'Statement[0] has no Action',
                    'Resource': "Statement[0] has no Resource; it must be this CA's ARN %s" % CA_ARN}
        assert violations(statement) == [expected[element]]

    def test_statement_violations_labels_a_statement_by_its_index(self):
        assert statement_violations(read_statement(Sid='Mine', Action=None), 3, CA) == ["statement 'Mine' (Statement[3]) has no Action"]
        assert statement_violations(read_statement(), 0, CA) == []


# ========================================================= X.509 condition keys

X509_KEY = 'acm-pca:x509Ext/ExtendedKeyUsage'


def x509_statement(actions, operator='StringEquals', key=X509_KEY):
    condition = {'StringEquals': {'acm-pca:TemplateArn': TEMPLATE}}
    condition.setdefault(operator, {})[key] = '1.3.6.1.5.5.7.3.1'
    return issue_statement(Sid='Narrowed', Action=actions, Condition=condition)


class TestX509ConditionKeys:

    def test_on_issue_certificate_alone_they_pass_without_warning(self):
        statement = x509_statement(ISSUE_ACTION)
        assert violations(statement) == []
        assert policy_warnings({'Statement': [statement]}) == []
        assert policy_warnings({'Statement': x509_statement([ISSUE_ACTION, 'ACM-PCA:issuecertificate'])}) == []

    @pytest.mark.parametrize('key', [X509_KEY, 'ACM-PCA:X509SUBJECT/COMMONNAME', 'acm-pca:x509Ext/SubjectAlternativeName/DNSName'])
    def test_with_other_actions_they_warn_that_the_test_never_matches_for_those(self, key):
        statement = x509_statement([ISSUE_ACTION, 'acm-pca:GetCertificate', 'acm-pca:ListTags'], key=key)
        assert violations(statement) == []
        assert policy_warnings({'Statement': [read_statement(), statement]}) == [
            "statement 'Narrowed' (Statement[1]): Condition StringEquals %r is an X.509 certificate condition key, present only in "
            "acm-pca:IssueCertificate requests: for acm-pca:GetCertificate, acm-pca:ListTags the test never matches, so the "
            "statement never grants them; give acm-pca:IssueCertificate a statement of its own" % key]

    @pytest.mark.parametrize('operator, outcome', [
        ('StringEqualsIfExists', 'under StringEqualsIfExists the test holds when the key is absent, so it narrows nothing'),
        ('ForAllValues:StringLike', 'under ForAllValues:StringLike the test holds when the key is absent, so it narrows nothing'),
        ('Null', 'under Null the test sees only that the key is absent, never a certificate'),
        # IAM: a negated operator holds when its key is not in the request.
        ('StringNotEquals', 'under StringNotEquals the test holds when the key is absent, so it narrows nothing'),
        ('StringNotLikeIfExists', 'under StringNotLikeIfExists the test holds when the key is absent, so it narrows nothing'),
    ])
    def test_an_operator_that_holds_on_an_absent_key_is_named_for_what_it_does(self, operator, outcome):
        statement = x509_statement('acm-pca:GetCertificate', operator=operator)
        assert policy_warnings({'Statement': statement}) == [
            "statement 'Narrowed' (Statement[0]): Condition %s %r is an X.509 certificate condition key, present only in "
            "acm-pca:IssueCertificate requests: for acm-pca:GetCertificate %s; use the key only in a statement for "
            "acm-pca:IssueCertificate, or drop it" % (operator, X509_KEY, outcome)]

    @pytest.mark.parametrize('actions', ['acm-pca:RevokeCertificate', ['acm-pca:GetCertificate', 'acm-pca:ListTags']])
    def test_without_issue_certificate_beside_them_the_advice_is_not_to_split_it_off(self, actions):
        # There is no IssueCertificate to give a statement of its own: the key only belongs elsewhere.
        statement = x509_statement(actions)
        assert policy_warnings({'Statement': [statement]}) == [
            "statement 'Narrowed' (Statement[0]): Condition StringEquals %r is an X.509 certificate condition key, present only "
            "in acm-pca:IssueCertificate requests: for %s the test never matches, so the statement never grants them; use the "
            "key only in a statement for acm-pca:IssueCertificate, or drop it"
            % (X509_KEY, ', '.join(actions) if isinstance(actions, list) else actions)]

    @pytest.mark.parametrize('document', [{}, {'Statement': 'x'}, {'Statement': [read_statement()]}, 'text',
                                          {'Statement': [read_statement(Condition='StringEquals')]},
                                          {'Statement': [read_statement(Condition={'StringEquals': 'acm-pca:x509Subject'})]}])
    def test_policies_without_such_keys_give_no_warning(self, document):
        assert policy_warnings(document) == []


# ================================================================ validate_policy

class TestValidatePolicy:

    def test_a_policy_following_the_rules_raises_nothing(self):
        assert validate_policy(account_policy(), CA) is None
        assert validate_policy(organization_policy(), CA) is None

    def test_one_violation_is_reported_in_the_singular_with_the_whole_message(self):
        document = account_policy()
        del document['Statement'][0]['Principal']
        with pytest.raises(PolicyError) as exc_info:
            validate_policy(document, CA)
        assert str(exc_info.value) == "policy breaks 1 ACM PCA policy rule: %s has no Principal" % READ
        assert exc_info.value.violations == ['%s has no Principal' % READ]

    def test_several_violations_are_joined_in_order_and_listed(self):
        document = account_policy()
        document['Statement'][0]['Resource'] = '*'
        document['Statement'][1]['Effect'] = 'Permit'
        expected = [
            "%s: Resource '*' is not this CA's ARN %s" % (READ, CA_ARN),
            '%s has Effect \'Permit\'; it must be "Allow" (ACM PCA resource policies support only Allow statements)' % ISSUE,
        ]
        with pytest.raises(PolicyError) as exc_info:
            validate_policy(document, CA)
        assert exc_info.value.violations == expected
        assert str(exc_info.value) == 'policy breaks 2 ACM PCA policy rules: ' + '; '.join(expected)

    def test_three_violations_are_counted_in_the_plural(self):
        with pytest.raises(PolicyError) as exc_info:
            validate_policy({'Version': 'x', 'Statement': [], 'Other': 1}, CA)
        assert str(exc_info.value) == (
            "policy breaks 3 ACM PCA policy rules: policy has the unknown top-level key 'Other' (allowed: Version, Id, Statement); "
            "policy Version 'x' is not one of 2012-10-17, 2008-10-17; policy has no Statement")


# ================================================================ public helpers

class TestHelpers:

    @pytest.mark.parametrize('partition, name, arn', [
        ('aws', 'EndEntityCertificate/V1', 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'),
        ('aws-us-gov', 'SubordinateCACertificate_PathLen0/V1', 'arn:aws-us-gov:acm-pca:::template/SubordinateCACertificate_PathLen0/V1'),
    ])
    def test_template_arn_names_a_template_in_a_partition(self, partition, name, arn):
        assert template_arn(partition, name) == arn

    @pytest.mark.parametrize('value, expected', [(ORGANIZATION_ID, True), ('o-ABCDEFGHIJ', False), (None, False), (12, False)])
    def test_is_organization_id(self, value, expected):
        assert is_organization_id(value) is expected

    @pytest.mark.parametrize('value, expected', [
        (ORGANIZATION_ID + '/*', True), (ORGANIZATION_ID + '/r-ab12/', True), ('r-ab12/*', False), (None, False), (['o-a1b2c3d4e5/*'], False)])
    def test_is_organization_path(self, value, expected):
        assert is_organization_path(value) is expected
