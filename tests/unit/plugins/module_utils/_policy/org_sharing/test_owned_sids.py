# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of org_sharing at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import (
    OrgSharingSettings,
    ORG_SHARING_ISSUE_SID,
    ORG_SHARING_READ_SID,
    ORG_SHARING_SID_PREFIX,
    is_org_sharing_statement,
    org_sharing_statements,
)

from .....helpers import CA_ARN


CA = parse_certificate_authority_arn(CA_ARN)


# ------------------------------------------------------------------ Sids

def test_the_org_sharing_sids_are_pinned_and_distinct():
    assert ORG_SHARING_SID_PREFIX == 'PkiAcmpcaOrgSharing'
    assert ORG_SHARING_READ_SID == 'PkiAcmpcaOrgSharingRead'
    assert ORG_SHARING_ISSUE_SID == 'PkiAcmpcaOrgSharingIssue'
    assert ORG_SHARING_READ_SID != ORG_SHARING_ISSUE_SID
    assert ORG_SHARING_READ_SID.startswith(ORG_SHARING_SID_PREFIX)
    assert ORG_SHARING_ISSUE_SID.startswith(ORG_SHARING_SID_PREFIX)


def test_the_role_writes_one_read_and_one_issue_statement_under_those_sids():
    statements = org_sharing_statements(CA, OrgSharingSettings('o-a1b2c3d4e5', ['EndEntityCertificate/V1']))
    assert [statement['Sid'] for statement in statements] == ['PkiAcmpcaOrgSharingRead', 'PkiAcmpcaOrgSharingIssue']
    assert all(is_org_sharing_statement(statement) for statement in statements)


@pytest.mark.parametrize('sid', ['PkiAcmpcaOrgSharing', 'PkiAcmpcaOrgSharingRead', 'PkiAcmpcaOrgSharingIssue', 'PkiAcmpcaOrgSharingMine'])
def test_statements_whose_sid_starts_with_the_prefix_are_the_roles(sid):
    assert is_org_sharing_statement({'Sid': sid})


@pytest.mark.parametrize('sid', ['PkiAcmpcaOrgSharin', 'pkiacmpcaorgsharingread', 'PKIACMPCAORGSHARINGREAD', 'XPkiAcmpcaOrgSharingRead',
                                 ' PkiAcmpcaOrgSharingRead', 'Pki-Acmpca-OrgSharingRead', 'ReadForOrganization'])
def test_statements_whose_sid_does_not_start_with_the_exact_prefix_are_not_the_roles(sid):
    assert not is_org_sharing_statement({'Sid': sid})
