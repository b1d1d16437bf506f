# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""A request for the access check (access_check.py), checked and turned into what IAM sees:
the principal, the action, the CA, and the request context, its keys filled from the
request's fields as the condition vocabulary says (``ConditionKey.request``). Pure."""


import re

from ansible_collections.pki.acmpca.plugins.module_utils.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils.conditions import KEYS, SOURCE, TEMPLATE_ARN_KEY, is_x509_key, key_named
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.iam import (
    ACCOUNT,
    ACCOUNT_ID,
    ORGANIZATION_ID_FORM,
    PARTITION,
    ROOT_PRINCIPAL,
    TEMPLATE_ARN,
    condition_value,
    is_organization_id,
    key_id,
    match_organization_path,
    organization_path_without_ending,
    template_arn,
)

REQUEST_KEYS = ('principal', 'action', 'resource', 'template', 'organization_id', 'organizational_unit_paths',
                'source_account', 'source_arn', 'context')
SERVICE_PREFIX = 'acm-pca'
# The actions of ACM PCA (Service Authorization Reference, "AWS Private Certificate Authority").
ACTIONS = ('CreateCertificateAuthority', 'CreateCertificateAuthorityAuditReport', 'CreatePermission',
           'DeleteCertificateAuthority', 'DeletePermission', 'DeletePolicy', 'DescribeCertificateAuthority',
           'DescribeCertificateAuthorityAuditReport', 'GetCertificate', 'GetCertificateAuthorityCertificate',
           'GetCertificateAuthorityCsr', 'GetPolicy', 'ImportCertificateAuthorityCertificate', 'IssueCertificate',
           'ListCertificateAuthorities', 'ListPermissions', 'ListTags', 'PutPolicy', 'RestoreCertificateAuthority',
           'RevokeCertificate', 'TagCertificateAuthority', 'UntagCertificateAuthority', 'UpdateCertificateAuthority')
# The only action whose request names a template and describes a certificate.
TEMPLATE_ACTION = f'{SERVICE_PREFIX}:IssueCertificate'
_ROLE_OR_USER = re.compile(rf'^arn:(?P<partition>{PARTITION}):iam::(?P<account>{ACCOUNT}):(?P<kind>role|user)/(?:[^/]+/)*(?P<name>[^/]+)\Z')
_SESSION = re.compile(rf'^arn:(?P<partition>{PARTITION}):sts::(?P<account>{ACCOUNT}):assumed-role/(?P<name>[^/]+)/[^/]+\Z')
_SERVICE = re.compile(r'^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?\Z')
_PRINCIPAL_FORMS = ('a 12-digit account ID, arn:<partition>:iam::<account>:root, an IAM role or user ARN, '
                    'arn:<partition>:sts::<account>:assumed-role/<role>/<session>, or a service principal such as acm.amazonaws.com')
# The request fields that fill a context key; the key's request fact names them.
_FIELD_OF_FACT = {'principal_arn': 'principal', 'principal_account': 'principal', 'principal_is_aws_service': 'principal',
                  'principal_service_name': 'principal', 'resource_account': 'resource', 'template_arn': 'template'}


class EvaluatedRequest:
    """A checked request: ``action`` (``acm-pca:<Action>``), ``resource`` (the CA's ARN),
    ``account`` (the principal's account; None for a service), ``service`` (a service
    principal's name, else None), ``context`` (key ID -> list of values) and ``multivalued``
    (key ID -> whether a ``context`` key outside the vocabulary was given as a list)."""

    def __init__(self, action, ca, principal, facts, context, multivalued):
        self.action, self.resource = action, ca.arn
        self.principal = principal
        self.account = facts.get('principal_account')
        self.service = facts.get('principal_service_name')
        self.role = _SESSION.match(principal)
        self.same_account = None if self.service else self.account == ca.account
        self.context, self.multivalued = context, multivalued

    def names_principal(self, arn):
        """Whether a Principal element's ARN names this principal: its own ARN, or the role of
        an assumed-role session (IAM: a role ARN as principal names the role's sessions)."""
        if arn == self.principal:
            return True
        role = _ROLE_OR_USER.match(arn) if self.role else None
        return bool(role and role.group('kind') == 'role' and role.group('account') == self.account
                    and role.group('name') == self.role.group('name') and role.group('partition') == self.role.group('partition'))

    def can_have(self, name):
        """Whether the key may be in this request's context at all: the template and the X.509
        certificate keys are in IssueCertificate requests only; the keys that narrow the
        principal describe an AWS principal, those that narrow the source a service acting
        for a resource (IAM global condition context keys)."""
        if key_id(name) == key_id(TEMPLATE_ARN_KEY) or is_x509_key(name):
            return self.action == TEMPLATE_ACTION
        known = key_named(name)
        if known and known.narrows:
            return (known.narrows == SOURCE) == bool(self.service)
        return True


