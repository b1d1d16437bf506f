# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""arn.py: the shape of a certificate authority ARN, checked without any AWS call."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn

CA_ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789'
NOT_OF_THE_FORM = 'it is not of the form arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>'


@pytest.mark.parametrize('partition, region', [
    ('aws', 'eu-west-1'),
    ('aws-cn', 'cn-north-1'),
    ('aws-us-gov', 'us-gov-west-1'),
    ('aws-iso-b', 'us-isob-east-1'),
])
def test_a_ca_arn_of_every_partition_is_split_into_its_parts(partition, region):
    arn = f'arn:{partition}:acm-pca:{region}:111122223333:certificate-authority/{CA_ID}'
    parts = parse_certificate_authority_arn(arn)
    assert (parts.arn, parts.partition, parts.region, parts.account, parts.ca_id) == (arn, partition, region, '111122223333', CA_ID)


def test_a_200_character_arn_is_accepted():
    prefix = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/'
    arn = prefix + 'a' * (200 - len(prefix))
    assert parse_certificate_authority_arn(arn).ca_id == 'a' * (200 - len(prefix))


def _error(arn, option='resource_arn'):
    with pytest.raises(ValueError) as exc_info:
        parse_certificate_authority_arn(arn, option=option)
    return str(exc_info.value)


@pytest.mark.parametrize('arn, reason', [
    (f'arn:aws:acm:us-east-1:111122223333:certificate/{CA_ID}', "it belongs to the service 'acm', not 'acm-pca'"),
    ('arn:aws:iam::111122223333:root', "it belongs to the service 'iam', not 'acm-pca'"),
    (f'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority-x/{CA_ID}',
     f"its resource 'certificate-authority-x/{CA_ID}' is not a certificate-authority/<id>"),
    ('arn:aws:acm-pca:::template/EndEntityCertificate/V1', "its resource 'template/EndEntityCertificate/V1' is not a certificate-authority/<id>"),
    (f'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/{CA_ID}/certificate/abc', NOT_OF_THE_FORM),
    (f'arn:aws:acm-pca:us-east-1:11112222333:certificate-authority/{CA_ID}', "its account '11112222333' is not 12 digits"),
    (f'arn:aws:acm-pca:us-east-1:1111222233334:certificate-authority/{CA_ID}', "its account '1111222233334' is not 12 digits"),
    (f'arn:aws:acm-pca:us-east-1:my-account:certificate-authority/{CA_ID}', "its account 'my-account' is not 12 digits"),
    (f'arn:aws:acm-pca:us-east-1::certificate-authority/{CA_ID}', "its account '' is not 12 digits"),
    (f'certificate-authority/{CA_ID}', NOT_OF_THE_FORM),
    (CA_ID, NOT_OF_THE_FORM),
    ('not an arn at all', NOT_OF_THE_FORM),
    (f'ARN:AWS:ACM-PCA:US-EAST-1:111122223333:CERTIFICATE-AUTHORITY/{CA_ID}', NOT_OF_THE_FORM),
    (f' arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/{CA_ID}', NOT_OF_THE_FORM),
    ('arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/', NOT_OF_THE_FORM),
    # The resource is everything after the fifth colon, colons included.
    (f'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority:{CA_ID}',
     f"its resource 'certificate-authority:{CA_ID}' is not a certificate-authority/<id>"),
    ('arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/a:b', NOT_OF_THE_FORM),
    # Six parts are needed before the service, resource or account is named.
    ('arn:aws:iam::111122223333', NOT_OF_THE_FORM),
    ('arn:aws:acm-pca:us-east-1:111122223333', NOT_OF_THE_FORM),
    ('arn:aws:acm-pca:us-east-1:1111:certificate-authority/x:y:z', "its account '1111' is not 12 digits"),
    # And the first one must be "arn".
    ('urn:aws:iam::111122223333:root', NOT_OF_THE_FORM),
    ('urn:aws:acm-pca:us-east-1:111122223333:template/x', NOT_OF_THE_FORM),
    ('urn:aws:acm-pca:us-east-1:1111:certificate-authority/x', NOT_OF_THE_FORM),
    # A 12-digit account with a malformed partition, region or id is none of the named faults.
    (f'arn:azure:acm-pca:us-east-1:111122223333:certificate-authority/{CA_ID}', NOT_OF_THE_FORM),
    (f'arn:aws:acm-pca:US-EAST-1:111122223333:certificate-authority/{CA_ID}', NOT_OF_THE_FORM),
    ('arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/a b', NOT_OF_THE_FORM),
])
def test_a_malformed_arn_fails_naming_the_option_the_value_and_the_reason(arn, reason):
    assert _error(arn) == f'resource_arn {arn!r} is not an ACM PCA certificate authority ARN: {reason}'


def test_an_arn_longer_than_200_characters_fails_naming_the_length():
    prefix = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/'
    arn = prefix + 'a' * (201 - len(prefix))
    assert _error(arn) == f'resource_arn must be 5 to 200 characters long, got 201: {arn!r}'


@pytest.mark.parametrize('arn', ['', None, 42, ['arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x']])
def test_an_empty_or_non_string_value_fails_naming_the_option_and_the_expected_form(arn):
    assert _error(arn) == ('resource_arn must be a certificate authority ARN '
                           '(arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>)')


def test_the_error_names_the_option_it_is_given():
    assert _error('not-an-arn', option='certificate_authority_arn') == (
        f"certificate_authority_arn 'not-an-arn' is not an ACM PCA certificate authority ARN: {NOT_OF_THE_FORM}")
    assert _error('', option='certificate_authority_arn') == (
        'certificate_authority_arn must be a certificate authority ARN '
        '(arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>)')
    assert _error('arn', option='certificate_authority_arn') == 'certificate_authority_arn must be 5 to 200 characters long, got 3: \'arn\''


def test_the_option_is_resource_arn_by_default():
    with pytest.raises(ValueError) as exc_info:
        parse_certificate_authority_arn('arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/')
    assert str(exc_info.value) == (
        f"resource_arn 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/' is not an ACM PCA certificate authority ARN: {NOT_OF_THE_FORM}")


@pytest.mark.parametrize('length', [5, 6])
def test_a_short_value_of_5_characters_or_more_passes_the_length_check(length):
    arn = 'x' * length
    assert _error(arn) == f'resource_arn {arn!r} is not an ACM PCA certificate authority ARN: {NOT_OF_THE_FORM}'


@pytest.mark.parametrize('length', [1, 4])
def test_a_value_under_5_characters_fails_naming_the_length(length):
    assert _error('a' * length) == 'resource_arn must be 5 to 200 characters long, got %d: %r' % (length, 'a' * length)


@pytest.mark.parametrize('suffix', ['\n', ' ', '\t', '\r\n'])
def test_trailing_whitespace_or_a_newline_is_not_part_of_a_valid_arn(suffix):
    # Python's "$" also matches before a final "\n": the ARN pattern must not accept one,
    # or "...certificate-authority/<id>\n" from a registered stdout would reach AWS.
    with pytest.raises(ValueError):
        parse_certificate_authority_arn(f'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/{CA_ID}{suffix}')
