# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The role's bad-input case that tests/integration/test_bad_input.py leaves to a unit test:
CA ARNs of another account (tests/integration/test_org_sharing.py proves the role stops
there before any write)."""


from ansible_collections.pki.acmpca.plugins.filter.org_sharing import org_sharing_changes

from tests.support.bad_input_cases import ALL_CASES, ORG_ID

from ....helpers import CA_ARN


def test_a_ca_of_another_account_is_refused_with_the_role_cases_message():
    case = [case for case in ALL_CASES if case.id == "role-ca-arn-of-another-account"][0]
    role_vars = case.args(CA_ARN)
    listed = [{"arn": CA_ARN, "status": "ACTIVE", "policy": None}]
    plan = org_sharing_changes(listed, role_vars["org_sharing_organization_id"],
                               certificate_authority_arns=role_vars["org_sharing_certificate_authority_arns"])
    assert plan["changes"] == []
    for expected in case.expect:
        assert expected in plan["refusal"], plan["refusal"]
    assert role_vars["org_sharing_organization_id"] == ORG_ID
