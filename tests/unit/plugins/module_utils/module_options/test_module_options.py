# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""module_options.checked_module: an unknown option is named before any other check of the options,
through every module of the collection."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils.module_options import unknown_options, unknown_options_message
from ansible_collections.pki.acmpca.plugins.modules import acmpca_info, acmpca_permission, acmpca_policy

from ....helpers import CA_ARN

SPEC = {'policy': {'type': 'json'}, 'statements': {'type': 'list'}, 'resource_arn': {'type': 'str', 'aliases': ['arn']}}


class TestUnknownOptions:

    def test_aliases_are_known(self):
        assert unknown_options(SPEC, ['arn', 'policy']) == []

    def test_unknown_names_are_listed_sorted(self):
        assert unknown_options(SPEC, ['statments', 'polcy', 'arn']) == ['polcy', 'statments']

    def test_the_message_names_each_with_the_option_it_most_likely_stands_for(self):
        assert unknown_options_message(SPEC, ['polcy', 'zzz']) == (
            'Unsupported options: polcy (did you mean policy?), zzz. Options are: policy, resource_arn, statements')


class TestThroughTheModules:

    @pytest.mark.parametrize('args, named', [
        # required_if (state=present needs policy, statements or org_sharing) would speak first in ansible-core.
        ({'resource_arn': CA_ARN, 'polcy': '{}'}, 'Unsupported option: polcy (did you mean policy?)'),
        ({'resource_arn': CA_ARN, 'statments': []}, 'Unsupported option: statments (did you mean statements?)'),
    ])
    def test_acmpca_policy_names_a_misspelled_option_instead_of_a_missing_one(self, run_module, aws_calls, args, named):
        outcome = run_module(acmpca_policy.main, args)
        assert outcome.failed and outcome.result['msg'].startswith(named + '. Options are: ')
        assert aws_calls.operations == []

    def test_acmpca_permission_names_it_before_the_missing_required_option(self, run_module):
        outcome = run_module(acmpca_permission.main, {'sorce_account': '012345678901'})
        assert outcome.result['msg'].startswith('Unsupported option: sorce_account (did you mean source_account?)')

    def test_acmpca_info_names_it(self, run_module):
        outcome = run_module(acmpca_info.main, {'include_polcy': True})
        assert outcome.result['msg'].startswith('Unsupported option: include_polcy (did you mean include_policy?)')

    def test_the_value_of_an_unknown_option_and_of_secrets_is_never_shown(self, run_module):
        outcome = run_module(acmpca_policy.main, {'resource_arn': CA_ARN, 'secret_kye': 'wJalrXUtnFEMI', 'secret_key': 'hunter2secret'})
        assert 'secret_kye (did you mean secret_key?)' in outcome.result['msg']
        assert 'wJalrXUtnFEMI' not in str(outcome.result) and 'hunter2secret' not in str(outcome.result)

    def test_in_check_mode_and_diff_mode_too_and_whatever_the_type_of_the_value(self, run_module):
        # ansible-core's own keys (_ansible_check_mode, _ansible_diff) are never named.
        outcome = run_module(acmpca_permission.main, {'arn': CA_ARN, 'sorce_account': {'a': ['dict']}}, check_mode=True, diff=True)
        assert outcome.failed and outcome.result['msg'].startswith('Unsupported option: sorce_account (did you mean source_account?).')
        # Untyped: no conversion warning about a dict in a string option.
        assert not outcome.result.get('warnings'), outcome.result

    def test_the_values_given_are_masked_in_what_the_module_logs(self, run_module, monkeypatch):
        logged = []
        monkeypatch.setattr('ansible.module_utils.basic.AnsibleModule.log', lambda self, msg, log_args=None: logged.append(msg))
        run_module(acmpca_policy.main, {'arn': CA_ARN, 'polcy': 'wJalrXUtnFEMI-value'})
        assert logged and not any('wJalrXUtnFEMI-value' in line for line in logged)
