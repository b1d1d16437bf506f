# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the tests of the AWS-side units."""

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority

from ....helpers import REGION


@pytest.fixture
def pool_sizes(monkeypatch):
    """The max_workers of every thread pool certificate_authority makes, in order."""
    sizes = []

    class RecordingPool(certificate_authority.ThreadPoolExecutor):
        def __init__(self, max_workers=None, **kwargs):
            sizes.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(certificate_authority, 'ThreadPoolExecutor', RecordingPool)
    return sizes


@pytest.fixture
def stubbed_ram():
    """A boto3 ``ram`` client under botocore's Stubber: each test lists the exact requests it
    expects, in order, and the answers, so the calls made and their parameters are pinned."""
    client = boto3.client('ram', region_name=REGION, aws_access_key_id='testing', aws_secret_access_key='testing')
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()
