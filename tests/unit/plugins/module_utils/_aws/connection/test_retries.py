# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The retry bounds docs/reliability.md states for the collection's client (connection), proven without waiting.

The client is the collection's own (``acmpca_client`` with no ``aws_config``), in an
environment without AWS_RETRY_MODE / AWS_MAX_ATTEMPTS or a profile, so the collection's
default applies. Its requests never leave the process: a ``before-send`` handler answers
each attempt. botocore's back-off waits are recorded instead of slept, and its jitter is
pinned to its maximum (``rand(0, 1)`` returning 1), so each wait is its cap and the
total is the bound the docs state, exactly.

The integration tests (tests/integration/test_reliability.py) prove the same wiring
through real ansible-playbook runs, with short bursts and a lowered attempt count.
"""


import json
import os

import pytest
from botocore.retries import standard

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import put_policy, read_policy
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError

from .....helpers import CA_ARN, collection_client, error_body


REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))))
DOCS = os.path.join(REPO_ROOT, 'docs', 'reliability.md')
BOTOCORE_ATTEMPTS = 8


# rand(0, 1) * min(1 s * 2 ** i, 20 s) before retry i + 1: at full jitter, the caps.
THROTTLE_WAITS = [min(2 ** attempt, 20) for attempt in range(BOTOCORE_ATTEMPTS - 1)]


THROTTLE_BOUND = 71
POLICY = {'Version': '2012-10-17', 'Statement': []}
THROTTLED = (400, error_body('ThrottlingException', 'Rate exceeded'))
UNAVAILABLE = (503, error_body('ServiceUnavailable', 'The service is unavailable. Please try again later.'))
POLICY_ANSWER = (200, json.dumps({'Policy': json.dumps(POLICY)}).encode('utf-8'))
EMPTY_ANSWER = (200, b'{}')


@pytest.fixture
def full_jitter(monkeypatch):
    """botocore's rand(0, 1) always 1: every back-off wait is its cap.

    ExponentialBackoff takes its random function as an argument bound when botocore is
    imported, so the class the retry handler builds is replaced, not random.random.
    """
    original = standard.ExponentialBackoff

    class FullJitterBackoff(original):
        def __init__(self, *args, **kwargs):
            kwargs['random'] = lambda: 1.0
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(standard, 'ExponentialBackoff', FullJitterBackoff)


@pytest.mark.usefixtures('isolated_aws_env', 'full_jitter')
class TestThrottling:

    def test_persistent_throttling_ends_after_8_attempts_and_71_s_of_waiting_at_most(self, sleeps):
        client, attempts = collection_client('GetPolicy', [THROTTLED])

        with pytest.raises(AcmPcaError) as exc_info:
            read_policy(client, CA_ARN)

        assert len(attempts) == BOTOCORE_ATTEMPTS
        assert sleeps == THROTTLE_WAITS == [1, 2, 4, 8, 16, 20, 20]
        assert sum(sleeps) == THROTTLE_BOUND
        error = exc_info.value
        assert error.message == ('GetPolicy failed for %s: ThrottlingException: Rate exceeded (AWS kept throttling after '
                                 'every retry; run again later, or allow more attempts in all with '
                                 'aws_config.retries.total_max_attempts (8 by default) or AWS_MAX_ATTEMPTS)' % CA_ARN)
        assert error.code == 'ThrottlingException'
        assert error.response_metadata['http_status_code'] == 400

    def test_the_docs_state_that_bound(self):
        with open(DOCS, encoding='utf-8') as handle:
            docs = handle.read()
        assert '| 8 | 1 + 2 + 4 + 8 + 16 + 20 + 20 = 71 s |' in docs
        assert 'ends the task after 8 attempts, within 71 seconds of waiting' in docs

    @pytest.mark.parametrize('burst', [5, 7])
    def test_a_burst_of_throttles_on_a_read_is_ridden_out(self, sleeps, burst):
        client, attempts = collection_client('GetPolicy', [THROTTLED] * burst + [POLICY_ANSWER])

        assert read_policy(client, CA_ARN) == POLICY

        assert attempts == [400] * burst + [200]
        assert sleeps == THROTTLE_WAITS[:burst]

    @pytest.mark.parametrize('burst', [5, 7])
    def test_a_burst_of_throttles_on_a_write_is_ridden_out(self, sleeps, burst):
        client, attempts = collection_client('PutPolicy', [THROTTLED] * burst + [EMPTY_ANSWER])

        put_policy(client, CA_ARN, json.dumps(POLICY))

        assert attempts == [400] * burst + [200]
        assert sleeps == THROTTLE_WAITS[:burst]

    def test_a_task_may_lower_the_attempts(self, sleeps):
        client, attempts = collection_client('GetPolicy', [THROTTLED],
                                             aws_config={'retries': {'mode': 'standard', 'total_max_attempts': 2}})

        with pytest.raises(AcmPcaError, match='ThrottlingException'):
            read_policy(client, CA_ARN)

        assert len(attempts) == 2
        assert sleeps == [1]


@pytest.mark.usefixtures('isolated_aws_env')
class TestThrottlingWithBotocoreOwnJitter:

    def test_with_botocore_own_jitter_no_wait_exceeds_its_cap(self, sleeps):
        client, attempts = collection_client('GetPolicy', [THROTTLED])

        with pytest.raises(AcmPcaError):
            read_policy(client, CA_ARN)

        assert len(attempts) == BOTOCORE_ATTEMPTS
        assert len(sleeps) == BOTOCORE_ATTEMPTS - 1
        assert all(0 <= wait <= cap for wait, cap in zip(sleeps, THROTTLE_WAITS)), sleeps
        assert sum(sleeps) <= THROTTLE_BOUND


@pytest.mark.usefixtures('isolated_aws_env', 'full_jitter')
class TestTransientErrors:

    def test_a_5xx_on_every_attempt_ends_after_8_attempts_within_the_documented_wait(self, sleeps):
        client, attempts = collection_client('GetPolicy', [UNAVAILABLE])

        with pytest.raises(AcmPcaError, match=f'^GetPolicy failed for {CA_ARN}: ServiceUnavailable'):
            read_policy(client, CA_ARN)

        assert len(attempts) == BOTOCORE_ATTEMPTS
        if hasattr(standard.ExponentialBackoff, '_DEFAULT_BACKOFF_CONFIG'):
            # Recent botocore (1.44 here): a 50 ms base after a non-throttling error.
            assert sleeps == pytest.approx([0.05 * 2 ** attempt for attempt in range(BOTOCORE_ATTEMPTS - 1)])
            assert sum(sleeps) == pytest.approx(6.35)
        else:
            # Older botocore (1.34, the oldest supported): the 1 s base for every retryable error.
            assert sleeps == THROTTLE_WAITS
            assert sum(sleeps) == THROTTLE_BOUND
