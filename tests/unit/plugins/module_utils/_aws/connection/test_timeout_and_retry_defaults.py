# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of connection at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws import connection


# ------------------------------------------------------- connection and AWS calls

def test_the_connect_timeout_is_10_seconds():
    assert connection.DEFAULT_CONNECT_TIMEOUT == 10


def test_the_default_retries_allow_8_attempts_in_all():
    # Retry defaults may come to yield to AWS_RETRY_MODE / AWS_MAX_ATTEMPTS and the profile;
    # what stays is "8 attempts in all" when nothing else is configured.
    defaults = getattr(connection, 'DEFAULT_RETRIES', None)
    if defaults is None:
        pytest.skip('connection.py no longer has DEFAULT_RETRIES')
    assert defaults.get('total_max_attempts') == 8