def _action(action):
    if not isinstance(action, str) or not action:
        raise InputError(f'action must be an ACM PCA action such as {TEMPLATE_ACTION} or IssueCertificate')
    prefix, _colon, name = action.rpartition(':')
    if prefix and prefix.lower() != SERVICE_PREFIX:
        raise InputError(f'action {action!r} is not an ACM PCA action: a CA\'s policy decides only {SERVICE_PREFIX}:<Action>')
    # IAM reads action names without case.
    known = next((item for item in ACTIONS if item.lower() == name.lower()), None)
    if known is None:
        raise InputError(f"action {action!r} is not an ACM PCA action (one of: {', '.join(ACTIONS)})")
    return f'{SERVICE_PREFIX}:{known}'


def _resource(resource, named):
    if resource is not None:
        return parse_certificate_authority_arn(resource, option='resource')
    if len(named) != 1:
        found = 'names none' if not named else f"names {len(named)} ({', '.join(named)})"
        raise InputError(f'resource is needed: the policy {found}; give the CA\'s ARN as resource')
    return parse_certificate_authority_arn(named[0], option='the CA ARN the policy names')


def _principal_facts(principal, ca):
    if isinstance(principal, bool) or not isinstance(principal, str):
        if isinstance(principal, int):
            raise InputError(f'principal {principal!r} must be a string: quote account IDs in YAML, or a leading zero is lost')
        raise InputError(f'principal is needed: {_PRINCIPAL_FORMS}')
    if _SERVICE.match(principal):
        return {'principal_is_aws_service': 'true', 'principal_service_name': principal}
    root = ROOT_PRINCIPAL.match(principal)
    role_or_user, session = _ROLE_OR_USER.match(principal), _SESSION.match(principal)
    if ACCOUNT_ID.match(principal):
        account, partition, arn = principal, ca.partition, f'arn:{ca.partition}:iam::{principal}:root'
    elif root or role_or_user:
        match = root or role_or_user
        account, partition, arn = match.group('account'), match.group('partition'), principal
    elif session:
        # aws:PrincipalArn of an assumed-role session is its role's ARN (IAM global condition keys).
        account, partition = session.group('account'), session.group('partition')
        arn = f"arn:{partition}:iam::{account}:role/{session.group('name')}"
    else:
        raise InputError(f'principal {principal!r} is not a principal: give {_PRINCIPAL_FORMS}')
    if partition != ca.partition:
        raise InputError(f'principal {principal!r} is in partition {partition!r}, the CA {ca.arn} in {ca.partition!r}: '
                         'no principal reaches a CA of another partition')
    return {'principal_is_aws_service': 'false', 'principal_account': account, 'principal_arn': arn}


def _template(template, action, ca):
    if template is None:
        return None
    if action != TEMPLATE_ACTION:
        raise InputError(f'template is given for {action}, but only {TEMPLATE_ACTION} requests name a template')
    if not isinstance(template, str) or not template:
        raise InputError('template must be a template name such as EndEntityCertificate/V1, or its ARN')
    match = TEMPLATE_ARN.match(template)
    if match and match.group('partition') != ca.partition:
        raise InputError(f"template {template!r} is in partition {match.group('partition')!r}, the CA in {ca.partition!r}")
    if match:
        return template
    if not re.match(r'^[A-Za-z0-9_]+/V[0-9]+\Z', template):
        raise InputError(f'template {template!r} is neither a template name such as EndEntityCertificate/V1 nor '
                         f'a template ARN ({template_arn(ca.partition, "<name>")})')
    return template_arn(ca.partition, template)


