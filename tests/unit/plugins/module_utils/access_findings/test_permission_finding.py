# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""access_findings.permission_finding: what a permission of the ACM service principal lets it do, as a finding of include_access."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.access_findings import permission_finding
from ansible_collections.pki.acmpca.plugins.module_utils.permissions import ACM_PRINCIPAL
from ansible_collections.pki.acmpca.plugins.module_utils.trust_zone import trust_zone

from ....helpers import ACCOUNT_ID, OTHER_ACCOUNT_ID


OUTSIDER = '444455556666'


class TestFinding:

    PERMISSION = {'principal': ACM_PRINCIPAL, 'source_account': None, 'actions': ['GetCertificate', 'ListPermissions']}

    def test_a_read_only_permission_cannot_issue(self):
        finding = permission_finding(self.PERMISSION, ACCOUNT_ID)
        assert finding['actions'] == ['acm-pca:GetCertificate', 'acm-pca:ListPermissions']
        assert (finding['can_issue'], finding['templates'], finding['external']) == (False, [], None)

    @pytest.mark.parametrize('source_account, trusted, external', [
        (None, [], False),
        (ACCOUNT_ID, [], False),
        (OTHER_ACCOUNT_ID, [OTHER_ACCOUNT_ID], False),
        (OUTSIDER, [OTHER_ACCOUNT_ID], True),
    ])
    def test_external_is_judged_by_the_source_account_or_the_owner(self, source_account, trusted, external):
        permission = dict(self.PERMISSION, source_account=source_account)
        assert permission_finding(permission, ACCOUNT_ID, trust_zone(trusted))['external'] is external
