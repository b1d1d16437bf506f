# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""boto3 helpers for tests that talk to moto_server (directly or through the fault proxy).

Acting as another account, two ways:

* ``make_client(endpoint, account_id="111122223333")`` adds moto's ``x-moto-account-id``
  header to every request (a ``before-sign`` handler).  Only boto3 clients made here can
  do that: use it for test setup and read-backs.
* ``assume_role(endpoint, account_id)`` returns real-looking STS credentials for
  ``arn:aws:iam::<account>:role/<name>``; moto maps their access key to that account.
  Pass them to ``make_client(endpoint, credentials=creds)`` or, for an Ansible run, to
  ``credentials_env(creds)`` / the modules' ``access_key``/``secret_key``/``session_token``.

Default credentials are ``testing``/``testing``, which moto maps to its default account
``123456789012`` (``DEFAULT_ACCOUNT_ID``).
"""

import datetime
import json
import os
import random
import threading

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"
DUMMY_ACCESS_KEY = "testing"
DUMMY_SECRET_KEY = "testing"
DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole"
READ_ACTIONS = [
    "acm-pca:DescribeCertificateAuthority",
    "acm-pca:GetCertificate",
    "acm-pca:GetCertificateAuthorityCertificate",
    "acm-pca:ListPermissions",
    "acm-pca:ListTags",
]

_signing_key = None
# One session for every client: loading botocore's service models costs ~0.15 s per new session.
# It ignores the developer's AWS profile and config files, so tests are hermetic.
_HERMETIC_SESSION_VARS = {
    "profile": (None, None, None, None),
    "config_file": (None, None, os.devnull, None),
    "credentials_file": (None, None, os.devnull, None),
}
_session = None
_session_lock = threading.Lock()


def _shared_session():
    global _session  # pylint: disable=global-statement
    if _session is None:
        _session = boto3.session.Session(botocore_session=botocore.session.Session(session_vars=_HERMETIC_SESSION_VARS))
    return _session


def _test_signing_key():
    # One EC key per process: moto only checks that the imported certificate parses.
    global _signing_key  # pylint: disable=global-statement
    if _signing_key is None:
        _signing_key = ec.generate_private_key(ec.SECP256R1())
    return _signing_key


def make_client(endpoint_url, account_id=None, region=DEFAULT_REGION, service="acm-pca", credentials=None, max_attempts=None, config=None):
    """A boto3 client for ``service`` at ``endpoint_url``.

    ``account_id`` acts as that account through the ``x-moto-account-id`` header;
    ``credentials`` (a dict from ``assume_role``) signs with those keys instead of the
    dummy ones; ``max_attempts`` sets botocore's standard retry mode with that many
    attempts in total (1 = no retry).
    """
    credentials = credentials or {}
    if max_attempts is not None:
        retry_config = Config(retries={"mode": "standard", "total_max_attempts": max_attempts})
        config = config.merge(retry_config) if config is not None else retry_config
    with _session_lock:
        client = _shared_session().client(
            service,
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=credentials.get("aws_access_key_id", DUMMY_ACCESS_KEY),
            aws_secret_access_key=credentials.get("aws_secret_access_key", DUMMY_SECRET_KEY),
            aws_session_token=credentials.get("aws_session_token"),
            config=config,
        )
    if account_id is not None:
        def _act_as_account(request, **kwargs):  # pylint: disable=unused-argument
            request.headers["x-moto-account-id"] = str(account_id)

        client.meta.events.register("before-sign", _act_as_account)
    return client


def _self_signed_ca_certificate(csr_pem, common_name):
    """A CA certificate over the CSR's subject and public key, signed by a test key."""
    csr = x509.load_pem_x509_csr(csr_pem.encode("utf-8") if isinstance(csr_pem, str) else csr_pem)
    subject = csr.subject if len(csr.subject) else x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(_test_signing_key(), hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


def create_pending_ca(client, common_name="pki-acmpca test root", tags=None, ca_type="ROOT"):
    """CreateCertificateAuthority (RSA_2048 / SHA256WITHRSA); the CA stays PENDING_CERTIFICATE."""
    kwargs = {
        "CertificateAuthorityConfiguration": {
            "KeyAlgorithm": "RSA_2048",
            "SigningAlgorithm": "SHA256WITHRSA",
            "Subject": {"CommonName": common_name},
        },
        "CertificateAuthorityType": ca_type,
    }
    if tags:
        kwargs["Tags"] = [{"Key": key, "Value": value} for key, value in sorted(tags.items())] if isinstance(tags, dict) else list(tags)
    return client.create_certificate_authority(**kwargs)["CertificateAuthorityArn"]


def activate_ca(client, arn, common_name="pki-acmpca test root"):
    """Import a self-signed CA certificate: moto then reports the CA ACTIVE."""
    csr = client.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    client.import_certificate_authority_certificate(
        CertificateAuthorityArn=arn,
        Certificate=_self_signed_ca_certificate(csr, common_name),
    )
    status = client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Status"]
    if status != "ACTIVE":
        raise AssertionError(f"CA {arn} is {status} after importing its certificate, expected ACTIVE")
    return arn


def create_active_ca(client, common_name="pki-acmpca test root", tags=None):
    """Create a ROOT CA and activate it; return its ARN."""
    arn = create_pending_ca(client, common_name=common_name, tags=tags)
    return activate_ca(client, arn, common_name=common_name)


def read_policy(client, arn):
    """The CA's policy as a dict, or None when it has none (GetPolicy's ResourceNotFound)."""
    try:
        text = client.get_policy(ResourceArn=arn)["Policy"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return None
        raise
    return json.loads(text)


def put_raw_policy(client, arn, text):
    """PutPolicy with exactly ``text`` (a dict is dumped to JSON first)."""
    if not isinstance(text, str):
        text = json.dumps(text)
    client.put_policy(ResourceArn=arn, Policy=text)


def template_arn(template="EndEntityCertificate/V1", partition="aws"):
    return f"arn:{partition}:acm-pca:::template/{template}"


def account_share_policy(arn, account_id, template="EndEntityCertificate/V1"):
    """The documented policy that shares CA ``arn`` with one account."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadAccess",
                "Effect": "Allow",
                "Principal": {"AWS": account_id},
                "Action": list(READ_ACTIONS),
                "Resource": arn,
            },
            {
                "Sid": "IssueAccess",
                "Effect": "Allow",
                "Principal": {"AWS": account_id},
                "Action": "acm-pca:IssueCertificate",
                "Resource": arn,
                "Condition": {"StringEquals": {"acm-pca:TemplateArn": template_arn(template)}},
            },
        ],
    }


def org_share_policy(arn, organization_id, template="EndEntityCertificate/V1"):
    """The documented policy that shares CA ``arn`` with a whole organization."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "OrgReadAccess",
                "Effect": "Allow",
                "Principal": "*",
                "Action": list(READ_ACTIONS),
                "Resource": arn,
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": organization_id}},
            },
            {
                "Sid": "OrgIssueAccess",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "acm-pca:IssueCertificate",
                "Resource": arn,
                "Condition": {"StringEquals": {"acm-pca:TemplateArn": template_arn(template), "aws:PrincipalOrgID": organization_id}},
            },
        ],
    }


