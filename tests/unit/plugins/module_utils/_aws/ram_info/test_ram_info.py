# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ram_info: add_ram_shares reads RAM in the region acmpca_info lists CAs in (not the
connection's), and gives each CA its shares or returns the pending invitations
(acmpca_info's whole use of it is tested in modules/acmpca_info/test_include_shares.py)."""


from ansible_collections.pki.acmpca.plugins.module_utils._aws import ram_info

from .....helpers import PARAMS

LISTED_REGION = 'eu-west-1'
CA = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/11111111-1111-1111-1111-111111111111'
CA_2 = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/22222222-2222-2222-2222-222222222222'


def test_pending_invitations_are_read_in_the_listed_region(monkeypatch):
    seen = []
    monkeypatch.setattr(ram_info, 'pending_certificate_authority_invitations',
                        lambda client: seen.append((client.meta.service_model.service_name, client.meta.region_name)) or ['p'])
    assert ram_info.add_ram_shares(dict(PARAMS), LISTED_REGION, [dict(arn=CA)], 'OTHER_ACCOUNTS') == dict(pending_invitations=['p'])
    assert seen == [('ram', LISTED_REGION)]


def test_each_ca_gets_its_shares_read_in_the_listed_region(monkeypatch):
    seen = []

    def shares(client, arns):
        seen.append((client.meta.service_model.service_name, client.meta.region_name, arns))
        return {CA: ['one'], CA_2: []}

    monkeypatch.setattr(ram_info, 'shares_by_certificate_authority', shares)
    cas = [dict(arn=CA), dict(arn=CA_2)]
    assert ram_info.add_ram_shares(dict(PARAMS), LISTED_REGION, cas, 'SELF') == {}
    assert cas == [dict(arn=CA, ram_shares=['one']), dict(arn=CA_2, ram_shares=[])]
    assert seen == [('ram', LISTED_REGION, [CA, CA_2])]
