# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the emulator's own tests: in-process (moto's mock_aws with the emulator's
additions installed) and end to end (the emulator server in a subprocess)."""

import boto3
import pytest
from moto import mock_aws

from pki_acmpca_emulator import cross_account, pca, pca_permissions, ram, server
# Fixtures are found by name in this module's namespace.
from pki_acmpca_emulator.pytest_fixtures import aws, ansible, collection_root, fault_proxy, moto_server, play  # noqa: F401  pylint: disable=unused-import

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"  # moto's default account for the dummy credentials
OTHER_ACCOUNT_ID = "111122223333"
MISSING_CA_ARN = f"arn:aws:acm-pca:{REGION}:{ACCOUNT_ID}:certificate-authority/ffffffff-ffff-ffff-ffff-ffffffffffff"


@pytest.fixture
def in_process(monkeypatch, tmp_path):
    """moto's mock_aws with the emulator's additions, dummy credentials and no developer AWS settings."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    empty = tmp_path / "aws-config"
    empty.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    server.share_one_ca_key()
    cross_account.install()
    pca_permissions.install()
    ram.install()
    with mock_aws():
        yield


@pytest.fixture
def pca_client(in_process):  # pylint: disable=unused-argument
    """A boto3 ACM PCA client inside ``in_process``."""
    return boto3.client("acm-pca", region_name=REGION)


@pytest.fixture
def make_ca(pca_client):
    """Create a CA: ACTIVE unless ``active=False`` (then PENDING_CERTIFICATE)."""
    def make(active=True):
        arn = pca.create_pending_ca(pca_client, common_name="emulator test CA")
        return pca.activate_ca(pca_client, arn, common_name="emulator test CA") if active else arn
    return make


def client(service, account_id=None):
    """A boto3 client inside ``in_process``, acting as ``account_id`` (moto"s x-moto-account-id header) or the default account."""
    made = boto3.client(service, region_name=REGION)
    if account_id is not None:
        made.meta.events.register("before-sign", lambda request, **kwargs: request.headers.__setitem__("x-moto-account-id", account_id))
    return made


@pytest.fixture
def ram_client(in_process):  # pylint: disable=unused-argument
    """A boto3 RAM client of the default account inside ``in_process``."""
    return client("ram")


@pytest.fixture
def organization(in_process):  # pylint: disable=unused-argument
    """An organization of the default account with one member; RAM sharing not yet enabled."""
    organizations = client("organizations")
    created = organizations.create_organization(FeatureSet="ALL")["Organization"]
    member = organizations.create_account(AccountName="member", Email="member@example.com")["CreateAccountStatus"]["AccountId"]
    return {"id": created["Id"], "arn": created["Arn"], "member": member, "client": organizations}


@pytest.fixture
def sharing(organization, ram_client):  # pylint: disable=redefined-outer-name
    """``organization`` with RAM's sharing within AWS Organizations enabled."""
    ram_client.enable_sharing_with_aws_organization()
    return organization
