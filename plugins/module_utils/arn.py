# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shape checks for ACM PCA certificate authority ARNs (pure, no AWS call)."""


import re

# The botocore model's Arn shape: 5..200 characters of this pattern.
_ARN_MIN_LENGTH = 5
_ARN_MAX_LENGTH = 200
_CA_ARN = re.compile(
    r'^arn:(?P<partition>aws[a-z-]*):acm-pca:(?P<region>[a-z0-9-]+):(?P<account>[0-9]{12}):'
    r'certificate-authority/(?P<ca_id>[\w+=,.@-]+)\Z'
)
_USUAL_FORM = 'arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>'


class CertificateAuthorityArn:
    """The parts of a certificate authority ARN."""

    def __init__(self, arn, partition, region, account, ca_id):
        self.arn = arn
        self.partition = partition
        self.region = region
        self.account = account
        self.ca_id = ca_id


def parse_certificate_authority_arn(arn, option='resource_arn'):
    """Return the parts of ``arn``, or raise ValueError naming ``option`` and what is wrong."""
    if not isinstance(arn, str) or not arn:
        raise ValueError('%s must be a certificate authority ARN (%s)' % (option, _USUAL_FORM))
    if not _ARN_MIN_LENGTH <= len(arn) <= _ARN_MAX_LENGTH:
        raise ValueError('%s must be %d to %d characters long, got %d: %r' % (option, _ARN_MIN_LENGTH, _ARN_MAX_LENGTH, len(arn), arn))
    match = _CA_ARN.match(arn)
    if match:
        return CertificateAuthorityArn(arn, **match.groupdict())
    parts = arn.split(':', 5)
    if len(parts) == 6 and parts[0] == 'arn' and parts[2] != 'acm-pca':
        reason = "it belongs to the service %r, not 'acm-pca'" % parts[2]
    elif len(parts) == 6 and parts[0] == 'arn' and not parts[5].startswith('certificate-authority/'):
        reason = "its resource %r is not a certificate-authority/<id>" % parts[5]
    elif len(parts) == 6 and parts[0] == 'arn' and not re.match(r'^[0-9]{12}$', parts[4]):
        reason = 'its account %r is not 12 digits' % parts[4]
    else:
        reason = 'it is not of the form %s' % _USUAL_FORM
    raise ValueError('%s %r is not an ACM PCA certificate authority ARN: %s' % (option, arn, reason))
