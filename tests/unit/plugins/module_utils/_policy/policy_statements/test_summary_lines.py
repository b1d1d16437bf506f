# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""statement_change_lines: the summary of statement changes a reviewer reads in diff mode."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_statements import statement_change_lines, statement_owner


RAM_SID = '7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals'
NOTHING = {'added': [], 'removed': [], 'changed': []}


class TestSummaryLines:

    def test_changed_then_added_then_removed_with_ram_and_role_statements_marked(self):
        changes = {'added': ['PartnerRead', 'PkiAcmpcaOrgSharingIssue', '#3'], 'removed': [RAM_SID, '#0'],
                   'changed': [{'sid': 'PartnerIssue', 'elements': ['Action', 'Condition']}]}
        assert statement_change_lines(changes) == [
            'statement PartnerIssue changed: Action, Condition',
            'statement PartnerRead added',
            'statement PkiAcmpcaOrgSharingIssue added (org_sharing role statement)',
            'statement #3 added',
            f'statement {RAM_SID} removed (AWS RAM statement)',
            'statement #0 removed',
        ]

    def test_no_changes_give_no_lines(self):
        assert statement_change_lines(NOTHING) == []

    @pytest.mark.parametrize('sid, owner', [
        (RAM_SID, 'AWS RAM statement'), ('PkiAcmpcaOrgSharingRead', 'org_sharing role statement'),
        ('PartnerRead', None), ('#0', None), (None, None), ('pkiacmpcaorgsharingread', None)])
    def test_statement_owner(self, sid, owner):
        assert statement_owner(sid) == owner
