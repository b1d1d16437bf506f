# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The (policy, request) pairs on which the access check is judged against an outside simulator.

``generate()`` draws them from one seeded ``random.Random``, so the same seed always gives the
same cases: a CA policy (one to three statements over the ACM PCA vocabulary: principal forms,
organization and OU-path keys, account, ARN and source keys, templates, every condition operator
family with ``...IfExists`` and ``ForAnyValue:`` / ``ForAllValues:``, Deny, NotAction,
NotPrincipal, NotResource, policy variables), weighted toward Allow-only policies (the only kind
ACM PCA accepts), and a request in the shape ``pki.acmpca.access_check`` takes. Every request
comes from an account other than the CA's, so that the CA's policy decides.

``simulator_request()`` turns a request into what IAM puts in the request context, and is the
one place where that mapping is written (``tests/simulator/simulate.mjs`` passes it on as is).

``SERVICE_PRINCIPAL_CASES`` are written by hand from AWS's documentation: the simulator does not
fill in the keys a service principal's request carries.
"""

import hashlib
import json
import random

SEED = 20261207
COUNT = 5400

PARTITION = 'aws'
OWNER_ACCOUNT = '111122223333'
CA_ARN = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0'
OTHER_CA_ARN = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/99999999-8888-4777-8666-555555555555'

MEMBER_ORGANIZATION = 'o-a1b2c3d4e5'
OTHER_ORGANIZATION = 'o-f9e8d7c6b5'
TEAM_OU = 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'
NESTED_OU = 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'
OTHER_OU = 'o-f9e8d7c6b5/r-cd34/ou-cd34-33333333/'
# The accounts requests come from (none is the CA's): where each sits in AWS Organizations.
ACCOUNTS = {
    '444455556666': (MEMBER_ORGANIZATION, [TEAM_OU]),
    '555566667777': (MEMBER_ORGANIZATION, [NESTED_OU]),
    '777788889999': (OTHER_ORGANIZATION, [OTHER_OU]),
    '123456789012': (None, []),
}
PRINCIPAL_NAMES = ('role/pki-issuer', 'role/app', 'user/alice')
TEMPLATES = ('EndEntityCertificate/V1', 'EndEntityClientAuthCertificate/V1', 'SubordinateCACertificate_PathLen0/V1',
             'BlankEndEntityCertificate_APIPassthrough/V1')
ISSUE = 'acm-pca:IssueCertificate'
ACTIONS = ('acm-pca:IssueCertificate', 'acm-pca:GetCertificate', 'acm-pca:GetCertificateAuthorityCertificate',
           'acm-pca:DescribeCertificateAuthority', 'acm-pca:ListPermissions', 'acm-pca:ListTags', 'acm-pca:RevokeCertificate')
ACTION_PATTERNS = ('acm-pca:*', 'acm-pca:Get*', 'acm-pca:*Certificate', 'ACM-PCA:issuecertificate', 'acm-pca:List*',
                   'acm-pca:?etCertificate', '*', 'acm-pca:Describe*')
RESOURCES = (CA_ARN, CA_ARN, CA_ARN, CA_ARN, '*', 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/*',
             'arn:aws:acm-pca:*:*:certificate-authority/*', OTHER_CA_ARN, 'arn:aws:acm-pca:us-east-1:111122223333:*')
NOW = '2026-12-07T12:00:00Z'
NOW_EPOCH = '1796644800'


def template_arn(name):
    return 'arn:%s:acm-pca:::template/%s' % (PARTITION, name)


def principal_arn(account, name):
    return 'arn:%s:iam::%s:%s' % (PARTITION, account, name)


def root_arn(account):
    return 'arn:%s:iam::%s:root' % (PARTITION, account)


# ------------------------------------------------------------------ condition keys and values

# key -> (type, values a policy tests it with). Values include patterns, values no request has
# and policy variables, so that every operator both matches and fails.
KEYS = {
    'aws:PrincipalOrgID': ('String', [MEMBER_ORGANIZATION, OTHER_ORGANIZATION, 'o-*', 'O-A1B2C3D4E5']),
    'aws:PrincipalOrgPaths': ('ArrayOfString', [TEAM_OU + '*', NESTED_OU, TEAM_OU, MEMBER_ORGANIZATION + '/*', OTHER_OU + '*',
                                                'o-a1b2c3d4e5/r-ab12/ou-ab12-1111111?/*', '${aws:PrincipalOrgID}/*']),
    'aws:PrincipalAccount': ('String', ['444455556666', '777788889999', '4444*', '${aws:SourceAccount}']),
    'aws:PrincipalArn': ('ARN', [principal_arn('444455556666', 'role/pki-issuer'), 'arn:aws:iam::444455556666:role/pki-*',
                                 'arn:aws:iam::*:role/pki-issuer', root_arn('777788889999'), 'arn:aws:iam::*:user/*',
                                 'arn:aws:iam::${aws:PrincipalAccount}:role/pki-issuer', 'ARN:AWS:IAM::444455556666:ROLE/PKI-ISSUER']),
    'aws:SourceAccount': ('String', ['444455556666', '777788889999', '${aws:PrincipalAccount}']),
    'aws:SourceArn': ('ARN', ['arn:aws:acm:us-east-1:444455556666:certificate/*', 'arn:aws:acm:*:777788889999:certificate/*',
                              'arn:aws:acm:us-east-1:444455556666:certificate/abc']),
    'acm-pca:TemplateArn': ('ARN', [template_arn(TEMPLATES[0]), template_arn(TEMPLATES[1]), template_arn(TEMPLATES[2]),
                                    'arn:aws:acm-pca:::template/EndEntity*', 'arn:aws:acm-pca:::template/*/V1',
                                    'arn:aws:acm-pca:::template/endentitycertificate/v1']),
    'aws:PrincipalTag/team': ('String', ['pki', 'web', 'PKI', 'p*', '${aws:PrincipalTag/project}']),
    'aws:SourceIp': ('IPAddress', ['10.0.0.0/8', '192.0.2.0/24', '203.0.113.7/32', '2001:db8::/32', '0.0.0.0/0']),
    'aws:CurrentTime': ('Date', ['2026-01-01T00:00:00Z', '2027-06-30T23:59:59Z', NOW, '2026-12-07', NOW_EPOCH]),
    'aws:EpochTime': ('Date', [NOW_EPOCH, '1700000000', '1900000000', '2026-06-01T00:00:00Z']),
    'aws:MultiFactorAuthAge': ('Numeric', ['3600', '300', '0', '86400.5']),
    'aws:SecureTransport': ('Bool', ['true', 'false', 'TRUE']),
    'aws:MultiFactorAuthPresent': ('Bool', ['true', 'false']),
}
OPERATORS = {
    'String': ('StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'),
    'ARN': ('ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringEquals', 'StringLike', 'StringNotLike'),
    'IPAddress': ('IpAddress', 'NotIpAddress'),
    'Date': ('DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'),
    'Numeric': ('NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan',
                'NumericGreaterThanEquals'),
    'Bool': ('Bool',),
}
OPERATORS['ArrayOfString'] = OPERATORS['String']
# The keys that say who is asking, drawn more often: they are what a CA policy is about.
WHO_KEYS = ('aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn')
OTHER_KEYS = tuple(key for key in KEYS if key not in WHO_KEYS and key != 'acm-pca:TemplateArn')


def _key_name(rng, key):
    """IAM compares condition key names without regard to case: sometimes write them otherwise."""
    return key.upper() if rng.random() < 0.04 else key


def _operator(rng, key):
    kind = KEYS[key][0]
    if rng.random() < 0.07:
        return 'Null'
    operator = rng.choice(OPERATORS[kind])
    roll = rng.random()
    if kind == 'ArrayOfString':
        # IAM requires a set operator on a multivalued key and documents nothing without one.
        operator = ('ForAnyValue:' if roll < 0.65 else 'ForAllValues:') + operator
    elif kind in ('String', 'ARN') and roll < 0.08:
        operator = rng.choice(('ForAnyValue:', 'ForAllValues:')) + operator
    if rng.random() < 0.07:
        operator += 'IfExists'
    return operator


def _values(rng, key, operator):
    if operator == 'Null':
        return rng.choice(('true', 'false'))
    values = KEYS[key][1]
    picked = rng.sample(values, 2) if rng.random() < 0.3 else [rng.choice(values)]
    return picked if len(picked) > 1 or rng.random() < 0.3 else picked[0]


def condition_block(rng, keys):
    """A Condition element testing ``keys`` (one operator each; two keys may share one)."""
    block = {}
    for key in keys:
        operator = _operator(rng, key)
        block.setdefault(operator, {})[_key_name(rng, key)] = _values(rng, key, operator)
    return block


# ---------------------------------------------------------------------------- statements

def _aws_principal(rng):
    account = rng.choice(list(ACCOUNTS))
    form = rng.choice(('account', 'account', 'root', 'role', 'role', 'user'))
    if form == 'account':
        return account
    if form == 'root':
        return root_arn(account)
    return principal_arn(account, 'role/pki-issuer' if form == 'role' else rng.choice(PRINCIPAL_NAMES))


def principal_element(rng):
    """``(element value, is_star)``."""
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(('*', {'AWS': '*'})), True
    if roll < 0.8:
        return {'AWS': _aws_principal(rng)}, False
    return {'AWS': sorted({_aws_principal(rng) for _draw in range(rng.choice((2, 3)))})}, False


def _actions(rng):
    roll = rng.random()
    if roll < 0.35:
        return ISSUE
    if roll < 0.6:
        return sorted(rng.sample(ACTIONS, rng.choice((2, 3, 5))))
    return rng.choice(ACTION_PATTERNS)


def statement(rng, effect, sid):
    """One statement; ``effect`` is ``Allow`` or ``Deny``."""
    result = {'Sid': sid} if sid else {}
    result['Effect'] = effect
    if rng.random() < (0.06 if effect == 'Allow' else 0.25):
        result['NotPrincipal'] = {'AWS': sorted({_aws_principal(rng) for _draw in range(rng.choice((1, 2)))})}
        is_star = True
    else:
        result['Principal'], is_star = principal_element(rng)
    if rng.random() < 0.06:
        result['NotAction'] = rng.choice(('acm-pca:RevokeCertificate', ISSUE, ['acm-pca:Get*', 'acm-pca:List*'], 'acm-pca:Describe*'))
    else:
        result['Action'] = _actions(rng)
    if rng.random() < 0.04:
        result['NotResource'] = rng.choice((OTHER_CA_ARN, CA_ARN))
    else:
        result['Resource'] = rng.choice(RESOURCES)
    keys = []
    if is_star and effect == 'Allow' and rng.random() < 0.85:
        keys.append(rng.choice(WHO_KEYS))
    elif rng.random() < 0.4:
        keys.append(rng.choice(WHO_KEYS))
    if rng.random() < 0.45:
        keys.append('acm-pca:TemplateArn')
    # Where and when a request comes from, MFA, tags: every operator family, less often than the
    # keys a CA policy is about (who asks, which template).
    if rng.random() < 0.15:
        keys.append(rng.choice(OTHER_KEYS))
    if keys:
        result['Condition'] = condition_block(rng, sorted(set(keys)))
    return result


READ_ACTIONS = [action for action in ACTIONS if action not in (ISSUE, 'acm-pca:RevokeCertificate')]


def _documented_statements(rng, principal, condition):
    """The two statements of the ACM PCA user guide's policy shapes (read, and issue with a
    template), for ``principal`` narrowed by ``condition`` (None: not narrowed)."""
    templates = sorted(rng.sample(TEMPLATES, rng.choice((1, 1, 2))))
    issue_condition = {'StringEquals': {'acm-pca:TemplateArn': [template_arn(name) for name in templates]}}
    for operator, tests in (condition or {}).items():
        issue_condition.setdefault(operator, {}).update(tests)
    read = {'Sid': 'Read', 'Effect': 'Allow', 'Principal': principal, 'Action': list(READ_ACTIONS), 'Resource': CA_ARN}
    if condition:
        read['Condition'] = condition
    issue = {'Sid': 'Issue', 'Effect': 'Allow', 'Principal': principal, 'Action': ISSUE, 'Resource': CA_ARN, 'Condition': issue_condition}
    return [read, issue]


def documented_policy(rng):
    """A policy of the shapes AWS documents for sharing a CA (and the org_sharing role and AWS
    RAM write): with accounts, with an organization, with OUs; sometimes with a RAM statement."""
    shape = rng.choice(('account', 'account', 'organization', 'units'))
    if shape == 'account':
        statements = _documented_statements(rng, {'AWS': rng.choice(list(ACCOUNTS))}, None)
    elif shape == 'organization':
        statements = _documented_statements(rng, '*', {'StringEquals': {'aws:PrincipalOrgID': rng.choice(
            (MEMBER_ORGANIZATION, OTHER_ORGANIZATION))}})
    else:
        paths = rng.sample((TEAM_OU + '*', NESTED_OU + '*', OTHER_OU + '*'), rng.choice((1, 2)))
        statements = _documented_statements(rng, '*', {'ForAnyValue:StringLike': {'aws:PrincipalOrgPaths': sorted(paths)}})
    if rng.random() < 0.25:
        statements.append({'Sid': '7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals', 'Effect': 'Allow',
                           'Principal': {'AWS': _aws_principal(rng)}, 'Action': [ISSUE, 'acm-pca:RevokeCertificate'],
                           'Resource': CA_ARN})
    return {'Version': '2012-10-17', 'Statement': statements}


def policy(rng):
    """A CA policy: two times in five a documented shape; otherwise drawn statement by statement,
    Allow-only three times in four, the rest with a Deny."""
    if rng.random() < 0.4:
        return documented_policy(rng)
    allows = rng.choice((1, 1, 2, 2, 3))
    effects = ['Allow'] * allows
    if rng.random() < 0.25:
        effects.insert(rng.randrange(allows + 1), 'Deny')
    statements = []
    for index, effect in enumerate(effects):
        sid = None if rng.random() < 0.15 else '%s%d' % (effect, index)
        statements.append(statement(rng, effect, sid))
    return {'Version': '2012-10-17', 'Statement': statements}


# ------------------------------------------------------------------------------- requests

CONTEXT_VALUES = (('aws:SourceIp', ('10.1.2.3', '192.0.2.10', '198.51.100.1', '2001:db8::5')),
                  ('aws:SecureTransport', ('true', 'false')), ('aws:MultiFactorAuthAge', ('300', '7200')),
                  ('aws:MultiFactorAuthPresent', ('true', 'false')), ('aws:PrincipalTag/team', ('pki', 'web')),
                  ('aws:PrincipalTag/project', ('pki', 'web')))


def _aim(rng, document):
    """What a request aimed at one Allow statement of ``document`` takes from it: ``(account,
    principal or None, action or None, template or None, condition keys)``, any of them None when
    the statement leaves it open."""
    allows = [item for item in document['Statement'] if item['Effect'] == 'Allow']
    target = rng.choice(allows)
    account = principal = action = template = None
    named = target.get('Principal', '*')
    named = [] if named == '*' else [named['AWS']] if isinstance(named['AWS'], str) else named['AWS']
    named = [value for value in named if value != '*']
    if named:
        value = rng.choice(named)
        if value.isdigit() or value.endswith(':root'):
            account = value if value.isdigit() else value.split(':')[4]
        else:
            principal = value
            account = value.split(':')[4]
    actions = target.get('Action')
    actions = [actions] if isinstance(actions, str) else actions or []
    concrete = [name for name in actions if name in ACTIONS]
    if concrete:
        action = rng.choice(concrete)
    keys = [key.lower() for tests in target.get('Condition', {}).values() for key in tests]
    for tests in target.get('Condition', {}).values():
        for key, values in tests.items():
            values = [values] if isinstance(values, str) else values
            names = [value.rsplit('template/', 1)[-1] for value in values if key.lower() == 'acm-pca:templatearn']
            names = [name for name in names if name in TEMPLATES]
            if names:
                template = rng.choice(names)
    return account, principal, action, template, keys


def request(rng, document):
    """A request in the shape ``pki.acmpca.access_check`` takes, from an account not the CA's.

    Seven in ten are aimed at an Allow statement of ``document`` (its principal, action,
    template and condition keys), so that the decision is not almost always an implicit deny.
    """
    account, principal, action, template, keys = _aim(rng, document) if rng.random() < 0.7 else (None, None, None, None, [])
    if account not in ACCOUNTS:
        account = rng.choice(list(ACCOUNTS))
    if principal is None:
        form = rng.choice(('account', 'root', 'role', 'role', 'user', 'app'))
        principal = {'account': account, 'root': root_arn(account), 'role': principal_arn(account, 'role/pki-issuer'),
                     'user': principal_arn(account, 'user/alice'), 'app': principal_arn(account, 'role/app')}[form]
    if action is None:
        action = ISSUE if rng.random() < 0.5 else rng.choice(ACTIONS)
    result = {'principal': principal, 'action': action.split(':', 1)[1] if rng.random() < 0.1 else action, 'resource': CA_ARN}
    if action == ISSUE and (template or rng.random() < 0.8):
        name = template if template and rng.random() < 0.8 else rng.choice(TEMPLATES)
        result['template'] = template_arn(name) if rng.random() < 0.3 else name
    organization, paths = ACCOUNTS[account]
    if organization and rng.random() < 0.85:
        result['organization_id'] = organization
        if rng.random() < 0.85:
            result['organizational_unit_paths'] = paths + ([OTHER_OU] if rng.random() < 0.05 else [])
    # No aws:SourceAccount or aws:SourceArn: IAM puts them only in the requests a service principal
    # makes for a resource owner (SERVICE_PRINCIPAL_CASES), never in an AWS principal's own.
    # IAM puts the time in every request: always given, so no answer depends on the clock.
    context = {'aws:CurrentTime': NOW, 'aws:EpochTime': NOW_EPOCH}
    for key, values in CONTEXT_VALUES:
        if rng.random() < (0.8 if key.lower() in keys else 0.2):
            context[key] = rng.choice(values)
    result['context'] = context
    return result


def generate(seed=SEED, count=COUNT):
    """``count`` cases ``{id, policy, request}``, the same for the same seed."""
    rng = random.Random(seed)
    generated = []
    for index in range(count):
        document = policy(rng)
        generated.append({'id': index, 'policy': document, 'request': request(rng, document)})
    return generated


def digest(cases):
    """A fingerprint of the cases, to tell whether a fixture was made from this generator."""
    text = json.dumps([[case['policy'], case['request']] for case in cases], sort_keys=True)
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


# ------------------------------------------------------------ what IAM puts in the request

def _account_of(principal):
    return principal if principal.isdigit() else principal.split(':')[4]


def simulator_request(case_request):
    """The simulator's request: the principal as an ARN, and the request context IAM builds.

    IAM puts ``aws:PrincipalAccount`` and ``aws:PrincipalArn`` in the context of every request by
    an AWS principal (IAM User Guide, "AWS global condition context keys"); an account ID stands
    for the account's root user. The other keys are there only when the request gives them.
    """
    principal = case_request['principal']
    account = _account_of(principal)
    principal = root_arn(account) if principal.isdigit() else principal
    action = case_request['action']
    context = {'aws:PrincipalAccount': account, 'aws:PrincipalArn': principal}
    if 'template' in case_request:
        template = case_request['template']
        context['acm-pca:TemplateArn'] = template if template.startswith('arn:') else template_arn(template)
    for field, key in (('organization_id', 'aws:PrincipalOrgID'), ('organizational_unit_paths', 'aws:PrincipalOrgPaths'),
                       ('source_account', 'aws:SourceAccount'), ('source_arn', 'aws:SourceArn')):
        if field in case_request:
            context[key] = case_request[field]
    context.update(case_request.get('context', {}))
    return {'principal': principal, 'action': action if ':' in action else 'acm-pca:' + action,
            'resource': case_request['resource'], 'resource_account': OWNER_ACCOUNT, 'context': context}


# ------------------------------------------------------------------ service principals, by hand

ACM = 'acm.amazonaws.com'
MEMBER_CERTIFICATES = 'arn:aws:acm:us-east-1:444455556666:certificate/*'


def _service_policy(principal, condition):
    return {'Version': '2012-10-17', 'Statement': [{
        'Sid': 'AcmIssues', 'Effect': 'Allow', 'Principal': principal, 'Action': [ISSUE, 'acm-pca:GetCertificate'],
        'Resource': CA_ARN, 'Condition': condition}]}


_BY_SOURCE_ACCOUNT = _service_policy({'Service': ACM}, {'StringEquals': {'aws:SourceAccount': '444455556666'}})
_BY_SOURCE_ARN = _service_policy({'Service': ACM}, {'ArnLike': {'aws:SourceArn': MEMBER_CERTIFICATES}})
_ACCOUNT_PRINCIPAL = _service_policy({'AWS': '444455556666'}, {'StringEquals': {'aws:SourceAccount': '444455556666'}})
_STAR_BY_SOURCE_ACCOUNT = _service_policy('*', {'StringEquals': {'aws:SourceAccount': '444455556666'}})


def _acm_request(**fields):
    return dict({'principal': ACM, 'action': 'acm-pca:GetCertificate', 'resource': CA_ARN}, **fields)


# Each decided by AWS's documentation, named in ``source``: IAM User Guide, "The confused deputy
# problem" (a service principal's grant narrowed with aws:SourceAccount or aws:SourceArn to the
# customer it acts for) and "AWS global condition context keys" (those keys are in the request
# only when a service principal calls on behalf of a resource; an absent key does not match).
SERVICE_PRINCIPAL_CASES = (
    {'name': 'source-account-named', 'policy': _BY_SOURCE_ACCOUNT, 'request': _acm_request(source_account='444455556666'),
     'expect': 'allowed', 'source': 'IAM User Guide, The confused deputy problem'},
    {'name': 'source-account-other', 'policy': _BY_SOURCE_ACCOUNT, 'request': _acm_request(source_account='777788889999'),
     'expect': 'implicitly_denied', 'source': 'IAM User Guide, The confused deputy problem'},
    {'name': 'source-account-absent', 'policy': _BY_SOURCE_ACCOUNT, 'request': _acm_request(),
     'expect': 'implicitly_denied', 'missing_context': ['aws:SourceAccount'],
     'source': 'IAM User Guide, AWS global condition context keys (aws:SourceAccount)'},
    {'name': 'source-arn-matching', 'policy': _BY_SOURCE_ARN,
     'request': _acm_request(source_arn='arn:aws:acm:us-east-1:444455556666:certificate/0a1b2c3d'),
     'expect': 'allowed', 'source': 'IAM User Guide, The confused deputy problem'},
    {'name': 'source-arn-other-account', 'policy': _BY_SOURCE_ARN,
     'request': _acm_request(source_arn='arn:aws:acm:us-east-1:777788889999:certificate/0a1b2c3d'),
     'expect': 'implicitly_denied', 'source': 'IAM User Guide, The confused deputy problem'},
    {'name': 'source-arn-absent', 'policy': _BY_SOURCE_ARN, 'request': _acm_request(source_account='444455556666'),
     'expect': 'implicitly_denied', 'missing_context': ['aws:SourceArn'],
     'source': 'IAM User Guide, AWS global condition context keys (aws:SourceArn)'},
    {'name': 'issue-with-template', 'policy': _BY_SOURCE_ACCOUNT,
     'request': _acm_request(action=ISSUE, template='EndEntityCertificate/V1', source_account='444455556666'),
     'expect': 'allowed', 'source': 'IAM User Guide, The confused deputy problem'},
    {'name': 'other-service', 'policy': _BY_SOURCE_ACCOUNT,
     'request': _acm_request(principal='ec2.amazonaws.com', source_account='444455556666'),
     'expect': 'implicitly_denied', 'source': 'IAM User Guide, AWS JSON policy elements: Principal (AWS service principals)'},
    {'name': 'account-principal-is-not-the-service', 'policy': _ACCOUNT_PRINCIPAL,
     'request': _acm_request(source_account='444455556666'),
     'expect': 'implicitly_denied', 'source': 'IAM User Guide, AWS JSON policy elements: Principal (AWS service principals)'},
    {'name': 'star-narrowed-by-source-account', 'policy': _STAR_BY_SOURCE_ACCOUNT,
     'request': _acm_request(source_account='444455556666'),
     'expect': 'allowed', 'source': 'IAM User Guide, AWS JSON policy elements: Principal (All principals) and The confused deputy problem'},
)
