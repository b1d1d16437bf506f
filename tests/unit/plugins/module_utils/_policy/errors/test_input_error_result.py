# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a failed task returns for input it cannot use: the message, every violation, the details."""

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError


class FakeModule:

    def fail_json(self, **result):
        self.failed_with = result
        raise SystemExit(1)


def failed(error, **details):
    module = FakeModule()
    with pytest.raises(SystemExit):
        error.fail(module, **details)
    return module.failed_with


def test_an_input_error_reads_as_its_message_and_is_a_value_error():
    error = InputError('region is not a region')
    assert str(error) == 'region is not a region' and isinstance(error, ValueError)
    assert error.violations is None and error.details == {}


def test_the_result_is_the_message_and_the_details_the_module_gives():
    assert failed(InputError('bad ARN'), resource_arn='arn:x') == {'msg': 'bad ARN', 'resource_arn': 'arn:x'}


def test_the_violations_are_listed_even_when_empty():
    assert failed(InputError('two problems', violations=['a', 'b'])) == {'msg': 'two problems', 'violations': ['a', 'b']}
    assert failed(InputError('none listed', violations=[])) == {'msg': 'none listed', 'violations': []}


def test_the_errors_own_details_win_over_the_modules():
    error = InputError('bad', details={'resource_arn': 'arn:own', 'extra': 1})
    assert failed(error, resource_arn='arn:module') == {'msg': 'bad', 'resource_arn': 'arn:own', 'extra': 1}
