# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Plain helpers shared by the unit tests: policy shapes, test certificates, canned AWS answers."""


import copy
import datetime
import json
import threading

from botocore.awsrequest import AWSResponse
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ansible_collections.pki.acmpca.plugins.module_utils.connection import acmpca_client

# The documented action list and template ARN form, written out once for all tests
# (independently of the plugins, so a wrong list in the plugins fails the tests).
from pki_acmpca_emulator.pca import READ_ACTIONS, template_arn  # noqa: F401  pylint: disable=unused-import

REGION = 'us-east-1'
ACCOUNT_ID = '123456789012'  # moto's default account for the dummy credentials
OTHER_ACCOUNT_ID = '111122223333'
ORGANIZATION_ID = 'o-a1b2c3d4e5'
CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
MISSING_CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ffffffff-ffff-ffff-ffff-ffffffffffff'
ISSUE_ACTION = 'acm-pca:IssueCertificate'
TEMPLATES = [
    'EndEntityCertificate/V1',
    'EndEntityClientAuthCertificate/V1',
    'EndEntityServerAuthCertificate/V1',
    'BlankEndEntityCertificate_APIPassthrough/V1',
    'BlankEndEntityCertificate_APICSRPassthrough/V1',
    'SubordinateCACertificate_PathLen0/V1',
]


def partition_of(arn):
    return arn.split(':')[1]


def account_policy(ca_arn=CA_ARN, account_id=OTHER_ACCOUNT_ID, template='EndEntityCertificate/V1'):
    """Documented shape 1: share the CA with one account."""
    return {
        'Version': '2012-10-17',
        'Statement': [
            {
                'Sid': 'ReadForAccount',
                'Effect': 'Allow',
                'Principal': {'AWS': account_id},
                'Action': list(READ_ACTIONS),
                'Resource': ca_arn,
            },
            {
                'Sid': 'IssueForAccount',
                'Effect': 'Allow',
                'Principal': {'AWS': account_id},
                'Action': ISSUE_ACTION,
                'Resource': ca_arn,
                'Condition': {'StringEquals': {'acm-pca:TemplateArn': template_arn(template, partition_of(ca_arn))}},
            },
        ],
    }


def organization_policy(ca_arn=CA_ARN, organization_id=ORGANIZATION_ID, template='EndEntityCertificate/V1'):
    """Documented shape 2: share the CA with a whole AWS Organization."""
    return {
        'Version': '2012-10-17',
        'Statement': [
            {
                'Sid': 'ReadForOrganization',
                'Effect': 'Allow',
                'Principal': '*',
                'Action': list(READ_ACTIONS),
                'Resource': ca_arn,
                'Condition': {'StringEquals': {'aws:PrincipalOrgID': organization_id}},
            },
            {
                'Sid': 'IssueForOrganization',
                'Effect': 'Allow',
                'Principal': '*',
                'Action': ISSUE_ACTION,
                'Resource': ca_arn,
                'Condition': {'StringEquals': {
                    'acm-pca:TemplateArn': template_arn(template, partition_of(ca_arn)),
                    'aws:PrincipalOrgID': organization_id,
                }},
            },
        ],
    }


# ------------------------------------------------------------ certificates

_KEYS = {}


def _signing_key():
    if 'ec' not in _KEYS:
        _KEYS['ec'] = ec.generate_private_key(ec.SECP256R1())
    return _KEYS['ec']


