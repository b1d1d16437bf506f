# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of policy_equivalence at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

from .....helpers import account_policy


# --------------------------------------------------- root principal (12 digits)

@pytest.mark.parametrize('partition', ['aws', 'aws-cn', 'aws-us-gov'])
def test_an_account_root_arn_means_the_account_in_its_own_partition_only(partition):
    root = f'arn:{partition}:iam::111122223333:root'
    assert policies_equivalent(account_policy(account_id=root), account_policy(account_id='111122223333'), partition)
    for other in {'aws', 'aws-cn', 'aws-us-gov'} - {partition}:
        assert not policies_equivalent(account_policy(account_id=root), account_policy(account_id='111122223333'), other)


@pytest.mark.parametrize('account', ['11112222333', '1111222233334'])
def test_a_root_arn_of_11_or_13_digits_is_not_an_account(account):
    root = f'arn:aws:iam::{account}:root'
    assert not policies_equivalent(account_policy(account_id=root), account_policy(account_id=account))


@pytest.mark.parametrize('root', [
    'arn:aws:iam::111122223333:ROOT',
    'arn:aws:iam::111122223333:root/x',
    'arn:aws:iam::111122223333:user/root',
    'arn:aws:iam:us-east-1:111122223333:root',
    'arn:aws:sts::111122223333:root',
    'arn:aws:iam::111122223333:root\n',
])
def test_other_principal_arns_are_not_the_account(root):
    assert not policies_equivalent(account_policy(account_id=root), account_policy(account_id='111122223333'))
