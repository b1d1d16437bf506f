# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The pki.acmpca.access_check filter: one request or a list, bad input as an Ansible error."""


import json

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.filter.access_check import FilterModule, access_check

from ....helpers import CA_ARN

POLICY = {'Version': '2012-10-17', 'Statement': [
    {'Sid': 'Read', 'Effect': 'Allow', 'Principal': {'AWS': '444455556666'}, 'Action': 'acm-pca:GetCertificate', 'Resource': CA_ARN}]}
READ = {'principal': '444455556666', 'action': 'GetCertificate'}


def test_the_filter_is_registered_by_its_name():
    assert FilterModule().filters() == {'access_check': access_check}


@pytest.mark.parametrize('policy', [POLICY, json.dumps(POLICY)])
def test_one_request_gives_one_answer(policy):
    assert access_check(policy, READ) == {'decision': 'allowed', 'allowed': True, 'statements': ['Read'],
                                          'missing_context': [], 'same_account': False}


def test_a_list_of_requests_gives_a_list_of_answers():
    answers = access_check(POLICY, [READ, dict(READ, action='ListTags')])
    assert [answer['decision'] for answer in answers] == ['allowed', 'implicitly_denied']


def test_bad_input_is_an_ansible_error_naming_it():
    with pytest.raises(AnsibleFilterError, match="pki.acmpca.access_check: request has unknown key.s. principle"):
        access_check(POLICY, {'principle': '444455556666', 'action': 'GetCertificate'})
    with pytest.raises(AnsibleFilterError, match='resource is needed: the policy names none'):
        access_check(None, READ)