def random_account_id():
    """A fresh 12-digit account ID (not moto's default one)."""
    while True:
        account_id = "%012d" % random.randint(10 ** 11, 10 ** 12 - 1)
        if account_id != DEFAULT_ACCOUNT_ID:
            return account_id


def create_organization(endpoint_url, account_id=None):
    """CreateOrganization (all features) as ``account_id`` (default: moto's default account).

    Returns ``(organization_id, management_account_id)``.
    """
    organizations = make_client(endpoint_url, account_id=account_id, service="organizations")
    organization = organizations.create_organization(FeatureSet="ALL")["Organization"]
    return organization["Id"], organization["MasterAccountId"]


def create_member_account(endpoint_url, management_account_id=None, name=None):
    """CreateAccount in the management account's organization; return the new account's ID.

    moto finishes account creation at once (State SUCCEEDED) and picks the ID itself.
    """
    organizations = make_client(endpoint_url, account_id=management_account_id, service="organizations")
    name = name or "member-%06d" % random.randint(0, 999999)
    status = organizations.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]
    if status.get("State") != "SUCCEEDED":
        raise AssertionError(f"CreateAccount did not succeed: {status!r}")
    return status["AccountId"]


def assume_role(endpoint_url, account_id, role_name=DEFAULT_ROLE_NAME, session_name="pki-acmpca-tests", region=DEFAULT_REGION):
    """STS AssumeRole into ``arn:aws:iam::<account_id>:role/<role_name>``.

    moto does not require the role to exist.  Returns a dict with ``aws_access_key_id``,
    ``aws_secret_access_key``, ``aws_session_token`` and ``account_id``.
    """
    sts = make_client(endpoint_url, service="sts", region=region)
    credentials = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account_id}:role/{role_name}",
        RoleSessionName=session_name,
    )["Credentials"]
    return {
        "aws_access_key_id": credentials["AccessKeyId"],
        "aws_secret_access_key": credentials["SecretAccessKey"],
        "aws_session_token": credentials["SessionToken"],
        "account_id": str(account_id),
    }


def credentials_env(credentials):
    """Environment variables that make boto3 (and so the modules) use ``credentials``."""
    return {
        "AWS_ACCESS_KEY_ID": credentials["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": credentials["aws_secret_access_key"],
        "AWS_SESSION_TOKEN": credentials["aws_session_token"],
    }


def caller_account(endpoint_url, credentials=None, account_id=None):
    """The account moto sees for these credentials (STS GetCallerIdentity)."""
    sts = make_client(endpoint_url, account_id=account_id, service="sts", credentials=credentials)
    return sts.get_caller_identity()["Account"]


def describe_organization_id(endpoint_url, credentials=None, account_id=None):
    """The organization ID moto reports to that caller, or None when it is in none."""
    organizations = make_client(endpoint_url, account_id=account_id, service="organizations", credentials=credentials)
    try:
        return organizations.describe_organization()["Organization"]["Id"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "AWSOrganizationsNotInUseException":
            return None
        raise
