# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Find CAs by what they are: pki.acmpca.acmpca_info's ``filters``, applied to the listing.

ListCertificateAuthorities has no server-side filter, so every filter is applied here,
after the listing. Only ``tags`` costs AWS calls: one ListTags per CA the other filters
kept, in the bounded pool of the other per-CA reads.
"""


import fnmatch

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import list_tags_of
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError

# The values AWS documents (botocore's acm-pca model) for each filter on a CA's own field.
CHOICES = {
    'status': ('CREATING', 'PENDING_CERTIFICATE', 'ACTIVE', 'DELETED', 'DISABLED', 'EXPIRED', 'FAILED'),
    'type': ('ROOT', 'SUBORDINATE'),
    'usage_mode': ('GENERAL_PURPOSE', 'SHORT_LIVED_CERTIFICATE'),
    'key_algorithm': ('RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1',
                      'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'SM2'),
}
FILTER_NAMES = ('status', 'type', 'usage_mode', 'key_algorithm', 'common_name', 'tags')
# AWS's default for a CA created without a usage mode.
DEFAULT_USAGE_MODE = 'GENERAL_PURPOSE'


def _strings(name, value, problems):
    """A filter value: a string, or a non-empty list of strings (any of them matches)."""
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(item, str) for item in values):
        problems.append(f'filters.{name} must be a string or a non-empty list of strings, got {value!r}')
        return []
    return values


def parse_filters(filters):
    """The filters as ``{name: [values]}`` (``tags``: ``{key: [values]}``); {} for none.
    Raises InputError naming every bad name and value at once, before any AWS call."""
    if filters is None:
        return {}
    if not isinstance(filters, dict):
        raise InputError(f"filters must be a dict of {', '.join(FILTER_NAMES)}, got {filters!r}")
    problems, parsed = [], {}
    for name, value in filters.items():
        if name not in FILTER_NAMES:
            problems.append(f"filters has the unknown filter {name!r} (known: {', '.join(FILTER_NAMES)})")
        elif name == 'tags':
            if not isinstance(value, dict):
                problems.append(f'filters.tags must be a dict of tag key to value, got {value!r}')
                continue
            parsed['tags'] = {key: _strings(f'tags.{key}', tag_value, problems) for key, tag_value in value.items()}
        else:
            values = _strings(name, value, problems)
            unknown = [item for item in values if name in CHOICES and item not in CHOICES[name]]
            if unknown:
                problems.append(f"filters.{name}: {', '.join((repr(item) for item in unknown))} not one of {', '.join(CHOICES[name])}")
            parsed[name] = values
    if problems:
        raise InputError('; '.join(problems))
    return parsed


def _common_name(ca):
    return ((ca.get('CertificateAuthorityConfiguration') or {}).get('Subject') or {}).get('CommonName')


def _field(ca, name):
    if name == 'key_algorithm':
        return (ca.get('CertificateAuthorityConfiguration') or {}).get('KeyAlgorithm')
    if name == 'usage_mode':
        return ca.get('UsageMode') or DEFAULT_USAGE_MODE
    return ca.get({'status': 'Status', 'type': 'Type'}[name])


def _matches(ca, filters):
    for name, values in filters.items():
        if name == 'common_name':
            common_name = _common_name(ca)
            # fnmatchcase: a shell-style glob (*, ?, [seq]) that never depends on the platform's case rules.
            if common_name is None or not any(fnmatch.fnmatchcase(common_name, pattern) for pattern in values):
                return False
        elif name != 'tags' and _field(ca, name) not in values:
            return False
    return True


def _tags_match(tags, wanted):
    return tags is not None and all(key in tags and tags[key] in values for key, values in wanted.items())


def select_certificate_authorities(client, cas, filters, pool=None):
    """``(kept, tags)``: the CAs (botocore's dicts) that pass ``filters`` (from
    ``parse_filters``), and the tags read for the ``tags`` filter by ARN (each
    ``{'tags': ..., 'tags_error': ...}`` as acmpca_info returns them; {} when not read),
    in ``pool`` (the task's PerCaReadPool). A CA whose tags could not be read does not
    pass a ``tags`` filter."""
    kept = [ca for ca in cas if _matches(ca, filters)]
    if not filters.get('tags') or not kept:
        return kept, {}
    tags = list_tags_of(client, kept, pool)
    return [ca for ca in kept if _tags_match(tags[ca['Arn']].get('tags'), filters['tags'])], tags
