# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ConcurrentModificationException retries of certificate_authority: the attempts and the waits docs/reliability.md states, proven without waiting."""


import json
import os

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import put_policy
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError

from .....helpers import CA_ARN, collection_client, error_body


REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))))
DOCS = os.path.join(REPO_ROOT, 'docs', 'reliability.md')
CONCURRENT_MODIFICATION_ATTEMPTS = 5
POLICY = {'Version': '2012-10-17', 'Statement': []}
CONFLICT = (400, error_body('ConcurrentModificationException', 'A previous update to your private CA is still ongoing.'))


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
        assert exc_info.value.message.startswith(f'PutPolicy failed for {CA_ARN}: ConcurrentModificationException')

    def test_the_docs_state_those_bounds(self):
        with open(DOCS, encoding='utf-8') as handle:
            docs = handle.read()
        assert '| 5 | 0.5 + 1 + 2 + 4 = 7.5 s |' in docs
        assert '3.75 s to 7.5 s in all' in docs
