# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The org_sharing role's RAM method: org_sharing_ram_violations and org_sharing_ram_shares."""


import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.filter.org_sharing import org_sharing_ram_shares, org_sharing_ram_violations

ORG = 'o-a1b2c3d4e5'
OU_PATH = f'{ORG}/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'
CA_1 = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/11111111-1111-1111-1111-111111111111'
CA_2 = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/22222222-2222-2222-2222-222222222222'
CA_3 = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/33333333-3333-3333-3333-333333333333'
DEFAULT = 'AWSRAMDefaultPermissionCertificateAuthority'
REVOKE = 'AWSRAMRevokeCertificateCertificateAuthority'


def ca(arn, status='ACTIVE', shares=()):
    return dict(arn=arn, status=status, ram_shares=[dict(name=name) for name in shares])


class TestViolations:

    def test_the_defaults_are_good(self):
        assert org_sharing_ram_violations(ORG) == []

    @pytest.mark.parametrize('variable', ['templates', 'allow_issue', 'allow_revoke'])
    def test_policy_only_variables_are_refused_when_set(self, variable):
        [problem] = org_sharing_ram_violations(ORG, **{variable: False if variable != 'templates' else ['EndEntityCertificate/V1']})
        assert problem == (f'org_sharing_{variable} is used only with org_sharing_method: policy; with ram, the RAM permission '
                           '(org_sharing_ram_permissions) decides what members may do: unset it')

    def test_every_problem_is_named(self):
        problems = org_sharing_ram_violations('org', permissions=[DEFAULT, f'arn:aws:ram::aws:permission/{DEFAULT}'], share_name='',
                                              organizational_unit_paths=['o-zzzzzzzzzz/r-ab12/ou-ab12-11111111'],
                                              certificate_authority_arns=['nope'], state='gone')
        text = '; '.join(problems)
        for words in ('org_sharing_state', 'organization_id', 'org_sharing_ram_share_name', 'more than once', 'is not in the organization',
                      "'nope'"):
            assert words in text
        assert 'org_sharing_ram_share_name must be a non-empty string' in problems
        assert f'org_sharing_ram_permissions names {DEFAULT} more than once (one share per permission)' in problems
        assert org_sharing_ram_violations(ORG, permissions=[REVOKE, DEFAULT, REVOKE, DEFAULT])[0] == (
            f'org_sharing_ram_permissions names {DEFAULT}, {REVOKE} more than once (one share per permission)')
        for permissions in ([], [''], [DEFAULT, 7]):
            assert org_sharing_ram_violations(ORG, permissions=permissions) == [
                'org_sharing_ram_permissions must be a non-empty list of RAM permission names or ARNs']


class TestShares:

    def test_present_shares_the_active_cas_with_the_organization_one_share_per_permission(self):
        plan = org_sharing_ram_shares([ca(CA_1), ca(CA_2, 'DISABLED')], ORG, permissions=[DEFAULT, REVOKE])
        assert plan['shares'] == [
            dict(name='pki-acmpca-org-sharing', state='present', certificate_authority_arns=[CA_1], purge_certificate_authorities=False,
                 principals=[ORG], permission=DEFAULT, tags={'PkiAcmpcaOrgSharing': DEFAULT}),
            dict(name=f'pki-acmpca-org-sharing-{REVOKE}', state='present', certificate_authority_arns=[CA_1],
                 purge_certificate_authorities=False, principals=[ORG], permission=REVOKE, tags={'PkiAcmpcaOrgSharing': REVOKE}),
        ]
        assert [skipped['arn'] for skipped in plan['skipped']] == [CA_2] and plan['refused'] == [] and plan['refusal'] == ''

    def test_ou_paths_share_with_the_ou_at_their_end(self):
        deep = f'{ORG}/r-ab12/ou-ab12-33333333/ou-ab12-44444444/ou-ab12-55555555'
        plan = org_sharing_ram_shares([ca(CA_1)], ORG, share_name='x',
                                      organizational_unit_paths=[OU_PATH, f'{ORG}/r-ab12/ou-ab12-33333333/*', deep, OU_PATH])
        assert plan['shares'][0]['principals'] == ['ou-ab12-22222222', 'ou-ab12-33333333', 'ou-ab12-55555555']
        assert plan['shares'][0]['name'] == 'x'

    def test_a_permission_arn_names_its_share_by_the_permission_name(self):
        arn = 'arn:aws:ram:eu-west-1:111122223333:permission/path/Mine'
        plan = org_sharing_ram_shares([ca(CA_1)], ORG, permissions=[DEFAULT, arn])
        assert plan['shares'][1]['name'] == 'pki-acmpca-org-sharing-Mine' and plan['shares'][1]['permission'] == arn

    def test_absent_takes_the_listed_cas_out_and_deletes_a_share_left_empty(self):
        cas = [ca(CA_1, shares=['pki-acmpca-org-sharing']), ca(CA_2, shares=['pki-acmpca-org-sharing', 'other']), ca(CA_3)]
        plan = org_sharing_ram_shares(cas, ORG, state='absent', certificate_authority_arns=[CA_1])
        assert plan['shares'] == [dict(name='pki-acmpca-org-sharing', state='present', certificate_authority_arns=[CA_2],
                                       purge_certificate_authorities=True)]
        plan = org_sharing_ram_shares(cas, ORG, state='absent')
        assert plan['shares'] == [dict(name='pki-acmpca-org-sharing', state='absent')]
        assert org_sharing_ram_shares([ca(CA_3)], ORG, state='absent', permissions=[DEFAULT, REVOKE])['shares'] == [
            dict(name='pki-acmpca-org-sharing', state='absent'), dict(name=f'pki-acmpca-org-sharing-{REVOKE}', state='absent')]

    def test_a_listed_ca_not_owned_is_refused(self):
        plan = org_sharing_ram_shares([ca(CA_1)], ORG, certificate_authority_arns=[CA_2])
        assert [refused['arn'] for refused in plan['refused']] == [CA_2] and CA_2 in plan['refusal']

    @pytest.mark.parametrize('cas', [[{'arn': CA_1}], 'nope'])
    def test_the_input_must_be_read_with_include_shares(self, cas):
        with pytest.raises(AnsibleFilterError, match='include_shares=true'):
            org_sharing_ram_shares(cas, ORG)

    def test_bad_settings_fail(self):
        with pytest.raises(AnsibleFilterError, match="'bad-org' is not an organization ID"):
            org_sharing_ram_shares([ca(CA_1)], 'bad-org')