def _organization(organization_id, paths):
    """``(organization_id, paths)`` as the request context holds them; without
    ``organization_id``, the organization the paths are in."""
    if organization_id is not None and not is_organization_id(organization_id):
        raise InputError(f'organization_id {organization_id!r} is not an organization ID ({ORGANIZATION_ID_FORM})')
    if paths is None:
        return organization_id, None
    paths = [paths] if isinstance(paths, str) else paths
    if not isinstance(paths, list) or not paths:
        raise InputError('organizational_unit_paths must be a list of organization paths such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/')
    checked, organizations = [], []
    for path in paths:
        match = match_organization_path(path)
        if not match or path.endswith('*'):
            raise InputError(f'organizational_unit_paths: {path!r} is not the path of an organization entity such as '
                             'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (a request\'s path holds no wildcard)')
        organizations.append(match.group('organization_id'))
        # A principal's path ends in "/" (aws:PrincipalOrgPaths).
        checked.append(f'{organization_path_without_ending(path)}/')
    if organization_id is None and len(set(organizations)) == 1:
        organization_id = organizations[0]
    return organization_id, checked


def _source(source_account, source_arn):
    if source_account is not None and not (isinstance(source_account, str) and ACCOUNT_ID.match(source_account)):
        raise InputError(f'source_account {source_account!r} is not an AWS account ID (12 digits, as a string)')
    if source_arn is not None and not (isinstance(source_arn, str) and len(source_arn.split(':', 5)) == 6 and source_arn.startswith('arn:')):
        raise InputError(f'source_arn {source_arn!r} is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)')


def _context(context, filled_by):
    """The ``context`` keys and their values as IAM reads them, and which were given as lists."""
    if context is None:
        return {}, {}
    if not isinstance(context, dict):
        raise InputError('context must map condition keys to their values in the request')
    values, multivalued = {}, {}
    for name, given in context.items():
        if not isinstance(name, str) or not name:
            raise InputError(f'context: {name!r} is not a condition key name')
        if key_id(name) in filled_by:
            raise InputError(f'context: {name} comes from the request\'s {filled_by[key_id(name)]}; give it there')
        read = [condition_value(item) for item in (given if isinstance(given, list) else [given])]
        if not all(isinstance(item, str) for item in read):
            raise InputError(f'context: {name} must be a string, a number, a boolean or a list of them')
        if read:
            values[key_id(name)], multivalued[key_id(name)] = read, isinstance(given, list)
    return values, multivalued


def evaluated_request(request, named_certificate_authorities):
    """The EvaluatedRequest of ``request`` (a dict of REQUEST_KEYS: ``principal`` and ``action``
    needed; ``resource`` defaults to the one CA ARN of ``named_certificate_authorities``).
    Raises InputError naming what is wrong."""
    if not isinstance(request, dict):
        raise InputError(f'a request must be a dict of {", ".join(REQUEST_KEYS)}')
    unknown = sorted(str(key) for key in request if key not in REQUEST_KEYS)
    if unknown:
        raise InputError(f"request has unknown key(s) {', '.join(unknown)} (known: {', '.join(REQUEST_KEYS)})")
    action = _action(request.get('action'))
    ca = _resource(request.get('resource'), named_certificate_authorities)
    facts = _principal_facts(request.get('principal'), ca)
    organization_id, paths = _organization(request.get('organization_id'), request.get('organizational_unit_paths'))
    _source(request.get('source_account'), request.get('source_arn'))
    facts.update(resource_account=ca.account, template_arn=_template(request.get('template'), action, ca),
                 organization_id=organization_id, organizational_unit_paths=paths,
                 source_account=request.get('source_account'), source_arn=request.get('source_arn'))
    filled_by = {key.id: _FIELD_OF_FACT.get(key.request, key.request) for key in KEYS if key.request}
    context, multivalued = _context(request.get('context'), filled_by)
    for key in KEYS:
        value = facts.get(key.request) if key.request else None
        if value is not None:
            context[key.id] = value if isinstance(value, list) else [value]
    return EvaluatedRequest(action, ca, request['principal'], facts, context, multivalued)


def is_multivalued(request, name):
    """Whether a key holds a set of values: as the vocabulary says, or as ``context`` gave it."""
    known = key_named(name)
    return known.multivalued if known else request.multivalued.get(key_id(name), False)