def self_signed_certificate(csr_pem):
    """A CA certificate over the CSR's subject and key, signed by a test key (moto only parses it)."""
    csr = x509.load_pem_x509_csr(csr_pem.encode('ascii') if isinstance(csr_pem, str) else csr_pem)
    subject = csr.subject if len(csr.subject) else x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'unit test CA')])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(_signing_key(), hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


# ---------------------------------------------------------- canned answers

class _CannedBody:
    def __init__(self, body):
        self._body = body

    def stream(self, **kwargs):
        yield self._body


def canned_response(status_code=200, body=b'{}', url='https://acm-pca.us-east-1.amazonaws.com/'):
    """An HTTP answer, for a botocore ``before-send`` handler to return."""
    return AWSResponse(url, status_code, {'x-amzn-RequestId': 'canned-request-id'}, _CannedBody(body))


def canned_error(code, message='canned message', status_code=400):
    """What a botocore ``before-call`` handler returns to make that call fail with ``code``."""
    return (
        canned_response(status_code, json.dumps({'__type': code, 'message': message}).encode('utf-8')),
        {
            'Error': {'Code': code, 'Message': message},
            'ResponseMetadata': {'RequestId': 'canned-request-id', 'HTTPStatusCode': status_code, 'HTTPHeaders': {}, 'RetryAttempts': 0},
        },
    )


def request_parameter(request_dict, name):
    """A parameter of a JSON-protocol request, from the ``params`` a ``before-call`` handler gets."""
    body = request_dict.get('body') or b'{}'
    return json.loads(body.decode('utf-8') if isinstance(body, bytes) else body).get(name)


# ------------------------------------------------------------- call counting

class AwsCalls:
    """The AWS operations made by the clients boto3 sessions create during a test."""

    def __init__(self):
        self.clients = 0
        self.operations = []
        self._lock = threading.Lock()

    def record(self, model, **kwargs):
        with self._lock:
            self.operations.append(model.name)

    def count(self, operation=None):
        return len([name for name in self.operations if operation is None or name == operation])


class ModuleRun:
    """The outcome of one module run: exit code and the parsed JSON result."""

    def __init__(self, rc, result):
        self.rc = rc
        self.result = result

    @property
    def failed(self):
        return bool(self.result.get('failed')) or self.rc != 0

    @property
    def warnings(self):
        """The warning texts (ansible-core 2.19 sends each as a WarningSummary dict, older ones as a string)."""
        return [warning if isinstance(warning, str) else warning['event']['msg'] for warning in self.result.get('warnings', [])]


def statement(sid=None, **elements):
    """An Allow statement on the CA for the other account, with ``sid`` and ``elements`` added or replaced (None drops one)."""
    built = {'Effect': 'Allow', 'Principal': {'AWS': OTHER_ACCOUNT_ID}, 'Action': list(READ_ACTIONS), 'Resource': CA_ARN}
    if sid is not None:
        built['Sid'] = sid
    for key, value in elements.items():
        if value is None:
            built.pop(key, None)
        else:
            built[key] = value
    return built


# ------------------------------------------------------------ policy respellings

PARTITION_CAS = {
    'aws': 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'aws-cn': 'arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'aws-us-gov': 'arn:aws-us-gov:acm-pca:us-gov-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
}


def _root_arn(account_id, partition='aws'):
    return f'arn:{partition}:iam::{account_id}:root'


def _respell(document, change):
    respelled = copy.deepcopy(document)
    change(respelled)
    return respelled


def with_statement(document, index, **changes):
    changed = copy.deepcopy(document)
    for key, value in changes.items():
        if value is None:
            changed['Statement'][index].pop(key, None)
        else:
            changed['Statement'][index][key] = value
    return changed


# ------------------------------------------------- the collection's client, answered in-process

# Only what a task gives: keys and region; no aws_config, so no retry settings of its own.
PARAMS = {'access_key': 'AKIDEXAMPLE', 'secret_key': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'region': REGION}


def error_body(code, message):
    return json.dumps({'__type': code, 'message': message}).encode('utf-8')


def collection_client(operation, answers, **options):
    """``acmpca_client`` with default settings (plus ``options``), ``operation`` answered from
    ``answers`` (one (status, body) per attempt, the last repeated); returns (client, attempts made)."""
    client = acmpca_client(dict(PARAMS, **options))
    attempts = []

    def answer(**kwargs):  # botocore passes the request and more, by name
        status, body = answers[min(len(attempts), len(answers) - 1)]
        attempts.append(status)
        return canned_response(status, body)

    client.meta.events.register(f'before-send.acm-pca.{operation}', answer)
    return client, attempts
