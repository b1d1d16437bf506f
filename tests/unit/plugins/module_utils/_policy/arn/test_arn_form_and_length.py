# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module-level constants of arn at their boundaries (mutmut does not mutate them; see docs/testing.md)."""


import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn


CA_ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789'
USUAL_FORM = 'arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>'


def _arn(partition='aws', region='us-east-1', account='111122223333', resource=f"certificate-authority/{CA_ID}", service='acm-pca'):
    return f'arn:{partition}:{service}:{region}:{account}:{resource}'


def _arn_error(arn, option='resource_arn'):
    with pytest.raises(ValueError) as exc_info:
        parse_certificate_authority_arn(arn, option=option)
    return str(exc_info.value)


# -------------------------------------------------------------- CA ARN (arn.py)

@pytest.mark.parametrize('partition, region', [('aws', 'us-east-1'), ('aws-cn', 'cn-north-1'), ('aws-us-gov', 'us-gov-west-1')])
def test_a_ca_arn_of_each_partition_is_accepted(partition, region):
    parts = parse_certificate_authority_arn(_arn(partition=partition, region=region))
    assert (parts.partition, parts.region, parts.account, parts.ca_id) == (partition, region, '111122223333', CA_ID)


@pytest.mark.parametrize('partition', ['AWS', 'Aws-cn', 'gcp', 'azure', 'aw'])
def test_a_ca_arn_of_no_aws_partition_is_refused(partition):
    arn = _arn(partition=partition)
    assert _arn_error(arn) == f"resource_arn {arn!r} is not an ACM PCA certificate authority ARN: it is not of the form {USUAL_FORM}"


def test_a_12_digit_account_is_accepted():
    assert parse_certificate_authority_arn(_arn(account='000000000000')).account == '000000000000'


@pytest.mark.parametrize('account', ['11112222333', '1111222233334', '', '11112222333x', '１１１１２２２２３３３３'])
def test_an_account_of_11_or_13_digits_or_not_digits_is_refused_naming_the_account(account):
    arn = _arn(account=account)
    assert _arn_error(arn) == f"resource_arn {arn!r} is not an ACM PCA certificate authority ARN: its account {account!r} is not 12 digits"


@pytest.mark.parametrize('service', ['acm', 'acm-pca-connector-ad', 'ACM-PCA', 'acmpca'])
def test_an_arn_of_another_service_is_refused_naming_the_service(service):
    arn = _arn(service=service)
    assert _arn_error(arn) == f"resource_arn {arn!r} is not an ACM PCA certificate authority ARN: it belongs to the service {service!r}, not 'acm-pca'"


@pytest.mark.parametrize('resource', [
    f"certificate-authority:{CA_ID}",        # another separator
    f"Certificate-Authority/{CA_ID}",        # another case
    f"certificate/{CA_ID}",
    'template/EndEntityCertificate/V1',
])
def test_a_resource_other_than_certificate_authority_slash_id_is_refused_naming_it(resource):
    arn = _arn(resource=resource)
    assert _arn_error(arn) == ("resource_arn %r is not an ACM PCA certificate authority ARN: its resource %r is not a certificate-authority/<id>"
                               % (arn, resource))


@pytest.mark.parametrize('arn', [
    _arn(region='US-EAST-1'),
    _arn(resource='certificate-authority/'),
    _arn(resource='certificate-authority/a/b'),
    'arn:aws:acm-pca:us-east-1:111122223333',
    f"ARN:aws:acm-pca:us-east-1:111122223333:certificate-authority/{CA_ID}",
    f"{_arn()}\n",
])
def test_other_malformed_arns_are_refused_showing_the_usual_form(arn):
    assert _arn_error(arn) == f"resource_arn {arn!r} is not an ACM PCA certificate authority ARN: it is not of the form {USUAL_FORM}"


def test_the_message_names_the_option_given():
    assert _arn_error('arn:aws:acm-pca:us-east-1:1:certificate-authority/x', option='ca_arn').startswith("ca_arn 'arn:aws:")


# The botocore model's Arn shape: 5 to 200 characters.

def test_a_4_character_value_is_refused_for_its_length():
    assert _arn_error('arn:') == "resource_arn must be 5 to 200 characters long, got 4: 'arn:'"


def test_a_5_character_value_passes_the_length_check_and_is_refused_for_its_form():
    assert _arn_error('arn:a') == f"resource_arn 'arn:a' is not an ACM PCA certificate authority ARN: it is not of the form {USUAL_FORM}"


def test_a_200_character_ca_arn_is_accepted():
    arn = _arn(resource=f"certificate-authority/{'a' * (200 - len(_arn(resource='certificate-authority/')))}")
    assert len(arn) == 200
    assert parse_certificate_authority_arn(arn).arn == arn


def test_a_201_character_ca_arn_is_refused_for_its_length():
    arn = _arn(resource=f"certificate-authority/{'a' * (201 - len(_arn(resource='certificate-authority/')))}")
    assert len(arn) == 201
    assert _arn_error(arn) == f'resource_arn must be 5 to 200 characters long, got 201: {arn!r}'


@pytest.mark.parametrize('value', ['', None, 123456789012, ['arn']])
def test_an_empty_or_non_string_value_is_refused_showing_the_usual_form(value):
    assert _arn_error(value) == f'resource_arn must be a certificate authority ARN ({USUAL_FORM})'
