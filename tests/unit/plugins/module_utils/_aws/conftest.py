# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the tests of the AWS-side units."""

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._aws import certificate_authority


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
