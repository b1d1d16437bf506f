# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The retry bounds docs/reliability.md states, proven without waiting.

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
import time

import pytest
from botocore.retries import standard

from ansible_collections.pki.acmpca.plugins.module_utils import certificate_authority
from ansible_collections.pki.acmpca.plugins.module_utils.certificate_authority import put_policy, read_policy
from ansible_collections.pki.acmpca.plugins.module_utils.connection import acmpca_client
from ansible_collections.pki.acmpca.plugins.module_utils.errors import AcmPcaError

from ...helpers import CA_ARN, REGION, canned_response

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
DOCS = os.path.join(REPO_ROOT, 'docs', 'reliability.md')
# Only what a task gives: keys and region; no aws_config, so no retry settings of its own.
PARAMS = {'access_key': 'AKIDEXAMPLE', 'secret_key': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'region': REGION}

BOTOCORE_ATTEMPTS = 8
# rand(0, 1) * min(1 s * 2 ** i, 20 s) before retry i + 1: at full jitter, the caps.
THROTTLE_WAITS = [min(2 ** attempt, 20) for attempt in range(BOTOCORE_ATTEMPTS - 1)]
THROTTLE_BOUND = 71
CONCURRENT_MODIFICATION_ATTEMPTS = 5
POLICY = {'Version': '2012-10-17', 'Statement': []}


def error_body(code, message):
    return json.dumps({'__type': code, 'message': message}).encode('utf-8')


THROTTLED = (400, error_body('ThrottlingException', 'Rate exceeded'))
UNAVAILABLE = (503, error_body('ServiceUnavailable', 'The service is unavailable. Please try again later.'))
CONFLICT = (400, error_body('ConcurrentModificationException', 'A previous update to your private CA is still ongoing.'))
POLICY_ANSWER = (200, json.dumps({'Policy': json.dumps(POLICY)}).encode('utf-8'))
EMPTY_ANSWER = (200, b'{}')


@pytest.fixture
def sleeps(monkeypatch):
    """Every time.sleep (botocore's back-off and the collection's own), recorded instead of slept."""
    recorded = []
    monkeypatch.setattr(time, 'sleep', recorded.append)
    return recorded


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


def collection_client(operation, answers, **options):
    """``acmpca_client`` with default settings (plus ``options``), ``operation`` answered from
    ``answers`` (one (status, body) per attempt, the last repeated); returns (client, attempts made)."""
    client = acmpca_client(dict(PARAMS, **options))
    attempts = []

    def answer(**kwargs):  # botocore passes the request and more, by name
        status, body = answers[min(len(attempts), len(answers) - 1)]
        attempts.append(status)
        return canned_response(status, body)

    client.meta.events.register('before-send.acm-pca.%s' % operation, answer)
    return client, attempts


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

        with pytest.raises(AcmPcaError, match='^GetPolicy failed for %s: ServiceUnavailable' % CA_ARN):
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


@pytest.mark.usefixtures('isolated_aws_env')
class TestConcurrentModification:

    @pytest.mark.parametrize('jitter, waits', [(1.0, [0.5, 1, 2, 4]), (0.0, [0.25, 0.5, 1, 2])])
    def test_a_persistent_conflict_ends_after_5_attempts_and_3_75_to_7_5_s_of_waiting(self, sleeps, monkeypatch, jitter, waits):
        monkeypatch.setattr(certificate_authority.random, 'random', lambda: jitter)
        client, attempts = collection_client('PutPolicy', [CONFLICT])

        with pytest.raises(AcmPcaError) as exc_info:
            put_policy(client, CA_ARN, json.dumps(POLICY))

        # botocore does not retry a conflict: one request per attempt of the collection.
        assert attempts == [400] * CONCURRENT_MODIFICATION_ATTEMPTS
        assert sleeps == waits
        assert sum(sleeps) == {1.0: 7.5, 0.0: 3.75}[jitter]
        assert exc_info.value.code == 'ConcurrentModificationException'
        assert exc_info.value.message.startswith('PutPolicy failed for %s: ConcurrentModificationException' % CA_ARN)

    def test_the_docs_state_those_bounds(self):
        with open(DOCS, encoding='utf-8') as handle:
            docs = handle.read()
        assert '| 5 | 0.5 + 1 + 2 + 4 = 7.5 s |' in docs
        assert '3.75 s to 7.5 s in all' in docs
