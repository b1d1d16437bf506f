# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""policy_statements: statements owned by their Sid, merged into a CA's policy with every
other statement kept; the statements AWS RAM wrote; the checks on the statements option."""


import copy
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.pki.acmpca.plugins.module_utils._policy import org_sharing, policy_statements
from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import (
    OrgSharingSettings,
    ORG_SHARING_ISSUE_SID,
    ORG_SHARING_READ_SID,
    org_sharing_statements,
    policy_with_org_sharing,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import PolicyError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_statements import (
    statement_sid,
    dropped_ram_statement_sids,
    is_ram_statement,
    merge_statements,
    policy_with_statements,
    ram_statement_sids,
    requested_statements,
    statement_sid_problems,
)

from .....helpers import CA_ARN, ORGANIZATION_ID, READ_ACTIONS, account_policy, template_arn

CA = parse_certificate_authority_arn(CA_ARN)


def check_sids(statements):
    """The Sids of ``statements`` checked as acmpca_policy checks them (state=absent checks
    the Sids alone): the statements back, or the PolicyError naming every problem."""
    return requested_statements(statements, 'absent', CA)


RAM_SID = '7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals'


def ram_statement(sid=RAM_SID):
    """A statement as AWS RAM writes it for a share (RAM permissions may grant RevokeCertificate)."""
    return {'Sid': sid, 'Effect': 'Allow', 'Principal': {'AWS': '444455556666'},
            'Action': ['acm-pca:IssueCertificate', 'acm-pca:RevokeCertificate'], 'Resource': CA_ARN}


def partner_statement(sid='PartnerRead', account='999988887777'):
    return {'Sid': sid, 'Effect': 'Allow', 'Principal': {'AWS': account}, 'Action': list(READ_ACTIONS), 'Resource': CA_ARN}


def partner_issue_statement(template='EndEntityServerAuthCertificate/V1'):
    return {'Sid': 'PartnerIssue', 'Effect': 'Allow', 'Principal': {'AWS': '999988887777'}, 'Action': 'acm-pca:IssueCertificate',
            'Resource': CA_ARN, 'Condition': {'StringEquals': {'acm-pca:TemplateArn': template_arn(template)}}}


def sids(policy):
    return [statement.get('Sid') for statement in policy['Statement']]


def shared_policy():
    """A CA shared three ways: one account, AWS RAM, and the organization (by the role)."""
    policy = account_policy()
    policy['Statement'].append(ram_statement())
    policy['Statement'].extend(org_sharing_statements(CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'])))
    return policy


class TestRamStatements:

    def test_a_sid_ending_in_external_principals_marks_a_ram_statement(self):
        assert is_ram_statement(ram_statement())
        assert not is_ram_statement(partner_statement())
        assert not is_ram_statement({'Sid': 'external-principals-of-mine'})
        assert not is_ram_statement({'Effect': 'Allow'})
        assert not is_ram_statement(RAM_SID)

    def test_the_ram_statements_of_a_policy_are_named_in_policy_order(self):
        policy = shared_policy()
        policy['Statement'].insert(0, ram_statement('first-external-principals'))
        assert ram_statement_sids(policy) == ['first-external-principals', RAM_SID]

    @pytest.mark.parametrize('policy', [None, 'not json', {}, {'Statement': partner_statement()}])
    def test_no_policy_or_one_without_ram_statements_names_none(self, policy):
        assert ram_statement_sids(policy) == []

    def test_dropped_ram_statements_are_those_whose_sid_is_gone(self):
        current = shared_policy()
        assert dropped_ram_statement_sids(current, account_policy()) == [RAM_SID]
        assert dropped_ram_statement_sids(current, None) == [RAM_SID]
        changed = copy.deepcopy(current)
        changed['Statement'][2]['Action'] = 'acm-pca:IssueCertificate'
        assert dropped_ram_statement_sids(current, changed) == []
        assert dropped_ram_statement_sids(account_policy(), None) == []


class TestMerge:

    def test_a_statement_with_a_new_sid_is_added_after_every_other_statement_kept_as_it_is(self):
        current = shared_policy()
        merged = merge_statements(copy.deepcopy(current), put=[partner_statement()])
        assert merged['Statement'] == current['Statement'] + [partner_statement()]

    def test_a_statement_replaces_the_one_with_its_sid_where_it_stands(self):
        current = shared_policy()
        replacement = dict(account_policy()['Statement'][0], Principal={'AWS': '999988887777'})
        merged = merge_statements(current, put=[replacement])
        assert merged['Statement'][0] == replacement
        assert merged['Statement'][1:] == current['Statement'][1:]

    def test_a_sid_that_appears_twice_on_the_ca_is_left_once_replaced(self):
        current = {'Version': '2012-10-17', 'Statement': [partner_statement(), ram_statement(), partner_statement(account='111111111111')]}
        merged = merge_statements(current, put=[partner_statement(account='222222222222')])
        assert merged['Statement'] == [partner_statement(account='222222222222'), ram_statement()]

    def test_statements_without_a_sid_on_the_ca_are_kept(self):
        anonymous = dict(partner_statement())
        del anonymous['Sid']
        merged = merge_statements({'Version': '2012-10-17', 'Statement': [anonymous]}, put=[partner_statement()])
        assert merged['Statement'] == [anonymous, partner_statement()]

    def test_statements_are_removed_by_sid_and_other_sids_are_kept(self):
        current = shared_policy()
        merged = merge_statements(current, remove=['ReadForAccount', ORG_SHARING_ISSUE_SID, 'NotOnTheCa'])
        assert sids(merged) == ['IssueForAccount', RAM_SID, ORG_SHARING_READ_SID]

    def test_statements_are_removed_by_a_predicate(self):
        merged = merge_statements(shared_policy(), remove=is_ram_statement)
        assert RAM_SID not in sids(merged)

    def test_removing_the_last_statement_gives_no_policy(self):
        assert merge_statements(account_policy(), remove=['ReadForAccount', 'IssueForAccount']) is None
        assert merge_statements(None, remove=['ReadForAccount']) is None

    def test_a_ca_without_policy_gets_a_2012_policy_of_the_statements(self):
        assert merge_statements(None, put=[partner_statement()]) == {'Version': '2012-10-17', 'Statement': [partner_statement()]}

    def test_the_version_and_id_of_the_current_policy_are_kept(self):
        current = dict(account_policy(), Version='2008-10-17', Id='team-pki')
        merged = merge_statements(current, put=[partner_statement()])
        assert (merged['Version'], merged['Id']) == ('2008-10-17', 'team-pki')

    def test_a_statement_given_as_one_object_on_the_ca_is_kept(self):
        merged = merge_statements({'Version': '2012-10-17', 'Statement': ram_statement()}, put=[partner_statement()])
        assert merged['Statement'] == [ram_statement(), partner_statement()]

    def test_the_current_policy_and_the_statements_are_not_modified(self):
        current, put = shared_policy(), [partner_statement()]
        merge_statements(current, put=put, remove=['ReadForAccount'])
        assert current == shared_policy() and put == [partner_statement()]

    def test_a_policy_that_is_not_a_json_object_is_refused(self):
        with pytest.raises(PolicyError, match='not a JSON object'):
            merge_statements('not json', put=[partner_statement()])


class TestOneMergeTwoUsers:
    """The role's merge is the module's: the role's statements are put by Sid and its
    other Sids (a dropped Issue statement) removed; everything else stays."""

    def test_the_role_keeps_the_modules_statements_and_ram_statements(self):
        current = merge_statements(shared_policy(), put=[partner_statement()])
        desired = policy_with_org_sharing(copy.deepcopy(current), CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))
        assert policies_equivalent(desired, current)
        read_only = policy_with_org_sharing(copy.deepcopy(current), CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1'], allow_issue=False))
        assert sids(read_only) == ['ReadForAccount', 'IssueForAccount', RAM_SID, ORG_SHARING_READ_SID, 'PartnerRead']

    def test_the_module_keeps_the_roles_statements_and_ram_statements(self):
        current = shared_policy()
        desired = policy_with_statements(copy.deepcopy(current), [partner_statement()], 'present', CA_ARN)
        assert desired['Statement'] == current['Statement'] + [partner_statement()]
        removed = policy_with_statements(desired, [{'Sid': 'PartnerRead'}], 'absent', CA_ARN)
        assert removed == current

    def test_module_and_role_on_one_ca_converge_after_one_round(self):
        def module_then_role(policy):
            after_module = policy_with_statements(policy, [partner_statement()], 'present', CA_ARN)
            return after_module, policy_with_org_sharing(copy.deepcopy(after_module), CA, OrgSharingSettings(ORGANIZATION_ID, ['EndEntityCertificate/V1']))

        _after_module, first_round = module_then_role(shared_policy())
        after_module, second_round = module_then_role(copy.deepcopy(first_round))
        assert policies_equivalent(after_module, first_round)
        assert policies_equivalent(second_round, first_round)


class TestCheckStatements:

    def test_statements_with_unique_sids_pass(self):
        given = [partner_statement(), partner_issue_statement(), {'Sid': 'OnlyASid'}]
        assert check_sids(given) == given

    def test_every_problem_is_listed_at_once(self):
        with pytest.raises(PolicyError) as exc_info:
            check_sids([{'Effect': 'Allow'}, {'Sid': 'A'}, {'Sid': 'A'}, {'Sid': RAM_SID}])
        assert len(exc_info.value.violations) == 3
        assert str(exc_info.value).startswith('statements has 3 problems: statements[0] has no Sid')


class TestRequestedStatements:

    def test_statements_following_the_rules_pass(self):
        given = [partner_statement(), partner_issue_statement()]
        assert requested_statements(given, 'present', CA) == given

    def test_statements_breaking_the_rules_fail_naming_each_violation(self):
        bad = dict(partner_issue_statement(), Condition={})
        with pytest.raises(PolicyError) as exc_info:
            requested_statements([partner_statement(), bad, dict(partner_statement('Other'), Action='acm-pca:DeleteCertificateAuthority')], 'present', CA)
        assert str(exc_info.value).startswith('statements break 2 ACM PCA policy rules: ')
        assert "statement 'PartnerIssue' (Statement[1]) grants acm-pca:IssueCertificate without" in exc_info.value.violations[0]
        assert "statement 'Other' (Statement[2]): Action 'acm-pca:DeleteCertificateAuthority' is not allowed" in exc_info.value.violations[1]

    def test_without_validation_the_rules_are_not_checked_but_the_sids_are(self):
        unchecked = dict(partner_statement(), Action='acm-pca:DeleteCertificateAuthority')
        assert requested_statements([unchecked], 'present', CA, validate=False) == [unchecked]
        with pytest.raises(PolicyError, match='has no Sid'):
            requested_statements([{'Effect': 'Allow'}], 'present', CA, validate=False)

    def test_for_absent_only_the_sids_are_checked(self):
        assert requested_statements([{'Sid': 'PartnerRead'}], 'absent', CA) == [{'Sid': 'PartnerRead'}]
        with pytest.raises(PolicyError, match='repeats the Sid'):
            requested_statements([{'Sid': 'A'}, {'Sid': 'A'}], 'absent', CA)

    def test_characters_acm_pca_does_not_accept_are_refused(self):
        with pytest.raises(PolicyError, match=r'statements contains the character .* \(U\+20AC\) in Statement\[0\]\.Sid'):
            requested_statements([partner_statement('Partner\u20ac')], 'present', CA)


class TestPolicyWithStatements:

    def test_absent_removes_the_statements_by_sid_whatever_else_they_hold(self):
        current = merge_statements(shared_policy(), put=[partner_statement()])
        assert policy_with_statements(current, [partner_statement()], 'absent', CA_ARN) == shared_policy()

    def test_a_policy_that_would_exceed_the_size_limit_is_refused_naming_the_ca(self):
        big = dict(account_policy(), Id='x' * 81700)
        with pytest.raises(PolicyError, match=f'the policy of {re.escape(CA_ARN)} with these statements is 8[0-9]+ characters once serialized'):
            policy_with_statements(big, [partner_statement()], 'present', CA_ARN)

    def test_a_stored_policy_that_is_not_a_json_object_is_refused_naming_the_ca(self):
        with pytest.raises(PolicyError, match=f'the policy on {re.escape(CA_ARN)} is not a JSON object'):
            policy_with_statements('not json', [partner_statement()], 'present', CA_ARN)


_SIDS = st.sampled_from(['A', 'B', 'C', 'D', RAM_SID, ORG_SHARING_READ_SID])


@st.composite
def _policies(draw):
    statements = [partner_statement(sid, account='%012d' % draw(st.integers(0, 9))) for sid in draw(st.lists(_SIDS, unique=True))]
    return {'Version': '2012-10-17', 'Statement': statements} if statements else None


@given(_policies(), st.lists(st.sampled_from(['A', 'B', 'E']), unique=True, min_size=1), st.integers(0, 9))
def test_put_then_remove_by_sid_keeps_everything_else_and_a_second_put_changes_nothing(current, put_sids, account):
    put = [partner_statement(sid, account='%012d' % account) for sid in put_sids]
    merged = policy_with_statements(copy.deepcopy(current), put, 'present', CA_ARN)
    assert policies_equivalent(policy_with_statements(copy.deepcopy(merged), put, 'present', CA_ARN), merged)
    by_sid = {statement['Sid']: statement for statement in merged['Statement']}
    assert all(by_sid[statement['Sid']] == statement for statement in put)
    others = [statement for statement in (current or {}).get('Statement', []) if statement['Sid'] not in put_sids]
    assert [statement for statement in merged['Statement'] if statement['Sid'] not in put_sids] == others
    removed = policy_with_statements(merged, [{'Sid': sid} for sid in put_sids], 'absent', CA_ARN)
    assert removed == ({'Version': '2012-10-17', 'Statement': others} if others else None)


def raised(function, *args, **kwargs):
    """The PolicyError ``function`` raises: (its message, its violations)."""
    with pytest.raises(PolicyError) as exc_info:
        function(*args, **kwargs)
    return str(exc_info.value), exc_info.value.violations


class TestStatementSid:

    @pytest.mark.parametrize('statement', [{'Sid': ''}, {'Sid': 7}, {'Sid': None}, {'Effect': 'Allow'}, 'PartnerRead', None])
    def test_no_sid_is_none(self, statement):
        assert statement_sid(statement) is None

    def test_a_sid_is_returned_as_it_is(self):
        assert statement_sid({'Sid': ' A '}) == ' A '


class TestCheckStatementsMessages:
    """The whole message a user sees for each problem of the statements option."""

    @pytest.mark.parametrize('statements, message', [
        ([{'Effect': 'Allow'}],
         'statements[0] has no Sid; every statement needs a non-empty Sid, by which it is found on the CA'),
        ([dict(partner_statement(), Sid=None)],
         'statements[0] has no Sid; every statement needs a non-empty Sid, by which it is found on the CA'),
        ([dict(partner_statement(), Sid=7)], 'statements[0] has the Sid 7; a Sid must be a non-empty string'),
        ([{'Sid': 'A'}, {'Sid': ''}], "statements[1] has the Sid ''; a Sid must be a non-empty string"),
        ([{'Sid': ' '}], "statements[0] has the Sid ' '; a Sid must be a non-empty string"),
        ([{'Sid': ['A']}], "statements[0] has the Sid ['A']; a Sid must be a non-empty string"),
        ([{'Sid': 'A'}, {'Sid': 'B'}, {'Sid': 'A'}], "statements[2] repeats the Sid 'A' of statements[0]; each Sid may appear once"),
        ([{'Sid': RAM_SID}], "statements[0]: the Sid '%s' ends in '-external-principals', which marks a statement AWS RAM "
                             "writes for a resource share; manage it through the RAM share, not this option" % RAM_SID),
        ([{'Sid': 'A'}, ['A']], 'statements[1] must be a statement (a dict), got list'),
        ([{'Sid': 'PkiAcmpcaOrgSharingIssue'}], "statements[0]: the Sid 'PkiAcmpcaOrgSharingIssue' starts with 'PkiAcmpcaOrgSharing', "
                                                "which marks a statement the pki.acmpca.org_sharing role owns (its next run would "
                                                "replace or remove it); manage it through the role, or give your statement another Sid"),
    ])
    def test_one_problem_is_the_message_itself(self, statements, message):
        assert raised(check_sids, statements) == (message, [message])

    @pytest.mark.parametrize('statements', [[], (), None, {'Sid': 'A'}, 'A'])
    def test_statements_that_are_not_a_non_empty_list_fail_with_one_message(self, statements):
        message = 'statements must be a non-empty list of statements, each with a Sid'
        assert raised(check_sids, statements) == (message, [message])

    def test_a_tuple_of_statements_is_accepted(self):
        assert check_sids(({'Sid': 'A'},)) == [{'Sid': 'A'}]

    def test_the_option_is_named_in_every_message(self):
        violations = statement_sid_problems(['A', {'Sid': 'B'}, {'Sid': 'B'}, {}], option='extra')
        assert violations == ['extra[0] must be a statement (a dict), got str',
                              "extra[2] repeats the Sid 'B' of extra[1]; each Sid may appear once",
                              'extra[3] has no Sid; every statement needs a non-empty Sid, by which it is found on the CA']
        message, violations = raised(check_sids, ['A', {'Sid': 'B'}, {'Sid': 'B'}, {}])
        assert message == f"statements has 3 problems: {'; '.join(violations)}"
        assert statement_sid_problems([], option='extra') == ['extra must be a non-empty list of statements, each with a Sid']

    def test_every_statement_is_checked_after_one_that_is_not_a_dict(self):
        message, violations = raised(check_sids, [7, {'Sid': 'A'}, {'Sid': 'A'}])
        assert violations == ['statements[0] must be a statement (a dict), got int',
                              "statements[2] repeats the Sid 'A' of statements[1]; each Sid may appear once"]
        assert message == f"statements has 2 problems: {'; '.join(violations)}"

    def test_a_sid_repeated_after_an_empty_one_names_the_first_that_was_a_string(self):
        violations = raised(check_sids, [{'Sid': 'A'}, {'Sid': 7}, {'Sid': 'A'}, {'Sid': 'A'}])[1]
        assert violations[1:] == ["statements[2] repeats the Sid 'A' of statements[0]; each Sid may appear once",
                                  "statements[3] repeats the Sid 'A' of statements[0]; each Sid may appear once"]


class TestMergeEdges:

    def test_a_policy_without_statements_gets_the_put_ones(self):
        current = {'Version': '2008-10-17', 'Id': 'team-pki'}
        expected = {'Version': '2008-10-17', 'Id': 'team-pki', 'Statement': [partner_statement()]}
        assert merge_statements(current, put=[partner_statement()]) == expected

    def test_an_empty_policy_object_gets_a_2012_version(self):
        assert merge_statements({}, put=[partner_statement()]) == {'Version': '2012-10-17', 'Statement': [partner_statement()]}

    def test_nothing_to_put_or_remove_keeps_the_policy(self):
        assert merge_statements(account_policy()) == account_policy()
        assert merge_statements(None) is None

    def test_a_statement_without_a_sid_put_is_added_and_replaces_none(self):
        anonymous = dict(partner_statement())
        del anonymous['Sid']
        other = dict(anonymous, Principal={'AWS': '111111111111'})
        merged = merge_statements({'Version': '2012-10-17', 'Statement': [anonymous, ram_statement()]}, put=[other])
        assert merged['Statement'] == [anonymous, ram_statement(), other]

    def test_put_statements_are_added_in_the_order_given(self):
        merged = merge_statements(account_policy(), put=[partner_statement('Z'), partner_statement('A')])
        assert sids(merged) == ['ReadForAccount', 'IssueForAccount', 'Z', 'A']

    def test_a_policy_that_is_not_a_json_object_is_refused_with_the_whole_message(self):
        assert raised(merge_statements, ['not', 'an', 'object'])[0] == \
            'the policy on the CA is not a JSON object; its statements cannot be merged'


class TestRequestedStatementsMessages:

    def test_one_broken_rule_is_one_rule_in_the_message(self):
        message, violations = raised(requested_statements, [dict(partner_statement(), Effect='allow')], 'present', CA)
        assert violations == ['statement \'PartnerRead\' (Statement[0]) has Effect \'allow\'; Effect is case-sensitive: write "Allow"']
        assert message == f"statements break 1 ACM PCA policy rule: {violations[0]}"

    def test_several_broken_rules_are_joined(self):
        broken = [dict(partner_statement(), Effect='allow'), dict(partner_statement('Other'), Effect='ALLOW')]
        message, violations = raised(requested_statements, broken, 'present', CA)
        assert violations == ['statement \'PartnerRead\' (Statement[0]) has Effect \'allow\'; Effect is case-sensitive: write "Allow"',
                              'statement \'Other\' (Statement[1]) has Effect \'ALLOW\'; Effect is case-sensitive: write "Allow"']
        assert message == f"statements break 2 ACM PCA policy rules: {'; '.join(violations)}"

    def test_the_rules_are_those_of_the_ca_given(self):
        other_arn = CA_ARN.replace('0a1b2c3d-', '1a1b2c3d-')
        violations = raised(requested_statements, [partner_statement()], 'present', parse_certificate_authority_arn(other_arn))[1]
        assert violations == [f"statement 'PartnerRead' (Statement[0]): Resource '{CA_ARN}' is not this CA's ARN {other_arn}"]

    def test_the_checked_statements_are_returned_as_a_new_list(self):
        given = ({'Sid': 'PartnerRead'},)
        returned = requested_statements(given, 'absent', CA)
        assert returned == [{'Sid': 'PartnerRead'}] and isinstance(returned, list)

    def test_absent_does_not_look_at_the_rules_or_limits(self):
        assert requested_statements([{'Sid': 'Partner\u20ac', 'Effect': 'allow'}], 'absent', CA) == [{'Sid': 'Partner\u20ac', 'Effect': 'allow'}]

    def test_the_limits_name_the_statements_option(self):
        message = raised(requested_statements, [partner_statement('Partner\u20ac')], 'present', CA, validate=False)[0]
        assert message == ("statements contains the character '\u20ac' (U+20AC) in Statement[0].Sid at position 8; "
                           "ACM PCA accepts only tab, LF, CR and U+0020..U+00FF")


class TestEveryProblemInOnePass:

    def test_sid_problems_limits_and_broken_rules_are_reported_together(self):
        statements = [{'Sid': 'PkiAcmpcaOrgSharingRead', 'Effect': 'allow'}, dict(partner_statement('Partner\u20ac'), Effect='Deny'), 'x']
        message, violations = raised(requested_statements, statements, 'present', CA)
        assert violations == [
            "statements[0]: the Sid 'PkiAcmpcaOrgSharingRead' starts with 'PkiAcmpcaOrgSharing', which marks a statement the "
            "pki.acmpca.org_sharing role owns (its next run would replace or remove it); manage it through the role, or give your "
            "statement another Sid",
            'statements[2] must be a statement (a dict), got str',
            "statements contains the character '\u20ac' (U+20AC) in Statement[1].Sid at position 8; ACM PCA accepts only tab, LF, "
            "CR and U+0020..U+00FF",
            'statement \'PkiAcmpcaOrgSharingRead\' (Statement[0]) has Effect \'allow\'; Effect is case-sensitive: write "Allow"',
            "statement 'PkiAcmpcaOrgSharingRead' (Statement[0]) has no Principal",
            "statement 'PkiAcmpcaOrgSharingRead' (Statement[0]) has no Action",
            f"statement 'PkiAcmpcaOrgSharingRead' (Statement[0]) has no Resource; it must be this CA's ARN {CA_ARN}",
            "statement 'Partner\u20ac' (Statement[1]) has Effect 'Deny': ACM PCA resource policies support only Allow statements; "
            "put Deny guardrails in identity-based policies, service control policies (SCPs), resource control policies (RCPs) or "
            "VPC endpoint policies",
        ]
        assert message == f"statements has 8 problems: {'; '.join(violations)}"

    def test_a_sid_problem_alone_is_the_message_itself_and_absent_checks_sids_only(self):
        assert raised(requested_statements, [{'Sid': 'PkiAcmpcaOrgSharingRead'}], 'absent', CA)[0].startswith(
            "statements[0]: the Sid 'PkiAcmpcaOrgSharingRead' starts with")

    def test_the_role_prefix_lives_beside_rams_suffix_and_is_importable_from_org_sharing_too(self):
        assert org_sharing.ORG_SHARING_SID_PREFIX is policy_statements.ORG_SHARING_SID_PREFIX
        assert policy_statements.ORG_SHARING_SID_PREFIX == 'PkiAcmpcaOrgSharing'
        assert org_sharing.is_org_sharing_statement is policy_statements.is_org_sharing_statement
        assert policy_statements.is_org_sharing_statement({'Sid': ORG_SHARING_READ_SID})
        assert not policy_statements.is_org_sharing_statement({'Sid': 'pkiacmpcaorgsharingRead'})
        assert not policy_statements.is_org_sharing_statement('PkiAcmpcaOrgSharingRead')


class TestPolicyWithStatementsMessages:

    def test_a_stored_policy_that_is_not_a_json_object_is_refused_with_the_whole_message(self):
        assert raised(policy_with_statements, 'not json', [partner_statement()], 'absent', CA_ARN)[0] == (
            f'the policy on {CA_ARN} is not a JSON object, so statements cannot be merged into it; replace it whole with the policy option')

    def test_present_on_a_ca_without_policy_is_a_2012_policy_of_the_statements(self):
        assert policy_with_statements(None, [partner_statement()], 'present', CA_ARN) == {
            'Version': '2012-10-17', 'Statement': [partner_statement()]}

    def test_absent_of_statements_not_on_the_ca_keeps_the_policy_and_no_policy_stays_none(self):
        assert policy_with_statements(account_policy(), [{'Sid': 'PartnerRead'}], 'absent', CA_ARN) == account_policy()
        assert policy_with_statements(None, [{'Sid': 'PartnerRead'}], 'absent', CA_ARN) is None

    def test_absent_does_not_check_the_size_of_what_is_left(self):
        big = dict(account_policy(), Id='x' * 81900)
        assert policy_with_statements(big, [{'Sid': 'ReadForAccount'}], 'absent', CA_ARN)['Statement'] == [account_policy()['Statement'][1]]

    def test_present_beyond_the_size_limit_names_the_ca_and_the_sizes(self):
        big = dict(account_policy(), Id='x' * 81700)
        message = raised(policy_with_statements, big, [partner_statement()], 'present', CA_ARN)[0]
        assert re.match(r'^the policy of %s with these statements is 8[0-9]{4} characters once serialized; ACM PCA accepts at most 81920\Z'
                        % re.escape(CA_ARN), message)
