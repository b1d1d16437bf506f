# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Shape checks for ACM PCA certificate authority ARNs (pure, no AWS call)."""


import re
from dataclasses import dataclass

from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import ACCOUNT, ACCOUNT_ID, PARTITION

# The botocore model's Arn shape: 5..200 characters of this pattern.
_ARN_MIN_LENGTH = 5
_ARN_MAX_LENGTH = 200
_CA_ARN = re.compile(
    rf'^arn:(?P<partition>{PARTITION}):acm-pca:(?P<region>[a-z0-9-]+):(?P<account>{ACCOUNT}):certificate-authority/(?P<ca_id>[\w+=,.@-]+)\Z'
)
_USUAL_FORM = 'arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>'


@dataclass(frozen=True)
class CertificateAuthorityArn:
    """The parts of a certificate authority ARN."""

    arn: str
    partition: str
    region: str
    account: str
    ca_id: str


def parse_certificate_authority_arn(arn, option='resource_arn'):
    """Return the parts of ``arn``, or raise InputError naming ``option`` and what is wrong."""
    if not isinstance(arn, str) or not arn:
        raise InputError(f'{option} must be a certificate authority ARN ({_USUAL_FORM})')
    if not _ARN_MIN_LENGTH <= len(arn) <= _ARN_MAX_LENGTH:
        raise InputError('%s must be %d to %d characters long, got %d: %r' % (option, _ARN_MIN_LENGTH, _ARN_MAX_LENGTH, len(arn), arn))
    match = _CA_ARN.match(arn)
    if match:
        return CertificateAuthorityArn(arn, **match.groupdict())
    parts = arn.split(':', 5)
    if len(parts) == 6 and parts[0] == 'arn' and parts[2] != 'acm-pca':
        reason = f"it belongs to the service {parts[2]!r}, not 'acm-pca'"
    elif len(parts) == 6 and parts[0] == 'arn' and not parts[5].startswith('certificate-authority/'):
        reason = f"its resource {parts[5]!r} is not a certificate-authority/<id>"
    elif len(parts) == 6 and parts[0] == 'arn' and not ACCOUNT_ID.match(parts[4]):
        reason = f'its account {parts[4]!r} is not 12 digits'
    else:
        reason = f'it is not of the form {_USUAL_FORM}'
    raise InputError(f'{option} {arn!r} is not an ACM PCA certificate authority ARN: {reason}')
