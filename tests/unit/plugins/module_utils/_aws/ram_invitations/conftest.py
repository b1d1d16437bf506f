# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A boto3 ``ram`` client under botocore's Stubber: each test lists the exact requests it
expects, in order, and the answers, so the calls made and their parameters are pinned."""


import boto3
import pytest
from botocore.stub import Stubber

from .....helpers import REGION


@pytest.fixture
def stubbed_ram():
    client = boto3.client('ram', region_name=REGION, aws_access_key_id='testing', aws_secret_access_key='testing')
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()
